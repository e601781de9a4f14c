"use client";
import { useActionState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { Field } from "@/app/_components/field";
import { saveReminders, type SettingsState } from "./actions";
import type { ReminderSettings } from "@/lib/settings/reminder-settings";

export function RemindersForm({ current }: { current: ReminderSettings }) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(saveReminders, {});
  // What was typed stays on screen after a refused save (React resets uncontrolled inputs after an action).
  const v = state.values ?? {
    enabled: current.enabled ? "on" : undefined,
    afterDays: String(current.afterDays),
    maxReminders: String(current.maxReminders),
  };
  return (
    <form action={action} noValidate key={JSON.stringify(v)}>
      {state.message && !state.errors ? (
        <p className="notice" role="status">
          {state.message}
        </p>
      ) : (
        <ErrorSummary
          errors={state.errors}
          message={state.error}
          labels={{ afterDays: "Days before a reminder", maxReminders: "Most reminders per patient" }}
        />
      )}
      <div className="checkbox">
        <input type="checkbox" id="enabled" name="enabled" defaultChecked={v.enabled === "on"} />
        <label htmlFor="enabled">Send automatic reminders to Unactivated patients</label>
      </div>
      <Field
        name="afterDays"
        label="Days before a reminder"
        type="number"
        hint="Days since the last invitation."
        defaultValue={v.afterDays}
        errors={state.errors?.afterDays}
      />
      <Field
        name="maxReminders"
        label="Most reminders per patient"
        type="number"
        defaultValue={v.maxReminders}
        errors={state.errors?.maxReminders}
      />
      <button type="submit" className="button" disabled={pending}>
        Save
      </button>
    </form>
  );
}
