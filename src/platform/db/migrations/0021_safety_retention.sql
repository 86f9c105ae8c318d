-- Retention of incident reports (decision 0013): a closed report is kept whole for SAFETY_RETENTION_YEARS from
-- its declaration (five years by default: the register of acts of third parties, Code du bien-être au travail),
-- then anonymised: the free texts and the accounts go, the type, place, time and follow-up kinds stay for the
-- statistics. anonymised_at says when.
ALTER TABLE safety_incidents ADD COLUMN anonymised_at timestamptz;
CREATE INDEX safety_incidents_retention_idx ON safety_incidents (created_at) WHERE status = 'closed' AND anonymised_at IS NULL;
