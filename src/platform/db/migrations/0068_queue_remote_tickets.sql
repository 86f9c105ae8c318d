-- Remote queue tickets (issue 19 part 4a, decision 0061): a visitor takes a ticket online before leaving home,
-- when the contact point allows it (and the service is not left out), within opening hours and under a daily
-- cap. The ticket keeps its place in line as 'remote' (never called) until it is checked in at the kiosk or by
-- an agent, and is 'released' when the check-in deadline passes. Expand only (decision 0034): new columns with
-- defaults, a wider status check.
ALTER TABLE queue_alert_settings
  ADD COLUMN remote_allowed boolean NOT NULL DEFAULT false,
  ADD COLUMN remote_daily_cap integer NOT NULL DEFAULT 50 CHECK (remote_daily_cap BETWEEN 1 AND 2000),
  ADD COLUMN remote_grace_minutes integer NOT NULL DEFAULT 45 CHECK (remote_grace_minutes BETWEEN 10 AND 240);

-- A service of a point may be left out of remote tickets, or given a lower cap of its own (NULL: the point's).
ALTER TABLE queue_services
  ADD COLUMN remote_allowed boolean NOT NULL DEFAULT true,
  ADD COLUMN remote_daily_cap integer CHECK (remote_daily_cap BETWEEN 1 AND 2000);

-- The statuses widened in two steps (decision 0034: the old version writes only values the narrower list allowed).
ALTER TABLE queue_tickets ADD CONSTRAINT queue_tickets_status_known
  CHECK (status IN ('remote', 'waiting', 'called', 'serving', 'done', 'no_show', 'transferred', 'released'));
ALTER TABLE queue_tickets DROP CONSTRAINT queue_tickets_status_check;
ALTER TABLE queue_tickets
  -- taken online: the day's short code typed (or scanned from the ticket's QR code) at the kiosk
  ADD COLUMN check_in_code text CHECK (check_in_code ~ '^[A-Z2-9]{6}$'),
  ADD COLUMN check_in_by timestamptz,
  ADD COLUMN checked_in_at timestamptz,
  -- an address for the ticket link and the release notice, erased when the ticket ends (as the phone)
  ADD COLUMN email text CHECK (length(email) <= 254);
CREATE UNIQUE INDEX queue_tickets_check_in_code_uq ON queue_tickets (contact_point_id, day, check_in_code) WHERE check_in_code IS NOT NULL;
CREATE INDEX queue_tickets_remote_idx ON queue_tickets (contact_point_id, day) WHERE check_in_code IS NOT NULL;
