import { describe, expect, it } from 'vitest';
import { currentMonth, periodSpan, previousPeriod, resolvePeriod } from './service.ts';

describe('dashboard periods', () => {
  const now = new Date('2026-01-31T23:30:00Z'); // already 1 February in Brussels

  it('defaults to the twelve months up to the current Brussels month', () => {
    expect(currentMonth(now)).toBe('2026-02');
    const period = resolvePeriod({}, now);
    expect(period.from).toBe('2025-03');
    expect(period.months).toHaveLength(12);
    expect(period.months.at(-1)).toBe('2026-02');
  });

  it('compares with the period of the same length just before', () => {
    expect(previousPeriod(resolvePeriod({ from: '2026-01', to: '2026-03' }))).toMatchObject({ from: '2025-10', to: '2025-12' });
  });

  it('refuses a reversed or too long period', () => {
    expect(() => resolvePeriod({ from: '2026-05', to: '2026-01' })).toThrow();
    expect(() => resolvePeriod({ from: '2020-01', to: '2026-01' })).toThrow();
  });

  it('gives the first and last day of a reporting quarter or month (SDG statistics)', () => {
    expect(periodSpan('2026-Q1')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(periodSpan('2024-Q4')).toEqual({ start: '2024-10-01', end: '2024-12-31' });
    expect(periodSpan('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
  });
});
