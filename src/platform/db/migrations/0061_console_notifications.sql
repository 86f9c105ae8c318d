-- Nothing arrives unseen, and writing replies (issue 17 items 2 and 3, decision 0051): what each person has
-- read in the console (unread counts), in-app notifications with an optional e-mail digest per person, and
-- macros (a reply template that also sets a status, assigns to the agent and adds a tag).

-- When a person last opened a request or a task of the console (one row per person and item; the item is a
-- cc_requests or cc_tasks id, both uuids). A request or task changed by someone else since is unread again.
CREATE TABLE cc_reads (
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  item_id    uuid NOT NULL,
  read_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, item_id)
);

-- Notifications inside IrisDesk: a mention in an internal note, a task for the person, a request assigned to
-- them by a colleague. Small: what happened, by whom, about which reference; the page links to the item.
CREATE TABLE notifications (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id   uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('mention', 'task', 'assigned')),
  request_id   uuid REFERENCES cc_requests (id) ON DELETE CASCADE,
  task_id      uuid REFERENCES cc_tasks (id) ON DELETE CASCADE,
  reference    text CHECK (reference IS NULL OR length(reference) <= 40),
  by_name      text CHECK (by_name IS NULL OR length(by_name) <= 200),
  created_at   timestamptz NOT NULL DEFAULT now(),
  read_at      timestamptz,
  -- sent in an e-mail digest (only unread notifications of people who asked for one are sent)
  digested_at  timestamptz
);
CREATE INDEX notifications_account_idx ON notifications (account_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (account_id) WHERE read_at IS NULL;

-- Per person: an e-mail digest of unread notifications ('off' by default, or 'daily').
CREATE TABLE notification_preferences (
  account_id   uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  email_digest text NOT NULL DEFAULT 'off' CHECK (email_digest IN ('off', 'daily')),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Macros: a reply template may also set a status, assign the request to the agent who uses it, add a tag.
ALTER TABLE cc_reply_templates ADD COLUMN set_status text CHECK (set_status IS NULL OR set_status IN ('open', 'waiting_user', 'waiting_second_line'));
ALTER TABLE cc_reply_templates ADD COLUMN assign_to_me boolean NOT NULL DEFAULT false;
ALTER TABLE cc_reply_templates ADD COLUMN add_tag text CHECK (add_tag IS NULL OR add_tag ~ '^[a-z0-9][a-z0-9-]{0,39}$');
