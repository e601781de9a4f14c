// The demo practice's staff have an authenticator app already set up, so trying the demo stays two commands and
// needs no phone: their keys are public (like their passwords in README.md), and in development the local mailbox
// page shows the codes they give right now. Only the demo staff, and only when the demo is seeded.
import type { Db } from "@/db/client";
import { hasAnyFactor, insertTotpFactor } from "@/db/queries/second-factors";
import { findStaffIdByEmail } from "@/db/queries/staff";
import { seal } from "@/lib/crypto/seal";
import { staffRef } from "./account-ref";
import { totpCodeAt, totpStepAt } from "./totp";

export const DEMO_AUTHENTICATORS = [
  { email: "admin@demo.clinic", name: "Avery Admin", secret: "GHFWXYFGYHPAEOCR6QMEQFFOYJIZKRCO" },
  { email: "frontdesk@demo.clinic", name: "Frankie Desk", secret: "T5NTK4UKTA46P6AVJSOAAIG5Y5H35TAJ" },
] as const;

/** Gives each demo staff member without a factor their demo authenticator app. */
export async function ensureDemoAuthenticators(db: Db, now = new Date()): Promise<void> {
  for (const demo of DEMO_AUTHENTICATORS) {
    const id = await findStaffIdByEmail(db, demo.email);
    if (!id || (await hasAnyFactor(db, staffRef(id)))) continue;
    await insertTotpFactor(db, {
      owner: staffRef(id),
      name: "Demo authenticator",
      secretSealed: seal(demo.secret),
      acceptedStep: 0,
      now,
    });
  }
}

/** What the demo staff's apps would show now, and for how many more seconds. */
export function demoAuthenticatorCodes(now = new Date()) {
  const step = totpStepAt(now);
  const secondsLeft = 30 - (Math.floor(now.getTime() / 1000) % 30);
  return DEMO_AUTHENTICATORS.map((d) => ({ ...d, code: totpCodeAt(d.secret, step), secondsLeft }));
}
