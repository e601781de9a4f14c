import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** WCAG 2.2 A and AA, as axe-core knows them: the page must have no violations. */
export async function expectNoAxeViolations(page: Page) {
  // After a client-side navigation Next streams the new <title> in a moment later: check the settled page.
  await expect.poll(() => page.title(), { message: "the page never got a title" }).not.toBe("");
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary).toEqual([]);
}
