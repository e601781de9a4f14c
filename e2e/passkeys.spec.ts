// Passkeys in every sign-in flow, with Chromium's virtual authenticator (CDP WebAuthn domain: a CTAP2 platform
// authenticator that keeps discoverable credentials and verifies the user): a new staff member sets up a passkey
// instead of an app and gets recovery codes; signs in with the passkey alone; uses it as the second step after
// the password; a patient signs in with a passkey on /login, not on the staff page; an authenticator that does not
// verify its user gets no session. axe finds nothing on each new page state (docs/security.md M1, M3).
import { createHash, generateKeyPairSync, randomUUID } from "node:crypto";
import { expect, test, type CDPSession, type Page } from "@playwright/test";
import { encodeCbor } from "@/test-kit/soft-authenticator.mjs";
import { expectNoAxeViolations } from "./support/axe";
import { e2eDatabaseUrl, withSql } from "./support/database";
import { linkIn, waitForEmail } from "./support/mailbox";
import { ADMIN, signInAsStaff } from "./support/staff";

test.describe.configure({ mode: "serial" });

const MEMBER_PASSWORD = "lanterns under the old oak tree";

type Authenticator = { cdp: CDPSession; authenticatorId: string };

/** A platform authenticator for this page, as a phone's or laptop's built-in one: resident keys, user verified. */
async function addVirtualAuthenticator(page: Page, opts: { isUserVerified?: boolean } = {}): Promise<Authenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: opts.isUserVerified ?? true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

async function credentialCount(a: Authenticator) {
  return (await a.cdp.send("WebAuthn.getCredentials", { authenticatorId: a.authenticatorId })).credentials.length;
}

const staffHome = (page: Page) => expect(page.getByRole("heading", { name: "Patients", level: 1 })).toBeVisible();

async function signOutStaff(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/admin\/login/);
}

const suffix = randomUUID().slice(0, 6);
const member = { name: `Robin Quill ${suffix}`, email: `robin.${suffix}@staff.test` };

test("a new staff member sets up a passkey instead of an app, saves recovery codes, then signs in with the passkey alone and with it as the second step", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const since = Date.now();
  // The admin invites them.
  await signInAsStaff(page, ADMIN);
  await page.goto("/admin/staff");
  await page.getByLabel("Name", { exact: true }).fill(member.name);
  await page.getByLabel("Email", { exact: true }).fill(member.email);
  await page.getByRole("radio", { name: "Front desk" }).check();
  await page.getByRole("button", { name: "Add and send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${member.name} was added as front desk` })).toBeVisible();
  const mail = await waitForEmail({ to: member.email, subject: /^Set up your Patient Portal staff account/, since });

  const context = await browser.newContext();
  const me = await context.newPage();
  const authenticator = await addVirtualAuthenticator(me);
  await me.goto(linkIn(mail, "/staff-setup"));
  await me.getByLabel("New password", { exact: true }).fill(MEMBER_PASSWORD);
  await me.getByLabel("Confirm new password").fill(MEMBER_PASSWORD);
  await me.getByRole("button", { name: "Save my password" }).click();
  await expect(me).toHaveURL(/\/admin\/login\?setup=done$/);

  // The password, then the set-up page: the app, or a passkey instead.
  await me.getByLabel("Email").fill(member.email);
  await me.getByLabel("Password", { exact: true }).fill(MEMBER_PASSWORD);
  await me.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(me.getByRole("heading", { name: "Set up two-step sign-in", level: 1 })).toBeVisible();
  await expect(me.getByRole("heading", { name: "Or use a passkey instead" })).toBeVisible();
  await expectNoAxeViolations(me);
  await me.getByRole("button", { name: "Use a passkey instead" }).click();
  await expect(me.getByRole("status").filter({ hasText: "Your passkey is set up." })).toBeVisible();
  expect(await credentialCount(authenticator)).toBe(1);
  const codes = await me.locator(".code-list code").allInnerTexts();
  expect(codes).toHaveLength(10);
  for (const c of codes) expect(c).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/i);
  // The app's form is gone: one way was set up.
  await expect(me.getByLabel("Code from the app")).toHaveCount(0);
  await expectNoAxeViolations(me);
  await me.getByRole("button", { name: "I have saved my codes: continue" }).click();
  await staffHome(me);
  await signOutStaff(me);

  // The passkey alone: no email, no password, no code.
  await me.goto("/admin/login");
  await expect(me.getByRole("heading", { name: "Or use a passkey" })).toBeVisible();
  await expectNoAxeViolations(me);
  await me.getByRole("button", { name: "Sign in with a passkey" }).click();
  await staffHome(me);
  await signOutStaff(me);

  // The password, then the passkey as the second step.
  await me.goto("/admin/login");
  await me.getByLabel("Email").fill(member.email);
  await me.getByLabel("Password", { exact: true }).fill(MEMBER_PASSWORD);
  await me.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(me).toHaveURL(/\/admin\/login\/second-step$/);
  await expect(me.getByRole("heading", { name: "Use your passkey" })).toBeVisible();
  await expect(me.getByRole("link", { name: "Lost your passkey? Use a recovery code" })).toBeVisible();
  await expectNoAxeViolations(me);
  await me.getByRole("button", { name: "Use your passkey" }).click();
  await staffHome(me);

  // The audit trail names how each sign-in was made, and never the credential.
  await page.goto(`/admin/audit?event=staff.signed_in`);
  const rows = page.locator("main table tbody tr").filter({ hasText: member.name });
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "passkey_set_up" })).toHaveCount(1);
  await context.close();
});

