// WCAG 2.2 A/AA checks a browser can measure, run on the page as it is on screen: axe's rules, reflow at 320 CSS px
// (1.4.10), text spacing (1.4.12), focus visible and not obscured (2.4.7, 2.4.11) and target size (2.5.8).
// Each check returns the problems it found as sentences, so one test can visit many pages and list every problem
// at the end instead of stopping at the first.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { WCAG_TAGS } from "./axe";

const DESKTOP = { width: 1280, height: 720 };
// 320 CSS px: a 320 px phone, or a 1280 px window zoomed to 400 % (WCAG 1.4.10's two cases are the same layout).
const NARROW = { width: 320, height: 640 };

// The text-spacing override of WCAG 1.4.12's understanding document, with !important as a user style sheet has it.
const TEXT_SPACING_CSS = `
  * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
  p { margin-bottom: 2em !important; }
`;

const TARGETS =
  'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"], [role="checkbox"]';

export async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map((v) => `axe ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** 1.4.10: nothing makes the page scroll sideways. Names the elements that stick out. */
export async function reflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const doc = document.documentElement;
    if (doc.scrollWidth <= doc.clientWidth) return [];
    const wide = [...document.body.querySelectorAll<HTMLElement>("*")]
      .filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 0.5)
      // the innermost ones say most
      .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > doc.clientWidth + 0.5))
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(" ").join(".")}` : ""} "${(el.textContent ?? "").trim().slice(0, 40)}"`,
      );
    return [`scrolls sideways at ${doc.clientWidth} px (content ${doc.scrollWidth} px): ${wide.join("; ")}`];
  });
}

/** 1.4.12: text in a box that hides its overflow must still fit once spaced out. */
async function clippedTextProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.body.querySelectorAll<HTMLElement>("*")) {
      if (["INPUT", "SELECT", "TEXTAREA", "svg", "IMG", "OPTION"].includes(el.tagName)) continue;
      const cs = getComputedStyle(el);
      const hides = (v: string) => v === "hidden" || v === "clip";
      if (!hides(cs.overflowX) && !hides(cs.overflowY) && cs.textOverflow !== "ellipsis") continue;
      // Visually hidden text (1 px, clipped) is meant for screen readers only.
      if (el.clientWidth <= 1 || el.clientHeight <= 1 || cs.clip === "rect(0px, 0px, 0px, 0px)") continue;
      if (!(el.textContent ?? "").trim()) continue;
      const overX = hides(cs.overflowX) && el.scrollWidth > el.clientWidth + 1;
      const overY = hides(cs.overflowY) && el.scrollHeight > el.clientHeight + 1;
      if (overX || overY)
        out.push(
          `text clipped in ${el.tagName.toLowerCase()}.${String(el.className)} "${(el.textContent ?? "").trim().slice(0, 40)}" (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`,
        );
    }
    // A box whose own text now spills out (a set height, or words that cannot wrap) overlaps what is next to it.
    for (const el of document.body.querySelectorAll<HTMLElement>("*")) {
      const cs = getComputedStyle(el);
      if (cs.display === "inline" || cs.overflowX !== "visible" || cs.overflowY !== "visible") continue;
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? "").trim());
      if (!ownText || el.clientHeight === 0) continue;
      if (el.scrollHeight > el.clientHeight + 2 || el.scrollWidth > el.clientWidth + 2)
        out.push(
          `text spills out of ${el.tagName.toLowerCase()}.${String(el.className)} "${(el.textContent ?? "").trim().slice(0, 40)}" (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`,
        );
    }
    return out;
  });
}

/** 1.4.12 with 1.4.10: spaced-out text fits its boxes, at the desktop width and at 320 px. */
export async function textSpacingProblems(page: Page): Promise<string[]> {
  const style = await page.addStyleTag({ content: TEXT_SPACING_CSS });
  try {
    const problems = (await clippedTextProblems(page)).map((p) => `text spacing, desktop: ${p}`);
    await page.setViewportSize(NARROW);
    problems.push(...(await clippedTextProblems(page)).map((p) => `text spacing, 320 px: ${p}`));
    problems.push(...(await reflowProblems(page)).map((p) => `text spacing: ${p}`));
    return problems;
  } finally {
    await style.evaluate((el) => (el as Element).remove());
    await page.setViewportSize(DESKTOP);
  }
}

/**
 * 2.4.7 and 2.4.11: Tab round the whole page. Each element that takes focus must show an indicator (an outline, or
 * a box shadow or border that differs from its unfocused look), lie inside the viewport and not be hidden under
 * something else (the element at its centre is itself or inside it).
 */
export async function focusProblems(page: Page): Promise<string[]> {
  // What each focusable element looks like unfocused, to compare with its focused look.
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur?.();
    const looks = new Map<Element, string>();
    for (const el of document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")) {
      const cs = getComputedStyle(el);
      looks.set(el, JSON.stringify([cs.boxShadow, cs.borderColor, cs.borderWidth, cs.outlineStyle, cs.outlineWidth]));
    }
    (window as unknown as { __unfocusedLooks: Map<Element, string> }).__unfocusedLooks = looks;
  });
  const problems: string[] = [];
  let reached = 0;
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press("Tab");
    const r = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return { kind: "none" as const };
      if (el.dataset.a11yFocusSeen) return { kind: "again" as const };
      el.dataset.a11yFocusSeen = "1";
      const name = `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? (el as HTMLInputElement).name ?? "").trim().slice(0, 40) || el.id}"`;
      const cs = getComputedStyle(el);
      const before = (window as unknown as { __unfocusedLooks: Map<Element, string> }).__unfocusedLooks.get(el);
      const now = JSON.stringify([cs.boxShadow, cs.borderColor, cs.borderWidth, cs.outlineStyle, cs.outlineWidth]);
      const outline = cs.outlineStyle !== "none" && Number.parseFloat(cs.outlineWidth) > 0;
      const changed = before !== undefined && before !== now && (cs.boxShadow !== "none" || cs.borderWidth !== "0px");
      const problems: string[] = [];
      if (!outline && !changed) problems.push(`${name}: no visible focus indicator`);
      if (outline) {
        // An outline is drawn outside the element: it must stand out 3:1 against what is behind it (1.4.11).
        const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
        const lum = ([r, g, b]: number[]) => {
          const f = (v: number) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
          return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        let behind = "rgb(255, 255, 255)";
        for (let a = el.parentElement; a; a = a.parentElement) {
          const bg = getComputedStyle(a).backgroundColor;
          const parts = rgb(bg);
          if (parts.length >= 3 && (parts.length < 4 || parts[3] > 0)) {
            behind = bg;
            break;
          }
        }
        const [l1, l2] = [lum(rgb(cs.outlineColor)), lum(rgb(behind))].sort((x, y) => y - x);
        const ratio = (l1 + 0.05) / (l2 + 0.05);
        if (ratio < 3) problems.push(`${name}: focus ring contrast ${ratio.toFixed(1)}:1 against its background`);
      }
      const box = el.getBoundingClientRect();
      const vw = document.documentElement.clientWidth;
      const vh = window.innerHeight;
      if (box.right <= 0 || box.bottom <= 0 || box.left >= vw || box.top >= vh || box.width < 1 || box.height < 1) {
        problems.push(`${name}: focused but outside the viewport (${Math.round(box.left)},${Math.round(box.top)})`);
      } else {
        // A link that wraps onto two lines is two boxes: the centre of their bounding box may be other text.
        // Seen if the centre of any of its boxes shows the element itself (or a label drawn over its own control).
        let top: Element | null = null;
        const seen = [...el.getClientRects()].some((r) => {
          const x = Math.min(Math.max(r.left + r.width / 2, 0), vw - 1);
          const y = Math.min(Math.max(r.top + r.height / 2, 0), vh - 1);
          top = document.elementFromPoint(x, y);
          const ownLabel = top instanceof HTMLLabelElement && top.control === el;
          return !!top && (top === el || el.contains(top) || ownLabel);
        });
        if (!seen) {
          const under = top as Element | null;
          problems.push(`${name}: hidden under ${under ? under.tagName.toLowerCase() : "nothing"} when focused`);
        }
      }
      return { kind: "focused" as const, problems };
    });
    if (r.kind === "again") break;
    if (r.kind === "none") {
      if (reached > 0) break;
      continue;
    }
    reached++;
    problems.push(...r.problems);
  }
  await page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>("[data-a11y-focus-seen]")) delete el.dataset.a11yFocusSeen;
  });
  if (reached === 0) problems.push("Tab never reached an element");
  return problems;
}

