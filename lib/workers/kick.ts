// Wakes this process's worker loop (if it runs one) without importing it: actions stay light.
export function kickWorkers() {
  const kick = (globalThis as Record<string, unknown>).__patientPortalWorkerKick;
  if (typeof kick === "function") kick();
}
