import { describe, expect, it } from "vitest";
import { isPostgresUrl } from "~/utils/database-url";
import { prisma, sqliteConnection } from "~/utils/db.server";
import { submitResponse } from "~/modules/surveys/responses.server";
import { writeResponse, type NewResponse } from "~/modules/surveys/response-store.server";
import { RATED } from "../support/citizen";

const answers = (value = 4, extra: Record<string, unknown> = {}) => ({ ...Object.fromEntries(RATED.map((n) => [n, value])), ...extra });

describe("the citizen write path (prepared statements, group commit)", () => {
  // PostgreSQL's write path has a pooled connection of its own (the tests below run on both).
  it.skipIf(isPostgresUrl())("runs on Prisma's own connection: a temporary table made on one is seen by the other", async () => {
    const db = await sqliteConnection();
    db.exec(
      "CREATE TEMP TABLE IF NOT EXISTS same_connection (x INTEGER); DELETE FROM same_connection; INSERT INTO same_connection VALUES (7)",
    );
    const rows = await prisma.$queryRawUnsafe<Array<{ x: bigint | number }>>("SELECT x FROM temp.same_connection");
    expect(rows.map((r) => Number(r.x))).toEqual([7]);
    db.exec("DROP TABLE temp.same_connection");
  });

  it("stores 40 responses sent at once, each once with its own answer rows, as Prisma reads them back", async () => {
    const now = new Date("2026-11-20T03:04:05.678Z");
    const before = await prisma.response.count();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => submitResponse({ code: "demo", answers: answers(1 + (i % 5), { comment: `batch-${i}` }), now })),
    );
    const ids = results.map((r) => (r.ok ? r.id : 0));
    expect(ids.every((id) => id > 0)).toBe(true);
    expect(new Set(ids).size).toBe(40);
    expect(await prisma.response.count()).toBe(before + 40);
    const stored = await prisma.response.findMany({
      where: { id: { in: ids } },
      select: { id: true, answers: true, submittedAt: true, month: true, duplicate: true, _count: { select: { answerRows: true } } },
    });
    for (const [i, id] of ids.entries()) {
      const row = stored.find((r) => r.id === id);
      expect(JSON.parse(row!.answers).comment).toBe(`batch-${i}`);
      expect(row!.submittedAt.toISOString()).toBe(now.toISOString());
      expect(row!.month).toBe("2026-11");
      expect(row!._count.answerRows).toBe(RATED.length);
      expect(row!.duplicate).toBe(false);
    }
    // Dissatisfied ones (1 and 2 overall) opened their cases in the same transaction.
    const cases = await prisma.followUpCase.findMany({ where: { responseId: { in: ids } }, select: { responseId: true, createdAt: true } });
    const low = results.filter((r, i) => r.ok && 1 + (i % 5) <= 2);
    expect(cases.map((c) => c.responseId).sort()).toEqual(low.map((r) => (r.ok ? r.id : 0)).sort());
    expect(cases.every((c) => c.createdAt.toISOString() === now.toISOString())).toBe(true);
  });

  it("refuses a replayed fill token in the same batch without losing the others", async () => {
    const nonce = `nonce-${Date.now()}`;
    const now = new Date();
    const [first, replay, other] = await Promise.all([
      submitResponse({ code: "demo", answers: answers(5), nonce, now }),
      submitResponse({ code: "demo", answers: answers(5), nonce, now }),
      submitResponse({ code: "demo", answers: answers(4, { comment: "另一位" }), nonce: `${nonce}-b`, now }),
    ]);
    // One of the two with the same token is stored, the other refused (on PostgreSQL either may arrive first).
    const [stored, refused] = first.ok ? [first, replay] : [replay, first];
    expect(stored.ok).toBe(true);
    expect(refused).toMatchObject({ ok: false, status: 400 });
    expect(other.ok).toBe(true);
    expect(await prisma.response.count({ where: { fillNonce: { in: [nonce, `${nonce}-b`] } } })).toBe(2);
  });

  it("rolls back a response whose statement fails, alone: the others of its batch, their answers and statistics stay", async () => {
    const channel = await prisma.channel.findUniqueOrThrow({
      where: { code: "demo" },
      select: { id: true, versionId: true, officeId: true },
    });
    const month = "2026-02";
    const response = (answers: string, value: number | null = 5): NewResponse => ({
      channelId: channel.id,
      versionId: channel.versionId,
      officeId: channel.officeId,
      unitId: null,
      answers,
      submittedAt: new Date("2026-02-10T02:00:00Z"),
      month,
      durationMs: null,
      clientHash: null,
      fillNonce: null,
      duplicateSince: null,
      ratings: RATED.map((questionName) => ({ questionName, dimension: "courtesy", value: value as number, scaleMin: 1, scaleMax: 5 })),
      followUp: null,
    });
    const stat = () =>
      prisma.monthlyStat.findUnique({
        where: {
          officeId_month_versionId_dimension: { officeId: channel.officeId, month, versionId: channel.versionId, dimension: "courtesy" },
        },
      });
    const before = (await stat())?.n ?? 0;
    const [responses, answerRows] = [await prisma.response.count(), await prisma.answer.count()];
    // Answers without a value (a NOT NULL column): its response row is inserted, then its answers fail, on either engine.
    const [good, bad, later] = await Promise.allSettled([
      writeResponse(response('{"first":1}')),
      writeResponse(response('{"second":2}', null)),
      writeResponse(response('{"third":3}')),
    ]);
    expect(good).toMatchObject({ status: "fulfilled", value: { ok: true } });
    expect(bad.status).toBe("rejected");
    expect(later).toMatchObject({ status: "fulfilled", value: { ok: true } });
    expect(await prisma.response.count()).toBe(responses + 2);
    expect(await prisma.answer.count()).toBe(answerRows + 2 * RATED.length);
    expect((await stat())?.n).toBe(before + 2);
  });

  it("flags the second answer of one browser in the same batch as a duplicate", async () => {
    const clientKey = `same-browser-${Date.now()}`;
    const now = new Date();
    const results = await Promise.all([1, 2].map(() => submitResponse({ code: "demo", answers: answers(4), clientKey, now })));
    // The one written second is the duplicate; which request that is may vary on
    // PostgreSQL, where reading the channel is a round trip of its own.
    const written = results.map((r) => (r.ok ? { id: r.id, duplicate: r.duplicate } : null)).sort((a, b) => a!.id - b!.id);
    expect(written.map((w) => w?.duplicate)).toEqual([false, true]);
  });

  it("waits for an open Prisma transaction instead of writing inside it, so its rollback keeps the response", async () => {
    let submitted: ReturnType<typeof submitResponse> | undefined;
    const marker = `during-transaction-${Date.now()}`;
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.auditLog.count();
        submitted = submitResponse({ code: "demo", answers: answers(4, { comment: marker }) });
        await new Promise((r) => setTimeout(r, 30));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    const result = await submitted!;
    expect(result.ok).toBe(true);
    expect(await prisma.response.count({ where: { answers: { contains: marker } } })).toBe(1);
  });
});
