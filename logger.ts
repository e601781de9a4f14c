// The one logger of the app, the worker and the database module: JSON lines in production, readable lines in
// development, and known secret and patient-data fields replaced by "[redacted]" wherever a caller passes them
// (docs/security.md L1). It sits beside app/, lib/ and db/ and imports none of them, so every layer may use it.
import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";

/** Field names whose values never reach a log line, at the top level and one object down. */
export const REDACTED_FIELDS = [
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "sessionId",
  "sid",
  "secret",
  "cookie",
  "authorization",
  "email",
  "to",
  "name",
  "firstName",
  "lastName",
  "dateOfBirth",
  "dob",
  "phone",
  "address",
  "addressLine1",
  "addressLine2",
  "city",
  "zip",
  "username",
  "params",
  "detail",
  "sealedInput",
] as const;

// One object down too, except `name`: an error's name (`err.name`) is what a reader needs most.
const paths = REDACTED_FIELDS.flatMap((f) => (f === "name" ? [f] : [f, `*.${f}`]));

/** A logger writing to `destination` (tests capture it); `pretty` for people reading a terminal. */
export function createLogger(opts: { destination?: DestinationStream; pretty?: boolean; level?: string } = {}) {
  const options = {
    level: opts.level ?? process.env.LOG_LEVEL ?? "info",
    base: undefined,
    redact: { paths, censor: "[redacted]" },
    // Errors keep their name, code, table and message only: a driver's `detail` or a query's parameters never
    // travel with them (the database module already reduces them to this).
    serializers: { err: describeError, error: describeError },
  };
  if (opts.destination) return pino(options, opts.destination);
  if (opts.pretty) {
    return pino(options, pretty({ sync: true, ignore: "pid,hostname", translateTime: "SYS:HH:MM:ss" }));
  }
  return pino(options);
}

/** What of an error may be logged: never its `cause`, `detail` or any field a driver hangs on it. */
export function describeError(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { type: typeof e };
  const { code, table } = e as { code?: unknown; table?: unknown };
  return {
    name: e.name,
    ...(typeof code === "string" ? { code } : {}),
    ...(typeof table === "string" ? { table } : {}),
    message: e.message.slice(0, 200),
  };
}

type Holder = { logger?: Logger };
const holder = ((globalThis as Record<string, unknown>).__patientPortalLogger ??= {}) as Holder;

/** The process's logger (one per process, also across module reloads in development). */
export function getLogger(): Logger {
  holder.logger ??= createLogger({ pretty: process.env.NODE_ENV === "development" });
  return holder.logger;
}
