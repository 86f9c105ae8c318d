// The rules for contact points: public summaries with "open now / opens at / closes at" computed in
// Europe/Brussels, holiday closures, and editing by the owning organisation with optimistic locking.
//
// Other modules use services.contactPoints (contactPointService(db, { organisations })):
//   .listForOrganisation(organisationId, now?) → ContactPointSummary[]
//   .listForOrganisationCode(code, now?)       → ContactPointSummary[] (404 unknown org)
//   .get(id, now?)                             → ContactPointDetail (404 unknown/inactive)
//   .scheduleOf(id)                            → OpeningSchedule (business-hours arithmetic)
//   .find(id, tx?)                             → ContactPointRecord | undefined (any state; appointments, safety)
import type { Database, Queryable } from '../platform/db/database.ts';
import { AppError } from '../platform/http/errors.ts';
import type { Actor } from '../identity/actor.ts';
import { recordAuditEntry } from '../audit/service.ts';
import type { OrganisationService } from '../organisations/service.ts';
import { calendarForOrganisation, holidaysBetween, type Holiday, type HolidayCalendarId } from '../platform/calendar/holidays.ts';
import { addDays, brusselsDate, brusselsTimeOfDay, brusselsWallClock, startOfBrusselsDay, toBrusselsIso } from '../platform/calendar/brussels-time.ts';
import { openingSchedule, OpeningHoursError, validateOpeningHours, type OpeningSchedule } from '../platform/calendar/opening-hours.ts';
import * as repo from './repository.ts';
import type { ContactPointFields, ContactPointRecord } from './repository.ts';
import { canEditContactPoints, contactPointEditingScope } from './authorisation.ts';

export type { ContactPointRecord } from './repository.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';
import { isUuid } from '../platform/http/schemas.ts';
import { authorise } from '../identity/guards.ts';

export const ACCESSIBILITY_FEATURES = [
  'wheelchair',
  'step_free_entrance',
  'accessible_toilet',
  'hearing_loop',
  'sign_language',
  'guide_dogs',
  'reserved_parking',
  'low_counter',
  'seating',
] as const;
export const CONTACT_LANGUAGES = ['fr', 'nl', 'en', 'de', 'ar', 'tr', 'es', 'it', 'pt', 'pl', 'ro', 'ru', 'uk'] as const;
export const CHANNELS = ['walk_in', 'appointment', 'phone', 'email', 'web_form', 'video_call'] as const;

/** Open now, and the next change within a week: "opens at …" when closed, "closes at …" when open. */
export interface OpeningStatus {
  openNow: boolean;
  /** null when nothing changes within 8 days (always open, or closed for good). */
  nextChange: { kind: 'opens' | 'closes'; at: string } | null;
  /** The comment of the rule in force ("sur rendez-vous"), if any. */
  comment: string | null;
  /** Today's public holiday in the contact point's calendar, if today is one. */
  holidayToday: Holiday | null;
}

export interface ContactPointAddress {
  street: { fr: string; nl: string };
  number: string;
  postalCode: string;
  municipality: { fr: string; nl: string };
}

/** What orientation answers, organisation pages and lists show of a contact point. */
export interface ContactPointSummary {
  id: string;
  code: string;
  organisation: { id: string; code: string; name: LocalizedText };
  name: LocalizedText;
  address: ContactPointAddress;
  coordinates: { latitude: number; longitude: number } | null;
  accessibility: string[];
  languages: string[];
  channels: string[];
  phone: string | null;
  email: string | null;
  /** OpenStreetMap opening_hours syntax, e.g. "Mo-Fr 09:00-12:30; PH off". */
  openingHours: string;
  holidayCalendar: HolidayCalendarId;
  demo: boolean;
  status: OpeningStatus;
}

export interface DayHours {
  /** 1 = Monday … 7 = Sunday (ISO). */
  weekday: number;
  /** Brussels "HH:MM" pairs; an interval reaching midnight ends at "24:00". */
  intervals: Array<{ from: string; to: string }>;
  /** Comment of the day's rule, e.g. "sur rendez-vous". */
  comment: string | null;
}

export interface HolidayClosure {
  holiday: Holiday;
  /** Hours on that day: empty = closed all day. */
  intervals: Array<{ from: string; to: string }>;
}

export interface ContactPointDetail extends ContactPointSummary {
  accessibilityNote: LocalizedText | null;
  active: boolean;
  version: number;
  updatedAt: string;
  /** The regular week, Monday to Sunday, without holidays. */
  weeklyHours: DayHours[];
  /** Public holidays of the next 60 days and the hours on each (usually closed). */
  upcomingHolidays: HolidayClosure[];
}

