// The one waiting-time estimate of a queue (decision 0043). Every screen that shows a wait — the portal's
// contact-point and service pages, the kiosk ticket, the board, the counter and the holder's "my ticket" page —
// gets it from `estimateWait` and writes it with the one `WaitText` component, so that the same queue reads the
// same everywhere. It is a range from the spread of recent service times, or no estimate at all when the data
// do not support one: a wrong number is worse than none.

/** Measured service times of a queue (minutes), the quartiles of a recent sample. */
export interface ServiceTimes {
  /** How many services the quartiles come from. */
  count: number;
  q1: number;
  median: number;
  q3: number;
}

export interface WaitInput {
  /** Tickets that will be called before this one. */
  ahead: number;
  /** Recent service times of the queue (or of its contact point); null when none were measured. */
  serviceTimes: ServiceTimes | null;
  /** Counters open now for the queue (an agent sits there). */
  countersOpen: number;
  /** Of those, how many are busy with a ticket now. */
  countersBusy: number;
}

export type WaitEstimate =
  /** Not enough data (no counter open, or too few measured services): "no estimate yet". */
  | { kind: 'unknown' }
  /** Nobody ahead and a counter free: "no wait". */
  | { kind: 'none' }
  /** "less than 10 minutes". */
  | { kind: 'under'; maxMinutes: number }
  /** "about 10 to 20 minutes". */
  | { kind: 'range'; minMinutes: number; maxMinutes: number }
  /** "more than 1 hour" (whole hours). */
  | { kind: 'over'; minMinutes: number };

/** Fewer measured services than this give no estimate: three or four visits say little about the next twenty. */
export const MIN_MEASURED_SERVICES = 5;

/** Rounding step of the range: five minutes under the hour, a quarter of an hour beyond. */
const stepFor = (minutes: number) => (minutes <= 60 ? 5 : 15);

/**
 * The wait of a ticket with `ahead` tickets before it. Free counters take the first tickets at once; beyond
 * them each open counter serves one ticket per service time, and when none is free the busy ones are on
 * average half-way through their current visit. The range multiplies those rounds by the first and third
 * quartiles of recent service times, widened outwards to whole steps.
 */
export function estimateWait({ ahead, serviceTimes, countersOpen, countersBusy }: WaitInput): WaitEstimate {
  if (countersOpen <= 0) return { kind: 'unknown' };
  const free = Math.max(0, countersOpen - countersBusy);
  if (ahead < free) return { kind: 'none' };
  if (!serviceTimes || serviceTimes.count < MIN_MEASURED_SERVICES) return { kind: 'unknown' };
  const rounds = (ahead - free) / countersOpen + (free === 0 ? 0.5 : 0);
  const low = rounds * Math.min(serviceTimes.q1, serviceTimes.median);
  const high = rounds * Math.max(serviceTimes.q3, serviceTimes.median);
  const step = stepFor(high);
  const minMinutes = Math.floor(low / step) * step;
  const maxMinutes = Math.max(Math.ceil(high / step) * step, minMinutes + step);
  if (minMinutes >= 60) return { kind: 'over', minMinutes: Math.floor(minMinutes / 60) * 60 };
  if (minMinutes === 0) return { kind: 'under', maxMinutes };
  return { kind: 'range', minMinutes, maxMinutes };
}

/**
 * The public wait of a queue (portal, board, counter): the wait of the last person in line, so that the ticket
 * just printed and the board beside the kiosk say the same. With nobody in line, the wait of the next arrival.
 */
export function queueWait(figures: { waiting: number; serviceTimes: ServiceTimes | null; countersOpen: number; countersBusy: number }): WaitEstimate {
  return estimateWait({ ...figures, ahead: Math.max(0, figures.waiting - 1) });
}

/** One number for machines (the API's `estimatedWaitMinutes`): the middle of the range, 0 for no wait, null when unknown. */
export function representativeMinutes(estimate: WaitEstimate): number | null {
  switch (estimate.kind) {
    case 'unknown':
      return null;
    case 'none':
      return 0;
    case 'under':
      return Math.round(estimate.maxMinutes / 2);
    case 'range':
      return Math.round((estimate.minMinutes + estimate.maxMinutes) / 2);
    case 'over':
      return estimate.minMinutes;
  }
}
