import { expect, type Page } from "@playwright/test";
import { DEMO_AUTHENTICATORS } from "@/lib/second-factor/demo-authenticators";
import { totpCodeAt, totpStepAt } from "@/lib/second-factor/totp";

export const ADMIN = { email: "admin@demo.clinic", password: "demo-admin-password" };
export const FRONT_DESK = { email: "frontdesk@demo.clinic", password: "demo-frontdesk-password" };

type Who = { email: string; password: string };

// Every staff sign-in asks for a code from the demo authenticator app, and the server takes each 30-second step
// once per account (docs/security.md M2). The steps this test process used, so the next sign-in plays the app's
// next code (the server also accepts the step after the current one) or waits for it.
const usedSteps = new Map<string, number>();

export async function nextDemoCode(email: string): Promise<string> {
  const demo = DEMO_AUTHENTICATORS.find((d) => d.email === email);
  if (!demo) throw new Error(`no demo authenticator for ${email}`);
  for (;;) {
    const now = Date.now();
    const step = totpStepAt(new Date(now));
    const candidate = Math.max(step, (usedSteps.get(email) ?? -1) + 1);
    if (candidate <= step + 1) {
      usedSteps.set(email, candidate);
      return totpCodeAt(demo.secret, candidate);
    }
    await new Promise((r) => setTimeout(r, 30_000 - (now % 30_000) + 250));
  }
}

/** Types the demo app's code into the second-step page on screen, trying the next code if one was already used. */
export async function passStaffSecondStep(page: Page, email: string) {
  const field = page.getByLabel("Code from your authenticator app");
  for (let attempt = 0; attempt < 3; attempt++) {
    await expect(field).toBeVisible();
    await field.fill(await nextDemoCode(email));
    await page.getByRole("button", { name: "Continue" }).click();
    const outcome = await Promise.race([
      page
        .getByRole("heading", { name: "Patients", level: 1 })
        .waitFor()
        .then(() => "in" as const),
      page
        .getByText("That code did not work")
        .first()
        .waitFor()
        .then(() => "retry" as const),
    ]);
    if (outcome === "in") return;
  }
  throw new Error("the demo authenticator's codes were refused three times");
}

// Sessions already made in this test process, reused when still good so the suite does not wait for codes.
const sessions = new Map<string, Awaited<ReturnType<ReturnType<Page["context"]>["cookies"]>>>();

/**
 * Signs a staff member in and waits for the patient list. Reuses this process's earlier session of theirs when
 * it is still good, unless `fresh` asks for a new sign-in through the forms.
 */
export async function signInAsStaff(page: Page, who: Who = ADMIN, opts: { fresh?: boolean } = {}) {
  const saved = sessions.get(who.email);
  if (saved && !opts.fresh) {
    await page.context().addCookies(saved);
    await page.goto("/admin");
    if (new URL(page.url()).pathname === "/admin") {
      await expect(page.getByRole("heading", { name: "Patients", level: 1 })).toBeVisible();
      return;
    }
    await page.context().clearCookies();
  }
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password", { exact: true }).fill(who.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await passStaffSecondStep(page, who.email);
  await expect(page.getByRole("heading", { name: "Patients", level: 1 })).toBeVisible();
  sessions.set(
    who.email,
    (await page.context().cookies()).filter((c) => c.name.includes("authjs.session-token")),
  );
}
