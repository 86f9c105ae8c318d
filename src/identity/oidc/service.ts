// Staff sign-in through their organisation's OpenID provider (issue 18 item 7, decision 0040): the authorization
// code flow with PKCE, state and nonce through `openid-client` (certified), the waiting state kept on the server
// and bound to the browser, the account found by subject or verified e-mail (or made just in time), roles and
// units from a claim when the organisation says so, and sign-out at the provider.
import { createHash, randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import type { Database } from '../../platform/db/database.ts';
import type { Config } from '../../config.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import type { AuditService } from '../../audit/service.ts';
import { authorise } from '../guards.ts';
import type { Actor, Role } from '../actor.ts';
import { hashSessionToken } from '../sessions.ts';
import { canConfigureSignIn } from './authorisation.ts';
import { parseRoleMap, rolesFromClaims, type RoleMap } from './role-map.ts';
import * as repo from './repository.ts';
import { secretBox } from '../secret-box.ts';

/** How long the provider may take to send the user back. */
const SIGN_IN_MINUTES = 10;
/** How long a provider's discovered metadata is reused before it is read again. */
const DISCOVERY_TTL_MS = 15 * 60_000;
/** Seconds a call to the provider may take (discovery, token endpoint). */
const PROVIDER_TIMEOUT_S = 8;

export const CALLBACK_PATH = '/auth/oidc/callback';
export const SIGNED_OUT_PATH = '/auth/oidc/signed-out';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const LANGUAGES = ['fr', 'nl', 'en'] as const;
type Language = (typeof LANGUAGES)[number];

export interface ProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  roleClaim: string;
  roleMap: string;
  justInTime: boolean;
  enabled: boolean;
  domains: string;
  version: number | null;
}

interface Dependencies {
  config: Pick<Config, 'publicUrl' | 'env' | 'secretsEncryptionKey'>;
  identity: { openFederatedSession(accountId: string, organisationId: string, requestId: string): Promise<{ token: string; accountId: string }> };
  audit: AuditService;
}

