-- Saved views of the console (named filters, personal or shared with a unit) and tags on requests, set one
-- by one or in bulk (issue 17, decision 0047).
CREATE TABLE cc_saved_views (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  owner_account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  -- NULL: personal; a unit: every member of the unit sees it
  unit_id          uuid REFERENCES units (id) ON DELETE CASCADE,
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  -- the inbox's query string (view, status, channel, service, sla, tag, q)
  filters          text NOT NULL CHECK (length(filters) <= 1000),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cc_saved_views_owner_idx ON cc_saved_views (owner_account_id);
CREATE INDEX cc_saved_views_unit_idx ON cc_saved_views (unit_id) WHERE unit_id IS NOT NULL;

ALTER TABLE cc_requests ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
CREATE INDEX cc_requests_tags_idx ON cc_requests USING gin (tags);
