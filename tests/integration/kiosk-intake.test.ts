import { createHmac } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "~/utils/db.server";
import { resetRateLimits } from "~/utils/rate-limit.server";
import { readFillToken } from "~/modules/surveys/fill-token.server";
import { action as pageSubmit, loader as pageLoader } from "~/routes/s.$code";
import { loader as thanksLoader } from "~/routes/s.$code_.thanks";
import { RATED } from "../support/citizen";

const answers = (value: number) => Object.fromEntries(RATED.map((n) => [n, value]));
const KIOSK = "kiosk-front";
// The tablet's one and only browser: every citizen at the counter carries the same cookie.
const COOKIE = "sqp_bid=99999999-8888-7777-6666-555555555555";
const caught = (p: Promise<unknown>) =>
  p.then(
    (r) => r as Response,
    (e: Response) => e,
  );

/** Loads the questionnaire as the kiosk does and returns the served fill token. */
async function serve(code: string, query = "") {
  const res = (await pageLoader({
    request: new Request(`http://localhost/s/${code}${query}`, { headers: { Cookie: COOKIE } }),
    params: { code },
    context: {},
  })) as Response;
  expect(res.status).toBe(200);
  return { token: (await res.json()).fillToken as string, setCookie: res.headers.get("Set-Cookie") };
}

function submit(code: string, fillToken: string, value = 4) {
  const request = new Request(`http://localhost/s/${code}`, {
    method: "POST",
    body: JSON.stringify({ answers: answers(value), fillToken }),
    headers: { "Content-Type": "application/json", Cookie: COOKIE },
  });
  return pageSubmit({ request, params: { code }, context: { clientIp: "10.3.0.1" } });
}

/** Submits as a citizen who took ten seconds: the fill-time check reads the clock at submission. */
async function submitAged(code: string, token: string, value = 4) {
  const later = Date.now() + 10_000;
  const clock = vi.spyOn(Date, "now").mockReturnValue(later);
  try {
    return await submit(code, token, value);
  } finally {
    clock.mockRestore();
  }
}

let officeId: number;

beforeAll(async () => {
  const office = await prisma.office.findUniqueOrThrow({ where: { name: "臺北市萬華區公所" }, select: { id: true } });
  officeId = office.id;
  const demo = await prisma.channel.findUniqueOrThrow({ where: { code: "demo" }, select: { versionId: true } });
  await prisma.channel.create({ data: { code: KIOSK, label: "一樓服務台平板", kind: "kiosk", officeId, versionId: demo.versionId } });
});

beforeEach(() => resetRateLimits());

describe("a kiosk channel on one shared browser", () => {
  it("stores ten citizens in a row as ten responses, none flagged as duplicates, the device id hashed", async () => {
    const first = await serve(KIOSK, "?device=counter-1");
    expect(first.setCookie).toBeNull();
    const served = [first.token];
    for (let i = 1; i < 10; i += 1) served.push((await serve(KIOSK, "?device=counter-1")).token);
    expect(new Set(served.map((t) => readFillToken(t, KIOSK)!.nonce)).size).toBe(10);

    for (const [i, token] of served.entries()) {
      const res = await submitAged(KIOSK, token, (i % 5) + 1);
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe(`/s/${KIOSK}/thanks?device=counter-1`);
    }
    const stored = await prisma.response.findMany({
      where: { channel: { code: KIOSK } },
      select: { duplicate: true, clientHash: true, fillNonce: true },
    });
    expect(stored).toHaveLength(10);
    expect(stored.every((r) => r.duplicate === false)).toBe(true);
    // One device, one hash; never the device id itself.
    expect(new Set(stored.map((r) => r.clientHash)).size).toBe(1);
    expect(stored[0].clientHash).not.toContain("counter-1");
    const expectedHash = createHmac("sha256", process.env.SESSION_SECRET!).update("client:device:counter-1").digest("hex").slice(0, 32);
    expect(stored[0].clientHash).toBe(expectedHash);
    expect(new Set(stored.map((r) => r.fillNonce)).size).toBe(10);
  });

  it("refuses the same serving sent twice with 400, storing it once", async () => {
    const { token } = await serve(KIOSK);
    expect((await submitAged(KIOSK, token)).status).toBe(302);
    const before = await prisma.response.count();
    const again = await submitAged(KIOSK, token);
    expect(again.status).toBe(400);
    expect((await again.json()).error).toBe("這份填答已經送出過了，請勿重複送出。");
    expect(await prisma.response.count()).toBe(before);
  });

  it("a QR channel still flags the same browser's second answer, and refuses a resent serving too", async () => {
    const one = await serve("demo");
    const two = await serve("demo");
    expect((await submitAged("demo", one.token)).status).toBe(302);
    expect((await submitAged("demo", two.token)).status).toBe(302);
    const latest = await prisma.response.findMany({
      where: { channel: { code: "demo" } },
      orderBy: { id: "desc" },
      take: 2,
      select: { duplicate: true },
    });
    expect(latest.map((r) => r.duplicate)).toEqual([true, false]);
    expect((await submitAged("demo", two.token)).status).toBe(400);
  });

  it("ten citizens in a minute stay within the counter's rate limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) statuses.push((await submitAged(KIOSK, (await serve(KIOSK)).token)).status);
    expect(statuses).toEqual(Array(10).fill(302));
  });

  it("refuses a malformed device id with 400 on the questionnaire and the thank-you page", async () => {
    for (const call of [
      caught(
        pageLoader({
          request: new Request(`http://localhost/s/${KIOSK}?device=${encodeURIComponent("<script>")}`),
          params: { code: KIOSK },
          context: {},
        }),
      ),
      caught(
        thanksLoader({
          request: new Request(`http://localhost/s/${KIOSK}/thanks?device=${"x".repeat(65)}`),
          params: { code: KIOSK },
          context: {},
        }),
      ),
    ]) {
      const res = await call;
      expect(res.status).toBe(400);
      expect((await res.json()).error).toContain("平板裝置代碼格式不正確");
    }
  });

  it("the thank-you page of a kiosk leads back to the questionnaire on the same device; a QR channel's has no device", async () => {
    const kiosk = (await thanksLoader({
      request: new Request(`http://localhost/s/${KIOSK}/thanks?device=counter-1`),
      params: { code: KIOSK },
      context: {},
    })) as Response;
    expect(await kiosk.json()).toMatchObject({ kiosk: true, again: `/s/${KIOSK}?device=counter-1` });
    const qr = (await thanksLoader({
      request: new Request("http://localhost/s/demo/thanks?device=counter-1"),
      params: { code: "demo" },
      context: {},
    })) as Response;
    expect(await qr.json()).toMatchObject({ kiosk: false, again: "/s/demo" });
  });
});
