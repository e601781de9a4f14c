"use client";
import { ErrorView } from "./_components/error-view";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return <ErrorView reset={reset} help="If it keeps happening, call the practice and we will help you." />;
}
