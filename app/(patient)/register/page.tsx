import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { VerificationForm } from "../_components/verification-form";
import { SentConfirmation } from "../_components/sent-confirmation";
import { requestAccountSetup } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("verification.register");
  return { title: t("title") };
}

export default async function RegisterPage() {
  const t = await getTranslations("verification");
  return (
    <main id="main" className="narrow">
      <h1>{t("register.title")}</h1>
      <p>{t("register.intro")}</p>
      <VerificationForm
        route="/register/send"
        action={requestAccountSetup}
        submitLabel={t("form.sendLink")}
        confirmation={<SentConfirmation what="setup" />}
      />
      <p>{t.rich("register.haveAccount", { link: (words) => <Link href="/login">{words}</Link> })}</p>
    </main>
  );
}
