-- Live chat (issue 19, decision 0062): chats whose user has gone leave the queue, idle conversations end, and
-- ended transcripts are anonymised after the retention period of the privacy schedule.
-- When the user last showed signs of life: a call with the chat's token, or their event stream opening or closing
-- (an open stream is seen through realtime presence).
ALTER TABLE chat_sessions ADD COLUMN user_seen_at timestamptz NOT NULL DEFAULT now();
-- The "this chat closes soon" notice of an idle conversation (void once someone writes after it).
ALTER TABLE chat_sessions ADD COLUMN idle_warned_at timestamptz;
-- Why a chat ended: the agent closed it, the user converted it, the user went away while waiting, or nobody wrote.
ALTER TABLE chat_sessions ADD COLUMN end_reason text CHECK (end_reason IN ('agent', 'converted', 'away', 'idle'));
-- When the transcript was anonymised (retention, or a data subject's erasure).
ALTER TABLE chat_sessions ADD COLUMN erased_at timestamptz;
CREATE INDEX chat_sessions_active_idx ON chat_sessions (organisation_id) WHERE status = 'active';
CREATE INDEX chat_sessions_retention_idx ON chat_sessions (organisation_id, ended_at) WHERE erased_at IS NULL AND ended_at IS NOT NULL;
