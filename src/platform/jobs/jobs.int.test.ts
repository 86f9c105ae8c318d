// The durable job queue on a real database: on the PostgreSQL server (TEST_DATABASE_URL) two workers use
// two separate connection pools, as two instances would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSecondPool, openTestDatabase } from '../../../test/database.ts';
import type { Database } from '../db/database.ts';
import { cancelJob, enqueue, enqueueMany, enqueueManySql } from './queue.ts';
import { createJobRegistry, PermanentJobError } from './registry.ts';
import { getJob } from './repository.ts';
import { runDueJobs, startJobWorker, type JobWorker } from './worker.ts';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let second: Database;
beforeAll(async () => {
  db = await openTestDatabase();
  second = await openSecondPool(db);
});
afterAll(async () => {
  await second.close();
  await db.drop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => Promise<boolean> | boolean, timeoutMs = 15_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await sleep(20);
  }
}
const statusCounts = async (type: string) => {
  const { rows } = await db.query<{ status: string; count: number }>('SELECT status, count(*)::int AS count FROM jobs WHERE type = $1 GROUP BY status', [type]);
  return Object.fromEntries(rows.map((row) => [row.status, row.count]));
};

describe('job queue', () => {
  it('runs 200 jobs exactly once with two competing workers on two connection pools', async () => {
    const runs = new Map<number, string[]>();
    const makeRegistry = (name: string) => {
      const registry = createJobRegistry();
      registry.register<{ n: number }>('test.contention', async (payload) => {
        runs.set(payload.n, [...(runs.get(payload.n) ?? []), name]);
        await sleep(Math.random() * 3);
      });
      return registry;
    };
    await db.transaction(async (tx) => {
      for (let n = 0; n < 200; n++) await enqueue(tx, 'test.contention', { n });
    });
    const workers: JobWorker[] = [
      await startJobWorker({ db, registry: makeRegistry('A'), concurrency: 4, pollIntervalMs: 50, workerId: 'worker-a' }),
      await startJobWorker({ db: second, registry: makeRegistry('B'), concurrency: 4, pollIntervalMs: 50, workerId: 'worker-b' }),
    ];
    try {
      await until(async () => (await statusCounts('test.contention')).done === 200, 60_000);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
    expect(runs.size).toBe(200);
    const twice = [...runs].filter(([, by]) => by.length !== 1);
    expect(twice).toEqual([]);
    const byA = [...runs.values()].filter((by) => by[0] === 'A').length;
    console.log(`200 jobs on ${db.engine}: worker A ran ${byA}, worker B ran ${200 - byA}, none twice`);
    if (db.connectionString) {
      expect(byA, 'both workers took part').toBeGreaterThan(0);
      expect(byA, 'both workers took part').toBeLessThan(200);
    }
    expect(workers[0]!.summary.done + workers[1]!.summary.done).toBe(200);
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    const seen: Array<{ attempt: number; at: number; lastError: string | null }> = [];
    const registry = createJobRegistry();
    registry.register('test.flaky', async (_payload, job) => {
      seen.push({ attempt: job.attempts, at: Date.now(), lastError: (await getJob(db, job.id))?.last_error ?? null });
      if (job.attempts < 3) throw new Error(`temporary failure ${job.attempts}`);
    });
    const { id } = await enqueue(db, 'test.flaky', {}, { maxAttempts: 5 });
    const worker = await startJobWorker({ db, registry, pollIntervalMs: 20, retryBaseMs: 200, retryMaxMs: 1000 });
    try {
      await until(async () => (await getJob(db, id))?.status === 'done');
    } finally {
      await worker.stop();
    }
    expect(seen.map((s) => s.attempt)).toEqual([1, 2, 3]);
    expect(seen.map((s) => s.lastError)).toEqual([null, 'Error: temporary failure 1', 'Error: temporary failure 2']);
    // base 200 ms ±20 %, then doubled
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(150);
    expect(seen[2]!.at - seen[1]!.at).toBeGreaterThanOrEqual(300);
    expect(await getJob(db, id)).toMatchObject({ attempts: 3, status: 'done' });
  });

  it('keeps a job that keeps failing as dead, with its last error, after max attempts', async () => {
    const registry = createJobRegistry();
    registry.register('test.broken', async () => {
      throw new Error('the remote service answered 503 for mary@example.org');
    });
    const { id } = await enqueue(db, 'test.broken', { what: 'x' }, { maxAttempts: 3 });
    const permanent = await enqueue(db, 'test.broken.permanent', {}, { maxAttempts: 5 });
    registry.register('test.broken.permanent', async () => {
      throw new PermanentJobError('invalid payload');
    });
    const worker = await startJobWorker({ db, registry, pollIntervalMs: 20, retryBaseMs: 30, retryMaxMs: 60 });
    try {
      await until(async () => (await getJob(db, id))?.status === 'dead' && (await getJob(db, permanent.id))?.status === 'dead');
    } finally {
      await worker.stop();
    }
    const dead = await getJob(db, id);
    expect(dead).toMatchObject({ status: 'dead', attempts: 3, max_attempts: 3, payload: { what: 'x' } });
    expect(dead?.finished_at).toBeInstanceOf(Date);
    expect(dead?.last_error).toBe('Error: the remote service answered 503 for [address]');
    expect(await getJob(db, permanent.id)).toMatchObject({ status: 'dead', attempts: 1, last_error: 'PermanentJobError: invalid payload' });
  });

  it('waits for a scheduled job until its time', async () => {
    const ranAt: number[] = [];
    const registry = createJobRegistry();
    registry.register('test.scheduled', async () => {
      ranAt.push(Date.now());
    });
    const runAt = new Date(Date.now() + 1500);
    await enqueue(db, 'test.scheduled', {}, { runAt });
    const worker = await startJobWorker({ db, registry, pollIntervalMs: 50 });
    try {
      await sleep(700);
      expect(ranAt).toEqual([]);
      await until(() => ranAt.length === 1, 10_000);
    } finally {
      await worker.stop();
    }
    expect(ranAt[0]!).toBeGreaterThanOrEqual(runAt.getTime() - 50);
  });

  it('wakes up on NOTIFY as soon as a job is enqueued, long before the next poll', async () => {
    const ran: number[] = [];
    const registry = createJobRegistry();
    registry.register('test.wake', async () => {
      ran.push(Date.now());
    });
    const worker = await startJobWorker({ db: second, registry, pollIntervalMs: 60_000 });
    try {
      await sleep(100); // the first poll is over; the next is a minute away
      const enqueuedAt = Date.now();
      await enqueue(db, 'test.wake', {});
      await until(() => ran.length === 1, 5000);
      expect(ran[0]! - enqueuedAt).toBeLessThan(2000);
    } finally {
      await worker.stop();
    }
  });

  it('enqueues as part of the caller’s statement: only when its condition holds, waking the workers for a job due now', async () => {
    const ran: string[] = [];
    const registry = createJobRegistry();
    registry.register('test.part', async (payload: { n: string }) => {
      ran.push(payload.n);
    });
    const worker = await startJobWorker({ db: second, registry, pollIntervalMs: 60_000 });
    try {
      await sleep(100); // the first poll is over; the next is a minute away
      const later = new Date(Date.now() + 3_600_000);
      const insertWith = async (keep: boolean, n: string) => {
        const part = enqueueManySql(
          'j',
          [
            { type: 'test.part', payload: { n } },
            { type: 'test.part', payload: { n: `${n}-later` }, runAt: later },
          ],
          2,
          '$1::boolean',
        );
        const { rows } = await db.query<{ woken: number }>(`WITH ${part.cte} SELECT ${part.notify}::int AS woken`, [keep, ...part.params]);
        return rows[0]!.woken;
      };
      expect(await insertWith(false, 'skipped')).toBe(0);
      const enqueuedAt = Date.now();
      expect(await insertWith(true, 'kept')).toBe(1); // only the job due now is announced
      await until(() => ran.length === 1, 5000);
      expect(Date.now() - enqueuedAt).toBeLessThan(2000);
      expect(ran).toEqual(['kept']);
      const { rows } = await db.query<{ n: string; queued: boolean }>(
        `SELECT payload->>'n' AS n, status = 'queued' AS queued FROM jobs WHERE type = 'test.part' ORDER BY id`,
      );
      expect(rows).toEqual([
        { n: 'kept', queued: false },
        { n: 'kept-later', queued: true },
      ]);
    } finally {
      await worker.stop();
    }
  });

  it('enqueues inside the caller’s transaction: a rolled-back request leaves no job', async () => {
    await expect(
      db.transaction(async (tx) => {
        await enqueue(tx, 'test.tx', { keep: false });
        throw new Error('request failed');
      }),
    ).rejects.toThrow('request failed');
    await db.transaction(async (tx) => {
      await enqueue(tx, 'test.tx', { keep: true });
    });
    const { rows } = await db.query<{ payload: { keep: boolean } }>(`SELECT payload FROM jobs WHERE type = 'test.tx'`);
    expect(rows.map((row) => row.payload.keep)).toEqual([true]);
  });

  it('does not queue the same job twice under a unique key, and can reschedule or cancel it', async () => {
    const first = await enqueue(db, 'test.unique', { v: 1 }, { uniqueKey: 'request-42', runAt: new Date(Date.now() + 60_000) });
    const again = await enqueue(db, 'test.unique', { v: 2 }, { uniqueKey: 'request-42' });
    expect(again).toEqual({ id: first.id, created: false });
    expect((await getJob(db, first.id))?.payload).toEqual({ v: 1 });
    const later = new Date(Date.now() + 120_000);
    const replaced = await enqueue(db, 'test.unique', { v: 3 }, { uniqueKey: 'request-42', runAt: later, replace: true });
    expect(replaced).toEqual({ id: first.id, created: false });
    const job = await getJob(db, first.id);
    expect(job?.payload).toEqual({ v: 3 });
    expect(Math.abs(job!.run_at.getTime() - later.getTime())).toBeLessThan(5);
    expect(await cancelJob(db, 'test.unique', 'request-42')).toBe(true);
    expect(await getJob(db, first.id)).toBeUndefined();
    // Once a job with the key has finished, the key may be used again.
    const registry = createJobRegistry();
    registry.register('test.unique', async () => undefined);
    await enqueue(db, 'test.unique', {}, { uniqueKey: 'request-43' });
    await runDueJobs({ db, registry });
    expect((await enqueue(db, 'test.unique', {}, { uniqueKey: 'request-43' })).created).toBe(true);
  });

  it('enqueues several jobs in one statement with the meaning of enqueue for each, results in order', async () => {
    const soon = new Date(Date.now() + 60_000);
    const kept = await enqueue(db, 'test.many', { v: 'kept' }, { uniqueKey: 'k1', runAt: soon });
    const toReplace = await enqueue(db, 'test.many', { v: 'old' }, { uniqueKey: 'k2', runAt: soon });
    const later = new Date(Date.now() + 120_000);
    const results = await db.transaction((tx) =>
      enqueueMany(tx, [
        { type: 'test.many', payload: { v: 'a' }, runAt: later },
        { type: 'test.many', payload: { v: 'kept?' }, uniqueKey: 'k1' },
        { type: 'test.many', payload: { v: 'new' }, uniqueKey: 'k2', replace: true, runAt: later },
        { type: 'test.many', payload: { v: 'k3' }, uniqueKey: 'k3', maxAttempts: 5 },
        { type: 'test.many', payload: { v: 'k3 again' }, uniqueKey: 'k3' },
        { type: 'test.many.other', payload: { v: 'b' }, uniqueKey: 'k3' },
        { type: 'test.many', payload: { v: 'c' } },
      ]),
    );
    expect(results.map((r) => r.created)).toEqual([true, false, false, true, false, true, true]);
    expect(results[1]!.id).toBe(kept.id);
    expect(results[2]!.id).toBe(toReplace.id);
    expect(results[4]!.id).toBe(results[3]!.id);
    const payload = async (id: number) => (await getJob(db, id))?.payload;
    expect(await Promise.all(results.map((r) => payload(r.id)))).toEqual([
      { v: 'a' },
      { v: 'kept' },
      { v: 'new' },
      { v: 'k3' },
      { v: 'k3' },
      { v: 'b' },
      { v: 'c' },
    ]);
    expect(results[0]!.id).toBeLessThan(results[6]!.id);
    const replaced = await getJob(db, toReplace.id);
    expect(Math.abs(replaced!.run_at.getTime() - later.getTime())).toBeLessThan(5);
    expect((await getJob(db, results[3]!.id))?.max_attempts).toBe(5);
    expect(await enqueueMany(db, [])).toEqual([]);
  });

  it('takes back a job whose worker crashed and runs it again', async () => {
    const { id } = await enqueue(db, 'test.crash', { n: 1 }, { maxAttempts: 3 });
    // A worker claimed the job (attempt 1), then died: the row stays "running" until its lease runs out.
    await db.query(
      `UPDATE jobs SET status = 'running', attempts = 1, locked_by = 'crashed-worker', locked_until = now() + interval '400 milliseconds' WHERE id = $1`,
      [id],
    );
    let ran = 0;
    const registry = createJobRegistry();
    registry.register('test.crash', async () => {
      ran++;
    });
    const worker = await startJobWorker({ db, registry, pollIntervalMs: 100 });
    try {
      await sleep(200);
      expect(ran).toBe(0); // the lease still holds
      await until(async () => (await getJob(db, id))?.status === 'done', 10_000);
    } finally {
      await worker.stop();
    }
    expect(ran).toBe(1);
    expect(await getJob(db, id)).toMatchObject({ attempts: 2, status: 'done' });
  });

  it('stops cleanly: waits for the running job and claims nothing after', async () => {
    let finished = false;
    const registry = createJobRegistry();
    registry.register('test.stop', async () => {
      await sleep(300);
      finished = true;
    });
    const { id } = await enqueue(db, 'test.stop', {});
    const worker = await startJobWorker({ db, registry, pollIntervalMs: 20 });
    await until(async () => (await getJob(db, id))?.status === 'running');
    await worker.stop();
    expect(finished).toBe(true);
    expect((await getJob(db, id))?.status).toBe('done');
    const { id: after } = await enqueue(db, 'test.stop', {});
    await sleep(200);
    expect((await getJob(db, after))?.status).toBe('queued');
  });

  it('hands a job still running when the stop time is up back to the queue at once, for another worker', async () => {
    const started: string[] = [];
    let aborted = false;
    const slow = createJobRegistry();
    slow.register('test.handback', async (_payload, job) => {
      started.push('stopping');
      // Runs far longer than the stop allows (and than the test), and stops when told to.
      await new Promise<void>((resolve) => {
        job.signal.addEventListener('abort', () => {
          aborted = true;
          resolve();
        });
        setTimeout(resolve, 60_000).unref();
      });
    });
    const { id } = await enqueue(db, 'test.handback', {}, { maxAttempts: 1 });
    const stopping = await startJobWorker({ db, registry: slow, pollIntervalMs: 20, stopTimeoutMs: 200, leaseMs: 10 * 60_000, workerId: 'stopping-worker' });
    await until(async () => (await getJob(db, id))?.status === 'running');
    const stopAsked = Date.now();
    await stopping.stop();
    expect(Date.now() - stopAsked).toBeLessThan(5_000);
    expect(aborted).toBe(true);
    // Queued again at once, although its 10-minute lease had far to run; the cut attempt does not count, so
    // a job with a single attempt is not marked dead by a restart.
    expect(await getJob(db, id)).toMatchObject({ status: 'queued', attempts: 0, locked_by: null, locked_until: null });
    expect((await getJob(db, id))?.last_error).toContain('stopping-worker');

    // Another instance's worker (its own pool) runs it now, woken by the hand-back, long before its poll.
    const registry = createJobRegistry();
    registry.register('test.handback', async () => {
      started.push('other');
    });
    const other = await startJobWorker({ db: second, registry, pollIntervalMs: 60_000, workerId: 'other-worker' });
    try {
      await until(async () => (await getJob(db, id))?.status === 'done', 10_000);
    } finally {
      await other.stop();
    }
    expect(started).toEqual(['stopping', 'other']);
    expect(await getJob(db, id)).toMatchObject({ status: 'done', attempts: 1 });
  });
});
