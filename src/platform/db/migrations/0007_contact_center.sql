-- Contact center, after the Klantinteracties model of Open Klant: a party (the person or business who
-- contacts), a request (what they ask: reference, routing, status, SLA clocks), contacts (each interaction
-- on a channel, with start, end and outcome), messages (the conversation across channels, internal notes
-- and events), tasks to a second line, SLA targets, inbound mailboxes and API idempotency keys.
-- Tenant isolation: parties belong to one organisation, so an agent's view of "earlier contacts" never
-- reaches another administration's history; a task routed to another organisation carries the context it
-- needs (the receiving back office sees the request through the task only).

CREATE TABLE cc_parties (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  kind            text NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'business', 'association')),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email           text CHECK (email IS NULL OR (length(email) <= 254 AND email = lower(email))),
  phone           text CHECK (phone IS NULL OR phone ~ '^\+?[0-9]{6,20}$'),
  language        text NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'nl', 'en')),
  postal_code     text CHECK (postal_code IS NULL OR postal_code ~ '^[0-9]{4}$'),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cc_parties_email_idx ON cc_parties (organisation_id, email);
CREATE INDEX cc_parties_phone_idx ON cc_parties (organisation_id, phone);
CREATE INDEX cc_parties_name_idx ON cc_parties USING gin (name gin_trgm_ops);

