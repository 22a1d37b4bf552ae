import { describe, expect, it } from "vitest";
import { listenHost } from "~/utils/env.server";

describe("listenHost", () => {
  it("listens on loopback only behind a trusted proxy, so X-Forwarded-For cannot come from anyone else", () => {
    expect(listenHost({ TRUST_PROXY: "1" })).toBe("127.0.0.1");
  });

  it("lets HOST choose, and listens on every interface without a proxy", () => {
    expect(listenHost({ TRUST_PROXY: "1", HOST: "10.0.0.5" })).toBe("10.0.0.5");
    expect(listenHost({ HOST: "0.0.0.0" })).toBe("0.0.0.0");
    expect(listenHost({})).toBeUndefined();
  });
});
