// The rules of integrations (issue 18, items 10 and 11): API tokens that act for an organisation within their
// scopes (decision 0037), and outgoing webhooks — CloudEvents signed as Standard Webhooks, one durable job per
// delivery enqueued in the transaction of the event, a delivery log with replay (decision 0036).
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Database, Queryable } from '../platform/db/database.ts';
import { AppError } from '../platform/http/errors.ts';
import { enqueueMany } from '../platform/jobs/queue.ts';
import { PermanentJobError, type JobRegistry } from '../platform/jobs/registry.ts';
import { recordAudit, recordReadOnce } from '../audit/service.ts';
import type { Actor, Role } from '../identity/actor.ts';
import { authorise } from '../identity/guards.ts';
import { canManageApiTokens, canManageWebhooks, canSubscribeWithPersonalData } from './authorisation.ts';
import { checkAddresses, checkUrl, DestinationRefused, type DestinationPolicy } from './destination.ts';
import { postEvent } from './delivery.ts';
import { cloudEvent, type EventContent, type WebhookEvent, type WebhookScope } from './events.ts';
import { scopesAllow, type TokenScope } from './scopes.ts';
import { hashApiToken, isApiTokenShape, newApiToken, newWebhookSecret, tokenHint } from './secrets.ts';
import { signatureHeaders } from './signing.ts';
import * as repo from './repository.ts';

export const WEBHOOK_DELIVER_JOB = 'webhook.deliver';
/** Attempts of one delivery: the first, then retries after about 30 s, 1, 2, 4, 8, 16, 32 min and 1 h. */
export const WEBHOOK_MAX_ATTEMPTS = 9;
export const WEBHOOK_RETRY_BASE_MS = 30_000;
export const API_TOKEN_DEFAULT_DAYS = 90;
export const API_TOKEN_MAX_DAYS = 365;
/** A token's use is audited once per token and hour (like recordReadOnce for pages refreshed live). */
export const TOKEN_USE_AUDIT_SECONDS = 3600;
export const MAX_SUBSCRIPTIONS = 20;
/** Days the delivery log is kept (it may hold personal data for personal-data subscriptions). */
export const DELIVERY_RETENTION_DAYS = 30;

/** Roles a token may carry: those bound to its organisation, never the cross-organisation ones. */
const ORGANISATION_ROLES: readonly Role[] = ['first_line_agent', 'second_line_agent', 'content_editor', 'organisation_manager'];

const urlRefusalCode: Record<DestinationRefused['reason'], string> = {
  invalid: 'webhook.urlInvalid',
  scheme: 'webhook.urlNotHttps',
  address: 'webhook.urlNotPublic',
  unresolved: 'webhook.urlUnresolved',
};

