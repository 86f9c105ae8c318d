import { describe, expect, it } from 'vitest';
import { findReferenceIn, newReference, normaliseReference, REFERENCE_ALPHABET, REFERENCE_PATTERN, withUniqueReference } from './references.ts';

describe('request references', () => {
  it('are BXL-XXXX-XXXX in the unambiguous alphabet, and differ', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const reference = newReference();
      expect(reference).toMatch(REFERENCE_PATTERN);
      expect(reference.slice(4)).not.toMatch(/[01OIUL]/);
      seen.add(reference);
    }
    expect(seen.size).toBe(2000);
    expect(REFERENCE_ALPHABET).not.toMatch(/[01OIUL]/);
    expect(REFERENCE_ALPHABET.length).toBe(30);
  });

  it('uses every symbol of the alphabet (no bias to a subset)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) for (const c of newReference().slice(4).replace('-', '')) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(REFERENCE_ALPHABET.length);
    for (const count of counts.values()) expect(count).toBeGreaterThan(400);
  });

  it('reads what users type', () => {
    expect(normaliseReference('bxl 7k2m q9tf')).toBe('BXL-7K2M-Q9TF');
    expect(normaliseReference(' BXL-7K2M-Q9TF ')).toBe('BXL-7K2M-Q9TF');
    expect(normaliseReference('BXL7K2MQ9TF')).toBe('BXL-7K2M-Q9TF');
    expect(normaliseReference('BXL-7K2M-Q9T')).toBeUndefined();
    expect(normaliseReference('BXL-0K2M-Q9TF')).toBeUndefined();
    expect(normaliseReference('ABC-7K2M-Q9TF')).toBeUndefined();
    expect(normaliseReference('')).toBeUndefined();
  });

  it('finds a reference in a reply subject', () => {
    expect(findReferenceIn('Re: [BXL-7K2M-Q9TF] Nous avons bien reçu votre demande')).toBe('BXL-7K2M-Q9TF');
    expect(findReferenceIn('RE: question bxl-7k2m-q9tf')).toBe('BXL-7K2M-Q9TF');
    expect(findReferenceIn('Re: no reference here')).toBeUndefined();
  });

  it('draws again when a reference is taken', async () => {
    let calls = 0;
    const result = await withUniqueReference(async (reference) => (++calls < 3 ? undefined : reference));
    expect(calls).toBe(3);
    expect(result).toMatch(REFERENCE_PATTERN);
    await expect(withUniqueReference(async () => undefined, 2)).rejects.toThrow(/unused request reference/);
  });
});
