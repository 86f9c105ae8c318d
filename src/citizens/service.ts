// Citizen sign-in and "my space" (issue 18 item 9, decision 0054). Optional, never required: every public form
// works without it. Two ways in: a single-use link sent to the citizen's e-mail address (works with nothing
// configured, offline in the demo), and the region's citizen identity provider (FAS / itsme kind) through the same
// OpenID Connect mechanism as staff sign-in (openid-client, authorization code + PKCE, state, nonce; decision 0040).
// A citizen session is a row of its own with a cookie of its own: it never carries a staff role.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import type { Database } from '../platform/db/database.ts';
import type { Config } from '../config.ts';
import type { AuditService } from '../audit/service.ts';
import { AppError } from '../platform/http/errors.ts';
import { translator } from '../platform/i18n/messages.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';
import { secretBox } from '../identity/secret-box.ts';
import * as repo from './repository.ts';
import { providerNameOf, type ProviderInUse } from './provider-settings.ts';

type Language = repo.Language;
const LANGUAGES: readonly Language[] = ['fr', 'nl', 'en'];

/** A link sent by e-mail is good for a quarter of an hour, once. */
const LINK_MINUTES = 15;
/** At most this many links per address, and per client address, within the window. */
const LINKS_PER_EMAIL = 3;
const LINKS_PER_CLIENT = 10;
const LINK_WINDOW_MINUTES = 60;
/** A citizen session lasts four hours at most (a public computer is left signed in for no longer). */
export const SESSION_HOURS = 4;
const PROVIDER_MINUTES = 10;
const PROVIDER_TIMEOUT_S = 8;
const DISCOVERY_TTL_MS = 15 * 60_000;

/** The citizen session cookie (never the staff one, `irisdesk_session`). */
export const CITIZEN_COOKIE = 'irisdesk_citizen';
export const CITIZEN_CALLBACK_PATH = '/auth/citizen/callback';
export const CITIZEN_SIGNED_OUT_PATH = '/auth/citizen/signed-out';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** What a form may be filled in with: the citizen's verified address and the name the provider gave. */
export interface CitizenIdentity {
  id: string;
  email: string | null;
  displayName: string | null;
  method: 'email' | 'oidc';
  viaProvider: boolean;
}

interface Dependencies {
  config: Pick<Config, 'publicUrl' | 'env' | 'sessionSecret' | 'citizenOidc' | 'secretsEncryptionKey'>;
  audit: AuditService;
  mail: { send(mail: { to: string; subject: string; text: string; language: Language; purpose?: string }): Promise<unknown> };
  contactCenter: {
    requestsOfEmail(
      email: string,
    ): Promise<
      Array<{ id: string; reference: string; subject: string; status: string; organisationName: Record<string, string>; createdAt: Date; updatedAt: Date }>
    >;
  };
  appointments: {
    appointmentsOfEmail(
      email: string,
    ): Promise<Array<{ id: string; reference: string; startsAt: Date; status: string; serviceName: LocalizedText; pointName: LocalizedText }>>;
    manageLinkForEmail(appointmentId: string, email: string, language: Language): Promise<string | undefined>;
  };
  queues: {
    ticketsOfAppointments(
      ids: string[],
    ): Promise<Array<{ id: string; appointmentId: string; label: string; day: string; status: string; pointName: LocalizedText; issuedAt: Date }>>;
  };
  satisfaction: {
    invitationsOfSources(
      ids: string[],
    ): Promise<Array<{ sourceId: string; organisationName: Record<string, string>; contactAt: Date; expiresAt: Date; answeredAt: Date | null }>>;
  };
  surveys: {
    invitationsOfSources(ids: string[]): Promise<
      Array<{
        sourceId: string;
        title: LocalizedText;
        organisationName: Record<string, string> | null;
        createdAt: Date;
        expiresAt: Date;
        answeredAt: Date | null;
      }>
    >;
  };
}

