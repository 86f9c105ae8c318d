// Session tokens: 256 random bits in an HttpOnly cookie; the database keeps only their SHA-256.
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'irisdesk_session';
/** Signed out after this long without a request. */
export const SESSION_IDLE_MINUTES = 8 * 60;
/** Signed out after this long whatever happens (a working day and a half). */
export const SESSION_ABSOLUTE_HOURS = 12;
/** last_seen_at is written at most this often, so reads stay reads. */
export const SESSION_TOUCH_MINUTES = 5;

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
