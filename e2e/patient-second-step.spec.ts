// A patient's own second steps, from the portal (issue 12, "Patients"): the invitation after signing in and its
// "Not now"; an authenticator app added with codes computed here from the key the page shows, then asked for at
// the next sign-in; "Trust this device for 30 days" honoured, then forgotten after "Sign out everywhere"; removing
// it (with a confirmation); codes by email, added and used with JavaScript turned off, reading the fake Resend;
// an app added with JavaScript off too. axe finds nothing on each new page (docs/security.md M2, M7, M8).
import { randomUUID } from "node:crypto";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { totpCodeAt, totpStepAt } from "@/lib/second-factor/totp";
import { expectNoAxeViolations } from "./support/axe";
import { newPatientWithAccount } from "./support/new-patient";
import { expectNoAxeViolationsWithoutJs } from "./support/axe-no-js";
import { waitForEmail } from "./support/mailbox";

test.describe.configure({ mode: "serial" });

const _run = randomUUID().slice(0, 5);
type Patient = { firstName: string; lastName: string; email: string; username: string; password: string };

/** A patient of this spec's own (e2e/support/new-patient.ts). */
const newPatient = (browser: Browser, firstName: string, tag: string): Promise<Patient> =>
  newPatientWithAccount(browser, { firstName, lastName: "Twostep", tag, dob: { month: "4", day: "9", year: "1979" } });

