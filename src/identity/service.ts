// The rules of signing in: throttled password guesses, sessions, password change.
import type { Database } from '../platform/db/database.ts';
import { AppError } from '../platform/http/errors.ts';
import { recordAuditEntry } from '../audit/service.ts';
import type { Actor } from './actor.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.ts';
import { passwordWeakness } from './password-policy.ts';
import * as repo from './repository.ts';
import { accountThrottleKey } from './throttle-keys.ts';
import {
  hashSessionToken,
  newSessionToken,
  SESSION_ABSOLUTE_HOURS,
  SESSION_IDLE_MINUTES,
  SESSION_TOUCH_MINUTES,
} from './sessions.ts';

/**
 * Password guesses (decision 0024). Per e-mail typed, known or not: a few free guesses, then each further one
 * waits a delay that doubles up to a ceiling, so that a mistyping colleague is never locked out and an attacker
 * gets a handful of guesses an hour. Per client address: a fixed number of guesses per window, across e-mails.
 * Sign-in and the password-change form draw on the same counts: they guess the same secret.
 */
export const GUESS_LIMITS: repo.GuessLimits = {
  accountFreeGuesses: 5,
  delaySeconds: 60,
  maxDelaySeconds: 15 * 60,
  forgetSeconds: 60 * 60,
  addressGuesses: 20,
  addressWindowSeconds: 15 * 60,
};

