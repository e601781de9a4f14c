// The mailbox an address delivers to, for counting the per-recipient cap (docs/security.md V5): "+tags" and, at
// Gmail, dots and the googlemail.com alias all reach one inbox, so they share one allowance. Emails are still
// sent to the address as written. `email_mailbox()` in db/migrations/0007_outbox_mailbox.sql is the same rule
// in SQL (the cap counts rows already in the outbox by it); lib/email/canonical-mailbox.test.ts keeps the two
// in step.
const GMAIL_DOMAINS = new Set(["gmail.com", "googlemail.com"]);

export function canonicalMailbox(address: string): string {
  const a = address.trim().toLowerCase();
  const at = a.lastIndexOf("@");
  if (at < 0) return a;
  let local = a.slice(0, at).split("+")[0];
  let domain = a.slice(at + 1);
  if (GMAIL_DOMAINS.has(domain)) {
    domain = "gmail.com";
    local = local.replaceAll(".", "");
  }
  return `${local}@${domain}`;
}
