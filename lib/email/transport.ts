// Where rendered emails go: Resend when configured, otherwise the local development mailbox.
import { Resend } from "resend";

export type OutgoingEmail = { to: string; from: string; subject: string; html: string; text: string; idempotencyKey: string };

export type SendResult =
  | { ok: true; providerMessageId: string }
  | { ok: false; retryable: boolean; retryAfterMs?: number; error: string };

export interface EmailTransport {
  name: "resend" | "mailbox";
  send(email: OutgoingEmail): Promise<SendResult>;
}

/** Keeps the message in the outbox for /dev/mailbox: nothing leaves the machine. */
export const mailboxTransport: EmailTransport = {
  name: "mailbox",
  async send(email) {
    return { ok: true, providerMessageId: `mailbox:${email.idempotencyKey}` };
  },
};

export function resendTransport(apiKey: string): EmailTransport {
  // Created lazily: the SDK throws without a key, and reads RESEND_BASE_URL when constructed.
  let client: Resend | undefined;
  return {
    name: "resend",
    async send(email) {
      client ??= new Resend(apiKey);
      try {
        const { data, error, headers } = await client.emails.send(
          { from: email.from, to: [email.to], subject: email.subject, html: email.html, text: email.text },
          { idempotencyKey: email.idempotencyKey },
        );
        if (data?.id) return { ok: true, providerMessageId: data.id };
        const status = (error as { statusCode?: number | null } | null)?.statusCode ?? null;
        const retryAfter = Number((headers as Record<string, string> | null)?.["retry-after"]);
        return {
          ok: false,
          // No status means the request never got an answer (network, timeout): worth another try.
          retryable: status === null || status === 429 || status >= 500,
          retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
          error: `${status ?? "network"}: ${error?.name ?? "error"}: ${error?.message ?? "no answer"}`.slice(0, 500),
        };
      } catch (e) {
        return { ok: false, retryable: true, error: `network: ${e instanceof Error ? e.message : String(e)}`.slice(0, 500) };
      }
    },
  };
}
