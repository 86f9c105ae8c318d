// Every SQL statement of the job queue.
import { prepared, type Queryable } from '../db/database.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'dead';

export interface ClaimedJob {
  id: number;
  type: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  run_at: Date;
  created_at: Date;
  unique_key: string | null;
}

export interface JobRow extends ClaimedJob {
  status: JobStatus;
  last_error: string | null;
  locked_by: string | null;
  locked_until: Date | null;
  finished_at: Date | null;
}

export async function insertJob(
  db: Queryable,
  job: { type: string; payload: string; runAt: Date | null; maxAttempts: number; uniqueKey: string | null; replace: boolean; channel: string },
): Promise<{ id: number; created: boolean }> {
  // The NOTIFY is part of the statement (and so of the caller's transaction): it is delivered on commit,
  // only for a job due now.
  const inserted = await db.query<{ id: number }>(
    prepared(`WITH ins AS (
       INSERT INTO jobs (type, payload, run_at, max_attempts, unique_key)
       VALUES ($1, $2::jsonb, COALESCE($3::timestamptz, now()), $4, $5)
       ON CONFLICT (type, unique_key) WHERE unique_key IS NOT NULL AND status IN ('queued', 'running') DO NOTHING
       RETURNING id, run_at)
     SELECT ins.id FROM ins
       LEFT JOIN LATERAL (SELECT pg_notify($6, $1) WHERE ins.run_at <= now()) n ON true`),
    [job.type, job.payload, job.runAt, job.maxAttempts, job.uniqueKey, job.channel],
  );
  if (inserted.rows[0]) return { id: inserted.rows[0].id, created: true };
  if (job.replace) {
    const replaced = await db.query<{ id: number }>(
      `WITH upd AS (
         UPDATE jobs SET payload = $3::jsonb, run_at = COALESCE($4::timestamptz, now()), max_attempts = $5, updated_at = now()
          WHERE type = $1 AND unique_key = $2 AND status = 'queued'
         RETURNING id, run_at)
       SELECT upd.id FROM upd
         LEFT JOIN LATERAL (SELECT pg_notify($6, $1) WHERE upd.run_at <= now()) n ON true`,
      [job.type, job.uniqueKey, job.payload, job.runAt, job.maxAttempts, job.channel],
    );
    if (replaced.rows[0]) return { id: replaced.rows[0].id, created: false };
  }
  const existing = await db.query<{ id: number }>(`SELECT id FROM jobs WHERE type = $1 AND unique_key = $2 AND status IN ('queued', 'running')`, [
    job.type,
    job.uniqueKey,
  ]);
  if (existing.rows[0]) return { id: existing.rows[0].id, created: false };
  // The other job finished between our insert and this look-up: the key is free again, so try once more.
  return insertJob(db, job);
}

/**
 * Inserts several jobs in one statement, each as insertJob's first step (a job whose unique key is taken by a
 * queued or running job, or by an earlier job of the same list, is skipped), and notifies `channel` with the type of
 * each job due now (identical notifications of one transaction are delivered once). Returns the new ids by position in `jobs`, undefined for a skipped one.
 */
export async function insertJobs(
  db: Queryable,
  jobs: ReadonlyArray<{ type: string; payload: string; runAt: Date | null; maxAttempts: number; uniqueKey: string | null }>,
  channel: string,
): Promise<Array<number | undefined>> {
  // Rows are inserted in the list's order, so ids grow with the position; `n` is matched back through the
  // unique key (jobs with one) or through that order (jobs without one never conflict).
  const part = insertJobsSql('ins', jobs, channel, 1);
  const { rows } = await db.query<{ id: number; type: string; uniqueKey: string | null }>(
    prepared(`WITH ${part.cte}
     SELECT ins.id, ins.type, ins.unique_key AS "uniqueKey", ${part.notify} AS woken FROM ins ORDER BY ins.id`),
    part.params,
  );
  const ids: Array<number | undefined> = jobs.map(() => undefined);
  const keyed = new Map<string, number>();
  const unkeyed: number[] = [];
  for (const row of rows) {
    if (row.uniqueKey === null) unkeyed.push(row.id);
    else keyed.set(`${row.type}\u0000${row.uniqueKey}`, row.id);
  }
  jobs.forEach((job, i) => {
    if (job.uniqueKey === null) {
      ids[i] = unkeyed.shift();
    } else {
      const key = `${job.type}\u0000${job.uniqueKey}`;
      ids[i] = keyed.get(key);
      keyed.delete(key); // a second job with the same key in the list was skipped
    }
  });
  return ids;
}

