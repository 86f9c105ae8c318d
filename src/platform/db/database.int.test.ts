// The database adapter itself: transactions roll back, NOTIFY reaches listeners, and on the PostgreSQL
// server a broken LISTEN connection is replaced without losing the subscriptions; connections lost or silent
// inside a transaction neither end the process nor come back from the pool (decision 0023).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/database.ts';
import { openPostgres, type Database } from './database.ts';
import { isDatabaseUnavailable } from './unavailable.ts';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.drop());

function nextPayload(channel: string, timeoutMs = 5_000): { promise: Promise<string>; ready: Promise<() => Promise<void>> } {
  let resolve!: (value: string) => void;
  const promise = new Promise<string>((r, reject) => {
    resolve = r;
    setTimeout(() => reject(new Error(`no notification on ${channel}`)), timeoutMs);
  });
  return { promise, ready: db.listen(channel, (payload) => resolve(payload)) };
}

describe('database adapter', () => {
  it('rolls a failed transaction back entirely', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO sign_in_throttle (key, guesses) VALUES ('address:192.0.2.55', 1)`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM sign_in_throttle WHERE key = 'address:192.0.2.55'`);
    expect(rows[0]!.count).toBe(0);
  });

  it('delivers NOTIFY to a listener, with int8 as numbers on both engines', async () => {
    const { promise, ready } = nextPayload('adapter_test');
    const unlisten = await ready;
    await db.query(`SELECT pg_notify('adapter_test', 'hello')`);
    expect(await promise).toBe('hello');
    await unlisten();
    const { rows } = await db.query<{ n: number }>('SELECT 9007199254740::int8 AS n');
    expect(rows[0]!.n).toBe(9007199254740);
  });

  it.skipIf(db?.engine === 'pglite' || !process.env.TEST_DATABASE_URL)('listens again after its connection is killed', async () => {
    const first = nextPayload('adapter_reconnect');
    await first.ready;
    await db.query(`SELECT pg_notify('adapter_reconnect', 'before')`);
    expect(await first.promise).toBe('before');
    await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN%'`,
    );
    // The subscription made before the break must work again once the adapter has reconnected.
    let received = '';
    await db.listen('adapter_reconnect', (payload) => (received = payload));
    const deadline = Date.now() + 10_000;
    while (received !== 'after' && Date.now() < deadline) {
      await db.query(`SELECT pg_notify('adapter_reconnect', 'after')`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(received).toBe('after');
  });

  it('answers ping within its limit, on both engines', async () => {
    await db.ping(1000);
  });
});

const serverOnly = !process.env.TEST_DATABASE_URL;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const terminate = (pid: number) => db.query('SELECT pg_terminate_backend($1)', [pid]);

describe.skipIf(serverOnly)('database adapter when its PostgreSQL connections fail', () => {
  /** A pool of one connection on the test database: a broken connection lent again would show at once. */
  const single = (timeouts: { statementTimeoutMs?: number; queryTimeoutMs?: number; connectTimeoutMs?: number } = {}) =>
    openPostgres(db.connectionString!, { max: 1, ...timeouts });

  it('survives the server ending a connection held by a transaction, and lends a new one after', async () => {
    const pool = await single();
    try {
      const failed = pool.transaction(async (tx) => {
        const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await terminate(rows[0]!.pid);
        // Idle in the transaction while the server ends it: the connection emits 'error' with nobody querying.
        await sleep(300);
        await tx.query('SELECT 1');
      });
      const error = await failed.then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(isDatabaseUnavailable(error), String(error)).toBe(true);
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.close();
    }
  });

  it('gives up on a silent statement after the query timeout and never lends that connection again', async () => {
    const pool = await single({ statementTimeoutMs: 0, queryTimeoutMs: 300 });
    try {
      let started = Date.now();
      const direct = await pool.query('SELECT pg_sleep(3)').then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(isDatabaseUnavailable(direct), String(direct)).toBe(true);
      expect(Date.now() - started).toBeLessThan(2000);
      started = Date.now();
      const inTransaction = await pool
        .transaction(async (tx) => tx.query('SELECT pg_sleep(3)'))
        .then(
          () => undefined,
          (reason: unknown) => reason,
        );
      expect(isDatabaseUnavailable(inTransaction), String(inTransaction)).toBe(true);
      // No ROLLBACK waited behind the silent statement.
      expect(Date.now() - started).toBeLessThan(2000);
      started = Date.now();
      expect((await pool.transaction((tx) => tx.query<{ one: number }>('SELECT 1 AS one'))).rows).toEqual([{ one: 1 }]);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await pool.close();
    }
  });

  it('has the server cancel a statement past the statement timeout, but never a script (migrations)', async () => {
    const pool = await single({ statementTimeoutMs: 200 });
    try {
      const error = await pool.query('SELECT pg_sleep(1)').then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect((error as { code?: string }).code).toBe('57014');
      expect(isDatabaseUnavailable(error)).toBe(true);
      await pool.transaction(async (tx) => tx.exec('SET LOCAL statement_timeout = 0; SELECT pg_sleep(0.5)'));
    } finally {
      await pool.close();
    }
  });

  it('answers ping with a refusal within its limit when no connection is free', async () => {
    const pool = await single();
    try {
      let release!: () => void;
      const held = pool.transaction(() => new Promise<void>((resolve) => (release = resolve)));
      await sleep(50);
      const started = Date.now();
      await expect(pool.ping(300)).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(1000);
      release();
      await held;
      await pool.ping(1000);
    } finally {
      await pool.close();
    }
  });

  it('tells listeners that notifications may have been missed once it listens again', async () => {
    const pool: Database = await openPostgres(db.connectionString!, { max: 3 });
    try {
      const received: string[] = [];
      let gaps = 0;
      await pool.listen(
        'adapter_gap',
        (payload) => received.push(payload),
        () => gaps++,
      );
      const { rows } = await db.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN "adapter_gap"'`,
      );
      expect(rows).toHaveLength(1);
      await terminate(rows[0]!.pid);
      const deadline = Date.now() + 5000;
      while (gaps === 0 && Date.now() < deadline) await sleep(50);
      expect(gaps).toBe(1);
      await db.query(`SELECT pg_notify('adapter_gap', 'after')`);
      while (!received.includes('after') && Date.now() < deadline) await sleep(50);
      expect(received).toEqual(['after']);
    } finally {
      await pool.close();
    }
  });
});
