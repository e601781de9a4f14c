// The throughput baseline: a bare node:http server that does what the create-account action does in the
// database, and nothing else. It reads the same multipart body the page posts, takes the same four details,
// keys the email and the caller's address with AUTH_SECRET, seals the details (AES-256-GCM), then runs the same
// one statement through postgres.js as lib/verification/request-verification.ts (lib/verification-statement.mjs):
// the per-address rate-limit hit and the row in verification_attempts. Same pool size as the app
// (DATABASE_POOL_SIZE, default 10).
//   BASELINE_PORT=3512 DATABASE_URL=... AUTH_SECRET=... node bench/baseline-server.mjs
import { createCipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import http from "node:http";
import postgres from "postgres";
import { recordVerificationRequest } from "./lib/verification-statement.mjs";

const port = Number(process.env.BASELINE_PORT ?? 3512);
const secret = process.env.AUTH_SECRET;
if (!process.env.DATABASE_URL || !secret) {
  console.error("baseline-server needs DATABASE_URL and AUTH_SECRET");
  process.exit(2);
}
const sql = postgres(process.env.DATABASE_URL, {
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  onnotice: () => {},
  connect_timeout: 5,
});
const sealKey = Buffer.from(hkdfSync("sha256", secret, "patient-portal", "seal v1", 32));
const LIMIT = 10_000;
const WINDOW_MS = 15 * 60 * 1000;

function seal(value) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealKey, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(
    ".",
  );
}
const hmac = (text) => createHmac("sha256", secret).update(text).digest("hex").slice(0, 32);

/** The text fields of a multipart/form-data body (enough for what our pages post). */
function parseMultipart(body, contentType) {
  const boundary = /boundary=(.+)$/.exec(contentType ?? "")?.[1];
  if (!boundary) return {};
  const fields = {};
  for (const part of body.split(`--${boundary}`)) {
    const m = /^\r\nContent-Disposition: form-data; name="([^"]*)"\r\n\r\n([\s\S]*)\r\n$/.exec(part);
    if (m) fields[m[1]] = m[2];
  }
  return fields;
}

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/health") {
    res.end("ok");
    return;
  }
  if (req.method !== "POST") {
    res.statusCode = 405;
    res.end();
    return;
  }
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    try {
      const f = parseMultipart(Buffer.concat(chunks).toString("utf8"), req.headers["content-type"]);
      const details = {
        email: String(f._1_email ?? "")
          .trim()
          .toLowerCase(),
        lastName: String(f._1_lastName ?? "").trim(),
        dateOfBirth: `${f._1_dobYear}-${String(f._1_dobMonth).padStart(2, "0")}-${String(f._1_dobDay).padStart(2, "0")}`,
        zip: String(f._1_zip ?? "").trim(),
      };
      const ip = String(req.headers["x-forwarded-for"] ?? req.socket.remoteAddress)
        .split(",")[0]
        .trim();
      const ipHash = hmac(`ip:${ip}`);
      const now = new Date();
      await recordVerificationRequest(sql, {
        ipHash,
        emailHmac: hmac(details.email),
        sealed: seal(details),
        now,
        windowMs: WINDOW_MS,
        limit: LIMIT,
      });
      res.setHeader("Content-Type", "text/x-component");
      res.end('0:{"a":"$@1"}\n1:{"submitted":true}\n');
    } catch (e) {
      res.statusCode = 500;
      res.end(String(e.message).slice(0, 200));
    }
  });
});

server.keepAliveTimeout = 5_000;
server.listen(port, "127.0.0.1", () => console.log(`baseline listening on http://127.0.0.1:${port}`));
const shutdown = () => server.close(() => sql.end({ timeout: 5 }).then(() => process.exit(0)));
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
