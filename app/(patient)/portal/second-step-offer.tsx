// Shown at the top of the portal to a patient with no second step (new accounts included) until they add one or
// say "Not now", which this browser remembers.
import { putOffSecondStepOffer } from "./second-step/actions";

export function SecondStepOffer() {
  return (
    <section aria-labelledby="offer-title" className="notice offer">
      <h2 id="offer-title">Keep your health information safe</h2>
      <p>
        Add a second step to your sign-in, so that your password alone is not enough to see your information. It takes
        about a minute.
      </p>
      <p>
        <a href="#second-step" className="button">
          Add a second step to your sign-in
        </a>
      </p>
      <form action={putOffSecondStepOffer}>
        <button type="submit" className="button-secondary">
          Not now
        </button>
      </form>
    </section>
  );
}
