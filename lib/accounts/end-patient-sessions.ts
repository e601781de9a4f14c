// Ends every session of one patient at its next request. Sessions are JWTs, which cannot be recalled, so the
// account's session_version moves on and the data-access layer refuses the old ones (docs/security.md S4).
// Every trusted device is forgotten too, so the next sign-in anywhere asks for the second step again (M8).
// Every path that must end a patient's sessions (email change, access off, a password set, "sign out
// everywhere", a removed second factor) calls this.
import type { Tx } from "@/db/client";
import { bumpPatientSessionVersion } from "@/db/queries/portal-accounts";
import { forgetTrustedDevices } from "@/lib/second-factor/trusted-device";

export async function endPatientSessions(tx: Tx, opts: { patientId: string }): Promise<void> {
  await bumpPatientSessionVersion(tx, opts.patientId);
  await forgetTrustedDevices(tx, { patientId: opts.patientId });
}
