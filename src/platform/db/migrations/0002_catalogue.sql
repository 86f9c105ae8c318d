-- Catalogue: themes, life events, public services with their version history, their search documents and
-- the anonymous log of searches without a good result (content gaps).
-- Multilingual text is jsonb {"fr","nl","en"}. Search columns are maintained by a trigger, so every writer
-- (seed, back office, bench) keeps them right without thinking about it.

CREATE TABLE catalogue_themes (
  code     text PRIMARY KEY CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name     jsonb NOT NULL CHECK (name ? 'fr' AND name ? 'nl' AND name ? 'en'),
  position integer NOT NULL DEFAULT 0
);

CREATE TABLE life_events (
  code     text PRIMARY KEY CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name     jsonb NOT NULL CHECK (name ? 'fr' AND name ? 'nl' AND name ? 'en'),
  audience text[] NOT NULL DEFAULT '{}',
  position integer NOT NULL DEFAULT 0
);

CREATE TABLE services (
  id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code                      text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name                      jsonb NOT NULL,
  summary                   jsonb NOT NULL DEFAULT '{}',
  description               jsonb NOT NULL DEFAULT '{}',
  audience                  text[] NOT NULL DEFAULT '{citizen}'
                              CHECK (audience <@ ARRAY['citizen', 'business', 'association']::text[]),
  life_events               text[] NOT NULL DEFAULT '{}',
  theme                     text NOT NULL REFERENCES catalogue_themes (code),
  -- Who provides it: one named organisation, or every commune / every CPAS (resolved by where the user lives).
  competent_kind            text NOT NULL CHECK (competent_kind IN ('organisation', 'commune', 'cpas')),
  competent_organisation_id uuid REFERENCES organisations (id),
  -- Whose content editors may change it; NULL = the regional editorial team (platform administrators),
  -- which is the case of the services every commune or CPAS provides.
  owner_organisation_id     uuid REFERENCES organisations (id),
  channels                  text[] NOT NULL DEFAULT '{}'
                              CHECK (channels <@ ARRAY['counter', 'online', 'phone', 'email', 'post']::text[]),
  appointment               boolean NOT NULL DEFAULT false,
  evidence                  jsonb NOT NULL DEFAULT '{}',
  cost                      jsonb NOT NULL DEFAULT '{}',
  processing_time           jsonb NOT NULL DEFAULT '{}',
  keywords                  jsonb NOT NULL DEFAULT '{}',
  status                    text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'withdrawn')),
  last_reviewed_at          timestamptz,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  version                   integer NOT NULL DEFAULT 1,
  -- Search documents (trigger-maintained): one per language with its stemmer, weighted name > keywords >
  -- summary > description; the source of the in-memory search index (src/catalogue/search-index.ts).
  search_fr                 tsvector,
  search_nl                 tsvector,
  search_en                 tsvector,
  search_words              text,
  CHECK ((competent_kind = 'organisation') = (competent_organisation_id IS NOT NULL))
);
CREATE INDEX services_status_idx ON services (status);
CREATE INDEX services_theme_idx ON services (theme);
CREATE INDEX services_life_events_idx ON services USING gin (life_events);
CREATE INDEX services_competent_idx ON services (competent_organisation_id);
CREATE INDEX services_owner_idx ON services (owner_organisation_id);
CREATE INDEX services_search_fr_idx ON services USING gin (search_fr);
CREATE INDEX services_search_nl_idx ON services USING gin (search_nl);
CREATE INDEX services_search_en_idx ON services USING gin (search_en);

CREATE FUNCTION catalogue_words(value jsonb, lang text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(string_agg(item, ' '), '')
    FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(value -> lang) = 'array' THEN value -> lang ELSE '[]'::jsonb END) AS item
$$;

CREATE FUNCTION services_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_fr :=
       setweight(to_tsvector('french', unaccent(coalesce(NEW.name ->> 'fr', ''))), 'A')
    || setweight(to_tsvector('french', unaccent(catalogue_words(NEW.keywords, 'fr'))), 'B')
    || setweight(to_tsvector('french', unaccent(coalesce(NEW.summary ->> 'fr', ''))), 'C')
    || setweight(to_tsvector('french', unaccent(coalesce(NEW.description ->> 'fr', ''))), 'D');
  NEW.search_nl :=
       setweight(to_tsvector('dutch', unaccent(coalesce(NEW.name ->> 'nl', ''))), 'A')
    || setweight(to_tsvector('dutch', unaccent(catalogue_words(NEW.keywords, 'nl'))), 'B')
    || setweight(to_tsvector('dutch', unaccent(coalesce(NEW.summary ->> 'nl', ''))), 'C')
    || setweight(to_tsvector('dutch', unaccent(coalesce(NEW.description ->> 'nl', ''))), 'D');
  NEW.search_en :=
       setweight(to_tsvector('english', unaccent(coalesce(NEW.name ->> 'en', ''))), 'A')
    || setweight(to_tsvector('english', unaccent(catalogue_words(NEW.keywords, 'en'))), 'B')
    || setweight(to_tsvector('english', unaccent(coalesce(NEW.summary ->> 'en', ''))), 'C')
    || setweight(to_tsvector('english', unaccent(coalesce(NEW.description ->> 'en', ''))), 'D');
  NEW.search_words := lower(unaccent(concat_ws(' ',
    NEW.name ->> 'fr', NEW.name ->> 'nl', NEW.name ->> 'en',
    catalogue_words(NEW.keywords, 'fr'), catalogue_words(NEW.keywords, 'nl'), catalogue_words(NEW.keywords, 'en'),
    NEW.summary ->> 'fr', NEW.summary ->> 'nl', NEW.summary ->> 'en')));
  RETURN NEW;
END
$$;

CREATE TRIGGER services_search_refresh
  BEFORE INSERT OR UPDATE OF name, summary, description, keywords ON services
  FOR EACH ROW EXECUTE FUNCTION services_search_refresh();

-- Every saved state of a service: who changed it, when, and the content at that moment.
CREATE TABLE service_versions (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  service_id         uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  version            integer NOT NULL,
  status             text NOT NULL,
  content            jsonb NOT NULL,
  changed_by         uuid REFERENCES accounts (id) ON DELETE SET NULL,
  changed_at         timestamptz NOT NULL DEFAULT now(),
  note               text,
  UNIQUE (service_id, version)
);

-- Searches that found nothing good, for editors to fill the gaps. Anonymous: the query text (with long
-- digit runs and e-mail addresses masked), its language, the time and how many results it had. No
-- address, no session, no account.
CREATE TABLE content_gaps (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  query        text NOT NULL CHECK (length(query) <= 200),
  lang         text NOT NULL CHECK (lang IN ('fr', 'nl', 'en')),
  at           timestamptz NOT NULL DEFAULT now(),
  result_count integer NOT NULL
);
CREATE INDEX content_gaps_at_idx ON content_gaps (at DESC);