export function integrationsService(db: Database, deps: { jobs: JobRegistry; config: Pick<Config, 'env' | 'publicUrl' | 'webhookAllowedHosts'> }) {
  const policy: DestinationPolicy = { development: deps.config.env === 'development', allowedHosts: deps.config.webhookAllowedHosts };

  deps.jobs.register<{ deliveryId?: unknown }>(
    WEBHOOK_DELIVER_JOB,
    async (payload, job) => {
      const delivery = typeof payload?.deliveryId === 'string' ? await repo.findDeliveryToSend(db, payload.deliveryId) : undefined;
      if (!delivery) throw new PermanentJobError('no such webhook delivery (purged?)');
      const fail = async (error: string) => {
        await repo.recordAttempt(db, delivery.id, { status: 'failed', attempts: job.attempts, responseStatus: null, durationMs: 0, error });
        throw new PermanentJobError(error);
      };
      if (!delivery.active) return fail('subscription ended');
      let url: URL;
      try {
        url = checkUrl(delivery.url, policy);
      } catch (error) {
        return fail((error as Error).message);
      }
      const body = JSON.stringify(delivery.event);
      const result = await postEvent(url, body, signatureHeaders(delivery.secret, delivery.eventId, body), policy, { signal: job.signal });
      const succeeded = result.status !== null && result.status >= 200 && result.status < 300;
      const final = succeeded || result.refused || job.isLastAttempt;
      await repo.recordAttempt(db, delivery.id, {
        status: succeeded ? 'succeeded' : final ? 'failed' : 'retrying',
        attempts: job.attempts,
        responseStatus: result.status,
        durationMs: result.durationMs,
        error: result.error,
      });
      if (succeeded) return;
      const reason = result.error ?? `the receiver answered ${result.status}`;
      if (result.refused) throw new PermanentJobError(reason);
      throw new Error(reason);
    },
    { retryBaseMs: WEBHOOK_RETRY_BASE_MS, retryMaxMs: 60 * 60_000, leaseMs: 60_000 },
  );

  const requireTokens = (actor: Actor) => authorise(canManageApiTokens(actor, actor.organisationId));
  const requireWebhooks = (actor: Actor) => authorise(canManageWebhooks(actor, actor.organisationId));
  const subject = (type: string, id: string, actor: Actor) => ({ type, id, organisationId: actor.organisationId });

  async function enqueueDeliveries(tx: Queryable, deliveries: repo.NewDelivery[]) {
    await repo.insertDeliveries(tx, deliveries);
    await enqueueMany(
      tx,
      deliveries.map((delivery) => ({ type: WEBHOOK_DELIVER_JOB, payload: { deliveryId: delivery.id }, maxAttempts: WEBHOOK_MAX_ATTEMPTS })),
    );
  }

  return {
    // ---- API tokens

    async createToken(actor: Actor, input: { name: string; scopes: TokenScope[]; expiresInDays?: number | undefined }, requestId?: string) {
      requireTokens(actor);
      const days = input.expiresInDays ?? API_TOKEN_DEFAULT_DAYS;
      if (!Number.isInteger(days) || days < 1 || days > API_TOKEN_MAX_DAYS) {
        throw new AppError(400, 'validation.failed', {
          fields: [{ field: 'expiresInDays', code: 'apiToken.expiryRange', values: { max: API_TOKEN_MAX_DAYS } }],
        });
      }
      const scopes = [...new Set(input.scopes)];
      if (scopes.length === 0) throw new AppError(400, 'validation.failed', { fields: [{ field: 'scopes', code: 'apiToken.scopesRequired' }] });
      const token = newApiToken();
      const expiresAt = new Date(Date.now() + days * 86_400_000);
      const id = await db.transaction(async (tx) => {
        const created = await repo.insertToken(tx, {
          organisationId: actor.organisationId,
          createdBy: actor.accountId,
          name: input.name.trim(),
          tokenHash: hashApiToken(token),
          tokenHint: tokenHint(token),
          scopes,
          expiresAt,
        });
        await recordAudit(tx, actor, 'create', subject('api_token', created, actor), requestId, {
          name: input.name.trim(),
          scopes,
          expiresAt: expiresAt.toISOString(),
        });
        return created;
      });
      return { id, token, expiresAt };
    },

    async listTokens(actor: Actor) {
      requireTokens(actor);
      return repo.listTokens(db, actor.organisationId);
    },

    async revokeToken(actor: Actor, id: string, requestId?: string): Promise<void> {
      requireTokens(actor);
      await db.transaction(async (tx) => {
        if (!(await repo.revokeToken(tx, actor.organisationId, id, actor.accountId))) throw new AppError(404, 'apiToken.notFound');
        await recordAudit(tx, actor, 'update', subject('api_token', id, actor), requestId, { fields: ['revoked'] });
      });
    },

    /**
     * The actor of an `Authorization` header on an API call (the bearer scheme), for the operation being called
     * (method and route pattern). 401 when the token is unknown, expired or revoked; 403 when its scopes do not
     * reach the operation. Each token's use is audited once per hour.
     */
    async actorForBearer(header: string, call: { method: string; route: string | undefined; requestId: string }): Promise<Actor> {
      const match = /^Bearer +(\S+) *$/i.exec(header);
      const token = match?.[1];
      if (!token || !isApiTokenShape(token)) throw new AppError(401, 'apiToken.invalid', { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });
      const found = await repo.findUsableToken(db, hashApiToken(token));
      if (!found || !found.roles.includes('organisation_manager')) {
        throw new AppError(401, 'apiToken.invalid', { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });
      }
      const actor: Actor = {
        accountId: found.accountId,
        organisationId: found.organisationId,
        organisationCode: found.organisationCode,
        displayName: found.displayName,
        email: found.email,
        roles: found.roles.filter((role) => ORGANISATION_ROLES.includes(role)),
        unitIds: found.unitIds,
        preferredLanguage: found.preferredLanguage,
        apiToken: { id: found.tokenId, name: found.tokenName, scopes: found.scopes },
      };
      // An unknown route is left to answer 404; a known one must be within the token's scopes.
      authorise(call.route === undefined || scopesAllow(found.scopes, call.method, call.route), 'apiToken.scope');
      await repo.touchToken(db, found.tokenId);
      await recordReadOnce(
        db,
        actor,
        subject('api_token', found.tokenId, actor),
        call.requestId,
        { use: `${call.method} ${call.route ?? '?'}` },
        TOKEN_USE_AUDIT_SECONDS,
      );
      return actor;
    },

    // ---- Webhooks

    async subscribe(actor: Actor, input: { url: string; events: WebhookEvent[]; scopes?: WebhookScope[] | undefined }, requestId?: string) {
      requireWebhooks(actor);
      const scopes = [...new Set(input.scopes ?? [])];
      authorise(!scopes.includes('personal-data') || canSubscribeWithPersonalData(actor), 'apiToken.scope');
      const events = [...new Set(input.events)];
      if (events.length === 0) throw new AppError(400, 'validation.failed', { fields: [{ field: 'events', code: 'webhook.eventsRequired' }] });
      try {
        await checkAddresses(checkUrl(input.url, policy), policy);
      } catch (error) {
        if (!(error instanceof DestinationRefused)) throw error;
        throw new AppError(400, 'validation.failed', { fields: [{ field: 'url', code: urlRefusalCode[error.reason] }] });
      }
      if ((await repo.listSubscriptions(db, actor.organisationId)).length >= MAX_SUBSCRIPTIONS) {
        throw new AppError(409, 'webhook.tooMany', { values: { max: MAX_SUBSCRIPTIONS } });
      }
      const secret = newWebhookSecret();
      const id = await db.transaction(async (tx) => {
        const created = await repo.insertSubscription(tx, {
          organisationId: actor.organisationId,
          url: input.url,
          events,
          scopes,
          secret,
          createdBy: actor.accountId,
        });
        await recordAudit(tx, actor, 'create', subject('webhook_subscription', created, actor), requestId, { events, scopes, host: new URL(input.url).host });
        return created;
      });
      return { id, secret };
    },

    async listSubscriptions(actor: Actor) {
      requireWebhooks(actor);
      return repo.listSubscriptions(db, actor.organisationId);
    },

    async unsubscribe(actor: Actor, id: string, requestId?: string): Promise<void> {
      requireWebhooks(actor);
      await db.transaction(async (tx) => {
        if (!(await repo.deactivateSubscription(tx, actor.organisationId, id))) throw new AppError(404, 'webhook.notFound');
        await recordAudit(tx, actor, 'delete', subject('webhook_subscription', id, actor), requestId);
      });
    },

    async subscriptionWithDeliveries(actor: Actor, id: string) {
      requireWebhooks(actor);
      const subscription = await repo.findSubscription(db, actor.organisationId, id);
      if (!subscription) throw new AppError(404, 'webhook.notFound');
      return { subscription, deliveries: await repo.listDeliveries(db, actor.organisationId, id, 100) };
    },

    /** Sends a logged delivery's event again, as a new delivery (same event id, so receivers can deduplicate). */
    async replay(actor: Actor, deliveryId: string, requestId?: string): Promise<{ id: string; subscriptionId: string }> {
      requireWebhooks(actor);
      return db.transaction(async (tx) => {
        const original = await repo.findDelivery(tx, actor.organisationId, deliveryId);
        const subscription = original && (await repo.findSubscription(tx, actor.organisationId, original.subscriptionId));
        if (!original || !subscription?.active) throw new AppError(404, 'webhook.deliveryNotFound');
        const id = randomUUID();
        await enqueueDeliveries(tx, [
          {
            id,
            subscriptionId: original.subscriptionId,
            organisationId: original.organisationId,
            eventId: original.eventId,
            eventType: original.eventType,
            event: original.event,
            replayOf: original.id,
          },
        ]);
        await recordAudit(tx, actor, 'create', subject('webhook_delivery', id, actor), requestId, { replayOf: original.id });
        return { id, subscriptionId: original.subscriptionId };
      });
    },

    /**
     * Emits an event of an organisation in the caller's transaction: one delivery and one job per active
     * subscription to it, so the event goes out if and only if what caused it commits. Personal data in
     * `content.personal` reaches only subscriptions with the personal-data scope.
     */
    async emit(tx: Queryable, organisationId: string, type: WebhookEvent, content: EventContent): Promise<void> {
      const subscribers = await repo.subscribersOf(tx, organisationId, type);
      if (subscribers.length === 0) return;
      const eventId = randomUUID();
      const time = new Date();
      await enqueueDeliveries(
        tx,
        subscribers.map((subscriber) => ({
          id: randomUUID(),
          subscriptionId: subscriber.id,
          organisationId,
          eventId,
          eventType: type,
          event: cloudEvent(
            { id: eventId, publicUrl: deps.config.publicUrl, organisationCode: subscriber.organisationCode, type, time },
            content,
            subscriber.scopes.includes('personal-data'),
          ),
        })),
      );
    },

    /** Forgets deliveries older than DELIVERY_RETENTION_DAYS (housekeeping; they may hold personal data). */
    purgeExpired: () => repo.purgeDeliveries(db, DELIVERY_RETENTION_DAYS),
  };
}

export type IntegrationsService = ReturnType<typeof integrationsService>;
/** What emitting modules receive: the one function they call where an event happens. */
export type EventSink = Pick<IntegrationsService, 'emit'>;
