// The sign-in throttle's key of an e-mail address (decision 0024), in TypeScript and in SQL: the identity
// repository counts guesses under it, the organisations repository reads it to show a delayed account.
import { createHash } from 'node:crypto';

/** The key of an e-mail address as typed: a hash, so that mistyped addresses of strangers are not kept. */
export function accountThrottleKey(email: string): string {
  return `account:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
}

/** accountThrottleKey in SQL, for an accounts row aliased `a`. */
export const ACCOUNT_THROTTLE_KEY_SQL = `'account:' || encode(sha256(convert_to(lower(a.email), 'UTF8')), 'hex')`;
