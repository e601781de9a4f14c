// Database errors that are safe to log: drizzle puts every query parameter (names, birth dates, emails, session
// ids) into its error message, and the driver adds the offending row to `detail`. Every failed query leaves this
// module as a DatabaseError naming only the table and the SQLSTATE (docs/security.md L1).

const SQLSTATE = /^[0-9A-Z]{5}$/;
// postgres.js names connection failures with a code too (CONNECTION_CLOSED, CONNECT_TIMEOUT …).
const CODE = /^[0-9A-Z_]{5,40}$/;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * A failed query, reduced to what may be logged. `code` is the SQLSTATE (e.g. 23505 for a unique violation) or
 * the driver's connection error code.
 */
export class DatabaseError extends Error {
  readonly code: string | undefined;
  readonly table: string | undefined;
  readonly constraint: string | undefined;
  constructor(opts: { code?: string; table?: string; constraint?: string }) {
    super(
      `Database query${opts.table ? ` on ${opts.table}` : ""} failed` +
        (opts.code ? (SQLSTATE.test(opts.code) ? ` (SQLSTATE ${opts.code})` : ` (${opts.code})`) : ""),
    );
    this.name = "DatabaseError";
    this.code = opts.code;
    this.table = opts.table;
    this.constraint = opts.constraint;
  }
}

type DriverError = {
  code?: unknown;
  severity?: unknown;
  table_name?: unknown;
  table?: unknown;
  constraint_name?: unknown;
  constraint?: unknown;
};
type DrizzleQueryErrorShape = Error & { query: string; params: unknown[]; cause?: unknown };

function isDrizzleQueryError(e: unknown): e is DrizzleQueryErrorShape {
  return e instanceof Error && typeof (e as { query?: unknown }).query === "string" && "params" in e;
}

/** A server error from either driver (it carries a severity and a SQLSTATE, and often the row in `detail`). */
function isServerError(e: unknown): e is Error & DriverError {
  return (
    e instanceof Error &&
    typeof (e as DriverError).severity === "string" &&
    SQLSTATE.test(String((e as DriverError).code))
  );
}

/** The first table a statement names, from its text (parameters are placeholders there, never values). */
export function tableOf(query: string | undefined): string | undefined {
  const m = query?.match(
    /\b(?:insert\s+into|update|delete\s+from|truncate(?:\s+table)?|from)\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/i,
  );
  return m?.[1];
}

function identifier(value: unknown): string | undefined {
  return typeof value === "string" && IDENTIFIER.test(value) ? value : undefined;
}

/** The safe form of a database failure; any other error (ours, or a caller's) is returned unchanged. */
export function toSafeDatabaseError(e: unknown): unknown {
  if (e instanceof DatabaseError) return e;
  const query = isDrizzleQueryError(e) ? e.query : undefined;
  const driver = (isDrizzleQueryError(e) ? e.cause : e) as (Error & DriverError) | undefined;
  if (!isDrizzleQueryError(e) && !isServerError(e)) return e;
  const code = driver && CODE.test(String(driver.code)) ? String(driver.code) : undefined;
  return new DatabaseError({
    code,
    table: identifier(driver?.table_name) ?? identifier(driver?.table) ?? identifier(tableOf(query)),
    constraint: identifier(driver?.constraint_name) ?? identifier(driver?.constraint),
  });
}

const INSTALLED = Symbol.for("patientPortal.safeDatabaseErrors");
type Patchable = Record<PropertyKey, unknown> & {
  queryWithCache: (this: unknown, ...args: unknown[]) => Promise<unknown>;
};

/**
 * Makes every query of this database (and of every transaction on it) fail with a DatabaseError. drizzle sends
 * each statement through its prepared query's `queryWithCache`, which is where it builds the leaky message; the
 * class is found from this very database so a second copy of drizzle in a bundle cannot slip past.
 */
export function installSafeDatabaseErrors<T extends object>(db: T): T {
  const session = (db as unknown as { session: { prepareQuery: (...args: unknown[]) => object } }).session;
  const probe = session.prepareQuery({ sql: "select 1", params: [] }, undefined, undefined, false);
  let proto: object | null = Object.getPrototypeOf(probe);
  while (proto && !Object.hasOwn(proto, "queryWithCache")) proto = Object.getPrototypeOf(proto);
  if (!proto) throw new Error("drizzle's query path changed: cannot keep query parameters out of errors");
  const target = proto as Patchable;
  if (!target[INSTALLED]) {
    const original = target.queryWithCache;
    target.queryWithCache = async function (this: unknown, ...args: unknown[]) {
      try {
        return await original.apply(this, args);
      } catch (e) {
        throw toSafeDatabaseError(e);
      }
    };
    target[INSTALLED] = true;
  }
  // BEGIN and COMMIT run outside a prepared query (a lost connection or a deferred constraint fails there).
  const holder = db as unknown as { transaction: (...args: unknown[]) => Promise<unknown> };
  const transaction = holder.transaction.bind(db);
  holder.transaction = async (...args: unknown[]) => {
    try {
      return await transaction(...args);
    } catch (e) {
      throw toSafeDatabaseError(e);
    }
  };
  return db;
}
