-- Citizen sign-in and "my space" (issue 18 item 9, decision 0054). Optional: every public page and form works
-- without it. A citizen is known by a verified e-mail address (a sign-in link sent there) and/or by the subject
-- of the region's citizen identity provider (FAS / itsme kind, OpenID Connect). The national number a provider
-- may give is not kept: no other table stores one, so there is nothing to match it with.
CREATE TABLE citizens (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- verified: by a sign-in link opened from it, or given by the provider with email_verified
  email             text UNIQUE CHECK (email IS NULL OR (length(email) <= 254 AND email = lower(email))),
  email_verified_at timestamptz,
  -- the name the provider gave (a link sign-in gives none): pre-fills the forms
  display_name      text CHECK (display_name IS NULL OR length(display_name) BETWEEN 1 AND 200),
  language          text NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'nl', 'en')),
  created_at        timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at   timestamptz NOT NULL DEFAULT now()
);

-- A citizen known to the region's provider by its subject.
CREATE TABLE citizen_identities (
  issuer     text NOT NULL CHECK (length(issuer) <= 500),
  subject    text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
  citizen_id uuid NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX citizen_identities_citizen_idx ON citizen_identities (citizen_id);

-- Citizen sessions: never staff sessions (own table, own cookie, no roles). Named by the SHA-256 of the cookie.
CREATE TABLE citizen_sessions (
  id_hash    text PRIMARY KEY,
  citizen_id uuid NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
  method     text NOT NULL CHECK (method IN ('email', 'oidc')),
  -- the provider's ID token, sent back as id_token_hint when signing out there
  id_token   text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX citizen_sessions_citizen_idx ON citizen_sessions (citizen_id);
CREATE INDEX citizen_sessions_expires_idx ON citizen_sessions (expires_at);

-- Sign-in links sent by e-mail: the SHA-256 of the token only, single use, a quarter of an hour.
-- address_hash (keyed hash of the client's address) counts the links asked from one address.
CREATE TABLE citizen_sign_in_links (
  token_hash   text PRIMARY KEY,
  email        text NOT NULL CHECK (length(email) <= 254 AND email = lower(email)),
  language     text NOT NULL CHECK (language IN ('fr', 'nl', 'en')),
  next_path    text CHECK (next_path IS NULL OR length(next_path) <= 500),
  address_hash text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz
);
CREATE INDEX citizen_sign_in_links_email_idx ON citizen_sign_in_links (email, created_at);
CREATE INDEX citizen_sign_in_links_address_idx ON citizen_sign_in_links (address_hash, created_at);

-- Between the redirect to the citizen provider and its answer (as oidc_sign_ins for staff, decision 0040).
CREATE TABLE citizen_oidc_sign_ins (
  state_hash    text PRIMARY KEY,
  browser_hash  text NOT NULL,
  code_verifier text NOT NULL,
  nonce         text NOT NULL,
  language      text NOT NULL CHECK (language IN ('fr', 'nl', 'en')),
  next_path     text CHECK (next_path IS NULL OR length(next_path) <= 500),
  expires_at    timestamptz NOT NULL
);
CREATE INDEX citizen_oidc_sign_ins_expires_idx ON citizen_oidc_sign_ins (expires_at);

-- "Manage" from my space: a third secret of the appointment's manage link, issued when the citizen follows it
-- (the confirmation's and the reminder's keep working).
ALTER TABLE appointments ADD COLUMN citizen_token_hash text;
CREATE UNIQUE INDEX appointments_citizen_token_idx ON appointments (citizen_token_hash) WHERE citizen_token_hash IS NOT NULL;

-- My space looks a citizen's records up by address across organisations (the existing indexes lead with the
-- organisation), and the invitations and tickets by the request or appointment they came from.
CREATE INDEX cc_parties_email_any_organisation_idx ON cc_parties (email) WHERE email IS NOT NULL;
CREATE INDEX appointments_email_any_organisation_idx ON appointments (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX survey_invitations_source_idx ON survey_invitations (source_kind, source_id);
CREATE INDEX queue_tickets_appointment_idx ON queue_tickets (appointment_id) WHERE appointment_id IS NOT NULL;
