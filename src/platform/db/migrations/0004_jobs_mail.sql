-- Platform services shared by every instance: the durable job queue, outgoing e-mail and the store for
-- realtime events too large for a NOTIFY payload. See docs/decisions/0005-jobs-mail-realtime-in-postgresql.md.

-- Jobs: claimed with FOR UPDATE SKIP LOCKED, so several workers (processes, instances) share the queue and
-- no job runs twice at once. A worker holds a job for a lease (locked_until); a job whose lease ran out
-- (crashed worker) is taken back. Failed jobs are retried with exponential backoff, then kept as "dead".
CREATE TABLE jobs (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  type          text NOT NULL CHECK (type ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$' AND length(type) <= 100),
  payload       jsonb NOT NULL DEFAULT '{}',
  status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'dead')),
  run_at        timestamptz NOT NULL DEFAULT now(),
  attempts      integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts  integer NOT NULL DEFAULT 10 CHECK (max_attempts BETWEEN 1 AND 1000),
  last_error    text,
  -- at most one queued or running job per (type, unique_key): enqueueing it again does nothing
  unique_key    text CHECK (length(unique_key) <= 200),
  locked_by     text,
  locked_until  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz
);
CREATE INDEX jobs_due_idx ON jobs (run_at, id) WHERE status = 'queued';
CREATE INDEX jobs_lease_idx ON jobs (locked_until) WHERE status = 'running';
CREATE INDEX jobs_finished_idx ON jobs (finished_at) WHERE status IN ('done', 'dead');
CREATE UNIQUE INDEX jobs_unique_key_idx ON jobs (type, unique_key)
  WHERE unique_key IS NOT NULL AND status IN ('queued', 'running');

-- Outgoing e-mail. Written in the sender's transaction with its mail.send job, so a message is never lost
-- (SMTP down: the job waits and retries). Without SMTP_URL (development, demo) messages are "captured":
-- kept here and readable by platform administrators. After delivery the body and attachments are dropped
-- (the recipient's mailbox holds them); the status record is kept for MAIL_RETENTION_DAYS.
CREATE TABLE mail_messages (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
  purpose         text NOT NULL DEFAULT 'other' CHECK (length(purpose) <= 100),
  language        text NOT NULL CHECK (language IN ('fr', 'nl', 'en')),
  message_id      text NOT NULL UNIQUE,
  from_address    text NOT NULL,
  reply_to        text,
  to_addresses    text[] NOT NULL CHECK (cardinality(to_addresses) BETWEEN 1 AND 50),
  cc_addresses    text[] NOT NULL DEFAULT '{}',
  subject         text NOT NULL,
  text_body       text,
  html_body       text,
  -- [{ "filename", "contentType", "size", "content" (base64) }]
  attachments     jsonb NOT NULL DEFAULT '[]',
  headers         jsonb NOT NULL DEFAULT '{}',
  status          text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'captured', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text,
  job_id          bigint,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz
);
CREATE INDEX mail_messages_created_idx ON mail_messages (created_at DESC);
CREATE INDEX mail_messages_status_idx ON mail_messages (status, created_at DESC);
CREATE INDEX mail_messages_organisation_idx ON mail_messages (organisation_id, created_at DESC);

-- Realtime events: ids come from one sequence (so a reconnecting browser's Last-Event-ID can be compared
-- across instances); an event too large for a NOTIFY payload (8000 bytes) is stored here and only its id
-- is notified. Rows are kept one hour.
CREATE SEQUENCE realtime_event_seq;
CREATE TABLE realtime_events (
  id          bigint PRIMARY KEY DEFAULT nextval('realtime_event_seq'),
  channel     text NOT NULL,
  type        text NOT NULL,
  data        jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX realtime_events_created_idx ON realtime_events (created_at);
