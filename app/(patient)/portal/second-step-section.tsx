// The portal's "Add a second step to your sign-in": why it helps, the patient's own second steps (each with its
// name, when added and last used, and Remove), and the ways to add one. Links and plain pages: no JavaScript needed.
import type { listFactors } from "@/db/queries/second-factors";
import { factorDescription, factorTitle } from "@/lib/second-factor/factor-description";

type Factor = Awaited<ReturnType<typeof listFactors>>[number];

export function SecondStepSection({ factors, now }: { factors: Factor[]; now: Date }) {
  const hasEmail = factors.some((f) => f.kind === "email");
  return (
    <section aria-labelledby="second-step-title" id="second-step">
      <h2 id="second-step-title">Add a second step to your sign-in</h2>
      <p>
        Your portal holds your health information. A second step keeps it safe even if someone learns your password:
        after your password, we also ask for a code we email you, a code from an app on your phone, or a passkey. It is
        your choice; none is required.
      </p>
      {factors.length > 0 ? (
        <>
          <h3>Your second steps</h3>
          <ul className="factor-list">
            {factors.map((f) => (
              <li key={f.id}>
                {factorDescription(f, now)}.{" "}
                <a href={`/portal/second-step/remove?id=${f.id}`}>
                  Remove<span className="visually-hidden"> {factorTitle(f)}</span>
                </a>
              </li>
            ))}
          </ul>
          <h3>Add another</h3>
        </>
      ) : (
        <p>You have not added a second step yet. Choose one:</p>
      )}
      <ul>
        {!hasEmail && (
          <li>
            <a href="/portal/second-step/email">Get a code by email</a>: works without a smartphone.
          </li>
        )}
        <li>
          <a href="/portal/second-step/app">Use an authenticator app</a> on your phone.
        </li>
        <li>
          <a href="/portal/second-step/passkey">Add a passkey</a>: your fingerprint, face or PIN (needs JavaScript).
        </li>
      </ul>
    </section>
  );
}
