// Slot generation: the grid in the opening intervals, public holidays, daylight saving time, buffers,
// capacity with bookings, closures and absences, minimum notice and maximum horizon.
import { describe, expect, it } from 'vitest';
import { openingSchedule } from '../platform/calendar/opening-hours.ts';
import { fromBrusselsWallClock, startOfBrusselsDay, toBrusselsIso } from '../platform/calendar/brussels-time.ts';
import { computeSlots, gridStarts, type SlotRules } from './slots.ts';

const rules = (overrides: Partial<SlotRules> = {}): SlotRules => ({
  durationMinutes: 30,
  bufferMinutes: 0,
  capacity: 1,
  minNoticeMinutes: 0,
  maxHorizonDays: 365,
  ...overrides,
});
const day = (date: string, hours = 'Mo-Fr 09:00-12:00; PH off', calendar: 'brussels' | 'be' = 'brussels') =>
  openingSchedule(hours, calendar).openIntervals(
    startOfBrusselsDay(date),
    startOfBrusselsDay(`${date.slice(0, 8)}${String(Number(date.slice(8)) + 1).padStart(2, '0')}`),
  );
const at = (date: string, hour: number, minute = 0) =>
  fromBrusselsWallClock(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)), hour, minute);
const early = new Date('2026-01-01T00:00:00Z');
const times = (slots: Array<{ start: Date }>) => slots.map((slot) => toBrusselsIso(slot.start).slice(11, 16));

describe('slot grid', () => {
  it('steps through the opening intervals by the duration, the last one ending by closing time', () => {
    const slots = computeSlots({ intervals: day('2026-12-01'), rules: rules(), closures: [], booked: [], now: early });
    expect(times(slots)).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
    expect(slots.every((slot) => slot.end.getTime() - slot.start.getTime() === 30 * 60_000)).toBe(true);
  });

  it('leaves the buffer between appointments', () => {
    expect(times(gridStarts(day('2026-12-01'), { durationMinutes: 30, bufferMinutes: 10 }))).toEqual(['09:00', '09:40', '10:20', '11:00']);
  });

  it('starts again after a lunch break', () => {
    const intervals = day('2026-12-01', 'Mo-Fr 09:00-10:00,13:00-14:00; PH off');
    expect(times(gridStarts(intervals, { durationMinutes: 30, bufferMinutes: 0 }))).toEqual(['09:00', '09:30', '13:00', '13:30']);
  });

  it('has no slots on Brussels public holidays (Iris Day, Armistice) but has them on the day before', () => {
    expect(computeSlots({ intervals: day('2026-05-08'), rules: rules(), closures: [], booked: [], now: early })).toEqual([]);
    expect(computeSlots({ intervals: day('2026-11-11'), rules: rules(), closures: [], booked: [], now: early })).toEqual([]);
    expect(computeSlots({ intervals: day('2026-05-07'), rules: rules(), closures: [], booked: [], now: early })).toHaveLength(6);
    // The federal calendar has no 8 May: a federal desk is open on Iris Day.
    expect(
      computeSlots({ intervals: day('2026-05-08', 'Mo-Fr 09:00-12:00; PH off', 'be'), rules: rules(), closures: [], booked: [], now: early }),
    ).toHaveLength(6);
  });

  it('keeps wall-clock times across the change to summer time, with the right offset', () => {
    const hours = 'Mo-Su 09:00-10:00';
    const saturday = computeSlots({ intervals: day('2026-03-28', hours), rules: rules({ durationMinutes: 60 }), closures: [], booked: [], now: early });
    const sunday = computeSlots({ intervals: day('2026-03-29', hours), rules: rules({ durationMinutes: 60 }), closures: [], booked: [], now: early });
    expect(saturday.map((s) => toBrusselsIso(s.start))).toEqual(['2026-03-28T09:00:00+01:00']);
    expect(sunday.map((s) => toBrusselsIso(s.start))).toEqual(['2026-03-29T09:00:00+02:00']);
    expect(sunday[0]!.start.toISOString()).toBe('2026-03-29T07:00:00.000Z');
    const autumn = computeSlots({ intervals: day('2026-10-25', hours), rules: rules({ durationMinutes: 60 }), closures: [], booked: [], now: early });
    expect(autumn.map((s) => toBrusselsIso(s.start))).toEqual(['2026-10-25T09:00:00+01:00']);
  });
});

describe('booking rules', () => {
  it('refuses starts before the minimum notice', () => {
    const now = at('2026-12-01', 8, 45);
    const slots = computeSlots({ intervals: day('2026-12-01'), rules: rules({ minNoticeMinutes: 60 }), closures: [], booked: [], now });
    expect(times(slots)).toEqual(['10:00', '10:30', '11:00', '11:30']);
  });

  it('refuses starts beyond the maximum horizon', () => {
    const now = at('2026-12-01', 10, 0);
    const intervals = openingSchedule('Mo-Fr 09:00-12:00', 'brussels').openIntervals(now, at('2026-12-05', 0));
    const slots = computeSlots({ intervals, rules: rules({ maxHorizonDays: 1 }), closures: [], booked: [], now });
    expect(slots.map((s) => toBrusselsIso(s.start))).toEqual([
      '2026-12-01T10:00:00+01:00',
      '2026-12-01T10:30:00+01:00',
      '2026-12-01T11:00:00+01:00',
      '2026-12-01T11:30:00+01:00',
      '2026-12-02T09:00:00+01:00',
      '2026-12-02T09:30:00+01:00',
      '2026-12-02T10:00:00+01:00',
    ]);
  });

  it('counts free seats from the capacity, the bookings, closures and absences', () => {
    const intervals = day('2026-12-01');
    const nine = { start: at('2026-12-01', 9), end: at('2026-12-01', 9, 30) };
    const capacity2 = rules({ capacity: 2 });
    const free = (input: Partial<Parameters<typeof computeSlots>[0]>) =>
      computeSlots({ intervals, rules: capacity2, closures: [], booked: [], now: early, ...input })
        .slice(0, 2)
        .map((s) => s.free);
    expect(free({})).toEqual([2, 2]);
    expect(free({ booked: [nine] })).toEqual([1, 2]);
    expect(free({ booked: [nine, nine] })).toEqual([0, 2]);
    // An absence of one agent for the morning, then a closure of the whole point.
    expect(free({ closures: [{ start: at('2026-12-01', 9), end: at('2026-12-01', 12), seats: 1 }] })).toEqual([1, 1]);
    expect(free({ booked: [nine], closures: [{ start: at('2026-12-01', 9), end: at('2026-12-01', 12), seats: 1 }] })).toEqual([0, 1]);
    expect(free({ closures: [{ start: at('2026-12-01', 9, 15), end: at('2026-12-01', 9, 40), seats: null }] })).toEqual([0, 0]);
  });

  it('keeps the buffer after a booking that is off the grid', () => {
    const intervals = day('2026-12-01');
    const slots = computeSlots({
      intervals,
      rules: rules({ durationMinutes: 30, bufferMinutes: 15 }),
      closures: [],
      booked: [{ start: at('2026-12-01', 9, 20), end: at('2026-12-01', 9, 50) }],
      now: early,
    });
    // 09:00 needs 09:00–09:45 (with its buffer), 09:45 needs 09:45–10:30: both meet 09:20–10:05.
    expect(slots.slice(0, 3).map((s) => [toBrusselsIso(s.start).slice(11, 16), s.free])).toEqual([
      ['09:00', 0],
      ['09:45', 0],
      ['10:30', 1],
    ]);
  });
});
