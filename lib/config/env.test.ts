import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

describe("configuration", () => {
  it("fills development defaults and needs no keys", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect(env.PGLITE_DIR).toBe(".data/pglite");
    expect(env.SETUP_LINK_HOURS).toBe(24);
    expect(env.INVITE_LINK_DAYS).toBe(7);
    expect(env.PASSWORD_MIN_LENGTH).toBe(15);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("stops a production start without APP_URL, AUTH_SECRET or RESEND_API_KEY, naming each", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(ConfigError);
    try {
      parseEnv({ NODE_ENV: "production" });
    } catch (e) {
      expect(String((e as Error).message)).toMatch(/APP_URL: is required in production/);
      expect(String((e as Error).message)).toMatch(/AUTH_SECRET: is required in production/);
      expect(String((e as Error).message)).toMatch(/RESEND_API_KEY: is required in production/);
    }
  });

  it.each([
    ["APP_URL", "portal.example.org", /APP_URL: must be an absolute http\(s\) URL/],
    ["APP_URL", "javascript:alert(1)", /APP_URL/],
    ["DATABASE_URL", "mysql://x", /DATABASE_URL: must be a postgres/],
    ["AUTH_SECRET", "short", /AUTH_SECRET: must be at least 32 characters/],
    ["PASSWORD_MIN_LENGTH", "7", /PASSWORD_MIN_LENGTH/],
    ["INVITE_LINK_DAYS", "30", /INVITE_LINK_DAYS/],
    ["EMAIL_WORKER", "sometimes", /EMAIL_WORKER/],
  ])("refuses a malformed %s with a message that names it", (key, value, message) => {
    expect(() => parseEnv({ NODE_ENV: "development", [key]: value })).toThrow(message);
  });

  it("treats empty variables as unset and trims a trailing slash from APP_URL", () => {
    const env = parseEnv({ NODE_ENV: "development", DATABASE_URL: "", APP_URL: "https://portal.example.org/" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.APP_URL).toBe("https://portal.example.org");
  });
});