const scheduleCache = new Map<string, OpeningSchedule>();
/** A parsed schedule (cached by value and calendar: parsing is the costly part). */
export function cachedSchedule(openingHours: string, calendar: HolidayCalendarId | null): OpeningSchedule {
  const key = `${calendar ?? '-'}\u0000${openingHours}`;
  let schedule = scheduleCache.get(key);
  if (!schedule) {
    schedule = openingSchedule(openingHours, calendar);
    if (scheduleCache.size > 5000) scheduleCache.clear();
    scheduleCache.set(key, schedule);
  }
  return schedule;
}

// Results depend only on the value, the calendar and the minute (or day, or week): a small memo makes the
// many identical computations of a busy minute (lists, orientation answers) cost nothing.
const memo = new Map<string, unknown>();
function remember<T>(key: string, compute: () => T): T {
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute();
  if (memo.size > 20_000) memo.clear();
  memo.set(key, value);
  return value;
}

/** Open now and the next change, computed in Europe/Brussels. */
export function openingStatus(openingHours: string, calendar: HolidayCalendarId, now: Date = new Date()): OpeningStatus {
  // Same minute, same answer (seconds do not change an "opens at" shown to the minute).
  const minute = Math.floor(now.getTime() / 60_000) * 60_000;
  return remember(`s\u0000${calendar}\u0000${openingHours}\u0000${minute}`, () => computeStatus(openingHours, calendar, new Date(minute)));
}

function computeStatus(openingHours: string, calendar: HolidayCalendarId, now: Date): OpeningStatus {
  const schedule = cachedSchedule(openingHours, calendar);
  const horizon = new Date(now.getTime() + 8 * 86_400_000);
  const intervals = schedule.openIntervals(now, horizon);
  const first = intervals[0];
  const openNow = !!first && first.start.getTime() <= now.getTime();
  let nextChange: OpeningStatus['nextChange'] = null;
  if (openNow) {
    if (first.end < horizon) nextChange = { kind: 'closes', at: toBrusselsIso(first.end) };
  } else if (first) {
    nextChange = { kind: 'opens', at: toBrusselsIso(first.start) };
  }
  const today = brusselsDate(now);
  return {
    openNow,
    nextChange,
    comment: schedule.commentAt(now) ?? null,
    holidayToday: holidaysBetween(calendar, today, today)[0] ?? null,
  };
}

function dayIntervals(schedule: OpeningSchedule, date: string): Array<{ from: string; to: string }> {
  const start = startOfBrusselsDay(date);
  const end = startOfBrusselsDay(addDays(date, 1));
  return schedule.openIntervals(start, end).map((interval) => ({
    from: brusselsTimeOfDay(interval.start),
    to: interval.end.getTime() >= end.getTime() ? '24:00' : brusselsTimeOfDay(interval.end),
  }));
}

/** The regular week (Monday to Sunday of the week of `now`, holidays ignored). */
export function weeklyHours(openingHours: string, now: Date = new Date()): DayHours[] {
  return remember(`w\u0000${openingHours}\u0000${brusselsDate(now)}`, () => computeWeek(openingHours, now));
}

function computeWeek(openingHours: string, now: Date): DayHours[] {
  const schedule = cachedSchedule(openingHours, null);
  const today = brusselsDate(now);
  const weekday = brusselsWallClock(now).weekday; // 0 = Sunday
  const monday = addDays(today, -((weekday + 6) % 7));
  return [1, 2, 3, 4, 5, 6, 7].map((iso) => {
    const date = addDays(monday, iso - 1);
    const intervals = dayIntervals(schedule, date);
    const noon = new Date(startOfBrusselsDay(date).getTime() + 12 * 3_600_000);
    return { weekday: iso, intervals, comment: schedule.commentAt(noon) ?? null };
  });
}

/** Public holidays of the coming days with the hours on each. */
export function upcomingHolidays(openingHours: string, calendar: HolidayCalendarId, now: Date = new Date(), days = 60): HolidayClosure[] {
  return remember(`h\u0000${calendar}\u0000${openingHours}\u0000${brusselsDate(now)}\u0000${days}`, () => computeHolidays(openingHours, calendar, now, days));
}

function computeHolidays(openingHours: string, calendar: HolidayCalendarId, now: Date, days: number): HolidayClosure[] {
  const schedule = cachedSchedule(openingHours, calendar);
  const today = brusselsDate(now);
  return holidaysBetween(calendar, today, addDays(today, days)).map((holiday) => ({ holiday, intervals: dayIntervals(schedule, holiday.date) }));
}

