// Every lifetime a page or an email names comes from the configuration (docs/security.md T4): with values other
// than the defaults, the words change, and the emails print those words and no default lifetime.
import { afterEach, describe, expect, it, vi } from "vitest";
import { importWithEnv } from "@/test-kit/import-with-env";
import type { EmailMessage } from "@/lib/email/render-email";
import { linkLifetime } from "./link-lifetime";

const practice = { name: "Lakeside Clinic", phone: "(555) 123-4567", address: "9 Harbor Road, Lakeside, ST 00001" };
const DEFAULT_WORDS = /24 hours|7 days|1 hour\b/;

afterEach(() => {
  vi.unstubAllEnvs();
});

/** linkLifetime as the given environment configures it. */
async function configure(env: Record<string, string>) {
  return (await importWithEnv(env, () => import("./link-lifetime"))).linkLifetime;
}

describe("link lifetimes come from the configuration", () => {
  it("defaults: setup 24 hours, reset 1 hour, staff invitation 7 days", () => {
    expect(linkLifetime("setup_self_service")).toEqual({ ms: 24 * 3_600_000, words: "24 hours" });
    expect(linkLifetime("reset")).toEqual({ ms: 3_600_000, words: "1 hour" });
    expect(linkLifetime("setup_staff")).toEqual({ ms: 7 * 86_400_000, words: "7 days" });
  });

  it("other values change the words and the lifetime", async () => {
    let linkLifetime = await configure({ SETUP_LINK_HOURS: "48", RESET_LINK_MINUTES: "90", INVITE_LINK_DAYS: "3" });
    expect(linkLifetime("setup_self_service")).toEqual({ ms: 48 * 3_600_000, words: "48 hours" });
    expect(linkLifetime("reset")).toEqual({ ms: 90 * 60_000, words: "90 minutes" });
    expect(linkLifetime("setup_staff")).toEqual({ ms: 3 * 86_400_000, words: "3 days" });
    linkLifetime = await configure({ SETUP_LINK_HOURS: "1", RESET_LINK_MINUTES: "120", INVITE_LINK_DAYS: "1" });
    expect(
      [linkLifetime("setup_self_service"), linkLifetime("reset"), linkLifetime("setup_staff")].map((l) => l.words),
    ).toEqual(["1 hour", "2 hours", "1 day"]);
  });

  it("every email with a link names the configured lifetime, and no default one", async () => {
    const env = { SETUP_LINK_HOURS: "48", RESET_LINK_MINUTES: "30", INVITE_LINK_DAYS: "3" };
    const { linkLifetime, renderEmail } = await importWithEnv(env, async () => ({
      ...(await import("./link-lifetime")),
      ...(await import("@/lib/email/render-email")),
    }));
    const link = "https://portal.test/setup-account?token=t";
    const setup = linkLifetime("setup_self_service").words;
    const reset = linkLifetime("reset").words;
    const staff = linkLifetime("setup_staff").words;
    const messages: [EmailMessage, string][] = [
      [{ template: "setup_link", link, validFor: setup, via: "self_service" }, "48 hours"],
      [{ template: "reset_link", link, validFor: reset, via: "self_service" }, "30 minutes"],
      [{ template: "already_registered", username: "pat", resetLink: link, validFor: reset }, "30 minutes"],
      [{ template: "no_account_yet", setupLink: link, validFor: setup }, "48 hours"],
      [{ template: "staff_invite", link, validFor: staff, staffName: "Jordan Lee" }, "3 days"],
    ];
    for (const [message, words] of messages) {
      const { html, text } = await renderEmail(message, practice);
      expect(text, message.template).toContain(words);
      expect(html, message.template).toContain(words);
      expect(text, message.template).not.toMatch(DEFAULT_WORDS);
    }
  });
});
