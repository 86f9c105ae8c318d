import { describe, expect, it } from 'vitest';
import { normalisePhoneNumber, parsePhoneNumber } from './phone.ts';

describe('phone numbers', () => {
  it('reads Belgian numbers in the ways people write them', () => {
    for (const input of ['0470 12 34 56', '0470/12.34.56', '+32 470 12 34 56', '0032470123456', '+32 (0)470 12 34 56']) {
      expect(normalisePhoneNumber(input), input).toBe('+32470123456');
    }
    expect(normalisePhoneNumber('02 279 22 11')).toBe('+3222792211');
  });

  it('reads foreign numbers given with their country code', () => {
    expect(normalisePhoneNumber('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(normalisePhoneNumber('0031 6 12345678')).toBe('+31612345678');
    expect(normalisePhoneNumber('+212 6 61 23 45 67')).toBe('+212661234567');
  });

  it('tells mobiles from fixed lines', () => {
    expect(parsePhoneNumber('0470 12 34 56')).toMatchObject({ textable: true, international: '+32 470 12 34 56' });
    expect(parsePhoneNumber('02 279 22 11')?.textable).toBe(false);
  });

  it('refuses what is not a phone number', () => {
    for (const input of ['', '12', '0470 12 34', 'jan@example.be', '+32 470 12 34 56 78 90 12', '0470-12-34-56; DROP TABLE', '1'.repeat(60)]) {
      expect(normalisePhoneNumber(input), input).toBeUndefined();
    }
  });
});
