-- The region's citizen identity provider set on a page by a platform administrator (issue 18, decision 0060),
-- instead of the CITIZEN_OIDC_* settings only (they stay the default while no row exists). One row at most.
-- The client secret is sealed with SECRETS_ENCRYPTION_KEY (src/identity/secret-box.ts, decision 0053).
CREATE TABLE citizen_provider_settings (
  singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  enabled       boolean NOT NULL DEFAULT true,
  issuer        text NOT NULL CHECK (length(issuer) BETWEEN 8 AND 500),
  client_id     text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 200),
  client_secret text NOT NULL,
  scopes        text NOT NULL DEFAULT 'openid email profile' CHECK (length(scopes) <= 500),
  -- the name on the sign-in button ("itsme", "FAS / eID")
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  -- which claim gives the address, and which give the name (up to three, joined: "given_name family_name"):
  -- a provider may use other names than the standard ones
  email_claim   text NOT NULL DEFAULT 'email' CHECK (email_claim ~ '^[A-Za-z0-9_.:-]{1,60}$'),
  name_claim    text NOT NULL DEFAULT 'name' CHECK (name_claim ~ '^[A-Za-z0-9_.:-]{1,60}( [A-Za-z0-9_.:-]{1,60}){0,2}$'),
  -- false: the provider checks addresses itself and sends no email_verified claim (the address is taken as proven)
  email_verified_required boolean NOT NULL DEFAULT true,
  version       integer NOT NULL DEFAULT 1,
  updated_by    uuid REFERENCES accounts (id) ON DELETE SET NULL,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
