// Shown at the top of the portal to a patient with no second step (new accounts included) until they add one or
// say "Not now", which this browser remembers.
import { getTranslations } from "next-intl/server";
import { putOffSecondStepOffer } from "./second-step/actions";

export async function SecondStepOffer() {
  const t = await getTranslations("secondStep.offer");
  return (
    <section aria-labelledby="offer-title" className="notice offer">
      <h2 id="offer-title">{t("title")}</h2>
      <p>{t("text")}</p>
      <p>
        <a href="#second-step" className="button">
          {t("add")}
        </a>
      </p>
      <form action={putOffSecondStepOffer}>
        <button type="submit" className="button-secondary">
          {t("notNow")}
        </button>
      </form>
    </section>
  );
}
