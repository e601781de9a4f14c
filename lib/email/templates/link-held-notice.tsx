// Sent to the address on file before a recent change, when someone asked for a setup or reset link just after
// it: the link was held, and this is how the real patient hears of it. The new address is not shown.
import { translator } from "@/lib/i18n/translator";
import { EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function LinkHeldNoticeEmail({ practice, locale }: EmailProps<"link_held_notice">) {
  const t = translator(locale, "emails");
  return (
    <EmailLayout
      practice={practice}
      locale={locale}
      preview={t("link_held_notice.preview")}
      title={t("link_held_notice.title")}
      because={t("link_held_notice.because")}
    >
      <P>{t("link_held_notice.intro", { practice: practice.name })}</P>
      <P>{t.rich("link_held_notice.warning", { phone: practice.phone, strong: (c) => <strong>{c}</strong> })}</P>
    </EmailLayout>
  );
}

LinkHeldNoticeEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  locale: "en",
} satisfies EmailProps<"link_held_notice">;
