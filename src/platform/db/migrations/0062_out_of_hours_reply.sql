-- The automatic reply outside business hours (issue 17 item 7, decision 0052): per organisation, whether the
-- web contact form answers with it, and an optional text of the organisation's own per language; per inbound
-- mailbox, whether mail to it is answered with it. One reply per request at the most (cc_out_of_hours_replies).

CREATE TABLE cc_out_of_hours_settings (
  organisation_id uuid PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
  web_form        boolean NOT NULL DEFAULT false,
  -- {"fr": "…", "nl": "…", "en": "…"}: added to the standard text in the person's language, each at most 1,000 characters
  custom_text     jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(custom_text) = 'object'),
  version         integer NOT NULL DEFAULT 1,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE cc_mailboxes ADD COLUMN out_of_hours_reply boolean NOT NULL DEFAULT false;

-- A request answered with the automatic reply (claimed in the request's transaction: never twice).
CREATE TABLE cc_out_of_hours_replies (
  request_id uuid PRIMARY KEY REFERENCES cc_requests (id) ON DELETE CASCADE,
  sent_at    timestamptz NOT NULL DEFAULT now()
);
