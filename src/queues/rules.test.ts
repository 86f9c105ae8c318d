import { describe, expect, it } from 'vitest';
import { callOrder, displayNumber, effectiveRank, ticketDay, type Orderable } from './rules.ts';

describe('numbering', () => {
  it('shows the prefix and at least three digits', () => {
    expect(displayNumber('A', 7)).toBe('A007');
    expect(displayNumber('PC', 42)).toBe('PC042');
    expect(displayNumber('B', 1234)).toBe('B1234');
  });

  it('restarts at midnight Brussels time, in winter and in summer', () => {
    // Winter (UTC+1): 23:30 UTC is already the next day in Brussels.
    expect(ticketDay(new Date('2026-11-27T22:59:00Z'))).toBe('2026-11-27');
    expect(ticketDay(new Date('2026-11-27T23:00:00Z'))).toBe('2026-11-28');
    // Summer (UTC+2): the day changes at 22:00 UTC.
    expect(ticketDay(new Date('2026-07-14T21:59:00Z'))).toBe('2026-07-14');
    expect(ticketDay(new Date('2026-07-14T22:00:00Z'))).toBe('2026-07-15');
  });
});

describe('calling order', () => {
  const now = new Date('2026-11-27T10:00:00Z');
  const ticket = (id: string, minutesAgo: number, rank = 0, priorityFrom: Date | null = null, targetCounterId: string | null = null): Orderable => ({
    id,
    priorityRank: rank,
    priorityFrom,
    queuedAt: new Date(now.getTime() - minutesAgo * 60_000),
    targetCounterId,
  });

  it('takes the priority first, then the longest wait', () => {
    const tickets = [ticket('plain-old', 30), ticket('elderly', 5, 2), ticket('pregnant', 1, 3), ticket('plain-new', 2)];
    expect(tickets.sort(callOrder(now)).map((t) => t.id)).toEqual(['pregnant', 'elderly', 'plain-old', 'plain-new']);
  });

  it('gives an appointment its priority only from its start time', () => {
    const appointment = ticket('appointment', 1, 5, new Date(now.getTime() + 10 * 60_000));
    expect(effectiveRank(appointment, now)).toBe(0);
    expect([appointment, ticket('walk-in', 0.5)].sort(callOrder(now)).map((t) => t.id)).toEqual(['appointment', 'walk-in']);
    expect([ticket('walk-in', 20), appointment].sort(callOrder(now)).map((t) => t.id)).toEqual(['walk-in', 'appointment']);
    const later = new Date(now.getTime() + 11 * 60_000);
    expect(effectiveRank(appointment, later)).toBe(5);
    expect([ticket('walk-in', 20), appointment].sort(callOrder(later)).map((t) => t.id)).toEqual(['appointment', 'walk-in']);
  });

  it('serves a ticket transferred to this counter before anyone else', () => {
    const tickets = [ticket('pregnant', 10, 3), ticket('transferred', 1, 0, null, 'counter-2')];
    expect(tickets.sort(callOrder(now)).map((t) => t.id)).toEqual(['transferred', 'pregnant']);
  });

  it('breaks exact ties by id, so every counter sees the same order', () => {
    const tickets = [ticket('b', 5), ticket('a', 5)];
    expect(tickets.sort(callOrder(now)).map((t) => t.id)).toEqual(['a', 'b']);
  });
});
