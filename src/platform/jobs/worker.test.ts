import { describe, expect, it } from 'vitest';
import { describeJobError, retryDelayMs } from './worker.ts';

describe('retry delays', () => {
  it('double per attempt from the base delay, up to the cap', () => {
    const exact = () => 0.5; // no jitter
    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => retryDelayMs(attempt, 10_000, 300_000, exact))).toEqual([
      10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000,
    ]);
  });
  it('spread by ±20 % so failed jobs do not all come back at once', () => {
    expect(retryDelayMs(1, 1000, 10_000, () => 0)).toBe(800);
    expect(retryDelayMs(1, 1000, 10_000, () => 1)).toBe(1200);
  });
});

describe('stored job errors', () => {
  it('keep the kind and message but no e-mail address', () => {
    const error = Object.assign(new Error('550 5.1.1 <jan.peeters@example.be>: mailbox unknown'), { code: 'EENVELOPE' });
    expect(describeJobError(error)).toBe('Error (EENVELOPE): 550 5.1.1 <[address]>: mailbox unknown');
  });
});
