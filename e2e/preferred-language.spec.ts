// Staff set a patient's Preferred language to Spanish on Basic Data, send the invitation, and the email that
// arrives (read from the fake Resend) is in Spanish, its link opening /setup-account in Spanish, whatever
// language the patient's browser asks for; the account-ready notice then follows that Spanish page.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { waitForEmail } from "./support/mailbox";
import { signInAsStaff } from "./support/staff";
import { addPatient } from "./support/staff-patients";

test("a patient who prefers Spanish gets the staff invitation in Spanish, and its link opens in Spanish", async ({
  page,
  browser,
}) => {
  const run = randomUUID().slice(0, 5);
  // The spec's own patient (a last name after "L", so the list's first page stays the demo's).
  const email = `rosario.${run}@example.com`;
  await signInAsStaff(page);
  const id = await addPatient(page, {
    chartNumber: `E2E-es-${run}`,
    firstName: "Rosario",
    lastName: `Villanueva${run}`,
    dateOfBirth: "03/15/1962",
    email,
    zip: "62704",
    portalAccess: true,
  });
  const shown = page
    .getByRole("region", { name: "Patient information" })
    .locator("dt", { hasText: "Preferred language" })
    .locator("xpath=following-sibling::dd[1]");
  await expect(shown).toHaveText("English");

  await page.goto(`/admin/patients/${id}/edit?tab=basic`);
  const language = page.getByLabel("Preferred language");
  await expect(language).toHaveValue("en");
  await language.selectOption({ label: "Spanish" });
  await page.getByRole("button", { name: "Save Basic Data" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await expect(page.getByLabel("Preferred language")).toHaveValue("es");
  await expectNoAxeViolations(page);

  await page.goto(`/admin/patients/${id}`);
  await expect(shown).toHaveText("Spanish");
  await page.goto(`/admin/patients/${id}/edit?tab=portal`);
  const since = Date.now();
  await page.getByRole("button", { name: "Send invitation/reset email" }).click();
  await expect(page.getByText(/^Invitation queued/)).toBeVisible();

  const mail = await waitForEmail({ to: email, subject: /^Cree su cuenta del portal del paciente – /, since });
  expect(mail.html).toMatch(/<html[^>]* lang="es"/);
  // The plain-text version wraps long lines.
  const words = (mail.text ?? "").replace(/\s+/g, " ");
  expect(words).toContain("lo invita a usar el portal del paciente.");
  expect(words).toContain("Este enlace funciona durante 7 días.");
  expect(words).toContain("Recibió este correo electrónico porque el personal de");
  expect(words).toMatch(/Teléfono: /);
  expect(words).not.toContain("Patient Portal");
  const link = /https?:\/\/\S+\/setup-account\?token=[A-Za-z0-9_-]+&lang=es/.exec(mail.text ?? "")?.[0];
  expect(link, "a setup link carrying lang=es").toBeTruthy();

  // The patient's browser asks for English: the link alone makes the page Spanish.
  const patient = await browser.newPage({ locale: "en-US" });
  await patient.goto(link!);
  await expect(patient).toHaveURL(/\/setup-account$/);
  await expect(patient.locator("html")).toHaveAttribute("lang", "es");
  await expect(patient.getByRole("link", { name: "Español" })).toHaveAttribute("aria-current", "true");
  await expect(
    patient.getByRole("heading", { level: 1, name: "Configure su cuenta del portal del paciente" }),
  ).toBeVisible();
  // Setting the password from the Spanish page: the "account ready" notice follows that page's language.
  const created = Date.now();
  await patient.getByLabel("Nombre de usuario").fill(`rosario.${run}`);
  await patient.getByLabel("Contraseña nueva", { exact: true }).fill("faroles junto al canal tranquilo");
  await patient.getByLabel("Confirme la contraseña nueva").fill("faroles junto al canal tranquilo");
  await patient.getByRole("button", { name: "Crear mi cuenta" }).click();
  await expect(patient).toHaveURL(/\/login$/);
  const ready = await waitForEmail({
    to: email,
    subject: /^Su cuenta del portal del paciente está lista – /,
    since: created,
  });
  expect(ready.text).toMatch(/Cuándo: \d{1,2} de [a-z]+ de \d{4}/);
  await patient.close();
});
