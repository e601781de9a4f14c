// A patient whose browser asks for Spanish: the portal, its change-password and second-step sections, adding codes
// by email (the code read from the fake Resend) and the factor listed with a Spanish date, and the idle warning.
import { type Browser, expect, type Page, test } from "@playwright/test";
import { e2eDatabaseUrl, withSql } from "./support/database";
import { waitForEmail } from "./support/mailbox";
import { type NewPatient, newPatientWithAccount } from "./support/new-patient";

test.use({ locale: "es-US" });

/** /login in either language: its own words are checked by its own specs, not here. */
async function signIn(page: Page, p: NewPatient) {
  await page.goto("/login");
  await page.getByLabel(/^(Username|Nombre de usuario)$/).fill(p.username);
  await page.getByLabel(/^(Password|Contraseña)$/).fill(p.password);
  await page.getByRole("button", { name: /^(Sign in|Iniciar sesión)$/ }).click();
  await expect(page).toHaveURL(/\/portal$/);
}

/** The spec's own patient, made through the English register and setup pages the helper knows. */
function newPatient(browser: Browser): Promise<NewPatient> {
  const english = { newPage: () => browser.newPage({ locale: "en-US" }) } as unknown as Browser;
  return newPatientWithAccount(english, {
    firstName: "Lucia",
    lastName: "Herrera",
    tag: "es",
    dob: { month: "4", day: "9", year: "1979" },
  });
}

const codeIn = (text: string | undefined) => {
  const m = /\b(\d{6})\b/.exec(text ?? "");
  if (!m) throw new Error("no 6-digit code in the email");
  return m[1];
};

test("the portal in Spanish: details, password, codes by email added and listed with a Spanish date", async ({
  browser,
  page,
}) => {
  test.setTimeout(180_000);
  const lucia = await newPatient(browser);
  await signIn(page, lucia);

  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page).toHaveTitle(/^Su portal · /);
  await expect(page.getByRole("heading", { name: "Hola, Lucia", level: 1 })).toBeVisible();
  await expect(page.getByText(`Inició sesión como ${lucia.username}.`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Cerrar sesión", exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Proteja su información de salud" })).toBeVisible();

  const details = page.getByRole("region", { name: "Sus datos registrados" });
  await expect(details).toContainText("Fecha de nacimiento");
  await expect(details).toContainText("9 de abril de 1979");

  const password = page.getByRole("region", { name: "Cambie su contraseña" });
  await expect(password.getByLabel("Contraseña actual")).toBeVisible();
  await expect(password.getByLabel("Contraseña nueva", { exact: true })).toBeVisible();
  await expect(password.getByLabel("Confirme la contraseña nueva")).toBeVisible();
  // A mismatch is refused in Spanish, by the server.
  await password.getByLabel("Contraseña actual").fill(lucia.password);
  await password.getByLabel("Contraseña nueva", { exact: true }).fill("copper kettles in the rain");
  await password.getByLabel("Confirme la contraseña nueva").fill("copper kettles in the snow");
  await password.getByRole("button", { name: "Cambiar contraseña" }).click();
  await expect(password.getByText("Las dos contraseñas nuevas no coinciden.").first()).toBeVisible();

  // The password guidance and a refusal of the new password, in Spanish too.
  await expect(password.getByText("Use al menos 15 caracteres.", { exact: false })).toBeVisible();
  await password.getByLabel("Contraseña actual").fill(lucia.password);
  await password.getByLabel("Contraseña nueva", { exact: true }).fill("muy corta");
  await password.getByLabel("Confirme la contraseña nueva").fill("muy corta");
  await password.getByRole("button", { name: "Cambiar contraseña" }).click();
  await expect(password.getByText("Su contraseña debe tener al menos 15 caracteres.").first()).toBeVisible();

  const secondStep = page.getByRole("region", { name: "Agregue un segundo paso para iniciar sesión" });
  await expect(secondStep).toContainText("Todavía no ha agregado un segundo paso. Elija uno:");
  await expect(secondStep.getByRole("link", { name: "Usar una aplicación de autenticación" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cerrar sesión en todos los dispositivos" })).toBeVisible();

  // Codes by email, with the code from the email.
  await secondStep.getByRole("link", { name: "Recibir un código por correo electrónico" }).click();
  await expect(
    page.getByRole("heading", { name: "Reciba un código por correo electrónico al iniciar sesión", level: 1 }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Volver a su portal" })).toBeVisible();
  const since = Date.now();
  await page.getByRole("button", { name: "Enviarme un código" }).click();
  await expect(page.getByRole("status")).toContainText("Le enviamos un código por correo electrónico.");
  const code = codeIn((await waitForEmail({ to: lucia.email, since })).text);

  await page.getByRole("button", { name: "Activar los códigos por correo electrónico" }).click();
  await expect(page.getByRole("region", { name: "Hay un problema" })).toContainText(
    "Escriba el código de 6 dígitos del correo electrónico.",
  );
  await page.getByLabel("Código del correo electrónico").fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Activar los códigos por correo electrónico" }).click();
  await expect(page.getByText("Ese código no es correcto.").first()).toBeVisible();
  await page.getByLabel("Código del correo electrónico").fill(code);
  await page.getByRole("button", { name: "Activar los códigos por correo electrónico" }).click();
  await expect(page).toHaveURL(/\/portal\?done=added$/);
  await expect(page.getByRole("status").filter({ hasText: "Su segundo paso está activado." })).toBeVisible();
  await expect(page.getByText("Código por correo electrónico, se agregó hoy, todavía no se ha usado.")).toBeVisible();

  // Added on another day, the date is written the Spanish way.
  const url = e2eDatabaseUrl(test.info().config.configFile);
  expect(url, "dating the factor back needs the PostgreSQL e2e database (DATABASE_URL)").not.toBeNull();
  await withSql(
    url!,
    (sql) => sql`update second_factors set created_at = '2026-03-15T12:00:00Z' where patient_id = ${lucia.id}`,
  );
  await page.reload();
  await expect(
    page.getByText("Código por correo electrónico, se agregó el 15 de marzo de 2026, todavía no se ha usado."),
  ).toBeVisible();
  await page.getByRole("link", { name: "Quitar el código por correo electrónico" }).click();
  await expect(
    page.getByRole("heading", { name: "¿Quitar el código por correo electrónico?", level: 1 }),
  ).toBeVisible();
  await expect(page).toHaveTitle(/^Quitar un segundo paso · /);
});

test("the idle warning in Spanish", async ({ browser, page }) => {
  const lucia = await newPatient(browser);
  await page.clock.install();
  await signIn(page, lucia);
  await page.clock.fastForward("29:15");
  const dialog = page.getByRole("dialog", { name: "¿Sigue ahí?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/su sesión se cerrará en \d+ segundos/);
  await dialog.getByRole("button", { name: "Mantener la sesión iniciada" }).click();
  await expect(dialog).toBeHidden();
});
