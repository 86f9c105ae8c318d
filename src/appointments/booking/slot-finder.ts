// Finding slots: the free slots of a service at a point from its opening hours, closures and the seats already
// held, the next free ones after an instant (the alternatives a refused booking proposes) and the check of one
// start against the booking rules. Reads only; the booking itself is decided by the database (service.ts).
import type { Database, Queryable } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { addDays, brusselsDate, startOfBrusselsDay, toBrusselsIso } from '../../platform/calendar/brussels-time.ts';
import { OpeningHoursError, type OpeningSchedule } from '../../platform/calendar/opening-hours.ts';
import { cachedSchedule, type contactPointService } from '../../contactpoints/service.ts';
import { fieldError } from '../fields.ts';
import { bookingWindow, computeSlots, type Closure, type Slot } from '../slots.ts';
import * as repo from '../repository.ts';
import type { SettingsRecord } from '../repository.ts';

/** How many alternatives a refused booking proposes. */
export const ALTERNATIVES = 5;

export interface PublicSlot {
  start: string;
  end: string;
}

/** Thrown when the slot is taken: a 409 whose body also proposes the next free slots. */
export class SlotTakenError extends AppError {
  constructor(readonly alternatives: PublicSlot[]) {
    super(409, 'appointment.slot_taken', { fields: [{ field: 'start', code: 'appointments.slotTaken' }] });
  }
}

export const toPublicSlot = (slot: { start: Date; end: Date }): PublicSlot => ({ start: toBrusselsIso(slot.start), end: toBrusselsIso(slot.end) });

