// One small interface over the two engines IrisDesk runs on: PGlite (PostgreSQL in WebAssembly, embedded
// default) and a PostgreSQL server through node-postgres. Both speak the same SQL with $1 parameters, so
// repositories are written once. See docs/decisions/0001-query-layer.md.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { isDatabaseUnavailable } from './unavailable.ts';

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
  /**
   * Subscribes to NOTIFY on a channel; returns the unsubscribe function. onGap is called when notifications
   * may have been missed: the connection that listens was lost (database restart) and listens again.
   */
  listen(channel: string, onNotify: (payload: string) => void, onGap?: () => void): Promise<() => Promise<void>>;
  /** Answers when the database runs a statement within timeoutMs; rejects otherwise (readiness probe). */
  ping(timeoutMs: number): Promise<void>;
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

/** Time limits of the connection to a PostgreSQL server (decision 0023); 0 turns one off. */
export interface PostgresTimeouts {
  /** statement_timeout of every session: the server cancels a statement running longer (default 30 s). */
  statementTimeoutMs?: number;
  /**
   * How long the client waits for the answer to a statement before giving up on the connection (default: the
   * statement timeout + 5 s). This one also works when the server hangs or the network is cut, where the
   * server-side statement_timeout cannot fire.
   */
  queryTimeoutMs?: number;
  /** How long opening a connection, or waiting for a free one in the pool, may take (default 5 s). */
  connectTimeoutMs?: number;
}

const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/** The longest timer Node.js has: a script (exec) is never cut by the client (migrations may be long). */
const NO_CLIENT_TIMEOUT = 2 ** 31 - 1;

