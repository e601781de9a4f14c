// How long each kind of link works (docs/security.md T4), from configuration, with the words used in emails.
import { getConfig } from "@/lib/config";

export type LinkKind = "setup_self_service" | "setup_staff" | "reset";

export function linkLifetime(kind: LinkKind): { ms: number; words: string } {
  const c = getConfig();
  if (kind === "setup_self_service")
    return { ms: c.SETUP_LINK_HOURS * 3_600_000, words: plural(c.SETUP_LINK_HOURS, "hour") };
  if (kind === "setup_staff") return { ms: c.INVITE_LINK_DAYS * 86_400_000, words: plural(c.INVITE_LINK_DAYS, "day") };
  const m = c.RESET_LINK_MINUTES;
  return { ms: m * 60_000, words: m % 60 === 0 ? plural(m / 60, "hour") : plural(m, "minute") };
}

/** "1 hour", "24 hours": how a page or an email names a lifetime or a window. */
export const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
