// Operations arithmetic checked by hand: rates, means, bases, suppression under 10 records outside the
// organisation, rankings (less is better for times) and the grouping of months to recompute.
import { describe, expect, it } from 'vitest';
import { addOperations, computeOperations, consecutiveRuns, EMPTY_OPERATIONS, rankOperations, type OperationsSums } from './operations.ts';

const sums = (values: Partial<OperationsSums>): OperationsSums => ({ ...EMPTY_OPERATIONS, ...values });

describe('operations figures', () => {
  it('computes rates and means with their bases', () => {
    const figures = computeOperations(
      sums({
        contacts: 40,
        handled: 30,
        handleSeconds: 30 * 270,
        outcomes: 32,
        firstContact: 24,
        abandoned: 8,
        responses: 20,
        responseSeconds: 20 * 5400,
        responseDue: 16,
        responseMet: 12,
        resolutions: 10,
        resolutionSeconds: 10 * 86_400,
        resolutionDue: 10,
        resolutionMet: 9,
        tickets: 50,
        waits: 48,
        waitSeconds: 48 * 750,
        services: 45,
        serviceSeconds: 45 * 400,
        ticketNoShows: 3,
        appointmentsKept: 27,
        appointmentsNoShow: 3,
        tasksSent: 7,
        tasksAnswered: 12,
        taskSeconds: 12 * 3 * 3600,
        incidents: 4,
      }),
      { suppress: false },
    );
    expect(figures.contacts).toEqual({ value: 40, base: 40, suppressed: false });
    expect(figures.handleMinutes).toEqual({ value: 4.5, base: 30, suppressed: false });
    expect(figures.firstContactResolution).toEqual({ value: 75, base: 32, suppressed: false });
    expect(figures.abandonment).toEqual({ value: 20, base: 40, suppressed: false }); // 8 of 32 + 8
    expect(figures.firstResponseHours.value).toBe(1.5);
    expect(figures.firstResponseSla).toEqual({ value: 75, base: 16, suppressed: false });
    expect(figures.resolutionHours.value).toBe(24);
    expect(figures.resolutionSla.value).toBe(90);
    expect(figures.waitMinutes.value).toBe(12.5);
    expect(figures.serviceMinutes.value).toBe(6.7); // 400 s = 6.67 min
    expect(figures.noShowRate).toEqual({ value: 10, base: 30, suppressed: false });
    expect(figures.tasksSent.value).toBe(7);
    expect(figures.taskTurnaroundHours).toEqual({ value: 3, base: 12, suppressed: false });
    expect(figures.incidents).toEqual({ value: 4, base: 4, suppressed: false });
  });

  it('has no value where there is nothing to measure', () => {
    const figures = computeOperations(EMPTY_OPERATIONS, { suppress: false });
    expect(figures.firstContactResolution).toEqual({ value: null, base: 0, suppressed: false });
    expect(figures.waitMinutes.value).toBeNull();
    expect(figures.contacts.value).toBe(0);
    expect(figures.incidents.value).toBe(0);
  });

  it('hides rates, means and incident counts under 10 records outside the organisation, not volumes', () => {
    const small = sums({ contacts: 9, outcomes: 9, firstContact: 9, waits: 10, waitSeconds: 6000, tasksSent: 2, incidents: 9 });
    const outside = computeOperations(small, { suppress: true });
    expect(outside.contacts).toEqual({ value: 9, base: 9, suppressed: false });
    expect(outside.firstContactResolution).toEqual({ value: null, base: 9, suppressed: true });
    expect(outside.waitMinutes).toEqual({ value: 10, base: 10, suppressed: false });
    expect(outside.tasksSent.value).toBe(2);
    expect(outside.incidents).toEqual({ value: null, base: 9, suppressed: true });
    expect(computeOperations(sums({ incidents: 10 }), { suppress: true }).incidents.value).toBe(10);
    expect(computeOperations(small, { suppress: false }).firstContactResolution.value).toBe(100);
  });

  it('adds sums cell by cell', () => {
    expect(addOperations(sums({ contacts: 2, waitSeconds: 60 }), sums({ contacts: 3, waitSeconds: 30 }))).toEqual(sums({ contacts: 5, waitSeconds: 90 }));
  });

  it('ranks best first: highest rate, lowest time; missing figures last', () => {
    const row = (code: string, values: Partial<OperationsSums>) => ({ code, operations: computeOperations(sums(values), { suppress: true }) });
    const rows = [
      row('a', { waits: 10, waitSeconds: 10 * 600, outcomes: 10, firstContact: 5 }),
      row('b', { waits: 10, waitSeconds: 10 * 300, outcomes: 10, firstContact: 9 }),
      row('c', { waits: 3, waitSeconds: 60 }),
    ];
    expect(rankOperations(rows, 'waitMinutes').map((r) => r.code)).toEqual(['b', 'a', 'c']);
    expect(rankOperations(rows, 'firstContactResolution').map((r) => r.code)).toEqual(['b', 'a', 'c']);
  });

  it('groups the months to recompute into runs of consecutive months', () => {
    expect(consecutiveRuns(['2026-03-01', '2025-12-01', '2026-01-01', '2026-01-01', '2026-05-01'])).toEqual([
      { from: '2025-12-01', to: '2026-01-01' },
      { from: '2026-03-01', to: '2026-03-01' },
      { from: '2026-05-01', to: '2026-05-01' },
    ]);
  });
});
