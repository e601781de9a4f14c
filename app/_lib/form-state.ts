// The one shape every server action answers with, and every form reads (docs/security.md N1, R3).
// Kept apart from the wrapper so client components can import the type without server code.

export type FormState<F extends string = string, R = never> = {
  /** Per-field messages, keyed by the field's name (the input's id, so the error summary can link to it). */
  errors?: Partial<Record<F, string[]>>;
  /** A refusal that belongs to the form as a whole ("This record changed since you opened it..."). */
  error?: string;
  /** What happened, when it worked. */
  message?: string;
  /** The submitted non-secret values: React empties a form after every action, refused ones too. */
  values?: Partial<Record<F, string>>;
  /** What else this form shows about the outcome (a link's state, the duplicates found, the saved version). */
  result?: R;
};
