import { describe, expect, it } from "vitest";
import { z } from "zod";
import { basicDataSchema, patientRecordSchema } from "./patient-record";

const good = {
  firstName: " Maria ",
  lastName: "García-López",
  dateOfBirth: "04/12/1978",
  email: " Maria@Example.COM ",
  zip: "62701-1234",
  phone: "(555) 010-2000",
  addressLine1: "1 Oak St",
  addressLine2: "",
  city: "Springfield",
  state: "il",
};

describe("patient basic data", () => {
  it("normalises a good record: trimmed, email lower-cased, blanks to null, state upper-cased", () => {
    expect(basicDataSchema.parse(good)).toEqual({
      firstName: "Maria",
      lastName: "García-López",
      dateOfBirth: "1978-04-12",
      email: "maria@example.com",
      zip: "62701-1234",
      phone: "(555) 010-2000",
      addressLine1: "1 Oak St",
      addressLine2: null,
      city: "Springfield",
      state: "IL",
    });
  });

  it("allows no email and no ZIP on file (the patient is then Inactive)", () => {
    const r = basicDataSchema.parse({ ...good, email: "", zip: "  " });
    expect(r.email).toBeNull();
    expect(r.zip).toBeNull();
  });

  it.each([
    ["firstName", "", "Enter the first name"],
    ["lastName", "x".repeat(101), "Last name must be 100 characters or fewer"],
    ["lastName", "Smith\r\nBcc: x", "Last name contains characters that are not allowed"],
    ["dateOfBirth", "02/30/1990", "Enter the date of birth as MM/DD/YYYY, like 03/27/1980"],
    ["dateOfBirth", "01/01/1899", "Date of birth must be between 1900 and today"],
    ["email", "not-an-email", "Enter the email address in the right form, like name@example.com"],
    ["zip", "6270", "Enter a 5-digit ZIP code, like 62701, or ZIP+4, like 62701-1234"],
    ["phone", "call me", "Enter the phone number with digits, like (555) 010-2000"],
    ["phone", "(---) ---- ----", "Enter the phone number with digits, like (555) 010-2000"],
    ["phone", "555-01", "Enter the phone number with digits, like (555) 010-2000"],
    ["state", "Illinois", "Enter the state as 2 letters, like IL"],
  ])("refuses a bad %s with a clear message", (field, value, message) => {
    const r = basicDataSchema.safeParse({ ...good, [field]: value });
    expect(r.success).toBe(false);
    expect(z.flattenError(r.error!).fieldErrors[field as keyof typeof good]).toEqual([message]);
  });

  it("needs a chart number of letters, digits and . _ - for a whole record", () => {
    expect(patientRecordSchema.safeParse({ ...good, chartNumber: "MRN-1" }).success).toBe(true);
    expect(patientRecordSchema.safeParse({ ...good, chartNumber: "MRN 1" }).success).toBe(false);
    expect(patientRecordSchema.parse({ ...good, chartNumber: "MRN-1" })).toMatchObject({
      chartStatus: "active",
      portalAccessEnabled: false,
    });
  });
});