export function identityService(db: Database) {
  /**
   * Checks one password guess under the limits: claims it first (atomically, so concurrency cannot add
   * guesses), then verifies, then gives that one guess back when the password was right. A refused guess is never
   * verified and answers 429 with the minutes to wait, whether the e-mail has an account or not.
   */
  async function checkGuess(
    input: { email: string; clientIp: string },
    verify: () => Promise<boolean>,
    refusal: (reason: 'address' | 'account', minutes: number) => AppError,
  ): Promise<{ ok: boolean; guess: number }> {
    const keys = { address: `address:${input.clientIp}`, account: accountThrottleKey(input.email) };
    const claim = await repo.claimGuess(db, keys, GUESS_LIMITS);
    if (claim.address === null || claim.account === null) {
      const allowedAt = await repo.guessAllowedAt(db, keys, GUESS_LIMITS);
      const reason = claim.address === null ? 'address' : 'account';
      throw refusal(reason, minutesUntil(allowedAt[reason]));
    }
    const ok = await verify();
    if (ok) await repo.giveGuessBack(db, keys, GUESS_LIMITS.accountFreeGuesses);
    return { ok, guess: claim.account };
  }

  return {
    /** Returns a new session token, or throws login.invalid / login.delayed / login.throttled. */
    async login(input: { email: string; password: string; clientIp: string; requestId: string }): Promise<{ token: string; accountId: string }> {
      const account = await repo.findAccountForLogin(db, input.email);
      const { ok, guess } = await checkGuess(
        input,
        async () => {
          if (account?.active) return verifyPassword(account.password_hash, input.password);
          await verifyAgainstDummy(input.password); // same time, same counts and same answers as a real account
          return false;
        },
        (reason, minutes) => new AppError(429, reason === 'address' ? 'login.throttled' : 'login.delayed', { values: { minutes } }),
      );
      const audit = (action: 'login' | 'login_failed' | 'locked', details: Record<string, unknown> = {}) =>
        account
          ? recordAuditEntry(db, {
              actorAccountId: account.id,
              actorOrganisationId: account.organisation_id,
              action,
              subjectType: 'account',
              subjectId: account.id,
              organisationId: account.organisation_id,
              requestId: input.requestId,
              details,
            })
          : Promise.resolve();
      if (!ok) {
        await audit('login_failed', { guess });
        if (guess === GUESS_LIMITS.accountFreeGuesses) await audit('locked', { delaySeconds: GUESS_LIMITS.delaySeconds });
        throw new AppError(401, 'login.invalid');
      }
      const token = newSessionToken();
      await repo.insertSession(db, hashSessionToken(token), account!.id, SESSION_IDLE_MINUTES);
      await audit('login');
      return { token, accountId: account!.id };
    },

    /** The actor behind a session cookie value, or null when absent, unknown or expired. */
    async actorForSession(token: string | undefined): Promise<Actor | null> {
      if (!token) return null;
      const idHash = hashSessionToken(token);
      const found = await repo.findSessionActor(db, idHash, SESSION_ABSOLUTE_HOURS);
      if (!found) return null;
      const { lastSeenAt, ...actor } = found;
      if (Date.now() - lastSeenAt.getTime() > SESSION_TOUCH_MINUTES * 60_000) {
        await repo.touchSession(db, idHash, SESSION_IDLE_MINUTES);
      }
      return actor;
    },

    async logout(token: string, actor: Actor | null, requestId: string): Promise<void> {
      await repo.deleteSession(db, hashSessionToken(token));
      if (actor) {
        await recordAuditEntry(db, {
          actorAccountId: actor.accountId,
          actorOrganisationId: actor.organisationId,
          action: 'logout',
          subjectType: 'account',
          subjectId: actor.accountId,
          organisationId: actor.organisationId,
          requestId,
        });
      }
    },

    /** Changes the password after checking the current one; signs out the account's other sessions. */
    async changePassword(
      actor: Actor,
      sessionToken: string,
      input: { currentPassword: string; newPassword: string; confirmPassword: string },
      request: { clientIp: string; requestId: string },
    ): Promise<void> {
      const hash = await repo.findPasswordHash(db, actor.accountId);
      // A stolen session must not become a way to guess the password: same counts as signing in.
      const { ok } = await checkGuess(
        { email: actor.email, clientIp: request.clientIp },
        async () => !!hash && (await verifyPassword(hash, input.currentPassword)),
        (_reason, minutes) =>
          new AppError(429, 'password.invalid', { fields: [{ field: 'currentPassword', code: 'password.tooManyGuesses', values: { minutes } }] }),
      );
      if (!ok) {
        await recordAuditEntry(db, {
          actorAccountId: actor.accountId,
          actorOrganisationId: actor.organisationId,
          action: 'login_failed',
          subjectType: 'account',
          subjectId: actor.accountId,
          organisationId: actor.organisationId,
          requestId: request.requestId,
          details: { form: 'password' },
        });
        throw new AppError(400, 'password.invalid', { fields: [{ field: 'currentPassword', code: 'password.currentWrong' }] });
      }
      const weakness = await passwordWeakness(input.newPassword, { displayName: actor.displayName, email: actor.email });
      if (weakness) throw new AppError(400, 'password.invalid', { fields: [{ field: 'newPassword', ...weakness }] });
      if (input.newPassword !== input.confirmPassword) {
        throw new AppError(400, 'password.invalid', { fields: [{ field: 'confirmPassword', code: 'password.mismatch' }] });
      }
      if (input.newPassword === input.currentPassword) {
        throw new AppError(400, 'password.invalid', { fields: [{ field: 'newPassword', code: 'password.unchanged' }] });
      }
      await repo.updatePasswordHash(db, actor.accountId, await hashPassword(input.newPassword));
      await repo.deleteOtherSessions(db, actor.accountId, hashSessionToken(sessionToken));
      await recordAuditEntry(db, {
        actorAccountId: actor.accountId,
        actorOrganisationId: actor.organisationId,
        action: 'update',
        subjectType: 'account',
        subjectId: actor.accountId,
        organisationId: actor.organisationId,
        requestId: request.requestId,
        details: { fields: ['password'] },
      });
    },

    purgeExpired: () => repo.purgeExpired(db),
  };
}

function minutesUntil(time: Date | null): number {
  return Math.max(1, Math.ceil(((time?.getTime() ?? Date.now()) - Date.now()) / 60_000));
}

export type IdentityService = ReturnType<typeof identityService>;