/**
 * insertJobs's statement as parts of a caller's own statement (one round trip for a request and its jobs). A
 * job whose unique key is taken is skipped without a word, so a caller that does not look at the inserted rows
 * uses it only for keys that cannot be taken yet (those of a row created in the same statement). `cte` is a
 * data-modifying WITH item called `name` (returning id, type, unique_key, run_at), inserting only when the SQL
 * condition `when` holds; `notify` is a scalar expression that wakes the workers for the jobs due now — the
 * caller must select it, or no NOTIFY is sent. Parameters are numbered from `first`.
 */
export function insertJobsSql(
  name: string,
  jobs: ReadonlyArray<{ type: string; payload: string; runAt: Date | null; maxAttempts: number; uniqueKey: string | null }>,
  channel: string,
  first: number,
  when = 'true',
): { cte: string; notify: string; params: unknown[] } {
  const p = (n: number) => `$${first + n}`;
  return {
    cte: `${name} AS (
       INSERT INTO jobs (type, payload, run_at, max_attempts, unique_key)
       SELECT type, payload, COALESCE(run_at, now()), max_attempts, unique_key
         FROM unnest(${p(0)}::text[], ${p(1)}::jsonb[], ${p(2)}::timestamptz[], ${p(3)}::int[], ${p(4)}::text[])
              WITH ORDINALITY AS i(type, payload, run_at, max_attempts, unique_key, n)
        WHERE ${when} ORDER BY n
       ON CONFLICT (type, unique_key) WHERE unique_key IS NOT NULL AND status IN ('queued', 'running') DO NOTHING
       RETURNING id, type, unique_key, run_at)`,
    notify: `(SELECT count(pg_notify(${p(5)}::text, ${name}.type)) FROM ${name} WHERE ${name}.run_at <= now())`,
    params: [
      jobs.map((j) => j.type),
      jobs.map((j) => j.payload),
      jobs.map((j) => j.runAt),
      jobs.map((j) => j.maxAttempts),
      jobs.map((j) => j.uniqueKey),
      channel,
    ],
  };
}

export async function cancelQueuedJob(db: Queryable, type: string, uniqueKey: string): Promise<boolean> {
  const result = await db.query(`DELETE FROM jobs WHERE type = $1 AND unique_key = $2 AND status = 'queued'`, [type, uniqueKey]);
  return result.rowCount > 0;
}

/**
 * Takes up to `limit` due jobs of the given types for this worker. SKIP LOCKED makes concurrent workers
 * take different rows instead of waiting for each other; each claimed job counts one attempt and gets a
 * lease (per type in `leases`, milliseconds, else `defaultLeaseMs`).
 */
export async function claimJobs(
  db: Queryable,
  claim: { workerId: string; types: string[]; limit: number; leases: Record<string, number>; defaultLeaseMs: number },
): Promise<ClaimedJob[]> {
  if (claim.types.length === 0 || claim.limit < 1) return [];
  const { rows } = await db.query<ClaimedJob>(
    `WITH due AS (
       SELECT id FROM jobs
        WHERE status = 'queued' AND run_at <= now() AND type = ANY($1::text[])
        ORDER BY run_at, id
        LIMIT $2
        FOR UPDATE SKIP LOCKED)
     UPDATE jobs j
        SET status = 'running', attempts = j.attempts + 1, locked_by = $3, updated_at = now(),
            locked_until = now() + make_interval(secs => COALESCE(($4::jsonb ->> j.type)::double precision, $5) / 1000)
       FROM due
      WHERE j.id = due.id
     RETURNING j.id, j.type, j.payload, j.attempts, j.max_attempts, j.run_at, j.created_at, j.unique_key`,
    [claim.types, claim.limit, claim.workerId, JSON.stringify(claim.leases), claim.defaultLeaseMs],
  );
  return rows.sort((a, b) => a.run_at.getTime() - b.run_at.getTime() || a.id - b.id);
}

/** Marks a job done, if this worker still holds it. False means the lease was lost meanwhile. */
export async function completeJob(db: Queryable, id: number, workerId: string): Promise<boolean> {
  const result = await db.query(
    `UPDATE jobs SET status = 'done', finished_at = now(), updated_at = now(), locked_by = NULL, locked_until = NULL
      WHERE id = $1 AND locked_by = $2 AND status = 'running'`,
    [id, workerId],
  );
  return result.rowCount > 0;
}

/** Records a failed attempt: back to the queue after `retryInMs`, or dead when retryInMs is null. */
export async function failJob(db: Queryable, id: number, workerId: string, error: string, retryInMs: number | null): Promise<boolean> {
  const result = await db.query(
    `UPDATE jobs
        SET status = CASE WHEN $4::double precision IS NULL THEN 'dead' ELSE 'queued' END,
            run_at = CASE WHEN $4::double precision IS NULL THEN run_at
                          ELSE now() + make_interval(secs => $4::double precision / 1000) END,
            finished_at = CASE WHEN $4::double precision IS NULL THEN now() END,
            last_error = $3, locked_by = NULL, locked_until = NULL, updated_at = now()
      WHERE id = $1 AND locked_by = $2 AND status = 'running'`,
    [id, workerId, error, retryInMs],
  );
  return result.rowCount > 0;
}

