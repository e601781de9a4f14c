import { describe, expect, it } from "vitest";
import { secondStepState } from "./second-step-state";

describe("secondStepState: what the dash says a patient's second step is", () => {
  it("says none when the patient has no second step", () => {
    expect(secondStepState({ totp: 0, passkey: 0, email: 0 })).toBe("none");
  });
  it("names each kind, with how many passkeys", () => {
    expect(secondStepState({ totp: 0, passkey: 0, email: 1 })).toBe("email code");
    expect(secondStepState({ totp: 1, passkey: 0, email: 0 })).toBe("app");
    expect(secondStepState({ totp: 0, passkey: 1, email: 0 })).toBe("passkey ×1");
    expect(secondStepState({ totp: 1, passkey: 3, email: 1 })).toBe("email code, app, passkeys ×3");
  });
});
