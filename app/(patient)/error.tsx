"use client";
import { ErrorView } from "@/app/_components/error-view";

// Inside the patient layout, whose footer shows the practice's phone number.
export default function PatientErrorPage({ reset }: { error: Error; reset: () => void }) {
  return <ErrorView reset={reset} />;
}
