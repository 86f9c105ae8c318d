import { describe, expect, it } from 'vitest';
import { parseSecretsKey, secretBox } from './secret-box.ts';

describe('secret box (AES-256-GCM, decision 0053)', () => {
  const box = secretBox(Buffer.alloc(32, 7));
  it('seals with a fresh nonce each time and opens what it sealed', () => {
    const a = box.seal('JBSWY3DPEHPK3PXP');
    expect(a).toMatch(/^enc:v1:/);
    expect(a).not.toBe(box.seal('JBSWY3DPEHPK3PXP'));
    expect(box.open(a)).toBe('JBSWY3DPEHPK3PXP');
    expect(box.open('written-before-encryption')).toBe('written-before-encryption');
  });
  it('refuses a changed value or another key', () => {
    const sealed = box.seal('client-secret');
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BA' : 'AA');
    expect(() => box.open(tampered)).toThrow();
    expect(() => secretBox(Buffer.alloc(32, 8)).open(sealed)).toThrow();
  });
  it('reads the key as hex or base64, 32 bytes only', () => {
    expect(parseSecretsKey('ab'.repeat(32))).toEqual(Buffer.alloc(32, 0xab));
    expect(parseSecretsKey(Buffer.alloc(32, 1).toString('base64'))).toEqual(Buffer.alloc(32, 1));
    expect(parseSecretsKey('ab'.repeat(16))).toBeUndefined();
  });
});
