import { it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/rows";
import { openTestDb } from "@/test-kit/test-db";
import { insertAccount, insertPatient } from "@/test-kit/factories";
import { requestVerification } from "@/lib/verification/request-verification";
import { processVerifications } from "@/lib/verification/process-verifications";
import { inspectAccountLink } from "@/lib/tokens/inspect-account-link";
import { unseal } from "@/lib/crypto/seal";
it("cap2", async () => {
  const t = await openTestDb("pglite");
  const p = await insertPatient(t.db, { email: "cap.two@example.com" });
  await insertAccount(t.db, p.id);
  const d = { email: "cap.two@example.com", lastName: p.lastName, dateOfBirth: p.dateOfBirth, zip: p.zip! };
  for (let i = 0; i < 4; i++) {
    await requestVerification(t.db, { flow: "forgot_password", details: d, ipHash: `ip${i}`, now: new Date() });
    await processVerifications(t.db);
  }
  const rows = await queryRows<{ template: string; status: string; sealed_secret: string | null }>(t.db, sql`select template, status, sealed_secret from email_outbox order by created_at`);
  for (const r of rows) {
    const token = r.sealed_secret ? /token=([A-Za-z0-9_-]{43})/.exec(JSON.stringify(unseal(r.sealed_secret)))![1] : null;
    console.log(r.template, r.status, token ? (await inspectAccountLink(t.db, token, new Date())).state : "-");
  }
  console.log(await queryRows(t.db, sql`select purpose, revoked_reason, used_at from account_tokens order by created_at`));
  await t.close();
});
