-- Inbound mail trust (decision 0026): Message-IDs remembered per mailbox, mailbox addresses proven before mail
-- to them is accepted, and the outcome of the sender check (SPF/DMARC alignment) kept on e-mail requests.

-- A Message-ID is a duplicate only for the mailbox that already received it: the same message sent to two
-- organisations' mailboxes (or resent to another one) makes a request in each. Rows received before this
-- migration are attributed to the first mailbox of their request's organisation ('' when it has none).
ALTER TABLE cc_inbound_mail ADD COLUMN mailbox text;
UPDATE cc_inbound_mail i
   SET mailbox = coalesce((SELECT min(m.address) FROM cc_requests r JOIN cc_mailboxes m ON m.organisation_id = r.organisation_id
                            WHERE r.id = i.request_id), '');
ALTER TABLE cc_inbound_mail ALTER COLUMN mailbox SET NOT NULL;
ALTER TABLE cc_inbound_mail DROP CONSTRAINT cc_inbound_mail_pkey;
ALTER TABLE cc_inbound_mail ADD PRIMARY KEY (mailbox, message_id);

-- A mailbox receives mail only once its address is proven: its owner followed the link of the confirmation
-- mail, or a platform administrator approved it. Until then the listener answers 450 at RCPT TO. Addresses are
-- unique across organisations (the primary key, stored in lower case). Mailboxes set up before this migration
-- were accepted by the platform already: they stay verified ('existing'), for administrators to review.
ALTER TABLE cc_mailboxes
  ADD COLUMN verified_at             timestamptz,
  ADD COLUMN verified_by             text CHECK (verified_by IN ('confirmation', 'administrator', 'existing')),
  ADD COLUMN confirmation_token_hash text,
  ADD COLUMN confirmation_sent_at    timestamptz,
  ADD CONSTRAINT cc_mailboxes_verified CHECK ((verified_at IS NULL) = (verified_by IS NULL));
UPDATE cc_mailboxes SET verified_at = now(), verified_by = 'existing';
CREATE UNIQUE INDEX cc_mailboxes_confirmation_idx ON cc_mailboxes (confirmation_token_hash) WHERE confirmation_token_hash IS NOT NULL;

-- How the sender of an e-mail request was checked: 'pass' (SPF or DKIM aligned with the From domain),
-- 'fail' (not aligned, or the domain's DMARC policy fails), 'temperror' (DNS did not answer). Not 'pass': no
-- receipt was sent and the console shows the sender as unverified. NULL for other channels.
ALTER TABLE cc_requests ADD COLUMN sender_check text CHECK (sender_check IN ('pass', 'fail', 'temperror'));
