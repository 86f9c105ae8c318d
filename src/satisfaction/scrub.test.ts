import { describe, expect, it } from 'vitest';
import { cleanComment, scrubComment } from './scrub.ts';

describe('scrubbing comments', () => {
  it('removes e-mail addresses', () => {
    expect(scrubComment('Écrivez-moi à jean.dupont+irisdesk@example.be svp')).toBe('Écrivez-moi à [e-mail] svp');
    expect(scrubComment('mail: marie (at) skynet.be')).toBe('mail: [e-mail]');
  });

  it('removes Belgian phone numbers in their usual spellings', () => {
    for (const phone of [
      '02 123 45 67',
      '02/123.45.67',
      '0470 12 34 56',
      '0470123456',
      '+32 2 123 45 67',
      '+32470123456',
      '0032 (0)470 12 34 56',
      '+32 (0)2 123 45 67',
    ]) {
      expect(scrubComment(`Bel me op ${phone}, dank`)).toBe('Bel me op [phone], dank');
    }
  });

  it('removes national register numbers, formatted or as 11 digits', () => {
    expect(scrubComment('Mon numéro national est 85.07.31-001.23.')).toBe('Mon numéro national est [national number].');
    expect(scrubComment('NN 85073100123 merci')).toBe('NN [national number] merci');
    expect(scrubComment('rijksregister 01.02.03-456.78')).toBe('rijksregister [national number]');
  });

  it('keeps ordinary numbers, dates and amounts', () => {
    const text = 'Waited 45 minutes on 12/03/2026 at counter 3, paid 25 euros, ticket A123, postcode 1030.';
    expect(scrubComment(text)).toBe(text);
  });

  it('stores an empty comment as nothing', () => {
    expect(cleanComment('   ')).toBeNull();
    expect(cleanComment(undefined)).toBeNull();
    expect(cleanComment(' ok ')).toBe('ok');
  });
});