/**
 * Takes back jobs whose lease ran out (their worker crashed or hung): queued again to run at once, or dead
 * when that was their last attempt.
 */
export async function recoverExpiredJobs(db: Queryable): Promise<Array<{ id: number; type: string; status: JobStatus }>> {
  const { rows } = await db.query<{ id: number; type: string; status: JobStatus }>(
    `UPDATE jobs j
        SET status = CASE WHEN j.attempts >= j.max_attempts THEN 'dead' ELSE 'queued' END,
            finished_at = CASE WHEN j.attempts >= j.max_attempts THEN now() END,
            run_at = now(),
            last_error = 'The worker ' || COALESCE(j.locked_by, '?') || ' stopped before finishing this job (lease expired).',
            locked_by = NULL, locked_until = NULL, updated_at = now()
      WHERE j.id IN (SELECT id FROM jobs WHERE status = 'running' AND locked_until < now() FOR UPDATE SKIP LOCKED)
     RETURNING j.id, j.type, j.status`,
  );
  return rows;
}

/**
 * Hands jobs this worker is still running back to the queue at once (a stopping instance past its grace
 * period), to run now on another worker instead of after their lease. The cut attempt does not count, and the
 * workers of every instance are woken (NOTIFY on `channel`). Returns the ids handed back.
 */
export async function releaseJobs(db: Queryable, ids: readonly number[], workerId: string, channel: string): Promise<number[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<{ id: number }>(
    `WITH released AS (
       UPDATE jobs
          SET status = 'queued', run_at = now(), attempts = GREATEST(attempts - 1, 0),
              last_error = 'The worker ' || $2 || ' stopped before finishing this job (handed back at shutdown).',
              locked_by = NULL, locked_until = NULL, updated_at = now()
        WHERE id = ANY($1::bigint[]) AND locked_by = $2 AND status = 'running'
       RETURNING id, type)
     SELECT id, pg_notify($3, type) IS NULL AS woken FROM released`,
    [ids, workerId, channel],
  );
  return rows.map((row) => Number(row.id));
}

/** Forgets finished jobs: done ones after `doneDays`, dead ones (kept for inspection) after `deadDays`. */
export async function purgeFinishedJobs(db: Queryable, doneDays: number, deadDays: number): Promise<number> {
  const result = await db.query(
    `DELETE FROM jobs
      WHERE (status = 'done' AND finished_at < now() - make_interval(days => $1))
         OR (status = 'dead' AND finished_at < now() - make_interval(days => $2))`,
    [doneDays, deadDays],
  );
  return result.rowCount;
}

export async function getJob(db: Queryable, id: number): Promise<JobRow | undefined> {
  const { rows } = await db.query<JobRow>(
    `SELECT id, type, payload, status, attempts, max_attempts, run_at, created_at, unique_key, last_error,
            locked_by, locked_until, finished_at
       FROM jobs WHERE id = $1`,
    [id],
  );
  return rows[0];
}

/** The queue of one job type now, for /metrics and the administrators' mail page (done jobs are not counted). */
export interface JobTypeStatistics {
  type: string;
  /** queued and due: waiting for a free worker */
  due: number;
  /** queued for later (a timer, or the retry of a failed attempt) */
  scheduled: number;
  running: number;
  /** queued (due or scheduled) after a failed attempt: waiting for their retry */
  retrying: number;
  /** gave up after their last attempt, kept for inspection */
  dead: number;
  /** run_at of the oldest due job, null when none is due */
  oldestDueAt: Date | null;
}

/** Every job type with unfinished or dead jobs, in one statement (the partial indexes leave done jobs out of most of it). */
export async function jobStatistics(db: Queryable): Promise<JobTypeStatistics[]> {
  const { rows } = await db.query<JobTypeStatistics>(
    prepared(`SELECT type,
            count(*) FILTER (WHERE status = 'queued' AND run_at <= now())::int AS due,
            count(*) FILTER (WHERE status = 'queued' AND run_at > now())::int AS scheduled,
            count(*) FILTER (WHERE status = 'running')::int AS running,
            count(*) FILTER (WHERE status = 'queued' AND last_error IS NOT NULL)::int AS retrying,
            count(*) FILTER (WHERE status = 'dead')::int AS dead,
            min(run_at) FILTER (WHERE status = 'queued' AND run_at <= now()) AS "oldestDueAt"
       FROM jobs WHERE status IN ('queued', 'running', 'dead')
      GROUP BY type ORDER BY type`),
  );
  return rows.map((row) => ({ ...row, oldestDueAt: row.oldestDueAt === null ? null : new Date(row.oldestDueAt) }));
}