// Patrick D'Angelo (demo practice, username pdangelo): no other spec uses him.
test("a patient with a passkey signs in on /login with it alone; a staff page refuses a patient's passkey; without user verification no one is signed in", async ({
  browser,
}) => {
  const dbUrl = e2eDatabaseUrl(test.info().config.configFile);
  test.skip(!dbUrl, "adds the patient's passkey through SQL: needs DATABASE_URL (PostgreSQL)");
  const context = await browser.newContext();
  const page = await context.newPage();
  const authenticator = await addVirtualAuthenticator(page);

  // The portal page that adds a passkey is not built yet: the passkey is made here, its private key given to the
  // virtual authenticator and its public key stored as the patient's factor, as the add-a-passkey page would.
  const patientId = await withSql(dbUrl!, async (sql) => {
    const [row] = await sql<
      { patient_id: string }[]
    >`select patient_id from portal_accounts where username = 'pdangelo'`;
    return row.patient_id;
  });
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const cose = encodeCbor(
    new Map<number, unknown>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x!, "base64url")],
      [-3, Buffer.from(jwk.y!, "base64url")],
    ]),
  );
  const credentialId = Buffer.from(randomUUID().replaceAll("-", ""), "hex");
  // The user handle the app gives a patient's passkeys (lib/webauthn/relying-party.ts passkeyUserHandle).
  const userHandle = createHash("sha256").update(`patient-portal webauthn user:patient:${patientId}`).digest();
  await authenticator.cdp.send("WebAuthn.addCredential", {
    authenticatorId: authenticator.authenticatorId,
    credential: {
      credentialId: credentialId.toString("base64"),
      isResidentCredential: true,
      rpId: "localhost",
      privateKey: privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
      userHandle: userHandle.toString("base64"),
      signCount: 0,
    },
  });
  await withSql(dbUrl!, async (sql) => {
    await sql`insert into second_factors (patient_id, kind, name, credential_id, public_key, sign_count, transports, device_type, backed_up)
      values (${patientId}, 'passkey', 'Laptop', ${credentialId.toString("base64url")}, ${cose.toString("base64url")}, 0,
        ${["internal"]}, 'singleDevice', false)`;
  });

  // On the staff page the patient's passkey is refused.
  await page.goto("/admin/login");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.getByText("That passkey could not sign you in.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login$/);

  // On the patient page it signs Patrick in: no username, no password.
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Or use a passkey" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole("heading", { name: "Hello, Patrick" })).toBeVisible();
  const used = await withSql(
    dbUrl!,
    (sql) =>
      sql<
        { n: number }[]
      >`select count(*)::int as n from second_factors where patient_id = ${patientId} and last_used_at is not null`,
  );
  expect(used[0].n).toBe(1);

  // The same authenticator, no longer verifying its user (no fingerprint, face or PIN): no session.
  // Off the portal first, so no request still in flight brings the session cookie back.
  await page.goto("about:blank");
  await context.clearCookies();
  await authenticator.cdp.send("WebAuthn.setUserVerified", {
    authenticatorId: authenticator.authenticatorId,
    isUserVerified: false,
  });
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(
    page.getByText(/The passkey (was not used|could not be used)|That passkey could not sign you in/).first(),
  ).toBeVisible();
  await expect(page.getByText("Sign in with your username and password instead.").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/portal");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
  await context.close();
});
