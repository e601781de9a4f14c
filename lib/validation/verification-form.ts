// The identity form shared by create account, forgot password and forgot username. Every field
// reports at most one plain-language message, and nothing a browser (or attacker) posts can throw.
import { z } from "zod";
import { validationKey } from "@/lib/i18n/localize-message";
import { calendarDate, emailField } from "./fields";

export type VerificationField = "email" | "lastName" | "dateOfBirth" | "zip";
export type VerificationForm = { email: string; lastName: string; dateOfBirth: string; zip: string };

const INPUTS = ["email", "lastName", "dobMonth", "dobDay", "dobYear", "zip"] as const;
/** The form's inputs (the date of birth is typed in three boxes); errors are keyed by VerificationField. */
export type VerificationInput = (typeof INPUTS)[number];
type Input = VerificationInput;
export type VerificationValues = Partial<Record<Input, string>>;

// Control characters (and Unicode line breaks) have no place in any of these fields, and in a
// name or email they could split log lines or headers; they are refused, never silently trimmed.
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

type Rule = (s: string) => { value: string } | { error: string };
const ok = (value: string) => ({ value });
const fail = (error: string) => ({ error });

// Form values arrive as strings; a missing key, a file upload or any other type reads as blank.
const text = z.unknown().transform((v) => (typeof v === "string" ? v : ""));

const field = (rule: Rule) =>
  text.transform((s, ctx) => {
    const r = rule(s);
    if ("value" in r) return r.value;
    ctx.addIssue({ code: "custom", message: r.error, input: s });
    return z.NEVER;
  });

const email: Rule = (s) => {
  const wrongForm = validationKey("emailWrongForm");
  if (s.trim() === "") return fail(validationKey("enterEmail"));
  if (CONTROL.test(s)) return fail(wrongForm);
  const r = emailField.safeParse(s);
  return r.success ? ok(r.data) : fail(wrongForm);
};

const lastName: Rule = (s) => {
  const t = s.trim();
  if (t === "") return fail(validationKey("enterLastName"));
  if (CONTROL.test(s)) return fail(validationKey("lastNameNotAllowed"));
  // Length check on the raw size first so a megabyte paste is never spread into an array.
  if (t.length > 200 || [...t].length > 100) return fail(validationKey("lastNameTooLong"));
  // "-" or "." alone would normalise to nothing and could never identify anyone.
  if (!/\p{L}/u.test(t)) return fail(validationKey("enterLastName"));
  return ok(t);
};

const zip: Rule = (s) => {
  const t = s.trim();
  if (t === "") return fail(validationKey("enterZip"));
  if (CONTROL.test(s) || !/^[0-9]{5}(-[0-9]{4})?$/.test(t)) {
    return fail(validationKey("zipWrongForm"));
  }
  return ok(t);
};

function dateOfBirth(today: Date | undefined) {
  return z.object({ month: text, day: text, year: text }).transform((raw, ctx) => {
    const issue = (message: string) => {
      ctx.addIssue({ code: "custom", message, input: raw });
      return z.NEVER;
    };
    const [month, day, year] = [raw.month.trim(), raw.day.trim(), raw.year.trim()];
    const realDate = validationKey("dateOfBirthNotReal");
    if (!month || !day || !year) return issue(validationKey("enterDateOfBirth"));
    if (CONTROL.test(raw.month + raw.day + raw.year)) return issue(realDate);
    if (!/^[0-9]{4}$/.test(year)) return issue(validationKey("yearFourDigits"));
    if (Number(year) < 1900) return issue(validationKey("dateOfBirthAfter1900"));
    if (!/^[0-9]{1,2}$/.test(month) || !/^[0-9]{1,2}$/.test(day)) return issue(realDate);
    const iso = calendarDate(year, month, day);
    if (!iso) return issue(realDate);

    // "Today" is taken at parse time so a long-running server never uses a stale date. It is the
    // UTC date, which is never behind a US patient's local date, so a true birth date always passes.
    const now = today && !Number.isNaN(today.getTime()) ? today : new Date();
    if (iso > now.toISOString().slice(0, 10)) return issue(validationKey("dateOfBirthInPast"));
    return iso;
  });
}

/** Reads the six inputs from FormData or a plain object; anything else yields all-missing. */
function readInputs(form: unknown): Record<Input, unknown> {
  const get =
    typeof FormData !== "undefined" && form instanceof FormData
      ? (k: Input) => form.get(k)
      : (k: Input) =>
          typeof form === "object" && form !== null && Object.hasOwn(form, k)
            ? (form as Record<string, unknown>)[k]
            : undefined;
  return Object.fromEntries(INPUTS.map((k) => [k, get(k)])) as Record<Input, unknown>;
}

/** Pass `today` only in tests; by default the date is read each time the schema parses. */
export function verificationFormSchema(today?: Date) {
  return z.preprocess(
    (input) => {
      const v = readInputs(input);
      return {
        email: v.email,
        lastName: v.lastName,
        dateOfBirth: { month: v.dobMonth, day: v.dobDay, year: v.dobYear },
        zip: v.zip,
      };
    },
    z.object({ email: field(email), lastName: field(lastName), dateOfBirth: dateOfBirth(today), zip: field(zip) }),
  );
}

export const verificationForm = verificationFormSchema();

// Long enough to show someone what they typed (even when too long), short enough to re-render safely.
export const VERIFICATION_ECHO_LIMIT: Record<Input, number> = {
  email: 320,
  lastName: 150,
  dobMonth: 4,
  dobDay: 4,
  dobYear: 8,
  zip: 20,
};
const ECHO_LIMIT = VERIFICATION_ECHO_LIMIT;

export type VerificationParseResult =
  | { ok: true; data: VerificationForm }
  | { ok: false; errors: Partial<Record<VerificationField, string[]>>; values: VerificationValues };

export function parseVerificationForm(form: FormData | Record<string, unknown>, today?: Date): VerificationParseResult {
  const inputs = readInputs(form);
  // Building the schema costs more than parsing with it (zod compiles each object schema on first use), so
  // requests share the module's one; it reads the date at parse time either way.
  const result = (today ? verificationFormSchema(today) : verificationForm).safeParse(inputs);
  if (result.success) return { ok: true, data: result.data };

  const values: VerificationValues = {};
  for (const k of INPUTS) {
    const v = inputs[k];
    // Cut by code points so an emoji is never split into a lone surrogate.
    if (typeof v === "string")
      values[k] = Array.from(v.slice(0, ECHO_LIMIT[k] * 2))
        .slice(0, ECHO_LIMIT[k])
        .join("");
  }
  return { ok: false, errors: z.flattenError(result.error).fieldErrors, values };
}
