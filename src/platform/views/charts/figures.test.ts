// Figures in the page's language and changes in the figure's own unit (issue 17: "+518,0" for a count of answers
// and "+0,1" for 7.5 against 7.3 were wrong).
import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/messages.ts';
import { formatChange, formatDecimal, formatFigure, formatPercent, outOfTen } from './figures.ts';

const fr = translator('fr');
const nl = translator('nl');
const en = translator('en');
/** Intl writes narrow no-break spaces in French; compare with plain spaces. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

describe('figures by locale', () => {
  it('writes counts and shares as each language does', () => {
    expect(formatDecimal(1920, 'en')).toBe('1,920');
    expect(formatDecimal(1920, 'nl')).toBe('1.920');
    expect(plain(formatDecimal(1920, 'fr'))).toBe('1 920');
    expect(formatPercent(60.3, 'en')).toBe('60.3%');
    expect(formatPercent(60.3, 'nl')).toBe('60,3%');
    expect(plain(formatPercent(60.3, 'fr'))).toBe('60,3 %');
    expect(formatPercent(76.24, 'en', 0)).toBe('76%');
  });

  it('writes a figure in its unit, and a dash when there is none', () => {
    expect(formatFigure(7.46, 'score', 'en', en)).toBe('7.5');
    expect(formatFigure(12.25, 'minutes', 'nl', nl)).toBe('12,3 min');
    expect(formatFigure(3, 'hours', 'nl', nl)).toBe('3,0 u');
    expect(formatFigure(1204, 'count', 'en', en)).toBe('1,204');
    expect(formatFigure(null, 'percent', 'en', en)).toBe('–');
  });
});

describe('changes in the right unit', () => {
  it('counts change by whole numbers, never with a decimal', () => {
    expect(formatChange(564, 46, 'count', 'fr', fr)).toBe('+518');
    expect(formatChange(46, 564, 'count', 'en', en)).toBe('−518');
    expect(formatChange(1920, 0, 'count', 'en', en)).toBe('+1,920');
  });

  it('shares change by points, with the word', () => {
    expect(formatChange(62.4, 66.7, 'percent', 'fr', fr)).toBe('−4,3 points');
    expect(formatChange(62.4, 60.1, 'percent', 'en', en)).toBe('+2.3 points');
    expect(formatChange(62.4, 60.1, 'percent', 'nl', nl)).toBe('+2,3 procentpunt');
  });

  it('scores change by points: 7.5 against 7.3 is +0.2 points, singular in French under 2', () => {
    expect(formatChange(7.5, 7.3, 'score', 'en', en)).toBe('+0.2 points');
    expect(formatChange(7.5, 7.3, 'score', 'fr', fr)).toBe('+0,2 point');
    expect(formatChange(7.5, 7.3, 'score', 'nl', nl)).toBe('+0,2 punten');
    expect(formatChange(7.3, 7.3, 'score', 'en', en)).toBe('±0.0 points');
  });

  it('durations change in their unit; a missing side gives a dash', () => {
    expect(formatChange(12, 10.5, 'minutes', 'en', en)).toBe('+1.5 min');
    expect(formatChange(2, 3.25, 'hours', 'fr', fr)).toBe('−1,3 h');
    expect(formatChange(null, 3, 'hours', 'fr', fr)).toBe('–');
    expect(formatChange(3, null, 'count', 'fr', fr)).toBe('–');
  });
});

describe('n in 10', () => {
  it('rounds a share to whole people', () => {
    expect(outOfTen(80)).toBe(8);
    expect(outOfTen(75)).toBe(8);
    expect(outOfTen(74.9)).toBe(7);
    expect(outOfTen(59.7)).toBe(6);
    expect(en('satisfaction.key.inTen', { count: outOfTen(80) })).toBe('8 in 10');
    expect(fr('satisfaction.key.inTen', { count: outOfTen(80) })).toBe('8 sur 10');
  });
});
