import { describe, expect, it } from 'vitest';
import { smsLength } from './gsm.ts';

describe('smsLength', () => {
  it('counts French and Dutch texts in the GSM-7 alphabet, accents included', () => {
    expect(smsLength('Votre rendez-vous est confirmé à 9:30. Gérez-le : https://irisdesk.brussels/r/abc')).toMatchObject({ encoding: 'gsm7', segments: 1 });
    expect(smsLength('Uw afspraak is bevestigd.')).toEqual({ encoding: 'gsm7', units: 25, segments: 1 });
  });

  it('counts extension characters twice and splits long texts in parts of 153', () => {
    expect(smsLength('€5').units).toBe(3);
    expect(smsLength('a'.repeat(160)).segments).toBe(1);
    expect(smsLength('a'.repeat(161)).segments).toBe(2);
    expect(smsLength('a'.repeat(306)).segments).toBe(2);
    expect(smsLength('a'.repeat(307)).segments).toBe(3);
  });

  it('falls back to UCS-2 for a character outside the alphabet (70, then 67 per part)', () => {
    expect(smsLength('Rendez-vous à 9h – confirmé')).toMatchObject({ encoding: 'ucs2', segments: 1 });
    expect(smsLength('ê'.repeat(70)).segments).toBe(1);
    expect(smsLength('ê'.repeat(71)).segments).toBe(2);
  });
});
