import pg from 'pg';
import type { RuntimeInfo } from '../stack/runtime-info.js';
import type { ProbeContext } from './context.js';

/**
 * Queries the api's database through the port Docker published for the
 * database container, as the database's own user.
 */
export async function withDatabase<T>(ctx: ProbeContext, fn: (q: Query) => Promise<T>, hostPort?: number): Promise<T> {
  const client = new pg.Client(databaseClientConfig(ctx.runtime, hostPort));
  await client.connect();
  try {
    return await fn(async (sql, params = []) => (await client.query(sql, params)).rows);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** How rock-check connects to the api's database: the published port (the database container's, unless given), the database's own user. */
export function databaseClientConfig(runtime: RuntimeInfo, hostPort?: number): pg.ClientConfig {
  const access = runtime.database;
  const port = hostPort ?? runtime.components.database?.hostPort;
  if (!access || !port) throw new Error('the database has no published port');
  return {
    host: runtime.host,
    port,
    database: access.name,
    user: access.user,
    password: access.password,
    connectionTimeoutMillis: 10_000,
    query_timeout: 20_000,
  };
}

export type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** A table or column name from the profile, double-quoted; refuses anything but a plain identifier. */
export function ident(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
}

/** Row count per table; undefined for a table that does not exist. */
export async function rowCounts(q: Query, tables: string[]): Promise<Record<string, number | undefined>> {
  const out: Record<string, number | undefined> = {};
  const existing = new Set(
    (await q(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`)).map((r) => String(r.table_name)),
  );
  for (const t of tables) {
    out[t] = existing.has(t) ? Number((await q(`SELECT count(*) AS n FROM ${ident(t)}`))[0].n) : undefined;
  }
  return out;
}

/** Foreign-key columns of a table, with the table each references. */
export async function foreignKeys(q: Query, table: string): Promise<{ column: string; references: string }[]> {
  const rows = await q(
    `SELECT a.attname AS column, cf.relname AS references
       FROM pg_constraint c
       JOIN pg_class cl ON cl.oid = c.conrelid
       JOIN pg_class cf ON cf.oid = c.confrelid
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
      WHERE c.contype = 'f' AND cl.relname = $1
      ORDER BY a.attnum`,
    [table],
  );
  return rows.map((r) => ({ column: String(r.column), references: String(r.references) }));
}
