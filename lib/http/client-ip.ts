// The caller's address for rate limits, kept only as a keyed hash.
import { createHmac } from "node:crypto";
import { getConfig } from "@/lib/config";

/**
 * The address the outermost trusted proxy saw: the entry `hops` places from the right of X-Forwarded-For.
 * Each trusted proxy appends the address it received the request from, so entries further left are whatever
 * the caller sent and would let anyone pick a fresh address per request. Next's own server writes the socket
 * address only when the header is missing, so the app must sit behind a proxy that appends (nginx:
 * `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`); TLS needs one anyway.
 */
export function clientIpFrom(
  headers: { get(name: string): string | null },
  hops = getConfig().TRUSTED_PROXY_HOPS,
): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  // Fewer entries than proxies means a proxy was bypassed or misconfigured: the left-most is the best we have.
  const ip = entries.length
    ? entries[Math.max(0, entries.length - hops)]
    : headers.get("x-real-ip")?.trim() || "unknown";
  return ip.slice(0, 64);
}

export function ipHash(ip: string): string {
  return createHmac("sha256", getConfig().AUTH_SECRET).update(`ip:${ip}`).digest("hex").slice(0, 32);
}
