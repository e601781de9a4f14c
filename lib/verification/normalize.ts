// Normalisation for identity checks: the same person types their name, ZIP and email in many
// harmless variants, and on-file records were keyed in by different staff over the years.

// Characters that separate or decorate name parts without changing who is meant: whitespace,
// dashes (including the minus sign and hyphen look-alikes), periods and apostrophe look-alikes.
// Invisible format characters (soft hyphen, zero-width space) arrive with copy-and-paste.
const NAME_NOISE = /[\s\p{Zs}\p{Pd}\u2212.'’‘ʼʻʹ`´′\p{Cf}]/gu;

const FOLD: Record<string, string> = { ß: "ss", ı: "i", đ: "d", ø: "o", ł: "l", æ: "ae", œ: "oe", ς: "σ" };

/** A last name reduced to what identifies it: no accents, case, spacing or punctuation. */
export function normalizeLastName(s: string): string {
  return (
    String(s)
      // Decompose on both sides of lower-casing: compatibility forms (𝑨, Ｍ) only become plain
      // capitals after NFKD, and some lower-case letters only decompose after lower-casing.
      .normalize("NFKD")
      .toLowerCase()
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      // Letters NFKD does not split into base + accent, spelt the way an English keyboard
      // (and older chart entries) would: "Strauß" = "Strauss", "Đặng" = "Dang", "Yılmaz" = "Yilmaz".
      .replace(/[ßıđøłæœς]/g, (c) => FOLD[c])
      .replace(NAME_NOISE, "")
  );
}

/** The 5-digit ZIP from "62701", "62701-1234" or "627011234"; null for anything else. */
export function zip5(s: string | null | undefined): string | null {
  const m = /^([0-9]{5})(?:-?[0-9]{4})?$/.exec(String(s ?? "").trim());
  return m ? m[1] : null;
}

/** Mirrors the database lookup, lower(trim(email)); blank means "no email". */
export function normalizeEmail(s: string | null | undefined): string | null {
  const e = String(s ?? "")
    .trim()
    .toLowerCase();
  return e === "" ? null : e;
}
