-- Work instructions and news for agents (issue 17 item 7, decision 0052; the "werkberichten" of the Dutch KISS
-- console): a manager publishes a message to the whole organisation or to one unit; an important one asks each
-- agent to confirm that they have read it, and the manager sees who did.

CREATE TABLE announcements (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id   uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  -- null: the whole organisation; else the members of this unit
  unit_id           uuid REFERENCES units (id) ON DELETE CASCADE,
  kind              text NOT NULL CHECK (kind IN ('instruction', 'news')),
  title             text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body              text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  important         boolean NOT NULL DEFAULT false,
  author_account_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
  published_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX announcements_organisation_idx ON announcements (organisation_id, published_at DESC);

-- Who read a message (and so confirmed an important one), when.
CREATE TABLE announcement_reads (
  announcement_id uuid NOT NULL REFERENCES announcements (id) ON DELETE CASCADE,
  account_id      uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  read_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (announcement_id, account_id)
);
