import { describe, expect, it } from 'vitest';
import { negotiateLanguage, pickText } from './languages.ts';
import { formatDate, formatDateTime, formatNumber } from './format.ts';

describe('negotiateLanguage', () => {
  it('takes the best supported language by quality', () => {
    expect(negotiateLanguage('de-DE,de;q=0.9,nl;q=0.8,fr;q=0.7')).toBe('nl');
    expect(negotiateLanguage('en-GB,en;q=0.9')).toBe('en');
    expect(negotiateLanguage('fr;q=0.5, nl;q=0.6')).toBe('nl');
  });
  it('falls back to French', () => {
    expect(negotiateLanguage(undefined)).toBe('fr');
    expect(negotiateLanguage('de,es')).toBe('fr');
    expect(negotiateLanguage('nl;q=0, ;;;garbage')).toBe('fr');
  });
});

describe('pickText', () => {
  it('returns the wanted language or marks the fallback', () => {
    expect(pickText({ fr: 'Bonjour', nl: 'Hallo', en: 'Hello' }, 'nl')).toEqual({ text: 'Hallo', lang: 'nl' });
    expect(pickText({ fr: 'Bonjour', nl: '' }, 'nl')).toEqual({ text: 'Bonjour', lang: 'fr' });
    expect(pickText({ nl: 'Hallo' }, 'en')).toEqual({ text: 'Hallo', lang: 'nl' });
  });
});

describe('formatting', () => {
  it('shows times in Brussels time whatever the server time zone', () => {
    const summer = new Date('2026-07-01T10:00:00Z'); // 12:00 in Brussels (CEST)
    expect(formatDateTime(summer, 'fr')).toContain('12:00');
    const winter = new Date('2026-12-01T10:00:00Z'); // 11:00 in Brussels (CET)
    expect(formatDateTime(winter, 'nl')).toContain('11:00');
  });
  it('formats numbers for the locale', () => {
    expect(formatNumber(1234.5, 'fr', 1)).toMatch(/1\s?234,5/);
    expect(formatNumber(1234.5, 'en', 1)).toBe('1,234.5');
  });
  it('writes English dates and numbers the British way, not the en-BE way', () => {
    expect(formatNumber(1920, 'en')).toBe('1,920');
    expect(formatDate(new Date('2026-12-07T10:00:00Z'), 'en')).toBe('7 December 2026');
    expect(formatDateTime(new Date('2026-12-07T10:00:00Z'), 'en')).toBe('7 Dec 2026, 11:00');
  });
});
