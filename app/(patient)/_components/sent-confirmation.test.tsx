// The "Check your email" confirmation cannot know which email went out (docs/security.md V1): it names the
// lifetime of both kinds of link, each as configured, and never one that is wrong for the other (issue 15.3).
import { NextIntlClientProvider } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Locale } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/messages";
import { importWithEnv } from "@/test-kit/import-with-env";
import { SentConfirmation } from "./sent-confirmation";

afterEach(() => {
  vi.unstubAllEnvs();
});

const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/\s+/g, " ");
const render = (node: React.ReactNode, locale: Locale = "en") =>
  text(
    renderToStaticMarkup(
      <NextIntlClientProvider locale={locale} messages={MESSAGES[locale]} timeZone="UTC">
        {node}
      </NextIntlClientProvider>,
    ),
  );

describe("SentConfirmation", () => {
  it("names the setup link's lifetime and the reset link's, by default 24 hours and 1 hour", () => {
    const page = render(<SentConfirmation what="setup" />);
    expect(page).toContain("we have sent a link to set up your account to the email address you entered");
    expect(page).toContain("a link to set up your account works for 24 hours");
    expect(page).toContain("a link to choose a new password for 1 hour");
    expect(page).not.toMatch(/within 1 hour/);
  });

  it("reads both lifetimes from the configuration", async () => {
    const { SentConfirmation } = await importWithEnv(
      { SETUP_LINK_HOURS: "48", RESET_LINK_MINUTES: "30" },
      () => import("./sent-confirmation"),
    );
    const page = render(<SentConfirmation what="reset" />);
    expect(page).toContain("a link to set up your account works for 48 hours");
    expect(page).toContain("a link to choose a new password for 30 minutes");
    expect(page).not.toMatch(/24 hours|1 hour\b/);
  });

  it("speaks Spanish, lifetimes included, and names the second-step link on that form", () => {
    const page = render(<SentConfirmation what="secondStep" />, "es");
    expect(page).toContain("Revise su correo electrónico");
    expect(page).toContain("funciona durante 24 horas");
    expect(page).toContain("quitar su segundo paso para iniciar sesión durante 1 hora");
  });
});
