// How long each kind of link works (docs/security.md T4), from configuration, with the words used in emails.
import { getConfig } from "@/lib/config";

export type LinkKind = "setup_self_service" | "setup_staff" | "reset";

export type LinkDuration = { ms: number; count: number; unit: "minute" | "hour" | "day" };

/** The lifetime as a count of a unit, so an email can name it in its own language. */
export function linkDuration(kind: LinkKind): LinkDuration {
  const c = getConfig();
  if (kind === "setup_self_service")
    return { ms: c.SETUP_LINK_HOURS * 3_600_000, count: c.SETUP_LINK_HOURS, unit: "hour" };
  if (kind === "setup_staff") return { ms: c.INVITE_LINK_DAYS * 86_400_000, count: c.INVITE_LINK_DAYS, unit: "day" };
  const m = c.RESET_LINK_MINUTES;
  return m % 60 === 0 ? { ms: m * 60_000, count: m / 60, unit: "hour" } : { ms: m * 60_000, count: m, unit: "minute" };
}

export function linkLifetime(kind: LinkKind): { ms: number; words: string } {
  const d = linkDuration(kind);
  return { ms: d.ms, words: plural(d.count, d.unit) };
}

/** "1 hour", "24 hours": how a page or an email names a lifetime or a window. */
export const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
