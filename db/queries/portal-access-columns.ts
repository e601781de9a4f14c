// The chart fields that decide portal access, selected under the names lib/patients/portal-status expects.
import { patients } from "../schema";

export const portalAccessColumns = {
  portalAccessEnabled: patients.portalAccessEnabled,
  email: patients.email,
  zip: patients.zip,
  chartStatus: patients.chartStatus,
};
