// The values a front-desk worker reads aloud over the phone (date of birth, chart number, phone number, ZIP code)
// never break inside themselves on the patient dash, at the desk's usual screen widths and on a tablet; and they
// stay whole by the layout, not by shrinking the text or letting it run out of its box.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { fillAddPatient } from "./support/staff-patients";
import { signInAsStaff } from "./support/staff";

test.describe.configure({ mode: "default" });

const WIDTHS = [768, 1024, 1280, 1440];

// The longest values: a chart number as long as Add patient accepts (32 characters, a practice and site prefix
// before the number), ZIP+4, a phone number with the country code, and a long name beside them.
const LONG = {
  chartNumber: "MRN-RIVERSIDE-SPRINGFIELD-010024",
  firstName: "Maximiliana",
  lastName: "Wolfeschlegel-Featherstonehaugh",
  dateOfBirth: "12/28/1960",
  email: "m.wolfeschlegel@example.test",
  zip: "62704-1234",
  phone: "+1 (555) 010-2000",
};

type Shape = { text: string; lines: number; height: number; lineHeight: number; fontSize: number; outside: number };

/** How the value's own text lies on screen: how many lines, and how far it runs past its section's edge. */
async function shapeOf(value: Locator): Promise<Shape> {
  return value.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    const tops = new Set(rects.map((r) => Math.round(r.top)));
    const box = range.getBoundingClientRect();
    const section = (el.closest("section") ?? document.body).getBoundingClientRect();
    const style = getComputedStyle(el);
    const fontSize = Number.parseFloat(style.fontSize);
    const lineHeight = style.lineHeight === "normal" ? fontSize * 1.2 : Number.parseFloat(style.lineHeight);
    return {
      text: el.textContent ?? "",
      lines: tops.size,
      height: box.height,
      lineHeight,
      fontSize,
      outside: Math.max(0, box.right - section.right, section.left - box.left),
    };
  });
}

async function expectWhole(page: Page, values: { where: string; text: string }[]) {
  for (const { where, text } of values) {
    // Every place the value shows (the ZIP code is also the last line of the address).
    const shown = page.getByRole("region", { name: where }).getByText(text, { exact: true });
    await expect(shown.first()).toBeVisible();
    for (const value of await shown.all()) {
      const shape = await shapeOf(value);
      const what = `"${text}" in "${where}" at ${page.viewportSize()!.width} px`;
      expect(shape.lines, `${what} wraps onto ${shape.lines} lines`).toBe(1);
      expect(shape.height, `${what} is ${shape.height} px high`).toBeLessThanOrEqual(shape.lineHeight * 1.5);
      expect(shape.outside, `${what} runs ${shape.outside} px out of its box`).toBe(0);
      expect(shape.fontSize, `${what} is shrunk to ${shape.fontSize} px`).toBeGreaterThanOrEqual(16);
    }
  }
}

let longId: string;

// Added once through Add patient; a worker started again after a failure finds it already on file.
test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage({ baseURL: test.info().project.use.baseURL });
  await signInAsStaff(page);
  await page.goto(`/admin?q=${LONG.chartNumber}`);
  const onFile = page.getByRole("link", { name: `${LONG.lastName}, ${LONG.firstName}` });
  if (await onFile.count()) {
    await onFile.click();
  } else {
    await page.goto("/admin/patients/new");
    await page.getByLabel("Phone").fill(LONG.phone);
    await fillAddPatient(page, { ...LONG, portalAccess: true });
  }
  await expect(page.getByRole("region", { name: "Patient information" })).toContainText(LONG.chartNumber);
  longId = new URL(page.url()).pathname.split("/").pop()!;
  await page.close();
});

for (const width of WIDTHS) {
  test(`at ${width} px wide, dates, chart numbers, phone numbers and ZIP codes on the patient dash stay on one line`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await signInAsStaff(page);

    // The patient the desk first saw break: Oscar Petrov, 01/01/1960, MRN-10024 (demo practice).
    await page.goto("/admin?q=MRN-10024");
    await page.getByRole("link", { name: "Petrov, Oscar" }).click();
    await expect(page.getByRole("heading", { name: "Oscar Petrov", level: 1 })).toBeAttached();
    await expectWhole(page, [
      { where: "Patient information", text: "01/01/1960" },
      { where: "Patient information", text: "MRN-10024" },
    ]);

    await page.goto(`/admin/patients/${longId}`);
    await expect(page.getByRole("region", { name: "Patient information" })).toContainText(LONG.lastName);
    await expectWhole(page, [
      { where: "Patient information", text: LONG.dateOfBirth },
      { where: "Patient information", text: LONG.chartNumber },
      { where: "Patient Portal", text: LONG.zip },
      { where: "Patient Portal", text: LONG.phone },
    ]);
  });
}
