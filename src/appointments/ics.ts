// iCalendar (RFC 5545) for the appointment e-mails: one VEVENT, times in UTC, text escaped, lines folded at
// 75 octets. Cancellation sends the same UID with METHOD:CANCEL and a higher SEQUENCE, so calendars update
// the event instead of adding one. RFC 5546 (iTIP) requires an ORGANIZER with either method, and for CANCEL
// the attendees whose event is cancelled (a PUBLISH must list none).

export interface CalendarEvent {
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  location: string;
  description: string;
  url?: string;
  /** Who sends the event: the organisation's name and the address the e-mails come from. */
  organizer: CalendarAddress;
  /** The person the appointment is for (named in a cancellation only). */
  attendee: CalendarAddress;
  cancelled?: boolean;
  now?: Date;
}

export interface CalendarAddress {
  name: string;
  email: string;
}

function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** A CAL-ADDRESS property with its common name, quoted (RFC 5545 §3.2: a quoted value holds no DQUOTE). */
function calendarAddress(property: string, address: CalendarAddress, parameters = ''): string {
  const name = address.name.replace(/["\p{Cc}]/gu, ' ').trim();
  return `${property};CN="${name}"${parameters}:mailto:${address.email}`;
}

export function buildIcs(event: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//IrisDesk//Appointments//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${event.cancelled ? 'CANCEL' : 'PUBLISH'}`,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${stamp(event.now ?? new Date())}`,
    `DTSTART:${stamp(event.start)}`,
    `DTEND:${stamp(event.end)}`,
    calendarAddress('ORGANIZER', event.organizer),
    ...(event.cancelled ? [calendarAddress('ATTENDEE', event.attendee, ';ROLE=REQ-PARTICIPANT')] : []),
    `SUMMARY:${escapeText(event.summary)}`,
    `LOCATION:${escapeText(event.location)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    ...(event.url ? [`URL:${event.url}`] : []),
    `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
