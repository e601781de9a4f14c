// The three portal status icons. Each differs in shape as well as colour and carries an accessible name.
import type { PortalStatus, PortalStatusKind } from "@/lib/patients/portal-status";
import { STATUS_LABEL, STATUS_MEANING, statusDetails } from "@/lib/patients/portal-status-text";

function Glyph({ kind }: { kind: PortalStatusKind }) {
  const envelope = (
    <path
      d="M3 6.5h18v11H3z M3 6.5l9 6.5 9-6.5"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinejoin="round"
    />
  );
  if (kind === "inactive") {
    // Envelope struck through: no portal access.
    return (
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        {envelope}
        <path d="M2 21 22 3" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
      </svg>
    );
  }
  if (kind === "unactivated") {
    // Open, dashed envelope: can access, never has.
    return (
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M3 6.5h18v11H3z" fill="none" stroke="currentColor" strokeWidth="1.8" strokeDasharray="3 2" />
        <path d="M3 6.5l9 6.5 9-6.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
      </svg>
    );
  }
  // Secure message: envelope with a padlock.
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M2 5h16v10H2z M2 5l8 6 8-6" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
      <rect x="14" y="14" width="8" height="7" rx="1" fill="currentColor" />
      <path d="M15.5 14v-1.5a2.5 2.5 0 0 1 5 0V14" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

export function StatusIcon({ status, showLabel = true }: { status: PortalStatus; showLabel?: boolean }) {
  const details = statusDetails(status);
  const label = STATUS_LABEL[status.kind];
  const tooltip = [`${label}: ${STATUS_MEANING[status.kind]}`, ...details].join("\n");
  return (
    <span className={`status status-${status.kind}`} title={tooltip}>
      <span className="status-icon" role="img" aria-label={`Portal status: ${label}. ${details.join(". ")}`}>
        <Glyph kind={status.kind} />
      </span>
      {showLabel && (
        <span className="status-label" aria-hidden="true">
          {label}
        </span>
      )}
    </span>
  );
}

export function StatusLegend() {
  return (
    <section className="legend" aria-labelledby="legend-title">
      <h2 id="legend-title">What the portal icons mean</h2>
      <dl>
        {(["inactive", "unactivated", "active"] as const).map((kind) => (
          <div key={kind} className={`legend-row status-${kind}`}>
            <dt>
              <span className="status-icon">
                <Glyph kind={kind} />
              </span>
              {kind === "active" ? "Active (secure message icon)" : STATUS_LABEL[kind]}
            </dt>
            <dd>{STATUS_MEANING[kind]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
