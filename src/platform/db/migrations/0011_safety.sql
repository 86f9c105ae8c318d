-- Agent safety: who works at which contact point (and who manages it), incident reports by staff about
-- aggression they met, their follow-up actions tracked to closure. Incidents are sensitive personal data:
-- the service shows them only to the reporter and the reporter's managers (see docs/decisions/0013).

-- Which staff accounts work at which contact point; is_manager marks the contact point's manager(s).
-- The service keeps account and contact point in the same organisation.
CREATE TABLE contact_point_staff (
  contact_point_id uuid NOT NULL REFERENCES contact_points (id) ON DELETE CASCADE,
  account_id       uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  is_manager       boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  created_by       uuid REFERENCES accounts (id) ON DELETE SET NULL,
  PRIMARY KEY (contact_point_id, account_id)
);
CREATE INDEX contact_point_staff_account_idx ON contact_point_staff (account_id);

CREATE TABLE safety_incidents (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id     uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  reporter_account_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
  -- null only while an "I need help now" alert waits for its details
  type                text CHECK (type IN ('verbal_aggression', 'threat', 'physical_aggression', 'other')),
  severity            text CHECK (severity IN ('low', 'medium', 'high')),
  contact_point_id    uuid REFERENCES contact_points (id) ON DELETE SET NULL,
  place_text          text CHECK (char_length(place_text) <= 200),
  occurred_at         timestamptz NOT NULL,
  description         text NOT NULL DEFAULT '' CHECK (char_length(description) <= 4000),
  persons_involved    text CHECK (char_length(persons_involved) <= 2000),
  -- raised with "I need help now": the alert went out first, the details follow
  help_requested      boolean NOT NULL DEFAULT false,
  details_pending     boolean NOT NULL DEFAULT false,
  status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_at           timestamptz,
  closed_by           uuid REFERENCES accounts (id) ON DELETE SET NULL,
  closing_note        text CHECK (char_length(closing_note) <= 2000),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  version             integer NOT NULL DEFAULT 1,
  CHECK (type IS NOT NULL OR details_pending),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CHECK (status = 'open' OR NOT details_pending)
);
CREATE INDEX safety_incidents_organisation_idx ON safety_incidents (organisation_id, occurred_at DESC);
CREATE INDEX safety_incidents_reporter_idx ON safety_incidents (reporter_account_id);
CREATE INDEX safety_incidents_contact_point_idx ON safety_incidents (contact_point_id);

CREATE TABLE safety_actions (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id         uuid NOT NULL REFERENCES safety_incidents (id) ON DELETE CASCADE,
  kind                text NOT NULL CHECK (kind IN ('debrief', 'support', 'complaint_filed', 'other')),
  assignee_account_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
  due_date            date,
  note                text CHECK (char_length(note) <= 2000),
  status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'waived')),
  done_at             timestamptz,
  -- why an action was waived (required then), or what was done
  outcome_note        text CHECK (char_length(outcome_note) <= 2000),
  created_by          uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'open') = (done_at IS NULL)),
  CHECK (status <> 'waived' OR char_length(coalesce(outcome_note, '')) > 0)
);
CREATE INDEX safety_actions_incident_idx ON safety_actions (incident_id);
