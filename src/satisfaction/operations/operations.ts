// Operations indicator arithmetic, kept pure so it can be checked by hand. Inputs are the sums stored in
// operations_aggregates (docs/decisions/0018-operations-indicators.md); every output figure carries the
// number of records it rests on (its base) and whether it is hidden.
//
//  - Contacts: number of contacts on every channel (counters included). A volume: never hidden.
//  - Handling time: mean minutes from the start to the end of a contact, over ended contacts.
//  - First-contact resolution: % of contacts with an outcome (abandoned excluded) answered at first contact.
//  - Abandonment: % of contacts with an outcome that were abandoned.
//  - First response / resolution time: mean hours (calendar time) from the request to its first response /
//    its closing; SLA: % of those with a due time that were on time (due times already carry the pauses).
//  - Waiting / service time at the counter: mean minutes from the ticket to its call / from the call (or
//    start of service) to its end.
//  - No-shows: % of appointments (kept + no-show) where the person did not come.
//  - Tasks to a second line: number sent; turnaround: mean hours from sending to the answer.
//  - Safety incidents: counts only; outside the organisation fewer than 10 show as "fewer than 10".
// Rates and means resting on fewer than MIN_PUBLISHED_ANSWERS records are hidden outside the organisation.
import { MIN_PUBLISHED_ANSWERS } from '../indicators.ts';

export interface OperationsSums {
  contacts: number;
  handled: number;
  handleSeconds: number;
  outcomes: number;
  firstContact: number;
  abandoned: number;
  responses: number;
  responseSeconds: number;
  responseDue: number;
  responseMet: number;
  resolutions: number;
  resolutionSeconds: number;
  resolutionDue: number;
  resolutionMet: number;
  tickets: number;
  waits: number;
  waitSeconds: number;
  services: number;
  serviceSeconds: number;
  ticketNoShows: number;
  appointmentsKept: number;
  appointmentsNoShow: number;
  tasksSent: number;
  tasksAnswered: number;
  taskSeconds: number;
  incidents: number;
  incidentsHigh: number;
}

/** The sums' database columns, in the order of OperationsSums. */
export const OPERATIONS_COLUMNS: Record<keyof OperationsSums, string> = {
  contacts: 'contacts',
  handled: 'handled',
  handleSeconds: 'handle_seconds',
  outcomes: 'outcomes',
  firstContact: 'first_contact',
  abandoned: 'abandoned',
  responses: 'responses',
  responseSeconds: 'response_seconds',
  responseDue: 'response_due',
  responseMet: 'response_met',
  resolutions: 'resolutions',
  resolutionSeconds: 'resolution_seconds',
  resolutionDue: 'resolution_due',
  resolutionMet: 'resolution_met',
  tickets: 'tickets',
  waits: 'waits',
  waitSeconds: 'wait_seconds',
  services: 'services',
  serviceSeconds: 'service_seconds',
  ticketNoShows: 'ticket_no_shows',
  appointmentsKept: 'appointments_kept',
  appointmentsNoShow: 'appointments_no_show',
  tasksSent: 'tasks_sent',
  tasksAnswered: 'tasks_answered',
  taskSeconds: 'task_seconds',
  incidents: 'incidents',
  incidentsHigh: 'incidents_high',
};

export const OPERATIONS_SUM_KEYS = Object.keys(OPERATIONS_COLUMNS) as Array<keyof OperationsSums>;

export const EMPTY_OPERATIONS: OperationsSums = Object.fromEntries(OPERATIONS_SUM_KEYS.map((key) => [key, 0])) as unknown as OperationsSums;

export function addOperations(a: OperationsSums, b: OperationsSums): OperationsSums {
  const out = { ...a };
  for (const key of OPERATIONS_SUM_KEYS) out[key] = a[key] + b[key];
  return out;
}

export const OPERATIONS_INDICATORS = [
  'contacts',
  'handleMinutes',
  'firstContactResolution',
  'abandonment',
  'firstResponseHours',
  'firstResponseSla',
  'resolutionHours',
  'resolutionSla',
  'waitMinutes',
  'serviceMinutes',
  'noShowRate',
  'tasksSent',
  'taskTurnaroundHours',
  'incidents',
] as const;
export type OperationsKey = (typeof OPERATIONS_INDICATORS)[number];

