// "The email on file changed recently": within this window no link goes to the new address until staff have
// checked the change with the patient, because talking the front desk into editing the email is how a caller
// takes over someone's account (docs/security.md A3). Staff sending, the worker and the pages all ask here.
import { getConfig } from "@/lib/config";

/** The window in hours (EMAIL_CHANGE_CONFIRM_HOURS), as the pages name it. */
export function emailChangeConfirmHours(): number {
  return getConfig().EMAIL_CHANGE_CONFIRM_HOURS;
}

export function emailChangedRecently(opts: { emailChangedAt: Date | null | undefined; now: Date }): boolean {
  if (!opts.emailChangedAt) return false;
  return opts.now.getTime() - opts.emailChangedAt.getTime() < emailChangeConfirmHours() * 3_600_000;
}
