-- Subject requests filed by the person themselves on a public page (issue 18, decision 0060).
--
-- 1. Two more kinds: portability (art. 20, the machine-readable copy) and rectification (art. 16), and the
--    statuses of a request the person filed: unconfirmed (the address not yet proven), received (waiting for
--    a DPO, with its legal deadline), answered and refused (art. 12(3) and (4)). Both CHECKs are widened in
--    two steps (the old version writes only values the narrower lists allowed).
ALTER TABLE privacy_subject_requests ADD CONSTRAINT privacy_subject_requests_kind_known
  CHECK (kind IN ('access', 'portability', 'rectification', 'erasure'));
ALTER TABLE privacy_subject_requests DROP CONSTRAINT privacy_subject_requests_kind_check;
ALTER TABLE privacy_subject_requests ADD CONSTRAINT privacy_subject_requests_status_known
  CHECK (status IN ('unconfirmed', 'received', 'pending', 'done', 'failed', 'answered', 'refused'));
ALTER TABLE privacy_subject_requests DROP CONSTRAINT privacy_subject_requests_status_check;

-- 2. Who filed it (a DPO, or the person), the reference the person quotes, what they wrote (rectification:
--    what is wrong), when it was received (the address proven) and the deadline (one month later), and the
--    DPO's answer. The person's status page is named by the reference and a keyed hash of it: nothing to store.
ALTER TABLE privacy_subject_requests
  ADD COLUMN source            text NOT NULL DEFAULT 'officer' CHECK (source IN ('officer', 'person')),
  ADD COLUMN reference         text UNIQUE,
  ADD COLUMN details           text CHECK (details IS NULL OR length(details) <= 2000),
  ADD COLUMN received_at       timestamptz,
  ADD COLUMN due_at            timestamptz,
  ADD COLUMN answer            text CHECK (answer IS NULL OR length(answer) <= 4000),
  ADD COLUMN answered_at       timestamptz,
  ADD COLUMN answered_by       uuid REFERENCES accounts (id) ON DELETE SET NULL;
-- the per-address limit counts the requests filed with one address's hash
CREATE INDEX privacy_subject_requests_email_hash_idx ON privacy_subject_requests (email_hash, created_at);

-- 3. The citizen sign-in link proves control of an address for a subject request too (same table, lifetime
--    and limits): what the link is for, and the record it confirms.
ALTER TABLE citizen_sign_in_links
  ADD COLUMN purpose    text NOT NULL DEFAULT 'sign-in' CHECK (purpose IN ('sign-in', 'privacy-request')),
  ADD COLUMN subject_id uuid;
