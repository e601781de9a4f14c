// The trusted-device cookie (docs/security.md M8): HttpOnly, SameSite=Lax, for the whole site, Secure when the
// portal is served over https, 30 days; it carries only the opaque token, and reading it ignores anything else.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { generateToken } from "@/lib/tokens/account-token";
import { importWithEnv } from "@/test-kit/import-with-env";

type Set = { name: string; value: string; options: Record<string, unknown> };
const jar = { values: new Map<string, string>(), sets: [] as Set[] };

vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.values.has(name) ? { name, value: jar.values.get(name)! } : undefined),
    set: (name: string, value: string, options: Record<string, unknown>) => {
      jar.sets.push({ name, value, options });
      jar.values.set(name, value);
    },
  }),
}));

const load = (appUrl: string) => importWithEnv({ APP_URL: appUrl }, () => import("./trusted-device-cookie"));

describe("trusted-device cookie", () => {
  beforeEach(() => {
    jar.values.clear();
    jar.sets.length = 0;
  });
  afterEach(() => vi.unstubAllEnvs());

  it("is set HttpOnly, SameSite=Lax, path /, for 30 days, holding the token and nothing else", async () => {
    const c = await load("http://portal.test");
    const token = generateToken();
    await c.setTrustedDeviceCookie(token);
    expect(jar.sets).toEqual([
      {
        name: "pp_trusted_device",
        value: token,
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: false, maxAge: 30 * 86_400 },
      },
    ]);
    expect(await c.readTrustedDeviceCookie()).toBe(token);
  });

  it("is Secure when the portal's address is https", async () => {
    const c = await load("https://portal.example.org");
    await c.setTrustedDeviceCookie(generateToken());
    await c.clearTrustedDeviceCookie();
    expect(jar.sets.map((s) => s.options.secure)).toEqual([true, true]);
  });

  it("clearing it expires it at once, with the same name and path", async () => {
    const c = await load("http://portal.test");
    await c.setTrustedDeviceCookie(generateToken());
    await c.clearTrustedDeviceCookie();
    expect(jar.sets.at(-1)).toMatchObject({ name: "pp_trusted_device", value: "", options: { path: "/", maxAge: 0 } });
    expect(await c.readTrustedDeviceCookie()).toBeNull();
  });

  it("reads a cookie that is not shaped like a token as none", async () => {
    const c = await load("http://portal.test");
    for (const bad of ["", "patient-123", "A".repeat(44), `${generateToken().slice(1)};`]) {
      jar.values.set("pp_trusted_device", bad);
      expect(await c.readTrustedDeviceCookie()).toBeNull();
    }
    jar.values.delete("pp_trusted_device");
    expect(await c.readTrustedDeviceCookie()).toBeNull();
  });
});
