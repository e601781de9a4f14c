// Arbitraries for property-based tests of input boundaries (docs/security.md R3, V7): hostile strings, huge
// strings, arbitrary JS values, and known-good values for the fields the app validates.
import fc from "fast-check";

/** Numbers of runs and an optional fixed seed (FC_SEED=123 npx vitest ...); fast-check prints the seed on failure. */
export function fcParams(numRuns = 300): fc.Parameters<unknown> {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
  return { numRuns, ...(seed !== undefined && Number.isFinite(seed) ? { seed } : {}) };
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));

/** C0 controls and DEL: refused by every field that is stored or shown. */
export const C0_AND_DEL = [...range(0, 0x1f), "\u007f"];
/** C0 controls that String.prototype.trim() does not remove, so they survive at either end. */
export const C0_NOT_TRIMMED = C0_AND_DEL.filter((c) => c.trim() !== "");
/** C1 controls (\p{Cc} beyond ASCII), e.g. NEL U+0085. */
export const C1 = range(0x80, 0x9f);
export const LINE_SEPARATORS = ["\u2028", "\u2029"];
/** Bidirectional embeddings, overrides and isolates (the "RTL override" trick). */
export const BIDI_CONTROLS = [...range(0x202a, 0x202e), ...range(0x2066, 0x2069)];
/** Every character that patient-record.ts refuses in any stored text. */
export const STORED_TEXT_FORBIDDEN = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** Characters that tend to break things: controls, separators, bidi, surrogate halves, BOM, emoji, combining marks, quotes, SQL and HTML. */
export const SPECIAL_CHARS = [
  ...C0_AND_DEL,
  ...C1.slice(0, 8),
  "\u0085",
  ...LINE_SEPARATORS,
  ...BIDI_CONTROLS,
  "\u200b",
  "\u200d",
  "\u00ad",
  "\ufeff",
  "\ufffd",
  "\ud800",
  "\udfff",
  "😀",
  "👩‍⚕️",
  "\u0301",
  "Ω",
  "ß",
  "İ",
  "ﬁ",
  "Ｍ",
  "𝑨",
  "'",
  '"',
  "`",
  "<",
  ">",
  "&",
  ";",
  "--",
  "%",
  "\\",
  "/",
  " ",
  "\u00a0",
  "@",
  ".",
  "-",
  "0",
  "9",
  "a",
  "Z",
];

export const specialString = (maxLength = 40) => fc.string({ unit: fc.constantFrom(...SPECIAL_CHARS), maxLength });

/** A string of `min`–`max` UTF-16 units, made by repeating a short random piece (fast to generate at 20 KB). */
export const hugeString = (min = 1_025, max = 20_480) =>
  fc
    .tuple(
      fc.oneof(
        fc.string({ unit: "binary", minLength: 1, maxLength: 6 }),
        specialString(6).filter((s) => s.length > 0),
      ),
      fc.integer({ min, max }),
    )
    .map(([piece, n]) => piece.repeat(Math.ceil(n / piece.length)).slice(0, n));

/** Any string: full Unicode (with lone surrogates), graphemes, hostile characters, up to 20 KB. */
export const anyString = fc.oneof(
  { arbitrary: fc.string(), weight: 2 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 60 }), weight: 3 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }), weight: 2 },
  { arbitrary: specialString(), weight: 3 },
  { arbitrary: hugeString(), weight: 1 },
);

/** Objects no schema should choke on: they come out of JSON.parse, or are plain JS values without a string form. */
export const exoticObjects = fc.constantFrom<unknown>(
  JSON.parse('{"toString":1}'),
  JSON.parse('{"toString":{},"valueOf":{}}'),
  JSON.parse('{"__proto__":{"polluted":true},"length":3}'),
  Object.create(null),
  {
    toString: () => {
      throw new Error("toString throws");
    },
  },
  [Object.create(null)],
  Symbol("sym"),
  10n ** 30n,
  new Date(Number.NaN),
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -0,
  new Uint8Array([0, 255]),
  new Map([["a", 1]]),
  () => "function",
);

