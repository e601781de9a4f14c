import { translator } from "@/lib/i18n/translator";
import { EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

const WHO = { owner: "byOwner", recovery: "byRecovery", staff: "byStaff" } as const;

export default function SecondStepRemovedEmail({
  practice,
  locale,
  by,
  what,
  removedAt,
}: EmailProps<"second_step_removed">) {
  const t = translator(locale, "emails");
  return (
    <EmailLayout
      practice={practice}
      locale={locale}
      preview={t("second_step_removed.preview")}
      title={t("second_step_removed.title")}
      because={t("second_step_removed.because")}
    >
      <P>{t(`second_step_removed.${WHO[by]}`, { what })}</P>
      <P>{t("second_step_removed.when", { when: removedAt })}</P>
      <P>{t("second_step_removed.ok")}</P>
      <P>{t.rich("second_step_removed.warning", { phone: practice.phone, strong: (c) => <strong>{c}</strong> })}</P>
    </EmailLayout>
  );
}

SecondStepRemovedEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  locale: "en",
  by: "staff",
  what: "every second step (authenticator app)",
  removedAt: "March 3, 2026 at 2:15 PM Eastern Time",
} satisfies EmailProps<"second_step_removed">;
