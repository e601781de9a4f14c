"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-reads the server page every few seconds while a job is still running. */
export function RefreshWhileBusy({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), seconds * 1000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return null;
}
