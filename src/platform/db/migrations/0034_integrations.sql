-- Integrations (issue 18, items 10 and 11; decisions 0036 and 0037): API tokens for other systems and
-- outgoing webhooks with their delivery log.

-- An API token: the secret is shown once; only its SHA-256 is kept (like session tokens). It acts for its
-- organisation with its scopes, never with more than the account that created it (read at each use).
CREATE TABLE api_tokens (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id    uuid NOT NULL REFERENCES organisations (id),
  created_by         uuid NOT NULL REFERENCES accounts (id),
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash         text NOT NULL UNIQUE,
  -- the first characters of the token (prefix included), to recognise it in the list
  token_hint         text NOT NULL,
  scopes             text[] NOT NULL CHECK (cardinality(scopes) > 0),
  created_at         timestamptz NOT NULL DEFAULT now(),
  expires_at         timestamptz NOT NULL,
  last_used_at       timestamptz,
  revoked_at         timestamptz,
  revoked_by         uuid REFERENCES accounts (id)
);
CREATE INDEX api_tokens_organisation_idx ON api_tokens (organisation_id, created_at DESC);

-- A subscription of an organisation's URL to events. The secret signs deliveries (HMAC-SHA256), so it is
-- kept as is; it is shown once at creation.
CREATE TABLE webhook_subscriptions (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id    uuid NOT NULL REFERENCES organisations (id),
  url                text NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
  events             text[] NOT NULL CHECK (cardinality(events) > 0),
  -- 'personal-data': names, e-mail addresses and message texts are included; otherwise never
  scopes             text[] NOT NULL DEFAULT '{}',
  secret             text NOT NULL,
  active             boolean NOT NULL DEFAULT true,
  created_by         uuid REFERENCES accounts (id),
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_subscriptions_organisation_idx ON webhook_subscriptions (organisation_id) WHERE active;

-- One row per event sent to one subscription: the CloudEvent as sent (for replay), and the last attempt's
-- outcome. Each delivery is one job (webhook.deliver) enqueued in the transaction of the event.
CREATE TABLE webhook_deliveries (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subscription_id    uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
  organisation_id    uuid NOT NULL REFERENCES organisations (id),
  event_id           uuid NOT NULL,
  event_type         text NOT NULL,
  event              jsonb NOT NULL,
  status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'retrying', 'failed')),
  attempts           integer NOT NULL DEFAULT 0,
  response_status    integer,
  duration_ms        integer,
  last_error         text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  last_attempt_at    timestamptz,
  replay_of          uuid REFERENCES webhook_deliveries (id) ON DELETE SET NULL
);
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, created_at DESC);
CREATE INDEX webhook_deliveries_created_idx ON webhook_deliveries (created_at);
