import { describe, expect, it } from "vitest";
import { sanitizeDefinition, sanitizeSurveyHtml } from "~/modules/surveys/sanitize.server";

describe("sanitizeSurveyHtml", () => {
  it.each([
    ["<p>說明</p><script>alert(1)</script>", "<p>說明</p>"],
    ['<img src="https://example.org/a.png" onerror="alert(1)">', '<img src="https://example.org/a.png" />'],
    ['<img src="data:image/svg+xml,<svg onload=alert(1)>">', "<img />"],
    ['<img src="//evil.example/a.png">', "<img />"],
    ['<a href="javascript:alert(1)">連結</a>', "<a>連結</a>"],
    ['<a href="https://www.gov.tw" target="_blank" onclick="x()">政府網站</a>', '<a href="https://www.gov.tw">政府網站</a>'],
    ['<iframe src="https://example.org"></iframe><style>body{display:none}</style>', ""],
    ['<div style="position:fixed" class="note"><b>粗體</b></div>', '<div class="note"><b>粗體</b></div>'],
    ["<svg><script>alert(1)</script></svg>", ""],
    ['<form action="https://evil.example"><input name="x"></form>', ""],
  ])("%s → %s", (input, output) => {
    expect(sanitizeSurveyHtml(input)).toBe(output);
  });
});

describe("sanitizeDefinition", () => {
  it("cleans html questions at any depth, localized texts and the completion pages, and nothing else", () => {
    const definition = {
      title: "<b>標題不是 HTML，原樣保留</b>",
      completedHtml: "<p>謝謝</p><script>x()</script>",
      completedHtmlOnCondition: [{ expression: "{overall} < 3", html: '<p onclick="x()">抱歉</p>' }],
      pages: [
        {
          elements: [
            {
              type: "panel",
              name: "p",
              elements: [
                { type: "html", name: "h", html: { default: "<i>a</i><script></script>", "zh-tw": "<u>乙</u><img src=x onerror=y>" } },
              ],
            },
            { type: "text", name: "html", title: "名為 html 的題目" },
          ],
        },
      ],
    };
    expect(sanitizeDefinition(definition)).toEqual({
      ...definition,
      completedHtml: "<p>謝謝</p>",
      completedHtmlOnCondition: [{ expression: "{overall} < 3", html: "<p>抱歉</p>" }],
      pages: [
        {
          elements: [
            {
              type: "panel",
              name: "p",
              elements: [{ type: "html", name: "h", html: { default: "<i>a</i>", "zh-tw": '<u>乙</u><img src="x" />' } }],
            },
            { type: "text", name: "html", title: "名為 html 的題目" },
          ],
        },
      ],
    });
  });
});
