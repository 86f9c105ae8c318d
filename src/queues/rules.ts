// The pure rules of queue tickets: the Brussels day that numbers restart on, how a number is shown and the
// calling order (priority in force, then waiting time); the waiting-time estimate is wait-estimate.ts. The SQL in
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