/** fc.anything() with every kind of value turned on, null-prototype objects included. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: anyString, weight: 3 },
  {
    arbitrary: fc.anything({
      maxDepth: 2,
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withBigInt: true,
      withDate: true,
      withTypedArray: true,
      withSparseArray: true,
      withObjectString: true,
      withNullPrototype: true,
    }),
    weight: 3,
  },
  { arbitrary: exoticObjects, weight: 1 },
);

/** Inserts `c` strictly inside the trimmed value, so trimming cannot remove it. */
export function insertInside(value: string, c: string, at: number): string {
  const chars = [...value.trim()];
  if (chars.length < 2) return `${chars.join("") || "a"}${c}b`;
  const i = 1 + (at % (chars.length - 1));
  return [...chars.slice(0, i), c, ...chars.slice(i)].join("");
}

/** A good value with one forbidden character placed inside it. */
export const withInside = (good: fc.Arbitrary<string>, chars: readonly string[]) =>
  fc.tuple(good, fc.constantFrom(...chars), fc.nat()).map(([v, c, at]) => insertInside(v, c, at));

/** Strings of `max + 1` to 20 KB code points built from `piece` (e.g. "a" or an emoji). */
export const longerThan = (max: number, piece: fc.Arbitrary<string> = fc.constantFrom("a", "é", "😀", "9")) =>
  fc.tuple(piece, fc.integer({ min: max + 1, max: Math.max(max + 1, 20_480) })).map(([p, n]) => p.repeat(n));

/** Randomly upper-cases some ASCII letters. */
export const mixCase = (s: string, mask: number) =>
  [...s].map((c, i) => ((mask >> (i % 31)) & 1 ? c.toUpperCase() : c)).join("");

/** Emails that zod's (ASCII-only) email check accepts, in mixed case, sometimes padded with spaces. */
export const goodEmail = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9]{1,12}(\.[a-z0-9_+-]{0,8}[a-z0-9])?$/),
    fc.stringMatching(/^[a-z0-9]{1,12}(-[a-z0-9]{1,6})?$/),
    fc.stringMatching(/^[a-z]{2,6}$/),
    fc.nat(),
    fc.constantFrom("", " ", "  "),
  )
  .map(([local, domain, tld, mask, pad]) => `${pad}${mixCase(`${local}@${domain}.${tld}`, mask)}${pad}`);

export const DAY_MS = 86_400_000;
export const todayUtc = () => new Date().toISOString().slice(0, 10);
export const isoOf = (d: Date) => d.toISOString().slice(0, 10);

/** Formats a calendar date the ways staff type it; parseDateInput must read them all. */
export function formatDate(d: Date, style: number): string {
  const [y, m, day] = isoOf(d).split("-");
  const M = String(Number(m));
  const D = String(Number(day));
  switch (style % 6) {
    case 0:
      return `${m}/${day}/${y}`;
    case 1:
      return `${M}/${D}/${y}`;
    case 2:
      return `${y}-${m}-${day}`;
    case 3:
      return `${m}-${day}-${y}`;
    case 4:
      return `${m}.${day}.${y}`;
    default:
      return `${y}-${M}-${D}`;
  }
}

/** Birth dates from 1900-01-01 to yesterday (UTC), as [iso, typed]. */
export const goodDob = fc
  .tuple(
    fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date(Date.now() - DAY_MS), noInvalidDate: true }),
    fc.nat(),
  )
  .map(([d, style]) => [isoOf(d), formatDate(d, style)] as const);

export const goodZip = fc.stringMatching(/^[0-9]{5}(-[0-9]{4})?$/);

/** Real-world-ish last names: letters with accents, spaces, hyphens and apostrophes, up to 100 code points. */
export const goodLastName = fc
  .array(
    fc.constantFrom(
      "Smith",
      "García",
      "López",
      "O’Brien",
      "van der",
      "Nguyễn",
      "Strauß",
      "Øyelund",
      "李",
      "Ñandú",
      "St.",
      "D'Arcy",
      "-",
      " ",
      "😀",
    ),
    {
      minLength: 1,
      maxLength: 8,
    },
  )
  .map((parts) => parts.join(""))
  .filter((s) => /\p{L}/u.test(s) && [...s.trim()].length <= 100);

/** Printable names of 1–`max` characters (trimmed) without controls. */
export const goodName = (max = 100) =>
  fc
    .string({
      unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-' .éñøßü"),
      minLength: 1,
      maxLength: max,
    })
    .filter((s) => s.trim().length > 0);
