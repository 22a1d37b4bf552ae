import { describe, expect, it } from "vitest";
import { isCrossOriginWrite } from "~/utils/same-origin.server";

const req = (method: string, headers: Record<string, string>, host = "sqp.gov.tw") => ({
  method,
  header: (name: string) => headers[name],
  host,
});

describe("isCrossOriginWrite", () => {
  it("lets reads through from anywhere", () => {
    expect(isCrossOriginWrite(req("GET", { "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isCrossOriginWrite(req("HEAD", { origin: "https://evil.example" }))).toBe(false);
  });

  it.each(["cross-site", "same-site"])("refuses a write a browser marks %s", (site) => {
    expect(isCrossOriginWrite(req("POST", { "sec-fetch-site": site }))).toBe(true);
    expect(isCrossOriginWrite(req("DELETE", { "sec-fetch-site": site }))).toBe(true);
  });

  it("accepts a write from our own pages or typed by the user", () => {
    expect(isCrossOriginWrite(req("POST", { "sec-fetch-site": "same-origin", origin: "https://evil.example" }))).toBe(false);
    expect(isCrossOriginWrite(req("POST", { "sec-fetch-site": "none" }))).toBe(false);
  });

  it("falls back to Origin against the host when the browser sends no Sec-Fetch-Site", () => {
    expect(isCrossOriginWrite(req("POST", { origin: "https://sqp.gov.tw" }))).toBe(false);
    expect(isCrossOriginWrite(req("POST", { origin: "https://sqp.gov.tw:8443" }))).toBe(true);
    expect(isCrossOriginWrite(req("POST", { origin: "null" }))).toBe(true);
    expect(isCrossOriginWrite(req("POST", { origin: "https://evil.example" }))).toBe(true);
  });

  it("lets a client without either header through: no page can drive it", () => {
    expect(isCrossOriginWrite(req("POST", {}))).toBe(false);
  });
});
