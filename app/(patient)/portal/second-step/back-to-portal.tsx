// The way back from an "add a second step" page, for a patient who changes their mind.
export function BackToPortal() {
  return (
    <p>
      <a href="/portal">Back to your portal</a> (nothing is changed)
    </p>
  );
}
