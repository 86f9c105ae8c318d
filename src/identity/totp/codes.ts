// TOTP (RFC 6238) codes and recovery codes. The arithmetic is the otpauth library's; what is decided here is
// the shape IrisDesk uses (SHA-1, 6 digits, 30 s: what every authenticator app reads) and how replay is told.
import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

const PERIOD_SECONDS = 30;
/** One step either side: a phone clock half a minute off still works, and the window stays 90 s. */
const WINDOW_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;

/** A new secret of 160 bits (RFC 4226's recommended length), in base32 as apps read it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secret: string, label = 'IrisDesk'): TOTP {
  return new TOTP({ issuer: 'IrisDesk', label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** The otpauth:// address an authenticator app scans. */
export function totpUri(secret: string, email: string): string {
  return totpOf(secret, email).toString();
}

/** The secret grouped by four for typing it by hand. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * The time step of a right code, or null. The caller refuses a step at or before the last one accepted, so a
 * code (or an older one) cannot be used again within its window.
 */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpOf(secret).validate({ token, timestamp: now, window: WINDOW_STEPS });
  if (delta === null) return null;
  return Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
}

/** The current code of a secret (tests, and nothing else, play the phone). */
export function currentTotp(secret: string, now = Date.now()): string {
  return totpOf(secret).generate({ timestamp: now });
}

/** Ten codes of 80 random bits, written as four groups of four letters and digits a person can copy. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const text = new Secret({ size: 10 }).base32.toLowerCase(); // 16 characters of base32
    return text.match(/.{4}/g)!.join('-');
  });
}

/** The stored form of a recovery code: case, spaces and dashes do not matter when typing it. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256')
    .update(code.toLowerCase().replace(/[\s-]+/g, ''))
    .digest('hex');
}

export function looksLikeRecoveryCode(code: string): boolean {
  return /^[a-z2-7]{16}$/.test(code.toLowerCase().replace(/[\s-]+/g, ''));
}

/** A token naming a pending sign-in (the cookie holds it, the database its SHA-256). */
export function newPendingToken(): string {
  return randomBytes(32).toString('base64url');
}