/** Stored hours are validated on write; should one still fail to parse, the point shows as closed, not a 500. */
function safely<T>(compute: () => T, fallback: T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof OpeningHoursError) return fallback;
    throw error;
  }
}

function toSummary(record: ContactPointRecord, now: Date): ContactPointSummary {
  return {
    id: record.id,
    code: record.code,
    organisation: { id: record.organisationId, code: record.organisationCode, name: record.organisationName },
    name: record.name,
    address: { street: record.street, number: record.houseNumber, postalCode: record.postalCode, municipality: record.municipality },
    coordinates: record.latitude != null && record.longitude != null ? { latitude: record.latitude, longitude: record.longitude } : null,
    accessibility: record.accessibility,
    languages: record.languages,
    channels: record.channels,
    phone: record.phone,
    email: record.email,
    openingHours: record.openingHours,
    holidayCalendar: record.holidayCalendar,
    demo: record.demo,
    status: safely(() => openingStatus(record.openingHours, record.holidayCalendar, now), {
      openNow: false,
      nextChange: null,
      comment: null,
      holidayToday: null,
    }),
  };
}

function toDetail(record: ContactPointRecord, now: Date): ContactPointDetail {
  return {
    ...toSummary(record, now),
    accessibilityNote: record.accessibilityNote,
    active: record.active,
    version: record.version,
    updatedAt: new Date(record.updatedAt).toISOString(),
    weeklyHours: safely(() => weeklyHours(record.openingHours, now), []),
    upcomingHolidays: safely(() => upcomingHolidays(record.openingHours, record.holidayCalendar, now), []),
  };
}

/** Input of a create or an edit (API body or back-office form). */
export type ContactPointInput = Omit<ContactPointFields, 'holidayCalendar'> & { holidayCalendar?: HolidayCalendarId | undefined };

/** Refuses unusable opening hours with a 400 naming the field and the parser's reason. */
export function assertOpeningHours(value: string, calendar: HolidayCalendarId): void {
  try {
    validateOpeningHours(value, calendar);
  } catch (error) {
    if (!(error instanceof OpeningHoursError)) throw error;
    throw new AppError(400, 'contact_point.invalid_opening_hours', {
      fields: [{ field: 'openingHours', code: `contactPoints.openingHours.${error.reason}`, values: { detail: error.detail } }],
    });
  }
}

function normalise(input: ContactPointInput, calendar: HolidayCalendarId): ContactPointFields {
  const trim = (value: string | null) => (value == null || value.trim() === '' ? null : value.trim());
  return {
    ...input,
    code: input.code.trim(),
    openingHours: input.openingHours.trim(),
    holidayCalendar: calendar,
    phone: trim(input.phone),
    email: trim(input.email),
    accessibility: [...new Set(input.accessibility)],
    languages: [...new Set(input.languages)],
    channels: [...new Set(input.channels)],
  };
}

