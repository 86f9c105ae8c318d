// The job worker: claims due jobs with FOR UPDATE SKIP LOCKED, runs them with the registered handlers,
// retries failures with exponential backoff and jitter, marks jobs dead after their last attempt, takes
// back jobs whose lease expired (crashed worker), and stops cleanly. Any number of workers — in one
// process, in several processes or instances — can share one queue; each job runs once at a time.
// It polls every pollIntervalMs and wakes at once when a job is enqueued (NOTIFY on JOBS_CHANNEL).
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { JOBS_CHANNEL } from './queue.ts';
import { PermanentJobError, type JobRegistry } from './registry.ts';
import { claimJobs, completeJob, failJob, recoverExpiredJobs, releaseJobs, type ClaimedJob } from './repository.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';

export interface JobLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobWorkerOptions {
  db: Database;
  registry: JobRegistry;
  /** Shown in jobs.locked_by; host, process and a random part by default. */
  workerId?: string;
  /** How often to look for due jobs when nothing wakes the worker (default 5000 ms). */
  pollIntervalMs?: number;
  /** Jobs run at the same time by this worker (default 4). */
  concurrency?: number;
  /** Default lease per job (default 5 min); a type may set its own. */
  leaseMs?: number;
  /** Default first retry delay (default 10 s), doubling per attempt up to retryMaxMs (default 1 h). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How long stop() waits for running jobs (default 10 s); those still running then go back to the queue. */
  stopTimeoutMs?: number;
  log?: JobLogger;
}

export interface JobRunSummary {
  done: number;
  retried: number;
  dead: number;
}

export interface JobWorker {
  readonly id: string;
  /** Looks for due jobs now instead of at the next poll. */
  wake(): void;
  /**
   * Stops claiming, waits for running jobs (up to stopTimeoutMs; those still running then are handed back to
   * the queue at once, for another worker) and releases its LISTEN.
   */
  stop(): Promise<void>;
  /** Totals since start. */
  readonly summary: JobRunSummary;
}

const silentLog: JobLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Delay before retry number `attempt` (1 = first retry): base·2^(attempt−1), capped, ±20 % jitter. */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.max(0, Math.round(exponential * (0.8 + 0.4 * random())));
}