export async function openPostgres(connectionString: string, options: { max?: number } & PostgresTimeouts = {}): Promise<Database> {
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const queryTimeoutMs = options.queryTimeoutMs ?? (statementTimeoutMs > 0 ? statementTimeoutMs + 5_000 : 0);
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
    ...(queryTimeoutMs > 0 ? { query_timeout: queryTimeoutMs } : {}),
    // A server that vanished without closing the connection (failover, network cut) is noticed by TCP.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: 'irisdesk',
  });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const listeners = new Map<string, { handlers: Set<(payload: string) => void>; onGap: Set<() => void> }>();
  let listenClient: Promise<pg.PoolClient> | undefined;
  const released = new WeakSet<pg.PoolClient>();
  let relistening = false;
  let closed = false;

  // One dedicated connection carries every LISTEN of this process. If it breaks (server restart, network) or
  // stops answering, it is closed and replaced, and every channel is listened to again, retrying until it
  // works or the database is closed; then each listener is told that notifications may have been missed.
  const connectListenClient = (): Promise<pg.PoolClient> => {
    if (listenClient) return listenClient;
    const connecting: Promise<pg.PoolClient> = pool.connect().then((client) => {
      client.on('notification', (message) => {
        for (const handler of listeners.get(message.channel)?.handlers ?? []) handler(message.payload ?? '');
      });
      client.on('error', (error) => {
        if (listenClient !== connecting) return;
        abandon(connecting, client, error);
        void relisten();
      });
      return client;
    });
    connecting.catch(() => {
      if (listenClient === connecting) listenClient = undefined;
    });
    return (listenClient = connecting);
  };
  /** Gives the listening connection back to the pool to be closed; the next LISTEN opens another. */
  const abandon = (connecting: Promise<pg.PoolClient>, client: pg.PoolClient, error: Error | true) => {
    if (listenClient === connecting) listenClient = undefined;
    if (released.has(client)) return;
    released.add(client);
    client.release(error);
  };
  const relisten = async (): Promise<void> => {
    if (relistening) return;
    relistening = true;
    try {
      // Quick retries: IrisDesk should hear events again within a few seconds of the database's return.
      for (let delayMs = 250; !closed && listeners.size > 0; delayMs = Math.min(delayMs * 2, 2_000)) {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        if (closed || listeners.size === 0) return;
        const connecting = connectListenClient();
        let client: pg.PoolClient | undefined;
        try {
          client = await connecting;
          for (const channel of listeners.keys()) await client.query(`LISTEN ${quoteIdentifier(channel)}`);
        } catch (error) {
          if (client) abandon(connecting, client, error as Error);
          continue;
        }
        for (const { onGap } of listeners.values()) for (const gap of onGap) gap();
        return;
      }
    } finally {
      relistening = false;
    }
  };

  /** Runs one statement on a connection; a marked statement is prepared once per connection. */
  const run = async <R>(on: pg.Pool | pg.PoolClient, sql: string, params: readonly unknown[]): Promise<QueryResult<R>> => {
    const config = statement(sql, params);
    const result = typeof config === 'string' ? await on.query(sql, params as unknown[]) : await on.query(config);
    return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
  };

  return {
    engine: 'postgres',
    query: <R>(sql: string, params: readonly unknown[] = []) => run<R>(pool, sql, params),
    async exec(sql: string) {
      await pool.query({ text: sql, query_timeout: NO_CLIENT_TIMEOUT } as pg.QueryConfig);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      const client = await pool.connect();
      // The pool listens for errors of idle connections only. One checked out here that the server ends (restart,
      // failover) emits 'error': without a listener of ours, that would end the process.
      let broken: Error | undefined;
      const onError = (error: Error) => (broken ??= error);
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const tx: Queryable = {
          query: <R>(sql: string, params: readonly unknown[] = []) => run<R>(client, sql, params),
          async exec(sql: string) {
            await client.query({ text: sql, query_timeout: NO_CLIENT_TIMEOUT } as pg.QueryConfig);
          },
        };
        const value = await fn(tx);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        // A lost or silent connection is not rolled back (that would wait again): it is closed below, and the
        // server rolls back what it had.
        if (isDatabaseUnavailable(error)) broken ??= error as Error;
        if (!broken) await client.query('ROLLBACK').catch((rollbackError: Error) => (broken ??= rollbackError));
        throw error;
      } finally {
        client.off('error', onError);
        // With an error the pool closes the connection instead of lending it again.
        client.release(broken);
      }
    },
    async listen(channel, onNotify, onGap) {
      let entry = listeners.get(channel);
      if (!entry) {
        const connecting = connectListenClient();
        const client = await connecting;
        entry = listeners.get(channel);
        if (!entry) {
          entry = { handlers: new Set(), onGap: new Set() };
          listeners.set(channel, entry);
          try {
            await client.query(`LISTEN ${quoteIdentifier(channel)}`);
          } catch (error) {
            listeners.delete(channel);
            if (isDatabaseUnavailable(error)) {
              abandon(connecting, client, error as Error);
              void relisten(); // for the channels listened to already
            }
            throw error;
          }
        }
      }
      entry.handlers.add(onNotify);
      if (onGap) entry.onGap.add(onGap);
      const current = entry;
      return async () => {
        current.handlers.delete(onNotify);
        if (onGap) current.onGap.delete(onGap);
        if (current.handlers.size === 0 && listeners.get(channel) === current) {
          listeners.delete(channel);
          const active = await listenClient?.catch(() => undefined);
          await active?.query(`UNLISTEN ${quoteIdentifier(channel)}`).catch(() => undefined);
        }
      };
    },
    async ping(timeoutMs) {
      await withTimeout(pool.query({ text: 'SELECT 1', query_timeout: timeoutMs } as pg.QueryConfig), timeoutMs);
    },
    poolStats() {
      return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
    },
    async close() {
      closed = true;
      const connecting = listenClient;
      const client = await connecting?.catch(() => undefined);
      if (connecting && client) abandon(connecting, client, true);
      await pool.end();
    },
  };
}

/** Rejects with a "Query read timeout" (a database-unavailable error) when the work takes longer. */
function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('Query read timeout')), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Opens PGlite in a data folder (created on first use) or in memory (`memory://`), optionally from a dump
 * made by dumpDataDir (tests start from a migrated, seeded template that way).
 */
export async function openPglite(dataDir: string, options: { loadDataDir?: Blob | File } = {}): Promise<Database & { dumpDataDir: () => Promise<Blob> }> {
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
      // One embedded connection that never restarts: no gap to report.
      const unlisten = await db.listen(channel, onNotify);
      return async () => unlisten();
    },
    async ping(timeoutMs) {
      await withTimeout(db.query('SELECT 1'), timeoutMs);
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

export async function openDatabase(config: { databaseUrl: string | undefined; dataDir: string; databaseTimeouts?: PostgresTimeouts }): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, config.databaseTimeouts) : openPglite(config.dataDir);
}
