-- Merge and split (issue 17, decision 0047). A merged request stays (its reference keeps answering the
-- citizen's status look-up) and points to the surviving one; what was moved (messages, tasks, contacts) and
-- the clocks as they were are kept in the merge's row, so that an agent can undo it within the period.
ALTER TABLE cc_requests ADD COLUMN merged_into_id uuid REFERENCES cc_requests (id);
CREATE INDEX cc_requests_merged_into_idx ON cc_requests (merged_into_id) WHERE merged_into_id IS NOT NULL;

CREATE TABLE cc_request_merges (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id   uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  merged_request_id uuid NOT NULL REFERENCES cc_requests (id) ON DELETE CASCADE,
  into_request_id   uuid NOT NULL REFERENCES cc_requests (id) ON DELETE CASCADE,
  merged_by         uuid REFERENCES accounts (id) ON DELETE SET NULL,
  merged_at         timestamptz NOT NULL DEFAULT now(),
  -- {"messages":[ids],"tasks":[ids],"contacts":[ids],"merged":{status,…},"into":{first_response_due_at,…}}
  undo              jsonb NOT NULL,
  unmerged_at       timestamptz,
  unmerged_by       uuid REFERENCES accounts (id) ON DELETE SET NULL,
  CHECK (merged_request_id <> into_request_id)
);
CREATE UNIQUE INDEX cc_request_merges_active_idx ON cc_request_merges (merged_request_id) WHERE unmerged_at IS NULL;
CREATE INDEX cc_request_merges_into_idx ON cc_request_merges (into_request_id);

-- Duplicate contact records of one person: the requests and contacts move to the surviving record; the
-- merged record stays, pointing to it, so that nothing is lost and the merge can be undone.
ALTER TABLE cc_parties ADD COLUMN merged_into_id uuid REFERENCES cc_parties (id);
CREATE TABLE cc_party_merges (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  merged_party_id uuid NOT NULL REFERENCES cc_parties (id) ON DELETE CASCADE,
  into_party_id   uuid NOT NULL REFERENCES cc_parties (id) ON DELETE CASCADE,
  merged_by       uuid REFERENCES accounts (id) ON DELETE SET NULL,
  merged_at       timestamptz NOT NULL DEFAULT now(),
  -- {"requests":[ids],"contacts":[ids]}
  undo            jsonb NOT NULL,
  unmerged_at     timestamptz,
  CHECK (merged_party_id <> into_party_id)
);
CREATE INDEX cc_party_merges_merged_idx ON cc_party_merges (merged_party_id);
