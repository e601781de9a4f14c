// "Trust this device for 30 days" (docs/security.md M8): after a full sign-in the patient's browser gets an
// opaque random token (lib/auth/trusted-device-cookie.ts); only its SHA-256 is kept. Sign-ins from that browser
// may then skip the second step until it expires or is forgotten: "sign out everywhere", a password set and a
// removed factor forget every device (lib/accounts/end-patient-sessions.ts).
import type { Db, Tx } from "@/db/client";
import { deleteTrustedDevices, insertTrustedDevice, touchTrustedDevice } from "@/db/queries/trusted-devices";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { generateToken, hashToken, looksLikeToken } from "@/lib/tokens/account-token";

export const TRUSTED_DEVICE_DAYS = 30;

/** A new trusted device for the patient; the token (256 bits, base64url) goes into the cookie and nowhere else. */
export async function trustDevice(tx: Tx, opts: { patientId: string; now: Date }): Promise<string> {
  const token = generateToken();
  await insertTrustedDevice(tx, {
    patientId: opts.patientId,
    tokenHash: hashToken(token),
    now: opts.now,
    expiresAt: new Date(opts.now.getTime() + TRUSTED_DEVICE_DAYS * 86_400_000),
  });
  await recordAuditEvent(tx, {
    event: "second_factor.trusted_device_added",
    actorType: "patient",
    patientId: opts.patientId,
  });
  return token;
}

/**
 * Whether the token is one of this patient's unexpired trusted devices; each use is noted on the device and in
 * the audit trail. A token of another patient (two people sharing a browser) does not count.
 */
export async function isTrustedDevice(
  db: Db,
  opts: { patientId: string; token: string | null | undefined; now: Date },
): Promise<boolean> {
  const token = opts.token;
  if (!looksLikeToken(token)) return false;
  return db.transaction(async (tx) => {
    const known = await touchTrustedDevice(tx, {
      patientId: opts.patientId,
      tokenHash: hashToken(token),
      now: opts.now,
    });
    if (known)
      await recordAuditEvent(tx, {
        event: "second_factor.trusted_device_used",
        actorType: "patient",
        patientId: opts.patientId,
      });
    return known;
  });
}

/** Forgets every device the patient trusted (recorded when there were any). */
export async function forgetTrustedDevices(tx: Tx, opts: { patientId: string }): Promise<void> {
  const count = await deleteTrustedDevices(tx, opts.patientId);
  if (count > 0)
    await recordAuditEvent(tx, {
      event: "second_factor.trusted_devices_forgotten",
      actorType: "system",
      patientId: opts.patientId,
      details: { count },
    });
}
