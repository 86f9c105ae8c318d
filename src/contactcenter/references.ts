// Request references the user quotes on the phone or in a subject line: "BXL-7K2M-Q9TF".
//
//   newReference()                → "BXL-XXXX-XXXX" (8 random symbols of a 30-symbol alphabet: ~39 bits)
//   normaliseReference(input)     → the canonical form of what a user typed ("bxl 7k2m q9tf" → "BXL-7K2M-Q9TF"), or undefined
//   findReferenceIn(text)         → the first reference in a text (e-mail subject), canonical, or undefined
//   withUniqueReference(insert)   → calls insert(reference) with fresh references until it is not taken
//
// The alphabet is Crockford-like: digits and capitals without 0/O, 1/I/L and U, so that a reference read out
// or hand-copied is not mistaken. References come from crypto.randomInt: not guessable, not sequential. The
// status page still needs the e-mail address with the reference, so a guessed reference alone reveals nothing.
import { randomInt } from 'node:crypto';

export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REFERENCE_PREFIX = 'BXL';
export const REFERENCE_PATTERN = /^BXL-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;

export function newReference(): string {
  let symbols = '';
  for (let i = 0; i < 8; i++) symbols += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `${REFERENCE_PREFIX}-${symbols.slice(0, 4)}-${symbols.slice(4)}`;
}

/** Reads a reference as users write it: any case, spaces or dashes, O for 0, I/L for 1 are mapped back. */
export function normaliseReference(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s\-_.]/g, '');
  if (!compact.startsWith(REFERENCE_PREFIX)) return undefined;
  const symbols = compact.slice(REFERENCE_PREFIX.length);
  if (symbols.length !== 8) return undefined;
  const candidate = `${REFERENCE_PREFIX}-${symbols.slice(0, 4)}-${symbols.slice(4)}`;
  return REFERENCE_PATTERN.test(candidate) ? candidate : undefined;
}

/** The first reference found in a text such as "Re: [BXL-7K2M-Q9TF] Your request". */
export function findReferenceIn(text: string): string | undefined {
  const match = /\bBXL-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}\b/i.exec(text);
  return match ? normaliseReference(match[0]) : undefined;
}

/**
 * Calls insert with fresh references until it succeeds: insert returns undefined when the reference is taken
 * (INSERT … ON CONFLICT (reference) DO NOTHING), so no error aborts the caller's transaction.
 */
export async function withUniqueReference<T>(insert: (reference: string) => Promise<T | undefined>, attempts = 8): Promise<T> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const result = await insert(newReference());
    if (result !== undefined) return result;
  }
  throw new Error('could not draw an unused request reference');
}