export function oidcService(db: Database, deps: Dependencies) {
  const redirectUri = `${deps.config.publicUrl}${CALLBACK_PATH}`;
  const discovered = new Map<string, { version: number; at: number; configuration: client.Configuration }>();
  // Client secrets are stored sealed (AES-256-GCM, decision 0053); a row written before that is read as it is.
  const box = secretBox(deps.config.secretsEncryptionKey);

  /** Plain http providers only outside production, for a provider on this machine or in the tests. */
  function insecureAllowed(issuer: string): boolean {
    return deps.config.env !== 'production' && new URL(issuer).protocol === 'http:';
  }

  async function configurationOf(provider: repo.ProviderRow): Promise<client.Configuration> {
    const cached = discovered.get(provider.organisationId);
    if (cached && cached.version === provider.version && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.configuration;
    try {
      const configuration = await client.discovery(new URL(provider.issuer), provider.clientId, box.open(provider.clientSecret), undefined, {
        timeout: PROVIDER_TIMEOUT_S,
        ...(insecureAllowed(provider.issuer) ? { execute: [client.allowInsecureRequests] } : {}),
      });
      discovered.set(provider.organisationId, { version: provider.version, at: Date.now(), configuration });
      return configuration;
    } catch {
      // the provider is down or misconfigured: this organisation's staff sign in with a password meanwhile
      throw new AppError(503, 'oidc.unavailable');
    }
  }

  async function applyRoles(account: repo.LinkedAccount, provider: repo.ProviderRow, claims: Record<string, unknown>, requestId: string) {
    if (!provider.roleClaim) return;
    const { roles, units } = rolesFromClaims(claims, provider.roleClaim, provider.roleMap);
    authorise(roles.length > 0, 'oidc.noRole');
    if (roles.join() === account.roles.join() && units.join() === account.unitCodes.join()) return;
    await db.transaction((tx) => repo.setRolesAndUnits(tx, account, roles, units));
    await deps.audit.recordEntry({
      actorAccountId: account.id,
      actorOrganisationId: account.organisationId,
      action: 'update',
      subjectType: 'account',
      subjectId: account.id,
      organisationId: account.organisationId,
      requestId,
      details: { fields: ['roles', 'units'], source: 'oidc' },
    });
  }

  /** The account behind the provider's answer: linked by subject, else by verified e-mail, else just in time. */
  async function accountFor(provider: repo.ProviderRow, claims: client.IDToken, language: Language, requestId: string) {
    const subject = claims.sub;
    let account = await repo.findAccountBySubject(db, provider.organisationId, subject);
    const email = typeof claims.email === 'string' && claims.email_verified === true ? claims.email.trim().toLowerCase() : undefined;
    if (!account && email) {
      account = await repo.findUnlinkedAccountByEmail(db, provider.organisationId, email);
      if (account) await repo.linkSubject(db, provider.organisationId, subject, account.id);
    }
    if (!account) {
      authorise(provider.justInTime && email !== undefined, 'oidc.unknownAccount');
      if (await repo.emailTakenElsewhere(db, provider.organisationId, email)) throw new AppError(409, 'oidc.emailTaken');
      const granted: { roles: Role[]; units: string[] } = provider.roleClaim
        ? rolesFromClaims(claims, provider.roleClaim, provider.roleMap)
        : { roles: ['first_line_agent'], units: [] };
      authorise(granted.roles.length > 0, 'oidc.noRole');
      const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email;
      const id = await db.transaction(async (tx) => {
        const created = await repo.insertFederatedAccount(tx, {
          organisationId: provider.organisationId,
          email,
          displayName: name,
          roles: granted.roles,
          language,
        });
        await repo.linkSubject(tx, provider.organisationId, subject, created);
        await repo.setRolesAndUnits(tx, { id: created, organisationId: provider.organisationId }, granted.roles, granted.units);
        return created;
      });
      await deps.audit.recordEntry({
        actorAccountId: id,
        actorOrganisationId: provider.organisationId,
        action: 'create',
        subjectType: 'account',
        subjectId: id,
        organisationId: provider.organisationId,
        requestId,
        details: { source: 'oidc', justInTime: true },
      });
      return (await repo.findAccountBySubject(db, provider.organisationId, subject))!;
    }
    await applyRoles(account, provider, claims, requestId);
    return account;
  }

  /** The code exchanged (PKCE, state, nonce checked by the library), the account found, a session opened. */
  async function signIn(pending: repo.SignInRow, callbackUrl: URL, state: string, requestId: string): Promise<string> {
    if (callbackUrl.searchParams.has('error')) throw new AppError(401, 'oidc.refused');
    const provider = await repo.findProvider(db, pending.organisationId);
    if (!provider?.enabled) throw new AppError(404, 'oidc.noProvider');
    const configuration = await configurationOf(provider);
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch {
      throw new AppError(401, 'oidc.failed');
    }
    const claims = tokens.claims()!;
    const account = await accountFor(provider, claims, pending.language, requestId);
    authorise(account.active, 'oidc.inactive');
    const session = await deps.identity.openFederatedSession(account.id, account.organisationId, requestId);
    if (tokens.id_token) await repo.attachIdToken(db, hashSessionToken(session.token), provider.organisationId, tokens.id_token);
    return session.token;
  }

  function settingsFromInput(input: ProviderSettings, isNew: boolean): repo.ProviderInput | { fields: FieldError[] } {
    const fields: FieldError[] = [];
    let issuer = input.issuer.trim().replace(/\/$/, '');
    try {
      const url = new URL(issuer);
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && deps.config.env !== 'production'))
        fields.push({ field: 'issuer', code: 'oidc.issuerHttps' });
      issuer = url.href.replace(/\/$/, '');
    } catch {
      fields.push({ field: 'issuer', code: 'oidc.issuerInvalid' });
    }
    const clientId = input.clientId.trim();
    if (!clientId) fields.push({ field: 'clientId', code: 'validation.required' });
    const secret = input.clientSecret.trim();
    if (isNew && !secret) fields.push({ field: 'clientSecret', code: 'validation.required' });
    const scopes = [...new Set(['openid', ...input.scopes.split(/[\s,]+/).filter(Boolean)])];
    if (scopes.some((scope) => !/^[\x21\x23-\x5b\x5d-\x7e]{1,100}$/.test(scope))) fields.push({ field: 'scopes', code: 'oidc.scopesInvalid' });
    const domains = [
      ...new Set(
        input.domains
          .split(/[\s,;]+/)
          .map((domain) => domain.trim().toLowerCase().replace(/^@/, ''))
          .filter(Boolean),
      ),
    ].sort();
    if (domains.some((domain) => !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(domain)))
      fields.push({ field: 'domains', code: 'oidc.domainInvalid' });
    const roleClaim = input.roleClaim.trim() || null;
    let roleMap: RoleMap = {};
    if (roleClaim) {
      const parsed = parseRoleMap(input.roleMap);
      if ('problem' in parsed) fields.push({ field: 'roleMap', code: parsed.problem.kind === 'role' ? 'oidc.roleMapRole' : 'oidc.roleMapLine' });
      else if (Object.keys(parsed.map).length === 0) fields.push({ field: 'roleMap', code: 'validation.required' });
      else roleMap = parsed.map;
    }
    if (fields.length) return { fields };
    return {
      issuer,
      clientId,
      clientSecret: secret ? box.seal(secret) : null,
      scopes: scopes.join(' '),
      roleClaim,
      roleMap,
      justInTime: input.justInTime,
      enabled: input.enabled,
      domains,
    };
  }

  return {
    /** Seals the client secrets stored before encryption (run at start; idempotent, safe with several instances). */
    async sealPlaintextSecrets(): Promise<number> {
      const rows = await repo.plaintextClientSecrets(db);
      for (const row of rows) await repo.sealClientSecret(db, row.organisationId, row.secret, box.seal(row.secret));
      return rows.length;
    },

    redirectUri,

    /** The provider of an organisation, for its settings page (the secret is never given back). */
    async settings(actor: Actor, organisationId: string) {
      authorise(canConfigureSignIn(actor, organisationId));
      const provider = await repo.findProvider(db, organisationId);
      return provider ? { ...provider, clientSecret: undefined, hasSecret: true } : undefined;
    },

    /**
     * Saves an organisation's provider and checks that it answers (discovery); a provider that does not answer is
     * saved all the same, and the page says so.
     */
    async saveSettings(actor: Actor, organisationId: string, input: ProviderSettings, requestId: string): Promise<{ reachable: boolean; endSession: boolean }> {
      authorise(canConfigureSignIn(actor, organisationId));
      const checked = settingsFromInput(input, input.version === null);
      if ('fields' in checked) throw new AppError(400, 'validation.failed', { fields: checked.fields });
      const outcome = await db.transaction((tx) => repo.saveProvider(tx, organisationId, checked, input.version));
      if (outcome === 'stale') throw new AppError(409, 'oidc.stale');
      if (typeof outcome === 'object')
        throw new AppError(409, 'oidc.domainTaken', { fields: [{ field: 'domains', code: 'oidc.domainTaken' }], values: { domain: outcome.domainTaken } });
      await deps.audit.record(actor, 'update', { type: 'identity_provider', id: organisationId, organisationId }, requestId, {
        fields: ['issuer', 'clientId', ...(checked.clientSecret ? ['clientSecret'] : []), 'scopes', 'roles', 'domains', 'enabled'],
      });
      discovered.delete(organisationId);
      const saved = (await repo.findProvider(db, organisationId))!;
      try {
        const configuration = await configurationOf(saved);
        return { reachable: true, endSession: !!configuration.serverMetadata().end_session_endpoint };
      } catch {
        return { reachable: false, endSession: false };
      }
    },

    /** The organisation whose provider signs in this e-mail address's staff, if any (by its domain). */
    async providerForEmail(email: string): Promise<{ organisationId: string } | undefined> {
      const domain = email.trim().toLowerCase().split('@')[1];
      if (!domain) return undefined;
      const provider = await repo.findProviderByDomain(db, domain);
      return provider && { organisationId: provider.organisationId };
    },

    /**
     * Starts a sign-in at the organisation's provider: returns the address to send the browser to and the value
     * of the cookie that binds the answer to this browser.
     */
    async begin(organisationId: string, language: Language, nextPath: string | null): Promise<{ location: string; browserToken: string }> {
      const provider = await repo.findProvider(db, organisationId);
      if (!provider?.enabled) throw new AppError(404, 'oidc.noProvider');
      const configuration = await configurationOf(provider);
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const browserToken = randomBytes(24).toString('base64url');
      await repo.purgeExpiredSignIns(db);
      await repo.insertSignIn(
        db,
        { stateHash: sha256(state), browserHash: sha256(browserToken), organisationId, codeVerifier, nonce, language, nextPath },
        SIGN_IN_MINUTES,
      );
      const location = client.buildAuthorizationUrl(configuration, {
        redirect_uri: redirectUri,
        scope: provider.scopes,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ui_locales: language,
      });
      return { location: location.href, browserToken };
    },

    /**
     * The provider's answer at the callback (its full URL, as the browser asked it): checks state, browser,
     * PKCE and nonce, finds the account and opens an IrisDesk session.
     */
    async complete(
      callbackUrl: URL,
      browserToken: string | undefined,
      requestId: string,
    ): Promise<
      { kind: 'session'; sessionToken: string; language: Language; nextPath: string | null } | { kind: 'refused'; error: AppError; language: Language }
    > {
      const state = callbackUrl.searchParams.get('state');
      const pending = state ? await repo.takeSignIn(db, sha256(state)) : undefined;
      // unknown, expired, replayed, or started in another browser: the same answer, start again
      if (!pending || !browserToken || sha256(browserToken) !== pending.browserHash) throw new AppError(400, 'oidc.expired');
      const language = LANGUAGES.includes(pending.language) ? pending.language : 'fr';
      try {
        return { kind: 'session', language, nextPath: pending.nextPath, sessionToken: await signIn(pending, callbackUrl, state!, requestId) };
      } catch (raw) {
        // a refusal is told in the language the person started in; anything else is the error handler's
        if (raw instanceof AppError && raw.status < 500) return { kind: 'refused', error: raw, language };
        throw raw;
      }
    },

    /**
     * Where to send the browser to sign out at the provider too (before the IrisDesk session is ended), or
     * undefined for a session opened with a password or a provider without an end-session endpoint.
     */
    async endSessionUrl(sessionToken: string): Promise<string | undefined> {
      const session = await repo.sessionProviderAndToken(db, hashSessionToken(sessionToken));
      if (!session) return undefined;
      const provider = await repo.findProvider(db, session.organisationId);
      if (!provider) return undefined;
      try {
        const configuration = await configurationOf(provider);
        if (!configuration.serverMetadata().end_session_endpoint) return undefined;
        return client.buildEndSessionUrl(configuration, {
          id_token_hint: session.idToken,
          post_logout_redirect_uri: `${deps.config.publicUrl}${SIGNED_OUT_PATH}`,
        }).href;
      } catch {
        return undefined; // the provider is away: IrisDesk's own session still ends
      }
    },
  };
}

export type OidcService = ReturnType<typeof oidcService>;
