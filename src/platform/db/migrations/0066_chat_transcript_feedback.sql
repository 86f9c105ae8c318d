-- Live chat (issue 19, decision 0055): the transcript sent on the user's request and the satisfaction
-- questionnaire offered when the agent ends the chat.
-- How many times the transcript was sent by e-mail (at most 3 per chat: the page's form cannot become a relay).
ALTER TABLE chat_sessions ADD COLUMN transcripts_sent integer NOT NULL DEFAULT 0;
-- The standard questionnaire's link made when the chat was closed (src/satisfaction's seam, channel 'chat');
-- shown to the holder of the chat's token only.
ALTER TABLE chat_sessions ADD COLUMN feedback_url text;
