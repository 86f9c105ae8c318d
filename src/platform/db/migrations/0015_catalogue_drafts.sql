-- Pending drafts of published services (decision 0015): an editor's changes to a published service are kept
-- here, next to the live columns, until they are published (the live columns are replaced and a row is added
-- to service_versions) or discarded. Public pages, the API, search and the exports read only the live columns.
-- The draft holds the whole editable content (jsonb, same field names as the application's ServiceContent).
-- Every save still increments services.version: optimistic locking covers the draft as well as the live row.
ALTER TABLE services
  ADD COLUMN draft          jsonb,
  ADD COLUMN draft_saved_at timestamptz,
  ADD COLUMN draft_saved_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  ADD COLUMN created_by     uuid REFERENCES accounts (id) ON DELETE SET NULL,
  ADD CONSTRAINT services_draft_object CHECK (draft IS NULL OR jsonb_typeof(draft) = 'object');
