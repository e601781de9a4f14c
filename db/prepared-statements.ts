// drizzle's postgres.js driver runs every statement unnamed (postgres.js's `unsafe(text, params)`), and postgres.js
// runs an unnamed statement that has parameters in two round trips: it has the server parse and describe it to
// learn the parameter types, then parses it again to run it. A named statement is parsed and planned once per
// connection, and from then on costs one round trip: a verification request's one statement went from two round
// trips and two parses to one (bench/RESULTS.md). postgres.js keeps the names per connection, recycles connections
// within the hour (its max_lifetime), and re-prepares a statement the server has dropped or whose plan a migration
// made stale, so a long-lived pool is safe. A pooler in front of PostgreSQL must pass prepared statements through
// (PgBouncer 1.21+ in transaction mode does, with max_prepared_statements above 0).
import type { Sql } from "postgres";

type Unsafe = (text: string, params?: unknown[], options?: Record<string, unknown>) => unknown;
type WithClient = (...args: unknown[]) => unknown;

/** `sql` as drizzle should see it: the same client, whose unsafe() statements, in transactions too, are named. */
export function withPreparedStatements<S extends Sql>(sql: S): S {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === "unsafe") {
        const unsafe = value as Unsafe;
        return (text: string, params?: unknown[], options?: Record<string, unknown>) =>
          unsafe.call(target, text, params ?? [], { ...options, prepare: true });
      }
      // A transaction (and a savepoint in it) hands its callback a client of its own: that one too.
      if (prop === "begin" || prop === "savepoint") {
        const open = value as WithClient;
        return (...args: unknown[]) => {
          const work = args.at(-1) as (client: Sql) => unknown;
          return open.call(target, ...args.slice(0, -1), (client: Sql) => work(withPreparedStatements(client)));
        };
      }
      return value;
    },
  });
}
