import { describe, expect, it } from 'vitest';
import { estimateWait, MIN_MEASURED_SERVICES, queueWait, representativeMinutes } from './wait-estimate.ts';

const times = (q1: number, median: number, q3: number, count = 20) => ({ count, q1, median, q3 });

describe('the waiting-time estimate', () => {
  it('gives no estimate without an open counter or with too few measured services', () => {
    expect(estimateWait({ ahead: 4, serviceTimes: times(6, 8, 12), countersOpen: 0, countersBusy: 0 })).toEqual({ kind: 'unknown' });
    expect(estimateWait({ ahead: 4, serviceTimes: null, countersOpen: 2, countersBusy: 2 })).toEqual({ kind: 'unknown' });
    expect(estimateWait({ ahead: 4, serviceTimes: times(6, 8, 12, MIN_MEASURED_SERVICES - 1), countersOpen: 2, countersBusy: 2 })).toEqual({
      kind: 'unknown',
    });
  });

  it('says "no wait" only when a counter is free for this ticket, even without measured services', () => {
    expect(estimateWait({ ahead: 0, serviceTimes: null, countersOpen: 2, countersBusy: 1 })).toEqual({ kind: 'none' });
    expect(estimateWait({ ahead: 1, serviceTimes: null, countersOpen: 3, countersBusy: 1 })).toEqual({ kind: 'none' });
    // First in line but every counter busy: a short wait, never "no wait".
    expect(estimateWait({ ahead: 0, serviceTimes: times(6, 8, 12), countersOpen: 2, countersBusy: 2 })).toEqual({ kind: 'under', maxMinutes: 10 });
  });

  it('gives a range from the quartiles of service times, widened to five-minute steps', () => {
    // Three rounds and a half on one busy counter: 21 to 42 minutes → about 20 to 45.
    expect(estimateWait({ ahead: 3, serviceTimes: times(6, 8, 12), countersOpen: 1, countersBusy: 1 })).toEqual({
      kind: 'range',
      minMinutes: 20,
      maxMinutes: 45,
    });
    // The same line shared by three counters waits less.
    expect(estimateWait({ ahead: 3, serviceTimes: times(6, 8, 12), countersOpen: 3, countersBusy: 3 })).toEqual({
      kind: 'range',
      minMinutes: 5,
      maxMinutes: 20,
    });
    // Equal quartiles still give a range of one step at least.
    expect(estimateWait({ ahead: 2, serviceTimes: times(10, 10, 10), countersOpen: 1, countersBusy: 1 })).toEqual({
      kind: 'range',
      minMinutes: 25,
      maxMinutes: 30,
    });
  });

  it('grows with the people ahead and with slower services', () => {
    const of = (ahead: number, q3: number) => representativeMinutes(estimateWait({ ahead, serviceTimes: times(5, 8, q3), countersOpen: 2, countersBusy: 2 }))!;
    expect(of(8, 12)).toBeGreaterThan(of(2, 12));
    expect(of(6, 25)).toBeGreaterThan(of(6, 12));
  });

  it('says "more than N hours" beyond an hour', () => {
    expect(estimateWait({ ahead: 12, serviceTimes: times(10, 12, 15), countersOpen: 1, countersBusy: 1 })).toEqual({ kind: 'over', minMinutes: 120 });
    expect(estimateWait({ ahead: 7, serviceTimes: times(10, 12, 15), countersOpen: 1, countersBusy: 1 })).toEqual({ kind: 'over', minMinutes: 60 });
  });

  it('shows a queue by the wait of the last person in line', () => {
    const figures = { serviceTimes: times(6, 8, 12), countersOpen: 1, countersBusy: 1 };
    expect(queueWait({ ...figures, waiting: 4 })).toEqual(estimateWait({ ...figures, ahead: 3 }));
    // Nobody waiting: the next arrival's wait, "no wait" when a counter is free.
    expect(queueWait({ ...figures, waiting: 0 })).toEqual(estimateWait({ ...figures, ahead: 0 }));
    expect(queueWait({ ...figures, waiting: 0, countersBusy: 0 })).toEqual({ kind: 'none' });
  });

  it('gives machines one number: the middle of the range, null when unknown', () => {
    expect(representativeMinutes({ kind: 'unknown' })).toBeNull();
    expect(representativeMinutes({ kind: 'none' })).toBe(0);
    expect(representativeMinutes({ kind: 'range', minMinutes: 10, maxMinutes: 20 })).toBe(15);
  });
});
