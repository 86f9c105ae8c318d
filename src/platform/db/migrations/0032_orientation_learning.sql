-- Learning from use, with a human in the loop (issue 16): "was this page useful?" answers on service pages, and
-- the search terms they propose to the service's editors. Anonymous like content_gaps: the search that led to
-- the page and the "what were you looking for?" text are stored masked (long digit runs, e-mail addresses), with
-- the service, language and time; no address, no session, no account.
CREATE TABLE page_usefulness (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  service_code text NOT NULL CHECK (service_code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  lang         text NOT NULL CHECK (lang IN ('fr', 'nl', 'en')),
  useful       boolean NOT NULL,
  query        text CHECK (length(query) <= 200),
  looking_for  text CHECK (length(looking_for) <= 500),
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX page_usefulness_at_idx ON page_usefulness (at DESC);

-- A proposed search term of a service: the words of a search after which a user found the service useful
-- although the search did not rank it in the top 3. evidence counts such answers. An editor of the service
-- approves (the term joins the service's search terms at once) or rejects (it is never proposed again).
CREATE TABLE search_term_proposals (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_code text NOT NULL CHECK (service_code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  lang         text NOT NULL CHECK (lang IN ('fr', 'nl', 'en')),
  term         text NOT NULL CHECK (length(term) BETWEEN 2 AND 80),
  evidence     integer NOT NULL DEFAULT 1,
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  decided_at   timestamptz,
  decided_by   uuid REFERENCES accounts (id) ON DELETE SET NULL,
  UNIQUE (service_code, lang, term)
);
CREATE INDEX search_term_proposals_pending_idx ON search_term_proposals (service_code) WHERE status = 'pending';
