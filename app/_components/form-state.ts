// The shape every form action returns: per-field errors, a message, and the non-secret values to refill.
import { z } from "zod";

export type FormState<F extends string = string> = {
  errors?: Partial<Record<F, string[]>>;
  message?: string;
  values?: Partial<Record<F, string>>;
};

export function fieldErrors<F extends string>(error: z.ZodError): Partial<Record<F, string[]>> {
  return z.flattenError(error).fieldErrors as Partial<Record<F, string[]>>;
}
