// Slot generation: the bookable starts of one service at one contact point, computed from the opening
// intervals (Brussels wall-clock time, public holidays already removed by the schedule), the duration and
// buffer, the capacity, closures and absences, and the booking rules (minimum notice, maximum horizon).
// Pure: no database, no clock; the service passes `now` and what is booked.
import type { Interval } from '../platform/calendar/opening-hours.ts';

export interface SlotRules {
  durationMinutes: number;
  bufferMinutes: number;
  capacity: number;
  minNoticeMinutes: number;
  maxHorizonDays: number;
}

/** A closure (seats null: every seat) or an absence (some seats) over [start, end). */
export interface Closure {
  start: Date;
  end: Date;
  seats: number | null;
}

/** An appointment that holds a seat over [start, end). */
export interface Booked {
  start: Date;
  end: Date;
}

export interface Slot {
  start: Date;
  end: Date;
  /** Seats still free (1..capacity). */
  free: number;
}

const MINUTE = 60_000;

/**
 * Every start in the opening intervals: the first at the interval's start, then every duration + buffer,
 * as long as the appointment itself ends within the interval.
 */
export function gridStarts(intervals: Interval[], rules: Pick<SlotRules, 'durationMinutes' | 'bufferMinutes'>): Array<{ start: Date; end: Date }> {
  const duration = rules.durationMinutes * MINUTE;
  const step = (rules.durationMinutes + rules.bufferMinutes) * MINUTE;
  const out: Array<{ start: Date; end: Date }> = [];
  for (const interval of intervals) {
    for (let t = interval.start.getTime(); t + duration <= interval.end.getTime(); t += step) {
      out.push({ start: new Date(t), end: new Date(t + duration) });
    }
  }
  return out;
}

/** The earliest and latest start the rules allow at `now`. */
export function bookingWindow(rules: Pick<SlotRules, 'minNoticeMinutes' | 'maxHorizonDays'>, now: Date): { earliest: Date; latest: Date } {
  return {
    earliest: new Date(now.getTime() + rules.minNoticeMinutes * MINUTE),
    latest: new Date(now.getTime() + rules.maxHorizonDays * 86_400_000),
  };
}

const overlaps = (aStart: number, aEnd: number, bStart: number, bEnd: number) => aStart < bEnd && bStart < aEnd;

/**
 * The slots of the grid with their free seats, within the booking window; full slots are kept (free 0)
 * so callers can tell "taken" from "not a slot". Soonest first.
 */
export function computeSlots(input: { intervals: Interval[]; rules: SlotRules; closures: Closure[]; booked: Booked[]; now: Date }): Slot[] {
  const { rules } = input;
  const { earliest, latest } = bookingWindow(rules, input.now);
  const buffer = rules.bufferMinutes * MINUTE;
  const result: Slot[] = [];
  for (const candidate of gridStarts(input.intervals, rules)) {
    const start = candidate.start.getTime();
    if (start < earliest.getTime() || start > latest.getTime()) continue;
    // The slot needs the counter for its duration and the buffer after it.
    const end = candidate.end.getTime() + buffer;
    let seats = rules.capacity;
    for (const closure of input.closures) {
      if (overlaps(start, end, closure.start.getTime(), closure.end.getTime())) {
        seats = closure.seats === null ? 0 : seats - closure.seats;
      }
    }
    for (const appointment of input.booked) {
      if (overlaps(start, end, appointment.start.getTime(), appointment.end.getTime() + buffer)) seats -= 1;
    }
    result.push({ start: candidate.start, end: candidate.end, free: Math.max(0, seats) });
  }
  return result;
}
