// The pure rules of queue tickets: the Brussels day that numbers restart on, how a number is shown, the
// calling order (priority in force, then waiting time) and the waiting-time estimate. The SQL in
// repository.ts follows the same order; unit tests pin both down.
import { brusselsDate } from '../platform/calendar/brussels-time.ts';

/** The numbering day of an instant: numbers restart at midnight Brussels time, not UTC. */
export function ticketDay(now: Date): string {
  return brusselsDate(now);
}

/** "A007": the prefix and the number on three digits at least. */
export function displayNumber(prefix: string, number: number): string {
  return `${prefix}${String(number).padStart(3, '0')}`;
}

export interface Orderable {
  id: string;
  priorityRank: number;
  priorityFrom: Date | null;
  queuedAt: Date;
  targetCounterId?: string | null;
}

/** The priority that counts now: an appointment's only from its start time on. */
export function effectiveRank(ticket: Pick<Orderable, 'priorityRank' | 'priorityFrom'>, now: Date): number {
  return ticket.priorityFrom === null || ticket.priorityFrom.getTime() <= now.getTime() ? ticket.priorityRank : 0;
}

/** Negative when a is called before b: transferred to this counter, then priority in force, then the longest wait. */
export function callOrder(now: Date) {
  return (a: Orderable, b: Orderable): number =>
    Number(!!b.targetCounterId) - Number(!!a.targetCounterId) ||
    effectiveRank(b, now) - effectiveRank(a, now) ||
    a.queuedAt.getTime() - b.queuedAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface WaitInput {
  /** Tickets that will be called before this one. */
  ahead: number;
  /** Typical minutes per service (median of recent services, or the configured default). */
  serviceMinutes: number;
  /** Counters open today for the service (an agent sits there). */
  countersOpen: number;
  /** Of those, how many are busy with a ticket now. */
  countersBusy: number;
}

/**
 * Minutes until this ticket is called. Free counters take the first tickets at once; beyond them each open
 * counter serves one ticket per service time, and a busy counter is on average half-way through its
 * current one. With no counter open yet, one counter is assumed (the estimate says "about", not "never").
 */
export function estimateWaitMinutes({ ahead, serviceMinutes, countersOpen, countersBusy }: WaitInput): number {
  const counters = Math.max(1, countersOpen);
  const free = countersOpen === 0 ? 0 : Math.max(0, countersOpen - countersBusy);
  if (ahead < free) return 0;
  const rounds = (ahead - free) / counters;
  return Math.max(0, Math.round((rounds + (countersOpen === 0 || free === 0 ? 0.5 : 0)) * serviceMinutes));
}
