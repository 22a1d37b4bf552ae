import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { htmlToPdf } from "~/modules/reports/pdf.server";
import { AppError } from "~/utils/errors";

const dir = mkdtempSync(path.join(tmpdir(), "pdf-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs one of poppler's tools on the PDF and returns what it printed. */
function poppler(tool: "pdftotext" | "pdfinfo" | "pdfimages", pdf: Uint8Array, args: string[] = []): string {
  const file = path.join(dir, `${tool}-${Date.now()}.pdf`);
  writeFileSync(file, pdf);
  const out = spawnSync(`/usr/bin/${tool}`, [...args, file, ...(tool === "pdftotext" ? ["-"] : [])], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`${tool} failed: ${out.stderr}`);
  return out.stdout;
}

// Two pages: the second heading starts a new page. The chart is drawn 3 s after load (a
// printer that does not wait prints within about one), and only then is the caption
// written and readiness signalled, so a printer that does not wait prints neither.
const REPORT = `<!doctype html>
<html lang="zh-Hant-TW"><head><meta charset="utf-8">
<style>
  body { font-family: "Noto Sans CJK TC", "Noto Sans TC", sans-serif; }
  h2 { break-before: page; }
  .band { background: #dbeafe; }
</style>
<script>window.__reportPending = true;</script>
</head><body>
<h1>調查設計</h1>
<p class="band">本年度以分層抽樣調查各機關的洽公民眾。</p>
<h2>趨勢分析</h2>
<canvas id="chart" width="400" height="200"></canvas>
<p id="caption"></p>
<script>
  setTimeout(() => {
    const ctx = document.getElementById("chart").getContext("2d");
    ctx.fillStyle = "#1d4ed8";
    [40, 80, 120, 90].forEach((h, i) => ctx.fillRect(20 + i * 90, 200 - h, 60, h));
    document.getElementById("caption").textContent = "圖一：各月整體滿意度";
    window.__reportReady = true;
  }, 3000);
</script>
</body></html>`;

/** The strings of the PDF's `/Title` entries (document info and bookmarks), which Chromium writes as UTF-16BE hex. */
function titleStrings(pdf: Uint8Array): string[] {
  const raw = Buffer.from(pdf).toString("latin1");
  return [...raw.matchAll(/\/Title <FEFF([0-9A-F]*)>/g)].map((m) => Buffer.from(m[1], "hex").swap16().toString("utf16le"));
}

describe("htmlToPdf", () => {
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = await htmlToPdf(REPORT, { title: "服務品質年度報告" });
  }, 60_000);

  it("prints an A4 PDF whose Chinese text, footer and chart survive, after the page's charts are ready", () => {
    expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");

    const info = poppler("pdfinfo", pdf);
    expect(info).toMatch(/^Pages:\s+2$/m);
    expect(info).toMatch(/^Page size:.*\(A4\)$/m);
    expect(info).toMatch(/^Title:\s+服務品質年度報告$/m);
    expect(info).toMatch(/^Tagged:\s+yes$/m);

    const pages = poppler("pdftotext", pdf, ["-layout"]).split("\f");
    expect(pages[0]).toContain("調查設計");
    expect(pages[0]).toContain("本年度以分層抽樣調查各機關的洽公民眾。");
    expect(pages[0]).toContain("第 1 頁，共 2 頁");
    expect(pages[1]).toContain("趨勢分析");
    expect(pages[1]).toContain("圖一：各月整體滿意度");
    expect(pages[1]).toContain("第 2 頁，共 2 頁");

    // The canvas prints as a 400 × 200 image on the second page.
    const images = poppler("pdfimages", pdf, ["-list"])
      .split("\n")
      .slice(2)
      .map((line) => line.trim().split(/\s+/));
    expect(images.some(([page, , type, width, height]) => page === "2" && type === "image" && width === "400" && height === "200")).toBe(
      true,
    );
  });

  it("gives the headings as bookmarks, so the reader shows a table of contents", () => {
    expect(Buffer.from(pdf).toString("latin1")).toMatch(/\/Outlines \d+ 0 R/);
    expect(titleStrings(pdf)).toEqual(expect.arrayContaining(["調查設計", "趨勢分析"]));
  });

  it("fails with a clear error when the page never signals that its charts are ready", async () => {
    const stuck = `<!doctype html><html><head><script>window.__reportPending = true;</script></head><body><p>x</p></body></html>`;
    await expect(htmlToPdf(stuck, { title: "x", readyTimeoutMs: 2_000 })).rejects.toThrow(/__reportReady within 2 s/);
  }, 60_000);

  it("says in Chinese that Chromium is missing", async () => {
    vi.stubEnv("CHROMIUM_PATH", path.join(dir, "no-chromium"));
    vi.resetModules();
    try {
      const { htmlToPdf: withoutChromium } = await import("~/modules/reports/pdf.server");
      const { AppError: FreshAppError } = await import("~/utils/errors");
      const failure = await withoutChromium(REPORT, { title: "x" }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(FreshAppError);
      expect((failure as AppError).message).toBe("伺服器未安裝 Chromium，無法產生 PDF。");
      expect((failure as AppError).status).toBe(503);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
