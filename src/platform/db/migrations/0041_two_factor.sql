-- Two-factor sign-in with TOTP (RFC 6238) for local accounts (issue 18, item 8).
-- The secret is kept as the base32 text the authenticator app received: the server must read it back to check
-- codes (unlike a password). totp_last_step is the time step of the last code accepted, so that a code cannot be
-- used twice within its window. totp_pending_secret is a secret shown on the enrolment page and not yet
-- confirmed by a first code.
ALTER TABLE accounts ADD COLUMN totp_secret text;
ALTER TABLE accounts ADD COLUMN totp_enabled_at timestamptz;
ALTER TABLE accounts ADD COLUMN totp_last_step bigint;
ALTER TABLE accounts ADD COLUMN totp_pending_secret text;

-- Ten one-time codes for a lost phone, shown once; only their SHA-256 is kept (they are 80 random bits).
CREATE TABLE account_recovery_codes (
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  code_hash  text NOT NULL,
  used_at    timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, code_hash)
);

-- Between the right password and the second factor: a short-lived state on the server, named by the SHA-256 of
-- a random token held in a cookie; the session is created only when the second step succeeds. 'verify' asks
-- for a code, 'enrol' sends an account that must have a second factor to set one up first.
CREATE TABLE sign_in_pending (
  id_hash    text PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  step       text NOT NULL CHECK (step IN ('verify', 'enrol')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sign_in_pending_account_idx ON sign_in_pending (account_id);

-- An organisation may ask a second factor of all its staff (the roles with wide reach must always have one).
ALTER TABLE organisations ADD COLUMN two_factor_required boolean NOT NULL DEFAULT false;