/** Types the username and password on /login (opened here) and presses Sign in. */
async function passwordStep(page: Page, p: Patient) {
  await page.goto("/login");
  await page.getByLabel("Username").fill(p.username);
  await page.getByLabel("Password", { exact: true }).fill(p.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

const portal = (page: Page, p: Patient) =>
  expect(page.getByRole("heading", { name: `Hello, ${p.firstName}`, level: 1 })).toBeVisible();

// The server takes each 30-second step once per factor (M2): play the app's next code, or wait for it.
function authenticatorApp(secret: string) {
  let used = -1;
  return async (): Promise<string> => {
    for (;;) {
      const now = Date.now();
      const step = totpStepAt(new Date(now));
      const candidate = Math.max(step, used + 1);
      if (candidate <= step + 1) {
        used = candidate;
        return totpCodeAt(secret, candidate);
      }
      await new Promise((r) => setTimeout(r, 30_000 - (now % 30_000) + 250));
    }
  };
}

/** Adds an authenticator app on the page open at /portal/second-step/app; returns the app's code source. */
async function addApp(page: Page, name: string) {
  const key = (await page.locator("code.key-text").innerText()).replace(/\s+/g, "");
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  const nextCode = authenticatorApp(key);
  await page.getByLabel("Name for this app").fill(name);
  await page.getByLabel("Code from the app").fill(await nextCode());
  await page.getByRole("button", { name: "Add this app" }).click();
  await expect(page).toHaveURL(/\/portal\?done=added$/);
  await expect(page.getByRole("status").filter({ hasText: "Your second step is on." })).toBeVisible();
  return nextCode;
}

const codeIn = (text: string | undefined) => {
  const m = /\b(\d{6})\b/.exec(text ?? "");
  if (!m) throw new Error("no 6-digit code in the email");
  return m[1];
};

test("an authenticator app from the portal: asked for at sign-in, a trusted device skips it until 'Sign out everywhere', and removing it", async ({
  browser,
  page,
}) => {
  test.setTimeout(240_000);
  const ada = await newPatient(browser, "Ada", "app");

  // First sign-in: the invitation, and "Not now" is remembered.
  await passwordStep(page, ada);
  await portal(page, ada);
  const offer = page.getByRole("region", { name: "Keep your health information safe" });
  await expect(offer).toBeVisible();
  await expect(page.getByRole("heading", { name: "Add a second step to your sign-in", level: 2 })).toBeVisible();
  await expect(page.getByText("You have not added a second step yet.")).toBeVisible();
  await expect(page.getByText("Use at least 15 characters.")).toBeVisible();
  await expectNoAxeViolations(page);
  await offer.getByRole("button", { name: "Not now" }).click();
  await expect(offer).toHaveCount(0);
  await page.reload();
  await portal(page, ada);
  await expect(page.getByRole("region", { name: "Keep your health information safe" })).toHaveCount(0);

  // Add the app, with the code computed from the key shown as text.
  await page.getByRole("link", { name: "Use an authenticator app" }).click();
  await expect(page.getByRole("heading", { name: "Add an authenticator app", level: 1 })).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code to scan with your authenticator app" })).toBeVisible();
  await expectNoAxeViolations(page);
  // A wrong code first: refused, and the same key is shown again.
  const key = await page.locator("code.key-text").innerText();
  await page.getByLabel("Code from the app").fill("000000");
  await page.getByRole("button", { name: "Add this app" }).click();
  await expect(page.getByText("That code did not work").first()).toBeVisible();
  await expect(page.locator("code.key-text")).toHaveText(key);
  const nextCode = await addApp(page, "Phone");
  await expect(page.getByText("Authenticator app “Phone”, added today, last used today.")).toBeVisible();
  // With a second step on, 8 characters are enough (NIST SP 800-63B rev. 4).
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
  await expectNoAxeViolations(page);

  // Next sign-in: password, then the app's code; this browser is trusted for 30 days.
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await passwordStep(page, ada);
  await expect(page).toHaveURL(/\/login\/second-step/);
  await page.getByLabel("Code from your authenticator app").fill(await nextCode());
  await page.getByLabel(/Trust this device for 30 days/).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await portal(page, ada);

  // Trusted: the password alone, on this browser.
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await passwordStep(page, ada);
  await portal(page, ada);

  // "Sign out everywhere" forgets every trusted device: the second step is asked again.
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login/);
  await passwordStep(page, ada);
  await expect(page).toHaveURL(/\/login\/second-step/);
  await page.getByLabel("Code from your authenticator app").fill(await nextCode());
  await page.getByRole("button", { name: "Continue" }).click();
  await portal(page, ada);

  // Remove it: a page that says what goes, and a box to tick first.
  const since = Date.now();
  await page.getByRole("link", { name: "Remove Authenticator app “Phone”" }).click();
  await expect(page.getByRole("heading", { name: "Remove Authenticator app “Phone”?", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(page.getByText("Tick the box to confirm you want to remove it.").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Yes, remove Authenticator app “Phone” from my sign-in").check();
  await page.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(page).toHaveURL(/\/portal\?done=removed$/);
  await expect(page.getByRole("status").filter({ hasText: "That second step is removed." })).toBeVisible();
  await expect(page.getByText(/Authenticator app “Phone”, added/)).toHaveCount(0);
  await waitForEmail({ to: ada.email, subject: /A second sign-in step was removed/, since });

  // The password alone signs in again.
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await passwordStep(page, ada);
  await portal(page, ada);
});

test("with JavaScript off: codes by email added with the emailed code and used at the next sign-in; an authenticator app added too", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const ben = await newPatient(browser, "Ben", "mail");
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();

  await passwordStep(page, ben);
  await portal(page, ben);
  await page.getByRole("link", { name: "Get a code by email" }).click();
  await expect(page.getByRole("heading", { name: "Get a code by email when you sign in", level: 1 })).toBeVisible();
  await expect(page.getByText(ben.email)).toBeVisible();
  await expectNoAxeViolationsWithoutJs(page);
  let since = Date.now();
  await page.getByRole("button", { name: "Email me a code" }).click();
  await expect(page).toHaveURL(/\/portal\/second-step\/email\?sent=1$/);
  await expect(page.getByRole("status")).toContainText("We emailed you a code.");
  await expectNoAxeViolationsWithoutJs(page);
  const adding = await waitForEmail({ to: ben.email, subject: /sign-in code/, since });
  expect(adding.text).toContain("finish turning on sign-in codes by email");
  const code = codeIn(adding.text);

  // A wrong code is refused, in the error summary and at the field.
  await page.getByLabel("Code from the email").fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Turn on codes by email" }).click();
  await expect(page.getByRole("region", { name: "There is a problem" })).toContainText("That code is not right.");
  await expectNoAxeViolationsWithoutJs(page);
  await page.getByLabel("Code from the email").fill(code);
  await page.getByRole("button", { name: "Turn on codes by email" }).click();
  await expect(page).toHaveURL(/\/portal\?done=added$/);
  await expect(page.getByText("Code by email, added today, not used yet.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Get a code by email" })).toHaveCount(0);

  // The next sign-in: a code goes to the address on file by itself, and the portal opens once it is typed.
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  since = Date.now();
  await passwordStep(page, ben);
  await expect(page).toHaveURL(/\/login\/second-step/);
  await expectNoAxeViolationsWithoutJs(page);
  const signingIn = await waitForEmail({ to: ben.email, subject: /sign-in code/, since });
  expect(signingIn.text).toContain("finish signing in");
  await page.getByLabel("Code from the email").fill(codeIn(signingIn.text));
  await page.getByRole("button", { name: "Continue" }).click();
  await portal(page, ben);
  await expect(page.getByText("Code by email, added today, last used today.")).toBeVisible();

  // An authenticator app, also without JavaScript: the QR code is an image drawn on the server.
  await page.getByRole("link", { name: "Use an authenticator app" }).click();
  await expect(page.getByRole("heading", { name: "Add an authenticator app", level: 1 })).toBeVisible();
  await expectNoAxeViolationsWithoutJs(page);
  await addApp(page, "Tablet");
  await expect(page.getByText("Authenticator app “Tablet”, added today, last used today.")).toBeVisible();
  await expect(page.getByText("Code by email, added today, last used today.")).toBeVisible();

  // Passkeys say they need JavaScript, and point to the other ways.
  await page.goto("/portal/second-step/passkey");
  await expect(page.getByRole("heading", { name: "Add a passkey", level: 1 })).toBeVisible();
  await expect(page.getByText("Passkeys need JavaScript turned on in your browser.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add a passkey" })).toHaveCount(0);
  await context.close();
});

test("a passkey added from the portal (Chromium's virtual authenticator) is listed with its name", async ({
  browser,
  page,
  baseURL,
}) => {
  const cleo = await newPatient(browser, "Cleo", "pk");
  await passwordStep(page, cleo);
  await portal(page, cleo);
  await page.getByRole("link", { name: "Add a passkey" }).click();
  await expect(page.getByRole("heading", { name: "Add a passkey", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add a passkey" })).toBeVisible();
  await expectNoAxeViolations(page);
  // WebAuthn refuses an IP address as its relying party: the e2e host is a name (playwright.config.ts), and if it
  // ever is not, this fails rather than skipping the ceremony.
  expect(new URL(baseURL!).hostname, "WebAuthn needs a host name, not an IP address, as RP ID").toBe("localhost");
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  await page.getByLabel("Name for this passkey").fill("My laptop");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page).toHaveURL(/\/portal\?done=added$/);
  await expect(page.getByText("Passkey “My laptop”, added today, not used yet.")).toBeVisible();
  expect((await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials).toHaveLength(1);
});
