import { describe, expect, it } from "vitest";
import { createSurveyModel } from "~/modules/surveys/model";

describe("createSurveyModel", () => {
  it("names untitled pages by their step for the progress bar, keeping titled pages' own titles", () => {
    const model = createSurveyModel({
      showProgressBar: "top",
      pages: [
        { name: "page1", elements: [{ type: "text", name: "a" }] },
        { name: "page2", title: "服務評價", elements: [{ type: "text", name: "b" }] },
        { name: "page3", navigationTitle: "結尾", elements: [{ type: "text", name: "c" }] },
      ],
    });
    expect(model.pages.map((p) => p.renderedNavigationTitle)).toEqual(["第 1 頁", "服務評價", "結尾"]);
    // Only the navigation name changes: no heading is added to the untitled page.
    expect(model.pages[0].title).toBe("");
  });
});
