import { requireAdmin } from "@/lib/auth/dal";
import { getDb } from "@/db/client";
import { getReminderSettings } from "@/lib/settings/reminder-settings";
import { RemindersForm } from "./reminders-form";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireAdmin();
  const current = await getReminderSettings(await getDb());
  return (
    <main id="main" className="narrow-wide">
      <h1>Settings</h1>
      <h2>Invitation reminders</h2>
      <p>
        When this is on, patients who were invited but never set up their account get the invitation again after the
        number of days you choose, up to the number of times you choose. Patients who are Inactive are never reminded.
      </p>
      <RemindersForm current={current} />
    </main>
  );
}
