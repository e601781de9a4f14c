// What someone sees after the create-account form says nothing about our records: whichever detail is wrong,
// or if portal access is off, the page is the same and only the email differs. Bad input is caught at once
// and costs nobody an email.
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { waitForEmail, type SentEmail } from "./support/mailbox";
import { expectNoEmailsTo, fillVerification, submitVerification, type VerificationDetails } from "./support/patient";

const COULD_NOT_VERIFY = /^We could not verify your Patient Portal account – Riverside Family Medicine$/;
const ACCESS_OFF = /^Your Patient Portal access is not turned on – Riverside Family Medicine$/;

/** Submits the create-account form and returns the visible text of the confirmation, plus the email it earned. */
async function register(
  page: Page,
  d: VerificationDetails,
  subject: RegExp,
): Promise<{ shown: string; email: SentEmail }> {
  const since = Date.now();
  await page.goto("/register");
  await submitVerification(page, d);
  const shown = await page.getByRole("status").innerText();
  const email = await waitForEmail({ to: d.email, subject, since });
  return { shown, email };
}

function expectNothingTyped(email: SentEmail, typed: string[]) {
  for (const body of [email.text ?? "", email.html ?? ""]) {
    for (const t of typed) expect(body.toLowerCase(), `"${t}" in "${email.subject}"`).not.toContain(t.toLowerCase());
  }
}

test("a wrong last name, date of birth, ZIP or email, and access switched off, all get the same confirmation", async ({
  page,
}) => {
  // On file: Lucas Moreau, lucas.moreau@example.com, 10/31/1968, 62717.
  const wrongName = await register(
    page,
    { email: "lucas.moreau@example.com", lastName: "Morrow", month: "10", day: "31", year: "1968", zip: "62717" },
    COULD_NOT_VERIFY,
  );
  await expectNoAxeViolations(page);
  const wrongDob = await register(
    page,
    { email: "lucas.moreau@example.com", lastName: "Moreau", month: "10", day: "13", year: "1968", zip: "62717" },
    COULD_NOT_VERIFY,
  );
  // On file: Ingrid Van der Berg, ingrid.vdb@example.com, 08/23/1969, 62707.
  const wrongZip = await register(
    page,
    { email: "ingrid.vdb@example.com", lastName: "Van der Berg", month: "08", day: "23", year: "1969", zip: "62797" },
    COULD_NOT_VERIFY,
  );
  // Her details with an address that is not on file: the answer goes to the address typed.
  const wrongEmail = await register(
    page,
    { email: "ingrid.other@example.com", lastName: "Van der Berg", month: "08", day: "23", year: "1969", zip: "62707" },
    COULD_NOT_VERIFY,
  );
  // On file: Harold Finch, harold.finch@example.com, 05/05/1955, 62710, portal access off.
  const accessOff = await register(
    page,
    { email: "harold.finch@example.com", lastName: "Finch", month: "05", day: "05", year: "1955", zip: "62710" },
    ACCESS_OFF,
  );
  await expectNoAxeViolations(page);

  expect(wrongName.shown).toContain(
    "If the details you entered match our records, we have sent a link to set up your account",
  );
  for (const other of [wrongDob, wrongZip, wrongEmail, accessOff]) expect(other.shown).toBe(wrongName.shown);

  // The could-not-verify emails repeat nothing that was typed (nor what is on file).
  expectNothingTyped(wrongName.email, ["Morrow", "Moreau", "1968", "10/31", "62717"]);
  expectNothingTyped(wrongDob.email, ["Moreau", "1968", "10/13", "62717"]);
  expectNothingTyped(wrongZip.email, ["Van der Berg", "1969", "08/23", "62797", "62707"]);
  expectNothingTyped(wrongEmail.email, ["Van der Berg", "1969", "08/23", "62707", "ingrid.vdb"]);
  for (const { email } of [wrongName, wrongDob, wrongZip, wrongEmail]) {
    expect(email.text).toContain("we could not match the details to our records");
    expect(email.text).not.toContain("token=");
  }
  expect(wrongEmail.email.to).toEqual(["ingrid.other@example.com"]);

  expect(accessOff.email.text).toContain("portal access is not turned on for you");
  expect(accessOff.email.text).toContain("(555) 010-2000");
  expect(accessOff.email.text).not.toContain("token=");
  expectNothingTyped(accessOff.email, ["1955", "05/05", "62710"]);
});

test("mistakes in the form are named beside each field and in a summary, and nothing is sent", async ({ page }) => {
  const since = Date.now();
  // Nobody has this address: had any of these been accepted, a could-not-verify email would go to it.
  const address = "form.mistakes@example.com";
  await page.goto("/register");
  await page.getByRole("button", { name: "Send me a link" }).click();

  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  for (const item of [
    "Email: Enter your email address",
    "Last name: Enter your last name",
    "Date of birth: Enter your date of birth",
    "ZIP code: Enter your ZIP code",
  ]) {
    await expect(page.getByRole("link", { name: item })).toBeVisible();
  }
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription(/Error: Enter your email address/);
  await expect(page.getByLabel("Last name")).toHaveAccessibleDescription(/Error: Enter your last name/);
  await expect(page.getByRole("group", { name: "Date of birth" })).toHaveAccessibleDescription(
    /Error: Enter your date of birth/,
  );
  await expect(page.getByLabel("ZIP code")).toHaveAccessibleDescription(/Error: Enter your ZIP code/);
  await expect(page.getByRole("heading", { name: "Check your email" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // A date that does not exist.
  await fillVerification(page, {
    email: address,
    lastName: "Tester",
    month: "02",
    day: "30",
    year: "1990",
    zip: "62701",
  });
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("link", { name: "Date of birth: Date of birth must be a real date" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Date of birth" })).toHaveAccessibleDescription(
    /Error: Date of birth must be a real date/,
  );
  // Only the date is wrong, and what was typed is kept.
  await expect(page.getByRole("link", { name: /^Email:/ })).toHaveCount(0);
  await expect(page.getByLabel("Email")).toHaveValue(address);
  await expect(page.getByLabel("Day")).toHaveValue("30");
  await expectNoAxeViolations(page);

  // A date in the future.
  const nextYear = String(new Date().getUTCFullYear() + 1);
  await fillVerification(page, {
    email: address,
    lastName: "Tester",
    month: "01",
    day: "15",
    year: nextYear,
    zip: "62701",
  });
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("link", { name: "Date of birth: Date of birth must be in the past" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Date of birth" })).toHaveAccessibleDescription(/must be in the past/);

  // A ZIP code that is too short.
  await fillVerification(page, {
    email: address,
    lastName: "Tester",
    month: "01",
    day: "15",
    year: "1990",
    zip: "1234",
  });
  await page.getByRole("button", { name: "Send me a link" }).click();
  const zipMessage = "Enter a 5-digit ZIP code, like 62701 (or ZIP+4, like 62701-1234)";
  await expect(page.getByRole("link", { name: `ZIP code: ${zipMessage}` })).toBeVisible();
  await expect(page.getByLabel("ZIP code")).toHaveAccessibleDescription(
    new RegExp(`Error: ${zipMessage.replace(/[()+]/g, "\\$&")}`),
  );
  await expect(page.getByRole("link", { name: /^Date of birth:/ })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Check your email" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await expectNoEmailsTo(address, since);
});
