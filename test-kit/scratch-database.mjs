// Scratch PostgreSQL databases for the integration tests, the e2e server and the bench: each made empty on a local
// server, under a name that says who made it, and dropped (with any connections still open to it) when done.
// Plain ESM so that scripts/ and bench/ run it with node alone; test-kit/test-db.ts uses it too.
import { randomBytes } from "node:crypto";
import postgres from "postgres";

const LOCAL_HOSTS = ["localhost", "127.0.0.1", "::1", "[::1]"];

/** Throws unless `url` names a server on this machine: what creates and drops databases never touches another. */
export function assertLocalDatabase(url) {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.includes(host)) {
    throw new Error(`scratch databases are made on this machine only: refusing the database host ${host}`);
  }
}

async function asAdmin(adminUrl, statement) {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(statement);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Creates an empty database, named `<prefix>_<time>_<random>`, on the local server `adminUrl` connects to.
 * Returns its name, its URL (the admin URL with the database swapped) and `drop()`, which may be called twice.
 */
export async function createScratchDatabase(adminUrl, prefix) {
  assertLocalDatabase(adminUrl);
  // The name goes into SQL as an identifier: only the characters a prefix needs.
  if (!/^[a-z][a-z0-9_.]*$/.test(prefix)) {
    throw new Error(`a scratch database prefix is lower-case letters, digits, "_" and "." only: ${prefix}`);
  }
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await asAdmin(adminUrl, `create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => asAdmin(adminUrl, `drop database if exists "${name}" with (force)`),
  };
}
