"use client";
// Posts a form to its route (app/_lib/form-route.ts) with fetch when the page has JavaScript, and keeps the
// server action as the form's own action for when it has not: the same fields, the same FormState back.
import { useRouter } from "next/navigation";
import { type FormEvent, useActionState, useState, useTransition } from "react";
import type { FormState } from "@/app/_lib/form-state";

export function useFormRoute<S extends FormState<string, unknown>>(opts: {
  /** Where the form posts with JavaScript, e.g. "/login/sign-in". */
  route: string;
  /** The server action the form posts to without JavaScript. */
  action: (prev: S, form: FormData) => Promise<S>;
  /** The form-level message when the answer never came (offline, cut off, refused as foreign or too large). */
  notSent: string;
  /** The page to load once the answer says so (the cookies it needs came with the answer). */
  next?: (state: S) => string | undefined;
  /** Fields emptied after a refusal, as a server action's answer empties every field it does not send back. */
  secret?: readonly string[];
}) {
  // The server action itself, not a function around it: only a server action makes a form that works without
  // JavaScript.
  const action = opts.action as (prev: Awaited<S>, form: FormData) => Promise<S>;
  const [posted, formAction, postedPending] = useActionState<S, FormData>(action, {} as Awaited<S>);
  const [answered, setAnswered] = useState<S | null>(null);
  const [sending, startSending] = useTransition();
  const router = useRouter();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const body = new URLSearchParams();
    // Not React's hidden fields for the server action: the route reads only the form's own fields.
    for (const [name, value] of new FormData(form))
      if (typeof value === "string" && !name.startsWith("$ACTION")) body.append(name, value);
    startSending(async () => {
      const answer = await send<S>(opts.route, body, opts.notSent);
      const next = opts.next?.(answer);
      if (next) {
        // Inside the transition: the form stays pending until the next page is on screen.
        router.push(next);
        return;
      }
      for (const name of opts.secret ?? []) {
        const input = form.elements.namedItem(name);
        if (input instanceof HTMLInputElement) input.value = "";
      }
      setAnswered(answer);
    });
  }

  return { state: answered ?? (posted as S), formAction, onSubmit, pending: sending || postedPending };
}

async function send<S>(route: string, body: URLSearchParams, notSent: string): Promise<S> {
  try {
    const res = await fetch(route, { method: "POST", body, headers: { Accept: "application/json" } });
    if (res.ok) return (await res.json()) as S;
  } catch {
    // Offline, or the answer was cut off: said like a refusal, and the fields keep what was typed.
  }
  return { error: notSent } as S;
}
