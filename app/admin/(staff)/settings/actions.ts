"use server";
import { revalidatePath } from "next/cache";
import { formAction } from "@/app/_lib/form-action";
import type { FormState } from "@/app/_lib/form-state";
import { getDb } from "@/db/client";
import { saveReminderSettings } from "@/lib/settings/reminder-settings";
import { reminderSettingsSchema } from "@/lib/validation/reminder-settings";

const remindersForm = formAction(
  {
    caller: "admin",
    fields: { enabled: "checkbox", afterDays: "text", maxReminders: "text" },
    schema: reminderSettingsSchema,
  },
  async (settings, { caller }) => {
    await saveReminderSettings(await getDb(), { settings, staffId: caller.id, now: new Date() });
    revalidatePath("/admin/settings");
    return {
      message: settings.enabled
        ? `Saved. Unactivated patients will be invited again ${settings.afterDays} days after their last invitation, at most ${settings.maxReminders} times.`
        : "Saved. Automatic reminders are off.",
    };
  },
);

export async function saveReminders(prev: SettingsState, form: FormData): Promise<SettingsState> {
  return remindersForm(prev, form);
}

export type SettingsState = FormState<"enabled" | "afterDays" | "maxReminders">;
