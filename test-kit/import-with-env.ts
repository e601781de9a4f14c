// lib/config reads the environment once per module instance. A test that changes the environment sets it here
// and imports the modules it checks afresh, so they read the new values; modules imported at the top of the file
// keep the environment the test run started with. Undo with vi.unstubAllEnvs().
import { vi } from "vitest";

export async function importWithEnv<T>(env: Record<string, string | undefined>, load: () => Promise<T>): Promise<T> {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules();
  return load();
}
