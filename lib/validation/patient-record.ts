// A patient's on-file data as staff enter it (Basic Data, Add patient) and as imports deliver it.
// Blank optional fields become null; every message names the field in plain words.
import { z } from "zod";
import type { Locale } from "@/lib/i18n/locales";
import { parseDateInput } from "@/lib/patients/search";

// Control characters, line separators, text-direction overrides (they can disguise a name on screen) and
// half an emoji (a lone surrogate) are refused in every stored text.
export const UNSAFE_TEXT = /[\p{Cc}\p{Cs}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const CONTROL = UNSAFE_TEXT;
// Only strings are text: anything else a request could smuggle in reads as blank.
const text = z.unknown().transform((v) => (typeof v === "string" ? v.trim() : ""));

const cap = (label: string) => `${label[0].toUpperCase()}${label.slice(1)}`;

// One message per field, the first rule it breaks.
function checked(
  label: string,
  max: number,
  opts: { required: boolean; test?: (s: string) => boolean; message?: string },
) {
  return text.transform((s, ctx) => {
    const fail = (message: string) => {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    };
    if (!s) return opts.required ? fail(`Enter the ${label}`) : null;
    if ([...s].length > max) return fail(`${cap(label)} must be ${max} characters or fewer`);
    if (CONTROL.test(s)) return fail(`${cap(label)} contains characters that are not allowed`);
    if (opts.test && !opts.test(s)) return fail(opts.message!);
    return s;
  });
}
const required = (label: string, max: number, test?: (s: string) => boolean, message?: string) =>
  checked(label, max, { required: true, test, message }).transform((s) => s as string);
const optional = (label: string, max: number, check?: { re: RegExp; message: string }) =>
  checked(label, max, { required: false, test: check && ((s) => check.re.test(s)), message: check?.message });

export const dateOfBirthField = text.pipe(
  z.string().transform((s, ctx) => {
    if (!s) {
      ctx.addIssue({ code: "custom", message: "Enter the date of birth" });
      return z.NEVER;
    }
    const iso = parseDateInput(s);
    if (!iso) {
      ctx.addIssue({ code: "custom", message: "Enter the date of birth as MM/DD/YYYY, like 03/27/1980" });
      return z.NEVER;
    }
    if (iso < "1900-01-01" || iso > new Date().toISOString().slice(0, 10)) {
      ctx.addIssue({ code: "custom", message: "Date of birth must be between 1900 and today" });
      return z.NEVER;
    }
    return iso;
  }),
);

// Staff pick from a list (en, es); an import may say it in words too, in any letter case. Blank is English, the
// language every patient had before there was a choice.
const LANGUAGE_OF: Record<string, Locale> = {
  en: "en",
  english: "en",
  es: "es",
  spanish: "es",
  español: "es",
  espanol: "es",
};
export const preferredLanguageField = text.transform((s, ctx): Locale => {
  if (!s) return "en";
  const language = LANGUAGE_OF[s.toLowerCase()];
  if (language) return language;
  ctx.addIssue({ code: "custom", message: "Preferred language must be English or Spanish (en or es)" });
  return z.NEVER;
});

export const basicDataSchema = z.object({
  firstName: required("first name", 100),
  lastName: required("last name", 100),
  dateOfBirth: dateOfBirthField,
  email: checked("email address", 254, {
    required: false,
    test: (s) => z.email().safeParse(s).success,
    message: "Enter the email address in the right form, like name@example.com",
  }).transform((e) => e?.toLowerCase() ?? null),
  zip: optional("ZIP code", 10, {
    re: /^\d{5}(-\d{4})?$/,
    message: "Enter a 5-digit ZIP code, like 62701, or ZIP+4, like 62701-1234",
  }),
  // At least 7 digits among the usual punctuation: "(--) --- ----" is not a number anyone can call.
  phone: optional("phone number", 30, {
    re: /^(?=(?:\D*\d){7})[0-9+().\-\s]{7,30}$/,
    message: "Enter the phone number with digits, like (555) 010-2000",
  }),
  addressLine1: optional("address", 200),
  addressLine2: optional("second address line", 200),
  city: optional("city", 100),
  state: optional("state", 20, { re: /^[A-Za-z]{2}$/, message: "Enter the state as 2 letters, like IL" }).transform(
    (s) => s?.toUpperCase() ?? null,
  ),
  // Left out (a caller that does not deal in languages): what is on file stays, English for a new patient.
  preferredLanguage: preferredLanguageField.optional(),
});
export type BasicData = z.infer<typeof basicDataSchema>;
export type BasicDataField = keyof BasicData;

export const chartNumberField = required(
  "chart number",
  32,
  (s) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s),
  "Chart number can only use letters, digits and . _ -",
);

/** A whole on-file record, as Add patient and imports create it. */
export const patientRecordSchema = basicDataSchema.extend({
  chartNumber: chartNumberField,
  chartStatus: z
    .enum(["active", "inactive", "deceased"], { error: "Chart status must be active, inactive or deceased" })
    .default("active"),
  portalAccessEnabled: z.boolean().default(false),
});
export type PatientRecord = z.infer<typeof patientRecordSchema>;

/** The Basic Data tab: the record, which patient, and the version the form was opened at. */
export const basicDataEditSchema = basicDataSchema.extend({
  patientId: z.uuid(),
  version: z.coerce.number().int().positive(),
});

/** Add patient: a new record, and whether staff confirmed it is not a duplicate of one already on file. */
export const addPatientSchema = patientRecordSchema.extend({
  confirmDuplicate: z.boolean(),
});
