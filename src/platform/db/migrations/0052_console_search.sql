-- The console's one search box (issue 17, decision 0047): a full-text document per request, kept by
-- triggers wherever a message, a subject or a party changes (the intake, inbound mail, the console and the
-- chat all write messages: one place keeps them searchable). Reference, name, e-mail and phone are indexed
-- without stemming ('simple'); the subject and the conversation (notes included, events not) with the
-- stemming of the request's language, so "cartes" finds "carte" in French and "aanvragen" finds "aanvraag".
CREATE TABLE cc_request_search (
  request_id      uuid PRIMARY KEY REFERENCES cc_requests (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL,
  document        tsvector NOT NULL
);
CREATE INDEX cc_request_search_document_idx ON cc_request_search USING gin (document);
-- Results come most recently changed first: a word found in thousands of requests is answered by walking
-- this index and stopping at the 50th match, a rare one through the GIN index (bench console-search).
CREATE INDEX cc_requests_updated_idx ON cc_requests (organisation_id, updated_at DESC, id DESC);

CREATE FUNCTION cc_search_config(lang text) RETURNS regconfig LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE lang WHEN 'nl' THEN 'dutch'::regconfig WHEN 'en' THEN 'english'::regconfig ELSE 'french'::regconfig END
$$;

CREATE FUNCTION cc_request_search_refresh(target uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO cc_request_search (request_id, organisation_id, document)
  SELECT r.id, r.organisation_id,
         setweight(to_tsvector('simple', unaccent(concat_ws(' ', r.reference, p.name, p.email, p.phone))), 'A')
      || setweight(to_tsvector(cc_search_config(r.language), unaccent(r.subject)), 'B')
      || to_tsvector(cc_search_config(r.language), unaccent(coalesce(
           (SELECT string_agg(left(m.body, 20000), ' ') FROM cc_messages m WHERE m.request_id = r.id AND m.kind <> 'event'), '')))
    FROM cc_requests r JOIN cc_parties p ON p.id = r.party_id
   WHERE r.id = target
  ON CONFLICT (request_id) DO UPDATE SET document = EXCLUDED.document;
END
$$;

CREATE FUNCTION cc_request_search_on_request() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM cc_request_search_refresh(NEW.id);
  RETURN NULL;
END
$$;
CREATE TRIGGER cc_request_search_on_request
  AFTER INSERT OR UPDATE OF subject, party_id, language ON cc_requests
  FOR EACH ROW EXECUTE FUNCTION cc_request_search_on_request();

CREATE FUNCTION cc_request_search_on_message() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.request_id <> OLD.request_id) THEN
    PERFORM cc_request_search_refresh(OLD.request_id);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.kind <> 'event' THEN PERFORM cc_request_search_refresh(NEW.request_id); END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER cc_request_search_on_message
  AFTER INSERT OR UPDATE OF request_id, body OR DELETE ON cc_messages
  FOR EACH ROW EXECUTE FUNCTION cc_request_search_on_message();

CREATE FUNCTION cc_request_search_on_party() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM cc_request_search_refresh(r.id) FROM cc_requests r WHERE r.party_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER cc_request_search_on_party
  AFTER UPDATE OF name, email, phone ON cc_parties
  FOR EACH ROW EXECUTE FUNCTION cc_request_search_on_party();

-- The requests of before this migration.
SELECT cc_request_search_refresh(id) FROM cc_requests;
