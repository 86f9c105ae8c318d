-- Telephony (issue 19, part 3): a telephone system names the agent a call rings by its extension ("201") more
-- often than by an e-mail address. A manager maps each console agent of the organisation to one extension; a
-- call event may then give `extension` instead of `agent`. One extension per agent and one agent per extension.
CREATE TABLE telephony_extensions (
  organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  extension        text NOT NULL CHECK (extension ~ '^[0-9A-Za-z*#+._-]{1,20}$'),
  account_id       uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, extension),
  UNIQUE (account_id)
);
