// The peer's whole auth setup, as its documentation sets up email and password on PostgreSQL: one pg Pool of 10,
// the library's own tables and defaults (scrypt password hashes), the reset email a no-op (the bench measures the
// request, not a mail provider) and the built-in rate limiter off (ours is raised out of the way in the bench).
// Shared by the route (auth.mjs) and by migrate.mjs, which creates the tables before the first start.
import { Pool } from "pg";

export function authOptions() {
  return {
    database: new Pool({ connectionString: process.env.DATABASE_URL, max: 10 }),
    baseURL: process.env.BETTER_AUTH_URL,
    secret: process.env.BETTER_AUTH_SECRET,
    emailAndPassword: {
      enabled: true,
      sendResetPassword: async () => {},
    },
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
  };
}
