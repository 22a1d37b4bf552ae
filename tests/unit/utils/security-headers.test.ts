import { describe, expect, it } from "vitest";
import { cspNonce, isSignedInRequest, securityHeaders } from "~/utils/security-headers.server";

describe("securityHeaders", () => {
  it("allows scripts from our origin and the nonce only, and no framing", () => {
    const h = securityHeaders({ nonce: "abc123", https: false });
    expect(h["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc123'");
    expect(h["Content-Security-Policy"]).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(h["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(h["X-Frame-Options"]).toBe("DENY");
    expect(h["Strict-Transport-Security"]).toBeUndefined();
  });

  it("sends HSTS only over HTTPS", () => {
    expect(securityHeaders({ nonce: "n", https: true })["Strict-Transport-Security"]).toMatch(/^max-age=31536000/);
  });

  it("draws a different nonce each time", () => {
    expect(cspNonce()).not.toBe(cspNonce());
    expect(cspNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("knows a signed-in request by our session cookie", () => {
    expect(isSignedInRequest("a=1; sqp_session=xyz")).toBe(true);
    expect(isSignedInRequest("not_sqp_session=1")).toBe(false);
    expect(isSignedInRequest(undefined)).toBe(false);
  });
});
