// A Spanish-speaking patient reads the signed-out pages in Spanish: chosen by the browser's language, or by the
// "English | Español" switch in the header, with JavaScript on (what was typed stays) or off (a plain link).
import { expect, type Page, test } from "@playwright/test";

const PAGES = [
  { path: "/login", heading: "Inicie sesión en su portal del paciente", label: "Nombre de usuario" },
  { path: "/register", heading: "Cree su cuenta del portal del paciente", label: "Apellido" },
  { path: "/forgot-password", heading: "Restablezca su contraseña", label: "Correo electrónico" },
  { path: "/forgot-username", heading: "Encuentre su nombre de usuario", label: "Código postal" },
  { path: "/second-step-help", heading: "¿No puede recibir su código para iniciar sesión?", label: "Mes" },
];

const switchTo = (page: Page, language: "English" | "Español") =>
  page
    .getByRole("navigation", { name: /Language|Idioma/ })
    .getByRole("link", { name: language })
    .click();

const expectSpanishRegister = async (page: Page) => {
  await expect(page.getByRole("heading", { level: 1, name: "Cree su cuenta del portal del paciente" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
};

const expectEnglishRegister = async (page: Page) => {
  await expect(page.getByRole("heading", { level: 1, name: "Create your Patient Portal account" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
};

test.describe("a browser that asks for Spanish", () => {
  test.use({ locale: "es-US" });

  for (const { path, heading, label } of PAGES) {
    test(`${path} is in Spanish`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expect(page.getByLabel(label, { exact: true })).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", "es");
      await expect(page).toHaveTitle(/Portal del paciente/);
    });
  }

  test("the date of birth reads month, day, year with a Spanish example", async ({ page }) => {
    await page.goto("/register");
    const dob = page.getByRole("group", { name: "Fecha de nacimiento" });
    await expect(dob).toContainText("Por ejemplo: 03 15 1962 para el 15 de marzo de 1962");
    await expect(dob.locator("label")).toHaveText(["Mes", "Día", "Año"]);
  });

  test("an empty create-account form is refused in Spanish, summary and fields alike", async ({ page }) => {
    await page.goto("/register");
    await page.getByRole("button", { name: "Envíenme un enlace" }).click();
    const summary = page.getByRole("region", { name: "Hay un problema" });
    await expect(summary).toBeVisible();
    await expect(
      summary.getByRole("link", { name: "Correo electrónico: Escriba su correo electrónico" }),
    ).toBeVisible();
    await expect(summary.getByRole("link", { name: "Apellido: Escriba su apellido" })).toBeVisible();
    await expect(
      summary.getByRole("link", { name: "Fecha de nacimiento: Escriba su fecha de nacimiento" }),
    ).toBeVisible();
    await expect(summary.getByRole("link", { name: "Código postal: Escriba su código postal" })).toBeVisible();
    await expect(page.locator("#email-error")).toHaveText("Error: Escriba su correo electrónico");
    await expect(page.locator("#zip-error")).toHaveText("Error: Escriba su código postal");
    await expect(page.getByText("validation.")).toHaveCount(0);
  });

  test("the staff sign-in stays English: a shared password rule shows English words, never a message key", async ({
    page,
  }) => {
    await page.goto("/admin/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.locator("#password-error")).toHaveText("Error: Enter your password");
    await expect(page.getByRole("button", { name: "Show password" })).toBeVisible();
    await expect(page.getByText("validation.")).toHaveCount(0);
  });
});

test.describe("the language switch without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("is a link that changes the page's language, remembered across reloads and pages", async ({ page }) => {
    await page.goto("/register");
    await expectEnglishRegister(page);

    await switchTo(page, "Español");
    await expect(page).toHaveURL(/\/register$/);
    await expectSpanishRegister(page);

    await page.reload();
    await expectSpanishRegister(page);
    await page.goto("/login");
    await expect(
      page.getByRole("heading", { level: 1, name: "Inicie sesión en su portal del paciente" }),
    ).toBeVisible();

    await page.goto("/register");
    await switchTo(page, "English");
    await expect(page).toHaveURL(/\/register$/);
    await expectEnglishRegister(page);
    await page.reload();
    await expectEnglishRegister(page);
    await page.goto("/login");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in to your Patient Portal" })).toBeVisible();
  });
});

test.describe("the language switch with JavaScript", () => {
  test("changes the words in place and keeps what was typed", async ({ page }) => {
    await page.goto("/register");
    await expectEnglishRegister(page);
    await page.getByLabel("Email").fill("pat.typed@example.com");
    await page.getByLabel("Last name").fill("Typed-Name");

    await switchTo(page, "Español");
    await expectSpanishRegister(page);
    await expect(page.getByLabel("Correo electrónico")).toHaveValue("pat.typed@example.com");
    await expect(page.getByLabel("Apellido")).toHaveValue("Typed-Name");
    await expect(page).toHaveURL(/\/register$/);
  });
});

test.describe("an emailed link in Spanish", () => {
  test("a link that does not work says why in Spanish and where to ask again", async ({ page }) => {
    // Emailed links carry the language the patient used ("&lang=es"); the proxy remembers it.
    await page.goto("/reset-password?token=abc&lang=es");
    await expect(page).toHaveURL(/\/reset-password$/);
    await expect(page.getByRole("heading", { level: 1, name: "Este enlace no es válido" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Pedir un enlace nuevo para la contraseña" })).toHaveAttribute(
      "href",
      "/forgot-password",
    );
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
  });
});
