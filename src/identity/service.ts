// The rules of signing in: throttled password guesses, sessions, password change.
import type { Database } from '../platform/db/database.ts';
import { AppError } from '../platform/http/errors.ts';
import { recordAuditEntry } from '../audit/service.ts';
import type { Actor, Role } from './actor.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.ts';
import { passwordWeakness } from './password-policy.ts';
import * as repo from './repository.ts';
import { accountThrottleKey } from './throttle-keys.ts';
import { hashSessionToken, newSessionToken, SESSION_ABSOLUTE_HOURS, SESSION_IDLE_MINUTES, SESSION_TOUCH_MINUTES } from './sessions.ts';
import { secretBox } from './secret-box.ts';
import { groupedSecret, hashRecoveryCode, looksLikeRecoveryCode, newPendingToken, newRecoveryCodes, newTotpSecret, totpStep, totpUri } from './totp/codes.ts';

/** How long the second step of a sign-in may wait after the right password. */
export const PENDING_SIGN_IN_MINUTES = 10;

export type LoginResult = { kind: 'session'; token: string; accountId: string } | { kind: 'two-factor'; step: 'verify' | 'enrol'; pendingToken: string };

interface RequestContext {
  clientIp: string;
  requestId: string;
}

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

export function identityService(db: Database, options: { secretsKey: Buffer }) {
  // TOTP seeds are stored sealed (AES-256-GCM, decision 0053); a row written before that is read as it is.
  const box = secretBox(options.secretsKey);

  /**
   * Checks one password guess under the limits: claims it first (atomically, so concurrency cannot add
   * guesses), then verifies, then gives that one guess back when the password was right. A refused guess is never
   * verified and answers 429 with the minutes to wait, whether the e-mail has an account or not.
   */
  async function checkGuess(
    input: { email: string; clientIp: string } | { accountKey: string; clientIp: string },
    verify: () => Promise<boolean>,
    refusal: (reason: 'address' | 'account', minutes: number) => AppError,
  ): Promise<{ ok: boolean; guess: number }> {
    const account = 'email' in input ? accountThrottleKey(input.email) : input.accountKey;
    const keys = { address: `address:${input.clientIp}`, account };
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

  function auditAccount(
    accountId: string,
    organisationId: string,
    action: 'login' | 'login_failed' | 'update',
    requestId: string,
    details: Record<string, unknown> = {},
  ) {
    return recordAuditEntry(db, {
      actorAccountId: accountId,
      actorOrganisationId: organisationId,
      action,
      subjectType: 'account',
      subjectId: accountId,
      organisationId,
      requestId,
      details,
    });
  }

  async function openSession(accountId: string, organisationId: string, requestId: string, details: Record<string, unknown> = {}) {
    const token = newSessionToken();
    await repo.insertSession(db, hashSessionToken(token), accountId, SESSION_IDLE_MINUTES);
    await auditAccount(accountId, organisationId, 'login', requestId, details);
    return { token, accountId };
  }

  function isRequired(state: repo.TwoFactorState, requiredRoles: readonly Role[]): boolean {
    return state.organisationRequires || state.roles.some((role) => requiredRoles.includes(role));
  }

  /** After the right password: a code to give, a second factor to set up first, or nothing more. */
  async function secondStep(accountId: string, requiredRoles: readonly Role[]): Promise<'verify' | 'enrol' | null> {
    const state = await repo.findTwoFactorState(db, accountId);
    if (!state) return null;
    if (state.enabled) return 'verify';
    return isRequired(state, requiredRoles) ? 'enrol' : null;
  }

  /** A code is a guess like a password (decision 0024), counted per account and per client address. */
  async function checkCode(accountId: string, organisationId: string, context: RequestContext, verify: () => Promise<boolean>): Promise<void> {
    const { ok } = await checkGuess(
      { accountKey: `totp:${accountId}`, clientIp: context.clientIp },
      verify,
      (reason, minutes) => new AppError(429, reason === 'address' ? 'login.throttled' : 'twoFactor.delayed', { values: { minutes } }),
    );
    if (!ok) {
      await auditAccount(accountId, organisationId, 'login_failed', context.requestId, { factor: 'totp' });
      throw new AppError(401, 'twoFactor.invalid', { fields: [{ field: 'code', code: 'twoFactor.codeWrong' }] });
    }
  }

  async function confirm(accountId: string, organisationId: string, code: string, context: RequestContext): Promise<string[]> {
    const state = await repo.findTwoFactorState(db, accountId);
    if (!state) throw new AppError(404, 'not_found');
    if (state.enabled) throw new AppError(409, 'twoFactor.alreadyOn');
    // The stored (sealed) pending secret becomes the secret as it is: enableTotp checks it is still the pending one.
    const stored = state.pendingSecret;
    let step: number | null = null;
    await checkCode(accountId, organisationId, context, async () => {
      step = stored ? totpStep(box.open(stored), code) : null;
      return step !== null;
    });
    const recoveryCodes = newRecoveryCodes();
    if (!(await repo.enableTotp(db, accountId, stored!, step!, recoveryCodes.map(hashRecoveryCode)))) {
      throw new AppError(409, 'twoFactor.alreadyOn');
    }
    await auditAccount(accountId, organisationId, 'update', context.requestId, { fields: ['two_factor'], twoFactor: 'on' });
    return recoveryCodes;
  }

  return {
    /** The data protection officers told of what concerns an organisation (its own and the regional ones). */
    privacyOfficersOf: (organisationId: string | null) => repo.privacyOfficersOf(db, organisationId),
    /**
     * Returns a new session token, or a pending sign-in when a second factor is to be given (or set up first),
     * or throws login.invalid / login.delayed / login.throttled.
     */
    async login(input: {
      email: string;
      password: string;
      clientIp: string;
      requestId: string;
      /** Roles that must have a second factor (config.twoFactorRequiredRoles). */
      twoFactorRequiredRoles?: readonly Role[];
    }): Promise<LoginResult> {
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
      const step = await secondStep(account!.id, input.twoFactorRequiredRoles ?? []);
      if (step) {
        const pendingToken = newPendingToken();
        await repo.insertPendingSignIn(db, hashSessionToken(pendingToken), account!.id, step, PENDING_SIGN_IN_MINUTES);
        return { kind: 'two-factor', step, pendingToken };
      }
      return { kind: 'session', ...(await openSession(account!.id, account!.organisation_id, input.requestId)) };
    },

    /**
     * A session for an account that an organisation's OpenID provider has just signed in (src/identity/oidc): the
     * provider is the second factor, so no TOTP step. Audited as a login with the method.
     */
    openFederatedSession(accountId: string, organisationId: string, requestId: string): Promise<{ token: string; accountId: string }> {
      return openSession(accountId, organisationId, requestId, { method: 'oidc' });
    },

    /** The pending sign-in behind the second-step cookie, or undefined when absent, unknown or expired. */
    async pendingSignIn(pendingToken: string | undefined): Promise<{ accountId: string; step: 'verify' | 'enrol' } | undefined> {
      if (!pendingToken) return undefined;
      return repo.findPendingSignIn(db, hashSessionToken(pendingToken));
    },

    /** Seals the two-step secrets stored before encryption (run at start; idempotent, safe with several instances). */
    async sealPlaintextSecrets(): Promise<number> {
      const rows = await repo.plaintextTotpSecrets(db);
      const seal = (value: string | null) => (value === null || box.isSealed(value) ? value : box.seal(value));
      for (const row of rows) {
        await repo.sealTotpSecrets(db, row.id, { secret: row.secret, pending: row.pending }, { secret: seal(row.secret), pending: seal(row.pending) });
      }
      return rows.length;
    },

    /** The secret to scan or type on the enrolment page (the same one until it is confirmed). */
    async enrolment(accountId: string): Promise<{ uri: string; secret: string }> {
      const state = await repo.findTwoFactorState(db, accountId);
      if (!state) throw new AppError(404, 'not_found');
      if (state.enabled) throw new AppError(409, 'twoFactor.alreadyOn');
      const secret = box.open(await repo.ensurePendingTotpSecret(db, accountId, box.seal(newTotpSecret())));
      return { uri: totpUri(secret, state.email), secret: groupedSecret(secret) };
    },

    async twoFactorStatus(accountId: string, requiredRoles: readonly Role[]): Promise<{ enabled: boolean; required: boolean; recoveryCodesLeft: number }> {
      const state = await repo.findTwoFactorState(db, accountId);
      if (!state) throw new AppError(404, 'not_found');
      return { enabled: state.enabled, required: isRequired(state, requiredRoles), recoveryCodesLeft: state.recoveryCodesLeft };
    },

    /** Confirms enrolment from the account page with a first code; returns the recovery codes, shown once. */
    async confirmEnrolment(actor: Actor, code: string, context: RequestContext): Promise<string[]> {
      return confirm(actor.accountId, actor.organisationId, code, context);
    },

    /**
     * The second step when the account had to set up a second factor first: confirms it with a first code,
     * then opens the session. Returns the session and the recovery codes, shown once.
     */
    async completeEnrolmentSignIn(pendingToken: string, code: string, context: RequestContext): Promise<{ token: string; recoveryCodes: string[] }> {
      const pending = await repo.findPendingSignIn(db, hashSessionToken(pendingToken));
      if (!pending || pending.step !== 'enrol') throw new AppError(401, 'twoFactor.expired');
      const state = (await repo.findTwoFactorState(db, pending.accountId))!;
      const recoveryCodes = await confirm(pending.accountId, state.organisation_id, code, context);
      if (!(await repo.deletePendingSignIn(db, hashSessionToken(pendingToken)))) throw new AppError(401, 'twoFactor.expired');
      const { token } = await openSession(pending.accountId, state.organisation_id, context.requestId);
      return { token, recoveryCodes };
    },

    /** The second step: a code of the app (each time step once) or an unused recovery code opens the session. */
    async verifySecondFactor(pendingToken: string, code: string, context: RequestContext): Promise<{ token: string; usedRecoveryCode: boolean }> {
      const idHash = hashSessionToken(pendingToken);
      const pending = await repo.findPendingSignIn(db, idHash);
      if (!pending || pending.step !== 'verify') throw new AppError(401, 'twoFactor.expired');
      const state = (await repo.findTwoFactorState(db, pending.accountId))!;
      const usedRecoveryCode = looksLikeRecoveryCode(code);
      await checkCode(pending.accountId, state.organisation_id, context, async () => {
        if (usedRecoveryCode) return repo.useRecoveryCode(db, pending.accountId, hashRecoveryCode(code));
        const step = state.secret ? totpStep(box.open(state.secret), code) : null;
        return step !== null && (await repo.acceptTotpStep(db, pending.accountId, step));
      });
      if (!(await repo.deletePendingSignIn(db, idHash))) throw new AppError(401, 'twoFactor.expired');
      const { token } = await openSession(pending.accountId, state.organisation_id, context.requestId, { factor: usedRecoveryCode ? 'recovery_code' : 'totp' });
      return { token, usedRecoveryCode };
    },

    /** Turns the second factor off with a current code, unless the account must have one. */
    async disableTwoFactor(actor: Actor, code: string, requiredRoles: readonly Role[], context: RequestContext): Promise<void> {
      const state = await repo.findTwoFactorState(db, actor.accountId);
      if (!state?.enabled) throw new AppError(409, 'twoFactor.notOn');
      if (isRequired(state, requiredRoles)) throw new AppError(409, 'twoFactor.required');
      await checkCode(actor.accountId, actor.organisationId, context, async () => {
        const step = state.secret ? totpStep(box.open(state.secret), code) : null;
        return step !== null && (await repo.acceptTotpStep(db, actor.accountId, step));
      });
      await repo.disableTotp(db, actor.accountId);
      await auditAccount(actor.accountId, actor.organisationId, 'update', context.requestId, { fields: ['two_factor'], twoFactor: 'off' });
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
