// Secrets IrisDesk must read back (TOTP seeds, OIDC client secrets) are kept encrypted at rest (issue 18, decision
// 0053): AES-256-GCM with a random 96-bit nonce, stored as `enc:v1:` + base64url(nonce | tag | ciphertext). A value
// without the prefix is a row written before encryption: read as it is, sealed by `sealPlaintextSecrets` at start.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';

export interface SecretBox {
  seal(plain: string): string;
  open(stored: string): string;
  isSealed(stored: string): boolean;
}

export function secretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('The secrets encryption key must be 32 bytes');
  return {
    seal(plain) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(stored) {
      if (!stored.startsWith(PREFIX)) return stored;
      const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    isSealed: (stored) => stored.startsWith(PREFIX),
  };
}

/** SECRETS_ENCRYPTION_KEY: 32 bytes as 64 hexadecimal characters or base64; undefined when malformed. */
export function parseSecretsKey(raw: string): Buffer | undefined {
  const value = raw.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  const decoded = /^[A-Za-z0-9+/_-]{43,44}={0,2}$/.test(value)
    ? Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64')
    : undefined;
  return decoded?.length === 32 ? decoded : undefined;
}

/**
 * Outside production without the setting: a key derived from where the data lives, so that it survives restarts.
 * Anyone who knows the database location can derive it: a start-up warning says so.
 */
export function developmentSecretsKey(databaseLocation: string): Buffer {
  return createHash('sha256').update(`irisdesk-development-secrets-key:${databaseLocation}`).digest();
}
