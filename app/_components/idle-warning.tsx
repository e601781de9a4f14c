"use client";
// Warns a minute before the server ends an idle session, with "Stay signed in". The server enforces the limit;
// this only makes sure nobody loses their place without notice.
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";

export function IdleWarning({
  idleSeconds,
  warnSeconds,
  endSession,
}: {
  idleSeconds: number;
  warnSeconds: number;
  endSession: () => Promise<void>;
}) {
  const t = useTranslations("portal.idle");
  const pathname = usePathname();
  const dialog = useRef<HTMLDialogElement>(null);
  const [deadline, setDeadline] = useState(() => Date.now() + idleSeconds * 1000);
  const [left, setLeft] = useState(idleSeconds);

  // Every navigation is a request, and every request restarts the server's idle clock.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the pathname is the trigger, not an input
  useEffect(() => setDeadline(Date.now() + idleSeconds * 1000), [pathname, idleSeconds]);

  useEffect(() => {
    const tick = () => {
      const seconds = Math.ceil((deadline - Date.now()) / 1000);
      setLeft(seconds);
      if (seconds <= 0) {
        clearInterval(timer);
        void endSession();
      } else if (seconds <= warnSeconds && !dialog.current?.open) {
        dialog.current?.showModal();
      }
    };
    const timer = setInterval(tick, 1000);
    tick();
    return () => clearInterval(timer);
  }, [deadline, warnSeconds, endSession]);

  const stay = useCallback(async () => {
    // Reading the session refreshes its cookie, which is what "activity" means to the server.
    const res = await fetch("/api/auth/session", { cache: "no-store" });
    const session = res.ok ? await res.json() : null;
    dialog.current?.close();
    if (session?.user) setDeadline(Date.now() + idleSeconds * 1000);
    else void endSession();
  }, [idleSeconds, endSession]);

  return (
    <dialog
      ref={dialog}
      className="idle-dialog"
      aria-labelledby="idle-title"
      aria-describedby="idle-text"
      onCancel={(e) => {
        e.preventDefault();
        void stay();
      }}
    >
      <h2 id="idle-title">{t("title")}</h2>
      <p id="idle-text">{t.rich("text", { seconds: Math.max(left, 0), strong: (c) => <strong>{c}</strong> })}</p>
      <button
        type="button"
        className="button"
        onClick={stay}
        // biome-ignore lint/a11y/noAutofocus: a modal dialog must move focus into itself
        autoFocus
      >
        {t("stay")}
      </button>
    </dialog>
  );
}
