// Reads the emails the app sent through the real Resend SDK to the local fake Resend server.
import { expect } from "@playwright/test";

const resendPort = Number(process.env.E2E_RESEND_PORT ?? 3211);
const base = `http://127.0.0.1:${resendPort}`;

export type SentEmail = { id: string; to: string[]; subject: string; html?: string; text?: string; receivedAt: number };

export async function allEmails(): Promise<SentEmail[]> {
  const res = await fetch(`${base}/_fake/messages`);
  return (await res.json()) as SentEmail[];
}

/** Waits for the newest email to `to` received after `since` (ms epoch) whose subject matches. */
export async function waitForEmail(opts: {
  to: string;
  subject?: RegExp;
  since: number;
  timeoutMs?: number;
}): Promise<SentEmail> {
  let found: SentEmail | undefined;
  await expect
    .poll(
      async () => {
        const mine = (await allEmails()).filter(
          (m) =>
            m.to.some((t) => t.toLowerCase() === opts.to.toLowerCase()) &&
            m.receivedAt >= opts.since &&
            (!opts.subject || opts.subject.test(m.subject)),
        );
        found = mine.at(-1);
        return !!found;
      },
      {
        timeout: opts.timeoutMs ?? 20_000,
        message: `no email to ${opts.to} matching ${opts.subject ?? "any subject"}`,
      },
    )
    .toBe(true);
  return found!;
}

/** Emails to `to` since `since`, for asserting that nothing (else) was sent. */
export async function emailsTo(to: string, since: number): Promise<SentEmail[]> {
  return (await allEmails()).filter(
    (m) => m.to.some((t) => t.toLowerCase() === to.toLowerCase()) && m.receivedAt >= since,
  );
}

/** The first link in the plain-text body that goes to `path` on the app. */
export function linkIn(email: SentEmail, path: string): string {
  const m = new RegExp(`https?://[^\\s"<>]+${path.replace(/[/]/g, "\\/")}\\?token=[A-Za-z0-9_-]+`).exec(
    email.text ?? "",
  );
  if (!m) throw new Error(`no ${path} link in the email "${email.subject}"`);
  return m[0];
}

export async function failNextSends(n: number, status: 429 | 500 | 503) {
  await fetch(`${base}/_fake/control`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ failNext: { n, status } }),
  });
}
