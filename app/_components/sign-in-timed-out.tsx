// Shown when a second-step page is opened without a live pending sign-in: it expired (5 minutes), was used, or
// never existed. It says the same in every case and offers the way back.
export function SignInTimedOut({ signInHref }: { signInHref: string }) {
  return (
    <>
      <h1>Please sign in again</h1>
      <p>
        For your safety, the second step of a sign-in must be finished within 5 minutes, and each sign-in can be
        finished once. Start again from the sign-in page.
      </p>
      <p>
        <a className="button" href={signInHref}>
          Go to sign-in
        </a>
      </p>
    </>
  );
}

export const SIGN_IN_TIMED_OUT =
  "Your sign-in took longer than 5 minutes or was already finished, so it was stopped to keep your account safe. Please sign in again.";
export const WRONG_CODE =
  "That code did not work. Check it and try again. Codes from an app change every 30 seconds; use the newest one.";
