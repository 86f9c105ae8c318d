-- The agent console of the contact center: inbox indexes for keyset pagination over open requests
-- (organisation, unit, agent, unassigned and SLA-state views stay fast with 100,000 open requests), the
-- context a task to a second line carries, and organisation reply templates.

-- Keyset pagination (created_at DESC, id DESC) per view; only open requests are indexed.
CREATE INDEX cc_requests_open_page_idx ON cc_requests (organisation_id, created_at DESC, id DESC) WHERE status <> 'closed';
CREATE INDEX cc_requests_unassigned_page_idx ON cc_requests (organisation_id, created_at DESC, id DESC)
  WHERE status <> 'closed' AND assignee_id IS NULL;
CREATE INDEX cc_requests_unit_page_idx ON cc_requests (unit_id, created_at DESC, id DESC) WHERE status <> 'closed';
CREATE INDEX cc_requests_assignee_page_idx ON cc_requests (assignee_id, created_at DESC, id DESC) WHERE status <> 'closed';
CREATE INDEX cc_requests_sla_page_idx ON cc_requests (organisation_id, sla_state, created_at DESC, id DESC) WHERE status <> 'closed';
CREATE INDEX cc_requests_all_page_idx ON cc_requests (organisation_id, created_at DESC, id DESC);

-- A task carries a snapshot of the request as the first line saw it: the receiving back office (possibly
-- another organisation) reads this, never the sending organisation's live data.
ALTER TABLE cc_tasks ADD COLUMN context jsonb NOT NULL DEFAULT '{}';
CREATE INDEX cc_tasks_to_account_idx ON cc_tasks (to_account_id, status, created_at DESC) WHERE to_account_id IS NOT NULL;
CREATE INDEX cc_tasks_to_unit_idx ON cc_tasks (to_unit_id, status, created_at DESC) WHERE to_unit_id IS NOT NULL;

-- Reply templates of an organisation, per language, with {name} and {reference} placeholders.
CREATE TABLE cc_reply_templates (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  language        text NOT NULL CHECK (language IN ('fr', 'nl', 'en')),
  title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  body            text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, language, title)
);
