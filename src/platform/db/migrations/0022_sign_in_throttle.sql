-- Sign-in throttling (decision 0024): one row per key counts the password guesses checked, so that claiming a
-- guess and checking the limit is one statement (the row is locked while it is updated) and no number of
-- concurrent requests gets more guesses checked than the limits allow.
--   account:<sha-256 of the lower-cased e-mail>  the e-mail typed, whether an account has it or not (no
--                                                enumeration); a few free guesses, then a growing delay
--   address:<client address>                     a fixed number of guesses per window
CREATE TABLE sign_in_throttle (
  key               text PRIMARY KEY,
  guesses           integer NOT NULL,
  window_started_at timestamptz NOT NULL DEFAULT now(),
  last_guess_at     timestamptz NOT NULL DEFAULT now(),
  -- past the free guesses of an account key, no guess is checked before this time
  next_guess_at     timestamptz
);
CREATE INDEX sign_in_throttle_last_guess_idx ON sign_in_throttle (last_guess_at);

-- The per-account counter and hard lock, and the per-address failure log, are replaced by the table above.
DROP TABLE login_failures;
ALTER TABLE accounts DROP COLUMN failed_logins, DROP COLUMN locked_until;
