import { translator } from "@/lib/i18n/translator";
import { ActionLink, EmailLayout, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function NoAccountYetEmail({ practice, locale, setupLink, validFor }: EmailProps<"no_account_yet">) {
  const t = translator(locale, "emails");
  return (
    <EmailLayout
      practice={practice}
      locale={locale}
      preview={t("no_account_yet.preview")}
      title={t("no_account_yet.title")}
      because={t("no_account_yet.because")}
    >
      <P>{t("no_account_yet.intro")}</P>
      <P>{t("no_account_yet.createNow", { validFor })}</P>
      <ActionLink href={setupLink} label={t("no_account_yet.button")} locale={locale} />
      <P>{t("no_account_yet.ignore")}</P>
    </EmailLayout>
  );
}

NoAccountYetEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  locale: "en",
  setupLink: "https://portal.example.com/account/setup?token=preview",
  validFor: "24 hours",
} satisfies EmailProps<"no_account_yet">;
