"use client";
// Shown when something fails on our side (for example the database is restarting): a clear page, never a hang.
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main id="main" className="narrow">
      <h1>Sorry, something went wrong on our side</h1>
      <p>Nothing you did caused this. Please try again in a minute.</p>
      <p>If it keeps happening, call the practice at the number below and we will help you.</p>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </main>
  );
}
