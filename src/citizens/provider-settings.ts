// The region's citizen identity provider set on a page by a platform administrator (issue 18 item 9, decision
// 0060): issuer, client, secret (sealed), scopes, the button's name, the claim mapping, on or off. The
// CITIZEN_OIDC_* settings stay the default while nothing was saved, and come back when the page's settings are
// removed. Saving and the "test" button run the provider's discovery and say plainly why it failed.
import type { Database } from '../platform/db/database.ts';
import type { Config } from '../config.ts';
import type { Actor } from '../identity/actor.ts';
import { hasRole } from '../identity/actor.ts';
import { authorise } from '../identity/guards.ts';
import { AppError, type FieldError } from '../platform/http/errors.ts';
import { recordAudit } from '../audit/service.ts';
import * as repo from './repository.ts';

/** The provider citizens sign in with now, whichever place its settings come from. */
export interface ProviderInUse {
  issuer: string;
  clientId: string;
  /** in clear, to send to the provider */
  clientSecret: string;
  scopes: string;
  name: string;
  emailClaim: string;
  nameClaim: string;
  emailVerifiedRequired: boolean;
  source: 'settings' | 'environment';
  version: number;
}

export const providerNameOf = (provider: ProviderInUse | undefined) => provider?.name;

/** The region's citizen sign-in is the platform's: its administrators set it. */
export function canConfigureCitizenProvider(actor: Actor | null): boolean {
  return hasRole(actor, 'platform_admin');
}

/** What the page posts (the secret empty: keep the stored one, or the environment's when nothing is stored). */
export interface ProviderForm {
  enabled: boolean;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  name: string;
  emailClaim: string;
  nameClaim: string;
  emailVerifiedRequired: boolean;
  version: number | null;
}

/** The outcome of a discovery: reached (and whether sign-out at the provider is possible), or why not. */
export type DiscoveryOutcome =
  { reached: true; issuer: string; endSession: boolean } | { reached: false; reason: 'unreachable' | 'notAnIssuer'; detail: string };

interface Dependencies {
  config: Pick<Config, 'env' | 'citizenOidc'>;
  citizens: {
    providerInUse(options?: { evenIfOff?: boolean }): Promise<ProviderInUse | undefined>;
    storedProviderSettings(): Promise<repo.ProviderSettingsRow | undefined>;
    discover(provider: {
      issuer: string;
      clientId: string;
      clientSecret: string;
    }): Promise<{ serverMetadata(): { issuer: string; end_session_endpoint?: string } }>;
    sealSecret(plain: string): string;
  };
}

const CLAIM = /^[A-Za-z0-9_.:-]{1,60}$/;

