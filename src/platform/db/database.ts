// One small interface over the two engines IrisDesk runs on: PGlite (PostgreSQL in WebAssembly, embedded
// default) and a PostgreSQL server through node-postgres. Both speak the same SQL with $1 parameters, so
// repositories are written once. See docs/decisions/0001-query-layer.md.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

/** Anything that runs SQL: the database itself or an open transaction. Repositories take this. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type Notification = { channel: string; payload: string };

export interface Database extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Subscribes to NOTIFY on a channel; returns the unsubscribe function. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /** Connection pool figures for /metrics. */
  poolStats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

/**
 * Marks a hot statement of fixed text to be prepared once per connection on a PostgreSQL server (a named
 * prepared statement: parsed and planned once, then only bound and executed — about 40 % less server CPU for
 * the contact intake). Only for statements whose text is a constant (one prepared statement per text and
 * connection, kept for the connection's life) and whose plan suits every parameter value (inserts, look-ups by
 * key). The mark is an SQL comment: PGlite, and every other path, run the statement as it is.
 */
export function prepared(sql: string): string {
  return PREPARED_MARK + sql;
}
const PREPARED_MARK = '/* prepared */ ';
const preparedNames = new Map<string, string>();
/** node-postgres query config: a named statement for a marked text with parameters, else the text. */
function statement(sql: string, params: readonly unknown[]): string | pg.QueryConfig {
  if (!sql.startsWith(PREPARED_MARK) || params.length === 0) return sql;
  let name = preparedNames.get(sql);
  if (!name) {
    name = `irisdesk_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    preparedNames.set(sql, name);
  }
  return { name, text: sql, values: params as unknown[] };
}

// node-postgres returns int8 (counts, sums) as strings; PGlite as numbers. Numbers in both, since no
// IrisDesk count comes near 2^53.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

export async function openPostgres(connectionString: string, options: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    application_name: 'irisdesk',
  });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const listeners = new Map<string, Set<(payload: string) => void>>();
  let listenClient: pg.PoolClient | undefined;

  let closed = false;

  // One dedicated connection carries every LISTEN of this process. If it breaks (server restart, network),
  // it is replaced and every channel listened to again, retrying until it works or the database is closed.
  const ensureListenClient = async (): Promise<pg.PoolClient> => {
    if (listenClient) return listenClient;
    const client = await pool.connect();
    client.on('notification', (message) => {
      for (const handler of listeners.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    client.on('error', (error) => {
      if (listenClient !== client) return;
      listenClient = undefined;
      client.release(error);
      void relisten();
    });
    listenClient = client;
    return client;
  };
  const relisten = async (delayMs = 250): Promise<void> => {
    if (closed || listeners.size === 0) return;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    try {
      const client = await ensureListenClient();
      for (const channel of listeners.keys()) await client.query(`LISTEN ${quoteIdentifier(channel)}`);
    } catch {
      if (listenClient) {
        const broken = listenClient;
        listenClient = undefined;
        broken.release(true);
      }
      await relisten(Math.min(delayMs * 2, 10_000));
    }
  };

  return {
    engine: 'postgres',
    async query<R>(sql: string, params: readonly unknown[] = []) {
      const config = statement(sql, params);
      const result = typeof config === 'string' ? await pool.query(sql, params as unknown[]) : await pool.query(config);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Queryable = {
          async query<R>(sql: string, params: readonly unknown[] = []) {
            const config = statement(sql, params);
            const result = typeof config === 'string' ? await client.query(sql, params as unknown[]) : await client.query(config);
            return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
          },
          async exec(sql: string) {
            await client.query(sql);
          },
        };
        const value = await fn(tx);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onNotify) {
      const client = await ensureListenClient();
      let handlers = listeners.get(channel);
      if (!handlers) {
        handlers = new Set();
        listeners.set(channel, handlers);
        await client.query(`LISTEN ${quoteIdentifier(channel)}`);
      }
      handlers.add(onNotify);
      return async () => {
        handlers.delete(onNotify);
        if (handlers.size === 0 && listeners.get(channel) === handlers) {
          listeners.delete(channel);
          await listenClient?.query(`UNLISTEN ${quoteIdentifier(channel)}`).catch(() => undefined);
        }
      };
    },
    poolStats() {
      return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
    },
    async close() {
      closed = true;
      listenClient?.release();
      listenClient = undefined;
      await pool.end();
    },
  };
}

/**
 * Opens PGlite in a data folder (created on first use) or in memory (`memory://`), optionally from a dump
 * made by dumpDataDir (tests start from a migrated, seeded template that way).
 */
export async function openPglite(
  dataDir: string,
  options: { loadDataDir?: Blob | File } = {},
): Promise<Database & { dumpDataDir: () => Promise<Blob> }> {
  const db = await PGlite.create({
    dataDir: dataDir.startsWith('memory://') ? undefined : dataDir,
    loadDataDir: options.loadDataDir,
    extensions: { pg_trgm, unaccent },
    // PGlite parses numeric like node-postgres does: as text, so money and scores never lose precision.
    parsers: { [pgliteTypes.INT8]: (value: string) => Number.parseInt(value, 10) },
  });
  // PGlite is one connection: queries queue inside it. A transaction takes it exclusively, so other
  // callers wait for the transaction to end, as they would for a row lock on a server.
  // rowCount as node-postgres reports it: rows returned by a SELECT (PGlite's affectedRows is 0 there),
  // rows changed by INSERT/UPDATE/DELETE (with or without RETURNING).
  const wrap = (result: { rows: unknown[]; affectedRows?: number }) => ({
    rows: result.rows,
    rowCount: Math.max(result.affectedRows ?? 0, result.rows.length),
  });
  return {
    engine: 'pglite',
    async query<R>(sql: string, params: readonly unknown[] = []) {
      return wrap(await db.query(sql, params as unknown[])) as QueryResult<R>;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      return db.transaction(async (tx) =>
        fn({
          async query<R>(sql: string, params: readonly unknown[] = []) {
            return wrap(await tx.query(sql, params as unknown[])) as QueryResult<R>;
          },
          async exec(sql: string) {
            await tx.exec(sql);
          },
        }),
      );
    },
    async listen(channel, onNotify) {
      const unlisten = await db.listen(channel, onNotify);
      return async () => unlisten();
    },
    poolStats() {
      return { total: 1, idle: 1, waiting: 0 };
    },
    dumpDataDir: () => db.dumpDataDir('none'),
    async close() {
      if (!db.closed) await db.close();
    },
  };
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export async function openDatabase(config: { databaseUrl: string | undefined; dataDir: string }): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir);
}
