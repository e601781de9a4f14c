import type { FormState } from "@/app/_lib/form-state";

/** The sign-in form's answer: what was wrong, or the page to go on to (the cookies for it are set). */
export type PatientSignInState = FormState<"username" | "password", { next: "/portal" | "/login/second-step" }>;
