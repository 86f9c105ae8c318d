import { describe, expect, it } from 'vitest';
import { decodeOfferCode, encodeOfferCode } from './short-links.ts';

describe('waiting-list offer short links', () => {
  it('encode the language, the settings and the day in 26 characters or fewer, and decode them back', () => {
    const id = '0b6f3c1e-9a2d-4c7b-8e1f-2a3b4c5d6e7f';
    const code = encodeOfferCode('nl', id, '2026-12-14');
    expect(code.length).toBeLessThanOrEqual(26);
    expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeOfferCode(code)).toEqual({ lang: 'nl', settingsId: id, day: '2026-12-14' });
  });
  it('refuse anything else', () => {
    expect(decodeOfferCode('x')).toBeUndefined();
    expect(decodeOfferCode(`q${'A'.repeat(22)}1`)).toBeUndefined();
    expect(decodeOfferCode('../../etc')).toBeUndefined();
  });
});
