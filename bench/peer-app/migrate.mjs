// Creates the peer's tables (user, session, account, verification) in DATABASE_URL with Better Auth's own
// migration planner, as its CLI's `migrate` would. Run by bench/lib/peer.mjs before the peer starts.
import { getMigrations } from "better-auth/db/migration";
import { authOptions } from "./auth-options.mjs";

const options = authOptions();
try {
  const { toBeCreated, runMigrations } = await getMigrations(options);
  await runMigrations();
  console.log(`peer: created tables ${toBeCreated.map((t) => t.table).join(", ")}`);
} finally {
  await options.database.end();
}
