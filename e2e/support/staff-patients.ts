// Staff adding patients through the "Add patient" page, for specs that need patients of their own.
// Give them last names that sort after "L": the patient list shows 25 a page, and other specs look for demo
// patients on its first page.
import { expect, type Page } from "@playwright/test";

export type NewPatient = {
  chartNumber: string;
  firstName: string;
  lastName: string;
  /** MM/DD/YYYY */
  dateOfBirth: string;
  email?: string;
  zip?: string;
  portalAccess?: boolean;
};

/** Fills the Add patient form (the page must be open) and presses the button. */
export async function fillAddPatient(page: Page, p: NewPatient) {
  await page.getByLabel("Chart number").fill(p.chartNumber);
  await page.getByLabel("First name").fill(p.firstName);
  await page.getByLabel("Last name").fill(p.lastName);
  await page.getByLabel("Date of birth").fill(p.dateOfBirth);
  if (p.email !== undefined) await page.getByLabel("Email", { exact: true }).fill(p.email);
  if (p.zip !== undefined) await page.getByLabel("ZIP code").fill(p.zip);
  if (p.portalAccess) await page.getByLabel("Patient Can Access Portal").check();
  await page.getByRole("button", { name: "Add patient" }).click();
}

/** Adds the patient as a signed-in staff member and returns their id (from the dash's address). */
export async function addPatient(page: Page, p: NewPatient): Promise<string> {
  await page.goto("/admin/patients/new");
  await fillAddPatient(page, p);
  await expect(page.getByRole("region", { name: "Patient information" })).toContainText(p.chartNumber);
  const id = new URL(page.url()).pathname.split("/").pop()!;
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id;
}

/** Every link in an email: http(s) addresses in the text, and every href/src in the HTML. */
export function linksInEmail(email: { text?: string; html?: string }): string[] {
  const text = [...(email.text ?? "").matchAll(/https?:\/\/[^\s"'<>)\]]+/g)].map((m) => m[0]);
  const html = [...(email.html ?? "").matchAll(/\b(?:href|src)\s*=\s*["']([^"']*)["']/gi)].map((m) =>
    m[1].replace(/&amp;/g, "&"),
  );
  return [...text, ...html];
}
