"use server";
// FLOOR_MODE=empty (default): the action does nothing. FLOOR_MODE=sql: the baseline server's two statements
// (bench/baseline-server.mjs), through postgres.js, without drizzle, zod or the app's code.
import { createCipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import postgres from "postgres";

let sql;
const secret = () => process.env.AUTH_SECRET ?? "floor";

export async function submit(_prev, form) {
  if (process.env.FLOOR_MODE !== "sql") return { submitted: true };
  sql ??= postgres(process.env.DATABASE_URL, { max: 10, onnotice: () => {} });
  const hmac = (t) => createHmac("sha256", secret()).update(t).digest("hex").slice(0, 32);
  const details = {
    email: String(form.get("email") ?? "")
      .trim()
      .toLowerCase(),
    lastName: String(form.get("lastName") ?? "").trim(),
  };
  const key = Buffer.from(hkdfSync("sha256", secret(), "patient-portal", "seal v1", 32));
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([c.update(JSON.stringify(details), "utf8"), c.final()]);
  const sealed = [
    "v1",
    iv.toString("base64url"),
    c.getAuthTag().toString("base64url"),
    body.toString("base64url"),
  ].join(".");
  const ipHash = hmac("ip:127.0.0.1");
  const windowStart = new Date(Math.floor(Date.now() / 900_000) * 900_000);
  await sql`insert into rate_limit_counters (key, window_start, count) values (${`verify-ip:${ipHash}`}, ${windowStart.toISOString()}::timestamptz, 1)
    on conflict (key, window_start) do update set count = rate_limit_counters.count + 1 returning count`;
  await sql`insert into verification_attempts (flow, ip_hash, email_hmac, created_at, sealed_input) values ('register', ${ipHash}, ${hmac(details.email)}, ${new Date()}, ${sealed})`;
  return { submitted: true };
}
