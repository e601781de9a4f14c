import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { VerificationForm } from "../_components/verification-form";
import { SentConfirmation } from "../_components/sent-confirmation";
import { requestSecondStepHelp } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("verification.secondStepHelp");
  return { title: t("title") };
}

export default async function SecondStepHelpPage() {
  const t = await getTranslations("verification");
  return (
    <main id="main" className="narrow">
      <h1>{t("secondStepHelp.title")}</h1>
      <p>{t("secondStepHelp.intro")}</p>
      <VerificationForm
        route="/second-step-help/send"
        action={requestSecondStepHelp}
        submitLabel={t("form.sendLink")}
        confirmation={<SentConfirmation what="secondStep" />}
      />
      <p>
        <Link href="/forgot-password">{t("secondStepHelp.forgotPasswordInstead")}</Link>
      </p>
      <p>
        <Link href="/login">{t("form.backToSignIn")}</Link>
      </p>
    </main>
  );
}
