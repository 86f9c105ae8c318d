// SLA arithmetic in business minutes: evenings, weekends, Belgian and Brussels holidays, pauses.
import { describe, expect, it } from 'vitest';
import { openingSchedule } from '../platform/calendar/opening-hours.ts';
import { cachedClock, DEFAULT_SLA_TARGET, dueTimes, pickTarget, remainingAfterPause, warningTime, type TargetRow } from './sla.ts';

const brussels = openingSchedule('Mo-Fr 09:00-17:00; PH off', 'brussels');
const federal = openingSchedule('Mo-Fr 09:00-17:00; PH off', 'be');
const target = { firstResponseMinutes: 60, resolutionMinutes: 480, warningPercent: 80 };

describe('SLA due times', () => {
  it('a request sent in the evening is due the next morning', () => {
    // Tuesday 10 March 2026, 18:30 in Brussels (CET): one business hour → Wednesday 10:00.
    const due = dueTimes(brussels, target, new Date('2026-03-10T17:30:00Z'));
    expect(due.firstResponseDueAt.toISOString()).toBe('2026-03-11T09:00:00.000Z');
    // 8 business hours → Wednesday 17:00.
    expect(due.resolutionDueAt.toISOString()).toBe('2026-03-11T16:00:00.000Z');
  });

  it('skips the weekend', () => {
    // Friday 13 March 2026, 16:30 → 30 min on Friday, 30 min on Monday → Monday 09:30.
    const due = dueTimes(brussels, target, new Date('2026-03-13T15:30:00Z'));
    expect(due.firstResponseDueAt.toISOString()).toBe('2026-03-16T08:30:00.000Z');
  });

  it('skips the Brussels holiday (8 May, Iris day) but not for a federal calendar', () => {
    // Thursday 7 May 2026 16:00 (CEST) + 8 h: 1 h Thursday, Friday 8 May closed in Brussels, weekend,
    // 7 h Monday → Monday 11 May 16:00.
    const start = new Date('2026-05-07T14:00:00Z');
    expect(dueTimes(brussels, target, start).resolutionDueAt.toISOString()).toBe('2026-05-11T14:00:00.000Z');
    // The federal calendar works on 8 May: Friday 16:00.
    expect(dueTimes(federal, target, start).resolutionDueAt.toISOString()).toBe('2026-05-08T14:00:00.000Z');
  });

  it('skips Easter Monday and Christmas', () => {
    // Friday 3 April 2026 16:00 + 2 h: 1 h Friday, Easter Monday 6 April closed → Tuesday 7 April 10:00 (CEST).
    expect(brussels.addBusinessMinutes(new Date('2026-04-03T14:00:00Z'), 120).toISOString()).toBe('2026-04-07T08:00:00.000Z');
    // Thursday 24 December 2026 16:00 + 2 h: Christmas Friday, weekend → Monday 28 December 10:00 (CET).
    expect(brussels.addBusinessMinutes(new Date('2026-12-24T15:00:00Z'), 120).toISOString()).toBe('2026-12-28T09:00:00.000Z');
  });

  it('warns once the share of the allowed time is used', () => {
    // Monday 9 March 2026 09:00, 8 h allowed, due 17:00; 80 % used at 15:24.
    const start = new Date('2026-03-09T08:00:00Z');
    const due = new Date('2026-03-09T16:00:00Z');
    expect(warningTime(brussels, start, due, 480, 80).toISOString()).toBe('2026-03-09T14:24:00.000Z');
    // Counted over the evening: started at 16:00, 2 h allowed → due Tuesday 10:00, warning at 80 % = 96 min → Tuesday 09:36.
    const late = new Date('2026-03-09T15:00:00Z');
    const lateDue = brussels.addBusinessMinutes(late, 120);
    expect(lateDue.toISOString()).toBe('2026-03-10T09:00:00.000Z');
    expect(warningTime(brussels, late, lateDue, 120, 80).toISOString()).toBe('2026-03-10T08:36:00.000Z');
  });

  it('a pause shifts the due time by the paused business time', () => {
    // Due Monday 11 May 16:00; paused Thursday 7 May 16:30 with 7.5 business hours left; resumed Tuesday
    // 12 May 10:00 → 7 h on Tuesday, 30 min on Wednesday → Wednesday 13 May 09:30.
    const due = new Date('2026-05-11T14:00:00Z');
    const shifted = remainingAfterPause(brussels, due, new Date('2026-05-07T14:30:00Z'), new Date('2026-05-12T08:00:00Z'));
    expect(shifted.toISOString()).toBe('2026-05-13T07:30:00.000Z');
    // A pause over a closed period only (evening to next morning before opening) changes nothing.
    const same = remainingAfterPause(brussels, due, new Date('2026-05-07T16:00:00Z'), new Date('2026-05-11T06:00:00Z'));
    expect(same.toISOString()).toBe(due.toISOString());
    // A clock already past due stays where it is.
    expect(remainingAfterPause(brussels, due, new Date('2026-05-12T08:00:00Z'), new Date('2026-05-13T08:00:00Z'))).toEqual(due);
  });
});

describe('the month-cached business clock', () => {
  it('gives the same answers as the opening-hours evaluation, across months, DST and holidays', () => {
    const clock = cachedClock(brussels);
    expect(cachedClock(brussels)).toBe(clock);
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 60; i++) {
      const from = new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 360 * 86_400_000));
      const minutes = 1 + Math.floor(random() * 6000);
      const due = clock.addBusinessMinutes(from, minutes);
      expect(due.toISOString()).toBe(brussels.addBusinessMinutes(from, minutes).toISOString());
      expect(clock.businessMinutesBetween(from, due)).toBeCloseTo(brussels.businessMinutesBetween(from, due), 6);
      expect(clock.businessMinutesBetween(from, due)).toBeCloseTo(minutes, 6);
    }
    expect(clock.businessMinutesBetween(new Date('2026-03-10T12:00:00Z'), new Date('2026-03-10T11:00:00Z'))).toBe(0);
  });
});

describe('SLA targets', () => {
  const row = (channel: string | null, serviceCode: string | null, minutes: number): TargetRow => ({
    channel,
    serviceCode,
    firstResponseMinutes: minutes,
    resolutionMinutes: minutes * 10,
    warningPercent: 80,
  });
  const targets = [row(null, null, 1), row(null, 'id-card', 2), row('web', null, 3), row('web', 'id-card', 4)];

  it('the most specific wins: org+channel+service > org+channel > org+service > org', () => {
    expect(pickTarget(targets, 'web', 'id-card').firstResponseMinutes).toBe(4);
    expect(pickTarget(targets, 'web', 'parking').firstResponseMinutes).toBe(3);
    expect(pickTarget(targets, 'email', 'id-card').firstResponseMinutes).toBe(2);
    expect(pickTarget(targets, 'email', null).firstResponseMinutes).toBe(1);
    expect(pickTarget(targets.slice(1), 'phone', null)).toEqual(DEFAULT_SLA_TARGET);
    expect(pickTarget([], 'web', 'id-card')).toEqual(DEFAULT_SLA_TARGET);
  });
});
