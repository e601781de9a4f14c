// The one wrapper every server action goes through: who may call it, how its FormData is read, the zod schema
// it is checked against, and the FormState it answers with. An action is a public endpoint (docs/security.md
// N1): the caller is checked here, through the data-access layer, before a single field is read.
import "server-only";
import { headers } from "next/headers";
import { type ZodType, z } from "zod";
import { type CurrentPatient, type CurrentStaff, requireAdmin, requirePatient, requireStaff } from "@/lib/auth/dal";
import { clientIpFrom, ipHash } from "@/lib/http/client-ip";
import { localizeErrors } from "@/lib/i18n/localize-message";
import { requestLocale } from "@/lib/i18n/request-locale";
import type { FormState } from "./form-state";

/**
 * Who may call an action. "public": anyone (sign-in, the verification forms, links guarded by their token,
 * ending one's own session); "patient": a signed-in patient; "staff": any signed-in staff member; "admin":
 * admins only. Whoever may not is redirected by the data-access layer before anything is read.
 */
export type Caller = "public" | "patient" | "staff" | "admin";
type CallerOf<C extends Caller> = C extends "public" ? null : C extends "patient" ? CurrentPatient : CurrentStaff;

/**
 * How a field is read: "text" (a string, sent back on refusal), "secret" (a string never sent back: passwords,
 * tokens), "checkbox" (true when ticked, sent back as "on"), "list" (every value of a repeated field).
 */
export type FieldKind = "text" | "secret" | "checkbox" | "list";

export type ActionContext<C extends Caller, F extends string> = {
  caller: CallerOf<C>;
  /** The submitted non-secret values, as typed. */
  values: Partial<Record<F, string>>;
  /** The caller's address, as the keyed hash rate limits use. */
  ipHash: () => Promise<string>;
};

export type FormActionSpec<C extends Caller, F extends string, E extends string, S extends ZodType> = {
  caller: C;
  fields: Record<F, FieldKind>;
  /** Checks the fields as read; absent for actions that take no input. */
  schema?: S;
  /** Keys the schema reports errors under that are not fields of their own (a date typed in three boxes). */
  errorKeys?: readonly E[];
  /** Fields the user never types (ids, versions): a bad one means the page is out of date, said once for all. */
  hidden?: readonly NoInfer<F>[];
  /** What to say when a hidden field is bad. */
  staleMessage?: string;
  /** How many characters of each text field come back (default 1,000): enough to show what was typed. */
  echoLimit?: Partial<Record<NoInfer<F>, number>>;
};

export const STALE_FORM = "This form is out of date. Reload the page and try again.";
const ECHO_LIMIT = 1_000;

/**
 * Wraps an action's work. The returned function is what the action file exports (as a function of its own,
 * so the build sees its parameters). A refused answer (with `errors` or `error`) carries the submitted values
 * back unless the work chose others.
 */
export function formAction<
  C extends Caller,
  F extends string,
  E extends string = never,
  S extends ZodType = ZodType,
  R = never,
>(
  spec: FormActionSpec<C, F, E, S>,
  work: (input: z.output<S>, context: ActionContext<C, NoInfer<F>>) => Promise<FormState<NoInfer<F | E>, R>>,
): (prev?: FormState<F | E, R>, form?: FormData) => Promise<FormState<F | E, R>> {
  return async (_prev, form): Promise<FormState<F | E, R>> => {
    // A public form (the verification forms, under the heaviest load) has no session to look up: no await.
    const caller = (spec.caller === "public" ? null : await authorize(spec.caller)) as CallerOf<C>;
    const read = readForm(form, spec.fields, spec.echoLimit);
    const { input } = read;
    const values = read.values as Partial<Record<F | E, string>>;
    const context: ActionContext<C, F> = { caller, values: read.values, ipHash: callerIpHash };
    let data = input as z.output<S>;
    if (spec.schema) {
      const parsed = spec.schema.safeParse(input);
      if (!parsed.success) {
        const errors = z.flattenError(parsed.error).fieldErrors as unknown as Partial<Record<F | E, string[]>>;
        const hidden = (spec.hidden ?? []).filter((f) => errors[f]?.length);
        if (hidden.length) return { error: spec.staleMessage ?? STALE_FORM, values };
        return { errors: localizeErrors(errors, await requestLocale()), values };
      }
      data = parsed.data;
    }
    const state = await work(data, context);
    const refused = !!state.error || Object.keys(state.errors ?? {}).length > 0;
    return refused && !state.values ? { ...state, values } : state;
  };
}

async function authorize(caller: Exclude<Caller, "public">): Promise<CurrentStaff | CurrentPatient> {
  switch (caller) {
    case "patient":
      return requirePatient();
    case "staff":
      return requireStaff();
    case "admin":
      return requireAdmin();
  }
}

async function callerIpHash(): Promise<string> {
  return ipHash(clientIpFrom(await headers()));
}

/** Reads every declared field one way; anything else in the body is ignored, and a file reads as blank. */
export function readForm<F extends string>(
  form: unknown,
  fields: Record<F, FieldKind>,
  echoLimit: Partial<Record<F, number>> = {},
): { input: Record<F, string | boolean | string[]>; values: Partial<Record<F, string>> } {
  // A hand-made call can send anything as the second argument: it reads as an empty form.
  const body = form instanceof FormData ? form : new FormData();
  const input = {} as Record<F, string | boolean | string[]>;
  const values: Partial<Record<F, string>> = {};
  for (const [name, kind] of Object.entries(fields) as [F, FieldKind][]) {
    if (kind === "list") {
      input[name] = body.getAll(name).filter((v): v is string => typeof v === "string");
    } else if (kind === "checkbox") {
      input[name] = body.get(name) === "on";
      if (input[name]) values[name] = "on";
    } else {
      const v = body.get(name);
      input[name] = typeof v === "string" ? v : "";
      if (kind === "text" && typeof v === "string") values[name] = cut(v, echoLimit[name] ?? ECHO_LIMIT);
    }
  }
  return { input, values };
}

// Cut by code points so an emoji is never split into a lone surrogate; a huge paste is sliced first.
function cut(s: string, limit: number): string {
  return s.length <= limit
    ? s
    : Array.from(s.slice(0, limit * 2))
        .slice(0, limit)
        .join("");
}
