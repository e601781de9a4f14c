// The browser gets only the texts client components read (lib/i18n/client-messages.ts). This follows every client
// component's imports through the code and checks that each text they ask for is in what the browser gets, so a
// new client text cannot reach a patient as a raw key; and that the emails and the server's messages stay out.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "./messages";
import { CLIENT_MESSAGE_PATHS, pickMessages } from "./client-messages";

const ROOT = path.resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === "node_modules" || name.startsWith(".") ? [] : sourceFiles(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : path.resolve(path.dirname(from), spec);
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, "index.ts"),
    path.join(base, "index.tsx"),
  ])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return null;
}

/** Every module a browser bundle can hold: the "use client" files and everything they import from our code. */
function clientModules(): string[] {
  const entries = [...sourceFiles(path.join(ROOT, "app")), ...sourceFiles(path.join(ROOT, "lib"))].filter((f) =>
    /^\s*(?:\/\/.*\n\s*)*["']use client["']/.test(readFileSync(f, "utf8")),
  );
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of readFileSync(file, "utf8").matchAll(/\bfrom\s+["']((?:@\/|\.{1,2}\/)[^"']+)["']/g)) {
      const next = resolveImport(file, m[1]);
      if (next) queue.push(next);
    }
  }
  return [...seen];
}

/** What each client module asks for: full keys ("signIn.login.submit"), or a whole area when the key is computed. */
function textsAskedFor(file: string): { keys: string[]; wholeAreas: string[] } {
  const source = readFileSync(file, "utf8");
  const keys: string[] = [];
  const wholeAreas: string[] = [];
  for (const [, name, area] of source.matchAll(/\b(?:const|let)\s+(\w+)\s*=\s*useTranslations\(\s*"([^"]*)"\s*\)/g)) {
    for (const call of source.matchAll(new RegExp(`\\b${name}(?:\\.(?:rich|markup|raw|has))?\\(\\s*([^,)]*)`, "g"))) {
      const literal = /^["'`]([^"'`$]+)["'`]$/.exec(call[1].trim());
      if (literal) keys.push(`${area}.${literal[1]}`);
      else wholeAreas.push(area);
    }
  }
  if (/useTranslations\(\s*\)|useMessages\(/.test(source)) wholeAreas.push("");
  return { keys, wholeAreas };
}

const lookup = (tree: unknown, dotted: string) =>
  dotted === "" ? tree : dotted.split(".").reduce<unknown>((node, k) => (node as Record<string, unknown>)?.[k], tree);
const covered = (area: string) => CLIENT_MESSAGE_PATHS.some((p) => area === p || area.startsWith(`${p}.`));

describe("the texts the browser gets", () => {
  const modules = clientModules();

  it("finds the client components that read texts (the check below looks at something)", () => {
    const reading = modules.filter((f) => textsAskedFor(f).keys.length > 0);
    expect(reading.length).toBeGreaterThanOrEqual(15);
  });

  for (const locale of ["en", "es"] as const) {
    it(`hold every text a client component asks for (${locale})`, () => {
      const client = pickMessages(MESSAGES[locale] as never);
      const missing: string[] = [];
      for (const file of modules) {
        const { keys, wholeAreas } = textsAskedFor(file);
        for (const key of keys)
          if (typeof lookup(client, key) !== "string") missing.push(`${path.relative(ROOT, file)}: ${key}`);
        for (const area of wholeAreas)
          if (!covered(area)) missing.push(`${path.relative(ROOT, file)}: all of "${area}" (a computed key)`);
      }
      expect(missing).toEqual([]);
    });
  }

  it("leave out the emails and the texts only the server writes", () => {
    const client = pickMessages(MESSAGES.en as never);
    expect(Object.keys(client)).not.toContain("emails");
    expect(Object.keys(client)).not.toContain("validation");
    expect(JSON.stringify(client).length).toBeLessThan(JSON.stringify(MESSAGES.en).length / 2);
  });

  it("an unknown path is an error, not a silently missing text", () => {
    expect(() => pickMessages(MESSAGES.en as never, ["signIn.nothingHere"])).toThrow(/signIn.nothingHere/);
  });
});
