// Property-based fuzzing of every zod schema at the app's boundaries (docs/security.md R3, V7), and of the
// normalisation and matching functions behind verification. Three kinds of property per schema:
//   1. safeParse never throws, whatever it is given (fc.anything(), null-prototype objects, 20 KB strings...);
//   2. whatever it accepts follows the documented rules (no control characters in stored text, emails
//      lower-cased and at most 254, names at most 100 code points, ZIP ^\d{5}(-\d{4})?$, real dates 1900-today);
//   3. a known-good input with one field made hostile fails, with the error keyed by that field.
// Runs are random; fast-check prints the seed of a failure, and FC_SEED=<seed> replays it.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { z } from "zod";
import {
  anyString,
  anyValue,
  BIDI_CONTROLS,
  C0_AND_DEL,
  C0_NOT_TRIMMED,
  C1,
  DAY_MS,
  exoticObjects,
  fcParams,
  formatDate,
  goodDob,
  goodEmail,
  goodLastName,
  goodName,
  goodZip,
  hugeString,
  isoOf,
  LINE_SEPARATORS,
  longerThan,
  specialString,
  STORED_TEXT_FORBIDDEN,
  todayUtc,
  withInside,
} from "@/test-kit/fuzz";
import { staffSignInSchema } from "./staff-sign-in";
import { patientSignInSchema } from "./patient-sign-in";
import { createStaffSchema } from "./staff";
import {
  changeStaffRoleSchema,
  inviteStaffSchema,
  setStaffActiveSchema,
  staffIdSchema,
  staffSetupSchema,
} from "./staff-admin";
import { normalizeUsernameKey, usernameField } from "./username";
import {
  addPatientSchema,
  basicDataEditSchema,
  basicDataSchema,
  chartNumberField,
  dateOfBirthField,
  patientRecordSchema,
} from "./patient-record";
import { changePasswordSchema, resetPasswordSchema, setupAccountSchema } from "./account-link";
import { patientIdSchema, portalAccessSchema, sendInvitationSchema } from "./patient-portal";
import { confirmBulkInvitationsSchema } from "./bulk-selection";
import { heldLinkSchema } from "./held-link";
import { addEmailFactorSchema, removeFactorSchema } from "./patient-second-step";
import { removePatientSecondStepSchema, secondStepRecoverySchema } from "./second-step-recovery";
import { patientListQuery } from "./patient-list-query";
import { bulkSelectionQuery } from "./bulk-selection";
import { auditPatientFilter, auditQuery } from "./audit-query";
import { QUERY_FORBIDDEN, staffPageAddressProblem } from "./page-address";
import { decodeCursor } from "@/db/queries/patients";
import { createSoftAuthenticator } from "@/test-kit/soft-authenticator.mjs";
import { emailField, passwordInput } from "./fields";
import { parseVerificationForm, verificationFormSchema } from "./verification-form";
import { reminderSettingsSchema } from "./reminder-settings";
import { regenerateRecoveryCodesSchema, removeStaffFactorSchema } from "./staff-account";
import {
  addPasskeySchema,
  authenticationResponseSchema,
  PASSKEY_ANSWER_MAX,
  PASSKEY_NAME_MAX,
  PASSKEY_TRANSPORTS,
  passkeyAssertionSchema,
  passkeySecondStepSchema,
  registrationResponseSchema,
} from "./passkey";
import { ConfigError, envSchema, parseEnv } from "@/lib/config/env";
import { checkNewPassword, MAX_PASSWORD_LENGTH } from "@/lib/passwords/check-new-password";
import { PORTAL_STATUS_KINDS } from "@/lib/patients/portal-status";
import { parseDateInput, parsePatientSearch } from "@/lib/patients/search";
import { matchPatient, type OnFilePatient, type TypedDetails } from "@/lib/verification/match-patient";
import { normalizeEmail, normalizeLastName, zip5 } from "@/lib/verification/normalize";

const RUNS = fcParams(300);
const FEW = fcParams(100);
const codePoints = (s: string) => [...s].length;
const fieldErrorKeys = (error: z.ZodError) => Object.keys(z.flattenError(error).fieldErrors).sort();
const isEmail = (s: string) => z.email().safeParse(s).success;
const realIsoDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const ZIP = /^\d{5}(-\d{4})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_C0 = /^[^\u0000-\u001f\u007f]*$/;

/** safeParse returns, never throws; returns the result for further checks. */
function safe<T extends z.ZodType>(schema: T, input: unknown) {
  let result: ReturnType<T["safeParse"]> | undefined;
  expect(() => {
    result = schema.safeParse(input) as ReturnType<T["safeParse"]>;
  }).not.toThrow();
  expect(typeof result!.success).toBe("boolean");
  return result!;
}

// ---------------------------------------------------------------------------------------------------------
// The object schemas, each with known-good inputs, per-field hostile values and its output rules.

type Spec = {
  name: string;
  schema: z.ZodType;
  fields: string[];
  good: fc.Arbitrary<Record<string, unknown>>;
  /** Values that must be refused, per field; the error must then be keyed by that field alone. */
  hostile: Record<string, fc.Arbitrary<unknown>>;
  /** The documented rules for accepted output. */
  check: (out: Record<string, unknown>, input: Record<string, unknown>) => void;
};

const checkEmailOut = (e: unknown, max = 254) => {
  expect(typeof e).toBe("string");
  const s = e as string;
  expect(s).toBe(s.toLowerCase());
  expect(s).toBe(s.trim());
  expect(s.length).toBeLessThanOrEqual(max);
  expect(s).not.toMatch(STORED_TEXT_FORBIDDEN);
  expect(isEmail(s)).toBe(true);
};

const nonString = fc.constantFrom<unknown>(undefined, null, 42, true, [], {}, ["a@b.co"]);
const hostileEmail = fc.oneof(
  withInside(goodEmail, C0_AND_DEL),
  withInside(goodEmail, [...C1, ...LINE_SEPARATORS, ...BIDI_CONTROLS, " ", "<", ","]),
  longerThan(254).map((s) => `${s}@example.com`),
  fc.constantFrom(
    "",
    "   ",
    "pat",
    "pat@",
    "@example.com",
    "pat@example",
    "pat@@example.com",
    "pat@example.com\r\nBcc: x@evil.com",
    "pat@exa mple.com",
    "pät@example.com",
  ),
  nonString,
);
const goodPassword = fc.oneof(
  fc.string({ minLength: 1, maxLength: 128 }),
  fc.string({ unit: "binary", minLength: 1, maxLength: 64 }),
);
// zod measures string lengths in code points, so "too long" means more than 128 code points.
const hostilePassword = fc.oneof(
  fc.constant(""),
  fc.string({ minLength: 129, maxLength: 2_000 }),
  longerThan(128),
  nonString,
);

const staffSignIn: Spec = {
  name: "staffSignInSchema",
  schema: staffSignInSchema,
  fields: ["email", "password"],
  good: fc.record({ email: goodEmail, password: goodPassword }),
  hostile: { email: hostileEmail, password: hostilePassword },
  check: (out, input) => {
    checkEmailOut(out.email);
    expect(out.email).toBe(String(input.email).trim().toLowerCase());
    // Passwords are taken exactly as typed: never trimmed or cut.
    expect(out.password).toBe(input.password);
    expect((out.password as string).length).toBeGreaterThanOrEqual(1);
    expect(codePoints(out.password as string)).toBeLessThanOrEqual(128);
  },
};

const goodUsername = fc.stringMatching(/^[A-Za-z0-9._@-]{3,64}$/);
const patientSignIn: Spec = {
  name: "patientSignInSchema",
  schema: patientSignInSchema,
  fields: ["username", "password"],
  good: fc.record({
    username: fc.oneof(
      goodUsername,
      goodUsername.map((u) => ` ${u} `),
      fc.string({ minLength: 1, maxLength: 64 }).filter((s) => s.trim() !== ""),
    ),
    password: goodPassword,
  }),
  hostile: {
    username: fc.oneof(withInside(goodUsername, C0_AND_DEL), longerThan(64), fc.constantFrom("", "   "), nonString),
    password: hostilePassword,
  },
  check: (out, input) => {
    const u = out.username as string;
    expect(u).toBe(String(input.username).trim());
    expect(u.length).toBeGreaterThanOrEqual(1);
    expect(codePoints(u)).toBeLessThanOrEqual(64);
    expect(u).toMatch(NO_C0);
    expect(out.password).toBe(input.password);
  },
};

const goodStaffPassword = fc.string({ minLength: 15, maxLength: 128 });
const staffName = goodName(100);
const hostileStaffName = fc.oneof(
  withInside(staffName, C0_AND_DEL),
  longerThan(100),
  fc.constantFrom("", "   "),
  nonString,
);
const hostileRole = fc.oneof(
  fc.constantFrom("Admin", "ADMIN", " admin", "admin ", "owner", "front-desk", "", "front_desk\u0000"),
  anyString.filter((s) => s !== "admin" && s !== "front_desk"),
  nonString,
);
const checkStaffName = (n: unknown, input: unknown) => {
  const s = n as string;
  expect(s).toBe(String(input).trim());
  expect(s.length).toBeGreaterThanOrEqual(1);
  expect(codePoints(s)).toBeLessThanOrEqual(100);
  expect(s).toMatch(NO_C0);
};

const createStaff: Spec = {
  name: "createStaffSchema",
  schema: createStaffSchema,
  fields: ["name", "email", "role", "password"],
  good: fc.record({
    name: staffName,
    email: goodEmail,
    role: fc.constantFrom("admin", "front_desk"),
    password: goodStaffPassword,
  }),
  hostile: {
    name: hostileStaffName,
    email: hostileEmail,
    role: hostileRole,
    password: fc.oneof(
      fc.string({ maxLength: 14 }),
      fc.constant("😀".repeat(14)),
      longerThan(128),
      fc.constantFrom(null, undefined, 123456789012345678n as unknown, {}),
    ),
  },
  check: (out, input) => {
    checkStaffName(out.name, input.name);
    checkEmailOut(out.email);
    expect(["admin", "front_desk"]).toContain(out.role);
    expect(codePoints(out.password as string)).toBeGreaterThanOrEqual(15);
    expect(codePoints(out.password as string)).toBeLessThanOrEqual(128);
    expect(out.password).toBe(input.password);
  },
};

