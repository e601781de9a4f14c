// The database's own settings, read from the environment. lib/config/env.ts validates these same fields with the
// rest of the configuration at start-up, so a bad value still stops the server with its name.
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

export const databaseEnvShape = {
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// connection string")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  DEMO_SEED: bool.optional(),
};

const databaseEnvSchema = z.object(databaseEnvShape);

/** What `getDb()` opens: PostgreSQL when DATABASE_URL is set, else embedded PGlite (seeded with the demo). */
export function readDatabaseEnv(source: Record<string, string | undefined>) {
  // Empty strings in .env files mean "not set", not "set to nothing".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = databaseEnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}\nSee .env.example for every variable.`);
  }
  const env = result.data;
  return {
    url: env.DATABASE_URL,
    pgliteDir: env.PGLITE_DIR,
    poolSize: env.DATABASE_POOL_SIZE,
    seedDemo: env.DEMO_SEED ?? !env.DATABASE_URL,
  };
}
