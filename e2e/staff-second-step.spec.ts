// A staff member's second step after setup: they sign in with a recovery code when their phone is lost, see how
// many codes are left on "Your account", cannot remove their only second step, and make new codes after typing
// their password again. An admin resets a colleague's second step: the colleague's open session ends, they are
// emailed, and their next sign-in sets up a new one. Each test makes a fresh staff member (never the demo staff,
// whose demo authenticator the other specs play).
import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { totpCodeAt, totpStepAt } from "@/lib/second-factor/totp";
import { expectNoAxeViolations } from "./support/axe";
import { linkIn, waitForEmail } from "./support/mailbox";
import { ADMIN, signInAsStaff } from "./support/staff";

const MEMBER_PASSWORD = "copper kettles by the harbour";

const rowFor = (page: Page, name: string) =>
  page.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });

type Member = { name: string; email: string; page: Page; codes: string[] };

/** On the set-up page: plays a new authenticator app from the key shown, and returns the recovery codes. */
async function setUpApp(page: Page): Promise<string[]> {
  await expect(page.getByRole("heading", { name: "Set up two-step sign-in", level: 1 })).toBeVisible();
  const key = (await page.locator(".key-text").innerText()).replaceAll(" ", "");
  await page.getByLabel("Code from the app").fill(totpCodeAt(key, totpStepAt(new Date())));
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByRole("heading", { name: "Your recovery codes" })).toBeVisible();
  const codes = await page.locator(".code-list code").allInnerTexts();
  expect(new Set(codes).size).toBe(10);
  await page.getByRole("button", { name: "I have saved my codes: continue" }).click();
  await expect(page.getByRole("heading", { name: "Patients", level: 1 })).toBeVisible();
  return codes;
}

