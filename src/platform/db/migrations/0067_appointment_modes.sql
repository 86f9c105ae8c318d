-- Appointment modes (issue 19, part 4b; decision 0056): at the counter, by phone (the agent calls the person at the
-- time) or by video (a meeting link from the organisation's template). Each (contact point, service) offers one or
-- more modes; each appointment holds the one chosen. Existing settings and appointments stay at the counter.
ALTER TABLE appointment_settings ADD COLUMN modes text[] NOT NULL DEFAULT '{counter}'
  CHECK (cardinality(modes) BETWEEN 1 AND 3 AND modes <@ ARRAY['counter', 'phone', 'video']::text[]);
ALTER TABLE appointments ADD COLUMN mode text NOT NULL DEFAULT 'counter' CHECK (mode IN ('counter', 'phone', 'video'));

-- The video meeting link of an organisation: an https URL whose {id} becomes the appointment's id (a Jitsi or
-- Teams room per appointment). Without a row, the platform's default template is used.
CREATE TABLE appointment_video_links (
  organisation_id uuid PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
  template        text NOT NULL CHECK (template ~ '^https://[^[:space:]]+$' AND position('{id}' IN template) > 0 AND length(template) <= 500),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  updated_by      uuid REFERENCES accounts (id) ON DELETE SET NULL
);
