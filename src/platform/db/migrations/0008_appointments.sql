-- Appointments at contact points (docs/decisions/0010-appointments.md): per contact point and service the
-- booking settings (duration, capacity = counters serving in parallel, opening slots, rules), closures and
-- absences, the appointments themselves and the waiting list.
--
-- One booking per capacity unit is enforced here, not by the application: a partial unique index on
-- (contact point, service, start, seat) over the appointments that still hold their seat. Concurrent
-- bookings of the same slot insert with ON CONFLICT DO NOTHING seat by seat; the index decides.

CREATE TABLE appointment_settings (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_point_id   uuid NOT NULL REFERENCES contact_points (id) ON DELETE CASCADE,
  service_id         uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  -- the organisation owning the contact point (whose staff configure and serve)
  organisation_id    uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  duration_minutes   integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
  -- counters or agents serving this service in parallel
  capacity           integer NOT NULL CHECK (capacity BETWEEN 1 AND 50),
  -- opening_hours syntax for the bookable slots; NULL = the contact point's opening hours
  opening_hours      text CHECK (opening_hours IS NULL OR length(opening_hours) BETWEEN 1 AND 1000),
  buffer_minutes     integer NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 240),
  min_notice_minutes integer NOT NULL DEFAULT 120 CHECK (min_notice_minutes BETWEEN 0 AND 43200),
  max_horizon_days   integer NOT NULL DEFAULT 60 CHECK (max_horizon_days BETWEEN 1 AND 365),
  -- at most N future appointments per person (e-mail address) for this service at this point
  max_per_person     integer NOT NULL DEFAULT 1 CHECK (max_per_person BETWEEN 1 AND 20),
  active             boolean NOT NULL DEFAULT true,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  updated_by         uuid REFERENCES accounts (id) ON DELETE SET NULL,
  version            integer NOT NULL DEFAULT 1,
  UNIQUE (contact_point_id, service_id)
);
CREATE INDEX appointment_settings_service_idx ON appointment_settings (service_id) WHERE active;
CREATE INDEX appointment_settings_organisation_idx ON appointment_settings (organisation_id);

-- Exceptions: a closure of the point (service_id NULL) or of one service, or an absence that removes
-- some seats only (seats NOT NULL).
CREATE TABLE appointment_closures (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_point_id uuid NOT NULL REFERENCES contact_points (id) ON DELETE CASCADE,
  service_id       uuid REFERENCES services (id) ON DELETE CASCADE,
  starts_at        timestamptz NOT NULL,
  ends_at          timestamptz NOT NULL,
  seats            integer CHECK (seats IS NULL OR seats BETWEEN 1 AND 50),
  reason           text NOT NULL DEFAULT '' CHECK (length(reason) <= 200),
  created_at       timestamptz NOT NULL DEFAULT now(),
  created_by       uuid REFERENCES accounts (id) ON DELETE SET NULL,
  CHECK (ends_at > starts_at)
);
CREATE INDEX appointment_closures_point_idx ON appointment_closures (contact_point_id, ends_at);

CREATE TABLE appointments (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference         text NOT NULL UNIQUE CHECK (reference ~ '^[A-Z0-9-]{6,20}$'),
  contact_point_id  uuid NOT NULL REFERENCES contact_points (id) ON DELETE CASCADE,
  service_id        uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  organisation_id   uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  starts_at         timestamptz NOT NULL,
  ends_at           timestamptz NOT NULL,
  -- the capacity unit (counter) held, 1..capacity
  seat              integer NOT NULL CHECK (seat BETWEEN 1 AND 50),
  status            text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'arrived', 'seen', 'no_show')),
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email             text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  email_key         text NOT NULL,
  language          text NOT NULL CHECK (language IN ('fr', 'nl', 'en')),
  -- SHA-256 of the secret of the cancel / move link (the secret itself is only in the e-mail)
  manage_token_hash text NOT NULL UNIQUE,
  -- iCalendar SEQUENCE: bumped on each move or cancellation
  sequence          integer NOT NULL DEFAULT 0,
  created_at        timestamptz NOT NULL DEFAULT now(),
  status_changed_at timestamptz,
  status_changed_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  CHECK (ends_at > starts_at)
);
CREATE UNIQUE INDEX appointments_seat_taken_uq ON appointments (contact_point_id, service_id, starts_at, seat)
  WHERE status <> 'cancelled';
CREATE INDEX appointments_point_start_idx ON appointments (contact_point_id, starts_at);
CREATE INDEX appointments_person_idx ON appointments (email_key, service_id, starts_at) WHERE status = 'booked';

CREATE TABLE appointment_waitlist (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_point_id uuid NOT NULL REFERENCES contact_points (id) ON DELETE CASCADE,
  service_id       uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email            text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  email_key        text NOT NULL,
  language         text NOT NULL CHECK (language IN ('fr', 'nl', 'en')),
  status           text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'offered')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  offered_at       timestamptz,
  offered_start    timestamptz
);
CREATE UNIQUE INDEX appointment_waitlist_person_uq ON appointment_waitlist (contact_point_id, service_id, email_key) WHERE status = 'waiting';
CREATE INDEX appointment_waitlist_queue_idx ON appointment_waitlist (contact_point_id, service_id, created_at) WHERE status = 'waiting';
