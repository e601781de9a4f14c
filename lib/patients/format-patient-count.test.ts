import { describe, expect, it } from "vitest";
import { formatPatientCount, PATIENT_COUNT_CAP } from "./format-patient-count";

describe("patient counts", () => {
  it("shows exact counts up to the cap and 'cap+' past it", () => {
    expect(formatPatientCount(0)).toBe("0");
    expect(formatPatientCount(34)).toBe("34");
    expect(formatPatientCount(PATIENT_COUNT_CAP)).toBe("10,000");
    expect(formatPatientCount(PATIENT_COUNT_CAP + 1)).toBe("10,000+");
    expect(formatPatientCount(4, 3)).toBe("3+");
  });
});
