// Putting work on the durable job queue. `enqueue` takes the database or an open transaction, so a request
// and the jobs it causes commit (or roll back) together. A job that is due now also wakes the workers of
// every instance at once through NOTIFY; later jobs are found by their polling.
// See docs/decisions/0005-jobs-mail-realtime-in-postgresql.md.
import type { Queryable } from '../db/database.ts';
import { insertJob, insertJobs, insertJobsSql, cancelQueuedJob } from './repository.ts';

// The queue's other reads and housekeeping, for the process (main.ts) and tests: other modules use this file.
export { getJob, jobStatistics, purgeFinishedJobs, type JobRow, type JobTypeStatistics } from './repository.ts';

/** The NOTIFY channel on which enqueue announces a job that is due now (payload: the job type). */
export const JOBS_CHANNEL = 'irisdesk_jobs';

/** Job types are dotted lower-case names: "mail.send", "sla.check", "appointment.reminder". */
export const JOB_TYPE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

export const DEFAULT_MAX_ATTEMPTS = 10;

export interface EnqueueOptions {
  /** When the job may run; now when absent. */
  runAt?: Date | undefined;
  /**
   * At most one queued or running job per (type, uniqueKey): enqueueing the same key again returns the
   * existing job instead of adding one. Once the job has finished, the key is free again.
   */
  uniqueKey?: string | undefined;
  /** With uniqueKey: a job still waiting with that key gets this payload and runAt (reschedule). */
  replace?: boolean | undefined;
  /** Runs before the job is marked dead; 1 means no retry. Default 10. */
  maxAttempts?: number | undefined;
}

export interface EnqueuedJob {
  id: number;
  /** False when a job with the same unique key was already waiting (it was kept, or replaced). */
  created: boolean;
}

function jobRow(type: string, payload: unknown, options: EnqueueOptions) {
  if (!JOB_TYPE_PATTERN.test(type) || type.length > 100) throw new Error(`invalid job type "${type}"`);
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 1000) throw new Error('maxAttempts must be 1 to 1000');
  if (options.uniqueKey !== undefined && (options.uniqueKey.length === 0 || options.uniqueKey.length > 200)) {
    throw new Error('uniqueKey must be 1 to 200 characters');
  }
  if (options.runAt !== undefined && Number.isNaN(options.runAt.getTime())) throw new Error('runAt is not a valid date');
  return {
    type,
    payload: JSON.stringify(payload ?? {}),
    runAt: options.runAt ?? null,
    maxAttempts,
    uniqueKey: options.uniqueKey ?? null,
    replace: options.replace ?? false,
    channel: JOBS_CHANNEL,
  };
}

export async function enqueue(db: Queryable, type: string, payload: unknown, options: EnqueueOptions = {}): Promise<EnqueuedJob> {
  return insertJob(db, jobRow(type, payload, options));
}

export interface JobToEnqueue extends EnqueueOptions {
  type: string;
  payload: unknown;
}

/**
 * Enqueues several jobs in one statement (one round trip instead of one per job), with exactly the meaning
 * of calling enqueue for each in turn: results in the same order. A job whose unique key is already taken
 * (rare: a reschedule) is then handled alone, as enqueue does (kept, or replaced with `replace`).
 */
export async function enqueueMany(db: Queryable, jobs: readonly JobToEnqueue[]): Promise<EnqueuedJob[]> {
  const rows = jobs.map((job) => jobRow(job.type, job.payload, job));
  if (rows.length === 0) return [];
  if (rows.length === 1) return [await insertJob(db, rows[0]!)];
  const inserted = await insertJobs(db, rows, JOBS_CHANNEL);
  const results: EnqueuedJob[] = [];
  for (let i = 0; i < rows.length; i++) {
    const id = inserted[i];
    results.push(id !== undefined ? { id, created: true } : await insertJob(db, rows[i]!));
  }
  return results;
}

/**
 * enqueueMany as parts of the caller's statement (see insertJobsSql): for jobs whose unique keys are new — those
 * of a row the same statement creates. `cte` is a WITH item called `name`, inserting only when `when` holds;
 * the caller selects `notify` to wake the workers for jobs due now. Parameters are numbered from `first`.
 */
export function enqueueManySql(name: string, jobs: readonly JobToEnqueue[], first: number, when?: string) {
  return insertJobsSql(
    name,
    jobs.map((job) => jobRow(job.type, job.payload, job)),
    JOBS_CHANNEL,
    first,
    when,
  );
}

/** Removes a job that is still waiting (not running, not finished). Returns whether one was removed. */
export async function cancelJob(db: Queryable, type: string, uniqueKey: string): Promise<boolean> {
  return cancelQueuedJob(db, type, uniqueKey);
}
