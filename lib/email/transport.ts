// Where rendered emails go: Resend when configured, otherwise the local development mailbox.
import { Resend } from "resend";

export type OutgoingEmail = {
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  idempotencyKey: string;
};

export type SendResult =
  | { ok: true; providerMessageId: string }
  | { ok: false; retryable: boolean; retryAfterMs?: number; rateLimited?: boolean; error: string };

export type BatchResult = { ok: true; providerMessageIds: string[] } | Extract<SendResult, { ok: false }>;

export interface EmailTransport {
  name: "resend" | "mailbox";
  /** The provider's request rate, which the worker keeps to (lib/email/send-pacer.ts); none for the mailbox. */
  requestsPerSecond?: number;
  send(email: OutgoingEmail): Promise<SendResult>;
  /** Up to BATCH_LIMIT emails in one request, all accepted or none. */
  sendBatch?(emails: OutgoingEmail[], idempotencyKey: string): Promise<BatchResult>;
}

/** Resend's batch endpoint takes at most 100 emails a call. */
export const BATCH_LIMIT = 100;

/** Resend answers 429 beyond 2 requests a second (its default team limit; RESEND_REQUESTS_PER_SECOND if raised). */
export const RESEND_REQUESTS_PER_SECOND = 2;

/** Keeps the message in the outbox for /dev/mailbox: nothing leaves the machine. */
export const mailboxTransport: EmailTransport = {
  name: "mailbox",
  async send(email) {
    return { ok: true, providerMessageId: `mailbox:${email.idempotencyKey}` };
  },
};

type ResendError = { statusCode?: number | null; name?: string; message?: string } | null;

/** Turns Resend's error answer into our retry decision. */
function failure(error: ResendError, headers: unknown): Extract<SendResult, { ok: false }> {
  const status = error?.statusCode ?? null;
  const retryAfter = Number((headers as Record<string, string> | null)?.["retry-after"]);
  return {
    ok: false,
    // No status means the request never got an answer (network, timeout): worth another try.
    retryable: status === null || status === 429 || status >= 500,
    rateLimited: status === 429,
    retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
    error: `${status ?? "network"}: ${error?.name ?? "error"}: ${error?.message ?? "no answer"}`.slice(0, 500),
  };
}

const networkFailure = (e: unknown) =>
  ({
    ok: false,
    retryable: true,
    error: `network: ${e instanceof Error ? e.message : String(e)}`.slice(0, 500),
  }) as const;

const payload = (e: OutgoingEmail) => ({ from: e.from, to: [e.to], subject: e.subject, html: e.html, text: e.text });

export function resendTransport(apiKey: string, requestsPerSecond = RESEND_REQUESTS_PER_SECOND): EmailTransport {
  // Created lazily: the SDK throws without a key, and reads RESEND_BASE_URL when constructed.
  let client: Resend | undefined;
  const resend = () => (client ??= new Resend(apiKey));
  return {
    name: "resend",
    // The team's limit, shared by every worker of every instance; a 429 with Retry-After still slows them all.
    requestsPerSecond,
    async send(email) {
      try {
        const { data, error, headers } = await resend().emails.send(payload(email), {
          idempotencyKey: email.idempotencyKey,
        });
        return data?.id ? { ok: true, providerMessageId: data.id } : failure(error as ResendError, headers);
      } catch (e) {
        return networkFailure(e);
      }
    },
    async sendBatch(emails, idempotencyKey) {
      try {
        const { data, error, headers } = await resend().batch.send(emails.map(payload), { idempotencyKey });
        const ids = data?.data?.map((d) => d.id) ?? [];
        return ids.length === emails.length
          ? { ok: true, providerMessageIds: ids }
          : failure(error as ResendError, headers);
      } catch (e) {
        return networkFailure(e);
      }
    },
  };
}
