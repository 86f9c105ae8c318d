-- Telephony integration (issue 19, part 3): a telephone system (Asterisk, 3CX, a cloud PBX) reports call events
-- with an API token of the organisation (scope calls:write); IrisDesk keeps each call, pops the caller's context
-- to the agent, records an answered call as a phone contact when it ends, and lists missed calls to call back.
--
-- A call's contact names the call as its source: the source kinds are widened (expand: the old version never
-- writes 'call'), and a call is recorded at most once.
ALTER TABLE cc_contacts ADD CONSTRAINT cc_contacts_source_kind_known CHECK (source_kind IN ('request', 'ticket', 'appointment', 'console', 'call'));
ALTER TABLE cc_contacts DROP CONSTRAINT cc_contacts_source_kind_check;
CREATE UNIQUE INDEX cc_contacts_call_idx ON cc_contacts (source_id) WHERE source_kind = 'call';

CREATE TABLE telephony_calls (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id   uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  -- the telephone system's own id of the call (Asterisk's linkedid, 3CX's call id): events are matched on it
  external_id       text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
  -- E.164; NULL for a withheld number
  caller            text CHECK (caller IS NULL OR caller ~ '^\+[1-9][0-9]{6,14}$'),
  called            text CHECK (called IS NULL OR length(called) <= 50),
  agent_account_id  uuid REFERENCES accounts (id) ON DELETE SET NULL,
  status            text NOT NULL CHECK (status IN ('ringing', 'answered', 'ended', 'missed')),
  started_at        timestamptz NOT NULL,
  answered_at       timestamptz,
  ended_at          timestamptz,
  contact_id        uuid REFERENCES cc_contacts (id) ON DELETE SET NULL,
  request_id        uuid REFERENCES cc_requests (id) ON DELETE SET NULL,
  called_back_at    timestamptz,
  called_back_by    uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, external_id),
  CHECK (answered_at IS NULL OR answered_at >= started_at),
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX telephony_calls_agent_idx ON telephony_calls (agent_account_id, started_at DESC);
-- the call-back list: missed calls of an organisation not yet called back
CREATE INDEX telephony_calls_callbacks_idx ON telephony_calls (organisation_id, started_at DESC) WHERE status = 'missed' AND called_back_at IS NULL;
