// The "Check your email" confirmation cannot know which email went out (docs/security.md V1): it names the
// lifetime of both kinds of link, each as configured, and never one that is wrong for the other (issue 15.3).
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { importWithEnv } from "@/test-kit/import-with-env";
import { SentConfirmation } from "./sent-confirmation";

afterEach(() => {
  vi.unstubAllEnvs();
});

const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/\s+/g, " ");

describe("SentConfirmation", () => {
  it("names the setup link's lifetime and the reset link's, by default 24 hours and 1 hour", () => {
    const page = text(renderToStaticMarkup(<SentConfirmation what="a link to set up your account" />));
    expect(page).toContain("a link to set up your account works for 24 hours");
    expect(page).toContain("a link to choose a new password for 1 hour");
    expect(page).not.toMatch(/within 1 hour/);
  });

  it("reads both lifetimes from the configuration", async () => {
    const { SentConfirmation } = await importWithEnv(
      { SETUP_LINK_HOURS: "48", RESET_LINK_MINUTES: "30" },
      () => import("./sent-confirmation"),
    );
    const page = text(renderToStaticMarkup(<SentConfirmation what="a link to reset your password" />));
    expect(page).toContain("a link to set up your account works for 48 hours");
    expect(page).toContain("a link to choose a new password for 30 minutes");
    expect(page).not.toMatch(/24 hours|1 hour\b/);
  });
});
