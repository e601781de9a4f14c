// The caller's address for rate limits, kept only as a keyed hash.
import { createHmac } from "node:crypto";
import { getConfig } from "@/lib/config";

/** The left-most X-Forwarded-For entry (set by Next's server or the practice's proxy), else "unknown". */
export function clientIpFrom(headers: { get(name: string): string | null }): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || headers.get("x-real-ip")?.trim() || "unknown";
  return ip.slice(0, 64);
}

export function ipHash(ip: string): string {
  return createHmac("sha256", getConfig().AUTH_SECRET).update(`ip:${ip}`).digest("hex").slice(0, 32);
}
