import { describe, expect, it } from "vitest";
import { clientIpFrom } from "./client-ip";

const h = (xff: string | null) => ({ get: (n: string) => (n === "x-forwarded-for" ? xff : null) });

describe("the caller's address for rate limits", () => {
  it("behind one proxy, takes the address that proxy saw, not what the caller wrote to its left", () => {
    expect(clientIpFrom(h("6.6.6.6, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientIpFrom(h("1.1.1.1, 2.2.2.2, 198.51.100.4"), 1)).toBe("198.51.100.4");
  });
  it("behind two proxies (a load balancer, then nginx), takes the address the outer one saw", () => {
    expect(clientIpFrom(h("6.6.6.6, 203.0.113.7, 10.0.0.5"), 2)).toBe("203.0.113.7");
    // A caller rotating its own entry changes nothing the limiter keys on.
    expect(clientIpFrom(h("7.7.7.7, 203.0.113.7, 10.0.0.5"), 2)).toBe("203.0.113.7");
  });
  it("reads the configured number of proxies, one by default", () => {
    expect(clientIpFrom(h("6.6.6.6, 203.0.113.7"))).toBe("203.0.113.7");
  });
  it("with fewer entries than proxies, uses the left-most; 'unknown' when there is none", () => {
    expect(clientIpFrom(h("203.0.113.7"), 2)).toBe("203.0.113.7");
    expect(clientIpFrom(h("127.0.0.1"), 1)).toBe("127.0.0.1");
    expect(clientIpFrom(h(null), 1)).toBe("unknown");
    expect(clientIpFrom(h(" , "), 1)).toBe("unknown");
  });
});