/** An error as stored in jobs.last_error: kind and message, no stack, e-mail addresses masked, bounded. */
export function describeJobError(error: unknown): string {
  let text: string;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    text = `${error.name}${typeof code === 'string' ? ` (${code})` : ''}: ${error.message}`;
  } else {
    text = String(error);
  }
  return text.replace(/[^\s<>@"']+@[^\s<>@"']+/g, '[address]').slice(0, 2000);
}

function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** Runs claimed jobs; shared by the long-running worker and runDueJobs. */
function jobRunner(options: JobWorkerOptions & { workerId: string }) {
  const { db, registry } = options;
  const log = options.log ?? silentLog;
  const defaultLeaseMs = options.leaseMs ?? 5 * 60_000;
  const summary: JobRunSummary = { done: 0, retried: 0, dead: 0 };
  // The jobs running now, by id: stop() hands back those still running when its time is up.
  const controllers = new Map<number, AbortController>();
  // Outcomes of jobs that ran while the database went away: recorded when it is back (recordPending), so
  // that a job done is not run again when its lease runs out, nor a failed one retried late.
  const unrecorded: Array<{ job: ClaimedJob; failure?: { message: string; delay: number | null } }> = [];

  const record = async (job: ClaimedJob, failure?: { message: string; delay: number | null }): Promise<void> => {
    const recorded = failure ? await failJob(db, job.id, options.workerId, failure.message, failure.delay) : await completeJob(db, job.id, options.workerId);
    if (!recorded) log.warn({ jobId: job.id, type: job.type }, 'job finished after its lease was taken back');
    else if (!failure) summary.done++;
    else if (failure.delay === null) summary.dead++;
    else summary.retried++;
  };
  const recordOrKeep = (job: ClaimedJob, failure?: { message: string; delay: number | null }) =>
    record(job, failure).catch((dbError: unknown) => {
      if (isDatabaseUnavailable(dbError)) unrecorded.push({ job, failure });
      else log.error({ jobId: job.id, err: dbError }, 'could not record the outcome of a job');
    });
  /** Records the outcomes kept while the database was away; throws (keeping the rest) if it still is. */
  const recordPending = async () => {
    while (unrecorded.length > 0) {
      const { job, failure } = unrecorded[0]!;
      await record(job, failure);
      unrecorded.shift();
    }
  };

  const claim = (limit: number) => {
    const types = registry.types();
    const leases: Record<string, number> = {};
    for (const type of types) {
      const lease = registry.get(type)?.options.leaseMs;
      if (lease !== undefined) leases[type] = lease;
    }
    return claimJobs(db, { workerId: options.workerId, types, limit, leases, defaultLeaseMs });
  };

  const run = async (job: ClaimedJob) => {
    const registered = registry.get(job.type);
    const leaseMs = registered?.options.leaseMs ?? defaultLeaseMs;
    const controller = new AbortController();
    controllers.set(job.id, controller);
    const leaseTimer = setTimeout(() => controller.abort(new Error('lease expired')), leaseMs);
    leaseTimer.unref();
    try {
      if (!registered) throw new PermanentJobError(`no handler for job type ${job.type}`);
      await registered.handler(job.payload, {
        id: job.id,
        type: job.type,
        attempts: job.attempts,
        maxAttempts: job.max_attempts,
        isLastAttempt: job.attempts >= job.max_attempts,
        createdAt: job.created_at,
        signal: controller.signal,
      });
    } catch (error) {
      const dead = error instanceof PermanentJobError || job.attempts >= job.max_attempts;
      // The database going away is not the job's fault: it is retried after the first delay, not a growing one.
      const delay = dead
        ? null
        : retryDelayMs(
            isDatabaseUnavailable(error) ? 1 : job.attempts,
            registered?.options.retryBaseMs ?? options.retryBaseMs ?? 10_000,
            registered?.options.retryMaxMs ?? options.retryMaxMs ?? 60 * 60_000,
          );
      const message = describeJobError(error);
      await recordOrKeep(job, { message, delay });
      // Only the job's id, type and the error kind are logged: payloads may hold personal data.
      // eslint-disable-next-line @typescript-eslint/unbound-method -- called with the logger as `this`
      (dead ? log.error : log.warn).call(
        log,
        { jobId: job.id, type: job.type, attempt: job.attempts, retryInMs: delay, error: message.split(':')[0] },
        dead ? 'job failed for the last time and is kept as dead' : 'job failed, will retry',
      );
      return;
    } finally {
      clearTimeout(leaseTimer);
      controllers.delete(job.id);
    }
    await recordOrKeep(job);
  };

  /** Hands the running jobs back to the queue (they run again elsewhere now), then aborts their handlers. */
  const releaseAll = async (): Promise<number[]> => {
    const ids = [...controllers.keys()];
    const released = await releaseJobs(db, ids, options.workerId, JOBS_CHANNEL);
    for (const controller of controllers.values()) controller.abort(new Error('worker stopping'));
    return released;
  };

  return { claim, run, recordPending, summary, releaseAll };
}

export async function startJobWorker(options: JobWorkerOptions): Promise<JobWorker> {
  const workerId = options.workerId ?? defaultWorkerId();
  const runner = jobRunner({ ...options, workerId });
  const log = options.log ?? silentLog;
  const pollIntervalMs = options.pollIntervalMs ?? 5000;
  const concurrency = options.concurrency ?? 4;
  const recoverEveryMs = Math.max(pollIntervalMs, 1000);
  let lastRecovery = 0;
  let running = 0;
  let stopped = false;
  let pumping = false;
  let pumpAgain = false;
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void pump(), ms);
  };

  const pump = async (): Promise<void> => {
    if (stopped) return;
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    try {
      do {
        pumpAgain = false;
        await runner.recordPending();
        if (Date.now() - lastRecovery >= recoverEveryMs) {
          lastRecovery = Date.now();
          const recovered = await recoverExpiredJobs(options.db);
          for (const job of recovered) log.warn({ jobId: job.id, type: job.type, status: job.status }, 'took back a job whose lease expired');
        }
        while (!stopped && running < concurrency) {
          const jobs = await runner.claim(concurrency - running);
          if (jobs.length === 0) break;
          for (const job of jobs) {
            running++;
            const promise: Promise<void> = runner.run(job).finally(() => {
              running--;
              inFlight.delete(promise);
              if (!stopped) void pump();
            });
            inFlight.add(promise);
          }
        }
      } while (pumpAgain && !stopped);
    } catch (error) {
      // The database is unreachable or restarting: try again at the next poll.
      if (isDatabaseUnavailable(error)) log.warn({ err: error, workerId }, 'job worker waits for the database');
      else log.error({ err: error, workerId }, 'job worker could not claim jobs');
    } finally {
      pumping = false;
      schedule(pollIntervalMs);
    }
  };

  const unlisten = await options.db.listen(
    JOBS_CHANNEL,
    (type) => {
      if (options.registry.get(type)) void pump();
    },
    // Listening again after a database restart: jobs queued meanwhile woke nobody.
    () => void pump(),
  );
  log.info({ workerId, types: options.registry.types(), pollIntervalMs, concurrency }, 'job worker started');
  void pump();

  return {
    id: workerId,
    summary: runner.summary,
    wake: () => void pump(),
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      await unlisten().catch(() => undefined);
      const all = Promise.allSettled([...inFlight]);
      let timeout: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        all.then(() => false),
        new Promise<boolean>((resolve) => {
          timeout = setTimeout(() => resolve(true), options.stopTimeoutMs ?? 10_000);
        }),
      ]);
      clearTimeout(timeout);
      if (timedOut) {
        // Jobs still running go back to the queue now, for another instance, rather than after their lease.
        // If the database cannot be reached, they keep their lease and are taken back when it runs out.
        const released = await runner.releaseAll().catch((error: unknown) => {
          log.error({ err: error, workerId }, 'could not hand running jobs back to the queue: they run again after their lease');
          return [] as number[];
        });
        log.warn({ workerId, running, released }, 'job worker stopped with jobs still running: handed back to the queue');
      }
      // Wait for a pump in progress (a claim) to finish, so nothing touches the database after stop().
      while (pumping) await new Promise((resolve) => setTimeout(resolve, 5));
      // Outcomes kept while the database was away: a last try (else those jobs run again after their lease).
      await runner.recordPending().catch(() => undefined);
      log.info({ workerId, ...runner.summary }, 'job worker stopped');
    },
  };
}

/**
 * Runs every job that is due now, one at a time, until none is left; for tests and command-line tools
 * that have no running worker. Jobs retried with a delay are not waited for.
 */
export async function runDueJobs(options: Pick<JobWorkerOptions, 'db' | 'registry' | 'retryBaseMs' | 'retryMaxMs' | 'log'>): Promise<JobRunSummary> {
  const runner = jobRunner({ ...options, workerId: `run-due:${defaultWorkerId()}` });
  await recoverExpiredJobs(options.db);
  for (let round = 0; round < 10_000; round++) {
    const [job] = await runner.claim(1);
    if (!job) break;
    await runner.run(job);
  }
  return runner.summary;
}
