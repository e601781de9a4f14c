// Helpers for the patient-facing journeys.
import { expect, type Page } from "@playwright/test";
import { emailsTo } from "./mailbox";

export type VerificationDetails = {
  email: string;
  lastName: string;
  month: string;
  day: string;
  year: string;
  zip: string;
};

export const DEMO_PATIENT_PASSWORD = "demo-patient-password";
export const PRACTICE_PHONE = "(555) 010-2000";

export async function fillVerification(page: Page, d: VerificationDetails) {
  await page.getByLabel("Email").fill(d.email);
  await page.getByLabel("Last name").fill(d.lastName);
  await page.getByLabel("Month").fill(d.month);
  await page.getByLabel("Day").fill(d.day);
  await page.getByLabel("Year").fill(d.year);
  await page.getByLabel("ZIP code").fill(d.zip);
}

/** Fills a verification form already on screen, submits it and waits for "Check your email". */
export async function submitVerification(
  page: Page,
  d: VerificationDetails,
  button: "Send me a link" | "Email me my username" = "Send me a link",
) {
  await fillVerification(page, d);
  await page.getByRole("button", { name: button }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
}

/** Signs in on /login (the page must already be open) and waits for the portal greeting. */
export async function signInAsPatient(page: Page, username: string, password: string, firstName: string) {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole("heading", { name: `Hello, ${firstName}` })).toBeVisible();
}

/**
 * Polls the fake Resend server for `ms` and fails as soon as any email to `to` (since `since`) shows up.
 * The worker handles a request within about a second, so a few seconds of silence means nothing was queued.
 */
export async function expectNoEmailsTo(to: string, since: number, ms = 4_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await emailsTo(to, since);
    expect(
      found.map((m) => m.subject),
      `emails to ${to}`,
    ).toEqual([]);
    if (Date.now() >= deadline) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}
