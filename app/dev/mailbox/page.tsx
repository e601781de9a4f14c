import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getDb } from "@/db/client";
import { listMailbox } from "@/db/queries/mailbox";
import { mailboxEnabled } from "@/lib/email/mailbox-enabled";
import { isLoopbackClient } from "@/lib/http/loopback-client";
import { demoAuthenticatorCodes } from "@/lib/second-factor/demo-authenticators";
import { formatDateTime } from "@/lib/patients/portal-status-text";

export const metadata = { title: "Development mailbox" };

export default async function MailboxPage() {
  await connection();
  // Live setup and reset links: for this machine only (lib/http/loopback-client.ts).
  if (!mailboxEnabled() || !isLoopbackClient(await headers())) notFound();
  const rows = await listMailbox(await getDb());
  return (
    <main id="main">
      <h1>Development mailbox</h1>
      <p>Emails the portal would have sent. Without RESEND_API_KEY nothing leaves this machine. Newest first.</p>
      <section aria-labelledby="demo-codes-title">
        <h2 id="demo-codes-title">Demo staff authenticator codes</h2>
        <p>
          The demo staff have an authenticator app set up. These are the codes their apps show now (each changes every
          30 seconds; reload for the next one).
        </p>
        <ul>
          {demoAuthenticatorCodes().map((d) => (
            <li key={d.email}>
              {d.name} ({d.email}): <code>{d.code}</code>, for {d.secondsLeft} more seconds
            </li>
          ))}
        </ul>
      </section>
      <h2>Emails</h2>
      {rows.length === 0 ? (
        <p className="empty">No emails yet. Try &ldquo;Create my Patient Portal account&rdquo; on the sign-in page.</p>
      ) : (
        <table className="patients">
          <thead>
            <tr>
              <th scope="col">To</th>
              <th scope="col">Email</th>
              <th scope="col">Status</th>
              <th scope="col">Queued</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td data-label="To" className="email">
                  {r.recipient}
                </td>
                <td data-label="Email">
                  {r.status === "held" ? (
                    r.template
                  ) : (
                    <a href={`/dev/mailbox/${r.id}`}>{r.template.replaceAll("_", " ")}</a>
                  )}
                </td>
                <td data-label="Status">
                  {r.status}
                  {r.lastError ? `: ${r.lastError}` : ""}
                </td>
                <td data-label="Queued">{formatDateTime(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
