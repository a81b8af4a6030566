import type { Socket } from 'node:net';
import pg from 'pg';
import type { SqlAnswer } from '../../src/scenario/driver.js';

/** More bytes of answer than this end the connection: a row cap alone does not bound one huge value. */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

/** Types whose parser gives no JSON value (Buffer, Date, interval), and their arrays: kept as PostgreSQL's text. */
const TEXT_TYPES = new Set([17, 1001, 1082, 1182, 1083, 1183, 1114, 1115, 1184, 1185, 1186, 1187, 1266, 1270]);

const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => (TEXT_TYPES.has(oid) ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text')),
};

/**
 * One query, values only as parameters (the extended protocol: one
 * statement, no string built from them), under a statement timeout, at most
 * `maxRows` rows read (the portal is closed after them: the rest is never
 * sent) and MAX_ANSWER_BYTES received.
 */
export async function boundedQuery(connection: pg.ClientConfig, query: string, params: unknown[], limits: { timeoutMs: number; maxRows: number }): Promise<SqlAnswer> {
  const client = new pg.Client({ ...connection, statement_timeout: limits.timeoutMs, query_timeout: limits.timeoutMs + 2_000, types });
  // A connection that breaks after the answer must not end the process.
  client.on('error', () => undefined);
  let tooLarge = false;
  try {
    await client.connect();
    const stream = (client as unknown as { connection: { stream: Socket } }).connection.stream;
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_ANSWER_BYTES && !tooLarge) {
        tooLarge = true;
        stream.destroy();
      }
    });
    const { rows, more } = await new Promise<{ rows: Record<string, unknown>[]; more: boolean }>((resolve, reject) => {
      const q = new CappedQuery(query, params, limits.maxRows, (err, result) => (err ? reject(err) : resolve({ rows: result.rows.slice(0, limits.maxRows), more: q.more })));
      client.query(q);
    });
    return { rows, ...(more ? { more } : {}) };
  } catch (e) {
    if (tooLarge) return { error: `the answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB` };
    const err = e as Error & { code?: string };
    const sqlstate = e instanceof pg.DatabaseError && err.code && /^[0-9A-Z]{5}$/.test(err.code) ? err.code : undefined;
    return { error: err.message || String(e), ...(sqlstate ? { sqlstate } : {}) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A query whose portal gives at most maxRows + 1 rows: when PostgreSQL
 * suspends it there (there are more), the transaction is ended instead of
 * asking for the next batch, which closes the portal.
 */
class CappedQuery extends pg.Query {
  more = false;

  constructor(text: string, values: unknown[], maxRows: number, callback: (err: Error | undefined, result: { rows: Record<string, unknown>[] }) => void) {
    super({ text, values, rows: maxRows + 1, queryMode: 'extended' } as pg.QueryConfig, callback);
  }

  handlePortalSuspended(connection: { sync(): void }): void {
    this.more = true;
    connection.sync();
  }
}
