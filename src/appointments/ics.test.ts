import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildIcs, escapeText, foldLine } from './ics.ts';

/** The calendar as an independent iCalendar parser (ical.js, Mozilla's) reads it. */
function parsed(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents('vevent');
  expect(events).toHaveLength(1);
  return { calendar, event: events[0]! };
}

describe('iCalendar', () => {
  const event = {
    uid: 'abc@irisdesk',
    sequence: 2,
    start: new Date('2026-12-01T08:00:00Z'),
    end: new Date('2026-12-01T08:15:00Z'),
    summary: 'Carte d’identité – Maison communale, Schaerbeek; guichet 1',
    location: 'Place Colignon 1, 1030 Schaerbeek',
    description: 'Référence RDV-ABCD-EFGH.\nAnnuler : https://irisdesk.example/fr/appointments/manage/xyz',
    now: new Date('2026-11-28T05:00:00Z'),
    organizer: { name: 'Commune de Schaerbeek; "Population"', email: 'no-reply@irisdesk.example' },
    attendee: { name: 'Amina El Idrissi', email: 'amina@example.org' },
  };

  it('writes one event in UTC with CRLF lines, escaped text and the sequence', () => {
    const ics = buildIcs(event);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics).toContain('METHOD:PUBLISH\r\n');
    expect(ics).toContain('DTSTART:20261201T080000Z\r\n');
    expect(ics).toContain('DTEND:20261201T081500Z\r\n');
    expect(ics).toContain('SEQUENCE:2\r\n');
    expect(ics).toContain('SUMMARY:Carte d’identité – Maison communale\\, Schaerbeek\\; guichet 1');
    expect(ics.replace(/\r\n /g, '')).toContain('DESCRIPTION:Référence RDV-ABCD-EFGH.\\nAnnuler : https://irisdesk.example/fr/appointments/manage/xyz');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('reads back with ical.js: a PUBLISH has its ORGANIZER (RFC 5546) and no attendee', () => {
    const { calendar, event: vevent } = parsed(buildIcs(event));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const organizer = vevent.getFirstProperty('organizer')!;
    expect(organizer.getFirstValue()).toBe('mailto:no-reply@irisdesk.example');
    expect(organizer.getParameter('cn')).toBe('Commune de Schaerbeek;  Population');
    expect(vevent.getAllProperties('attendee')).toHaveLength(0);
    const read = new ICAL.Event(vevent);
    expect(read.uid).toBe('abc@irisdesk');
    expect(read.summary).toBe(event.summary);
    expect(read.description).toBe(event.description);
    expect(read.startDate.toJSDate().toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(read.endDate.toJSDate().toISOString()).toBe('2026-12-01T08:15:00.000Z');
    expect(vevent.getFirstPropertyValue('dtstamp')).toBeTruthy();
  });

  it('reads back with ical.js: a CANCEL names its organiser and the attendee', () => {
    const { calendar, event: vevent } = parsed(buildIcs({ ...event, cancelled: true }));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevent.getFirstPropertyValue('organizer')).toBe('mailto:no-reply@irisdesk.example');
    expect(vevent.getFirstPropertyValue('attendee')).toBe('mailto:amina@example.org');
    expect(vevent.getFirstProperty('attendee')!.getParameter('cn')).toBe('Amina El Idrissi');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(2);
  });

  it('cancels with the same UID', () => {
    const ics = buildIcs({ ...event, cancelled: true });
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics).toContain('STATUS:CANCELLED');
    expect(ics).toContain('UID:abc@irisdesk');
  });

  it('folds lines at 75 octets without splitting characters', () => {
    const long = `DESCRIPTION:${'é'.repeat(100)}`;
    const folded = foldLine(long);
    for (const line of folded.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(
      folded
        .split('\r\n')
        .map((line, i) => (i === 0 ? line : line.slice(1)))
        .join(''),
    ).toBe(long);
    expect(escapeText('a\\b')).toBe('a\\\\b');
  });
});
