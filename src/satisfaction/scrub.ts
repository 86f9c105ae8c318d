// Free-text comments are scrubbed before they are stored: e-mail addresses, Belgian phone numbers and
// national register numbers are replaced by a marker, so a comment never carries a way to identify or
// reach the person who wrote it. The order matters: national numbers (11 digits) before phone numbers.

export const SCRUB_MARKERS = { email: '[e-mail]', phone: '[phone]', nationalNumber: '[national number]' } as const;

// 85.07.31-001.23, 85073100123, 85 07 31 001 23, 850731-00123
const NATIONAL_NUMBER = /(?<![\d.+])\d{2}[. ]?\d{2}[. ]?\d{2}[-. ]?\d{3}[. ]?\d{2}(?![\d])/g;
// user.name+tag@example.be (and "name (at) example.be")
const EMAIL = /[\p{L}\p{N}._%+-]+\s*(?:@|\(at\)|\[at\])\s*[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[\p{L}]{2,}/giu;
// +32 2 123 45 67, 0032 (0)470 12 34 56, 02/123.45.67, 0470 12 34 56, 0800 12 345
const PHONE_INTERNATIONAL = /(?:\+|\b00)\s?32\s?(?:\(0\)\s?)?\d(?:[\s./-]?\d){7,8}(?!\d)/g;
const PHONE_NATIONAL = /(?<![\d+])0[1-9](?:[\s./-]?\d){6,8}(?!\d)/g;

export function scrubComment(text: string): string {
  return text
    .replace(EMAIL, SCRUB_MARKERS.email)
    .replace(NATIONAL_NUMBER, SCRUB_MARKERS.nationalNumber)
    .replace(PHONE_INTERNATIONAL, SCRUB_MARKERS.phone)
    .replace(PHONE_NATIONAL, SCRUB_MARKERS.phone);
}

/** The comment as stored: trimmed, scrubbed, empty → null. */
export function cleanComment(text: string | undefined | null): string | null {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? null : scrubComment(trimmed);
}
