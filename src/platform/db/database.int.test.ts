// The database adapter itself: transactions roll back, NOTIFY reaches listeners, and on the PostgreSQL
// server a broken LISTEN connection is replaced without losing the subscriptions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/database.ts';

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
        await tx.query(`INSERT INTO login_failures (client_ip) VALUES ('192.0.2.55')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM login_failures WHERE client_ip = '192.0.2.55'`);
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
});