export function slotFinder({ db, contactPoints }: { db: Database; contactPoints: Pick<ReturnType<typeof contactPointService>, 'scheduleOf'> }) {
  async function scheduleFor(settings: SettingsRecord): Promise<OpeningSchedule> {
    if (settings.openingHours) return cachedSchedule(settings.openingHours, settings.holidayCalendar);
    return contactPoints.scheduleOf(settings.contactPointId);
  }

  /** Every slot (free or full) starting in [from, to) under the rules at `now`. */
  async function slotsBetween(q: Queryable, settings: SettingsRecord, from: Date, to: Date, now: Date): Promise<Slot[]> {
    return (await slotsAndClosures(q, settings, from, to, now)).slots;
  }

  async function slotsAndClosures(q: Queryable, settings: SettingsRecord, from: Date, to: Date, now: Date): Promise<{ slots: Slot[]; closures: Closure[] }> {
    const schedule = await scheduleFor(settings);
    let intervals;
    try {
      intervals = schedule.openIntervals(from, to);
    } catch (error) {
      if (error instanceof OpeningHoursError) return { slots: [], closures: [] };
      throw error;
    }
    if (intervals.length === 0) return { slots: [], closures: [] };
    const reach = new Date(to.getTime() + (settings.durationMinutes + settings.bufferMinutes) * 60_000);
    const lookBack = new Date(from.getTime() - 24 * 3_600_000);
    const [closures, held] = await Promise.all([
      repo.listClosures(q, settings.contactPointId, settings.serviceId, from, reach),
      repo.listHeld(q, settings.contactPointId, settings.serviceId, lookBack, reach),
    ]);
    const periods = closures.map((c) => ({ start: new Date(c.startsAt), end: new Date(c.endsAt), seats: c.seats }));
    return { slots: computeSlots({ intervals, rules: settings, closures: periods, booked: held, now }), closures: periods };
  }

  /** Free slots from a date, at most `days` days and `limit` slots, soonest first. */
  async function freeSlots(settings: SettingsRecord, fromDate: string, days: number, now: Date, limit = 500): Promise<Slot[]> {
    const { latest } = bookingWindow(settings, now);
    const from = startOfBrusselsDay(fromDate);
    const to = new Date(Math.min(startOfBrusselsDay(addDays(fromDate, days)).getTime(), latest.getTime() + 1));
    if (to <= from) return [];
    return (await slotsBetween(db, settings, from, to, now)).filter((slot) => slot.free > 0).slice(0, limit);
  }

  /** The next free slots after an instant, looking a fortnight at a time up to the horizon. */
  async function nextFree(settings: SettingsRecord, after: Date, now: Date, count: number): Promise<Slot[]> {
    const { latest } = bookingWindow(settings, now);
    const found: Slot[] = [];
    let day = brusselsDate(after > now ? after : now);
    while (found.length < count && startOfBrusselsDay(day) <= latest) {
      for (const slot of await freeSlots(settings, day, 14, now)) {
        if (slot.start > after) found.push(slot);
        if (found.length >= count) break;
      }
      day = addDays(day, 14);
    }
    return found;
  }

  // Everyone who loses a race for a slot asks for the same alternatives at the same moment: they share one
  // computation for a second (the list is advice; the booking itself is always checked by the database).
  const alternativesMemo = new Map<string, { at: number; slots: Promise<PublicSlot[]> }>();
  function alternativesAfter(settings: SettingsRecord, after: Date, now: Date): Promise<PublicSlot[]> {
    const key = `${settings.id}:${settings.version}:${after.getTime()}`;
    const hit = alternativesMemo.get(key);
    if (hit && Math.abs(now.getTime() - hit.at) < 1_000) return hit.slots;
    if (alternativesMemo.size > 1000) alternativesMemo.clear();
    const slots = nextFree(settings, after, now, ALTERNATIVES).then((list) => list.map(toPublicSlot));
    slots.catch(() => alternativesMemo.delete(key));
    alternativesMemo.set(key, { at: now.getTime(), slots });
    return slots;
  }

  function parseStart(value: string): Date {
    const start = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(start.getTime())) throw fieldError('start', 'appointments.startInvalid');
    return start;
  }

  /** Checks a start against the rules; returns the slot when it is free, throws otherwise. */
  async function checkStart(q: Queryable, settings: SettingsRecord, start: Date, now: Date): Promise<Slot> {
    return (await checkStartWithSeats(q, settings, start, now)).slot;
  }

  /**
   * Same, with the seats the slot offers once absences are taken off: a booking tries seats 1..n in order,
   * so with an absence fewer seats can be taken (the unique index then decides between racers).
   */
  async function checkStartWithSeats(q: Queryable, settings: SettingsRecord, start: Date, now: Date): Promise<{ slot: Slot; seats: number }> {
    if (start.getTime() <= now.getTime()) throw fieldError('start', 'appointments.startInPast');
    const { earliest, latest } = bookingWindow(settings, now);
    if (start < earliest) throw fieldError('start', 'appointments.tooSoon', { hours: Math.ceil(settings.minNoticeMinutes / 60) });
    if (start > latest) throw fieldError('start', 'appointments.tooFar', { days: settings.maxHorizonDays });
    const day = brusselsDate(start);
    const { slots, closures } = await slotsAndClosures(q, settings, startOfBrusselsDay(day), startOfBrusselsDay(addDays(day, 1)), now);
    const slot = slots.find((s) => s.start.getTime() === start.getTime());
    if (!slot) throw fieldError('start', 'appointments.notASlot');
    if (slot.free <= 0) throw new SlotTakenError(await alternativesAfter(settings, start, now));
    const end = slot.end.getTime() + settings.bufferMinutes * 60_000;
    let seats = settings.capacity;
    for (const closure of closures) {
      if (closure.start.getTime() < end && slot.start.getTime() < closure.end.getTime()) seats = closure.seats === null ? 0 : seats - closure.seats;
    }
    return { slot, seats: Math.max(0, seats) };
  }

  return { freeSlots, nextFree, alternativesAfter, parseStart, checkStart, checkStartWithSeats };
}

export type SlotFinder = ReturnType<typeof slotFinder>;
