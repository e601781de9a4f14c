// One email from the development mailbox, rendered as the patient would see it.
import { getDb } from "@/db/client";
import { getMailboxMessage } from "@/db/queries/mailbox";
import { getConfig } from "@/lib/config";
import { unseal } from "@/lib/crypto/seal";
import { mailboxEnabled } from "@/lib/email/mailbox-enabled";
import { isLoopbackClient } from "@/lib/http/loopback-client";
import { renderEmail, type EmailMessage } from "@/lib/email/render-email";

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  // A live link in every email: this machine only (lib/http/loopback-client.ts).
  if (!mailboxEnabled() || !isLoopbackClient(req.headers)) return new Response("Not found", { status: 404 });
  const row = await getMailboxMessage(await getDb(), (await ctx.params).id);
  if (!row?.sealed) return new Response("Not found", { status: 404 });
  const c = getConfig();
  const email = await renderEmail(unseal<EmailMessage>(row.sealed), {
    name: c.PRACTICE_NAME,
    phone: c.PRACTICE_PHONE,
    address: c.PRACTICE_ADDRESS,
  });
  const header = `<p style="font:14px system-ui;background:#fff3cd;padding:8px;margin:0">Development mailbox · To: ${escapeHtml(row.recipient)} · Subject: ${escapeHtml(email.subject)} · <a href="/dev/mailbox">Back</a></p>`;
  return new Response(header + email.html, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    },
  });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
