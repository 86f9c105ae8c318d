-- Waiting-room screens (issue 15): a contact point's board may speak each call aloud in the ticket's language
-- (off without a row or by default), and the waiting-time estimate (decision 0043) reads the last services of a
-- whole contact point, so they get an index of their own. Expand only (decision 0034).
ALTER TABLE queue_alert_settings ADD COLUMN spoken_calls boolean NOT NULL DEFAULT false;
CREATE INDEX queue_tickets_point_finished_idx ON queue_tickets (contact_point_id, finished_at DESC) WHERE status = 'done';