const inviteStaff: Spec = {
  name: "inviteStaffSchema",
  schema: inviteStaffSchema,
  fields: ["name", "email", "role"],
  good: fc.record({ name: staffName, email: goodEmail, role: fc.constantFrom("admin", "front_desk") }),
  hostile: { name: hostileStaffName, email: hostileEmail, role: hostileRole },
  check: (out, input) => {
    checkStaffName(out.name, input.name);
    checkEmailOut(out.email);
    expect(["admin", "front_desk"]).toContain(out.role);
    expect(Object.keys(out).sort()).toEqual(["email", "name", "role"]);
  },
};

const hostileUuid = fc.oneof(
  fc.constantFrom(
    "",
    "not-a-uuid",
    "00000000-0000-0000-0000-00000000000g",
    "123e4567-e89b-12d3-a456-4266141740000",
    "'; drop table staff_users; --",
  ),
  fc.uuid().map((u) => `${u} `),
  fc.uuid().map((u) => `${u}\u0000`),
  nonString,
);
const changeStaffRole: Spec = {
  name: "changeStaffRoleSchema",
  schema: changeStaffRoleSchema,
  fields: ["staffId", "role"],
  good: fc.record({ staffId: fc.uuid(), role: fc.constantFrom("admin", "front_desk") }),
  hostile: { staffId: hostileUuid, role: hostileRole },
  check: (out) => {
    expect(out.staffId).toMatch(UUID);
    expect(["admin", "front_desk"]).toContain(out.role);
  },
};
const setStaffActive: Spec = {
  name: "setStaffActiveSchema",
  schema: setStaffActiveSchema,
  fields: ["staffId", "active"],
  good: fc.record({ staffId: fc.uuid(), active: fc.constantFrom("true", "false") }),
  hostile: {
    staffId: hostileUuid,
    active: fc.oneof(
      fc.constantFrom("TRUE", "yes", "1", "on", "", " true"),
      fc.constantFrom<unknown>(true, false, 1, null),
    ),
  },
  check: (out, input) => {
    expect(out.staffId).toMatch(UUID);
    expect(out.active).toBe(input.active === "true");
  },
};
const staffId: Spec = {
  name: "staffIdSchema",
  schema: staffIdSchema,
  fields: ["staffId"],
  good: fc.record({ staffId: fc.uuid() }),
  hostile: { staffId: hostileUuid },
  check: (out) => expect(out.staffId).toMatch(UUID),
};
// A staff member's own account page: which of their factors to remove, and their password before new codes.
const removeStaffFactor: Spec = {
  name: "removeStaffFactorSchema",
  schema: removeStaffFactorSchema,
  fields: ["factorId"],
  good: fc.record({ factorId: fc.uuid() }),
  hostile: { factorId: hostileUuid },
  check: (out) => expect(out.factorId).toMatch(UUID),
};
const regenerateRecoveryCodes: Spec = {
  name: "regenerateRecoveryCodesSchema",
  schema: regenerateRecoveryCodesSchema,
  fields: ["password"],
  good: fc.record({ password: goodPassword }),
  hostile: { password: hostilePassword },
  check: (out, input) => {
    // Taken exactly as typed, as at sign-in: never trimmed or cut.
    expect(out.password).toBe(input.password);
    expect(codePoints(out.password as string)).toBeLessThanOrEqual(128);
  },
};
const staffSetup: Spec = {
  name: "staffSetupSchema",
  schema: staffSetupSchema,
  fields: ["token", "password", "confirm"],
  good: fc.record({ token: fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), password: goodPassword, confirm: goodPassword }),
  hostile: {
    token: fc.oneof(longerThan(100), nonString),
    password: fc.oneof(fc.constant(""), longerThan(1000), nonString),
    confirm: fc.oneof(fc.constant(""), longerThan(1000), nonString),
  },
  check: (out, input) => {
    expect(out).toEqual(input);
    expect((out.token as string).length).toBeLessThanOrEqual(100);
  },
};

// Patient records: every string field trimmed, free of controls, line separators and bidi controls, within its
// length in code points; blanks of optional fields become null.
const LIMITS: Record<string, number> = {
  firstName: 100,
  lastName: 100,
  email: 254,
  zip: 10,
  phone: 30,
  addressLine1: 200,
  addressLine2: 200,
  city: 100,
  state: 20,
};
const goodPhone = fc.oneof(
  fc.stringMatching(/^\(\d{3}\) \d{3}-\d{4}$/),
  fc.stringMatching(/^\+1 \d{3}\.\d{3}\.\d{4}$/),
);
const goodAddress = fc.string({
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789 #.,-'/ÁéÑ"),
  maxLength: 200,
});
const goodCity = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz -'.é"), maxLength: 100 });
const blankOr = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, fc.constantFrom("", "  "));
const goodBasic = fc.record({
  firstName: goodName(100),
  lastName: goodLastName,
  dateOfBirth: goodDob.map(([, typed]) => typed),
  email: blankOr(goodEmail),
  zip: blankOr(goodZip),
  phone: blankOr(goodPhone),
  addressLine1: goodAddress,
  addressLine2: goodAddress,
  city: goodCity,
  state: blankOr(fc.stringMatching(/^[A-Za-z]{2}$/)),
});
const FORBIDDEN_IN_STORED = [...C0_AND_DEL, ...C1, ...LINE_SEPARATORS, ...BIDI_CONTROLS];
const futureDob = fc.date({
  min: new Date(Date.now() + 2 * DAY_MS),
  max: new Date("9999-12-31T00:00:00Z"),
  noInvalidDate: true,
});
const pre1900Dob = fc.date({
  min: new Date("1000-01-01T00:00:00Z"),
  max: new Date("1899-12-31T00:00:00Z"),
  noInvalidDate: true,
});
const hostileDob = fc.oneof(
  fc.tuple(fc.oneof(futureDob, pre1900Dob), fc.nat()).map(([d, style]) => formatDate(d, style)),
  fc.constantFrom(
    "",
    "  ",
    "02/30/1990",
    "02/29/1900",
    "13/01/1990",
    "00/10/1990",
    "04/31/2001",
    "1990-02-30",
    "1/1/90",
    "19900101",
    "01011990",
    "tomorrow",
    "1990/01/01",
    "01/01/1990 00:00",
    "٠١/٠١/١٩٩٠",
    "１９９０-０１-０１",
  ),
  withInside(
    goodDob.map(([, typed]) => typed),
    FORBIDDEN_IN_STORED,
  ),
  hugeString(),
);
const hostileBasic: Record<string, fc.Arbitrary<unknown>> = {
  firstName: fc.oneof(withInside(goodName(100), FORBIDDEN_IN_STORED), longerThan(100), fc.constantFrom("", "   ")),
  lastName: fc.oneof(
    withInside(goodLastName, FORBIDDEN_IN_STORED),
    longerThan(100),
    fc.constantFrom("", "   ", "Smith\r\nBcc: x", "\u202eevil"),
  ),
  dateOfBirth: hostileDob,
  email: fc.oneof(
    withInside(goodEmail, FORBIDDEN_IN_STORED),
    longerThan(254).map((s) => `${s}@example.com`),
    fc.constantFrom("pat", "pat@", "pat@example", "pät@example.com"),
  ),
  zip: fc.oneof(
    withInside(goodZip, FORBIDDEN_IN_STORED),
    fc.constantFrom("6270", "627011", "627011234", "62701-123", "62701 1234", "SW1A 1AA", "١٢٣٤٥", "62701-1234-5"),
    longerThan(10, fc.constant("9")),
  ),
  phone: fc.oneof(
    withInside(goodPhone, FORBIDDEN_IN_STORED),
    fc.constantFrom("call me", "555", "555-CALL-NOW", "+1 (555) 010-2000 ext. 7"),
    longerThan(30, fc.constant("5")),
  ),
  addressLine1: fc.oneof(
    withInside(
      goodAddress.filter((s) => s.trim().length > 1),
      FORBIDDEN_IN_STORED,
    ),
    longerThan(200),
  ),
  addressLine2: fc.oneof(
    withInside(
      goodAddress.filter((s) => s.trim().length > 1),
      FORBIDDEN_IN_STORED,
    ),
    longerThan(200),
  ),
  city: fc.oneof(
    withInside(
      goodCity.filter((s) => s.trim().length > 1),
      FORBIDDEN_IN_STORED,
    ),
    longerThan(100),
  ),
  state: fc.oneof(
    fc.constantFrom("Illinois", "I", "I1", "ÍL", "IL.", "I L"),
    withInside(fc.constant("IL"), FORBIDDEN_IN_STORED),
    longerThan(20),
  ),
};
function checkBasicOut(out: Record<string, unknown>, input: Record<string, unknown>) {
  for (const [k, max] of Object.entries(LIMITS)) {
    const v = out[k];
    if (v === null) {
      expect(["firstName", "lastName"]).not.toContain(k);
      expect(String(input[k] ?? "").trim()).toBe("");
      continue;
    }
    expect(typeof v).toBe("string");
    const s = v as string;
    expect(s).not.toBe("");
    expect(s).toBe(s.trim());
    expect(s).not.toMatch(STORED_TEXT_FORBIDDEN);
    expect(codePoints(s)).toBeLessThanOrEqual(max);
  }
  expect(realIsoDate(out.dateOfBirth as string)).toBe(true);
  expect((out.dateOfBirth as string) >= "1900-01-01" && (out.dateOfBirth as string) <= todayUtc()).toBe(true);
  if (out.email !== null) checkEmailOut(out.email);
  if (out.zip !== null) expect(out.zip).toMatch(ZIP);
  if (out.phone !== null) expect(out.phone).toMatch(/^[0-9+().\-\s]{7,30}$/);
  if (out.state !== null) expect(out.state).toMatch(/^[A-Z]{2}$/);
}
const basicData: Spec = {
  name: "basicDataSchema",
  schema: basicDataSchema,
  fields: Object.keys(LIMITS).concat("dateOfBirth"),
  good: goodBasic,
  hostile: hostileBasic,
  check: (out, input) => {
    checkBasicOut(out, input);
    expect(Object.keys(out).sort()).toEqual(Object.keys(LIMITS).concat("dateOfBirth").sort());
  },
};
const goodChart = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/);
const patientRecord: Spec = {
  name: "patientRecordSchema",
  schema: patientRecordSchema,
  fields: [...basicData.fields, "chartNumber", "chartStatus", "portalAccessEnabled"],
  good: fc
    .tuple(goodBasic, goodChart, fc.constantFrom("active", "inactive", "deceased"), fc.boolean())
    .map(([b, chartNumber, chartStatus, portalAccessEnabled]) => ({
      ...b,
      chartNumber,
      chartStatus,
      portalAccessEnabled,
    })),
  hostile: {
    ...hostileBasic,
    chartNumber: fc.oneof(
      fc.constantFrom("", "MRN 1", "-MRN", ".x", "_x", "MRNé1", "MRN/1", "MRN;1", "MRN'1"),
      withInside(
        goodChart.filter((s) => s.length > 1),
        FORBIDDEN_IN_STORED,
      ),
      longerThan(32, fc.constant("9")),
    ),
    chartStatus: fc.oneof(
      fc.constantFrom("Active", "ACTIVE", "active ", "archived", ""),
      fc.constantFrom<unknown>(1, true, {}),
    ),
    portalAccessEnabled: fc.constantFrom<unknown>("on", "true", "false", 1, 0, "", {}),
  },
  check: (out, input) => {
    checkBasicOut(out, input);
    expect(out.chartNumber).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/);
    expect(["active", "inactive", "deceased"]).toContain(out.chartStatus);
    expect(typeof out.portalAccessEnabled).toBe("boolean");
  },
};

