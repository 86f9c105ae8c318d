// SLA clocks of contact-center requests, in business minutes of the organisation's opening calendar.
//
// Exported (stable, used by requests.ts and the console):
//   DEFAULT_SLA_TARGET, DEFAULT_BUSINESS_HOURS
//   pickTarget(targets, channel, serviceCode)           → the most specific target (pure)
//   slaTargetFor(q, organisationId, channel, serviceCode) → SlaTarget (default when none)
//   businessScheduleFor(q, organisationId)               → BusinessClock (cc_business_calendars or default; month-cached)
//   cachedClock(schedule)                                → BusinessClock over an OpeningSchedule (pure, cached)
//   dueTimes(schedule, target, startedAt)                → { firstResponseDueAt, resolutionDueAt } (pure)
//   warningTime(schedule, startedAt, dueAt)              → when warning_percent of the allowed time is used (pure)
//   remainingAfterPause(schedule, dueAt, pausedAt, resumedAt) → the shifted due time (pure)
//   slaSettingsFor(q, organisationId, channel, serviceCode) → { target, clock, organisation } in one statement
//   slaSettingsSql(orgParam, channelParam, serviceParam) / slaSettingsOf(row, …) → the same read as a scalar
//     subquery inside another statement (createRequest reads it with the party), and its interpretation.
//     Never cached: a change in the settings screens applies at once, on every instance.
//   scheduleSlaJobs(q, request, clock, now?) / cancelSlaJobs(q, requestId, clock?) → the cc.sla.warning /
//     cc.sla.breach jobs of an existing request; slaJobs(request, clock, now?) → those jobs, for a caller that
//     inserts them in its own statement (createRequest, with enqueueManySql: a new request has none to cancel)
//   SLA_WARNING_JOB, SLA_BREACH_JOB, registerSlaJobs({ db, jobs, mail, publicUrl }) (called by the intake service)
//
// Most specific target wins: organisation+channel+service > organisation+channel > organisation+service >
// organisation. Without any row, DEFAULT_SLA_TARGET applies (one business day to a first answer, five to
// resolution). While a request waits for the user (status waiting_user) the clocks stop: the jobs are
// cancelled, and on resume each due time becomes "resume + the business minutes that were left at the pause".
import type { Queryable } from '../platform/db/database.ts';
import { enqueue, enqueueMany, cancelJob, type JobToEnqueue } from '../platform/jobs/queue.ts';
import { calendarForOrganisation, isHolidayCalendar, type HolidayCalendarId } from '../platform/calendar/holidays.ts';
import type { OpeningSchedule } from '../platform/calendar/opening-hours.ts';
import { cachedSchedule } from '../contactpoints/service.ts';
import { brusselsDate, startOfBrusselsDay } from '../platform/calendar/brussels-time.ts';
import type { ContactChannel } from './model.ts';
import type { Database } from '../platform/db/database.ts';
import { PermanentJobError, type JobRegistry } from '../platform/jobs/registry.ts';
import type { MailService } from '../platform/mail/service.ts';
import { publish } from '../platform/realtime/publish.ts';
import { channels as realtimeChannels } from '../platform/realtime/channels.ts';
import { isLanguage, type Language } from '../platform/i18n/languages.ts';
import { translator } from '../platform/i18n/messages.ts';
import { formatDateTime } from '../platform/i18n/format.ts';
import { businessCalendarOf, getRequest, organisationManagers, raiseSlaState, slaTargetsMatching } from './repository.ts';

export const SLA_WARNING_JOB = 'cc.sla.warning';
export const SLA_BREACH_JOB = 'cc.sla.breach';
export type SlaClock = 'first_response' | 'resolution';

export interface SlaTarget {
  firstResponseMinutes: number;
  resolutionMinutes: number;
  warningPercent: number;
}

/** One business day (8 h) to a first answer, five business days to resolution, warning at 80 %. */
export const DEFAULT_SLA_TARGET: SlaTarget = { firstResponseMinutes: 8 * 60, resolutionMinutes: 5 * 8 * 60, warningPercent: 80 };
/** The business hours of an organisation without its own calendar. */
export const DEFAULT_BUSINESS_HOURS = 'Mo-Fr 09:00-17:00; PH off';

