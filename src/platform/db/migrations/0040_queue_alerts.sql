-- Text-message alerts for queue tickets (issue 19, part 2): a visitor may leave a mobile number with a ticket
-- (optional; E.164), to be told "your turn is near" when N people are left before it and "you are called at
-- counter X" when called. N is a setting per contact point (3 without a row). The number is erased when the
-- ticket ends. Expand only (decision 0034): nullable columns and a new table.
ALTER TABLE queue_tickets ADD COLUMN phone text CHECK (phone ~ '^\+[1-9][0-9]{5,14}$');
ALTER TABLE queue_tickets ADD COLUMN near_alert_sent_at timestamptz;
CREATE INDEX queue_tickets_alert_idx ON queue_tickets (contact_point_id) WHERE status = 'waiting' AND phone IS NOT NULL AND near_alert_sent_at IS NULL;

CREATE TABLE queue_alert_settings (
  contact_point_id  uuid PRIMARY KEY REFERENCES contact_points (id) ON DELETE CASCADE,
  near_alert_people integer NOT NULL DEFAULT 3 CHECK (near_alert_people BETWEEN 1 AND 30),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