const reminderSettings: Spec = {
  name: "reminderSettingsSchema",
  schema: reminderSettingsSchema,
  fields: ["enabled", "afterDays", "maxReminders"],
  good: fc.record({
    enabled: fc.boolean(),
    afterDays: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }).map(String)),
    maxReminders: fc.oneof(
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 1, max: 10 }).map((n) => ` ${n} `),
    ),
  }),
  hostile: {
    enabled: fc.constantFrom<unknown>("on", "true", 1, null, undefined, "false"),
    afterDays: fc.oneof(
      fc.constantFrom<unknown>(
        0,
        61,
        -1,
        1.5,
        "7.5",
        "abc",
        "",
        null,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        "1e400",
        {},
      ),
      fc.integer({ min: 61 }),
      hugeString(),
    ),
    maxReminders: fc.oneof(
      fc.constantFrom<unknown>(0, 11, 2.5, "two", "", null, Number.NaN, "Infinity"),
      fc.integer({ max: 0 }),
    ),
  },
  check: (out) => {
    expect(typeof out.enabled).toBe("boolean");
    expect(Number.isInteger(out.afterDays)).toBe(true);
    expect(out.afterDays as number).toBeGreaterThanOrEqual(1);
    expect(out.afterDays as number).toBeLessThanOrEqual(60);
    expect(Number.isInteger(out.maxReminders)).toBe(true);
    expect(out.maxReminders as number).toBeGreaterThanOrEqual(1);
    expect(out.maxReminders as number).toBeLessThanOrEqual(10);
  },
};

// The forms behind an emailed link and the portal's change-password form: passwords are taken as typed, capped at
// MAX_PASSWORD_LENGTH code points of their NFKC form (docs/security.md P2), and never trimmed.
const hostileNewPassword = fc.oneof(fc.constant(""), longerThan(128), nonString);
const hostileConfirm = fc.oneof(longerThan(512), nonString);
const checkPasswords = (out: Record<string, unknown>, input: Record<string, unknown>) => {
  for (const k of ["current", "password", "confirm"]) {
    if (!(k in out)) continue;
    expect(out[k]).toBe(input[k]);
    // The second box is only compared with the first: its own cap is the raw one.
    if (k === "confirm") expect((out[k] as string).length).toBeLessThanOrEqual(MAX_PASSWORD_LENGTH * 4);
    else expect(codePoints((out[k] as string).normalize("NFKC"))).toBeLessThanOrEqual(MAX_PASSWORD_LENGTH);
  }
};
const goodToken = fc.stringMatching(/^[A-Za-z0-9_-]{43}$/);
const hostileToken = fc.oneof(longerThan(100), nonString);
const resetPassword: Spec = {
  name: "resetPasswordSchema",
  schema: resetPasswordSchema,
  fields: ["token", "password", "confirm"],
  good: fc.record({ token: goodToken, password: goodPassword, confirm: fc.oneof(goodPassword, fc.constant("")) }),
  hostile: { token: hostileToken, password: hostileNewPassword, confirm: hostileConfirm },
  check: (out, input) => {
    checkPasswords(out, input);
    expect(out.token).toBe(input.token);
  },
};
const setupAccount: Spec = {
  name: "setupAccountSchema",
  schema: setupAccountSchema,
  fields: ["token", "username", "password", "confirm"],
  good: fc.record({ token: goodToken, username: goodUsername, password: goodPassword, confirm: goodPassword }),
  hostile: {
    token: hostileToken,
    username: fc.oneof(
      withInside(goodUsername, C0_AND_DEL),
      longerThan(64),
      fc.constantFrom("", "ab", "a b", "ünï"),
      nonString,
    ),
    password: hostileNewPassword,
    confirm: hostileConfirm,
  },
  check: (out, input) => {
    checkPasswords(out, input);
    expect(out.username).toMatch(/^[A-Za-z0-9._@-]{3,64}$/);
    expect(out.username).toBe(String(input.username).trim());
  },
};
const changePassword: Spec = {
  name: "changePasswordSchema",
  schema: changePasswordSchema,
  fields: ["current", "password", "confirm"],
  good: fc.record({ current: goodPassword, password: goodPassword, confirm: goodPassword }),
  hostile: { current: hostileNewPassword, password: hostileNewPassword, confirm: hostileConfirm },
  check: checkPasswords,
};

// The Patient Portal tab's forms and Add patient / Basic Data as the wrapper reads them (a ticked box is true).
const patientId: Spec = {
  name: "patientIdSchema",
  schema: patientIdSchema,
  fields: ["patientId"],
  good: fc.record({ patientId: fc.uuid() }),
  hostile: { patientId: hostileUuid },
  check: (out) => expect(out.patientId).toMatch(UUID),
};
const hostileTick = fc.constantFrom<unknown>("on", "true", "", 1, 0, null, {});
const portalAccess: Spec = {
  name: "portalAccessSchema",
  schema: portalAccessSchema,
  fields: ["patientId", "portalAccessEnabled"],
  good: fc.record({ patientId: fc.uuid(), portalAccessEnabled: fc.boolean() }),
  hostile: { patientId: hostileUuid, portalAccessEnabled: hostileTick },
  check: (out, input) => {
    expect(out.patientId).toMatch(UUID);
    expect(out.portalAccessEnabled).toBe(input.portalAccessEnabled);
  },
};
const sendInvitation: Spec = {
  name: "sendInvitationSchema",
  schema: sendInvitationSchema,
  fields: ["patientId", "emailChangeConfirmed"],
  good: fc.record({ patientId: fc.uuid(), emailChangeConfirmed: fc.boolean() }),
  hostile: { patientId: hostileUuid, emailChangeConfirmed: hostileTick },
  check: (out, input) => {
    expect(out.patientId).toMatch(UUID);
    expect(out.emailChangeConfirmed).toBe(input.emailChangeConfirmed);
  },
};
const heldLink: Spec = {
  name: "heldLinkSchema",
  schema: heldLinkSchema,
  fields: ["patientId", "verified"],
  good: fc.record({ patientId: fc.uuid(), verified: fc.boolean() }),
  hostile: { patientId: hostileUuid, verified: hostileTick },
  check: (out, input) => {
    expect(out.patientId).toMatch(UUID);
    expect(out.verified).toBe(input.verified);
  },
};
const secondStepRecovery: Spec = {
  name: "secondStepRecoverySchema",
  schema: secondStepRecoverySchema,
  fields: ["token", "password"],
  good: fc.record({ token: goodToken, password: goodPassword }),
  hostile: { token: hostileToken, password: hostilePassword },
  check: (out, input) => {
    expect(out.token).toBe(input.token);
    // The password is checked against the account's as typed: never trimmed or cut.
    expect(out.password).toBe(input.password);
    expect(codePoints((out.password as string).normalize("NFKC"))).toBeLessThanOrEqual(MAX_PASSWORD_LENGTH);
  },
};
const removePatientSecondStep: Spec = {
  name: "removePatientSecondStepSchema",
  schema: removePatientSecondStepSchema,
  fields: ["patientId", "callerVerified"],
  good: fc.record({ patientId: fc.uuid(), callerVerified: fc.boolean() }),
  hostile: { patientId: hostileUuid, callerVerified: hostileTick },
  check: (out, input) => {
    expect(out.patientId).toMatch(UUID);
    expect(out.callerVerified).toBe(input.callerVerified);
  },
};
const basicDataEdit: Spec = {
  name: "basicDataEditSchema",
  schema: basicDataEditSchema,
  fields: [...basicData.fields, "patientId", "version"],
  good: fc
    .tuple(goodBasic, fc.uuid(), fc.integer({ min: 1, max: 1_000_000 }))
    .map(([b, id, version]) => ({ ...b, patientId: id, version: String(version) })),
  hostile: {
    ...hostileBasic,
    patientId: hostileUuid,
    version: fc.constantFrom<unknown>("", "0", "-1", "1.5", "abc", "1e400", null, {}),
  },
  check: (out, input) => {
    checkBasicOut(out, input);
    expect(out.patientId).toMatch(UUID);
    expect(out.version).toBe(Number(input.version));
  },
};
const addPatient: Spec = {
  name: "addPatientSchema",
  schema: addPatientSchema,
  fields: [...patientRecord.fields, "confirmDuplicate"],
  good: fc
    .tuple(patientRecord.good, fc.boolean())
    .map(([record, confirmDuplicate]) => ({ ...record, confirmDuplicate })),
  hostile: { ...patientRecord.hostile, confirmDuplicate: hostileTick },
  check: (out, input) => {
    patientRecord.check(out, input);
    expect(out.confirmDuplicate).toBe(input.confirmDuplicate);
  },
};
const confirmBulkInvitations: Spec = {
  name: "confirmBulkInvitationsSchema",
  schema: confirmBulkInvitationsSchema,
  fields: ["id", "all", "q"],
  good: fc.record({
    id: fc.array(fc.uuid(), { maxLength: 20 }),
    all: fc.constantFrom("", "unactivated"),
    q: fc.string({ maxLength: 100 }),
  }),
  hostile: {
    id: fc.oneof(
      fc.array(
        hostileUuid.filter((v) => typeof v === "string"),
        { minLength: 1, maxLength: 3 },
      ),
      fc.constant(Array.from({ length: 1001 }, () => "123e4567-e89b-12d3-a456-426614174000")),
      nonString.filter((v) => !Array.isArray(v) || v.length > 0),
    ),
    all: fc.constantFrom<unknown>("all", "Unactivated", "active", null, 1),
    q: fc.oneof(longerThan(100), fc.constantFrom<unknown>(null, 1, {})),
  },
  check: (out) => {
    for (const id of out.id as string[]) expect(id).toMatch(UUID);
    expect((out.id as string[]).length).toBeLessThanOrEqual(1000);
    expect(["", "unactivated"]).toContain(out.all);
    expect((out.q as string).length).toBeLessThanOrEqual(100);
  },
};

