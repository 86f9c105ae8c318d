-- Contact-center intake (web form, public API, inbound e-mail): the business calendar of the SLA clocks,
-- inbound e-mail de-duplication, and per-address throttling of the public endpoints.

-- The opening calendar an organisation's SLA clocks run on (business minutes). Without a row, the clock
-- runs on "Mo-Fr 09:00-17:00; PH off" with the organisation's default holiday calendar
-- (src/contactcenter/sla.ts).
CREATE TABLE cc_business_calendars (
  organisation_id  uuid PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
  opening_hours    text NOT NULL CHECK (length(opening_hours) BETWEEN 1 AND 1000),
  holiday_calendar text NOT NULL CHECK (holiday_calendar IN ('be', 'brussels', 'flemish', 'french'))
);

-- Every accepted inbound e-mail by its Message-ID: a message delivered twice (a retrying sender, a
-- forwarded copy) joins nothing the second time.
CREATE TABLE cc_inbound_mail (
  message_id  text PRIMARY KEY CHECK (length(message_id) BETWEEN 1 AND 998),
  request_id  uuid REFERENCES cc_requests (id) ON DELETE SET NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cc_inbound_mail_received_idx ON cc_inbound_mail (received_at);

-- Public intake throttling: submissions per client address (hashed) per window.
CREATE TABLE cc_intake_throttle (
  address_hash text NOT NULL,
  window_start timestamptz NOT NULL,
  hits         integer NOT NULL DEFAULT 1,
  PRIMARY KEY (address_hash, window_start)
);
CREATE INDEX cc_intake_throttle_window_idx ON cc_intake_throttle (window_start);

-- The status page shows the last public update: outbound messages of a request, newest first.
CREATE INDEX cc_messages_public_idx ON cc_messages (request_id, created_at DESC) WHERE kind = 'outbound';
