// The one place configuration is read. Development fills in what a fresh clone lacks; production requires it.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseEnv, type Env } from "./env";

export type Config = Omit<Env, "APP_URL" | "AUTH_SECRET"> & {
  APP_URL: string;
  AUTH_SECRET: string;
  embedded: boolean;
  emailMode: "resend" | "mailbox";
};

let cached: Config | undefined;

export function getConfig(): Config {
  if (cached) return cached;
  const env = parseEnv(process.env);
  const appUrl = env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  cached = {
    ...env,
    APP_URL: appUrl,
    AUTH_SECRET: env.AUTH_SECRET ?? developmentSecret(),
    embedded: !env.DATABASE_URL,
    emailMode: env.RESEND_API_KEY ? "resend" : "mailbox",
  };
  // Auth.js reads AUTH_URL to build its own URLs; pinning it to APP_URL keeps the Host header out of them.
  process.env.AUTH_URL ??= `${appUrl}/api/auth`;
  return cached;
}

// A fresh clone has no secret: keep a random one beside the embedded database so sessions survive restarts.
function developmentSecret(): string {
  const dir = path.resolve(".data");
  const file = path.join(dir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
