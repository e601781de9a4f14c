"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/dal";
import { reminderSettingsSchema, saveReminderSettings } from "@/lib/settings/reminder-settings";

export type SettingsState = {
  errors?: Partial<Record<"afterDays" | "maxReminders", string[]>>;
  message?: string;
  values?: { enabled: boolean; afterDays: string; maxReminders: string };
};

export async function saveReminders(_prev: SettingsState, form: FormData): Promise<SettingsState> {
  const staff = await requireAdmin();
  const values = {
    enabled: form.get("enabled") === "on",
    afterDays: String(form.get("afterDays") ?? "").slice(0, 10),
    maxReminders: String(form.get("maxReminders") ?? "").slice(0, 10),
  };
  const parsed = reminderSettingsSchema.safeParse(values);
  if (!parsed.success) return { errors: z.flattenError(parsed.error).fieldErrors as SettingsState["errors"], values };
  await saveReminderSettings(await getDb(), { settings: parsed.data, staffId: staff.id, now: new Date() });
  revalidatePath("/admin/settings");
  return {
    message: parsed.data.enabled
      ? `Saved. Unactivated patients will be invited again ${parsed.data.afterDays} days after their last invitation, at most ${parsed.data.maxReminders} times.`
      : "Saved. Automatic reminders are off.",
  };
}
