// Portal activity: the timeline staff read when a patient says "it doesn't work".
import type { ActivityEntry } from "@/db/queries/patient-activity";
import { describeActivity } from "@/lib/patients/activity-text";
import { formatDateTime } from "@/lib/patients/portal-status-text";

export function Activity({ entries }: { entries: ActivityEntry[] }) {
  return (
    <section className="activity" aria-labelledby="activity-title">
      <h2 id="activity-title">Portal activity</h2>
      {entries.length === 0 ? (
        <p>No portal activity yet.</p>
      ) : (
        <ol className="timeline">
          {entries.map((e, i) => {
            const text = describeActivity(e);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: a server-rendered, never reordered list; two events can share a time
              <li key={`${e.at.toISOString()}-${i}`}>
                <time dateTime={e.at.toISOString()}>{formatDateTime(e.at)}</time>
                <span className="what">{text.title}</span>
                {e.actor && <span className="who"> by {e.actor}</span>}
                {text.lines.length > 0 && (
                  <ul>
                    {text.lines.map((l) => (
                      <li key={l}>{l}</li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
