import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret } from './secrets.ts';
import { signatureHeaders, verifySignature } from './signing.ts';

describe('webhook signatures (Standard Webhooks)', () => {
  const secret = newWebhookSecret();
  const body = '{"specversion":"1.0","id":"e1"}';
  const now = new Date('2026-12-07T12:00:00Z');

  it('sign id.timestamp.body with the base64 key of the secret, as v1,<base64>', () => {
    const headers = signatureHeaders(secret, 'msg_1', body, now);
    expect(headers['webhook-timestamp']).toBe(String(now.getTime() / 1000));
    const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
      .update(`msg_1.${headers['webhook-timestamp']}.${body}`)
      .digest('base64');
    expect(headers['webhook-signature']).toBe(`v1,${expected}`);
  });

  it('verify: the right body, id and time pass; a changed body, another secret or an old timestamp do not', () => {
    const h = signatureHeaders(secret, 'msg_1', body, now);
    const headers = { id: h['webhook-id']!, timestamp: h['webhook-timestamp']!, signature: h['webhook-signature']! };
    expect(verifySignature(secret, headers, body, { now })).toBe(true);
    expect(verifySignature(secret, { ...headers, signature: `v1,bogus ${headers.signature}` }, body, { now })).toBe(true);
    expect(verifySignature(secret, headers, body.replace('e1', 'e2'), { now })).toBe(false);
    expect(verifySignature(secret, { ...headers, id: 'msg_2' }, body, { now })).toBe(false);
    expect(verifySignature(newWebhookSecret(), headers, body, { now })).toBe(false);
    expect(verifySignature(secret, headers, body, { now: new Date(now.getTime() + 10 * 60_000) })).toBe(false);
  });
});
