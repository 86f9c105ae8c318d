-- Contact points: the physical desks of each organisation, with their address, accessibility, languages,
-- channels and opening hours (OpenStreetMap opening_hours syntax, evaluated in Europe/Brussels with the
-- public-holiday calendar named here; see src/platform/calendar/).

CREATE TABLE contact_points (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  -- stable within the organisation (seeds, imports and later modules refer to it)
  code             text NOT NULL CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name             jsonb NOT NULL CHECK (name ? 'fr' AND name ? 'nl' AND name ? 'en'),
  -- Brussels addresses are bilingual: street and municipality in French and Dutch
  street           jsonb NOT NULL CHECK (street ? 'fr' AND street ? 'nl'),
  house_number     text NOT NULL,
  postal_code      text NOT NULL CHECK (postal_code ~ '^[1-9][0-9]{3}$'),
  municipality     jsonb NOT NULL CHECK (municipality ? 'fr' AND municipality ? 'nl'),
  latitude         double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude        double precision CHECK (longitude BETWEEN -180 AND 180),
  accessibility    text[] NOT NULL DEFAULT '{}',
  -- free-text details on access ("entrance by the rue …"), per language
  accessibility_note jsonb,
  languages        text[] NOT NULL DEFAULT '{}',
  channels         text[] NOT NULL DEFAULT '{}',
  phone            text,
  email            text,
  opening_hours    text NOT NULL,
  holiday_calendar text NOT NULL DEFAULT 'brussels' CHECK (holiday_calendar IN ('be', 'brussels', 'flemish', 'french')),
  -- invented demo data is shown as such on public pages
  demo             boolean NOT NULL DEFAULT false,
  active           boolean NOT NULL DEFAULT true,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  updated_by       uuid REFERENCES accounts (id) ON DELETE SET NULL,
  -- optimistic concurrency: an edit states the version it read
  version          integer NOT NULL DEFAULT 1,
  UNIQUE (organisation_id, code),
  CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX contact_points_organisation_idx ON contact_points (organisation_id) WHERE active;
CREATE INDEX contact_points_postal_code_idx ON contact_points (postal_code) WHERE active;
