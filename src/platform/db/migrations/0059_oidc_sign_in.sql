-- Staff sign-in through each organisation's OpenID provider (issue 18 item 7, decision 0040).
--
-- One provider per organisation. The client secret is kept as given: the server sends it to the provider's
-- token endpoint (it is write-only on the settings page). role_claim NULL: roles and units are managed in
-- IrisDesk; otherwise role_map maps each value of that claim to roles and unit codes, applied at every sign-in.
CREATE TABLE identity_providers (
  organisation_id uuid PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
  issuer          text NOT NULL CHECK (issuer ~ '^https?://' AND length(issuer) <= 500),
  client_id       text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 200),
  client_secret   text NOT NULL CHECK (length(client_secret) BETWEEN 1 AND 500),
  scopes          text NOT NULL DEFAULT 'openid email profile' CHECK (scopes ~ '(^| )openid( |$)'),
  role_claim      text CHECK (role_claim IS NULL OR length(role_claim) BETWEEN 1 AND 100),
  role_map        jsonb NOT NULL DEFAULT '{}',
  just_in_time    boolean NOT NULL DEFAULT false,
  enabled         boolean NOT NULL DEFAULT true,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1
);

-- The e-mail domains whose staff the login page sends to an organisation's provider: one organisation each.
CREATE TABLE identity_provider_domains (
  domain          text PRIMARY KEY CHECK (domain ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$'),
  organisation_id uuid NOT NULL REFERENCES identity_providers (organisation_id) ON DELETE CASCADE
);
CREATE INDEX identity_provider_domains_organisation_idx ON identity_provider_domains (organisation_id);

-- An account known to a provider by its subject (`sub`), linked at its first sign-in there.
CREATE TABLE account_identities (
  organisation_id uuid NOT NULL REFERENCES identity_providers (organisation_id) ON DELETE CASCADE,
  subject         text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
  account_id      uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, subject)
);
CREATE INDEX account_identities_account_idx ON account_identities (account_id);

-- Between the redirect to the provider and its answer: the PKCE verifier and the nonce stay on the server,
-- named by the SHA-256 of the `state` sent along; browser_hash binds the answer to the browser that left (a
-- cookie), so that nobody can make someone else's browser complete a sign-in. Used once, ten minutes.
CREATE TABLE oidc_sign_ins (
  state_hash      text PRIMARY KEY,
  browser_hash    text NOT NULL,
  organisation_id uuid NOT NULL REFERENCES identity_providers (organisation_id) ON DELETE CASCADE,
  code_verifier   text NOT NULL,
  nonce           text NOT NULL,
  language        text NOT NULL CHECK (language IN ('fr', 'nl', 'en')),
  next_path       text CHECK (next_path IS NULL OR length(next_path) <= 500),
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL
);
CREATE INDEX oidc_sign_ins_expires_idx ON oidc_sign_ins (expires_at);

-- The ID token a provider gave at sign-in, sent back as id_token_hint when signing out there.
ALTER TABLE sessions ADD COLUMN id_token text;
ALTER TABLE sessions ADD COLUMN identity_organisation_id uuid REFERENCES identity_providers (organisation_id) ON DELETE SET NULL;
