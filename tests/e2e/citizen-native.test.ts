// The citizen survey before and without JavaScript: the server's native form answered in
// Chromium with scripts off, through to the stored row; a refused answer shown at its
// question; and a tap made before the page's scripts run, kept when SurveyJS takes over.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { prisma } from "~/utils/db.server";
import { appInBrowser } from "../support/app";
import { PHONE_VIEWPORT } from "../support/browser";
import { RATED } from "../support/citizen";
import { waitForHydration, watchErrors } from "../support/page";

const app = appInBrowser();

/** Chooses a rating in the native form by its label, as a thumb would. */
async function rateNative(page: Page, name: string, value: number) {
  await page
    .locator(`fieldset[data-question="${name}"] label`)
    .filter({ hasText: exactly(labelOf(value)) })
    .click();
}
const labelOf = (value: number) => ["", "非常不滿意", "不滿意", "普通", "滿意", "非常滿意"][value];
// "滿意" is part of "非常滿意" and "不滿意": match the whole label.
const exactly = (text: string) => new RegExp(`^\\s*${text}\\s*$`);

describe("the citizen survey without JavaScript", () => {
  it("is a native form that is answered, asks for the contact it reveals, and stores the response", async () => {
    const context = await app.browser.newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
    const page = await context.newPage();
    const comment = `無 JavaScript ${Date.now()}`;
    await page.goto(`${app.url}/s/demo`);
    await page.locator('form[data-survey-mode="native"]').waitFor();
    expect(await page.locator('fieldset[data-question="contact_name"]').count()).toBe(0);
    for (const name of RATED) await rateNative(page, name, name === "overall" ? 2 : 4);
    await page.locator('fieldset[data-question="comment"] textarea').fill(comment);
    await page.locator('fieldset[data-question="contact_consent"] label').filter({ hasText: "願意" }).click();
    // A person takes longer than the bot threshold of three seconds.
    await page.waitForTimeout(3_100);
    await page.getByRole("button", { name: "送出" }).click();

    // The consent revealed two questions: the page comes back with them and every answer kept.
    await page.getByRole("alert").getByText("依您的回答，還有題目需要填寫").waitFor();
    expect(await page.locator('fieldset[data-question="overall"] input:checked').evaluate((i) => i.parentElement!.textContent)).toBe(
      "不滿意",
    );
    expect(await page.locator('fieldset[data-question="comment"] textarea').inputValue()).toBe(comment);
    await page.locator('fieldset[data-question="contact_name"] input').fill("陳先生");
    await page.locator('fieldset[data-question="contact_phone"] input').fill("0922333444");
    await page.getByRole("button", { name: "送出" }).click();
    await page.waitForURL(`${app.url}/s/demo/thanks`);
    await page.getByRole("heading", { name: "感謝您的填答" }).waitFor();

    const stored = await prisma.response.findFirstOrThrow({
      where: { answers: { contains: comment } },
      select: { answers: true, answerRows: { select: { questionName: true, value: true } }, followUp: { select: { contact: true } } },
    });
    expect(JSON.parse(stored.answers)).toEqual({
      ...Object.fromEntries(RATED.map((n) => [n, n === "overall" ? 2 : 4])),
      comment,
      contact_consent: true,
    });
    expect(stored.answerRows).toHaveLength(RATED.length);
    expect(stored.followUp?.contact).toContain("陳先生");
    await context.close();
  });

  it("shows a refused answer at its question with the other answers kept, and stores nothing", async () => {
    const context = await app.browser.newContext({ javaScriptEnabled: false, viewport: PHONE_VIEWPORT });
    const page = await context.newPage();
    const comment = `漏答 ${Date.now()}`;
    await page.goto(`${app.url}/s/demo`);
    for (const name of RATED.filter((n) => n !== "env_signs")) await rateNative(page, name, 5);
    await page.locator('fieldset[data-question="comment"] textarea').fill(comment);
    await page.waitForTimeout(3_100);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "送出" }).click(),
    ]);
    expect(response.status()).toBe(400);
    const question = page.locator('fieldset[data-question="env_signs"]');
    await question.locator(".native-error").getByText("請填寫此問題").waitFor();
    expect(await question.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator('fieldset[data-question="env_clean"] input:checked').count()).toBe(1);
    expect(await page.locator('fieldset[data-question="comment"] textarea').inputValue()).toBe(comment);
    expect(await prisma.response.count({ where: { answers: { contains: comment } } })).toBe(0);
    await context.close();
  });
});

