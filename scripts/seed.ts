// Seeds the demo practice on request, including into a DATABASE_URL database. Refuses a database with patients.
import { sql } from "drizzle-orm";
import { getConfig } from "@/lib/config";
import { openDatabase } from "@/db/open";
import { seedDemoIfEmpty } from "@/db/seed/demo";
import { patients } from "@/db/schema";
import { ensureDemoAuthenticators } from "@/lib/second-factor/demo-authenticators";

async function main() {
  const config = getConfig();
  const opened = await openDatabase({ url: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
  try {
    const [{ n }] = await opened.db.select({ n: sql<number>`count(*)::int` }).from(patients);
    if (Number(n) > 0) {
      console.error(`This database already has ${n} patients; the demo is only seeded into an empty one.`);
      process.exitCode = 1;
      return;
    }
    await seedDemoIfEmpty(opened.db, (line) => console.log(line));
    await ensureDemoAuthenticators(opened.db);
  } finally {
    await opened.close();
  }
}

main().catch((error) => {
  console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
