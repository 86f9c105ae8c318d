// The rules of signing in: throttling per client address, lockout per account, sessions, password change.
import type { Database } from '../platform/db/database.ts';
import { AppError } from '../platform/http/errors.ts';
import { insertAuditEntry } from '../audit/repository.ts';
import type { Actor } from './actor.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword, PASSWORD_MIN_LENGTH } from './passwords.ts';
import * as repo from './repository.ts';
import {
  hashSessionToken,
  newSessionToken,
  SESSION_ABSOLUTE_HOURS,
  SESSION_IDLE_MINUTES,
  SESSION_TOUCH_MINUTES,
} from './sessions.ts';

/** Failed attempts in a row before an account is locked. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
/** Failed attempts from one address within the window before that address must wait. */
export const MAX_FAILURES_PER_IP = 20;
export const IP_WINDOW_MINUTES = 15;

export function identityService(db: Database) {
  return {
    /** Returns a new session token, or throws login.invalid / login.locked / login.throttled. */
    async login(input: { email: string; password: string; clientIp: string; requestId: string }): Promise<{ token: string; accountId: string }> {
      if ((await repo.countRecentLoginFailures(db, input.clientIp, IP_WINDOW_MINUTES)) >= MAX_FAILURES_PER_IP) {
        throw new AppError(429, 'login.throttled', { values: { minutes: IP_WINDOW_MINUTES } });
      }
      const account = await repo.findAccountForLogin(db, input.email);
      if (!account || !account.active) {
        await verifyAgainstDummy(input.password);
        await repo.insertLoginFailure(db, input.clientIp);
        throw new AppError(401, 'login.invalid');
      }
      const audit = (action: 'login' | 'login_failed' | 'locked', details: Record<string, unknown> = {}) =>
        insertAuditEntry(db, {
          actorAccountId: account.id,
          actorOrganisationId: account.organisation_id,
          action,
          subjectType: 'account',
          subjectId: account.id,
          organisationId: account.organisation_id,
          requestId: input.requestId,
          details,
        });
      if (account.locked_until && account.locked_until > new Date()) {
        await verifyAgainstDummy(input.password);
        throw lockedError(account.locked_until);
      }
      if (!(await verifyPassword(account.password_hash, input.password))) {
        await repo.insertLoginFailure(db, input.clientIp);
        const after = await repo.recordFailedLogin(db, account.id, MAX_FAILED_LOGINS, LOCK_MINUTES);
        if (after.locked_until && after.failed_logins >= MAX_FAILED_LOGINS) {
          await audit('locked', { failedLogins: after.failed_logins });
          throw lockedError(after.locked_until);
        }
        await audit('login_failed', { failedLogins: after.failed_logins });
        throw new AppError(401, 'login.invalid');
      }
      await repo.resetFailedLogins(db, account.id);
      const token = newSessionToken();
      await repo.insertSession(db, hashSessionToken(token), account.id, SESSION_IDLE_MINUTES);
      await audit('login');
      return { token, accountId: account.id };
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
        await insertAuditEntry(db, {
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
    ): Promise<void> {
      const hash = await repo.findPasswordHash(db, actor.accountId);
      if (!hash || !(await verifyPassword(hash, input.currentPassword))) {
        throw new AppError(400, 'password.invalid', { fields: [{ field: 'currentPassword', code: 'password.currentWrong' }] });
      }
      if (input.newPassword.length < PASSWORD_MIN_LENGTH) {
        throw new AppError(400, 'password.invalid', {
          fields: [{ field: 'newPassword', code: 'validation.minLength', values: { limit: PASSWORD_MIN_LENGTH } }],
        });
      }
      if (input.newPassword !== input.confirmPassword) {
        throw new AppError(400, 'password.invalid', { fields: [{ field: 'confirmPassword', code: 'password.mismatch' }] });
      }
      if (input.newPassword === input.currentPassword) {
        throw new AppError(400, 'password.invalid', { fields: [{ field: 'newPassword', code: 'password.unchanged' }] });
      }
      await repo.updatePasswordHash(db, actor.accountId, await hashPassword(input.newPassword));
      await repo.deleteOtherSessions(db, actor.accountId, hashSessionToken(sessionToken));
      await insertAuditEntry(db, {
        actorAccountId: actor.accountId,
        actorOrganisationId: actor.organisationId,
        action: 'update',
        subjectType: 'account',
        subjectId: actor.accountId,
        organisationId: actor.organisationId,
        details: { fields: ['password'] },
      });
    },

    purgeExpired: () => repo.purgeExpired(db),
  };
}

function lockedError(until: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return new AppError(403, 'login.locked', { values: { minutes } });
}

export type IdentityService = ReturnType<typeof identityService>;
