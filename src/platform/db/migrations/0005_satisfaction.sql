-- Satisfaction: invitations to the standard questionnaire after a contact, the answers, and the
-- pre-aggregated indicators the dashboards, the barometer and open data read.
-- Answers are tied to the contact's organisation, service, channel, contact point and date, never to the
-- person: an invitation keeps only the kind and id of the contact that caused it (to avoid inviting twice),
-- no name, no address. Service codes and contact point ids are plain columns (no foreign keys): the
-- catalogue and contact points may be replaced or archived while the statistics stay.

CREATE TABLE feedback_invitations (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- sha-256 of the token sent to the user: a leaked table does not give answerable links
  token_hash       text NOT NULL UNIQUE,
  organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  service_code     text CHECK (service_code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  channel          text NOT NULL CHECK (channel IN ('phone', 'email', 'web', 'counter', 'post', 'chat', 'video', 'other')),
  contact_point_id uuid,
  contact_at       timestamptz NOT NULL,
  language         text NOT NULL CHECK (language IN ('fr', 'nl', 'en')),
  source_kind      text NOT NULL CHECK (source_kind IN ('request', 'visit', 'appointment', 'link', 'demo')),
  source_id        text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz NOT NULL,
  answered_at      timestamptz,
  UNIQUE (source_kind, source_id)
);
CREATE INDEX feedback_invitations_organisation_idx ON feedback_invitations (organisation_id, contact_at);

-- One answer per invitation (primary key = invitation id): a replay cannot store a second one.
-- Ratings are 1..5 (5 = best); need_met yes/partly/no; reached + the channels used; recommend 0..10 (NPS)
-- only when asked. The comment is stored scrubbed of e-mail addresses, phone and national numbers.
CREATE TABLE feedback_answers (
  invitation_id    uuid PRIMARY KEY REFERENCES feedback_invitations (id) ON DELETE CASCADE,
  organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  service_code     text,
  channel          text NOT NULL,
  contact_point_id uuid,
  contact_at       timestamptz NOT NULL,
  answered_at      timestamptz NOT NULL DEFAULT now(),
  language         text NOT NULL,
  overall          smallint NOT NULL CHECK (overall BETWEEN 1 AND 5),
  clarity          smallint NOT NULL CHECK (clarity BETWEEN 1 AND 5),
  effort           smallint NOT NULL CHECK (effort BETWEEN 1 AND 5),
  need_met         text NOT NULL CHECK (need_met IN ('yes', 'partly', 'no')),
  reached          boolean NOT NULL,
  channels_used    text[] NOT NULL DEFAULT '{}',
  recommend        smallint CHECK (recommend BETWEEN 0 AND 10),
  comment          text CHECK (char_length(comment) <= 2000)
);
CREATE INDEX feedback_answers_organisation_idx ON feedback_answers (organisation_id, contact_at);
-- the latest comments of an organisation (most answers have none)
CREATE INDEX feedback_answers_comments_idx ON feedback_answers (organisation_id, contact_at DESC) WHERE comment IS NOT NULL;

-- The indicators' building blocks: sums and counts per organisation × month (of the contact) × channel ×
-- service × contact point. Updated by an upsert in the transaction that records an answer, so every
-- dashboard reads a few thousand rows whatever the number of answers. '' stands for "no service" and
-- "no contact point" (a primary key cannot hold NULL).
CREATE TABLE satisfaction_aggregates (
  organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  month            date NOT NULL,
  channel          text NOT NULL,
  service_code     text NOT NULL DEFAULT '',
  contact_point    text NOT NULL DEFAULT '',
  answers          integer NOT NULL DEFAULT 0,
  overall_sum      integer NOT NULL DEFAULT 0,
  overall_top2     integer NOT NULL DEFAULT 0,
  -- sum of the observatory score: 5 levels mapped to 10 / 7.5 / 5 / 2.5 / 0, stored ×2 to stay integer
  score_x2_sum     integer NOT NULL DEFAULT 0,
  clarity_sum      integer NOT NULL DEFAULT 0,
  clarity_top2     integer NOT NULL DEFAULT 0,
  effort_sum       integer NOT NULL DEFAULT 0,
  effort_easy      integer NOT NULL DEFAULT 0,
  need_yes         integer NOT NULL DEFAULT 0,
  need_partly      integer NOT NULL DEFAULT 0,
  reached          integer NOT NULL DEFAULT 0,
  -- reached the administration through a single channel, without having to try another one
  autonomous       integer NOT NULL DEFAULT 0,
  nps_answers      integer NOT NULL DEFAULT 0,
  nps_promoters    integer NOT NULL DEFAULT 0,
  nps_detractors   integer NOT NULL DEFAULT 0,
  PRIMARY KEY (organisation_id, month, channel, service_code, contact_point)
);
CREATE INDEX satisfaction_aggregates_month_idx ON satisfaction_aggregates (month, organisation_id);

-- The same sums per organisation × month only: what the regional dashboard, the barometer and open data
-- read (60 organisations × 24 months = 1,440 rows, whatever the fan-out of channels, services and desks).
-- Kept in step with satisfaction_aggregates by the same transaction.
CREATE TABLE satisfaction_monthly (
  organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  month            date NOT NULL,
  answers          integer NOT NULL DEFAULT 0,
  overall_sum      integer NOT NULL DEFAULT 0,
  overall_top2     integer NOT NULL DEFAULT 0,
  score_x2_sum     integer NOT NULL DEFAULT 0,
  clarity_sum      integer NOT NULL DEFAULT 0,
  clarity_top2     integer NOT NULL DEFAULT 0,
  effort_sum       integer NOT NULL DEFAULT 0,
  effort_easy      integer NOT NULL DEFAULT 0,
  need_yes         integer NOT NULL DEFAULT 0,
  need_partly      integer NOT NULL DEFAULT 0,
  reached          integer NOT NULL DEFAULT 0,
  autonomous       integer NOT NULL DEFAULT 0,
  nps_answers      integer NOT NULL DEFAULT 0,
  nps_promoters    integer NOT NULL DEFAULT 0,
  nps_detractors   integer NOT NULL DEFAULT 0,
  PRIMARY KEY (organisation_id, month)
);
CREATE INDEX satisfaction_monthly_month_idx ON satisfaction_monthly (month);
