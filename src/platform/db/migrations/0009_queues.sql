-- Queue tickets at contact points (docs/decisions/0011-queues.md): per contact point and service the queue
-- settings (ticket prefix), the counters, the priority categories of each organisation, the daily ticket
-- counters and the tickets themselves.
--
-- Numbers are unique under concurrency because each one comes from one row per (contact point, prefix,
-- Brussels day) bumped with INSERT … ON CONFLICT DO UPDATE … RETURNING: the row lock serialises issuers,
-- and the unique index on tickets is the last word.

-- Who may be served first, per organisation (pregnancy, reduced mobility, elderly, appointment …).
-- rank: higher is called earlier; 0 would be no priority, so a category ranks 1..9.
CREATE TABLE queue_priority_categories (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  code            text NOT NULL CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name            jsonb NOT NULL CHECK (name ? 'fr' AND name ? 'nl' AND name ? 'en'),
  rank            integer NOT NULL DEFAULT 1 CHECK (rank BETWEEN 1 AND 9),
  -- offered on the kiosk (self-declared) or only by an agent
  on_kiosk        boolean NOT NULL DEFAULT true,
  active          boolean NOT NULL DEFAULT true,
  UNIQUE (organisation_id, code)
);

-- A service offered with tickets at a contact point. A point issues tickets only for its enabled rows.
CREATE TABLE queue_services (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_point_id        uuid NOT NULL REFERENCES contact_points (id) ON DELETE CASCADE,
  service_id              uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  organisation_id         uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  prefix                  text NOT NULL CHECK (prefix ~ '^[A-Z]{1,2}$'),
  -- used for the waiting-time estimate until enough services have been measured
  default_service_minutes integer NOT NULL DEFAULT 8 CHECK (default_service_minutes BETWEEN 1 AND 240),
  position                integer NOT NULL DEFAULT 0,
  enabled                 boolean NOT NULL DEFAULT true,
  UNIQUE (contact_point_id, service_id),
  -- checked at commit, so that a configuration may swap two prefixes
  CONSTRAINT queue_services_prefix_uq UNIQUE (contact_point_id, prefix) DEFERRABLE INITIALLY DEFERRED
);

-- A counter (desk) of a contact point and the services it serves. Open while an agent sits at it today.
CREATE TABLE queue_counters (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_point_id  uuid NOT NULL REFERENCES contact_points (id) ON DELETE CASCADE,
  organisation_id   uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  queue_service_ids uuid[] NOT NULL DEFAULT '{}',
  active            boolean NOT NULL DEFAULT true,
  agent_account_id  uuid REFERENCES accounts (id) ON DELETE SET NULL,
  opened_at         timestamptz,
  position          integer NOT NULL DEFAULT 0,
  UNIQUE (contact_point_id, name)
);
CREATE INDEX queue_counters_agent_idx ON queue_counters (agent_account_id) WHERE agent_account_id IS NOT NULL;

-- The last number issued per contact point, prefix and Brussels day (daily reset = a new row).
CREATE TABLE queue_ticket_sequences (
  contact_point_id uuid NOT NULL REFERENCES contact_points (id) ON DELETE CASCADE,
  prefix           text NOT NULL,
  day              date NOT NULL,
  last_number      integer NOT NULL,
  PRIMARY KEY (contact_point_id, prefix, day)
);

CREATE TABLE queue_tickets (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_point_id     uuid NOT NULL REFERENCES contact_points (id) ON DELETE CASCADE,
  organisation_id      uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  queue_service_id     uuid NOT NULL REFERENCES queue_services (id) ON DELETE CASCADE,
  service_code         text NOT NULL,
  prefix               text NOT NULL,
  number               integer NOT NULL CHECK (number > 0),
  -- the Brussels day of issue (numbering restarts each day)
  day                  date NOT NULL,
  status               text NOT NULL DEFAULT 'waiting'
                         CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'transferred')),
  priority_category_id uuid REFERENCES queue_priority_categories (id) ON DELETE SET NULL,
  priority_rank        integer NOT NULL DEFAULT 0 CHECK (priority_rank BETWEEN 0 AND 9),
  -- an appointment checked in: its priority applies from its start time on
  appointment_id       uuid,
  priority_from        timestamptz,
  -- a transfer to one counter only (NULL = any counter serving the service)
  target_counter_id    uuid REFERENCES queue_counters (id) ON DELETE SET NULL,
  language             text NOT NULL CHECK (language IN ('fr', 'nl', 'en')),
  -- sha-256 of the secret of the "my ticket" link; moves to the successor on a transfer
  token_hash           text UNIQUE,
  issued_by            uuid REFERENCES accounts (id) ON DELETE SET NULL,
  issued_at            timestamptz NOT NULL DEFAULT now(),
  -- the place in the queue: the issue time, kept across transfers
  queued_at            timestamptz NOT NULL DEFAULT now(),
  called_at            timestamptz,
  serving_at           timestamptz,
  finished_at          timestamptz,
  recalls              integer NOT NULL DEFAULT 0,
  counter_id           uuid REFERENCES queue_counters (id) ON DELETE SET NULL,
  agent_account_id     uuid REFERENCES accounts (id) ON DELETE SET NULL,
  outcome              text,
  transferred_from     uuid REFERENCES queue_tickets (id) ON DELETE SET NULL
);
-- One number per point, prefix and day; a transferred ticket keeps its number under another row.
CREATE UNIQUE INDEX queue_tickets_number_uq ON queue_tickets (contact_point_id, prefix, day, number) WHERE transferred_from IS NULL;
CREATE INDEX queue_tickets_waiting_idx ON queue_tickets (queue_service_id, queued_at) WHERE status = 'waiting';
CREATE INDEX queue_tickets_point_day_idx ON queue_tickets (contact_point_id, day, status);
CREATE INDEX queue_tickets_finished_idx ON queue_tickets (queue_service_id, finished_at DESC) WHERE status = 'done';
CREATE INDEX queue_tickets_counter_idx ON queue_tickets (counter_id) WHERE status IN ('called', 'serving');
