// Reads and validates configuration once; a bad variable stops start-up with its name and what it expects.
import { z } from "zod";
import { databaseEnvShape } from "@/db/env";

const hours = (min: number, max: number, dflt: number) => z.coerce.number().int().min(min).max(max).default(dflt);

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    APP_URL: z
      .url({ protocol: /^https?$/, error: "must be an absolute http(s) URL such as https://portal.example.org" })
      .transform((u) => u.replace(/\/+$/, ""))
      .optional(),
    AUTH_SECRET: z
      .string()
      .min(32, "must be at least 32 characters (generate one with: openssl rand -base64 32)")
      .optional(),
    ...databaseEnvShape,
    RESEND_API_KEY: z.string().min(1).optional(),
    RESEND_BASE_URL: z.url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" }).optional(),
    // Resend's per-team request limit (2 a second unless Resend raised it for you); every worker shares it.
    RESEND_REQUESTS_PER_SECOND: z.coerce.number().int().min(1).max(100).default(2),
    EMAIL_FROM: z.string().min(3).default("Patient Portal <portal@localhost>"),
    EMAIL_WORKER: z.enum(["inline", "off"]).default("inline"),
    PRACTICE_NAME: z.string().min(1).max(120).default("Riverside Family Medicine"),
    PRACTICE_PHONE: z.string().min(3).max(40).default("(555) 010-2000"),
    PRACTICE_ADDRESS: z.string().min(1).max(200).default("100 Main Street, Springfield, IL 62701"),
    SETUP_LINK_HOURS: hours(1, 336, 24),
    RESET_LINK_MINUTES: z.coerce
      .number()
      .int()
      .min(15)
      .max(24 * 60)
      .default(60),
    INVITE_LINK_DAYS: hours(1, 14, 7),
    EMAIL_CHANGE_CONFIRM_HOURS: hours(1, 168, 24),
    // Per-address limits; a practice whose patients share one public address (a kiosk, a NAT) may raise them.
    // How many reverse proxies in front of the app append to X-Forwarded-For (nginx, a load balancer, a CDN).
    // The client address is the entry that many places from the right; everything to its left the caller wrote.
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(5).default(1),
    RATE_LIMIT_VERIFY_PER_IP: z.coerce.number().int().min(1).max(10_000).default(20),
    RATE_LIMIT_SIGNIN_PER_IP: z.coerce.number().int().min(1).max(10_000).default(20),
    RATE_LIMIT_STAFF_SIGNIN_PER_IP: z.coerce.number().int().min(1).max(10_000).default(20),
    PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(64).default(15),
    // Retention of rows that only grow (days). The audit trail is never purged by it.
    RETENTION_VERIFICATION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    RETENTION_SENT_EMAIL_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  })
  .superRefine((env, ctx) => {
    // `next build` runs with NODE_ENV=production but serves nobody; the running server is what must be configured.
    if (env.NODE_ENV !== "production" || process.env.NEXT_PHASE === "phase-production-build") return;
    // Without a provider, production emails would sit in the outbox forever: say so at start.
    for (const key of ["APP_URL", "AUTH_SECRET", "RESEND_API_KEY"] as const) {
      if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required in production" });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

/** Turns zod issues into lines an IT person can act on: `APP_URL: must be an absolute http(s) URL`. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings in .env files mean "not set", not "set to nothing".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(config)"}: ${i.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}\nSee .env.example for every variable.`);
}