// Passkey answers: the browser's JSON in one hidden field, size-capped, base64url where the library expects it,
// unknown transports and every extension output dropped; one fixed message whatever is wrong with it.
const b64url = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${min},${max}}$`));
const B64URL = /^[A-Za-z0-9_-]+$/;
const credentialCommon = {
  id: b64url(16, 86),
  authenticatorAttachment: fc.constantFrom<unknown>("platform", "cross-platform", "something-new", null),
  clientExtensionResults: fc.constantFrom<unknown>({}, { credProps: { rk: true } }, { prf: { enabled: false } }),
};
const goodRegistrationAnswer = fc
  .record({
    ...credentialCommon,
    response: fc.record(
      {
        clientDataJSON: b64url(40, 400),
        attestationObject: b64url(100, 800),
        authenticatorData: b64url(50, 300),
        transports: fc.subarray([...PASSKEY_TRANSPORTS, "future-transport"]),
        publicKeyAlgorithm: fc.constantFrom(-7, -8, -257),
        publicKey: b64url(60, 400),
      },
      { requiredKeys: ["clientDataJSON", "attestationObject"] },
    ),
  })
  .map((r) => ({ ...r, rawId: r.id, type: "public-key" }));
const goodAssertionAnswer = fc
  .record({
    ...credentialCommon,
    response: fc.record(
      {
        clientDataJSON: b64url(40, 400),
        authenticatorData: b64url(50, 300),
        signature: b64url(60, 120),
        userHandle: fc.oneof(b64url(0, 86), fc.constant(null)),
      },
      { requiredKeys: ["clientDataJSON", "authenticatorData", "signature"] },
    ),
  })
  .map((r) => ({ ...r, rawId: r.id, type: "public-key" }));
type Answer = Record<string, unknown> & { response: Record<string, unknown> };
const hostileAnswer = (good: fc.Arbitrary<Answer>, inner: string) =>
  fc.oneof(
    fc.constantFrom("", " ", "{}", "null", "[]", "{", '"public-key"', "true", "1e400"),
    good.map((a) => JSON.stringify({ ...a, id: `${a.id}+/=`, rawId: `${a.id}+/=` })),
    good.map((a) => JSON.stringify({ ...a, type: "private-key" })),
    good.map((a) => JSON.stringify({ ...a, response: { ...a.response, clientDataJSON: "a".repeat(4_097) } })),
    good.map((a) => JSON.stringify({ ...a, response: { ...a.response, [inner]: undefined } })),
    good.map((a) => JSON.stringify({ ...a, response: { ...a.response, [inner]: { $gt: "" } } })),
    good.map((a) => JSON.stringify({ ...a, id: "a".repeat(1_401) })),
    good.map((a) => JSON.stringify(a) + " ".repeat(PASSKEY_ANSWER_MAX)),
    good.map((a) => JSON.stringify(a).slice(0, -1)),
    nonString,
  );
function checkAnswer(out: Record<string, unknown>) {
  const a = out as Answer;
  expect(a.id).toMatch(B64URL);
  expect(a.rawId).toBe(a.id);
  expect(a.type).toBe("public-key");
  expect(a.clientExtensionResults).toEqual({});
  expect([undefined, "platform", "cross-platform"]).toContain(a.authenticatorAttachment);
  for (const [k, v] of Object.entries(a.response)) {
    if (k === "transports") for (const t of v as string[]) expect(PASSKEY_TRANSPORTS).toContain(t);
    else if (k !== "publicKeyAlgorithm" && v !== undefined) expect(v).toMatch(B64URL);
  }
}
const goodPasskeyName = fc.oneof(goodName(PASSKEY_NAME_MAX), fc.constantFrom("", "   "));
const addPasskey: Spec = {
  name: "addPasskeySchema",
  schema: addPasskeySchema,
  fields: ["response", "name"],
  good: fc.record({ response: goodRegistrationAnswer.map((a) => JSON.stringify(a)), name: goodPasskeyName }),
  hostile: {
    response: hostileAnswer(goodRegistrationAnswer as fc.Arbitrary<Answer>, "attestationObject"),
    name: fc.oneof(withInside(goodName(PASSKEY_NAME_MAX), FORBIDDEN_IN_STORED), longerThan(PASSKEY_NAME_MAX)),
  },
  check: (out, input) => {
    checkAnswer(out.response as Record<string, unknown>);
    const name = out.name as string;
    expect(name).toBe(String(input.name ?? "").trim() || "Passkey");
    expect(codePoints(name)).toBeLessThanOrEqual(PASSKEY_NAME_MAX);
    expect(name).not.toMatch(STORED_TEXT_FORBIDDEN);
  },
};
const passkeyAssertion: Spec = {
  name: "passkeyAssertionSchema",
  schema: passkeyAssertionSchema,
  fields: ["response"],
  good: fc.record({ response: goodAssertionAnswer.map((a) => JSON.stringify(a)) }),
  hostile: { response: hostileAnswer(goodAssertionAnswer as fc.Arbitrary<Answer>, "signature") },
  check: (out) => {
    checkAnswer(out.response as Record<string, unknown>);
    const handle = (out.response as Answer).response.userHandle;
    expect(handle === undefined || (typeof handle === "string" && handle.length > 0)).toBe(true);
  },
};
const passkeySecondStep: Spec = {
  name: "passkeySecondStepSchema",
  schema: passkeySecondStepSchema,
  fields: ["response", "remember"],
  good: fc.record({ response: goodAssertionAnswer.map((a) => JSON.stringify(a)), remember: fc.boolean() }),
  hostile: { response: hostileAnswer(goodAssertionAnswer as fc.Arbitrary<Answer>, "signature") },
  check: (out, input) => {
    checkAnswer(out.response as Record<string, unknown>);
    expect(out.remember).toBe(input.remember);
  },
};

// The portal's own second steps: the emailed code that turns codes by email on, and removing one factor.
const TYPED_CODE = /^[A-Za-z0-9 -]{1,32}$/;
const goodTypedCode = fc.oneof(
  fc.stringMatching(/^\d{6}$/),
  fc.stringMatching(/^\d{3}[ -]\d{3}$/),
  fc.stringMatching(/^\d{6}$/).map((c) => ` ${c} `),
);
const hostileTypedCode = fc.oneof(
  fc.constantFrom("", "   ", "12345<", "123\u0000456", "１２３４５６", "123456;--", "' or 1=1"),
  fc.stringMatching(/^\d{33,40}$/),
  nonString,
);
const addEmailFactor: Spec = {
  name: "addEmailFactorSchema",
  schema: addEmailFactorSchema,
  fields: ["code"],
  good: fc.record({ code: goodTypedCode }),
  hostile: { code: hostileTypedCode },
  check: (out) => {
    expect(out.code).toMatch(TYPED_CODE);
    expect(out.code).toBe((out.code as string).trim());
  },
};
const removeFactor: Spec = {
  name: "removeFactorSchema",
  schema: removeFactorSchema,
  fields: ["factorId", "confirm"],
  good: fc.record({ factorId: fc.uuid(), confirm: fc.constant(true) }),
  hostile: { factorId: hostileUuid, confirm: fc.constantFrom<unknown>(false, "on", "true", "", 1, 0, null, {}) },
  check: (out) => {
    expect(out.factorId).toMatch(UUID);
    expect(out.confirm).toBe(true);
  },
};

const OBJECT_SPECS: Spec[] = [
  staffSignIn,
  patientSignIn,
  createStaff,
  inviteStaff,
  changeStaffRole,
  setStaffActive,
  staffId,
  removeStaffFactor,
  regenerateRecoveryCodes,
  staffSetup,
  basicData,
  patientRecord,
  reminderSettings,
  resetPassword,
  setupAccount,
  changePassword,
  patientId,
  portalAccess,
  sendInvitation,
  heldLink,
  secondStepRecovery,
  removePatientSecondStep,
  basicDataEdit,
  addPatient,
  confirmBulkInvitations,
  addPasskey,
  passkeyAssertion,
  addEmailFactor,
  removeFactor,
  passkeySecondStep,
];

describe.each(OBJECT_SPECS.map((s) => [s.name, s] as const))("%s", (_name, spec) => {
  it("safeParse never throws on anything at all (fc.anything(), null-prototype and JSON-born objects)", () => {
    fc.assert(
      fc.property(anyValue, (input) => {
        safe(spec.schema, input);
      }),
      RUNS,
    );
  });

  it("safeParse never throws when any field holds any value", () => {
    const record = fc.record(Object.fromEntries(spec.fields.map((f) => [f, anyValue])), { requiredKeys: [] });
    fc.assert(
      fc.property(record, (input) => {
        safe(spec.schema, input);
      }),
      RUNS,
    );
  });

  it("forms of arbitrary strings (full Unicode, controls, RTL override, 20 KB): never throws, and accepted output follows the rules", () => {
    const record = fc.record(Object.fromEntries(spec.fields.map((f) => [f, anyString])), { requiredKeys: [] });
    fc.assert(
      fc.property(record, (input) => {
        const r = safe(spec.schema, input);
        if (r.success) spec.check(r.data as Record<string, unknown>, input);
        else for (const k of fieldErrorKeys(r.error)) expect(spec.fields).toContain(k);
      }),
      RUNS,
    );
  });

  it("known-good inputs are accepted and follow the rules", () => {
    fc.assert(
      fc.property(spec.good, (input) => {
        const r = safe(spec.schema, input);
        if (!r.success)
          throw new Error(`refused ${JSON.stringify(input)}: ${JSON.stringify(z.flattenError(r.error).fieldErrors)}`);
        spec.check(r.data as Record<string, unknown>, input);
      }),
      RUNS,
    );
  });

  it.each(spec.fields.filter((f) => spec.hostile[f]))(
    "a known-good input with a hostile %s fails, keyed by that field alone",
    (field) => {
      fc.assert(
        fc.property(spec.good, spec.hostile[field], (good, bad) => {
          const input = { ...good, [field]: bad };
          const r = safe(spec.schema, input);
          if (r.success)
            throw new Error(
              `accepted ${field}=${JSON.stringify(bad)} as ${JSON.stringify((r.data as Record<string, unknown>)[field])}`,
            );
          expect(fieldErrorKeys(r.error)).toEqual([field]);
          // Messages are fixed sentences: they never echo a (long) hostile value.
          for (const m of z.flattenError(r.error).fieldErrors[field as never] as string[]) {
            expect(typeof m).toBe("string");
            if (typeof bad === "string" && bad.length >= 20) expect(m).not.toContain(bad);
          }
        }),
        FEW,
      );
    },
  );

  it("20 KB of adversarial text in every field parses quickly (no catastrophic regex backtracking)", () => {
    const pieces = ["a", "a.", "a@", "@a.", "a-", "1", "1-", " ", "\u0000", "😀", "a\u0301", "-1"];
    for (const piece of pieces) {
      const big = piece.repeat(Math.ceil(20_480 / piece.length)).slice(0, 20_480);
      const input = Object.fromEntries(spec.fields.map((f) => [f, big]));
      const t0 = performance.now();
      const r = safe(spec.schema, input);
      expect(performance.now() - t0).toBeLessThan(1_000);
      expect(r.success).toBe(false);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Rules that cut across schemas.

describe("stored names follow the same character rules everywhere", () => {
  // Patient names refuse C1 controls, U+2028/2029 and bidi overrides (patient-record.ts); a staff name is stored
  // in staff_users.name and shown on the Staff and Audit pages, so the same rule should hold there.
  const staffNameWith = (c: string) => ({
    name: `Ann${c}Evil`,
    email: "ann@example.com",
    role: "admin",
    password: "a long enough password!",
  });
  it.each([
    ["NEL U+0085 (C1 control)", "\u0085"],
    ["CSI U+009B (C1 control)", "\u009b"],
    ["LINE SEPARATOR U+2028", "\u2028"],
    ["RIGHT-TO-LEFT OVERRIDE U+202E", "\u202e"],
    ["RIGHT-TO-LEFT ISOLATE U+2067", "\u2067"],
  ])(
    "createStaffSchema and inviteStaffSchema refuse a staff name containing %s, as basicDataSchema does for patients",
    (_what, c) => {
      expect(
        basicDataSchema.safeParse({ firstName: `Ann${c}Evil`, lastName: "Smith", dateOfBirth: "01/02/1980" }).success,
      ).toBe(false);
      const created = createStaffSchema.safeParse(staffNameWith(c));
      expect(created.success ? created.data.name : "refused").toBe("refused");
      const invited = inviteStaffSchema.safeParse(staffNameWith(c));
      expect(invited.success ? invited.data.name : "refused").toBe("refused");
    },
  );

  it("property: no accepted staff name contains a character patient names refuse", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom("a", " ", "é", ...C1, ...LINE_SEPARATORS, ...BIDI_CONTROLS),
          minLength: 1,
          maxLength: 20,
        }),
        (name) => {
          const r = inviteStaffSchema.safeParse({ name, email: "ann@example.com", role: "admin" });
          if (r.success) expect(r.data.name).not.toMatch(STORED_TEXT_FORBIDDEN);
        },
      ),
      FEW,
    );
  });
});

describe("passwords: whatever a user may choose, they can sign in with", () => {
  // checkNewPassword (patient setup, reset and change; staff setup) counts the code points of the NFKC form, up
  // to 128; the sign-in forms must accept every such password as the user types it again, or the account is
  // locked out by its own password. zod counts code points too, but of the raw input, not of its NFKC form.
  const choosable = fc.oneof(
    fc.string({ unit: "grapheme", minLength: 15, maxLength: 128 }),
    fc.string({
      unit: fc.constantFrom("😀", "🔑", "𝒜", "a", " ", "é", "e\u0301", "a\u0308", "n\u0303", "ﬁ"),
      minLength: 15,
      maxLength: 128,
    }),
    // Decomposed (NFD) text, as some keyboards, password managers and copy-and-paste deliver it.
    fc
      .array(fc.constantFrom("re\u0301sume\u0301 ", "cafe\u0301 ", "nin\u0303o ", "u\u0308ber ", "Zoe\u0308 "), {
        minLength: 4,
        maxLength: 30,
        size: "max",
      })
      .map((w) => w.join("")),
  );

  it("property: a password accepted by checkNewPassword is accepted by both sign-in schemas", () => {
    fc.assert(
      fc.property(choosable, (password) => {
        fc.pre(checkNewPassword({ password, minLength: 15 }).ok);
        expect(staffSignInSchema.safeParse({ email: "a@example.com", password }).success).toBe(true);
        expect(patientSignInSchema.safeParse({ username: "someone", password }).success).toBe(true);
      }),
      RUNS,
    );
  });

  it("example: a password typed with decomposed accents (137 code points, 107 after NFKC) can be chosen, so sign-in must accept it", () => {
    const password = `${"re\u0301sume\u0301 ".repeat(15)}ok`;
    expect(codePoints(password)).toBe(137);
    expect(codePoints(password.normalize("NFKC"))).toBe(107);
    expect(checkNewPassword({ password, minLength: 15 }).ok).toBe(true); // patient setup / reset / change accept it
    expect(staffSetupSchema.safeParse({ token: "t", password, confirm: password }).success).toBe(true); // staff setup too
    expect(passwordInput.safeParse(password).success).toBe(true); // sign-in must accept it
  });

  it("70 emoji (70 code points, 140 UTF-16 units) can be chosen and typed at sign-in (zod counts code points)", () => {
    const password = "🔑😀".repeat(35);
    expect(checkNewPassword({ password, minLength: 15 }).ok).toBe(true);
    expect(createStaffSchema.safeParse({ name: "A", email: "a@example.com", role: "admin", password }).success).toBe(
      true,
    );
    expect(passwordInput.safeParse(password).success).toBe(true);
  });

  it("the sign-in cap is MAX_PASSWORD_LENGTH", () => {
    expect(MAX_PASSWORD_LENGTH).toBe(128);
    expect(passwordInput.safeParse("a".repeat(128)).success).toBe(true);
    expect(passwordInput.safeParse("a".repeat(129)).success).toBe(false);
  });
});

describe("single-field schemas", () => {
  it("emailField: never throws; accepted output is trimmed, lower-cased, at most 254, a valid email", () => {
    fc.assert(
      fc.property(fc.oneof(anyValue, goodEmail, hostileEmail), (input) => {
        const r = safe(emailField, input);
        if (r.success) {
          checkEmailOut(r.data);
          expect(r.data).toBe(String(input).trim().toLowerCase());
        }
      }),
      RUNS,
    );
    fc.assert(
      fc.property(goodEmail, (e) => {
        expect(emailField.parse(e)).toBe(e.trim().toLowerCase());
      }),
      RUNS,
    );
  });

  it("passwordInput: never throws; accepted output is the input, untouched, 1-128 code points", () => {
    fc.assert(
      fc.property(fc.oneof(anyValue, goodPassword), (input) => {
        const r = safe(passwordInput, input);
        if (r.success) {
          expect(r.data).toBe(input);
          expect(r.data.length).toBeGreaterThanOrEqual(1);
          expect(codePoints(r.data)).toBeLessThanOrEqual(128);
        }
      }),
      RUNS,
    );
  });

  it("usernameField: never throws; accepted output is the trimmed input, 3-64 ASCII letters, digits and . _ - @", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyValue,
          goodUsername,
          goodUsername.map((u) => `  ${u}\t`),
        ),
        (input) => {
          const r = safe(usernameField, input);
          if (r.success) {
            expect(r.data).toMatch(/^[A-Za-z0-9._@-]{3,64}$/);
            expect(r.data).toBe(String(input).trim());
          }
        },
      ),
      RUNS,
    );
  });

  it("usernameField: any character outside the allowed set inside a good username is refused", () => {
    const outside = fc
      .string({ unit: "binary", minLength: 1, maxLength: 1 })
      .filter((c) => !/^[A-Za-z0-9._@-]$/.test(c));
    fc.assert(
      fc.property(
        goodUsername.filter((u) => u.length < 64),
        outside,
        fc.nat(),
        (u, c, at) => {
          const i = 1 + (at % (u.length - 1));
          expect(usernameField.safeParse(u.slice(0, i) + c + u.slice(i)).success).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it("normalizeUsernameKey is idempotent and case-blind", () => {
    fc.assert(
      fc.property(fc.oneof(goodUsername, anyString), goodUsername, (u, ascii) => {
        const k = normalizeUsernameKey(u);
        expect(normalizeUsernameKey(k)).toBe(k);
        // Usernames are ASCII (usernameField), where case-blindness is exact.
        expect(normalizeUsernameKey(ascii.toUpperCase())).toBe(normalizeUsernameKey(ascii.toLowerCase()));
      }),
      RUNS,
    );
  });

  it("dateOfBirthField: accepts every real date 1900..today in every typed style as its ISO form", () => {
    fc.assert(
      fc.property(goodDob, ([iso, typed]) => {
        expect(dateOfBirthField.parse(typed)).toBe(iso);
        expect(dateOfBirthField.parse(` ${typed} `)).toBe(iso);
      }),
      RUNS,
    );
  });

  it("dateOfBirthField: anything accepted is a real YYYY-MM-DD between 1900-01-01 and today", () => {
    const dateLike = fc.oneof(
      fc
        .tuple(
          fc.integer({ min: 0, max: 99 }),
          fc.integer({ min: 0, max: 99 }),
          fc.integer({ min: 0, max: 9999 }),
          fc.constantFrom("/", "-", "."),
        )
        .map(([m, d, y, s]) => `${m}${s}${d}${s}${String(y).padStart(4, "0")}`),
      fc
        .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
        .map(([y, m, d]) => `${String(y).padStart(4, "0")}-${m}-${d}`),
      anyString,
    );
    fc.assert(
      fc.property(dateLike, (s) => {
        const r = safe(dateOfBirthField, s);
        if (r.success) {
          expect(realIsoDate(r.data)).toBe(true);
          expect(r.data >= "1900-01-01" && r.data <= todayUtc()).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("dateOfBirthField: tomorrow and 1899-12-31 are refused; today and 1900-01-01 are accepted", () => {
    const today = new Date(`${todayUtc()}T00:00:00Z`);
    expect(dateOfBirthField.safeParse(formatDate(today, 0)).success).toBe(true);
    expect(dateOfBirthField.safeParse(formatDate(new Date(today.getTime() + 2 * DAY_MS), 0)).success).toBe(false);
    expect(dateOfBirthField.safeParse("01/01/1900").success).toBe(true);
    expect(dateOfBirthField.safeParse("12/31/1899").success).toBe(false);
  });

  it("chartNumberField: accepted output matches ^[A-Za-z0-9][A-Za-z0-9._-]*$, at most 32", () => {
    fc.assert(
      fc.property(fc.oneof(anyString, goodChart), (s) => {
        const r = safe(chartNumberField, s);
        if (r.success) expect(r.data).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/);
      }),
      RUNS,
    );
  });

  it("parseDateInput: never throws; a result is a real ISO date that reads back to itself", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyString,
          goodDob.map(([, t]) => t),
        ),
        (s) => {
          const iso = parseDateInput(s);
          if (iso !== null) {
            expect(realIsoDate(iso)).toBe(true);
            expect(parseDateInput(iso)).toBe(iso);
          }
        },
      ),
      RUNS,
    );
  });

  it("parsePatientSearch never throws and keeps the query short", () => {
    fc.assert(
      fc.property(fc.oneof(anyString, fc.constantFrom(null, undefined)), (s) => {
        const r = parsePatientSearch(s as string | null | undefined);
        // 100 code units, which lower-casing may grow (İ becomes i + U+0307).
        for (const v of Object.values(r)) if (typeof v === "string") expect(v.length).toBeLessThanOrEqual(300);
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// URL-parameter schemas: they never fail; a bad parameter falls back to "unset" and leaves the others alone.

const many = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, fc.array(a, { maxLength: 3 }));
const queryValue = fc.oneof(anyValue, many(anyString));

describe("patientListQuery", () => {
  const check = (out: z.output<typeof patientListQuery>) => {
    expect(out.q === undefined || (typeof out.q === "string" && out.q.length <= 100)).toBe(true);
    expect(out.q === undefined || !QUERY_FORBIDDEN.test(out.q)).toBe(true);
    for (const c of [out.after, out.before]) expect(c === undefined || decodeCursor(c) !== null).toBe(true);
    expect(out.status === undefined || (PORTAL_STATUS_KINDS as readonly string[]).includes(out.status)).toBe(true);
    for (const c of [out.after, out.before])
      expect(c === undefined || (typeof c === "string" && c.length <= 400)).toBe(true);
  };
  it("always succeeds, whatever the parameters, with values within bounds", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyValue,
          fc.record({ q: queryValue, status: queryValue, after: queryValue, before: queryValue }, { requiredKeys: [] }),
        ),
        (input) => {
          const r = safe(patientListQuery, input);
          if (r.success) check(r.data);
        },
      ),
      RUNS,
    );
  });
  it("plain records of strings and arrays always succeed", () => {
    fc.assert(
      fc.property(
        fc.record(
          { q: many(anyString), status: many(anyString), after: many(anyString), before: many(anyString) },
          { requiredKeys: [] },
        ),
        (input) => {
          const r = patientListQuery.safeParse(input);
          expect(r.success).toBe(true);
          check(r.data!);
        },
      ),
      RUNS,
    );
  });
  it("a hostile parameter becomes undefined and the others are kept", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 100 }),
        fc.constantFrom(...PORTAL_STATUS_KINDS),
        longerThan(400),
        (q, status, after) => {
          const good = Buffer.from(JSON.stringify(["Zed", "Ann", "0b7a6a52-4a8d-4c9e-9b2c-1f2e3d4c5b6a"])).toString(
            "base64url",
          );
          expect(patientListQuery.parse({ q, status, after, before: good })).toEqual({
            q: QUERY_FORBIDDEN.test(q) ? undefined : q,
            status,
            after: undefined,
            before: good,
          });
          expect(patientListQuery.parse({ q: `${q}${"x".repeat(101)}`, status })).toEqual({
            q: undefined,
            status,
            after: undefined,
            before: undefined,
          });
          expect(patientListQuery.parse({ q, status: `${status}!` }).status).toBeUndefined();
        },
      ),
      FEW,
    );
  });
});

describe("bulkSelectionQuery", () => {
  const check = (out: z.output<typeof bulkSelectionQuery>) => {
    expect(Array.isArray(out.id)).toBe(true);
    expect(out.id.length).toBeLessThanOrEqual(1000);
    for (const id of out.id) expect(id).toMatch(UUID);
    expect(out.all === undefined || out.all === "unactivated").toBe(true);
    expect(out.q === undefined || (typeof out.q === "string" && out.q.length <= 100)).toBe(true);
    expect(out.q === undefined || !QUERY_FORBIDDEN.test(out.q)).toBe(true);
  };
  it("never throws; any plain record parses, within bounds", () => {
    fc.assert(
      fc.property(
        fc.record(
          { id: fc.oneof(queryValue, fc.array(fc.uuid(), { maxLength: 5 })), all: queryValue, q: queryValue },
          { requiredKeys: [] },
        ),
        (input) => {
          const r = safe(bulkSelectionQuery, input);
          expect(r.success).toBe(true);
          check(r.data!);
        },
      ),
      RUNS,
    );
    fc.assert(
      fc.property(anyValue, (input) => void safe(bulkSelectionQuery, input)),
      RUNS,
    );
  });
  it("keeps valid ids and drops the whole list when one is not a UUID (never acts on a partial selection)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.uuid(), { minLength: 1, maxLength: 20 }),
        anyString.filter((s) => !z.uuid().safeParse(s).success),
        (ids, bad) => {
          expect(bulkSelectionQuery.parse({ id: ids }).id).toEqual(ids);
          expect(bulkSelectionQuery.parse({ id: ids[0] }).id).toEqual([ids[0]]);
          expect(bulkSelectionQuery.parse({ id: [...ids, bad], all: "unactivated" })).toEqual({
            id: [],
            all: "unactivated",
            q: undefined,
          });
        },
      ),
      FEW,
    );
    const tooMany = Array.from({ length: 1001 }, () => crypto.randomUUID());
    expect(bulkSelectionQuery.parse({ id: tooMany }).id).toEqual([]);
  });
});

describe("auditQuery", () => {
  const check = (out: z.output<typeof auditQuery>) => {
    expect(
      out.patient === undefined ||
        (typeof out.patient === "string" &&
          out.patient.length <= 100 &&
          out.patient === out.patient.trim() &&
          out.patient !== "" &&
          !QUERY_FORBIDDEN.test(out.patient)),
    ).toBe(true);
    expect(out.staff === undefined || UUID.test(out.staff)).toBe(true);
    expect(out.event === undefined || /^[a-z0-9_.-]{1,100}$/i.test(out.event)).toBe(true);
    for (const d of [out.from, out.to]) expect(d === undefined || realIsoDate(d)).toBe(true);
    for (const c of [out.after, out.before]) expect(c === undefined || (Number.isInteger(c) && c >= 0)).toBe(true);
  };
  it("never throws; any plain record parses, within bounds", () => {
    const keys = ["patient", "staff", "event", "from", "to", "after", "before"];
    fc.assert(
      fc.property(fc.record(Object.fromEntries(keys.map((k) => [k, queryValue])), { requiredKeys: [] }), (input) => {
        const r = safe(auditQuery, input);
        expect(r.success).toBe(true);
        check(r.data!);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(anyValue, (input) => void safe(auditQuery, input)),
      RUNS,
    );
  });
  it("accepts real dates only, and keeps the other filters when one is bad", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2999-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.uuid(),
        (d, staff) => {
          const iso = isoOf(d);
          expect(auditQuery.parse({ from: iso, to: "2021-02-29", staff, event: "patient.signed_in" })).toMatchObject({
            from: iso,
            to: undefined,
            staff,
            event: "patient.signed_in",
          });
        },
      ),
      FEW,
    );
  });
  it("auditPatientFilter never throws and tells ids from chart numbers", () => {
    fc.assert(
      fc.property(fc.oneof(anyString, fc.uuid(), fc.constant(undefined)), (v) => {
        const f = auditPatientFilter(v);
        if (f?.kind === "id") expect(f.id).toMatch(UUID);
        if (f?.kind === "chart") expect(f.chartNumber).toBe(v);
      }),
      RUNS,
    );
  });
});

describe("staff page addresses: NUL and other control characters, and edited list cursors", () => {
  const FORBIDDEN_CHARS = [...C0_AND_DEL, ...C1, ...LINE_SEPARATORS, ...BIDI_CONTROLS];
  const withForbidden = fc
    .tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...FORBIDDEN_CHARS), fc.string({ maxLength: 20 }))
    .map(([a, c, b]) => `${a}${c}${b}`);
  const cursor = (last: string, first: string, id: string) =>
    Buffer.from(JSON.stringify([last, first, id])).toString("base64url");

  it("no text parameter keeps a control character: q on the list and the invitation page, patient on the audit page", () => {
    fc.assert(
      fc.property(withForbidden, (bad) => {
        expect(patientListQuery.parse({ q: bad, status: "active" })).toMatchObject({ q: undefined, status: "active" });
        expect(bulkSelectionQuery.parse({ all: "unactivated", q: bad })).toEqual({
          id: [],
          all: "unactivated",
          q: undefined,
        });
        expect(auditQuery.parse({ patient: bad, event: "patient.signed_in" })).toMatchObject({
          patient: undefined,
          event: "patient.signed_in",
        });
      }),
      RUNS,
    );
    expect(patientListQuery.parse({ q: "\u0000abc" }).q).toBeUndefined();
    expect(auditQuery.parse({ patient: "\u0000" }).patient).toBeUndefined();
    expect(bulkSelectionQuery.parse({ all: "unactivated", q: "\u0000" }).q).toBeUndefined();
  });

  it("a list cursor is only kept when it decodes to names without control characters and a real UUID", () => {
    const id = "0b7a6a52-4a8d-4c9e-9b2c-1f2e3d4c5b6a";
    expect(patientListQuery.parse({ after: cursor("Zed", "Ann", id) }).after).toBe(cursor("Zed", "Ann", id));
    expect(patientListQuery.parse({ after: cursor("Zed", "Ann", "-".repeat(36)) }).after).toBeUndefined();
    expect(decodeCursor(cursor("Zed", "Ann", "-".repeat(36)))).toBeNull();
    fc.assert(
      fc.property(withForbidden, fc.uuid(), (bad, uuid) => {
        expect(decodeCursor(cursor(bad, "Ann", uuid))).toBeNull();
        expect(decodeCursor(cursor("Zed", bad, uuid))).toBeNull();
        expect(patientListQuery.parse({ before: cursor(bad, "Ann", uuid) }).before).toBeUndefined();
      }),
      RUNS,
    );
    fc.assert(
      fc.property(
        fc.string({ minLength: 36, maxLength: 36 }).filter((s) => !UUID.test(s)),
        (notUuid) => {
          expect(decodeCursor(cursor("Zed", "Ann", notUuid))).toBeNull();
        },
      ),
      RUNS,
    );
  });

  it("staffPageAddressProblem: a 400 for any such parameter on any page, nothing for ordinary addresses", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("/admin", "/admin/audit", "/admin/invitations/new", "/admin/patients/x", "/login"),
        fc.constantFrom("q", "patient", "event", "all", "id", "anything"),
        withForbidden,
        (path, name, bad) => {
          const url = new URL(`http://portal.test${path}`);
          url.searchParams.set(name, bad);
          expect(staffPageAddressProblem(url)).not.toBeNull();
        },
      ),
      RUNS,
    );
    const url = (s: string) => new URL(`http://portal.test${s}`);
    expect(staffPageAddressProblem(url(`/admin?after=${cursor("Zed", "Ann", "-".repeat(36))}`))).not.toBeNull();
    for (const ok of [
      "/admin",
      "/admin?q=garcia&status=active",
      `/admin?after=${cursor("Zed", "Ann", "0b7a6a52-4a8d-4c9e-9b2c-1f2e3d4c5b6a")}`,
      "/admin/audit?patient=MRN-1&event=patient.signed_in&from=2026-01-01",
      "/admin/invitations/new?all=unactivated&q=Nguyen",
      "/admin?q=Zo%C3%AB%20O%27Brien",
    ]) {
      expect(staffPageAddressProblem(url(ok)), ok).toBeNull();
    }
  });
});

