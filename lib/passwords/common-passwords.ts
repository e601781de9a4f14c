// The zxcvbn-ts common list (~49k breached/common passwords) is the blocklist
// NIST SP 800-63B asks us to check new passwords against.
import { dictionary } from "@zxcvbn-ts/language-common";

// Keys are stored the way we look them up, so a lookup is one Set hit.
const toKey = (pw: string) => pw.normalize("NFKC").toLowerCase();

const COMMON = new Set(dictionary["passwords-common"].map(toKey));

export const COMMON_PASSWORD_COUNT = COMMON.size;

/** True if the password, ignoring case and Unicode presentation forms, is on the common list. */
export function isCommonPassword(pw: string): boolean {
  return COMMON.has(toKey(pw));
}
