import { describe, expect, it } from 'vitest';
import { bandOf, change, distribution, PDCA_BANDS, quantile, scoreAssessment, strengthsAndWeaknesses } from './scoring.ts';

describe('scoring of a self-assessment', () => {
  it('takes the mean of answered criteria per dimension and the mean of dimensions overall', () => {
    const scores = scoreAssessment([
      { key: 'culture.a', dimension: 'culture', score: 40 },
      { key: 'culture.b', dimension: 'culture', score: 61 },
      { key: 'tools.a', dimension: 'tools', score: 80 },
      { key: 'tools.b', dimension: 'tools', score: null },
      { key: 'governance.a', dimension: 'governance', score: 0 },
    ]);
    expect(scores.dimensions.culture).toBe(50.5);
    expect(scores.dimensions.tools).toBe(80); // the unanswered criterion does not count as 0
    expect(scores.dimensions.governance).toBe(0);
    expect(scores.dimensions.processes).toBeNull();
    expect(scores.overall).toBe(43.5); // (50.5 + 80 + 0) / 3
    expect(scores.criteria['tools.b']).toBeNull();
  });

  it('uses the bands of the CAF classical enablers panel, covering 0–100 without gap or overlap', () => {
    // CAF 2020 (EIPA), "How to evaluate: the scoring system", classical scoring, enablers panel.
    expect(PDCA_BANDS.map((band) => [band.min, band.max])).toEqual([
      [0, 10],
      [11, 30],
      [31, 50],
      [51, 70],
      [71, 90],
      [91, 100],
    ]);
    PDCA_BANDS.forEach((band, index) => index > 0 && expect(band.min).toBe(PDCA_BANDS[index - 1]!.max + 1));
    // Means have decimals: they are placed by their rounded value.
    expect([10.4, 10.5, 90.49, 90.5].map(bandOf)).toEqual(['none', 'plan', 'act', 'cycle']);
  });

  it('places scores in the PDCA bands at their borders', () => {
    expect([0, 10, 11, 30, 31, 50, 51, 70, 71, 90, 91, 100].map(bandOf)).toEqual([
      'none',
      'none',
      'plan',
      'plan',
      'do',
      'do',
      'check',
      'check',
      'act',
      'act',
      'cycle',
      'cycle',
    ]);
  });

  it('computes changes, quartiles and the strongest and weakest criteria', () => {
    expect(change(55.5, 40)).toBe(15.5);
    expect(change(null, 40)).toBeNull();
    expect(quantile([10, 20, 30, 40], 0.25)).toBe(17.5);
    expect(distribution([30, null, 10, 20])).toEqual({ count: 3, min: 10, q1: 15, median: 20, q3: 25, max: 30, mean: 20 });
    const { strengths, weaknesses } = strengthsAndWeaknesses(
      [
        { key: 'a', mean: 80 },
        { key: 'b', mean: 20 },
        { key: 'c', mean: 50 },
        { key: 'd', mean: null },
        { key: 'e', mean: 10 },
      ],
      2,
    );
    expect(strengths.map((s) => s.key)).toEqual(['a', 'c']);
    expect(weaknesses.map((s) => s.key)).toEqual(['e', 'b']);
  });
});
