// The Settings page's automatic invitation reminders: on or off, after how many days, how many times.
import { z } from "zod";

export const reminderSettingsSchema = z.object({
  enabled: z.boolean(),
  afterDays: z.coerce
    .number({ error: "Enter a number of days" })
    .int("Enter a whole number of days")
    .min(1, "At least 1 day")
    .max(60, "At most 60 days"),
  maxReminders: z.coerce
    .number({ error: "Enter a number" })
    .int("Enter a whole number")
    .min(1, "At least 1")
    .max(10, "At most 10"),
});
