// The caller's address for rate limits, kept only as a keyed hash.
import { createHmac } from "node:crypto";
import { getConfig } from "@/lib/config";

/**
 * The right-most X-Forwarded-For entry: the address the nearest proxy (or Next's own server) saw. Entries to
 * its left are whatever the caller sent, so using them would let anyone pick a fresh address per request.
 * Deploy behind a reverse proxy that appends the client address (nginx: $proxy_add_x_forwarded_for).
 */
export function clientIpFrom(headers: { get(name: string): string | null }): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  const ip = forwarded || headers.get("x-real-ip")?.trim() || "unknown";
  return ip.slice(0, 64);
}

export function ipHash(ip: string): string {
  return createHmac("sha256", getConfig().AUTH_SECRET).update(`ip:${ip}`).digest("hex").slice(0, 32);
}