export function citizenProviderSettingsService(db: Database, deps: Dependencies) {
  const fallback = deps.config.citizenOidc;

  /** Reads the provider's discovery document; a failure is told as "not reached" or "not an OpenID provider". */
  async function check(provider: { issuer: string; clientId: string; clientSecret: string }): Promise<DiscoveryOutcome> {
    try {
      const metadata = (await deps.citizens.discover(provider)).serverMetadata();
      return { reached: true, issuer: metadata.issuer, endSession: !!metadata.end_session_endpoint };
    } catch (raw) {
      const error = raw as Error & { cause?: { code?: string }; code?: string };
      // fetch() failing (refused, unknown host, timeout) never got an answer; anything else answered wrongly
      const network = error.name === 'TimeoutError' || error.name === 'AbortError' || (error instanceof TypeError && /fetch failed/i.test(error.message));
      const detail = [error.message, error.cause?.code].filter(Boolean).join(' — ').slice(0, 300);
      return { reached: false, reason: network ? 'unreachable' : 'notAnIssuer', detail };
    }
  }

  function validated(
    input: ProviderForm,
    hasSecret: boolean,
  ): Omit<repo.ProviderSettingsRow, 'version' | 'updatedAt' | 'clientSecret'> & { clientSecret: string | null } {
    const fields: FieldError[] = [];
    let issuer = input.issuer.trim();
    try {
      const url = new URL(issuer);
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && deps.config.env !== 'production'))
        fields.push({ field: 'issuer', code: 'citizens.provider.issuerHttps' });
      issuer = url.href.replace(/\/$/, '');
    } catch {
      fields.push({ field: 'issuer', code: 'citizens.provider.issuerInvalid' });
    }
    const clientId = input.clientId.trim();
    if (!clientId) fields.push({ field: 'clientId', code: 'validation.required' });
    const secret = input.clientSecret.trim();
    if (!secret && !hasSecret) fields.push({ field: 'clientSecret', code: 'validation.required' });
    const scopes = [...new Set(['openid', ...input.scopes.split(/[\s,]+/).filter(Boolean)])];
    if (scopes.some((scope) => !/^[\x21\x23-\x5b\x5d-\x7e]{1,100}$/.test(scope))) fields.push({ field: 'scopes', code: 'citizens.provider.scopesInvalid' });
    const name = input.name.trim();
    if (!name || name.length > 60) fields.push({ field: 'name', code: 'citizens.provider.nameLength' });
    const emailClaim = input.emailClaim.trim() || 'email';
    if (!CLAIM.test(emailClaim)) fields.push({ field: 'emailClaim', code: 'citizens.provider.claimInvalid' });
    const nameClaims = input.nameClaim
      .trim()
      .split(/[\s,]+/)
      .filter(Boolean);
    if (nameClaims.length > 3 || nameClaims.some((claim) => !CLAIM.test(claim))) fields.push({ field: 'nameClaim', code: 'citizens.provider.claimInvalid' });
    if (fields.length) throw new AppError(400, 'validation.failed', { fields });
    return {
      enabled: input.enabled,
      issuer,
      clientId,
      clientSecret: secret ? deps.citizens.sealSecret(secret) : null,
      scopes: scopes.join(' '),
      name,
      emailClaim,
      nameClaim: nameClaims.join(' ') || 'name',
      emailVerifiedRequired: input.emailVerifiedRequired,
    };
  }

  return {
    /** The page: the stored settings (secret never given back), else the environment's as the starting values. */
    async view(actor: Actor) {
      authorise(canConfigureCitizenProvider(actor));
      const stored = await deps.citizens.storedProviderSettings();
      const values: ProviderForm = stored
        ? { ...stored, clientSecret: '' }
        : {
            enabled: true,
            issuer: fallback?.issuer ?? '',
            clientId: fallback?.clientId ?? '',
            clientSecret: '',
            scopes: fallback?.scopes ?? 'openid email profile',
            name: fallback?.name ?? '',
            emailClaim: 'email',
            nameClaim: 'name',
            emailVerifiedRequired: true,
            version: null,
          };
      return { values, source: stored ? ('settings' as const) : fallback ? ('environment' as const) : ('none' as const), updatedAt: stored?.updatedAt ?? null };
    },

    /**
     * Saves the settings (the secret sealed; left empty it stays as stored, or is the environment's on the first
     * save), audited without the secret, then checks that the provider answers: saved either way, the page says so.
     */
    async save(actor: Actor, input: ProviderForm, requestId: string): Promise<DiscoveryOutcome> {
      authorise(canConfigureCitizenProvider(actor));
      const stored = await deps.citizens.storedProviderSettings();
      const row = validated(input, !!stored || !!fallback?.clientSecret);
      if (!stored && row.clientSecret === null) row.clientSecret = deps.citizens.sealSecret(fallback!.clientSecret);
      const saved = await db.transaction(async (tx) => {
        if (!(await repo.saveProviderSettings(tx, row, stored ? input.version : null, actor.accountId))) return false;
        await recordAudit(tx, actor, 'update', { type: 'citizen_identity_provider', id: 'region', organisationId: null }, requestId, {
          fields: ['enabled', 'issuer', 'clientId', ...(input.clientSecret.trim() ? ['clientSecret'] : []), 'scopes', 'name', 'claims'],
          enabled: row.enabled,
          issuer: row.issuer,
        });
        return true;
      });
      if (!saved) throw new AppError(409, 'citizens.provider.stale');
      return check((await deps.citizens.providerInUse({ evenIfOff: true }))!);
    },

    /** Removes the page's settings: the CITIZEN_OIDC_* settings (or none) apply again. Audited. */
    async reset(actor: Actor, requestId: string): Promise<void> {
      authorise(canConfigureCitizenProvider(actor));
      await db.transaction(async (tx) => {
        if (await repo.deleteProviderSettings(tx))
          await recordAudit(tx, actor, 'delete', { type: 'citizen_identity_provider', id: 'region', organisationId: null }, requestId, {});
      });
    },

    /** The "test" button: the discovery of the provider as set now (switched off too), if any. */
    async test(actor: Actor): Promise<DiscoveryOutcome | undefined> {
      authorise(canConfigureCitizenProvider(actor));
      const provider = await deps.citizens.providerInUse({ evenIfOff: true });
      return provider && check(provider);
    },
  };
}

export type CitizenProviderSettingsService = ReturnType<typeof citizenProviderSettingsService>;
