"use client";
// What anyone sees when something fails on our side (say, the database is restarting): a clear page, never a hang.
export function ErrorView({ reset, help }: { reset: () => void; help: string }) {
  return (
    <main id="main" className="narrow">
      <h1>Sorry, something went wrong on our side</h1>
      <p>Nothing you did caused this. Please try again in a minute.</p>
      <p>{help}</p>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </main>
  );
}
