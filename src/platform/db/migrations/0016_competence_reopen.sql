-- The history of a self-assessment: every submission and every reopening (back to a draft, with its
-- mandatory reason), shown on the assessment page to the organisation and the competence center.
-- Who acted is kept as the side they acted for ('organisation' = its manager, 'competence_center'); the
-- account id is kept for accountability but never shown, so the history holds no name.
CREATE TABLE competence_assessment_events (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assessment_id  uuid NOT NULL REFERENCES competence_assessments (id) ON DELETE CASCADE,
  event          text NOT NULL CHECK (event IN ('submitted', 'reopened')),
  actor_side     text NOT NULL CHECK (actor_side IN ('organisation', 'competence_center')),
  account_id     uuid REFERENCES accounts (id) ON DELETE SET NULL,
  -- required when reopening, empty for a submission
  reason         text NOT NULL DEFAULT '' CHECK (length(reason) <= 2000 AND (event <> 'reopened' OR length(btrim(reason)) > 0)),
  -- the assessment's version after the event (ties the entry to the optimistic-locking sequence)
  version        integer NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX competence_assessment_events_idx ON competence_assessment_events (assessment_id, created_at);

-- Assessments submitted before this history existed get their submission entry.
INSERT INTO competence_assessment_events (assessment_id, event, actor_side, account_id, version, created_at)
SELECT id, 'submitted', 'organisation', submitted_by, version, coalesce(submitted_at, updated_at)
  FROM competence_assessments WHERE status = 'submitted';
