-- Foundation: organisations, their units, staff accounts, sessions, login throttling, audit log.
-- Multilingual text is jsonb {"fr","nl","en"}; all three are required for reference data.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TABLE organisations (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code        text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  kind        text NOT NULL CHECK (kind IN ('commune', 'cpas', 'regional', 'community', 'federal', 'other')),
  name        jsonb NOT NULL CHECK (name ? 'fr' AND name ? 'nl' AND name ? 'en'),
  short_name  jsonb,
  mission     jsonb,
  postal_codes text[] NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organisations_kind_idx ON organisations (kind);
CREATE INDEX organisations_postal_codes_idx ON organisations USING gin (postal_codes);

-- Units are the departments of an organisation that receive work (a back office, a desk team).
CREATE TABLE units (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  code            text NOT NULL CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name            jsonb NOT NULL CHECK (name ? 'fr' AND name ? 'nl' AND name ? 'en'),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, code)
);

CREATE TABLE accounts (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id     uuid NOT NULL REFERENCES organisations (id),
  email               text NOT NULL,
  display_name        text NOT NULL,
  password_hash       text NOT NULL,
  roles               text[] NOT NULL CHECK (
    roles <@ ARRAY['first_line_agent', 'second_line_agent', 'content_editor', 'organisation_manager',
                   'regional_analyst', 'platform_admin']::text[] AND cardinality(roles) > 0),
  preferred_language  text NOT NULL DEFAULT 'fr' CHECK (preferred_language IN ('fr', 'nl', 'en')),
  active              boolean NOT NULL DEFAULT true,
  failed_logins       integer NOT NULL DEFAULT 0,
  locked_until        timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  -- optimistic concurrency: an edit states the version it read; a stale edit is refused, never lost
  version             integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX accounts_email_idx ON accounts (lower(email));
CREATE INDEX accounts_organisation_idx ON accounts (organisation_id);

CREATE TABLE account_units (
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  unit_id    uuid NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  PRIMARY KEY (account_id, unit_id)
);

-- Sessions live in the database so that any instance can serve any user. Only a hash of the cookie
-- value is stored: a leaked table does not leak usable sessions.
CREATE TABLE sessions (
  id_hash      text PRIMARY KEY,
  account_id   uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_account_idx ON sessions (account_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Failed logins per client address, for throttling across instances. Kept one day.
CREATE TABLE login_failures (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  client_ip text NOT NULL,
  at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_ip_at_idx ON login_failures (client_ip, at);

-- Who read or changed personal data, and when. Details never hold the personal data itself.
CREATE TABLE audit_log (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at                    timestamptz NOT NULL DEFAULT now(),
  actor_account_id      uuid REFERENCES accounts (id) ON DELETE SET NULL,
  actor_organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
  action                text NOT NULL CHECK (action IN ('read', 'create', 'update', 'delete', 'login', 'logout',
                                                         'login_failed', 'locked', 'denied', 'export')),
  subject_type          text NOT NULL,
  subject_id            text,
  organisation_id       uuid REFERENCES organisations (id) ON DELETE SET NULL,
  request_id            text,
  details               jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id);
CREATE INDEX audit_log_organisation_at_idx ON audit_log (organisation_id, at DESC);
