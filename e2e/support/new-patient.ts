// A patient of a spec's own, so a journey that adds second steps or signs in never changes a demo patient other
// specs rely on: added by staff, account made through the emailed setup link.
import { randomUUID } from "node:crypto";
import { type Browser, expect } from "@playwright/test";
import { linkIn, waitForEmail } from "./mailbox";
import { submitVerification } from "./patient";
import { signInAsStaff } from "./staff";
import { addPatient } from "./staff-patients";

export type NewPatient = {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  username: string;
  password: string;
};

export async function newPatientWithAccount(
  browser: Browser,
  o: { firstName: string; lastName: string; tag: string; dob: { month: string; day: string; year: string } },
): Promise<NewPatient> {
  const first = o.firstName.toLowerCase();
  const run = randomUUID().slice(0, 5);
  const p = {
    firstName: o.firstName,
    lastName: `${o.lastName}${o.tag}${run}`,
    email: `${first}.${o.tag}${run}@example.com`,
    username: `${first}.${o.tag}${run}`,
    password: "lanterns along the quiet canal",
  };
  const staff = await browser.newPage();
  await signInAsStaff(staff);
  const id = await addPatient(staff, {
    chartNumber: `E2E-${o.tag}-${run}`,
    firstName: p.firstName,
    lastName: p.lastName,
    dateOfBirth: `${o.dob.month.padStart(2, "0")}/${o.dob.day.padStart(2, "0")}/${o.dob.year}`,
    email: p.email,
    zip: "62704",
    portalAccess: true,
  });
  await staff.close();
  const page = await browser.newPage();
  const since = Date.now();
  await page.goto("/register");
  await submitVerification(page, { email: p.email, lastName: p.lastName, ...o.dob, zip: "62704" });
  const mail = await waitForEmail({ to: p.email, subject: /Create your Patient Portal account/, since });
  await page.goto(linkIn(mail, "/setup-account"));
  await page.getByLabel("Username").fill(p.username);
  await page.getByLabel("New password", { exact: true }).fill(p.password);
  await page.getByLabel("Confirm new password").fill(p.password);
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.close();
  return { id, ...p };
}
