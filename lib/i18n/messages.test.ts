// Every text exists in both languages with the same placeholders and tags, so a Spanish page never shows a key
// or drops the practice's phone number.
import { describe, expect, it } from "vitest";
import { LOCALES } from "./locales";
import { MESSAGES } from "./messages";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

// The ICU arguments ({practice}, {count, plural, …}) and rich-text tags (<call>) a message uses.
function placeholders(message: string): string[] {
  const args = [...message.matchAll(/\{\s*([A-Za-z0-9_]+)\s*[,}]/g)].map((m) => `{${m[1]}}`);
  const tags = [...message.matchAll(/<\/?([A-Za-z0-9_]+)>/g)].map((m) => `<${m[1]}>`);
  return [...new Set([...args, ...tags])].sort();
}

describe("message files", () => {
  const en = leaves(MESSAGES.en as unknown as Tree);

  it("have texts to compare", () => {
    expect(en.size).toBeGreaterThan(10);
  });

  for (const locale of LOCALES.filter((l) => l !== "en")) {
    const other = leaves(MESSAGES[locale] as unknown as Tree);

    it(`${locale} has every English key and no other`, () => {
      expect([...other.keys()].filter((k) => !en.has(k))).toEqual([]);
      expect([...en.keys()].filter((k) => !other.has(k))).toEqual([]);
    });

    it(`${locale} uses the same placeholders and tags as English`, () => {
      const differ = [...en].filter(([key, text]) => {
        const theirs = other.get(key);
        return theirs !== undefined && placeholders(theirs).join() !== placeholders(text).join();
      });
      expect(differ.map(([key]) => key)).toEqual([]);
    });

    it(`${locale} has no empty text`, () => {
      expect([...other].filter(([, text]) => text.trim() === "").map(([key]) => key)).toEqual([]);
    });
  }
});
