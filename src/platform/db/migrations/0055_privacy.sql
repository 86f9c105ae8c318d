-- contract-of: 0001
-- Data protection (issue 18, decisions 0048 and 0049).
--
-- 1. Two roles: an organisation's data protection officer and the regional one. The roles CHECK of 0001 is
--    widened: a new constraint naming the longer list, then the old one dropped. This is an expand in effect
--    (the old version writes only roles the narrower list allowed, and reads an unknown role as none), but
--    the migration check recognises a widened `col IN (…)` only, not an array's `<@ ARRAY[…]`: hence the mark.
ALTER TABLE accounts ADD CONSTRAINT accounts_roles_known CHECK (
  roles <@ ARRAY['first_line_agent', 'second_line_agent', 'content_editor', 'organisation_manager', 'regional_analyst',
                 'platform_admin', 'data_protection_officer', 'regional_data_protection_officer']::text[]
  AND cardinality(roles) > 0);
ALTER TABLE accounts DROP CONSTRAINT accounts_roles_check;

-- 2. Data subject requests (GDPR art. 15, 17, 20) handled by a DPO for their organisation. The e-mail is kept
--    while the request runs and for an access request's export; an erasure keeps only its SHA-256 once done.
--    The export is personal data itself: the housekeeping deletes it after privacy_exports days (decision 0049).
CREATE TABLE privacy_subject_requests (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid REFERENCES organisations (id) ON DELETE CASCADE,
  kind            text NOT NULL CHECK (kind IN ('access', 'erasure')),
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  email           text CHECK (email IS NULL OR (length(email) <= 254 AND email = lower(email))),
  email_hash      text NOT NULL,
  phone           text,
  reason          text CHECK (reason IS NULL OR length(reason) <= 1000),
  language        text NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'nl', 'en')),
  export          jsonb,
  -- what was found or erased, per category, as counts only
  summary         jsonb NOT NULL DEFAULT '{}',
  requested_by    uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  completed_at    timestamptz
);
CREATE INDEX privacy_subject_requests_org_idx ON privacy_subject_requests (organisation_id, created_at DESC);

-- 3. Retention periods an organisation chose within the bounds of decision 0048 (absent: the default).
CREATE TABLE privacy_retention_settings (
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  category        text NOT NULL CHECK (category ~ '^[a-z_]+$'),
  days            integer NOT NULL CHECK (days BETWEEN 1 AND 36500),
  updated_by      uuid REFERENCES accounts (id) ON DELETE SET NULL,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, category)
);

-- 4. An organisation's privacy settings: whether the free texts its users wrote are released to the regional
--    analysts (masked), and the contact the privacy notice names for the controller.
CREATE TABLE privacy_settings (
  organisation_id          uuid PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
  release_free_text        boolean NOT NULL DEFAULT false,
  controller_contact       text CHECK (controller_contact IS NULL OR length(controller_contact) <= 300),
  updated_by               uuid REFERENCES accounts (id) ON DELETE SET NULL,
  updated_at               timestamptz NOT NULL DEFAULT now()
);

-- 5. Support access: a platform administrator reads one organisation's citizens' data only through an access
--    opened with a reason, for a limited time, audited and told to that organisation's DPOs.
CREATE TABLE privacy_support_access (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  account_id      uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  reason          text NOT NULL CHECK (length(reason) BETWEEN 10 AND 1000),
  opened_at       timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL,
  closed_at       timestamptz,
  CHECK (expires_at > opened_at)
);
CREATE INDEX privacy_support_access_open_idx ON privacy_support_access (account_id, organisation_id, expires_at);
