// The six-digit code a patient asked for at sign-in (or to turn emailed codes on). It names no one and shows
// nothing from the chart (docs/security.md M7): whoever reads the inbox learns only that a code was asked for.
import type { ReactNode } from "react";
import { translator } from "@/lib/i18n/translator";
import { EmailLayout, Highlight, P, PREVIEW_PRACTICE } from "./layout";
import type { EmailProps } from "../render-email";

export default function SignInCodeEmail({ practice, locale, code, validFor, purpose }: EmailProps<"sign_in_code">) {
  const t = translator(locale, "emails");
  const adding = purpose === "add_factor";
  const strong = (c: ReactNode) => <strong>{c}</strong>;
  return (
    <EmailLayout
      practice={practice}
      locale={locale}
      preview={t("sign_in_code.preview", { validFor })}
      title={adding ? t("sign_in_code.titleAdd") : t("sign_in_code.titleSignIn")}
      because={adding ? t("sign_in_code.becauseAdd") : t("sign_in_code.becauseSignIn")}
    >
      <P>{adding ? t("sign_in_code.enterAdd") : t("sign_in_code.enterSignIn")}</P>
      <Highlight>{code}</Highlight>
      <P>{t("sign_in_code.validFor", { validFor })}</P>
      <P>
        {adding
          ? t.rich("sign_in_code.warningAdd", { phone: practice.phone, strong })
          : t.rich("sign_in_code.warningSignIn", { phone: practice.phone, strong })}
      </P>
    </EmailLayout>
  );
}

SignInCodeEmail.PreviewProps = {
  practice: PREVIEW_PRACTICE,
  locale: "en",
  code: "402 917",
  validFor: "10 minutes",
  purpose: "sign_in",
} satisfies EmailProps<"sign_in_code">;
