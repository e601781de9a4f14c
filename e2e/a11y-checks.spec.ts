// The WCAG checks of e2e/support/a11y-checks.ts find what they look for: a page made to break each rule gets each
// problem named, and what the rules allow (a small link in a sentence, a spaced-out small button) is not flagged.
import { expect, test } from "@playwright/test";
import { focusProblems, reflowProblems, targetSizeProblems, textSpacingProblems } from "./support/a11y-checks";

const BROKEN = `<!doctype html><html lang="en"><head><title>Broken on purpose</title>
<style>:focus-visible { outline: 3px solid black; } body { margin: 0; font: 16px/1.5 sans-serif; }</style></head>
<body>
  <p>Read <a href="#a">the small print</a> before you start.</p>
  <div><button id="tiny1" style="width:16px;height:16px;padding:0;border:0">a</button><button id="tiny2" style="width:16px;height:16px;padding:0;border:0">b</button></div>
  <div style="margin:40px"><button id="lonely" style="width:16px;height:16px;padding:0;border:0">c</button></div>
  <a id="ringless" href="#b" style="outline:none">No ring at all</a>
  <div id="box" style="width:140px;height:24px;overflow:hidden">Words that only just fit in one line</div>
  <div style="width:600px;border:1px solid">A box wider than a phone</div>
  <a id="covered" href="#c" style="position:absolute;top:10px;right:10px">Under the banner</a>
  <div style="position:fixed;top:0;right:0;width:300px;height:60px;background:#fff">A banner</div>
  <a id="faint" href="#d" style="outline-color:#ffbf47">A faint ring</a>
</body></html>`;

test("the checks name each broken rule and spare what WCAG allows", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.setContent(BROKEN);

  const targets = await targetSizeProblems(page);
  expect(targets.join("\n")).toMatch(/button "a" is 16×16 px and too close to button "b"/);
  expect(targets.join("\n")).not.toMatch(/button "c"/); // spacing exception
  expect(targets.join("\n")).not.toMatch(/the small print/); // inline exception

  const focus = await focusProblems(page);
  expect(focus.join("\n")).toMatch(/a "No ring at all": no visible focus indicator/);
  expect(focus.join("\n")).toMatch(/a "Under the banner": hidden under div when focused/);
  expect(focus.join("\n")).toMatch(/a "A faint ring": focus ring contrast 1\.\d:1 against its background/);
  expect(focus.join("\n")).not.toMatch(/the small print/);

  const spacing = await textSpacingProblems(page);
  expect(spacing.join("\n")).toMatch(/text spacing, desktop: text clipped in div\. "Words that only just fit/);
  expect(spacing.join("\n")).toMatch(/text spacing: scrolls sideways at 320 px/);

  await page.setViewportSize({ width: 320, height: 640 });
  expect((await reflowProblems(page)).join("\n")).toMatch(/scrolls sideways at 320 px \(content 6\d\d px\)/);
});