export interface TargetRow extends SlaTarget {
  channel: string | null;
  serviceCode: string | null;
}

/** The most specific matching target, or the default. */
export function pickTarget(targets: TargetRow[], channel: ContactChannel, serviceCode: string | null | undefined): SlaTarget {
  const rank = (t: TargetRow) => {
    if (t.channel !== null && t.channel !== channel) return -1;
    if (t.serviceCode !== null && t.serviceCode !== (serviceCode ?? null)) return -1;
    return (t.channel !== null ? 2 : 0) + (t.serviceCode !== null ? 1 : 0);
  };
  let best: TargetRow | undefined;
  let bestRank = -1;
  for (const target of targets) {
    const r = rank(target);
    if (r > bestRank) {
      best = target;
      bestRank = r;
    }
  }
  return best
    ? { firstResponseMinutes: best.firstResponseMinutes, resolutionMinutes: best.resolutionMinutes, warningPercent: best.warningPercent }
    : DEFAULT_SLA_TARGET;
}

export async function slaTargetFor(q: Queryable, organisationId: string, channel: ContactChannel, serviceCode: string | null | undefined): Promise<SlaTarget> {
  return pickTarget(await slaTargetsMatching(q, organisationId, channel, serviceCode ?? null), channel, serviceCode);
}

/**
 * What the SLA arithmetic needs of a calendar. An OpeningSchedule is one; businessScheduleFor returns a
 * month-cached one (the opening_hours evaluation costs milliseconds per month looked at, the cached
 * intervals microseconds), so that an intake stays cheap.
 */
export interface BusinessClock {
  addBusinessMinutes(from: Date, minutes: number): Date;
  businessMinutesBetween(from: Date, to: Date): number;
}

const MONTH_MS_LIMIT = 25; // months looked ahead at most (two years), as OpeningSchedule does

