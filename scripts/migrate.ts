// Applies migrations to DATABASE_URL (or the embedded database) and exits. The app also does this at start.
import { getConfig } from "@/lib/config";
import { openDatabase } from "@/db/open";

const config = getConfig();
openDatabase({ url: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR })
  .then(async (db) => {
    console.log(`Migrations applied (${db.kind}).`);
    await db.close();
  })
  .catch((error) => {
    console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
