-- Live chat (issue 19, decision 0039): chats on the public pages, answered by the agents of the competent
-- organisation or the regional first line, recorded as contacts on channel 'chat'.

-- 'chat' joins the contact center's channels. Widening a CHECK is an expand step: the wider constraint is
-- added first, then the narrower inline one (its default name <table>_<column>_check) dropped; a running
-- older version never writes 'chat', so it cannot notice (decision 0034, migration-rules.ts accepts this pair).
ALTER TABLE cc_requests ADD CONSTRAINT cc_requests_channel_known CHECK (channel IN ('web', 'email', 'phone', 'counter', 'chat'));
ALTER TABLE cc_requests DROP CONSTRAINT cc_requests_channel_check;
ALTER TABLE cc_messages ADD CONSTRAINT cc_messages_channel_known CHECK (channel IN ('web', 'email', 'phone', 'counter', 'chat'));
ALTER TABLE cc_messages DROP CONSTRAINT cc_messages_channel_check;
ALTER TABLE cc_contacts ADD CONSTRAINT cc_contacts_channel_known CHECK (channel IN ('web', 'email', 'phone', 'counter', 'chat'));
ALTER TABLE cc_contacts DROP CONSTRAINT cc_contacts_channel_check;
ALTER TABLE cc_sla_targets ADD CONSTRAINT cc_sla_targets_channel_known CHECK (channel IN ('web', 'email', 'phone', 'counter', 'chat'));
ALTER TABLE cc_sla_targets DROP CONSTRAINT cc_sla_targets_channel_check;

-- One conversation. The user holds a bearer token (only its SHA-256 is kept); the address is kept hashed for
-- the per-address limit only.
CREATE TABLE chat_sessions (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash        text NOT NULL UNIQUE,
  organisation_id   uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  service_code      text CHECK (service_code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  postal_code       text CHECK (postal_code ~ '^[0-9]{4}$'),
  language          text NOT NULL CHECK (language IN ('fr', 'nl', 'en')),
  name              text CHECK (length(name) <= 200),
  status            text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'active', 'closed', 'converted')),
  agent_account_id  uuid REFERENCES accounts (id) ON DELETE SET NULL,
  address_hash      text NOT NULL,
  outcome           text CHECK (outcome IN ('answered_first_contact', 'task_to_back_office', 'callback_requested',
                                            'redirected', 'abandoned')),
  -- the contact request a conversion made (its reference answers the public status look-up)
  request_id        uuid REFERENCES cc_requests (id) ON DELETE SET NULL,
  reference         text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  accepted_at       timestamptz,
  first_response_at timestamptz,
  ended_at          timestamptz
);
CREATE INDEX chat_sessions_waiting_idx ON chat_sessions (organisation_id, created_at) WHERE status = 'waiting';
CREATE INDEX chat_sessions_agent_idx ON chat_sessions (agent_account_id) WHERE status = 'active';
CREATE INDEX chat_sessions_address_idx ON chat_sessions (address_hash, created_at);

CREATE TABLE chat_messages (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  chat_id           uuid NOT NULL REFERENCES chat_sessions (id) ON DELETE CASCADE,
  sender            text NOT NULL CHECK (sender IN ('user', 'agent', 'system')),
  author_account_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
  body              text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  created_at        timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX chat_messages_chat_idx ON chat_messages (chat_id, id);

-- Agents who take chats: available or not, and how many chats at once.
CREATE TABLE chat_agents (
  account_id      uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  available       boolean NOT NULL DEFAULT false,
  capacity        integer NOT NULL DEFAULT 3 CHECK (capacity BETWEEN 1 AND 10),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chat_agents_available_idx ON chat_agents (organisation_id) WHERE available;
