-- The legal basis of a service (issue 15) and the local parts of shared services (issue 17 item 8, decision 0058).
--
-- Legal basis: the act a service rests on, per language (e.g. the law of 19 July 1991 for the identity card), and
-- an optional link to its official text. Optional: most services have none yet. Part of the editable content, so
-- it goes through drafts like every other field (decision 0015).
ALTER TABLE services
  ADD COLUMN legal_basis     jsonb NOT NULL DEFAULT '{}'::jsonb,
  ADD COLUMN legal_basis_url text,
  ADD CONSTRAINT services_legal_basis_object CHECK (jsonb_typeof(legal_basis) = 'object'),
  ADD CONSTRAINT services_legal_basis_url_http CHECK (legal_basis_url IS NULL OR (legal_basis_url ~ '^https?://[^\s]+$' AND length(legal_basis_url) <= 500));

-- What one commune (or CPAS) adds to a service every commune (or CPAS) provides: its own fees, extra documents,
-- local offices and notes, per language ({"fees":{"fr":…},"documents":…,"offices":…,"notes":…}). The shared text
-- stays the regional team's; the local part is the organisation's own and is shown to citizens of its postal codes.
-- content is what the public reads (NULL until first published); draft holds unpublished changes. version is the
-- optimistic lock of both (as services.version, decision 0015).
CREATE TABLE service_local_parts (
  service_id      uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  content         jsonb CHECK (content IS NULL OR jsonb_typeof(content) = 'object'),
  draft           jsonb CHECK (draft IS NULL OR jsonb_typeof(draft) = 'object'),
  version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  published_at    timestamptz,
  published_by    uuid REFERENCES accounts (id) ON DELETE SET NULL,
  draft_saved_at  timestamptz,
  draft_saved_by  uuid REFERENCES accounts (id) ON DELETE SET NULL,
  PRIMARY KEY (service_id, organisation_id)
);
CREATE INDEX service_local_parts_organisation_idx ON service_local_parts (organisation_id);
