-- Orientation vocabulary (issue 16, decision 0030): the everyday words people use for a service, and a
-- multilingual concept thesaurus linking everyday words to administrative concepts and to services.

-- Search terms per service, in the users' words: {"fr":[…],"nl":[…],"en":[…]}. Editable with the rest of the
-- service's text, so they are part of a draft (services.draft) and of every row of service_versions.
ALTER TABLE services
  ADD COLUMN search_terms jsonb NOT NULL DEFAULT '{}'
    CONSTRAINT services_search_terms_object CHECK (jsonb_typeof(search_terms) = 'object');

-- Second version of the search documents' trigger: search terms weigh like keywords (B) and reach the
-- vocabulary of typo correction and "did you mean".
CREATE FUNCTION services_search_refresh_v2() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_fr :=
       setweight(to_tsvector('french', unaccent(coalesce(NEW.name ->> 'fr', ''))), 'A')
    || setweight(to_tsvector('french', unaccent(catalogue_words(NEW.keywords, 'fr') || ' ' || catalogue_words(NEW.search_terms, 'fr'))), 'B')
    || setweight(to_tsvector('french', unaccent(coalesce(NEW.summary ->> 'fr', ''))), 'C')
    || setweight(to_tsvector('french', unaccent(coalesce(NEW.description ->> 'fr', ''))), 'D');
  NEW.search_nl :=
       setweight(to_tsvector('dutch', unaccent(coalesce(NEW.name ->> 'nl', ''))), 'A')
    || setweight(to_tsvector('dutch', unaccent(catalogue_words(NEW.keywords, 'nl') || ' ' || catalogue_words(NEW.search_terms, 'nl'))), 'B')
    || setweight(to_tsvector('dutch', unaccent(coalesce(NEW.summary ->> 'nl', ''))), 'C')
    || setweight(to_tsvector('dutch', unaccent(coalesce(NEW.description ->> 'nl', ''))), 'D');
  NEW.search_en :=
       setweight(to_tsvector('english', unaccent(coalesce(NEW.name ->> 'en', ''))), 'A')
    || setweight(to_tsvector('english', unaccent(catalogue_words(NEW.keywords, 'en') || ' ' || catalogue_words(NEW.search_terms, 'en'))), 'B')
    || setweight(to_tsvector('english', unaccent(coalesce(NEW.summary ->> 'en', ''))), 'C')
    || setweight(to_tsvector('english', unaccent(coalesce(NEW.description ->> 'en', ''))), 'D');
  NEW.search_words := lower(unaccent(concat_ws(' ',
    NEW.name ->> 'fr', NEW.name ->> 'nl', NEW.name ->> 'en',
    catalogue_words(NEW.keywords, 'fr'), catalogue_words(NEW.keywords, 'nl'), catalogue_words(NEW.keywords, 'en'),
    catalogue_words(NEW.search_terms, 'fr'), catalogue_words(NEW.search_terms, 'nl'), catalogue_words(NEW.search_terms, 'en'),
    NEW.summary ->> 'fr', NEW.summary ->> 'nl', NEW.summary ->> 'en')));
  RETURN NEW;
END
$$;

DROP TRIGGER services_search_refresh ON services;
CREATE TRIGGER services_search_refresh
  BEFORE INSERT OR UPDATE OF name, summary, description, keywords, search_terms ON services
  FOR EACH ROW EXECUTE FUNCTION services_search_refresh_v2();
DROP FUNCTION services_search_refresh();

-- The concept thesaurus (SKOS-like). A concept has a preferred and alternative labels per language
-- {"fr":{"pref":"…","alt":[…]},"nl":{…},"en":{…}}, related concepts and the services it leads to (by code, so
-- a service renamed or withdrawn never breaks a concept; unknown codes are ignored by the search). Only
-- published concepts reach the search. version: optimistic locking of the editors' screen.
CREATE TABLE search_concepts (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code       text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(code) <= 80),
  labels     jsonb NOT NULL CHECK (jsonb_typeof(labels) = 'object'),
  related    text[] NOT NULL DEFAULT '{}',
  services   text[] NOT NULL DEFAULT '{}',
  status     text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  version    integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES accounts (id) ON DELETE SET NULL
);
CREATE INDEX search_concepts_services_idx ON search_concepts USING gin (services);