const nextMonth = (key: string) => {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/**
 * The Brussels month ("YYYY-MM") of an instant. The last few months seen are kept as instant ranges, so that
 * the clock arithmetic of an intake (about ten look-ups, all in one or two months) formats no date.
 */
const recentMonths: Array<{ key: string; start: number; end: number }> = [];
function monthKey(at: Date): string {
  const ms = at.getTime();
  for (const month of recentMonths) if (ms >= month.start && ms < month.end) return month.key;
  const key = brusselsDate(at).slice(0, 7);
  recentMonths.unshift({ key, start: startOfBrusselsDay(`${key}-01`).getTime(), end: startOfBrusselsDay(`${nextMonth(key)}-01`).getTime() });
  if (recentMonths.length > 4) recentMonths.pop();
  return key;
}
const clocks = new Map<OpeningSchedule, BusinessClock>();

/** Business-time arithmetic over the schedule's open intervals, computed once per Brussels month. */
export function cachedClock(schedule: OpeningSchedule): BusinessClock {
  let clock = clocks.get(schedule);
  if (clock) return clock;
  const months = new Map<string, Array<[number, number]>>();
  const intervalsOf = (key: string) => {
    let list = months.get(key);
    if (!list) {
      const start = startOfBrusselsDay(`${key}-01`);
      const end = startOfBrusselsDay(`${nextMonth(key)}-01`);
      list = schedule.openIntervals(start, end).map((i) => [i.start.getTime(), i.end.getTime()] as [number, number]);
      if (months.size > 120) months.clear();
      months.set(key, list);
    }
    return list;
  };
  clock = {
    addBusinessMinutes(from, minutes) {
      if (minutes <= 0) return from;
      let remaining = minutes * 60_000;
      const fromMs = from.getTime();
      let key = monthKey(from);
      for (let step = 0; step < MONTH_MS_LIMIT; step++, key = nextMonth(key)) {
        for (const [start, end] of intervalsOf(key)) {
          if (end <= fromMs) continue;
          const s0 = Math.max(start, fromMs);
          const length = end - s0;
          if (length >= remaining) return new Date(s0 + remaining);
          remaining -= length;
        }
      }
      throw new Error('no opening time within two years');
    },
    businessMinutesBetween(from, to) {
      if (to <= from) return 0;
      const fromMs = from.getTime();
      const toMs = to.getTime();
      let total = 0;
      let key = monthKey(from);
      const lastKey = monthKey(to);
      for (let step = 0; step < 1200; step++, key = nextMonth(key)) {
        for (const [start, end] of intervalsOf(key)) {
          const s0 = Math.max(start, fromMs);
          const e0 = Math.min(end, toMs);
          if (e0 > s0) total += e0 - s0;
        }
        if (key === lastKey) break;
      }
      return total / 60_000;
    },
  };
  if (clocks.size > 1000) clocks.clear();
  clocks.set(schedule, clock);
  return clock;
}

export async function businessScheduleFor(q: Queryable, organisationId: string): Promise<BusinessClock> {
  return cachedClock(await openingScheduleFor(q, organisationId));
}

export interface SlaSettings {
  target: SlaTarget;
  clock: BusinessClock;
  organisation: { code: string; kind: string; name: Record<string, string> };
}

/** What slaSettingsSql selects: the organisation, its calendar and its matching targets. */
export interface SlaSettingsRow {
  code: string;
  kind: string;
  name: Record<string, string>;
  openingHours: string | null;
  holidayCalendar: string | null;
  targets: TargetRow[];
}

/**
 * The SLA settings as one JSON value (SlaSettingsRow; NULL for an unknown organisation): a scalar subquery
 * over the parameters named (e.g. '$1', '$2::text', '$3::text'), so that a caller can read the settings within
 * a statement it sends anyway (createRequest reads them with the party's). The settings are read from the
 * tables each time: a change made in the settings screens applies to the next request, on every instance.
 */
export function slaSettingsSql(organisationId: string, channel: string, serviceCode: string): string {
  return `(SELECT json_build_object('code', o.code, 'kind', o.kind, 'name', o.name, 'openingHours', c.opening_hours,
                                    'holidayCalendar', c.holiday_calendar,
                                    'targets', coalesce((SELECT json_agg(json_build_object('channel', t.channel, 'serviceCode', t.service_code,
                                                                         'firstResponseMinutes', t.first_response_minutes,
                                                                         'resolutionMinutes', t.resolution_minutes, 'warningPercent', t.warning_percent))
                                                           FROM cc_sla_targets t
                                                          WHERE t.organisation_id = o.id AND (t.channel IS NULL OR t.channel = ${channel})
                                                            AND (t.service_code IS NULL OR t.service_code = ${serviceCode})),
                                                        '[]'::json))
       FROM organisations o LEFT JOIN cc_business_calendars c ON c.organisation_id = o.id
      WHERE o.id = ${organisationId})`;
}

/** The settings of a row read with slaSettingsSql. */
export function slaSettingsOf(
  row: SlaSettingsRow | null | undefined,
  organisationId: string,
  channel: ContactChannel,
  serviceCode: string | null | undefined,
): SlaSettings {
  if (!row) throw new Error(`no organisation ${organisationId}`);
  const calendar: HolidayCalendarId = isHolidayCalendar(row.holidayCalendar) ? row.holidayCalendar : calendarForOrganisation(row);
  return {
    target: pickTarget(row.targets, channel, serviceCode),
    clock: cachedClock(cachedSchedule(row.openingHours ?? DEFAULT_BUSINESS_HOURS, calendar)),
    organisation: { code: row.code, kind: row.kind, name: row.name },
  };
}

/** Target, business clock and organisation name in one statement. */
export async function slaSettingsFor(
  q: Queryable,
  organisationId: string,
  channel: ContactChannel,
  serviceCode: string | null | undefined,
): Promise<SlaSettings> {
  const { rows } = await q.query<{ settings: SlaSettingsRow | null }>(`SELECT ${slaSettingsSql('$1::uuid', '$2::text', '$3::text')} AS settings`, [
    organisationId,
    channel,
    serviceCode ?? null,
  ]);
  return slaSettingsOf(rows[0]?.settings, organisationId, channel, serviceCode);
}

/** The organisation's SLA calendar as an OpeningSchedule (cc_business_calendars, or the default hours). */
export async function openingScheduleFor(q: Queryable, organisationId: string): Promise<OpeningSchedule> {
  const org = await businessCalendarOf(q, organisationId);
  if (!org) throw new Error(`no organisation ${organisationId}`);
  const calendar: HolidayCalendarId = isHolidayCalendar(org.holidayCalendar) ? org.holidayCalendar : calendarForOrganisation(org);
  return cachedSchedule(org.openingHours ?? DEFAULT_BUSINESS_HOURS, calendar);
}

export function dueTimes(schedule: BusinessClock, target: SlaTarget, startedAt: Date) {
  return {
    firstResponseDueAt: schedule.addBusinessMinutes(startedAt, target.firstResponseMinutes),
    resolutionDueAt: schedule.addBusinessMinutes(startedAt, target.resolutionMinutes),
  };
}

/**
 * The instant at which `percent` % of the allowed business time is used, counted from `from` (the start, or a
 * resume): the moment when only (100 - percent) % of `allowedMinutes` is left before `dueAt`.
 */
export function warningTime(schedule: BusinessClock, from: Date, dueAt: Date, allowedMinutes: number, percent: number): Date {
  const left = schedule.businessMinutesBetween(from, dueAt);
  const spareAtWarning = (allowedMinutes * (100 - percent)) / 100;
  if (left <= spareAtWarning) return from;
  return schedule.addBusinessMinutes(from, left - spareAtWarning);
}

/**
 * The due time after a pause: the business minutes that were left when the clock stopped, counted again from
 * the resume. A clock already past due when paused keeps its due time (it stays breached).
 */
export function remainingAfterPause(schedule: BusinessClock, dueAt: Date, pausedAt: Date, resumedAt: Date): Date {
  if (dueAt <= pausedAt) return dueAt;
  const left = schedule.businessMinutesBetween(pausedAt, dueAt);
  return schedule.addBusinessMinutes(resumedAt, left);
}

export interface SlaRequestState {
  id: string;
  organisationId: string;
  createdAt: Date;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstRespondedAt: Date | null;
  /** When the clocks last (re)started: creation, or the last resume. */
  clockStartedAt: Date;
  target: SlaTarget;
}

const key = (requestId: string, clock: SlaClock) => `${requestId}:${clock}`;

/**
 * (Re)schedules the clocks of an existing request: the warning job of each clock (a job still waiting is
 * replaced); the warning job, when it runs, schedules the breach job at the due time. A clock already past its
 * warning time gets its breach job directly. A new request's jobs go out with the request (slaJobs).
 */
export async function scheduleSlaJobs(q: Queryable, request: SlaRequestState, schedule: BusinessClock, now: Date = new Date()): Promise<void> {
  const jobs = slaJobs(request, schedule, now);
  // A stopped clock loses its job; a running one loses the job of the other kind (a breach job while the
  // warning is still ahead, or the reverse).
  for (const clock of ['first_response', 'resolution'] as const) {
    const job = jobs.find((j) => j.payload.clock === clock);
    if (!job) await cancelSlaJobs(q, request.id, clock);
    else await cancelJob(q, job.type === SLA_WARNING_JOB ? SLA_BREACH_JOB : SLA_WARNING_JOB, key(request.id, clock));
  }
  await enqueueMany(q, jobs);
}

/**
 * The jobs of the running clocks of a request: a warning job while the warning time is ahead, else the breach
 * job (unique key per request and clock, replacing a waiting one).
 */
export function slaJobs(
  request: SlaRequestState,
  schedule: BusinessClock,
  now: Date = new Date(),
): Array<JobToEnqueue & { payload: { requestId: string; clock: SlaClock; dueAt: string } }> {
  const clocks: Array<[SlaClock, Date | null, number]> = [
    ['first_response', request.firstRespondedAt ? null : request.firstResponseDueAt, request.target.firstResponseMinutes],
    ['resolution', request.resolutionDueAt, request.target.resolutionMinutes],
  ];
  const jobs: Array<JobToEnqueue & { payload: { requestId: string; clock: SlaClock; dueAt: string } }> = [];
  for (const [clock, dueAt, allowed] of clocks) {
    if (!dueAt) continue;
    const warnAt = warningTime(schedule, request.clockStartedAt, dueAt, allowed, request.target.warningPercent);
    const warn = warnAt > now;
    jobs.push({
      type: warn ? SLA_WARNING_JOB : SLA_BREACH_JOB,
      payload: { requestId: request.id, clock, dueAt: dueAt.toISOString() },
      runAt: warn ? warnAt : dueAt,
      uniqueKey: key(request.id, clock),
      replace: true,
      maxAttempts: 5,
    });
  }
  return jobs;
}

/** Stops the clocks' jobs (pause, close); `clock` limits it to one clock (a first answer was given). */
export async function cancelSlaJobs(q: Queryable, requestId: string, clock?: SlaClock): Promise<void> {
  for (const c of clock ? [clock] : (['first_response', 'resolution'] as const)) {
    await cancelJob(q, SLA_WARNING_JOB, key(requestId, c));
    await cancelJob(q, SLA_BREACH_JOB, key(requestId, c));
  }
}

// ---- the jobs: warning before breach, escalation on breach

export interface SlaJobDeps {
  db: Database;
  jobs: JobRegistry;
  /** Escalation e-mails to the organisation's managers. */
  mail?: Pick<MailService, 'send'> | undefined;
  publicUrl?: string | undefined;
}

/**
 * Registers cc.sla.warning and cc.sla.breach. Each sets sla_state (never down), publishes "request.sla" on the
 * request's channels (inboxes show it live) and, on breach, also on `cc:managers:{org}` and mails the
 * organisation managers. A job finding the request closed, paused, answered (first-response clock) or its
 * due time moved later does nothing.
 */
export function registerSlaJobs({ db, jobs, mail, publicUrl }: SlaJobDeps): void {
  const handler = (state: 'warning' | 'breached') => async (payload: { requestId?: unknown; clock?: unknown }) => {
    if (typeof payload?.requestId !== 'string' || (payload.clock !== 'first_response' && payload.clock !== 'resolution')) {
      throw new PermanentJobError('bad SLA job payload');
    }
    const clock = payload.clock;
    const requestId = payload.requestId;
    await db.transaction(async (tx) => {
      const request = await getRequest(tx, requestId, { forUpdate: true });
      if (!request || request.status === 'closed' || request.slaPausedAt) return;
      const dueAt = clock === 'first_response' ? (request.firstRespondedAt ? null : request.firstResponseDueAt) : request.resolutionDueAt;
      if (!dueAt) return;
      if (state === 'breached' && dueAt.getTime() > Date.now() + 1000) return;
      if (state === 'warning') {
        await enqueue(
          tx,
          SLA_BREACH_JOB,
          { requestId: request.id, clock, dueAt: dueAt.toISOString() },
          {
            runAt: dueAt,
            uniqueKey: key(request.id, clock),
            replace: true,
            maxAttempts: 5,
          },
        );
      }
      if (!(await raiseSlaState(tx, request.id, state))) return;
      const channels = realtimeChannels.ofRequest(request);
      if (state === 'breached') channels.push(realtimeChannels.organisationManagers(request.organisationId));
      const data = { id: request.id, reference: request.reference, slaState: state, clock, dueAt: dueAt.toISOString() };
      for (const channel of channels) await publish(tx, channel, { type: 'request.sla', data });
      if (state === 'breached' && mail) {
        for (const manager of await organisationManagers(tx, request.organisationId)) {
          const lang: Language = isLanguage(manager.language) ? manager.language : 'fr';
          const t = translator(lang);
          await mail.send(
            {
              to: manager.email,
              subject: t('contact.escalation.subject', { reference: request.reference }),
              text: t('contact.escalation.body', {
                reference: request.reference,
                clock: t(`contact.sla.clock.${clock}`),
                due: formatDateTime(dueAt, lang),
                link: `${(publicUrl ?? '').replace(/\/$/, '')}/${lang}/console/requests/${request.id}`,
              }),
              language: lang,
              purpose: 'contact.escalation',
              organisationId: request.organisationId,
            },
            { tx },
          );
        }
      }
    });
  };
  jobs.register(SLA_WARNING_JOB, handler('warning'));
  jobs.register(SLA_BREACH_JOB, handler('breached'));
}
