// Runs server actions in vitest against a real database: the test file mocks Next's request APIs and the
// data-access layer (vi.mock is hoisted, so each file declares its mocks and points them here), and the
// helpers below say who is calling and build FormData as the browser sends it.
import type { CurrentPatient, CurrentStaff } from "@/lib/auth/dal";
import type { Db } from "@/db/client";

type Caller = { staff?: CurrentStaff; patient?: CurrentPatient };

type Harness = {
  db: Db | null;
  caller: Caller;
  redirects: string[];
  cookies: Map<string, string>;
  /** Headers the request carries beside its address (Accept-Language, a Cookie header): none unless set. */
  requestHeaders: Record<string, string>;
};

/**
 * What the mocks read: the test's database and who is signed in; and what they were told: the redirects, and the
 * cookies set (a deleted one is set to ""). Kept on globalThis so that actions imported afresh (importWithEnv,
 * after vi.resetModules) read the same one.
 */
export const harness: Harness = ((globalThis as { __actionHarness?: Harness }).__actionHarness ??= {
  db: null,
  caller: {},
  redirects: [],
  cookies: new Map(),
  requestHeaders: {},
});

/** Thrown by the mocked redirect(), as Next's own is: code after a redirect never runs. */
export class Redirected extends Error {
  constructor(readonly to: string) {
    super(`redirected to ${to}`);
  }
}

export const mockDal = () => ({
  requireStaff: async () => {
    if (!harness.caller.staff) throw new Redirected("/admin/login");
    return harness.caller.staff;
  },
  requireAdmin: async () => {
    if (!harness.caller.staff) throw new Redirected("/admin/login");
    if (harness.caller.staff.role !== "admin") throw new Redirected("/admin?denied=admin");
    return harness.caller.staff;
  },
  requirePatient: async () => {
    if (!harness.caller.patient) throw new Redirected("/login");
    return harness.caller.patient;
  },
  currentStaff: async () => harness.caller.staff ?? null,
  currentPatient: async () => harness.caller.patient ?? null,
});

export const mockNavigation = () => ({
  redirect: (to: string) => {
    harness.redirects.push(to);
    throw new Redirected(to);
  },
});

export const mockHeaders = () => ({
  headers: async () => new Headers({ "x-forwarded-for": "203.0.113.7", ...harness.requestHeaders }),
  cookies: async () => ({
    get: (name: string) => {
      const sent = new Map(
        (harness.requestHeaders.cookie ?? "")
          .split(";")
          .filter(Boolean)
          .map((c) => c.trim().split("=") as [string, string]),
      );
      return sent.has(name) ? { name, value: sent.get(name) } : undefined;
    },
    set: (name: string, value: string) => harness.cookies.set(name, value),
    delete: (c: string | { name: string }) => harness.cookies.set(typeof c === "string" ? c : c.name, ""),
  }),
});

export const mockCache = () => ({ revalidatePath: () => {} });

export const mockDbClient = () => ({
  getDb: async () => {
    if (!harness.db) throw new Error("harness.db is not set");
    return harness.db;
  },
});

export function staffCaller(id: string, role: "admin" | "front_desk" = "admin"): CurrentStaff {
  return { id, name: "Test Staff", email: "staff@example.test", role, sessionId: "test-session" };
}

/** FormData as a browser sends it: one entry per value, a ticked box as "on". */
export function formData(fields: Record<string, string | string[] | boolean | undefined>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || v === false) continue;
    for (const one of Array.isArray(v) ? v : [v === true ? "on" : v]) form.append(k, one);
  }
  return form;
}

/** next/server outside a request: `after` work runs at once (its failures surface in the test). */
export const mockServer = async (actual: () => Promise<Record<string, unknown>>) => ({
  ...(await actual()),
  after: (work: () => unknown) => {
    void Promise.resolve().then(work);
  },
});
