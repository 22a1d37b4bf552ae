import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { appInBrowser } from "../support/app";
import { login } from "../support/login";

/**
 * A page on another port of the same host (same site, other origin: SameSite=Lax cookies
 * still go along) tries to act for a signed-in admin, once with an auto-submitting form and
 * once with a fetcher-style `?_data=` post. Both must get 403 and change nothing.
 */
const app = appInBrowser();
let evil: Server;
let evilUrl: string;

const EMAIL = "intruder@evil.example";

function evilPage(target: string): string {
  return `<!doctype html><html><body>
<form id="f" method="post" action="${target}/admin/users">
  <input name="email" value="${EMAIL}"><input name="name" value="入侵者">
  <input name="password" value="Intruder#2026!x"><input name="role" value="admin">
</form>
<script>
  fetch(${JSON.stringify(`${target}/admin/users?_data=routes%2F_staff.admin.users._index`)}, {
    method: "POST", mode: "no-cors", credentials: "include",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "email=${encodeURIComponent(EMAIL)}&name=x&password=Intruder%232026!x&role=admin",
  }).finally(() => document.getElementById("f").submit());
</script></body></html>`;
}

beforeAll(async () => {
  evil = createServer((req, res) => {
    const body =
      req.url === "/frame" ? `<!doctype html><iframe src="${app.url}/follow-ups" width="800" height="600"></iframe>` : evilPage(app.url);
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(body);
  });
  await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
  // localhost and 127.0.0.1 differ as origins; the same host name with another port is the same site.
  evilUrl = `http://localhost:${(evil.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => evil.close(() => resolve())));

describe("writes from another origin", () => {
  it("are refused with 403 before any action runs, for a form post and a fetcher post alike", async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await login(page, app.url, "admin@demo.gov.tw", "Admin#2026");
    const refused: Array<{ url: string; status: number }> = [];
    page.on("response", (r) => {
      if (r.request().method() === "POST" && r.url().startsWith(`${app.url}/admin/users`))
        refused.push({ url: r.url(), status: r.status() });
    });
    await page.goto(evilUrl);
    await page.waitForURL(`${app.url}/admin/users`);
    await page.getByText("拒絕來自其他網站的送出要求").waitFor();
    expect(refused.map((r) => r.status)).toEqual([403, 403]);
    expect(refused.some((r) => r.url.includes("_data="))).toBe(true);
    expect(await prisma.user.count({ where: { email: EMAIL } })).toBe(0);

    // The admin's own pages still save: the same form from our origin goes through.
    await page.goto(`${app.url}/admin/users`);
    const res = await page.evaluate(async () => {
      const body = new URLSearchParams({ email: "colleague@demo.gov.tw", name: "同仁", password: "Harbour#2026-x", role: "admin" });
      return (await fetch("/admin/users?_data=routes%2F_staff.admin.users._index", { method: "POST", body })).status;
    });
    expect(res).toBeLessThan(400);
    expect(await prisma.user.count({ where: { email: "colleague@demo.gov.tw" } })).toBe(1);
    await context.close();
  });

  it("from scripts without a browser's origin headers and without our cookie still pass (the public API, tokens)", async () => {
    const res = await fetch(`${app.url}/login`, { method: "POST", body: new URLSearchParams({ email: "x@y.z", password: "wrong" }) });
    expect(res.status).toBe(400);
  });
});

describe("response headers", () => {
  it("carry a fresh script nonce, refuse framing by another site and keep signed-in pages out of every cache", async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await login(page, app.url, "manager@demo.gov.tw", "Manager#2026");
    const first = (await page.goto(`${app.url}/follow-ups`))!.headers();
    const second = (await page.goto(`${app.url}/follow-ups`))!.headers();
    const nonce = (csp: string) => /script-src 'self' 'nonce-([A-Za-z0-9+/=]{24})'/.exec(csp)?.[1];
    expect(nonce(first["content-security-policy"])).toBeDefined();
    expect(nonce(second["content-security-policy"])).not.toBe(nonce(first["content-security-policy"]));
    expect(first["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(first["x-frame-options"]).toBe("DENY");
    expect(first["cache-control"]).toBe("no-store");
    // Plain http here: HSTS only over HTTPS.
    expect(first["strict-transport-security"]).toBeUndefined();

    const messages: string[] = [];
    page.on("console", (m) => messages.push(m.text()));
    await page.goto(`${evilUrl}/frame`);
    await page.waitForTimeout(1_000);
    expect(messages.some((m) => /frame-ancestors|X-Frame-Options/.test(m))).toBe(true);
    expect(await page.frames()[1]?.locator("text=不滿意追蹤").count()).toBe(0);
    await context.close();
  });
});

describe("an admin-written html question on the public page", () => {
  it("shows its text, sanitized on the server: no script, handler or javascript: link reaches the page", async () => {
    const office = await prisma.office.findFirstOrThrow({ select: { id: true } });
    const json = {
      title: "安全測試問卷",
      pages: [
        {
          elements: [
            {
              type: "html",
              name: "intro",
              html: `<p>歡迎填答說明</p><img src="/no-such.png" onerror="window.__pwned = 1"><script>window.__pwned2 = 1</script><a href="javascript:window.__pwned3=1">連結</a><iframe src="https://example.org"></iframe>`,
            },
            { type: "rating", name: "overall", title: "整體滿意度", isRequired: true, rateValues: [1, 2, 3, 4, 5] },
          ],
        },
      ],
    };
    const definition = await prisma.surveyDefinition.create({
      data: { key: "xss-probe", title: "安全測試問卷", kind: "custom", versions: { create: { version: 1, json: JSON.stringify(json) } } },
      select: { versions: { select: { id: true } } },
    });
    await prisma.channel.create({ data: { code: "xss-probe", label: "測試", officeId: office.id, versionId: definition.versions[0].id } });

    const page = await app.browser.newPage();
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${app.url}/s/xss-probe`);
    await page.getByText("歡迎填答說明").waitFor();
    await page.waitForLoadState("networkidle");
    await page.getByText("連結").click();
    await page.waitForTimeout(300);
    expect(
      await page.evaluate(() => [window as unknown as Record<string, unknown>].map((w) => [w.__pwned, w.__pwned2, w.__pwned3])),
    ).toEqual([[undefined, undefined, undefined]]);
    const question = page.locator(".survey-page");
    expect(await question.locator("script, iframe, [onerror]").count()).toBe(0);
    expect(await page.getByText("連結").getAttribute("href")).toBeNull();
    // Nothing was left for the CSP to block: the server removed it (the CSP stays as the second line).
    expect(violations).toEqual([]);
    await page.close();
  });
});

describe("bodies over the limit", () => {
  /** A fetch on one keep-alive connection after another: a reset connection fails the second. */
  const followUp = async () => (await fetch(`${app.url}/login`)).status;

  it("get a 413 with a zh-TW message when declared too large, and the connection goes on working", async () => {
    const big = "x=" + "a".repeat(200 * 1024);
    const res = await fetch(`${app.url}/login`, { method: "POST", body: new URLSearchParams({ email: big, password: "x" }) });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/資料過大（上限 64 KB）/);
    expect(await followUp()).toBe(200);
  });

  it("get a 413 when a chunked body runs over, not a reset", async () => {
    const chunk = new TextEncoder().encode(JSON.stringify({ answers: { note: "b".repeat(16 * 1024) } }).slice(0, 16 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 10) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${app.url}/api/v1/channels/demo/responses`, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/json" },
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/64 KB/);
    expect(await followUp()).toBe(200);
  });

  it("leave form posts of a normal size alone", async () => {
    const res = await fetch(`${app.url}/login`, { method: "POST", body: new URLSearchParams({ email: "x@y.z", password: "wrong-one" }) });
    expect(res.status).toBe(400);
  });
});
