// An emailed link opened by a client that refuses cookies (a privacy setting, some in-app browsers, a link
// checker) reaches the clean page without the link's token. That page must not call a good link "not valid":
// it says the link could not be read here and what to do, and the link still works afterwards in a browser
// (docs/security.md T6: opening a link changes nothing).
import { expect, test, type Page } from "@playwright/test";
import { linkIn, waitForEmail } from "./support/mailbox";
import { submitVerification } from "./support/patient";
import { addPatient } from "./support/staff-patients";
import { signInAsStaff } from "./support/staff";

test.describe.configure({ mode: "serial" });

// A patient of this spec's own, with portal access and no account yet.
const NEW_PATIENT = {
  chartNumber: "MRN-NC-1",
  firstName: "Rosalind",
  lastName: "Yardley",
  dateOfBirth: "03/14/1962",
  email: "rosalind.yardley@example.test",
  zip: "62795",
  portalAccess: true,
};

/** What a client without a cookie jar sees: it follows the redirect, and sends no cookie back. */
async function openWithoutCookies(link: string) {
  const res = await fetch(link, { redirect: "follow" });
  const html = await res.text();
  const text = html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
  return { status: res.status, redirected: res.redirected, url: new URL(res.url), text };
}

async function expectCouldNotRead(link: string, path: string, askForNew: string) {
  for (let i = 0; i < 2; i++) {
    const page = await openWithoutCookies(link);
    expect(page.redirected, "the token was not moved out of the address").toBe(true);
    expect(`${page.url.pathname}${page.url.search}`).toBe(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain("This link could not be read here");
    expect(page.text).toContain("Open the link again from the email in the web browser you usually use");
    expect(page.text).toContain(askForNew);
    expect(page.text).not.toMatch(/not valid|expired|already been used|replaced/i);
  }
}

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage({ baseURL: test.info().project.use.baseURL });
  await signInAsStaff(page);
  await addPatient(page, NEW_PATIENT);
  await page.close();
});

test("a setup link opened without cookies says it could not be read here, and still works in a browser", async ({
  page,
}) => {
  const since = Date.now();
  await page.goto("/register");
  const [month, day, year] = NEW_PATIENT.dateOfBirth.split("/");
  await submitVerification(page, {
    email: NEW_PATIENT.email,
    lastName: NEW_PATIENT.lastName,
    month,
    day,
    year,
    zip: NEW_PATIENT.zip,
  });
  const link = linkIn(await waitForEmail({ to: NEW_PATIENT.email, since }), "/setup-account");

  await expectCouldNotRead(link, "/setup-account", "Get a new account setup link");
  await expectFormIn(page, link, "Set up your Patient Portal account");
});

test("a password reset link opened without cookies says it could not be read here, and still works in a browser", async ({
  page,
}) => {
  // Olga Ivanova (demo practice, Active): a link that is only opened changes nothing for her.
  const since = Date.now();
  await page.goto("/forgot-password");
  await submitVerification(page, {
    email: "olga.ivanova@example.com",
    lastName: "Ivanova",
    month: "12",
    day: "25",
    year: "1957",
    zip: "62720",
  });
  const link = linkIn(await waitForEmail({ to: "olga.ivanova@example.com", since }), "/reset-password");

  await expectCouldNotRead(link, "/reset-password", "Get a new password link");
  await expectFormIn(page, link, "Choose a new password");
});

test("a staff invitation opened without cookies says it could not be read here, and still works in a browser", async ({
  page,
}) => {
  const email = "no.cookies@staff.test";
  await signInAsStaff(page);
  const since = Date.now();
  await page.goto("/admin/staff");
  await page.getByLabel("Name", { exact: true }).fill("Nell Cookieless");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Add and send invitation" }).click();
  await expect(page.getByText(/An invitation was emailed to/)).toBeVisible();
  const link = linkIn(await waitForEmail({ to: email, since }), "/staff-setup");

  await expectCouldNotRead(link, "/staff-setup", "ask a practice administrator for a new invitation");
  const member = await page.context().browser()!.newPage();
  await expectFormIn(member, link, "Choose your password");
  await member.close();
});

async function expectFormIn(page: Page, link: string, heading: string) {
  await page.goto(link);
  await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
  await expect(page.getByLabel("New password", { exact: true })).toBeVisible();
}
