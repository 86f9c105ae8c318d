// Runs one registered job's handler once, now, as the worker would on a first attempt (tests that check what a
// job does without waiting for the queue).
import type { JobRegistry } from '../src/platform/jobs/registry.ts';

export async function runJobNow(jobs: JobRegistry, type: string, payload: unknown): Promise<void> {
  const job = jobs.get(type);
  if (!job) throw new Error(`no job type ${type} is registered`);
  await job.handler(payload as never, {
    id: 1,
    type,
    attempts: 1,
    maxAttempts: 5,
    isLastAttempt: false,
    createdAt: new Date(),
    signal: new AbortController().signal,
  });
}
