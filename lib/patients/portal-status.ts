// A patient's portal status for the rules in lib/: the status is stored by the database and its details are read
// off the row (db/portal-status.ts); whether a patient may use the portal today is the same list of reasons.
import { inactiveReasons, type PortalStatusRow } from "@/db/portal-status";

export {
  INACTIVE_REASONS,
  inactiveReasons,
  isBlank,
  PORTAL_STATUS_KINDS,
  type ChartStatus,
  type InactiveReason,
  type InvitationState,
  type PortalStatus,
  type PortalStatusKind,
} from "@/db/portal-status";

/** Whether the patient may use the portal today: the same rule as the Inactive icon. */
export const canAccessPortal = (p: Pick<PortalStatusRow, "portalAccessEnabled" | "email" | "zip" | "chartStatus">) =>
  inactiveReasons(p).length === 0;
