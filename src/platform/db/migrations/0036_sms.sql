-- Text messages (issue 19, decision 0038): each one kept with its delivery status like e-mail, sent by an
-- sms.send job over SMPP, or captured for administrators when no gateway is set. Numbers are E.164.
CREATE TABLE sms_messages (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id    uuid REFERENCES organisations (id) ON DELETE SET NULL,
  purpose            text NOT NULL DEFAULT 'other' CHECK (length(purpose) <= 100),
  language           text NOT NULL CHECK (language IN ('fr', 'nl', 'en')),
  to_number          text NOT NULL CHECK (to_number ~ '^\+[1-9][0-9]{5,14}$'),
  body               text,
  encoding           text NOT NULL CHECK (encoding IN ('gsm7', 'ucs2')),
  segments           integer NOT NULL CHECK (segments BETWEEN 1 AND 10),
  -- queued: waiting for the gateway; submitted: the SMSC took it; delivered / failed: its receipt or our last
  -- attempt; captured: no gateway configured; opted_out: the person asked for no more messages, never sent.
  status             text NOT NULL CHECK (status IN ('queued', 'submitted', 'delivered', 'failed', 'captured', 'opted_out')),
  gateway_message_id text,
  attempts           integer NOT NULL DEFAULT 0,
  last_error         text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  submitted_at       timestamptz,
  delivered_at       timestamptz
);
CREATE INDEX sms_messages_created_idx ON sms_messages (created_at DESC);
CREATE INDEX sms_messages_status_idx ON sms_messages (status, created_at DESC);
CREATE INDEX sms_messages_gateway_idx ON sms_messages (gateway_message_id) WHERE gateway_message_id IS NOT NULL;

-- Numbers whose owner answered STOP (or a staff member recorded the wish): no message is sent to them.
CREATE TABLE sms_opt_outs (
  phone      text PRIMARY KEY CHECK (phone ~ '^\+[1-9][0-9]{5,14}$'),
  source     text NOT NULL CHECK (source IN ('reply', 'staff')),
  created_at timestamptz NOT NULL DEFAULT now()
);
