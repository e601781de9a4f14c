// The seed's core rule: a patient's portal status (Inactive / Unactivated / Active) and what staff need next.
// db/queries/portal-status-sql.ts computes the same in SQL for lists; a test keeps the two in agreement.

export const INACTIVE_REASONS = ["access_disabled", "no_email", "no_zip", "chart_inactive", "chart_deceased"] as const;
export type InactiveReason = (typeof INACTIVE_REASONS)[number];
export type ChartStatus = "active" | "inactive" | "deceased";

export type InvitationState =
  | { state: "not_invited" }
  | { state: "invited"; invitedAt: Date; validUntil: Date }
  | { state: "invitation_expired"; invitedAt: Date }
  | { state: "account_created"; createdAt: Date };

export type PortalStatus =
  | { kind: "inactive"; reasons: InactiveReason[] }
  | { kind: "unactivated"; invitation: InvitationState }
  | { kind: "active"; activatedAt: Date; lastSignInAt: Date | null };

export type PortalStatusKind = PortalStatus["kind"];
export const PORTAL_STATUS_KINDS: readonly PortalStatusKind[] = ["inactive", "unactivated", "active"];

export type PortalStatusInput = {
  portalAccessEnabled: boolean;
  email: string | null;
  zip: string | null;
  chartStatus: ChartStatus;
  account: { createdAt: Date; activatedAt: Date | null; lastLoginAt: Date | null } | null;
  /** The newest setup link sent to the patient, by staff or by self-service. */
  latestSetupLink: { createdAt: Date; expiresAt: Date; usedAt: Date | null; revokedAt: Date | null } | null;
  now: Date;
};

// Only ASCII whitespace, so that SQL's [[:space:]] and this agree exactly.
const BLANK = /^[ \t\n\r\f\v]*$/;
export const isBlank = (value: string | null | undefined) => value == null || BLANK.test(value);

export function inactiveReasons(p: Pick<PortalStatusInput, "portalAccessEnabled" | "email" | "zip" | "chartStatus">) {
  const reasons: InactiveReason[] = [];
  if (!p.portalAccessEnabled) reasons.push("access_disabled");
  if (isBlank(p.email)) reasons.push("no_email");
  if (isBlank(p.zip)) reasons.push("no_zip");
  if (p.chartStatus === "inactive") reasons.push("chart_inactive");
  if (p.chartStatus === "deceased") reasons.push("chart_deceased");
  return reasons;
}

export function computePortalStatus(p: PortalStatusInput): PortalStatus {
  const reasons = inactiveReasons(p);
  // Access switched off wins over a past activation: the patient cannot get in today.
  if (reasons.length > 0) return { kind: "inactive", reasons };
  if (p.account?.activatedAt) {
    return { kind: "active", activatedAt: p.account.activatedAt, lastSignInAt: p.account.lastLoginAt };
  }
  return { kind: "unactivated", invitation: invitationState(p) };
}

function invitationState(p: PortalStatusInput): InvitationState {
  if (p.account) return { state: "account_created", createdAt: p.account.createdAt };
  const link = p.latestSetupLink;
  if (!link) return { state: "not_invited" };
  const usable = !link.usedAt && !link.revokedAt && link.expiresAt.getTime() > p.now.getTime();
  return usable
    ? { state: "invited", invitedAt: link.createdAt, validUntil: link.expiresAt }
    : { state: "invitation_expired", invitedAt: link.createdAt };
}

/** Whether the patient may use the portal today: the same rule as the Inactive icon. */
export const canAccessPortal = (p: Pick<PortalStatusInput, "portalAccessEnabled" | "email" | "zip" | "chartStatus">) =>
  inactiveReasons(p).length === 0;