async function typePassword(page: Page, email: string) {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(MEMBER_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** The admin invites a new front-desk member, who chooses a password, signs in and sets up an app. */
async function newMember(admin: Page, browser: Browser): Promise<Member> {
  const since = Date.now();
  const suffix = randomUUID().slice(0, 6);
  const name = `Robin Vale ${suffix}`;
  const email = `robin.${suffix}@staff.test`;
  await admin.goto("/admin/staff");
  await admin.getByLabel("Name", { exact: true }).fill(name);
  await admin.getByLabel("Email", { exact: true }).fill(email);
  await admin.getByRole("radio", { name: "Front desk" }).check();
  await admin.getByRole("button", { name: "Add and send invitation" }).click();
  await expect(admin.getByRole("status").filter({ hasText: `${name} was added as front desk` })).toBeVisible();
  const mail = await waitForEmail({ to: email, subject: /^Set up your Patient Portal staff account/, since });
  const page = await (await browser.newContext()).newPage();
  await page.goto(linkIn(mail, "/staff-setup"));
  await page.getByLabel("New password", { exact: true }).fill(MEMBER_PASSWORD);
  await page.getByLabel("Confirm new password").fill(MEMBER_PASSWORD);
  await page.getByRole("button", { name: "Save my password" }).click();
  await expect(page).toHaveURL(/\/admin\/login\?setup=done$/);
  await typePassword(page, email);
  return { name, email, page, codes: await setUpApp(page) };
}

test("a lost phone: sign in with a recovery code, see 9 left, keep the only second step, make new codes", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signInAsStaff(page, ADMIN);
  const member = await newMember(page, browser);
  const m = member.page;

  // Signed out, then in again without the phone: a recovery code instead of the app's code.
  await m.getByRole("button", { name: "Sign out" }).click();
  await typePassword(m, member.email);
  await m.getByRole("link", { name: "Lost your phone? Use a recovery code" }).click();
  await expect(m.getByLabel("Recovery code")).toBeVisible();
  await expectNoAxeViolations(m);
  await m.getByLabel("Recovery code").fill(member.codes[0].toUpperCase());
  await m.getByRole("button", { name: "Continue" }).click();
  await expect(m.getByRole("heading", { name: "Patients", level: 1 })).toBeVisible();
  // Nine codes are plenty: no warning yet.
  await expect(m.getByRole("link", { name: "Make new recovery codes" })).toHaveCount(0);

  await m.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Your account" }).click();
  await expect(m.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
  await expect(m.getByText("Recovery codes: 9 left.")).toBeVisible();
  const factors = m.getByRole("table", { name: "Your second steps" });
  await expect(factors.getByRole("rowheader")).toHaveText(["Authenticator app"]);
  await expectNoAxeViolations(m);

  // The only second step stays: staff sign-in always needs one.
  await m.getByRole("button", { name: "Remove Authenticator app" }).click();
  await expect(m.getByRole("alert").filter({ hasText: "This is your only second step" })).toBeVisible();
  await expect(factors.getByRole("rowheader")).toHaveText(["Authenticator app"]);
  await expectNoAxeViolations(m);

  // New codes ask for the password again; a wrong one is refused beside the field.
  await m.getByLabel("Your password", { exact: true }).fill("not my password at all");
  await m.getByRole("button", { name: "Make new recovery codes" }).click();
  await expect(m.getByRole("link", { name: "Your password: Your password is not right." })).toBeVisible();
  await expect(m.getByText("Recovery codes: 9 left.")).toBeVisible();
  await expectNoAxeViolations(m);
  await m.getByLabel("Your password", { exact: true }).fill(MEMBER_PASSWORD);
  await m.getByRole("button", { name: "Make new recovery codes" }).click();
  await expect(m.getByRole("heading", { name: "Your recovery codes" })).toBeVisible();
  await expect(m.getByText("New recovery codes made. Your earlier codes no longer work.")).toBeVisible();
  const fresh = await m.locator(".code-list code").allInnerTexts();
  expect(new Set(fresh).size).toBe(10);
  expect(fresh.filter((c) => member.codes.includes(c))).toEqual([]);
  await expectNoAxeViolations(m);

  // Shown once: the page opened again has the count, not the codes.
  await m.reload();
  await expect(m.getByText("Recovery codes: 10 left.")).toBeVisible();
  await expect(m.locator(".code-list")).toHaveCount(0);

  // An earlier code no longer signs in; a new one does.
  await m.getByRole("button", { name: "Sign out" }).click();
  await typePassword(m, member.email);
  await m.getByRole("link", { name: "Lost your phone? Use a recovery code" }).click();
  await m.getByLabel("Recovery code").fill(member.codes[1]);
  await m.getByRole("button", { name: "Continue" }).click();
  await expect(m.getByText("That code did not work").first()).toBeVisible();
  await m.getByLabel("Recovery code").fill(fresh[0]);
  await m.getByRole("button", { name: "Continue" }).click();
  await expect(m.getByRole("heading", { name: "Patients", level: 1 })).toBeVisible();
  await m.context().close();
});

test("an admin resets a colleague's second step: their session ends, they are emailed, and they set up again", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signInAsStaff(page, ADMIN);
  const member = await newMember(page, browser);
  const m = member.page;

  await page.goto("/admin/staff");
  const row = rowFor(page, member.name);
  await expect(row.getByRole("cell", { name: "Set up", exact: true })).toBeVisible();
  // An admin's own row offers no reset.
  await expect(rowFor(page, "Avery Admin").getByRole("link", { name: /^Reset second step/ })).toHaveCount(0);
  await row.getByRole("link", { name: `Reset second step for ${member.name}` }).click();
  await expect(page.getByRole("heading", { name: "Reset second step", level: 1 })).toBeVisible();
  await expect(page.getByText("They are signed out everywhere at once.")).toBeVisible();
  await expectNoAxeViolations(page);

  const since = Date.now();
  await page.getByRole("button", { name: `Reset second step for ${member.name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Their second step was reset" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The member's open session is refused at its next request.
  await m.goto("/admin");
  await expect(m).toHaveURL(/\/admin\/login$/);
  const notice = await waitForEmail({ to: member.email, subject: /second sign-in step was removed/, since });
  expect(notice.text ?? "").not.toMatch(/\b[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}\b/);

  // Their recovery codes went with the app: the next sign-in goes straight to setting up a new second step.
  await typePassword(m, member.email);
  const codes = await setUpApp(m);
  expect(codes.filter((c) => member.codes.includes(c))).toEqual([]);

  await page.goto("/admin/staff");
  await expect(rowFor(page, member.name).getByRole("cell", { name: "Set up", exact: true })).toBeVisible();
  await page.goto("/admin/audit?event=second_factor.removed");
  await expect(page.getByText(`Staff member: ${member.name}`).first()).toBeVisible();
  await m.context().close();
});
