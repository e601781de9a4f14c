// axe-core runs as a script inside the page, which a context with javaScriptEnabled: false never executes
// (AxeBuilder.analyze() hangs there). Without JavaScript the page is exactly the HTML the server sent, so we
// take that document, drop its scripts, serve it at the same address in a JavaScript-enabled context (so its
// stylesheets load and colour contrast is measured), and run the usual check on it.
import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";

export async function expectNoAxeViolationsWithoutJs(page: Page) {
  const url = page.url();
  const html = await page.content();
  // What a browser without JavaScript shows: no scripts, and the content of <noscript> (the passkey buttons' "needs
  // JavaScript" notes) as ordinary markup, so axe checks it too in the JavaScript-enabled copy.
  const withoutScripts = html
    .replace(/<script\b[\s\S]*?<\/script>/gi, "")
    .replace(/<noscript>([\s\S]*?)<\/noscript>/gi, "$1");
  const browser = page.context().browser();
  if (!browser) throw new Error("expectNoAxeViolationsWithoutJs needs a page from a launched browser");
  const context = await browser.newContext({ viewport: page.viewportSize() });
  try {
    const copy = await context.newPage();
    await copy.route(
      (u) => u.href === url,
      (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: withoutScripts }),
    );
    await copy.goto(url, { waitUntil: "load" });
    await expectNoAxeViolations(copy);
  } finally {
    await context.close();
  }
}
