// "Preferred language" on Basic Data and Add patient: the language of the invitations and notices the practice
// sends this patient. A list, so staff cannot type a language we do not write in.
import { type Locale, LOCALES } from "@/lib/i18n/locales";

const NAME: Record<Locale, string> = { en: "English", es: "Spanish" };

export function PreferredLanguageField({ defaultValue, errors }: { defaultValue?: string; errors?: string[] }) {
  const invalid = !!errors?.length;
  return (
    <div className={invalid ? "field field-invalid" : "field"}>
      <label htmlFor="preferredLanguage">Preferred language</label>
      <p className="hint" id="preferredLanguage-hint">
        Invitations and notices from the practice are sent in this language.
      </p>
      {invalid ? (
        <p className="field-error" id="preferredLanguage-error">
          <span className="visually-hidden">Error: </span>
          {errors[0]}
        </p>
      ) : null}
      <select
        id="preferredLanguage"
        name="preferredLanguage"
        defaultValue={defaultValue || "en"}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? "preferredLanguage-hint preferredLanguage-error" : "preferredLanguage-hint"}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {NAME[l]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** How staff pages name a stored language. */
export const preferredLanguageName = (l: string) => NAME[l as Locale] ?? l;
