// The development mailbox answers only this machine (issue 11 point 13): the trusted client address decides.
import { describe, expect, it } from "vitest";
import { isLoopbackAddress, isLoopbackClient } from "./loopback-client";

const h = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });

describe("isLoopbackAddress", () => {
  it.each(["127.0.0.1", "127.1.2.3", "::1", "[::1]", "::ffff:127.0.0.1"])("%s is this machine", (ip) => {
    expect(isLoopbackAddress(ip)).toBe(true);
  });
  it.each([
    "10.0.0.5",
    "192.168.1.20",
    "203.0.113.7",
    "::ffff:10.0.0.1",
    "fe80::1",
    "0.0.0.0",
    "unknown",
    "",
    "127.0.0.1.evil",
  ])("%s is not", (ip) => {
    expect(isLoopbackAddress(ip)).toBe(false);
  });
});

describe("isLoopbackClient (one trusted proxy hop, the default)", () => {
  it("a browser on this machine: Next writes the socket address", () => {
    expect(isLoopbackClient(h("127.0.0.1"))).toBe(true);
    expect(isLoopbackClient(h("::1"))).toBe(true);
  });
  it("a client elsewhere on the network is refused", () => {
    expect(isLoopbackClient(h("192.168.1.20"))).toBe(false);
  });
  it("through a proxy on this machine, the address the proxy saw decides, not the proxy's own", () => {
    // nginx appends the remote client; a forged entry to its left is ignored.
    expect(isLoopbackClient(h("127.0.0.1, 203.0.113.7"))).toBe(false);
    expect(isLoopbackClient(h("203.0.113.7, 127.0.0.1"))).toBe(true);
  });
  it("no address at all is not this machine", () => {
    expect(isLoopbackClient(h())).toBe(false);
  });
});
