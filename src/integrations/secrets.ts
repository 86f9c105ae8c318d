// The secrets of integrations: API tokens (shown once, kept as SHA-256) and webhook signing secrets.
import { createHash, randomBytes } from 'node:crypto';

/** Every IrisDesk API token starts with this, so secret scanners and people recognise one. */
export const TOKEN_PREFIX = 'irisd_';
const TOKEN_PATTERN = /^irisd_[A-Za-z0-9_-]{43}$/;

/** 256 random bits after the prefix. */
export function newApiToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function isApiTokenShape(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** What the list shows of a token: its prefix and first characters. */
export function tokenHint(token: string): string {
  return `${token.slice(0, TOKEN_PREFIX.length + 4)}…`;
}

/** A webhook signing secret in the Standard Webhooks form: `whsec_` then 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
