// One field for a one-time code (not six boxes): the phone offers the code it just received, and screen readers
// hear one labelled input with its hint and error.
import { Field } from "./field";

export function CodeField({
  name = "code",
  label,
  hint,
  errors,
  numeric = true,
}: {
  name?: string;
  label: string;
  hint?: string;
  errors?: string[];
  numeric?: boolean;
}) {
  return (
    <Field
      name={name}
      label={label}
      hint={hint}
      errors={errors}
      autoComplete="one-time-code"
      inputMode={numeric ? "numeric" : "text"}
    />
  );
}
