// An admin manages staff: adds a member who gets an invitation, chooses a password and signs in; changes their
// role; deactivates them, which ends their open session at once; and reads it all in the audit trail.
// Front-desk staff can open neither page.
import { randomUUID } from "node:crypto";
import { totpCodeAt, totpStepAt } from "@/lib/second-factor/totp";
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { linkIn, waitForEmail } from "./support/mailbox";
import { ADMIN, signInAsStaff } from "./support/staff";

const FRONT_DESK = { email: "frontdesk@demo.clinic", password: "demo-frontdesk-password" };
const MEMBER_PASSWORD = "lanterns over the quiet river";

const rowFor = (page: Page, name: string) =>
  page.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });

test("front-desk staff are refused the staff and audit pages, and see no links to them", async ({ page }) => {
  await signInAsStaff(page, FRONT_DESK);
  const nav = page.getByRole("navigation", { name: "Staff" });
  await expect(nav.getByRole("link", { name: "Staff", exact: true })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Audit", exact: true })).toHaveCount(0);
  for (const path of ["/admin/staff", "/admin/audit", "/admin/audit?event=staff.invited"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/admin\?denied=admin$/);
    await expect(page.getByRole("heading", { name: "Patients", level: 1 })).toBeVisible();
  }
});

test("a signed-out visitor to the staff and audit pages is sent to sign in", async ({ page }) => {
  for (const path of ["/admin/staff", "/admin/audit"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/admin\/login$/);
  }
});

test("an unknown staff invitation link shows a clear problem page", async ({ page }) => {
  await page.goto(`/staff-setup?token=${"A".repeat(43)}`);
  await expect(page.getByRole("heading", { name: "This link is not valid", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("add a staff member, who sets a password and signs in; change their role; deactivate them; audit it all", async ({
  page,
  browser,
  playwright,
}) => {
  // A long journey (two sign-ins, an authenticator set up, the audit trail): more than a minute on a busy machine.
  test.setTimeout(120_000);
  const since = Date.now();
  const suffix = randomUUID().slice(0, 6);
  const name = `Jordan Lee ${suffix}`;
  const email = `jordan.${suffix}@staff.test`;

  // The admin adds the new member.
  await signInAsStaff(page, ADMIN);
  await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Staff", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/staff$/);
  await expect(page.getByRole("heading", { name: "Staff", level: 1 })).toBeVisible();
  // The admin's own row offers no way to demote or deactivate themselves.
  await expect(rowFor(page, "Avery Admin").getByText("This is you.")).toBeVisible();
  await expect(rowFor(page, "Avery Admin").getByRole("button")).toHaveCount(0);
  await expectNoAxeViolations(page);

  // An empty form names each problem.
  await page.getByRole("button", { name: "Add and send invitation" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Name: Enter a name" })).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);

  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill(email.toUpperCase());
  await page.getByRole("radio", { name: "Front desk" }).check();
  await page.getByRole("button", { name: "Add and send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${name} was added as front desk` })).toBeVisible();
  const row = rowFor(page, name);
  await expect(row.getByRole("cell", { name: email })).toBeVisible();
  await expect(row.getByText(/^Invited: link valid until/)).toBeVisible();
  await expect(row.getByText("Never")).toBeVisible();

  // The same address again is refused beside the field.
  await page.getByLabel("Name", { exact: true }).fill("Someone Else");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Add and send invitation" }).click();
  await expect(
    page.getByRole("link", { name: "Email: A staff member with this email address already exists." }),
  ).toBeVisible();

  // The invitation arrives; opening it only reads.
  const mail = await waitForEmail({ to: email, subject: /^Set up your Patient Portal staff account/, since });
  const link = linkIn(mail, "/staff-setup");
  expect(link).toMatch(/^http:\/\/localhost:\d+\/staff-setup\?token=[A-Za-z0-9_-]{43}$/);
  // A mail scanner fetching it (fresh clients, no JavaScript) gets the form each time and uses nothing up.
  for (let i = 0; i < 2; i++) {
    const scanner = await playwright.request.newContext();
    const landing = await scanner.get(link, { maxRedirects: 0 });
    expect(landing.status()).toBe(303);
    expect(landing.headers()["referrer-policy"]).toBe("no-referrer");
    const clean = new URL(landing.headers()["location"], link);
    expect(`${clean.pathname}${clean.search}`).toBe("/staff-setup");
    const html = await (await scanner.get(link)).text();
    expect(html).toContain("<h1>Choose your password</h1>");
    await scanner.dispose();
  }
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  const response = await member.goto(link);
  // The token has left the address bar; the page keeps referrers on our own site only.
  await expect(member).toHaveURL(/\/staff-setup$/);
  expect(response?.headers()["referrer-policy"]).toBe("same-origin");
  expect(response?.headers()["cache-control"]).toContain("no-store");
  await expect(member.getByRole("heading", { name: "Choose your password", level: 1 })).toBeVisible();
  await expect(member.getByText(`Welcome, ${name}.`)).toBeVisible();
  await expectNoAxeViolations(member);

  // Mismatched boxes, then a password with their name in it, then a good one.
  await member.getByLabel("New password", { exact: true }).fill(MEMBER_PASSWORD);
  await member.getByLabel("Confirm new password").fill(`${MEMBER_PASSWORD}!`);
  await member.getByRole("button", { name: "Save my password" }).click();
  await expect(
    member.getByRole("link", { name: /^Confirm new password: The two passwords do not match/ }),
  ).toBeVisible();
  await expectNoAxeViolations(member);
  await member.getByLabel("New password", { exact: true }).fill(`jordan ${MEMBER_PASSWORD}`);
  await member.getByLabel("Confirm new password").fill(`jordan ${MEMBER_PASSWORD}`);
  await member.getByRole("button", { name: "Save my password" }).click();
  await expect(
    member.getByRole("link", { name: "New password: Your password must not contain your name." }),
  ).toBeVisible();
  await member.getByLabel("New password", { exact: true }).fill(MEMBER_PASSWORD);
  await member.getByLabel("Confirm new password").fill(MEMBER_PASSWORD);
  await member.getByRole("button", { name: "Save my password" }).click();
  await expect(member).toHaveURL(/\/admin\/login\?setup=done$/);
  await expect(member.getByRole("status").filter({ hasText: "Your password is set" })).toHaveText(
    "Your password is set. Sign in with your email address and new password.",
  );

  // Not signed in automatically: they sign in with the new password, and before any staff page opens they set up
  // two-step sign-in (docs/security.md M1).
  await member.getByLabel("Email").fill(email);
  await member.getByLabel("Password", { exact: true }).fill(MEMBER_PASSWORD);
  await member.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(member.getByRole("heading", { name: "Set up two-step sign-in", level: 1 })).toBeVisible();
  await expectNoAxeViolations(member);
  await member.goto("/admin/staff");
  await expect(member).toHaveURL(/\/admin\/login$/);
  await member.goto("/admin/login/set-up");
  await expect(member.getByRole("img", { name: "QR code to scan with your authenticator app" })).toBeVisible();
  const key = (await member.locator(".key-text").innerText()).replaceAll(" ", "");
  // The app is played by the test: a code that is not the app's is refused and the same key stays on screen.
  const step = totpStepAt(new Date());
  const wrong = ["000000", "111111"].find((c) => ![-1, 0, 1].some((d) => totpCodeAt(key, step + d) === c))!;
  await member.getByLabel("Code from the app").fill(wrong);
  await member.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(member.getByRole("link", { name: /^Code from the app: That code did not work/ })).toBeVisible();
  expect((await member.locator(".key-text").innerText()).replaceAll(" ", "")).toBe(key);
  await member.getByLabel("Code from the app").fill(totpCodeAt(key, totpStepAt(new Date())));
  await member.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(member.getByRole("heading", { name: "Your recovery codes" })).toBeVisible();
  const codes = await member.locator(".code-list code").allInnerTexts();
  expect(new Set(codes).size).toBe(10);
  for (const c of codes) expect(c).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
  await expectNoAxeViolations(member);
  await member.getByRole("button", { name: "I have saved my codes: continue" }).click();
  await expect(member.getByRole("heading", { name: "Patients", level: 1 })).toBeVisible();
  await expect(member.getByText(`${name} (Front desk)`)).toBeVisible();
  await expect(member.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Audit" })).toHaveCount(0);

  // The link is used up.
  const again = await browser.newContext();
  const reopened = await again.newPage();
  await reopened.goto(link);
  await expect(
    reopened.getByRole("heading", { name: "This invitation has already been used", level: 1 }),
  ).toBeVisible();
  await expectNoAxeViolations(reopened);
  await again.close();

  // The admin sees the member active, and makes them an admin: their next request has the admin links.
  await page.reload();
  await expect(row.getByRole("cell", { name: "Active", exact: true })).toBeVisible();
  await expect(row.getByText("Never")).toHaveCount(0);
  await row.getByLabel(`Role for ${name}`).selectOption("admin");
  await row.getByRole("button", { name: `Change role for ${name}` }).click();
  await expect(row.getByRole("status").filter({ hasText: "Role changed to Admin." })).toBeVisible();
  await expect(row.getByRole("cell", { name: "Admin", exact: true })).toBeVisible();
  await member.goto("/admin");
  await expect(member.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Audit" })).toBeVisible();

  // Deactivated: the member's open session is refused at its next request, and signing in again fails.
  await row.getByRole("button", { name: `Deactivate ${name}` }).click();
  await expect(
    row.getByRole("status").filter({ hasText: "Deactivated. Their open sessions have ended." }),
  ).toBeVisible();
  await expect(row.getByRole("cell", { name: "Deactivated", exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: `Reactivate ${name}` })).toBeVisible();
  await member.goto("/admin/staff");
  await expect(member).toHaveURL(/\/admin\/login$/);
  await member.getByLabel("Email").fill(email);
  await member.getByLabel("Password", { exact: true }).fill(MEMBER_PASSWORD);
  await member.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(member.getByText("Email or password is not right. Check them and try again.")).toBeVisible();
  await memberContext.close();
  await expectNoAxeViolations(page);

  // The audit trail shows each step, newest first, and filters by event type.
  await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Audit", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(page.getByRole("heading", { name: "Audit trail", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Staff member", { exact: true }).selectOption({ label: `${name} (deactivated)` });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/[?&]staff=[0-9a-f-]{36}/);
  const events = page.getByRole("table").getByRole("rowheader");
  // Newest first: the refused sign-in after deactivation tops the list.
  await expect(events.first()).toHaveText("Staff sign-in failed");
  for (const label of [
    "Staff member invited",
    "Staff member chose their password",
    "Staff signed in",
    "Staff role changed",
    "Staff member deactivated",
  ]) {
    await expect(events.filter({ hasText: new RegExp(`^${label}$`) })).not.toHaveCount(0);
  }

  await page.getByLabel("Event", { exact: true }).selectOption({ label: "Staff member deactivated" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/[?&]event=staff\.deactivated/);
  await expect(events).toHaveText(["Staff member deactivated"]);
  const deactivated = page
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: "Staff member deactivated" }) });
  await expect(deactivated.getByRole("cell", { name: "Avery Admin", exact: true })).toBeVisible();
  await expect(deactivated.getByText(`Staff member: ${name}`)).toBeVisible();
  await expect(page.getByLabel("Event", { exact: true })).toHaveValue("staff.deactivated");
  await expectNoAxeViolations(page);

  // The event filter alone: every row is that event.
  await page.goto("/admin/audit?event=staff.invited");
  const invited = await events.allTextContents();
  expect(invited.length).toBeGreaterThan(0);
  expect(new Set(invited)).toEqual(new Set(["Staff member invited"]));
  await expect(page.getByText(`Staff member: ${name}`)).toBeVisible();
});
