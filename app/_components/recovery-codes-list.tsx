// Recovery codes are shown once: as a list to copy or print, and as a text file to download (a data: link, so
// it works without JavaScript and nothing is stored on the server).
export function RecoveryCodesList({ codes, practiceName }: { codes: string[]; practiceName: string }) {
  const file = `Recovery codes for ${practiceName} staff sign-in\nEach code works once.\n\n${codes.join("\n")}\n`;
  return (
    <section aria-labelledby="recovery-codes-title" className="recovery-codes">
      <h2 id="recovery-codes-title">Your recovery codes</h2>
      <p>
        If you lose your phone or passkey, each of these codes lets you sign in once. Save them somewhere safe now, away
        from your phone: <strong>they are shown only this once.</strong>
      </p>
      <ul className="code-list">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p>
        <a
          className="button-secondary"
          download="recovery-codes.txt"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(file)}`}
        >
          Download the codes
        </a>{" "}
        or print this page.
      </p>
    </section>
  );
}
