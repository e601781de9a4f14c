// The database half of bench/second-factors.mjs: patients, accounts and second factors made through the app's own
// lib functions (an authenticator app added with a code it shows, emailed codes turned on with the code the email
// carried, passkeys registered from a software authenticator's answer). Spawned through
// `tsx --conditions=react-server` with the app's environment; reads one JSON command a line on stdin and answers
// each with one line on stdout, "@@sf " and JSON ({ ok, result } or { ok: false, error }). Nothing here is timed.
import { createInterface } from "node:readline";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { closeDb, getDb } from "@/db/client";
import { portalAccounts } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password-hash";
import { patientRef } from "@/lib/second-factor/account-ref";
import { addAuthenticator } from "@/lib/second-factor/add-authenticator";
import { addEmailCodeFactor } from "@/lib/second-factor/add-email-code-factor";
import { offerAuthenticator } from "@/lib/second-factor/authenticator-offer";
import { sendEmailCode } from "@/lib/second-factor/email-code";
import { totpCodeAt, totpStepAt } from "@/lib/second-factor/totp";
import { passkeyRegistrationOptions, savePasskey } from "@/lib/webauthn/register-passkey";
import { insertPatient } from "@/test-kit/factories";

type Command =
  | { op: "patients"; tag: string; count: number; password: string }
  | { op: "totp"; patientIds: string[] }
  | { op: "emailCodes"; patientIds: string[] }
  | { op: "emailFactors"; items: { patientId: string; code: string }[] }
  | { op: "passkeyOptions"; items: { patientId: string; userName: string }[] }
  | { op: "savePasskeys"; items: { patientId: string; response: RegistrationResponseJSON }[] };

async function handle(cmd: Command): Promise<unknown> {
  const db = await getDb();
  switch (cmd.op) {
    case "patients": {
      // One Argon2id hash for every account: the password is the same, and hashing hundreds would only be slow.
      const passwordHash = await hashPassword(cmd.password);
      const out = [];
      for (let i = 0; i < cmd.count; i++) {
        const email = `sf.${cmd.tag}.${i}@bench.test`;
        const p = await insertPatient(db, { firstName: "Bench", lastName: `Factor${i}`, email });
        const username = `sf.${cmd.tag}.${i}`;
        await db.insert(portalAccounts).values({ patientId: p.id, username, passwordHash, activatedAt: new Date() });
        out.push({ patientId: p.id, username, email });
      }
      return out;
    }
    case "totp": {
      // As the portal's "Add an authenticator app" does: a sealed offer, then the first code the app shows.
      const out = [];
      for (const patientId of cmd.patientIds) {
        const owner = patientRef(patientId);
        const now = new Date();
        const { secret, sealedOffer } = offerAuthenticator({ owner, now });
        const step = totpStepAt(now);
        const added = await addAuthenticator(db, {
          owner,
          sealedOffer,
          code: totpCodeAt(secret, step),
          name: "Phone",
          now,
        });
        if (!added.ok) throw new Error(`authenticator for ${patientId}: ${added.reason}`);
        out.push({ patientId, secret, acceptedStep: step });
      }
      return out;
    }
    case "emailCodes": {
      const out = [];
      for (const patientId of cmd.patientIds) {
        const sent = await db.transaction((tx) =>
          sendEmailCode(tx, { patientId, purpose: "add_factor", now: new Date() }),
        );
        if (!sent.sent) throw new Error(`no add-factor code sent to ${patientId}`);
        out.push({ patientId });
      }
      return out;
    }
    case "emailFactors": {
      for (const { patientId, code } of cmd.items) {
        const added = await addEmailCodeFactor(db, { patientId, code, now: new Date() });
        if (!added.ok) throw new Error(`emailed codes for ${patientId}: ${added.reason}`);
      }
      return cmd.items.length;
    }
    case "passkeyOptions": {
      const out = [];
      for (const { patientId, userName } of cmd.items)
        out.push(
          await passkeyRegistrationOptions(db, {
            owner: patientRef(patientId),
            userName,
            userDisplayName: "Bench Patient",
            now: new Date(),
          }),
        );
      return out;
    }
    case "savePasskeys": {
      for (const { patientId, response } of cmd.items) {
        const saved = await savePasskey(db, {
          owner: patientRef(patientId),
          response,
          name: "Laptop",
          now: new Date(),
        });
        if (!saved.ok) throw new Error(`passkey for ${patientId}: ${saved.reason}`);
      }
      return cmd.items.length;
    }
  }
}

// No top-level await: tsx compiles this file as CommonJS.
async function main() {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let answer: unknown;
    try {
      answer = { ok: true, result: await handle(JSON.parse(line) as Command) };
    } catch (e) {
      answer = { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    // A marker, so that a log line of the app's code on stdout is never read as an answer.
    process.stdout.write(`@@sf ${JSON.stringify(answer)}\n`);
  }
  await closeDb();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
