-- Booking with a mobile number instead of an e-mail address (issue 19, part 2): many CPAS clients have none.
-- Either is enough, both are allowed. Expand step of decision 0034: the e-mail becomes optional, a CHECK added
-- NOT VALID then validated (no long lock) keeps one of the two present. email_key keeps the person's key for the
-- per-person limit and the waiting list: the e-mail in lower case, else the phone in E.164.
ALTER TABLE appointments ADD COLUMN phone text CHECK (phone ~ '^\+[1-9][0-9]{5,14}$');
ALTER TABLE appointments ALTER COLUMN email DROP NOT NULL;
ALTER TABLE appointments ADD CONSTRAINT appointments_contact_present CHECK (email IS NOT NULL OR phone IS NOT NULL) NOT VALID;
ALTER TABLE appointments VALIDATE CONSTRAINT appointments_contact_present;

ALTER TABLE appointment_waitlist ADD COLUMN phone text CHECK (phone ~ '^\+[1-9][0-9]{5,14}$');
ALTER TABLE appointment_waitlist ALTER COLUMN email DROP NOT NULL;
ALTER TABLE appointment_waitlist ADD CONSTRAINT appointment_waitlist_contact_present CHECK (email IS NOT NULL OR phone IS NOT NULL) NOT VALID;
ALTER TABLE appointment_waitlist VALIDATE CONSTRAINT appointment_waitlist_contact_present;

-- The reminder's own manage link (the booking's secret is kept only as its hash, so it cannot be sent again):
-- either secret opens the manage page.
ALTER TABLE appointments ADD COLUMN reminder_token_hash text UNIQUE;
