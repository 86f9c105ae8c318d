-- Contact-center settings edited in the back office (inbound mailboxes, SLA targets, the SLA business
-- calendar): ids and version columns for optimistic locking, mailboxes that can be switched off. Also: one
-- personal-data read audit entry per actor, subject and window (the console's live refresh reads the same
-- request again and again), and which account channels have a live Server-Sent Events stream on any
-- instance (safety alerts fall back to e-mail when nobody is connected).

-- Mailboxes: an id for the back-office URLs, an on/off switch (a switched-off address refuses mail but
-- stays reserved to its organisation), and a version for concurrent edits.
ALTER TABLE cc_mailboxes
  ADD COLUMN id         uuid NOT NULL DEFAULT gen_random_uuid(),
  ADD COLUMN active     boolean NOT NULL DEFAULT true,
  ADD COLUMN version    integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE UNIQUE INDEX cc_mailboxes_id_idx ON cc_mailboxes (id);
CREATE INDEX cc_mailboxes_organisation_idx ON cc_mailboxes (organisation_id, address);
ALTER TABLE cc_mailboxes ADD CONSTRAINT cc_mailboxes_address_length CHECK (length(address) BETWEEN 3 AND 254);

ALTER TABLE cc_sla_targets
  ADD COLUMN version    integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

ALTER TABLE cc_business_calendars
  ADD COLUMN version    integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- The last recorded read of a subject by an actor: a read within the window after it writes no new audit
-- entry. Inserted or moved forward in the same statement as the audit entry (src/audit/repository.ts), so
-- two concurrent first reads record exactly one entry, and a mark never exists without its entry.
CREATE TABLE audit_read_marks (
  actor_account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  subject_type     text NOT NULL,
  subject_id       text NOT NULL,
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (actor_account_id, subject_type, subject_id)
);
CREATE INDEX audit_read_marks_recorded_idx ON audit_read_marks (recorded_at);

-- Open Server-Sent Events streams and the channels they listen to, on every instance: a row per stream,
-- refreshed by its heartbeat, deleted when it ends; rows of a crashed instance go stale (seen_at).
CREATE TABLE realtime_presence (
  stream_id uuid PRIMARY KEY,
  channels  text[] NOT NULL,
  seen_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX realtime_presence_channels_idx ON realtime_presence USING gin (channels);
CREATE INDEX realtime_presence_seen_idx ON realtime_presence (seen_at);