describe("configuration (envSchema, parseEnv)", () => {
  const KEYS = Object.keys(envSchema.shape ?? {});
  it("envSchema.safeParse never throws", () => {
    expect(KEYS.length).toBeGreaterThan(10);
    fc.assert(
      fc.property(anyValue, (input) => void safe(envSchema, input)),
      RUNS,
    );
    fc.assert(
      fc.property(
        fc.record(Object.fromEntries(KEYS.map((k) => [k, anyValue])), { requiredKeys: [] }),
        (input) => void safe(envSchema, input),
      ),
      RUNS,
    );
  });
  it("parseEnv either returns a config or throws a ConfigError that names the variable, never anything else", () => {
    fc.assert(
      fc.property(
        fc.record(Object.fromEntries(KEYS.map((k) => [k, fc.oneof(anyString, fc.constant(undefined))])), {
          requiredKeys: [],
        }),
        (source) => {
          try {
            const env = parseEnv({ NODE_ENV: "test", ...(source as Record<string, string | undefined>) });
            if (env.APP_URL !== undefined) expect(env.APP_URL).toMatch(/^https?:/i);
            expect(env.PASSWORD_MIN_LENGTH).toBeGreaterThanOrEqual(8);
          } catch (e) {
            expect(e).toBeInstanceOf(ConfigError);
            expect((e as Error).message).toMatch(/^Invalid configuration:\n {2}[A-Z_]+: /);
          }
        },
      ),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// The verification form already has property tests in verification-form.test.ts (arbitrary records, plausible
// records, fc.anything(), zip5). What they do not cover: one hostile field in an otherwise good form, bidi
// controls, 20 KB values inside otherwise good forms, and FormData carrying arbitrary strings and files.

describe("verification form (additions to verification-form.test.ts)", () => {
  const TODAY = new Date("2025-06-15T12:00:00Z");
  const goodForm = fc
    .record({
      email: goodEmail,
      lastName: goodLastName,
      dob: fc.date({
        min: new Date("1900-01-01T00:00:00Z"),
        max: new Date("2025-06-15T00:00:00Z"),
        noInvalidDate: true,
      }),
      zip: goodZip.map((z) => ` ${z} `),
    })
    .map(({ email, lastName, dob, zip }) => {
      const [y, m, d] = isoOf(dob).split("-");
      return { email, lastName, dobMonth: String(Number(m)), dobDay: d, dobYear: y, zip } as Record<string, string>;
    });
  const CONTROLS = [...C0_AND_DEL, ...C1, ...LINE_SEPARATORS];
  const hostile: Record<string, [string, fc.Arbitrary<string>]> = {
    email: [
      "email",
      fc.oneof(
        withInside(goodEmail, [...CONTROLS, " ", ","]),
        longerThan(254).map((s) => `${s}@example.com`),
        goodEmail.map((e) => `${e.trim()}\r\nBcc: all@example.com`),
      ),
    ],
    lastName: [
      "lastName",
      fc.oneof(withInside(goodLastName, CONTROLS), longerThan(100), fc.constantFrom("-", "'", ".", "   ", "123", "😀")),
    ],
    dobMonth: [
      "dateOfBirth",
      fc.oneof(
        fc.constantFrom("0", "13", "March", "1.5", "-1", "", "٣"),
        withInside(fc.constant("12"), C0_NOT_TRIMMED),
      ),
    ],
    dobDay: [
      "dateOfBirth",
      fc.oneof(fc.constantFrom("0", "32", "", "x"), withInside(fc.constant("12"), C0_NOT_TRIMMED)),
    ],
    dobYear: [
      "dateOfBirth",
      fc.oneof(
        fc.constantFrom("1899", "2026", "80", "19800", "", "２０００"),
        fc.integer({ min: 2026, max: 9999 }).map(String),
        hugeString(),
      ),
    ],
    zip: [
      "zip",
      fc.oneof(
        withInside(goodZip, [...CONTROLS, " "]),
        fc.constantFrom("6270", "627011234", "62701-123", "SW1A 1AA", ""),
        longerThan(10, fc.constant("1")),
      ),
    ],
  };

  it("good forms parse to clean data that matches the record it describes", () => {
    fc.assert(
      fc.property(goodForm, (form) => {
        const r = parseVerificationForm(form, TODAY);
        if (!r.ok) throw new Error(`refused ${JSON.stringify(form)}: ${JSON.stringify(r.errors)}`);
        checkEmailOut(r.data.email);
        expect(r.data.zip).toMatch(ZIP);
        expect(realIsoDate(r.data.dateOfBirth)).toBe(true);
        expect(codePoints(r.data.lastName)).toBeLessThanOrEqual(100);
        for (const v of Object.values(r.data)) expect(v).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
        expect(matchPatient([{ id: "p", ...r.data }], r.data)).toEqual({ outcome: "matched", patientId: "p" });
      }),
      RUNS,
    );
  });

  it.each(Object.keys(hostile))("one hostile input (%s) in a good form: refused, keyed by its field alone", (input) => {
    const [field, bad] = hostile[input];
    fc.assert(
      fc.property(goodForm, bad, (form, value) => {
        const r = parseVerificationForm({ ...form, [input]: value }, TODAY);
        if (r.ok) throw new Error(`accepted ${input}=${JSON.stringify(value)}`);
        expect(Object.keys(r.errors)).toEqual([field]);
        expect(r.errors[field as keyof typeof r.errors]).toHaveLength(1);
      }),
      FEW,
    );
  });

  it("bidi controls (RTL override) in the last name never survive normalisation, so they cannot change who matches", () => {
    fc.assert(
      fc.property(goodForm, fc.constantFrom(...BIDI_CONTROLS), fc.nat(), (form, c, at) => {
        const name = [...form.lastName];
        const i = at % (name.length + 1);
        const spoofed = [...name.slice(0, i), c, ...name.slice(i)].join("");
        const r = parseVerificationForm({ ...form, lastName: spoofed }, TODAY);
        if (r.ok) expect(normalizeLastName(r.data.lastName)).toBe(normalizeLastName(form.lastName));
      }),
      FEW,
    );
  });

  it("FormData with arbitrary strings and files never throws and echoes only short strings", () => {
    const entry = fc.oneof(
      anyString,
      fc.constant(null),
      anyString.map((s) => new Blob([s])),
    );
    fc.assert(
      fc.property(
        fc.record({ email: entry, lastName: entry, dobMonth: entry, dobDay: entry, dobYear: entry, zip: entry }),
        (values) => {
          const fd = new FormData();
          for (const [k, v] of Object.entries(values)) if (v !== null) fd.append(k, v as string | Blob);
          const r = parseVerificationForm(fd, TODAY);
          if (!r.ok) for (const v of Object.values(r.values)) expect(v!.length).toBeLessThanOrEqual(640);
          else for (const v of Object.values(r.data)) expect(v).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
        },
      ),
      RUNS,
    );
  });

  it("the schema never throws on exotic objects in any input", () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            email: exoticObjects,
            lastName: exoticObjects,
            dobMonth: exoticObjects,
            dobDay: exoticObjects,
            dobYear: exoticObjects,
            zip: exoticObjects,
          },
          { requiredKeys: [] },
        ),
        (form) => {
          safe(verificationFormSchema(TODAY), form);
          expect(parseVerificationForm(form, TODAY).ok).toBe(false);
        },
      ),
      FEW,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Normalisation and matching (beyond match-patient.test.ts): invariances, idempotence, huge and hostile input.

describe("normalisation", () => {
  const hostileText = fc.oneof(anyString, specialString(80), fc.string({ unit: "grapheme", maxLength: 40 }));
  const NOISE = [" ", "-", "'", "’", ".", "\u00a0", "\u2013", "\u2212", "\u00ad", "\u200b", "\u2009", "ʼ", "`"];

  it("normalizeLastName never throws (20 KB, lone surrogates, controls) and is idempotent", () => {
    fc.assert(
      fc.property(hostileText, (s) => {
        const n = normalizeLastName(s);
        expect(normalizeLastName(n)).toBe(n);
        expect(n).not.toMatch(/[\s\p{M}\p{Cf}\p{Pd}]/u);
        expect(n.length).toBeLessThanOrEqual(s.length * 18 + 1); // NFKD expands by at most 18x
      }),
      RUNS,
    );
  });

  it("normalizeLastName ignores separators, apostrophes and invisible characters inserted anywhere", () => {
    fc.assert(
      fc.property(
        goodLastName,
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...NOISE)), { maxLength: 5 }),
        (name, inserts) => {
          const chars = [...name];
          for (const [at, c] of inserts) chars.splice(at % (chars.length + 1), 0, c);
          expect(normalizeLastName(chars.join(""))).toBe(normalizeLastName(name));
        },
      ),
      RUNS,
    );
  });

  it("normalizeLastName ignores Unicode normal form and letter case", () => {
    fc.assert(
      fc.property(goodLastName, (name) => {
        const n = normalizeLastName(name);
        for (const v of [
          name.normalize("NFC"),
          name.normalize("NFD"),
          name.normalize("NFKC"),
          name.toUpperCase(),
          name.toLowerCase(),
        ]) {
          expect(normalizeLastName(v)).toBe(n);
        }
      }),
      RUNS,
    );
  });

  it("zip5: never throws on any value; the result is 5 digits, idempotent, and the first 5 of any good ZIP", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyValue.filter((v) => typeof v !== "symbol" && !(typeof v === "object" && v !== null)),
          goodZip,
        ),
        (v) => {
          const z5 = zip5(v as string);
          if (z5 !== null) {
            expect(z5).toMatch(/^[0-9]{5}$/);
            expect(zip5(z5)).toBe(z5);
          }
          if (typeof v === "string" && ZIP.test(v)) expect(z5).toBe(v.slice(0, 5));
        },
      ),
      RUNS,
    );
  });

  it("normalizeEmail: idempotent, null only for blank", () => {
    fc.assert(
      fc.property(fc.oneof(anyString, goodEmail), (s) => {
        const e = normalizeEmail(s);
        if (e === null) expect(s.trim()).toBe("");
        else expect(normalizeEmail(e)).toBe(e);
      }),
      RUNS,
    );
  });
});

