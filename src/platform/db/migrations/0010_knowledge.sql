-- Knowledge base of the regional contact center: articles owned by an organisation (whose content editors
-- write them), internal-only (agent scripts) or public, in FR/NL/EN, linked to catalogue services.
--
-- An article row is the working copy editors save (a draft); publishing copies it into a new, immutable
-- knowledge_article_versions row (author, time, content). Readers, the public pages and the search see only
-- the published version. Agents flag a published article as outdated or unclear; the owner's editors resolve.

CREATE TABLE knowledge_articles (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug                  text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) BETWEEN 3 AND 80),
  owner_organisation_id uuid NOT NULL REFERENCES organisations (id),
  -- The working copy (what the edit form shows).
  visibility            text NOT NULL CHECK (visibility IN ('internal', 'public')),
  title                 jsonb NOT NULL DEFAULT '{}',
  body                  jsonb NOT NULL DEFAULT '{}',
  service_codes         text[] NOT NULL DEFAULT '{}',
  review_on             date,
  -- draft: never published; published: a version is live; archived: withdrawn from readers.
  status                text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
  -- Optimistic locking of the working copy: every save increments it; a stale revision is refused.
  revision              integer NOT NULL DEFAULT 1,
  published_version     integer,
  -- Changes when readers' view changes (publish, archive): the search index's freshness stamp.
  published_changed_at  timestamptz,
  created_by            uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_by            uuid REFERENCES accounts (id) ON DELETE SET NULL,
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'draft') = (published_version IS NULL))
);
CREATE INDEX knowledge_articles_owner_idx ON knowledge_articles (owner_organisation_id);
CREATE INDEX knowledge_articles_status_idx ON knowledge_articles (status);
CREATE INDEX knowledge_articles_services_idx ON knowledge_articles USING gin (service_codes);

-- Every published state: immutable; the search documents are computed once, when the version is written.
CREATE TABLE knowledge_article_versions (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id     uuid NOT NULL REFERENCES knowledge_articles (id) ON DELETE CASCADE,
  version        integer NOT NULL CHECK (version >= 1),
  visibility     text NOT NULL CHECK (visibility IN ('internal', 'public')),
  title          jsonb NOT NULL,
  body           jsonb NOT NULL,
  service_codes  text[] NOT NULL DEFAULT '{}',
  review_on      date,
  note           text CHECK (length(note) <= 500),
  published_by   uuid REFERENCES accounts (id) ON DELETE SET NULL,
  published_at   timestamptz NOT NULL DEFAULT now(),
  search_fr      tsvector,
  search_nl      tsvector,
  search_en      tsvector,
  UNIQUE (article_id, version)
);

-- Title weighs most (A), the body least (D), as the catalogue's name and description do.
CREATE FUNCTION knowledge_versions_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_fr :=
       setweight(to_tsvector('french', unaccent(coalesce(NEW.title ->> 'fr', ''))), 'A')
    || setweight(to_tsvector('french', unaccent(coalesce(NEW.body ->> 'fr', ''))), 'D');
  NEW.search_nl :=
       setweight(to_tsvector('dutch', unaccent(coalesce(NEW.title ->> 'nl', ''))), 'A')
    || setweight(to_tsvector('dutch', unaccent(coalesce(NEW.body ->> 'nl', ''))), 'D');
  NEW.search_en :=
       setweight(to_tsvector('english', unaccent(coalesce(NEW.title ->> 'en', ''))), 'A')
    || setweight(to_tsvector('english', unaccent(coalesce(NEW.body ->> 'en', ''))), 'D');
  RETURN NEW;
END
$$;

CREATE TRIGGER knowledge_versions_search_refresh
  BEFORE INSERT OR UPDATE OF title, body ON knowledge_article_versions
  FOR EACH ROW EXECUTE FUNCTION knowledge_versions_search_refresh();

-- "This article is outdated / unclear": raised by any staff member, resolved by the owner's editors.
-- The comment is scrubbed of e-mail addresses, phone and national numbers before it is stored.
CREATE TABLE knowledge_flags (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  article_id          uuid NOT NULL REFERENCES knowledge_articles (id) ON DELETE CASCADE,
  article_version     integer NOT NULL,
  kind                text NOT NULL CHECK (kind IN ('outdated', 'unclear')),
  comment             text NOT NULL CHECK (length(comment) BETWEEN 1 AND 2000),
  flagged_by          uuid REFERENCES accounts (id) ON DELETE SET NULL,
  flagged_by_org_id   uuid REFERENCES organisations (id),
  flagged_at          timestamptz NOT NULL DEFAULT now(),
  status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolved_by         uuid REFERENCES accounts (id) ON DELETE SET NULL,
  resolved_at         timestamptz,
  resolution_note     text CHECK (length(resolution_note) <= 1000),
  CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
);
CREATE INDEX knowledge_flags_open_idx ON knowledge_flags (article_id) WHERE status = 'open';
