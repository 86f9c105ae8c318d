import { describe, expect, it } from 'vitest';
import { formatEvent } from './sse.ts';
import { pgChannel, CHANNEL_PATTERN } from './publish.ts';

describe('Server-Sent Events format', () => {
  it('writes id, event name and the JSON data on one line, even when the data has line breaks', () => {
    expect(formatEvent({ id: 42, type: 'ticket.called', data: { number: 'A012', note: 'line 1\nline 2' } })).toBe(
      'id: 42\nevent: ticket.called\ndata: {"number":"A012","note":"line 1\\nline 2"}\n\n',
    );
    expect(formatEvent({ type: 'resync', data: {} })).toBe('event: resync\ndata: {}\n\n');
  });
});

describe('realtime channel names', () => {
  it('map every application channel to a short lower-case PostgreSQL identifier', () => {
    const name = pgChannel('contact-point:2f7c61f4-5a0e-4a1e-8d63-0b3c1a57f1c9:board');
    expect(name).toMatch(/^rt_[0-9a-f]{40}$/);
    expect(name.length).toBeLessThan(64);
    expect(pgChannel('account:A')).not.toBe(pgChannel('account:a'));
  });
  it('refuse channel names with spaces or line breaks', () => {
    expect(CHANNEL_PATTERN.test('account:123')).toBe(true);
    expect(CHANNEL_PATTERN.test('account 123')).toBe(false);
    expect(CHANNEL_PATTERN.test('a\nb')).toBe(false);
  });
});
