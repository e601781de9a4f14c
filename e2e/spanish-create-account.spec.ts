// A patient whose browser asks for Spanish creates their account end to end: the create-account form answers
// the same whatever matched (the language changes the words, never what the answer reveals), every email the
// requests earn arrives in Spanish through the fake Resend, the setup link opens its page in Spanish, and the
// first sign-in lands on a Spanish portal.
import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import emails from "../messages/es/emails.json";
import links from "../messages/es/links.json";
import portal from "../messages/es/portal.json";
import signIn from "../messages/es/signIn.json";
import verification from "../messages/es/verification.json";
import { expectNoAxeViolations } from "./support/axe";
import { type SentEmail, waitForEmail } from "./support/mailbox";
import { signInAsStaff } from "./support/staff";
import { addPatient } from "./support/staff-patients";

test.use({ locale: "es-US" });

const PRACTICE = "Riverside Family Medicine";
const subject = (s: string) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} – ${PRACTICE}$`);

type Details = { email: string; lastName: string; month: string; day: string; year: string; zip: string };

/** From /login to the create-account form by its Spanish link, filled by its Spanish labels and sent. */
async function requestAccount(page: Page, d: Details): Promise<string> {
  await page.goto("/login");
  await page.getByRole("link", { name: signIn.login.register }).click();
  await expect(page.getByRole("heading", { name: verification.register.title })).toBeVisible();
  const f = verification.form;
  await page.getByLabel(f.email, { exact: true }).fill(d.email);
  await page.getByLabel(f.lastName, { exact: true }).fill(d.lastName);
  await page.getByLabel(f.month, { exact: true }).fill(d.month);
  await page.getByLabel(f.day, { exact: true }).fill(d.day);
  await page.getByLabel(f.year, { exact: true }).fill(d.year);
  await page.getByLabel(f.zip, { exact: true }).fill(d.zip);
  await page.getByRole("button", { name: f.sendLink }).click();
  await expect(page.getByRole("heading", { name: verification.sent.title })).toBeVisible();
  return page.getByRole("status").innerText();
}

/** The whole setup link as the email prints it, query and all. */
function setupLinkIn(email: SentEmail): URL {
  const m = /https?:\/\/[^\s"<>]+\/setup-account\?[^\s"<>]+/.exec(email.text ?? "");
  if (!m) throw new Error(`no setup link in "${email.subject}"`);
  return new URL(m[0]);
}

test("create an account in Spanish: one answer for every outcome, Spanish emails, the link opens in Spanish, a Spanish portal", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const run = randomUUID().slice(0, 5);
  const rosa = {
    chartNumber: `E2E-ES-${run}`,
    firstName: "Rosa",
    lastName: `Zavala${run}`,
    dateOfBirth: "03/15/1962",
    email: `rosa.${run}@example.com`,
    zip: "62704",
    portalAccess: true,
  };
  const tomas = { ...rosa, chartNumber: `E2E-ES2-${run}`, firstName: "Tomás", lastName: `Zamora${run}` };
  const staff = await browser.newPage({ locale: "en-US" });
  await signInAsStaff(staff);
  await addPatient(staff, rosa);
  await addPatient(staff, { ...tomas, email: `tomas.${run}@example.com`, portalAccess: false });
  await staff.close();

  const dob = { month: "3", day: "15", year: "1962", zip: "62704" };
  const since = Date.now();
  const wrongName = await requestAccount(page, { email: rosa.email, lastName: "Zavala", ...dob });
  const accessOff = await requestAccount(page, { email: `tomas.${run}@example.com`, lastName: tomas.lastName, ...dob });
  const unknown = await requestAccount(page, { email: `nadie.${run}@example.org`, lastName: rosa.lastName, ...dob });
  const matched = await requestAccount(page, { email: rosa.email, lastName: rosa.lastName, ...dob });
  await expectNoAxeViolations(page);
  expect(matched).toContain("Si los datos que escribió coinciden");
  for (const other of [wrongName, accessOff, unknown]) expect(other).toBe(matched);

  // The emails differ, in Spanish, and only the address on file learns anything about the chart.
  await waitForEmail({ to: rosa.email, subject: subject(emails.could_not_verify.subject), since });
  await waitForEmail({ to: `tomas.${run}@example.com`, subject: subject(emails.access_off.subject), since });
  const typed = await waitForEmail({
    to: `nadie.${run}@example.org`,
    subject: subject(emails.could_not_verify.subject),
    since,
  });
  expect(typed.text).toContain(emails.could_not_verify.check);
  const setup = await waitForEmail({ to: rosa.email, subject: subject(emails.setup_link.subject), since });
  const link = setupLinkIn(setup);
  expect(link.searchParams.get("lang")).toBe("es");

  // A fresh browser that asks for English still opens the emailed link in the email's language.
  const context = await browser.newContext({ locale: "en-US" });
  const english = await context.newPage();
  await english.goto(link.href);
  await expect(english).toHaveURL(/\/setup-account$/);
  await expect(english.locator("html")).toHaveAttribute("lang", "es");
  await expect(english.getByRole("heading", { name: links.setup.heading })).toBeVisible();
  await expectNoAxeViolations(english);
  const password = "linternas sobre el río tranquilo";
  await english.getByLabel(links.form.username, { exact: true }).fill(`rosa.${run}`);
  await english.getByLabel(links.form.newPassword, { exact: true }).fill(password);
  await english.getByLabel(links.form.confirm, { exact: true }).fill(password);
  await english.getByRole("button", { name: links.setup.submit }).click();

  await expect(english).toHaveURL(/\/login$/);
  await expect(english.getByText(signIn.flash.account_created)).toBeVisible();
  await english.getByLabel(signIn.login.password, { exact: true }).fill(password);
  await english.getByRole("button", { name: signIn.login.submit, exact: true }).click();
  await expect(english).toHaveURL(/\/portal$/);
  await expect(english.getByRole("heading", { name: portal.hello.replace("{name}", "Rosa") })).toBeVisible();
  await expect(english.locator("html")).toHaveAttribute("lang", "es");
  await expectNoAxeViolations(english);
  await context.close();
});