CREATE TABLE cc_requests (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- What the user quotes: short, unambiguous letters and digits (no 0/O, 1/I), e.g. "BXL-7K2M-Q9TF".
  reference             text NOT NULL UNIQUE,
  organisation_id       uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  unit_id               uuid REFERENCES units (id) ON DELETE SET NULL,
  assignee_id           uuid REFERENCES accounts (id) ON DELETE SET NULL,
  party_id              uuid NOT NULL REFERENCES cc_parties (id),
  service_code          text CHECK (service_code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  channel               text NOT NULL CHECK (channel IN ('web', 'email', 'phone', 'counter')),
  language              text NOT NULL CHECK (language IN ('fr', 'nl', 'en')),
  subject               text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
  status                text NOT NULL DEFAULT 'new'
                          CHECK (status IN ('new', 'open', 'waiting_user', 'waiting_second_line', 'closed')),
  outcome               text CHECK (outcome IN ('answered_first_contact', 'task_to_back_office', 'callback_requested',
                                                'redirected', 'abandoned')),
  -- SLA clocks in business hours of the organisation; while waiting for the user the clock is paused:
  -- the due times move forward by the paused business time when the request is resumed.
  first_response_due_at timestamptz,
  resolution_due_at     timestamptz,
  first_responded_at    timestamptz,
  sla_paused_at         timestamptz,
  sla_state             text NOT NULL DEFAULT 'ok' CHECK (sla_state IN ('ok', 'warning', 'breached')),
  -- sha-256 of the token in the receipt's status link (no account needed to follow the request)
  status_token_hash     text UNIQUE,
  closed_at             timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  -- optimistic concurrency for edits made from the console (claim, assign, status)
  version               integer NOT NULL DEFAULT 1,
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX cc_requests_inbox_idx ON cc_requests (organisation_id, status, created_at DESC);
CREATE INDEX cc_requests_open_idx ON cc_requests (organisation_id, created_at DESC) WHERE status <> 'closed';
CREATE INDEX cc_requests_unit_idx ON cc_requests (unit_id, status) WHERE unit_id IS NOT NULL;
CREATE INDEX cc_requests_assignee_idx ON cc_requests (assignee_id, status) WHERE assignee_id IS NOT NULL;
CREATE INDEX cc_requests_party_idx ON cc_requests (party_id, created_at DESC);
CREATE INDEX cc_requests_sla_idx ON cc_requests (resolution_due_at) WHERE status <> 'closed';

-- The conversation: what the user wrote (inbound), what the administration answered (outbound), internal
-- notes (never shown to the user) and events (assigned, task answered, …) in one time line.
CREATE TABLE cc_messages (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id        uuid NOT NULL REFERENCES cc_requests (id) ON DELETE CASCADE,
  kind              text NOT NULL CHECK (kind IN ('inbound', 'outbound', 'note', 'event')),
  channel           text CHECK (channel IN ('web', 'email', 'phone', 'counter')),
  author_account_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
  body              text NOT NULL CHECK (length(body) <= 100000),
  -- RFC 5322 Message-ID of an e-mail in or out, for threading replies and refusing duplicates
  mail_message_id   text,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cc_messages_request_idx ON cc_messages (request_id, created_at);
CREATE UNIQUE INDEX cc_messages_mail_id_idx ON cc_messages (request_id, mail_message_id) WHERE mail_message_id IS NOT NULL;

CREATE TABLE cc_attachments (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  message_id   uuid NOT NULL REFERENCES cc_messages (id) ON DELETE CASCADE,
  filename     text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
  content_type text NOT NULL,
  size         integer NOT NULL CHECK (size >= 0),
  content      bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cc_attachments_message_idx ON cc_attachments (message_id);

-- Every contact on every channel, with its outcome: the contact-center statistics, and the counters'
-- served tickets and appointments (recorded through src/contactcenter/contacts.ts) count here too.
CREATE TABLE cc_contacts (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  request_id       uuid REFERENCES cc_requests (id) ON DELETE SET NULL,
  party_id         uuid REFERENCES cc_parties (id) ON DELETE SET NULL,
  channel          text NOT NULL CHECK (channel IN ('web', 'email', 'phone', 'counter')),
  direction        text NOT NULL DEFAULT 'inbound' CHECK (direction IN ('inbound', 'outbound')),
  service_code     text CHECK (service_code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  contact_point_id uuid,
  agent_account_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
  language         text NOT NULL CHECK (language IN ('fr', 'nl', 'en')),
  started_at       timestamptz NOT NULL,
  ended_at         timestamptz,
  outcome          text CHECK (outcome IN ('answered_first_contact', 'task_to_back_office', 'callback_requested',
                                           'redirected', 'abandoned')),
  -- what caused it, so that a ticket or appointment is recorded once
  source_kind      text NOT NULL CHECK (source_kind IN ('request', 'ticket', 'appointment', 'console')),
  source_id        text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE UNIQUE INDEX cc_contacts_source_idx ON cc_contacts (source_kind, source_id) WHERE source_kind IN ('ticket', 'appointment');
CREATE INDEX cc_contacts_organisation_idx ON cc_contacts (organisation_id, started_at);
CREATE INDEX cc_contacts_party_idx ON cc_contacts (party_id, started_at DESC);
CREATE INDEX cc_contacts_request_idx ON cc_contacts (request_id);

-- A question or callback for a second line: a unit or a colleague of any participating organisation.
CREATE TABLE cc_tasks (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id           uuid NOT NULL REFERENCES cc_requests (id) ON DELETE CASCADE,
  kind                 text NOT NULL DEFAULT 'question' CHECK (kind IN ('question', 'callback')),
  from_organisation_id uuid NOT NULL REFERENCES organisations (id),
  from_account_id      uuid REFERENCES accounts (id) ON DELETE SET NULL,
  to_organisation_id   uuid NOT NULL REFERENCES organisations (id),
  to_unit_id           uuid REFERENCES units (id) ON DELETE SET NULL,
  to_account_id        uuid REFERENCES accounts (id) ON DELETE SET NULL,
  question             text NOT NULL CHECK (length(question) BETWEEN 1 AND 10000),
  -- callback: when the user prefers to be called (free text such as "weekdays after 17:00") and the number
  callback_preferences text,
  answer               text,
  status               text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'cancelled')),
  due_at               timestamptz,
  answered_at          timestamptz,
  answered_by          uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  version              integer NOT NULL DEFAULT 1
);
CREATE INDEX cc_tasks_request_idx ON cc_tasks (request_id);
CREATE INDEX cc_tasks_inbox_idx ON cc_tasks (to_organisation_id, status, created_at DESC);

-- SLA targets per organisation, optionally narrowed to a channel and/or a service (most specific wins),
-- in business minutes of the organisation's opening calendar.
CREATE TABLE cc_sla_targets (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id        uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  channel                text CHECK (channel IN ('web', 'email', 'phone', 'counter')),
  service_code           text CHECK (service_code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  first_response_minutes integer NOT NULL CHECK (first_response_minutes > 0),
  resolution_minutes     integer NOT NULL CHECK (resolution_minutes > 0),
  -- a warning is raised once this share of the allowed time is used
  warning_percent        integer NOT NULL DEFAULT 80 CHECK (warning_percent BETWEEN 1 AND 99),
  UNIQUE NULLS NOT DISTINCT (organisation_id, channel, service_code)
);

-- Per unit: automatic round-robin assignment of new requests among the unit's agents.
CREATE TABLE cc_unit_settings (
  unit_id                  uuid PRIMARY KEY REFERENCES units (id) ON DELETE CASCADE,
  auto_assign              boolean NOT NULL DEFAULT false,
  last_assigned_account_id uuid REFERENCES accounts (id) ON DELETE SET NULL
);

-- Inbound e-mail: mail to one of these addresses becomes a request of that organisation (and unit).
CREATE TABLE cc_mailboxes (
  address         text PRIMARY KEY CHECK (address = lower(address)),
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  unit_id         uuid REFERENCES units (id) ON DELETE SET NULL
);

-- Public API idempotency: the same key (per scope) always answers the first request's reference.
CREATE TABLE cc_idempotency_keys (
  scope        text NOT NULL,
  key          text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  body_hash    text NOT NULL,
  reference    text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
CREATE INDEX cc_idempotency_created_idx ON cc_idempotency_keys (created_at);