describe("matchPatient", () => {
  const details = fc.record({
    email: goodEmail,
    lastName: goodLastName,
    dateOfBirth: goodDob.map(([iso]) => iso),
    zip: goodZip,
  });
  const onFile = (id: string, d: TypedDetails): OnFilePatient => ({ id, ...d });
  const hostileDetails = fc.record({
    email: fc.oneof(anyString, goodEmail),
    lastName: anyString,
    dateOfBirth: anyString,
    zip: anyString,
  });
  const candidate = fc.record({
    id: fc.constantFrom<string>("a", "b", "c", "d"),
    email: fc.option(fc.oneof(anyString, goodEmail)),
    lastName: anyString,
    dateOfBirth: anyString,
    zip: fc.option(anyString),
  });

  it("never throws; the outcome is well formed and only names candidates owning the typed email", () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 6 }), hostileDetails, (cands, typed) => {
        const r = matchPatient(cands, typed);
        const owners = new Set(
          cands
            .filter((c) => normalizeEmail(c.email) !== null && normalizeEmail(c.email) === normalizeEmail(typed.email))
            .map((c) => c.id),
        );
        if (r.outcome === "matched") expect(owners.has(r.patientId)).toBe(true);
        if (r.outcome === "ambiguous") {
          expect(r.patientIds.length).toBeGreaterThan(1);
          expect(new Set(r.patientIds).size).toBe(r.patientIds.length);
          for (const id of r.patientIds) expect(owners.has(id)).toBe(true);
        }
        if (r.outcome === "no_match") {
          if (r.emailPatientId !== null) expect(owners.has(r.emailPatientId)).toBe(true);
          expect(new Set(r.mismatchedFields).size).toBe(r.mismatchedFields.length);
          for (const f of r.mismatchedFields) expect(["last_name", "date_of_birth", "zip"]).toContain(f);
          if (r.emailPatientId !== null) expect(r.mismatchedFields.length).toBeGreaterThan(0);
        }
        if (normalizeEmail(typed.email) === null)
          expect(r).toEqual({ outcome: "no_match", emailPatientId: null, mismatchedFields: [] });
      }),
      RUNS,
    );
  });

  it("does not depend on the order of candidates", () => {
    fc.assert(
      fc.property(details, fc.array(candidate, { maxLength: 5 }), fc.nat(), (d, others, seed) => {
        const cands = [onFile("self", d), ...others.map((o) => ({ ...o, email: seed % 2 ? d.email : o.email }))];
        const shuffled = [...cands].sort((x, y) => (x.id + seed).localeCompare(y.id + seed) || 0).reverse();
        const a = matchPatient(cands, d);
        const b = matchPatient(shuffled, d);
        expect(a.outcome).toBe(b.outcome);
        if (a.outcome === "ambiguous" && b.outcome === "ambiguous")
          expect([...a.patientIds].sort()).toEqual([...b.patientIds].sort());
        if (a.outcome === "matched" && b.outcome === "matched") expect(a.patientId).toBe(b.patientId);
      }),
      RUNS,
    );
  });

  it("each single wrong field is named, and only that field", () => {
    fc.assert(
      fc.property(details, fc.constantFrom("last_name", "date_of_birth", "zip"), (d, field) => {
        const wrong: TypedDetails = {
          ...d,
          ...(field === "last_name" ? { lastName: `${d.lastName}x` } : {}),
          ...(field === "date_of_birth"
            ? { dateOfBirth: d.dateOfBirth === "1900-01-01" ? "1900-01-02" : "1900-01-01" }
            : {}),
          ...(field === "zip" ? { zip: d.zip.startsWith("0") ? "11111" : "00000" } : {}),
        };
        expect(matchPatient([onFile("p", d)], wrong)).toEqual({
          outcome: "no_match",
          emailPatientId: "p",
          mismatchedFields: [field],
        });
      }),
      RUNS,
    );
  });

  it("blank on file never matches blank typed (name without letters, missing ZIP, empty date)", () => {
    fc.assert(
      fc.property(details, fc.constantFrom("", " ", "-", "'.", "\u200b"), (d, blank) => {
        expect(matchPatient([{ ...onFile("p", d), lastName: blank }], { ...d, lastName: blank }).outcome).toBe(
          "no_match",
        );
        expect(matchPatient([{ ...onFile("p", d), zip: null }], { ...d, zip: blank }).outcome).toBe("no_match");
        expect(matchPatient([{ ...onFile("p", d), dateOfBirth: "" }], { ...d, dateOfBirth: "" }).outcome).toBe(
          "no_match",
        );
      }),
      FEW,
    );
  });

  it("typed variants of the on-file details (case, spaces, ZIP+4) still match", () => {
    fc.assert(
      fc.property(details, fc.nat(), (d, n) => {
        const typed = {
          email: ` ${d.email.toUpperCase()} `,
          lastName: ` ${d.lastName.toUpperCase()} `,
          dateOfBirth: d.dateOfBirth,
          zip: n % 2 ? `${d.zip.slice(0, 5)}-${String(n % 10_000).padStart(4, "0")}` : d.zip.slice(0, 5),
        };
        expect(matchPatient([onFile("p", d)], typed)).toEqual({ outcome: "matched", patientId: "p" });
      }),
      RUNS,
    );
  });
});

