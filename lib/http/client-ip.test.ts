import { describe, expect, it } from "vitest";
import { clientIpFrom } from "./client-ip";

const h = (xff: string | null) => ({ get: (n: string) => (n === "x-forwarded-for" ? xff : null) });

describe("the caller's address for rate limits", () => {
  it("takes the address the nearest proxy saw, not what the caller wrote to its left", () => {
    expect(clientIpFrom(h("6.6.6.6, 203.0.113.7"))).toBe("203.0.113.7");
    expect(clientIpFrom(h("1.1.1.1, 2.2.2.2, 198.51.100.4"))).toBe("198.51.100.4");
  });
  it("uses the only entry when there is one, and 'unknown' when there is none", () => {
    expect(clientIpFrom(h("127.0.0.1"))).toBe("127.0.0.1");
    expect(clientIpFrom(h(null))).toBe("unknown");
  });
});