export function citizenService(db: Database, deps: Dependencies) {
  const redirectUri = `${deps.config.publicUrl}${CITIZEN_CALLBACK_PATH}`;
  // The provider's client secret set on the settings page is stored sealed (decision 0053).
  const box = secretBox(deps.config.secretsEncryptionKey);
  let discovered: { key: string; at: number; configuration: client.Configuration } | undefined;
  const addressKey = (address: string) => createHmac('sha256', deps.config.sessionSecret).update(`citizen-link:${address}`).digest('hex');

  /**
   * The provider in use: the one set on the settings page (none when it is switched off there), else the
   * CITIZEN_OIDC_* settings (decision 0060). Read at each use: one small row, and every instance agrees at once.
   */
  async function providerInUse(options: { evenIfOff?: boolean } = {}): Promise<ProviderInUse | undefined> {
    const row = await repo.findProviderSettings(db);
    if (row) return row.enabled || options.evenIfOff ? { ...row, clientSecret: box.open(row.clientSecret), source: 'settings' } : undefined;
    const fallback = deps.config.citizenOidc;
    return fallback && { ...fallback, emailClaim: 'email', nameClaim: 'name', emailVerifiedRequired: true, source: 'environment', version: 0 };
  }

  /** The provider's metadata, discovered once per quarter of an hour and per version of its settings. */
  async function configuration(provider: ProviderInUse | undefined): Promise<client.Configuration> {
    if (!provider) throw new AppError(404, 'citizens.noProvider');
    const key = `${provider.source}:${provider.version}:${provider.issuer}:${provider.clientId}`;
    if (discovered?.key === key && Date.now() - discovered.at < DISCOVERY_TTL_MS) return discovered.configuration;
    try {
      const found = await discover(provider);
      discovered = { key, at: Date.now(), configuration: found };
      return found;
    } catch {
      throw new AppError(503, 'citizens.providerUnavailable');
    }
  }

  function discover(provider: Pick<ProviderInUse, 'issuer' | 'clientId' | 'clientSecret'>): Promise<client.Configuration> {
    const insecure = deps.config.env !== 'production' && provider.issuer.startsWith('http:');
    return client.discovery(new URL(provider.issuer), provider.clientId, provider.clientSecret, undefined, {
      timeout: PROVIDER_TIMEOUT_S,
      ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
    });
  }

  /** Sends a single-use link to an address unless the limits per address and per client hold it back. */
  async function issueLink(input: {
    email: string;
    language: Language;
    clientAddress: string;
    purpose: repo.LinkPurpose;
    nextPath: string | null;
    subjectId: string | null;
    mail: (token: string) => { subject: string; text: string; purpose: string };
  }): Promise<boolean> {
    const address = input.email.trim().toLowerCase();
    const addressHash = addressKey(input.clientAddress);
    const recent = await repo.recentLinks(db, address, addressHash, LINK_WINDOW_MINUTES);
    if (recent.byEmail >= LINKS_PER_EMAIL || recent.byAddress >= LINKS_PER_CLIENT) return false;
    const token = randomBytes(24).toString('base64url');
    await repo.insertLink(
      db,
      {
        tokenHash: sha256(token),
        email: address,
        language: input.language,
        nextPath: input.nextPath,
        addressHash,
        purpose: input.purpose,
        subjectId: input.subjectId,
      },
      LINK_MINUTES,
    );
    await deps.mail.send({ to: address, language: input.language, ...input.mail(token) });
    return true;
  }
  const tokenShaped = (token: string) => /^[A-Za-z0-9_-]{32}$/.test(token);

  async function openSession(citizenId: string, method: 'email' | 'oidc', idToken: string | null, requestId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await repo.insertSession(db, { idHash: sha256(token), citizenId, method, idToken }, SESSION_HOURS);
    await deps.audit.recordEntry({
      actorAccountId: null,
      actorOrganisationId: null,
      action: 'login',
      subjectType: 'citizen',
      subjectId: citizenId,
      organisationId: null,
      requestId,
      details: { method: method === 'oidc' ? 'citizen-oidc' : 'citizen-email-link' },
    });
    return token;
  }

  const languageOf = (value: string): Language => (LANGUAGES.includes(value as Language) ? (value as Language) : 'fr');

  return {
    redirectUri,
    signedOutUri: `${deps.config.publicUrl}${CITIZEN_SIGNED_OUT_PATH}`,
    /** The provider's name for the sign-in button, or undefined when none is in use. */
    providerName: async () => providerNameOf(await providerInUse()),
    providerInUse,
    /** Runs the discovery of a provider (the settings page's check); throws what the library threw. */
    discover,
    /** The settings page's read of the stored row (the secret stays sealed). */
    storedProviderSettings: () => repo.findProviderSettings(db),
    sealSecret: (plain: string) => box.seal(plain),

    /** The signed-in citizen of a session cookie, or undefined. */
    async identity(sessionToken: string | undefined): Promise<(CitizenIdentity & { language: Language; identities: string[] }) | undefined> {
      if (!sessionToken || sessionToken.length > 100) return undefined;
      const found = await repo.findSessionCitizen(db, sha256(sessionToken));
      if (!found) return undefined;
      return {
        id: found.id,
        email: found.email,
        displayName: found.displayName,
        method: found.method,
        viaProvider: found.identities.length > 0,
        language: found.language,
        identities: found.identities,
      };
    },

    /** What a public form is filled in with for the signed-in citizen of this cookie (nothing without one). */
    async formValues(sessionToken: string | undefined): Promise<{ name?: string; email?: string }> {
      const citizen = sessionToken ? await repo.findSessionCitizen(db, sha256(sessionToken)) : undefined;
      if (!citizen) return {};
      return { ...(citizen.displayName ? { name: citizen.displayName } : {}), ...(citizen.email ? { email: citizen.email } : {}) };
    },

    /**
     * Sends a sign-in link to an address. The answer is the same whether or not the address is known and whether
     * or not the limits held it back: the page never tells who uses IrisDesk.
     */
    async sendLink(email: string, language: Language, nextPath: string | null, clientAddress: string): Promise<void> {
      const t = translator(language);
      await issueLink({
        email,
        language,
        clientAddress,
        purpose: 'sign-in',
        nextPath,
        subjectId: null,
        mail: (token) => ({
          subject: t('citizens.mail.subject'),
          text: t('citizens.mail.body', { url: `${deps.config.publicUrl}/${language}/my/sign-in/${token}`, minutes: LINK_MINUTES }),
          purpose: 'citizen.sign-in-link',
        }),
      });
    },

    /** Whether a link can still be used (the confirmation page). */
    linkIsLive: (token: string) => (tokenShaped(token) ? repo.linkIsLive(db, sha256(token), 'sign-in') : Promise.resolve(false)),

    /**
     * Proof that a person controls an address, for a subject request filed on the public page (decision 0060):
     * the sign-in link's mechanism (single use, a quarter of an hour, the same limits per address and per client,
     * counted together with the sign-in links) with the caller's page and mail. False when the limits held it
     * back: the caller answers the same either way.
     */
    sendAddressProof(input: {
      email: string;
      language: Language;
      clientAddress: string;
      subjectId: string;
      mail: (token: string, minutes: number) => { subject: string; text: string; purpose: string };
    }): Promise<boolean> {
      return issueLink({ ...input, purpose: 'privacy-request', nextPath: null, mail: (token) => input.mail(token, LINK_MINUTES) });
    },
    addressProofIsLive: (token: string) => (tokenShaped(token) ? repo.linkIsLive(db, sha256(token), 'privacy-request') : Promise.resolve(false)),
    /** Uses a proof once: the address it proved and the record it was sent for, when it was live. */
    async takeAddressProof(token: string): Promise<{ email: string; subjectId: string } | undefined> {
      const link = tokenShaped(token) ? await repo.takeLink(db, sha256(token), 'privacy-request') : undefined;
      return link?.subjectId ? { email: link.email, subjectId: link.subjectId } : undefined;
    },

    /**
     * Uses a link: the citizen of that address (made at the first sign-in; a citizen signed in through the
     * provider without an address gets this one) and a new session.
     */
    async completeLink(
      token: string,
      currentSession: string | undefined,
      requestId: string,
    ): Promise<{ sessionToken: string; language: Language; nextPath: string | null }> {
      const link = tokenShaped(token) ? await repo.takeLink(db, sha256(token), 'sign-in') : undefined;
      if (!link) throw new AppError(410, 'citizens.linkExpired');
      let citizen = await repo.findCitizenByEmail(db, link.email);
      if (!citizen) {
        const current = currentSession ? await repo.findSessionCitizen(db, sha256(currentSession)) : undefined;
        if (current && !current.email && (await repo.attachEmail(db, current.id, link.email))) citizen = current;
      }
      const citizenId = citizen?.id ?? (await repo.insertCitizen(db, { email: link.email, displayName: null, language: link.language }));
      await repo.touchCitizen(db, citizenId, link.language, null);
      if (currentSession) await repo.deleteSession(db, sha256(currentSession));
      return { sessionToken: await openSession(citizenId, 'email', null, requestId), language: link.language, nextPath: link.nextPath };
    },

    /** Starts a sign-in at the region's provider: where to send the browser, and the cookie binding the answer to it. */
    async beginProvider(language: Language, nextPath: string | null): Promise<{ location: string; browserToken: string }> {
      const provider = await providerInUse();
      const found = await configuration(provider);
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const browserToken = randomBytes(24).toString('base64url');
      await repo.insertOidcSignIn(
        db,
        { stateHash: sha256(state), browserHash: sha256(browserToken), codeVerifier, nonce, language, nextPath },
        PROVIDER_MINUTES,
      );
      const location = client.buildAuthorizationUrl(found, {
        redirect_uri: redirectUri,
        scope: provider!.scopes,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ui_locales: language,
      });
      return { location: location.href, browserToken };
    },

    /**
     * The provider's answer: state, browser, PKCE and nonce checked; the citizen found by subject, else by
     * verified e-mail, else made; a citizen session opened. Refusals carry the language the citizen started in.
     */
    async completeProvider(
      callbackUrl: URL,
      browserToken: string | undefined,
      requestId: string,
    ): Promise<{ sessionToken: string; language: Language; nextPath: string | null }> {
      const state = callbackUrl.searchParams.get('state');
      const pending = state ? await repo.takeOidcSignIn(db, sha256(state)) : undefined;
      if (!pending || !browserToken || sha256(browserToken) !== pending.browserHash) throw new AppError(400, 'citizens.providerExpired');
      const language = languageOf(pending.language);
      const refused = (code: string, status = 401) => new AppError(status, code, { values: { language } });
      if (callbackUrl.searchParams.has('error')) throw refused('citizens.providerRefused');
      const provider = await providerInUse();
      const found = await configuration(provider);
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(found, callbackUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: state!,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
      } catch {
        throw refused('citizens.providerFailed');
      }
      const { email, displayName } = identityFromClaims(tokens.claims()!, provider!);
      const claims = tokens.claims()!;
      const issuer = provider!.issuer;
      let citizen = await repo.findCitizenBySubject(db, issuer, claims.sub);
      if (!citizen && email) {
        citizen = await repo.findCitizenByEmail(db, email);
        if (citizen) await repo.linkSubject(db, issuer, claims.sub, citizen.id);
      }
      let citizenId = citizen?.id;
      if (!citizenId) {
        citizenId = await db.transaction(async (tx) => {
          const id = await repo.insertCitizen(tx, { email, displayName, language });
          await repo.linkSubject(tx, issuer, claims.sub, id);
          return id;
        });
      } else if (email && !citizen!.email) {
        await repo.attachEmail(db, citizenId, email);
      }
      await repo.touchCitizen(db, citizenId, language, displayName);
      return { sessionToken: await openSession(citizenId, 'oidc', tokens.id_token ?? null, requestId), language, nextPath: pending.nextPath };
    },

    /**
     * Ends the session (audited); answers where to send the browser to sign out at the provider too, when the
     * session came from it and it has an end-session endpoint.
     */
    async signOut(sessionToken: string, requestId: string): Promise<string | undefined> {
      const ended = await repo.deleteSession(db, sha256(sessionToken));
      if (!ended) return undefined;
      await deps.audit.recordEntry({
        actorAccountId: null,
        actorOrganisationId: null,
        action: 'logout',
        subjectType: 'citizen',
        subjectId: ended.citizenId,
        organisationId: null,
        requestId,
        details: {},
      });
      const provider = ended.idToken ? await providerInUse() : undefined;
      if (!ended.idToken || !provider) return undefined;
      try {
        const found = await configuration(provider);
        if (!found.serverMetadata().end_session_endpoint) return undefined;
        return client.buildEndSessionUrl(found, {
          id_token_hint: ended.idToken,
          post_logout_redirect_uri: `${deps.config.publicUrl}${CITIZEN_SIGNED_OUT_PATH}`,
        }).href;
      } catch {
        return undefined; // the provider is away: IrisDesk's session has ended all the same
      }
    },

    /**
     * Everything linked to a citizen, across organisations: requests and appointments by the verified address,
     * the queue tickets of those appointments, and the questionnaire and survey invitations that came from them.
     */
    async space(citizen: CitizenIdentity) {
      if (!citizen.email) return { requests: [], appointments: [], tickets: [], invitations: [] };
      const [requests, appointments] = await Promise.all([
        deps.contactCenter.requestsOfEmail(citizen.email),
        deps.appointments.appointmentsOfEmail(citizen.email),
      ]);
      const tickets = appointments.length ? await deps.queues.ticketsOfAppointments(appointments.map((a) => a.id)) : [];
      const sources = [...requests.map((r) => r.id), ...appointments.map((a) => a.id), ...tickets.map((ticket) => ticket.id)];
      const [questionnaires, surveys] = sources.length
        ? await Promise.all([deps.satisfaction.invitationsOfSources(sources), deps.surveys.invitationsOfSources(sources)])
        : [[], []];
      const about = (sourceId: string) =>
        requests.find((r) => r.id === sourceId)?.reference ??
        appointments.find((a) => a.id === sourceId)?.reference ??
        appointments.find((a) => a.id === tickets.find((ticket) => ticket.id === sourceId)?.appointmentId)?.reference ??
        null;
      const invitations = [
        ...questionnaires.map((i) => ({
          kind: 'questionnaire' as const,
          title: null,
          organisationName: i.organisationName,
          at: i.contactAt,
          expiresAt: i.expiresAt,
          answeredAt: i.answeredAt,
          about: about(i.sourceId),
        })),
        ...surveys.map((i) => ({
          kind: 'survey' as const,
          title: i.title,
          organisationName: i.organisationName,
          at: i.createdAt,
          expiresAt: i.expiresAt,
          answeredAt: i.answeredAt,
          about: about(i.sourceId),
        })),
      ];
      return {
        requests,
        appointments,
        tickets: tickets.map((ticket) => ({ ...ticket, about: appointments.find((a) => a.id === ticket.appointmentId)?.reference ?? null })),
        invitations,
      };
    },

    /** The manage page of one of the citizen's appointments (a fresh secret), or 404 for anyone else's. */
    async manageLink(citizen: CitizenIdentity, appointmentId: string, language: Language): Promise<string> {
      const link = citizen.email ? await deps.appointments.manageLinkForEmail(appointmentId, citizen.email, language) : undefined;
      if (!link) throw new AppError(404, 'citizens.notYours');
      return link;
    },
  };
}

/**
 * The address and the name a provider's claims give, through the provider's claim mapping: the address only
 * when verified (or when the provider is trusted to verify addresses itself), the name from the claims named
 * (else given and family name).
 */
export function identityFromClaims(
  claims: Record<string, unknown>,
  provider: Pick<ProviderInUse, 'emailClaim' | 'nameClaim' | 'emailVerifiedRequired'>,
): { email: string | null; displayName: string | null } {
  const address = claims[provider.emailClaim];
  const verified = !provider.emailVerifiedRequired || claims.email_verified === true;
  const email = typeof address === 'string' && address.includes('@') && verified ? address.trim().toLowerCase().slice(0, 254) : null;
  const parts = (names: string[]) =>
    names
      .map((name) => claims[name])
      .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
      .map((part) => part.trim());
  const named = parts(provider.nameClaim.split(' ')).join(' ');
  const name = named || parts(['given_name', 'family_name']).join(' ');
  return { email, displayName: name ? name.slice(0, 200) : null };
}

export type CitizenService = ReturnType<typeof citizenService>;
