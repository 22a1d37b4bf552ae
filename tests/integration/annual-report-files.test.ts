import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { read, utils } from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { buildAnnualFile } from "~/modules/reports/annual-file.server";
import { annualReport } from "~/modules/reports/annual-report.server";
import type { AnnualRequest } from "~/modules/reports/annual-request.server";
import type { ReportFormat } from "~/modules/reports/report-formats";
import { action, loader } from "~/routes/_staff.reports.annual";
import { loader as jobsLoader } from "~/routes/reports.annual.jobs";
import { loader as fileLoader } from "~/routes/reports.jobs.$id.file";
import { reportWorker } from "~/modules/reports/report-worker.server";
import { formRequest, get, run, sessionCookie } from "../support/session";

const SECTIONS = ["調查設計", "抽樣設計", "調查結果", "趨勢分析", "同性質機關比較", "電話禮貌測試", "不滿意追蹤", "檢討改善", "計算方法"];

async function request(format: ReportFormat, officeName?: string): Promise<AnnualRequest> {
  const latest = await prisma.response.findFirstOrThrow({ orderBy: { month: "desc" }, select: { month: true } });
  const authority = await prisma.authority.findFirstOrThrow({ select: { id: true, name: true } });
  const office = officeName
    ? await prisma.office.findUniqueOrThrow({ where: { name: officeName }, select: { id: true, name: true } })
    : null;
  return {
    scope: office
      ? { authorityId: authority.id, officeId: office.id, name: office.name }
      : { authorityId: authority.id, officeId: null, name: authority.name },
    year: Number(latest.month.slice(0, 4)),
    format,
  };
}

function pdfText(bytes: Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), "pdf-"));
  const file = path.join(dir, "report.pdf");
  writeFileSync(file, bytes);
  const out = spawnSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  expect(out.status).toBe(0);
  return out.stdout;
}

describe("annual report files", () => {
  it("the PDF is A4 with the Chinese text extractable, every section, page numbers and the analyst's note", async () => {
    const req = await request("pdf");
    const analyst = await prisma.user.findUniqueOrThrow({ where: { email: "analyst@demo.gov.tw" }, select: { id: true } });
    await prisma.reportNote.create({
      data: { scope: `authority:${req.scope.authorityId}`, year: req.year, text: "明年加強櫃台引導。", updatedById: analyst.id },
    });
    const file = await buildAnnualFile(prisma, req);
    expect(file.contentType).toBe("application/pdf");
    expect(new TextDecoder().decode(file.bytes.slice(0, 5))).toBe("%PDF-");
    expect(file.fileName).toBe(`${req.year - 1911}年度服務品質趨勢報告_${req.scope.name}.pdf`);
    const text = pdfText(file.bytes);
    expect(text).toContain(`${req.year - 1911}年度服務品質趨勢報告`);
    for (const s of SECTIONS) expect(text).toContain(s);
    expect(text).toContain("第 1 頁");
    expect(text).toContain("明年加強櫃台引導。");
    expect(text).toContain("Holm");
    const info = spawnSync("pdfinfo", ["-"], { input: Buffer.from(file.bytes), encoding: "utf8" });
    // pdfinfo names the paper A4 within its own tolerance; Chromium rounds 297 mm to 842.88 pt.
    expect(info.stdout).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info.stdout)![1])).toBeGreaterThan(8);
    const fonts = spawnSync("pdffonts", ["-"], { input: Buffer.from(file.bytes), encoding: "utf8" });
    // Chromium embeds Noto Sans CJK (CFF outlines) as Type 3 glyph programs: embedded, with a
    // Unicode map so the text stays extractable. Every font must be embedded and mapped.
    const fontRows = fonts.stdout
      .split("\n")
      .slice(2)
      .filter((l) => l.trim());
    expect(fontRows.length).toBeGreaterThan(0);
    expect(fontRows.filter((l) => !/\byes\s+(yes|no)\s+yes\s+\d+\s+\d+\s*$/.test(l))).toEqual([]);
  });

  it("ODS and XLSX have one sheet per table with numbers stored as numbers, matching the report's tables", async () => {
    const req = await request("ods");
    const { model } = await annualReport(prisma, req.scope, req.year);
    const tables = model.sections.flatMap((s) => s.tables);
    for (const format of ["ods", "xlsx"] as const) {
      const file = await buildAnnualFile(prisma, { ...req, format });
      const book = read(file.bytes, { type: "array" });
      // Every table, then the text sections (檢討改善, 計算方法) as one-column sheets.
      expect(book.SheetNames.length).toBe(tables.length + model.sections.filter((s) => s.tables.length === 0).length);
      const results = tables.find((t) => t.id === "results")!;
      const sheet = book.Sheets[book.SheetNames[tables.indexOf(results)]];
      const rows = utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
      expect(rows[0]).toEqual(results.columns.map((c) => c.label));
      expect(rows.length - 1).toBe(results.rows.length);
      expect(sheet.C2.t).toBe("n");
      expect(sheet.C2.v).toBe(results.rows[0][2]);
      expect(sheet.D2.t).toBe("n");
      expect(sheet.D2.v).toBeCloseTo(results.rows[0][3] as number, 12);
    }
  });

  it("an office's report covers that office; the CSV is the main table", async () => {
    const req = await request("csv", "臺北市萬華區公所");
    const file = await buildAnnualFile(prisma, req);
    const lines = new TextDecoder().decode(file.bytes).trim().split("\r\n");
    expect(lines).toHaveLength(6);
    expect(lines.slice(1).every((l) => l.includes("臺北市萬華區公所"))).toBe(true);
  });
});

