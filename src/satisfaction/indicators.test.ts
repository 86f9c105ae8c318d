import { describe, expect, it } from 'vitest';
import { addSums, answerContribution, computeIndicators, difference, EMPTY_SUMS, MIN_PUBLISHED_ANSWERS } from './indicators.ts';

const answer = (overall: number, extra: Partial<Parameters<typeof answerContribution>[0]> = {}) =>
  answerContribution({ overall, clarity: overall, effort: overall, needMet: 'yes', reached: true, channelsUsed: ['phone'], ...extra });

const total = (...sums: ReturnType<typeof answerContribution>[]) => sums.reduce(addSums, EMPTY_SUMS);

describe('satisfaction indicators', () => {
  it('computes CSAT as the share of the top two levels', () => {
    const sums = total(answer(5), answer(4), answer(3), answer(2), answer(1), answer(5), answer(4), answer(4), answer(1), answer(3));
    const result = computeIndicators(sums, { suppress: false });
    expect(result.answers).toBe(10);
    expect(result.csat).toBe(50);
    expect(result.overallMean).toBe(3.2);
  });

  it('maps five levels to the observatory score 10 / 7.5 / 5 / 2.5 / 0', () => {
    expect(computeIndicators(answer(5), { suppress: false }).score10).toBe(10);
    expect(computeIndicators(answer(4), { suppress: false }).score10).toBe(7.5);
    expect(computeIndicators(answer(3), { suppress: false }).score10).toBe(5);
    expect(computeIndicators(answer(2), { suppress: false }).score10).toBe(2.5);
    expect(computeIndicators(answer(1), { suppress: false }).score10).toBe(0);
    // mean of 10, 7.5 and 0
    expect(computeIndicators(total(answer(5), answer(4), answer(1)), { suppress: false }).score10).toBe(5.83);
  });

  it('counts need met, reachability and autonomy (one channel only)', () => {
    const sums = total(
      answer(5, { needMet: 'yes', reached: true, channelsUsed: ['web'] }),
      answer(5, { needMet: 'partly', reached: true, channelsUsed: ['web', 'phone'] }),
      answer(2, { needMet: 'no', reached: false, channelsUsed: ['phone', 'email'] }),
      answer(4, { needMet: 'yes', reached: true, channelsUsed: [] }),
    );
    const result = computeIndicators(sums, { suppress: false });
    expect(result.needMet).toBe(50);
    expect(result.needPartly).toBe(25);
    expect(result.reachability).toBe(75);
    expect(result.autonomy).toBe(50);
  });

  it('computes NPS only over those asked: promoters minus detractors', () => {
    const sums = total(answer(5, { recommend: 10 }), answer(5, { recommend: 9 }), answer(3, { recommend: 7 }), answer(1, { recommend: 0 }), answer(4));
    const result = computeIndicators(sums, { suppress: false });
    expect(result.npsAnswers).toBe(4);
    expect(result.nps).toBe(25);
    expect(computeIndicators(answer(5), { suppress: false }).nps).toBeNull();
  });

  it('hides figures under 10 answers when published, but keeps the count', () => {
    const nine = total(...Array.from({ length: MIN_PUBLISHED_ANSWERS - 1 }, () => answer(5, { recommend: 10 })));
    const hidden = computeIndicators(nine, { suppress: true });
    expect(hidden).toMatchObject({ answers: 9, suppressed: true, csat: null, score10: null, nps: null, effort: null });
    expect(computeIndicators(nine, { suppress: false }).csat).toBe(100);
    const ten = addSums(nine, answer(1));
    expect(computeIndicators(ten, { suppress: true })).toMatchObject({ answers: 10, suppressed: false, csat: 90 });
  });

  it('gives no figure for no answers, and differences in points', () => {
    expect(computeIndicators(EMPTY_SUMS, { suppress: false }).csat).toBeNull();
    expect(difference(72.5, 70)).toBe(2.5);
    expect(difference(null, 70)).toBeNull();
  });
});
