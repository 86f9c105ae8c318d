import { describe, expect, it } from 'vitest';
import { MASKED, maskDetails, maskSubjectId } from './masking.ts';

describe('masking an audit entry for a platform administrator without a support access', () => {
  it('keeps codes, numbers, booleans, ids and operations; replaces texts and the values of personal keys', () => {
    expect(
      maskDetails({
        change: 'close',
        outcome: 'answered_first_contact',
        count: 3,
        api: true,
        none: null,
        fields: ['two_factor', 'password'],
        replayOf: '0b1c2d3e-4f50-4612-8a7b-9c0d1e2f3a4b',
        use: 'GET /api/v1/requests/:reference',
        note: 'Jan Peeters, rue Royale 12',
        reason: 'lost',
        filename: 'jan-peeters.pdf',
        to: 'BXL-7K2M-Q9TF',
        nested: { who: 'jan@example.be', kind: 'question' },
        dropped: ['cv.docx'],
      }),
    ).toEqual({
      change: 'close',
      outcome: 'answered_first_contact',
      count: 3,
      api: true,
      none: null,
      fields: ['two_factor', 'password'],
      replayOf: '0b1c2d3e-4f50-4612-8a7b-9c0d1e2f3a4b',
      use: 'GET /api/v1/requests/:reference',
      note: MASKED,
      reason: MASKED,
      filename: MASKED,
      to: MASKED,
      nested: { who: MASKED, kind: 'question' },
      dropped: MASKED,
    });
  });

  it('keeps a subject id that is an id, not one that names someone', () => {
    expect(maskSubjectId('0b1c2d3e-4f50-4612-8a7b-9c0d1e2f3a4b')).toBe('0b1c2d3e-4f50-4612-8a7b-9c0d1e2f3a4b');
    expect(maskSubjectId('erased:0123456789abcdef')).toBe('erased:0123456789abcdef');
    expect(maskSubjectId('contact_requests')).toBe('contact_requests');
    expect(maskSubjectId(null)).toBeNull();
    expect(maskSubjectId('jan@example.be')).toBe(MASKED);
    expect(maskSubjectId('BXL-7K2M-Q9TF')).toBe(MASKED);
  });
});
