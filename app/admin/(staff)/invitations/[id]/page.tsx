import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStaff } from "@/lib/auth/dal";
import { getDb } from "@/db/client";
import { getBulkProgress } from "@/db/queries/bulk-invitations";
import { formatDateTime } from "@/lib/patients/portal-status-text";
import { RefreshWhileBusy } from "./refresh-while-busy";

export const metadata = { title: "Invitations progress" };

export default async function BulkProgressPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff();
  const progress = await getBulkProgress(await getDb(), (await params).id);
  if (!progress) notFound();
  const total = progress.waiting + progress.sent + progress.failed + progress.held;
  return (
    <main id="main" className="narrow-wide">
      <h1>Invitations</h1>
      <p>
        Started {formatDateTime(progress.createdAt)}
        {progress.by ? ` by ${progress.by}` : ""}. {progress.queued} queued, {progress.skipped} skipped.
      </p>
      <label htmlFor="bulk-progress">
        Sent {progress.sent} of {total}
      </label>
      <progress id="bulk-progress" max={Math.max(total, 1)} value={progress.sent + progress.failed + progress.held} />
      <dl className="facts" aria-live="polite">
        <dt>Waiting to send</dt>
        <dd>{progress.waiting}</dd>
        <dt>Sent</dt>
        <dd>{progress.sent}</dd>
        <dt>Failed</dt>
        <dd>{progress.failed}</dd>
        <dt>Not sent (too many emails to that address)</dt>
        <dd>{progress.held}</dd>
      </dl>
      <p role="status">{progress.done ? "All done." : "Sending… this page updates by itself."}</p>
      {!progress.done && <RefreshWhileBusy seconds={3} />}
      <p>
        <Link href="/admin?status=unactivated">Back to Unactivated patients</Link>
      </p>
    </main>
  );
}
