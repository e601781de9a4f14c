// FLOOR_MODE=empty (default): nothing. FLOOR_MODE=sql: our request's one statement
// (bench/lib/verification-statement.mjs, as the baseline server runs it), through postgres.js, without drizzle,
// zod or the app's code. Shared by the action (./actions.js) and the route (./send/route.js).
import { createCipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import postgres from "postgres";
import { recordVerificationRequest } from "../../lib/verification-statement.mjs";

let sql;
let key;
const secret = () => process.env.AUTH_SECRET ?? "floor";

export async function record(form) {
  if (process.env.FLOOR_MODE !== "sql") return { submitted: true };
  sql ??= postgres(process.env.DATABASE_URL, { max: 10, onnotice: () => {} });
  const hmac = (t) => createHmac("sha256", secret()).update(t).digest("hex").slice(0, 32);
  const details = {
    email: String(form.get("email") ?? "")
      .trim()
      .toLowerCase(),
    lastName: String(form.get("lastName") ?? "").trim(),
  };
  // Derived once, as ours derives its sealing key once (lib/crypto/seal.ts): deriving it per request cost the floor
  // 0.05 ms of CPU per request in a profile, work ours does not do.
  key ??= Buffer.from(hkdfSync("sha256", secret(), "patient-portal", "seal v1", 32));
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([c.update(JSON.stringify(details), "utf8"), c.final()]);
  const sealed = [
    "v1",
    iv.toString("base64url"),
    c.getAuthTag().toString("base64url"),
    body.toString("base64url"),
  ].join(".");
  await recordVerificationRequest(sql, {
    ipHash: hmac("ip:127.0.0.1"),
    emailHmac: hmac(details.email),
    sealed,
    now: new Date(),
    windowMs: 900_000,
    limit: 10_000,
  });
  return { submitted: true };
}