/** How a figure reads: a volume, a percentage, minutes or hours. */
export const OPERATIONS_UNIT: Record<OperationsKey, 'count' | 'percent' | 'minutes' | 'hours'> = {
  contacts: 'count',
  handleMinutes: 'minutes',
  firstContactResolution: 'percent',
  abandonment: 'percent',
  firstResponseHours: 'hours',
  firstResponseSla: 'percent',
  resolutionHours: 'hours',
  resolutionSla: 'percent',
  waitMinutes: 'minutes',
  serviceMinutes: 'minutes',
  noShowRate: 'percent',
  tasksSent: 'count',
  taskTurnaroundHours: 'hours',
  incidents: 'count',
};

/** For a ranking: figures where less is better (times, abandonment, no-shows, incidents). */
export const LOWER_IS_BETTER: ReadonlySet<OperationsKey> = new Set([
  'handleMinutes',
  'abandonment',
  'firstResponseHours',
  'resolutionHours',
  'waitMinutes',
  'serviceMinutes',
  'noShowRate',
  'taskTurnaroundHours',
  'incidents',
]);

export interface Figure {
  /** null: nothing to measure (base 0) or hidden. */
  value: number | null;
  /** How many records the figure rests on. */
  base: number;
  /** Hidden because it rests on fewer than 10 records and is shown outside the organisation. */
  suppressed: boolean;
}

export type OperationsIndicators = Record<OperationsKey, Figure>;

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * The figures of a set of sums. With `suppress`, rates and means resting on fewer than 10 records are
 * null, and so is an incident count under 10; volumes (contacts, tasks sent) stay visible, like the
 * number of answers of the satisfaction figures.
 */
export function computeOperations(s: OperationsSums, options: { suppress: boolean }): OperationsIndicators {
  const hide = (base: number) => options.suppress && base < MIN_PUBLISHED_ANSWERS;
  const rate = (part: number, base: number): Figure => ({
    value: base > 0 && !hide(base) ? round1((part / base) * 100) : null,
    base,
    suppressed: hide(base),
  });
  const mean = (seconds: number, base: number, per: number): Figure => ({
    value: base > 0 && !hide(base) ? round1(seconds / base / per) : null,
    base,
    suppressed: hide(base),
  });
  const volume = (count: number): Figure => ({ value: count, base: count, suppressed: false });
  const attempted = s.outcomes + s.abandoned;
  const appointments = s.appointmentsKept + s.appointmentsNoShow;
  return {
    contacts: volume(s.contacts),
    handleMinutes: mean(s.handleSeconds, s.handled, 60),
    firstContactResolution: rate(s.firstContact, s.outcomes),
    abandonment: rate(s.abandoned, attempted),
    firstResponseHours: mean(s.responseSeconds, s.responses, 3600),
    firstResponseSla: rate(s.responseMet, s.responseDue),
    resolutionHours: mean(s.resolutionSeconds, s.resolutions, 3600),
    resolutionSla: rate(s.resolutionMet, s.resolutionDue),
    waitMinutes: mean(s.waitSeconds, s.waits, 60),
    serviceMinutes: mean(s.serviceSeconds, s.services, 60),
    noShowRate: rate(s.appointmentsNoShow, appointments),
    tasksSent: volume(s.tasksSent),
    taskTurnaroundHours: mean(s.taskSeconds, s.tasksAnswered, 3600),
    incidents: { value: hide(s.incidents) ? null : s.incidents, base: s.incidents, suppressed: hide(s.incidents) },
  };
}

/** Orders organisations for a ranking on one figure: best first, hidden and empty figures last. */
export function rankOperations<T extends { code: string; operations: OperationsIndicators }>(rows: T[], key: OperationsKey): T[] {
  const lower = LOWER_IS_BETTER.has(key);
  return [...rows].sort((a, b) => {
    const x = a.operations[key].value;
    const y = b.operations[key].value;
    if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0) || a.code.localeCompare(b.code);
    return (lower ? x - y : y - x) || a.code.localeCompare(b.code);
  });
}

// ---- Months and freshness

/** How long figures of a month that may still change are trusted before being recomputed. */
export const OPERATIONS_TTL_MS = 10 * 60_000;
/** How long after its end a month may still change (late no-show marks, incidents reported afterwards). */
export const OPERATIONS_GRACE_DAYS = 35;

/** Months ('YYYY-MM-01') grouped into runs of consecutive months, for one recomputation per run. */
export function consecutiveRuns(months: string[]): Array<{ from: string; to: string }> {
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
  const sorted = [...new Set(months)].sort();
  const runs: Array<{ from: string; to: string }> = [];
  for (const month of sorted) {
    const last = runs[runs.length - 1];
    if (last && index(month) === index(last.to) + 1) last.to = month;
    else runs.push({ from: month, to: month });
  }
  return runs;
}
