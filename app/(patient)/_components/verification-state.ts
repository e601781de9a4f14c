import type { VerificationField, VerificationValues } from "@/lib/validation/verification-form";

export type VerificationState = {
  submitted?: boolean;
  errors?: Partial<Record<VerificationField, string[]>>;
  message?: string;
  values?: VerificationValues;
};