describe("annual report page and jobs", () => {
  it("an analyst saves a note, starts a report, and downloads it when the job is done; a second start joins the same job", async () => {
    const cookie = await sessionCookie("analyst@demo.gov.tw", "Analyst#2026");
    const page = await run(loader, get("/reports/annual", cookie));
    expect(page.status).toBe(200);
    const data = await page.json();
    expect(data.model.sections.map((s: { title: string }) => s.title)).toEqual(SECTIONS);
    const query = `?authority=${data.scope.authorityId}&year=${data.year}`;

    const saved = await run(
      action,
      formRequest(`/reports/annual${query}`, cookie, { csrf: data.csrf, intent: "note", note: "加強電話禮貌訓練。" }),
    );
    expect(saved.status).toBe(200);
    const after = await (await run(loader, get(`/reports/annual${query}`, cookie))).json();
    expect(after.note).toBe("加強電話禮貌訓練。");
    expect(after.model.sections.find((s: { title: string }) => s.title === "檢討改善").paragraphs).toContain("加強電話禮貌訓練。");

    const started = await run(action, formRequest(`/reports/annual${query}`, cookie, { csrf: data.csrf, intent: "start", format: "xlsx" }));
    expect(started.status).toBe(302);
    await run(action, formRequest(`/reports/annual${query}`, cookie, { csrf: data.csrf, intent: "start", format: "xlsx" }));
    expect(await prisma.reportJob.count({ where: { format: "xlsx" } })).toBe(1);
    const job = await prisma.reportJob.findFirstOrThrow({ where: { format: "xlsx" } });
    for (let i = 0; i < 120 && (await prisma.reportJob.findUniqueOrThrow({ where: { id: job.id } })).status !== "done"; i++) {
      await new Promise((r) => setTimeout(r, 500));
    }
    const listed = await (await run(loader, get(`/reports/annual${query}`, cookie))).json();
    expect(listed.jobs.find((j: { format: string }) => j.format === "xlsx")).toMatchObject({ status: "done", progress: 100 });
    // What the page polls: the same jobs, without the report's figures.
    const polled = await run(jobsLoader, get(`/reports/annual/jobs${query}`, cookie));
    expect(polled.headers.get("Cache-Control")).toBe("no-store");
    expect(await polled.json()).toEqual({ jobs: listed.jobs });
    const file = await run(fileLoader, get(`/reports/jobs/${job.id}/file`, cookie), { id: String(job.id) });
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Disposition")).toContain(`annual-report-${data.year - 1911}-job-${job.id}.xlsx`);
    expect(read(new Uint8Array(await file.arrayBuffer()), { type: "array" }).SheetNames.length).toBeGreaterThan(8);

    // Another office's manager does not learn the job exists.
    const manager = await sessionCookie("manager@demo.gov.tw", "Manager#2026");
    expect((await run(fileLoader, get(`/reports/jobs/${job.id}/file`, manager), { id: String(job.id) })).status).toBe(404);
    expect((await run(fileLoader, get(`/reports/jobs/abc/file`, cookie), { id: "abc" })).status).toBe(404);
    await reportWorker().stop();
  }, 120_000);

  it("refuses bad input with zh-TW messages: a year out of range, another authority, a too-long note, an unknown format", async () => {
    const cookie = await sessionCookie("analyst@demo.gov.tw", "Analyst#2026");
    expect((await run(loader, get("/reports/annual?year=abc", cookie))).status).toBe(400);
    const other = await prisma.authority.create({ data: { name: "桃園市政府民政局" } });
    expect((await run(loader, get(`/reports/annual?authority=${other.id}&year=2026`, cookie))).status).toBe(403);
    const otherJobs = await run(jobsLoader, get(`/reports/annual/jobs?authority=${other.id}&year=2026`, cookie));
    expect(otherJobs.status).toBe(403);
    expect((await otherJobs.json()).error).toMatch(/[\u4e00-\u9fff]/);
    expect((await run(jobsLoader, get("/reports/annual/jobs?year=abc", cookie))).status).toBe(400);
    const { csrf } = await (await run(loader, get("/reports/annual", cookie))).json();
    const long = await run(action, formRequest("/reports/annual", cookie, { csrf, intent: "note", note: "字".repeat(10_001) }));
    expect(long.status).toBe(400);
    expect((await long.json()).error).toContain("10000");
    expect((await run(action, formRequest("/reports/annual", cookie, { csrf, intent: "start", format: "docx" }))).status).toBe(400);
    expect((await run(action, formRequest("/reports/annual", cookie, { csrf: "wrong", intent: "note", note: "x" }))).status).toBe(403);
    const evaluator = await sessionCookie("evaluator@demo.gov.tw", "Evaluator#2026");
    expect((await run(loader, get("/reports/annual", evaluator))).status).toBe(403);
    expect((await run(jobsLoader, get("/reports/annual/jobs", evaluator))).status).toBe(403);
  });
});
