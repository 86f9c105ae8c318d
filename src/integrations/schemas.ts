// The API bodies and answers of the integrations.
import { Type } from 'typebox';
import { BoundedInteger, Nullable, Text, Uuid } from '../platform/http/schemas.ts';
import { WEBHOOK_EVENTS, WEBHOOK_SCOPES } from './events.ts';
import { TOKEN_SCOPES } from './scopes.ts';
import { API_TOKEN_MAX_DAYS } from './service.ts';

const DateTime = Type.String({ format: 'date-time' });

export const CreateTokenBody = Type.Object({
  name: Text({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'What the token is for, e.g. "CRM of the social service"' }),
  scopes: Type.Array(Type.Enum(TOKEN_SCOPES), { minItems: 1, maxItems: TOKEN_SCOPES.length, uniqueItems: true }),
  expiresInDays: Type.Optional(BoundedInteger({ minimum: 1, maximum: API_TOKEN_MAX_DAYS, description: 'Days until it expires (default 90)' })),
});

export const CreatedToken = Type.Object({
  id: Uuid(),
  token: Type.String({ description: 'The secret, shown this once only: send it as Authorization: Bearer <token>' }),
  expiresAt: DateTime,
});

export const TokenJson = Type.Object({
  id: Uuid(),
  name: Type.String(),
  hint: Type.String({ description: 'The first characters of the token' }),
  scopes: Type.Array(Type.String()),
  createdAt: DateTime,
  expiresAt: DateTime,
  lastUsedAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
});

export const CreateWebhookBody = Type.Object({
  url: Text({ minLength: 8, maxLength: 2000, description: 'https URL of a public address (or a host on WEBHOOK_ALLOWED_HOSTS)' }),
  events: Type.Array(Type.Enum(WEBHOOK_EVENTS), { minItems: 1, maxItems: WEBHOOK_EVENTS.length, uniqueItems: true }),
  scopes: Type.Optional(
    Type.Array(Type.Enum(WEBHOOK_SCOPES), { maxItems: 1, uniqueItems: true, description: '"personal-data" adds names, e-mail addresses and message texts' }),
  ),
});

export const CreatedWebhook = Type.Object({
  id: Uuid(),
  secret: Type.String({ description: 'The signing secret (whsec_…), shown this once only' }),
});

export const WebhookJson = Type.Object({
  id: Uuid(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  scopes: Type.Array(Type.String()),
  createdAt: DateTime,
});

export const DeliveryJson = Type.Object({
  id: Uuid(),
  eventId: Uuid(),
  eventType: Type.String(),
  status: Type.Enum(['pending', 'succeeded', 'retrying', 'failed']),
  attempts: BoundedInteger(),
  responseStatus: Nullable(BoundedInteger()),
  durationMs: Nullable(BoundedInteger()),
  createdAt: DateTime,
  lastAttemptAt: Nullable(DateTime),
  replayOf: Nullable(Uuid()),
});

export const IdParams = Type.Object({ id: Uuid() });
