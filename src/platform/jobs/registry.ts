// Which code runs which job type. Services register their handlers when they are built (createServices);
// the worker started by main.ts runs the registered types only.
import { JOB_TYPE_PATTERN } from './queue.ts';

export interface JobContext {
  id: number;
  type: string;
  /** This attempt's number, from 1. */
  attempts: number;
  maxAttempts: number;
  /** True when a failure now makes the job dead instead of retried. */
  isLastAttempt: boolean;
  createdAt: Date;
  /** Aborted when the worker's lease on the job runs out or the worker stops waiting for it. */
  signal: AbortSignal;
}

/** Runs one job. Resolve: done. Throw: retried later (or dead after the last attempt). */
export type JobHandler<P = unknown> = (payload: P, job: JobContext) => Promise<void>;

export interface JobTypeOptions {
  /** How long a worker holds the job before another may take it back (default: the worker's, 5 min). */
  leaseMs?: number;
  /** First retry delay; doubles each attempt (default: the worker's, 10 s). */
  retryBaseMs?: number;
  /** Longest retry delay (default: the worker's, 1 h). */
  retryMaxMs?: number;
}

/** Thrown by a handler for a failure that retrying cannot fix (bad payload, refused recipient): dead now. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}

export interface RegisteredJobType {
  handler: JobHandler;
  options: JobTypeOptions;
}

export interface JobRegistry {
  register<P>(type: string, handler: JobHandler<P>, options?: JobTypeOptions): void;
  get(type: string): RegisteredJobType | undefined;
  types(): string[];
}

export function createJobRegistry(): JobRegistry {
  const handlers = new Map<string, RegisteredJobType>();
  return {
    register(type, handler, options = {}) {
      if (!JOB_TYPE_PATTERN.test(type)) throw new Error(`invalid job type "${type}"`);
      if (handlers.has(type)) throw new Error(`a handler for job type "${type}" is already registered`);
      handlers.set(type, { handler: handler as JobHandler, options });
    },
    get: (type) => handlers.get(type),
    types: () => [...handlers.keys()],
  };
}
