// Gives a bench staff member an authenticator app through the app's own lib functions, as "Add an authenticator
// app" does (a sealed offer, then the first code the app shows), so the bench can sign in with both steps. Run
// with `tsx --conditions=react-server` and the app's DATABASE_URL and AUTH_SECRET (the key is sealed with it):
//   node node_modules/tsx/dist/cli.mjs --conditions=react-server bench/staff-authenticator.ts --email x@y.test
// Prints one line, "@@staff-totp " and JSON { secret, acceptedStep }: the key, and the step already used.
import { parseArgs } from "node:util";
import { closeDb, getDb } from "@/db/client";
import { findStaffIdByEmail } from "@/db/queries/staff";
import { staffRef } from "@/lib/second-factor/account-ref";
import { addAuthenticator } from "@/lib/second-factor/add-authenticator";
import { offerAuthenticator } from "@/lib/second-factor/authenticator-offer";
import { totpCodeAt, totpStepAt } from "@/lib/second-factor/totp";

// No top-level await: tsx compiles this file as CommonJS.
async function main() {
  const { values } = parseArgs({ options: { email: { type: "string" } } });
  if (!values.email) throw new Error("usage: bench/staff-authenticator.ts --email someone@clinic.test");
  const db = await getDb();
  try {
    const staffId = await findStaffIdByEmail(db, values.email);
    if (!staffId) throw new Error(`no staff member ${values.email}`);
    const owner = staffRef(staffId);
    const now = new Date();
    const { secret, sealedOffer } = offerAuthenticator({ owner, now });
    const acceptedStep = totpStepAt(now);
    const added = await addAuthenticator(db, {
      owner,
      sealedOffer,
      code: totpCodeAt(secret, acceptedStep),
      name: "Bench phone",
      now,
    });
    if (!added.ok) throw new Error(`authenticator for ${values.email}: ${added.reason}`);
    // A marker, so that a log line of the app's code on stdout is never read as the answer.
    process.stdout.write(`@@staff-totp ${JSON.stringify({ secret, acceptedStep })}\n`);
  } finally {
    await closeDb();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