/**
 * 2.5.8 Target size (minimum): every target is at least 24 × 24 CSS px, or one of the criterion's exceptions holds:
 * spacing (a 24 px circle centred on its bounding box meets no other target and no other undersized target's
 * circle), inline (a link in a sentence, its height set by the text's line) or a control the browser draws at its
 * own size (never restyled here, so not counted).
 */
export async function targetSizeProblems(page: Page): Promise<string[]> {
  return page.evaluate((selector) => {
    type T = { el: Element; box: DOMRect; cx: number; cy: number; small: boolean; inline: boolean };
    const shown = (el: Element) => {
      const cs = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return (
        cs.visibility !== "hidden" &&
        cs.display !== "none" &&
        box.width > 1 &&
        box.height > 1 &&
        box.right > 0 &&
        box.bottom > -document.documentElement.scrollTop
      );
    };
    const blockOf = (el: Element) => {
      let b = el.parentElement;
      while (b && getComputedStyle(b).display.startsWith("inline")) b = b.parentElement;
      return b;
    };
    // In a sentence: an inline link whose block also holds visible words that are not part of any target.
    const inSentence = (el: Element) => {
      if (getComputedStyle(el).display !== "inline") return false;
      const block = blockOf(el);
      if (!block) return false;
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!/[\p{L}\p{N}]/u.test(n.textContent ?? "")) continue;
        const parent = n.parentElement;
        if (!parent || parent.closest(selector)) continue;
        const r = parent.getBoundingClientRect();
        if (r.width <= 1 || r.height <= 1) continue;
        return true;
      }
      return false;
    };
    const targets: T[] = [...document.querySelectorAll(selector)].filter(shown).map((el) => {
      const box = el.getBoundingClientRect();
      // Sub-pixel rounding: 23.99 px is 24.
      const small = box.width < 23.5 || box.height < 23.5;
      return {
        el,
        box,
        cx: box.left + box.width / 2,
        cy: box.top + box.height / 2,
        small,
        inline: small && inSentence(el),
      };
    });
    const distToBox = (x: number, y: number, b: DOMRect) => {
      const dx = Math.max(b.left - x, 0, x - b.right);
      const dy = Math.max(b.top - y, 0, y - b.bottom);
      return Math.hypot(dx, dy);
    };
    const label = (el: Element) =>
      `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? (el as HTMLInputElement).name ?? "").trim().slice(0, 40)}"`;
    const out: string[] = [];
    for (const t of targets) {
      if (!t.small || t.inline) continue;
      const clash = targets.find(
        (o) =>
          o !== t &&
          !o.el.contains(t.el) &&
          !t.el.contains(o.el) &&
          (distToBox(t.cx, t.cy, o.box) < 12 || (o.small && !o.inline && Math.hypot(o.cx - t.cx, o.cy - t.cy) < 24)),
      );
      if (clash)
        out.push(
          `${label(t.el)} is ${Math.round(t.box.width)}×${Math.round(t.box.height)} px and too close to ${label(clash.el)}`,
        );
    }
    return out;
  }, TARGETS);
}

/** Every check on the page as it is now (desktop size); returns the problems, each prefixed with `where`. */
export async function pageProblems(page: Page, where: string): Promise<string[]> {
  await expect.poll(() => page.title(), { message: `${where}: the page never got a title` }).not.toBe("");
  await page.setViewportSize(DESKTOP);
  const problems = [...(await axeProblems(page)), ...(await targetSizeProblems(page)), ...(await focusProblems(page))];
  await page.setViewportSize(NARROW);
  problems.push(...(await reflowProblems(page)));
  problems.push(...(await targetSizeProblems(page)).map((p) => `320 px: ${p}`));
  await page.setViewportSize(DESKTOP);
  problems.push(...(await textSpacingProblems(page)));
  return problems.map((p) => `${where}: ${p}`);
}
