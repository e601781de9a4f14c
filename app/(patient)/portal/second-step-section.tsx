// The portal's "Add a second step to your sign-in": why it helps, the patient's own second steps (each with its
// name, when added and last used, and Remove), and the ways to add one. Links and plain pages: no JavaScript needed.
import { getLocale, getTranslations } from "next-intl/server";
import type { listFactors } from "@/db/queries/second-factors";
import { factorDescription, factorTitle } from "@/lib/second-factor/factor-description";

type Factor = Awaited<ReturnType<typeof listFactors>>[number];

export async function SecondStepSection({ factors, now }: { factors: Factor[]; now: Date }) {
  const [t, locale] = await Promise.all([getTranslations("secondStep.section"), getLocale()]);
  const hasEmail = factors.some((f) => f.kind === "email");
  const link = (href: string) => (c: React.ReactNode) => <a href={href}>{c}</a>;
  return (
    <section aria-labelledby="second-step-title" id="second-step">
      <h2 id="second-step-title">{t("title")}</h2>
      <p>{t("intro")}</p>
      {factors.length > 0 ? (
        <>
          <h3>{t("yours")}</h3>
          <ul className="factor-list">
            {factors.map((f) => (
              <li key={f.id}>
                {factorDescription(f, now, locale)}.{" "}
                <a href={`/portal/second-step/remove?id=${f.id}`}>
                  {t.rich("remove", {
                    title: factorTitle(f, locale, "inSentence"),
                    hidden: (c) => <span className="visually-hidden">{c}</span>,
                  })}
                </a>
              </li>
            ))}
          </ul>
          <h3>{t("addAnother")}</h3>
        </>
      ) : (
        <p>{t("noneYet")}</p>
      )}
      <ul>
        {!hasEmail && <li>{t.rich("email", { link: link("/portal/second-step/email") })}</li>}
        <li>{t.rich("app", { link: link("/portal/second-step/app") })}</li>
        <li>{t.rich("passkey", { link: link("/portal/second-step/passkey") })}</li>
      </ul>
    </section>
  );
}