describe("the citizen survey while its scripts load", () => {
  it("keeps a tap made before hydration when SurveyJS takes over, through to the stored row", async () => {
    const context = await app.browser.newContext({ viewport: PHONE_VIEWPORT, hasTouch: true });
    const page = await context.newPage();
    const errors = watchErrors(page);
    // Hold every script until the citizen has tapped: the page is server markup only.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/build\/.*\.js$/, async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(`${app.url}/s/demo`, { waitUntil: "commit" });
    await page
      .locator('fieldset[data-question="env_clean"] label')
      .filter({ hasText: exactly("普通") })
      .tap();
    expect(await page.evaluate(() => document.documentElement.dataset.hydrated)).toBeUndefined();
    release();

    await page.locator('[data-survey-mode="surveyjs"]').waitFor();
    await waitForHydration(page);
    expect(await page.locator('form[data-survey-mode="native"]').count()).toBe(0);
    const chosen = page.locator('[data-name="env_clean"] .sd-rating__item--selected');
    expect(await chosen.textContent()).toContain("普通");

    // The rest through SurveyJS: the early tap is what the server stores.
    const comment = `早點的一下 ${Date.now()}`;
    const rate = (name: string, text: string) =>
      page
        .locator(`[data-name="${name}"] label`)
        .filter({ hasText: exactly(text) })
        .click();
    for (const name of ["env_signs", "env_facilities", "courtesy_attitude", "courtesy_active"]) await rate(name, "非常滿意");
    await page.getByRole("button", { name: "下一頁" }).click();
    for (const name of ["prof_knowledge", "prof_efficiency", "prof_clarity", "measures_online", "measures_info", "overall"])
      await rate(name, "滿意");
    await page.locator('[data-name="comment"] textarea').fill(comment);
    await page.getByRole("button", { name: "下一頁" }).click();
    await page.waitForTimeout(3_100);
    await page.getByRole("button", { name: "送出" }).click();
    await page.waitForURL(`${app.url}/s/demo/thanks`);
    const stored = await prisma.response.findFirstOrThrow({ where: { answers: { contains: comment } }, select: { answers: true } });
    expect(JSON.parse(stored.answers)).toMatchObject({ env_clean: 3, env_signs: 5, overall: 4 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("renders SurveyJS hidden behind the native form and shows it only once a press on the form has ended in its click", async () => {
    const context = await app.browser.newContext({ viewport: PHONE_VIEWPORT });
    const page = await context.newPage();
    const errors = watchErrors(page);
    // Hold SurveyJS's chunk until the finger is down on a native option.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/build\/_shared\/SurveyForm-[^/]*\.js$/, async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(`${app.url}/s/demo`);
    // Not waitForHydration: the held chunk keeps the network busy.
    await page.waitForSelector("html[data-hydrated]", { state: "attached" });
    const option = page.locator('fieldset[data-question="env_clean"] label').filter({ hasText: exactly("不滿意") });
    await option.scrollIntoViewIfNeeded();
    const box = (await option.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    release();

    // SurveyJS renders, settles and waits, unseen, while the finger is down.
    await page.locator(".survey-staged [data-survey-mode='surveyjs']").waitFor({ state: "attached" });
    await page.waitForTimeout(1_000);
    expect(await page.locator(".survey-staged").isVisible()).toBe(false);
    expect(await page.locator('form[data-survey-mode="native"]').isVisible()).toBe(true);

    // The finger lifts on the option it pressed: its click checks it, then SurveyJS takes over with it.
    await page.mouse.up();
    await page.locator('[data-survey-mode="surveyjs"]').waitFor({ state: "visible" });
    expect(await page.locator(".survey-staged").count()).toBe(0);
    expect(await page.locator('form[data-survey-mode="native"]').count()).toBe(0);
    expect(await page.locator('[data-name="env_clean"] .sd-rating__item--selected').textContent()).toContain("不滿意");
    expect(errors).toEqual([]);
    await context.close();
  });
});