export function contactPointService(db: Database, deps: { organisations: Pick<OrganisationService, 'findByCode' | 'findById'> }) {
  const visible = async (id: string, includeInactive = false) => {
    if (!isUuid(id)) throw new AppError(404, 'contact_point.not_found');
    const record = await repo.findContactPoint(db, id);
    if (!record || (!record.active && !includeInactive)) throw new AppError(404, 'contact_point.not_found');
    return record;
  };
  const audit = (actor: Actor, action: 'create' | 'update', record: { id: string; organisationId: string }, requestId?: string) =>
    recordAuditEntry(db, {
      actorAccountId: actor.accountId,
      actorOrganisationId: actor.organisationId,
      action,
      subjectType: 'contact_point',
      subjectId: record.id,
      organisationId: record.organisationId,
      requestId: requestId ?? null,
    });

  // Bumped by every edit made through this process: the public page's cache (routes.tsx) shows an edit at once
  // here, and within its minute on other instances.
  let edits = 0;

  return {
    /** A number that changes when a contact point is created or edited through this process. */
    editGeneration: () => edits,

    /** The active contact points of an organisation, with their status at `now`. */
    async listForOrganisation(organisationId: string, now: Date = new Date()): Promise<ContactPointSummary[]> {
      if (!isUuid(organisationId)) return [];
      const records = await repo.listContactPoints(db, { organisationIds: [organisationId] });
      return records.map((record) => toSummary(record, now));
    },

    /** Same, by organisation code; an unknown organisation is a 404. */
    async listForOrganisationCode(code: string, now: Date = new Date()): Promise<ContactPointSummary[]> {
      const organisation = await deps.organisations.findByCode(code);
      if (!organisation) throw new AppError(404, 'organisation.not_found');
      const records = await repo.listContactPoints(db, { organisationIds: [organisation.id] });
      return records.map((record) => toSummary(record, now));
    },

    /** Active contact points of many organisations at once (orientation lists), keyed by organisation id. */
    async listForOrganisations(organisationIds: string[], now: Date = new Date()): Promise<Map<string, ContactPointSummary[]>> {
      const ids = organisationIds.filter((id) => isUuid(id));
      const result = new Map<string, ContactPointSummary[]>(ids.map((id) => [id, []]));
      if (ids.length === 0) return result;
      for (const record of await repo.listContactPoints(db, { organisationIds: ids })) {
        result.get(record.organisationId)?.push(toSummary(record, now));
      }
      return result;
    },

    /** One active contact point with its week and holiday closures; unknown, inactive or malformed id → 404. */
    async get(id: string, now: Date = new Date()): Promise<ContactPointDetail> {
      return toDetail(await visible(id), now);
    },

    /**
     * Any contact point, active or not, as stored (other modules' checks); unknown or malformed id → undefined.
     * Inside a transaction, pass it: on PGlite a read outside would wait for the transaction to end.
     */
    async find(id: string, q: Queryable = db): Promise<ContactPointRecord | undefined> {
      return isUuid(id) ? repo.findContactPoint(q, id) : undefined;
    },

    /** The parsed schedule of a contact point (business-hours arithmetic: SLAs, appointment slots). */
    async scheduleOf(id: string): Promise<OpeningSchedule> {
      const record = await visible(id, true);
      return cachedSchedule(record.openingHours, record.holidayCalendar);
    },

    // ---- back office

    /** The contact points the actor may edit (inactive ones included). */
    async listForEditing(actor: Actor, now: Date = new Date()): Promise<ContactPointDetail[]> {
      const records = await repo.listContactPoints(db, { organisationIds: contactPointEditingScope(actor), includeInactive: true });
      return records.map((record) => toDetail(record, now));
    },

    /** A contact point for its edit form; another organisation's is refused. */
    async getForEditing(actor: Actor, id: string, now: Date = new Date()): Promise<ContactPointDetail> {
      const record = await visible(id, true);
      authorise(canEditContactPoints(actor, record.organisationId));
      return toDetail(record, now);
    },

    async create(actor: Actor, organisationCode: string, input: ContactPointInput, requestId?: string): Promise<ContactPointDetail> {
      const organisation = await deps.organisations.findByCode(organisationCode);
      if (!organisation) throw new AppError(404, 'organisation.not_found');
      authorise(canEditContactPoints(actor, organisation.id));
      const calendar = input.holidayCalendar ?? calendarForOrganisation(organisation);
      assertOpeningHours(input.openingHours, calendar);
      const id = await repo.insertContactPoint(db, organisation.id, normalise(input, calendar), actor.accountId);
      if (!id) throw new AppError(409, 'contact_point.code_taken', { fields: [{ field: 'code', code: 'contactPoints.codeTaken' }] });
      await audit(actor, 'create', { id, organisationId: organisation.id }, requestId);
      edits++;
      return toDetail((await repo.findContactPoint(db, id))!, new Date());
    },

    /** Applies an edit made on `version`; a concurrent edit gives 409, never a lost update. */
    async update(actor: Actor, id: string, version: number, input: ContactPointInput, requestId?: string): Promise<ContactPointDetail> {
      const record = await visible(id, true);
      authorise(canEditContactPoints(actor, record.organisationId));
      const calendar = input.holidayCalendar ?? record.holidayCalendar;
      assertOpeningHours(input.openingHours, calendar);
      const outcome = await repo.updateContactPoint(db, record.id, version, normalise(input, calendar), actor.accountId);
      if (outcome === 'stale') throw new AppError(409, 'contact_point.stale');
      if (outcome === 'code_taken') throw new AppError(409, 'contact_point.code_taken', { fields: [{ field: 'code', code: 'contactPoints.codeTaken' }] });
      await audit(actor, 'update', record, requestId);
      edits++;
      return toDetail((await repo.findContactPoint(db, record.id))!, new Date());
    },

    /** Organisations whose contact points the actor may create (for the form's choice). */
    async editableOrganisationIds(actor: Actor): Promise<string[] | null> {
      return contactPointEditingScope(actor);
    },

    async organisationById(id: string) {
      return deps.organisations.findById(id);
    },
  };
}

export type ContactPointService = ReturnType<typeof contactPointService>;