describe("passkey answer shapes (registrationResponseSchema, authenticationResponseSchema)", () => {
  it.each([
    ["registrationResponseSchema", registrationResponseSchema],
    ["authenticationResponseSchema", authenticationResponseSchema],
  ] as const)("%s: safeParse never throws on anything at all", (_name, schema) => {
    fc.assert(
      fc.property(anyValue, (input) => {
        safe(schema, input);
      }),
      RUNS,
    );
  });

  it("what an authenticator really answers passes both, extension outputs dropped and transports kept", () => {
    const authenticator = createSoftAuthenticator({ origin: "http://portal.test" });
    const registration = authenticator.register({
      rp: { id: "portal.test", name: "Practice" },
      user: { id: "dXNlcg", name: "pat", displayName: "Pat" },
      challenge: "Y2hhbGxlbmdlLWNoYWxsZW5nZS1jaGFsbGVuZ2U",
      pubKeyCredParams: [{ alg: -7, type: "public-key" }],
    });
    const reg = registrationResponseSchema.parse(registration);
    expect(reg).toEqual({ ...registration, clientExtensionResults: {} });
    const assertion = authenticator.authenticate({ challenge: "Y2hhbGxlbmdlLWNoYWxsZW5nZS1jaGFsbGVuZ2U" });
    expect(authenticationResponseSchema.parse(assertion)).toEqual(assertion);
  });
});
