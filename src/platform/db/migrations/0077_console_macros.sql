-- Macros that an organisation's managers keep themselves (issue 17 item 3, decision 0063): a named set of
-- actions — the reply text, a status, an assignment and a tag — written in French, Dutch and English, for the
-- whole organisation or for one unit (offered to its members), in the order the managers choose. A disabled
-- macro is kept, and no longer offered in the console.
--
-- Expand step: the macros stored so far as reply templates with actions (migration 0061, set only through the
-- database) are copied here, each with the text of its one language; the console no longer offers those
-- template rows. A later contract step deletes them and drops cc_reply_templates' three action columns.

CREATE TABLE cc_macros (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  -- null: offered to the whole organisation; else to the members of this unit
  unit_id         uuid REFERENCES units (id) ON DELETE CASCADE,
  -- {"fr": …, "nl": …, "en": …}: a macro is offered on requests in the languages it has a text in
  title           jsonb NOT NULL CHECK (jsonb_typeof(title) = 'object'),
  body            jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object'),
  set_status      text CHECK (set_status IS NULL OR set_status IN ('open', 'waiting_user', 'waiting_second_line')),
  -- keep the assignee; 'me': the agent who uses it; 'unit': to assign_unit_id's inbox, unassigned
  assignment      text NOT NULL DEFAULT 'keep' CHECK (assignment IN ('keep', 'me', 'unit')),
  -- a macro that passes requests to a unit goes with that unit
  assign_unit_id  uuid REFERENCES units (id) ON DELETE CASCADE,
  -- the tag as the inbox's bulk action writes it (lower case, letters, digits, spaces, _ and -)
  add_tag         text CHECK (add_tag IS NULL OR length(add_tag) BETWEEN 1 AND 40),
  enabled         boolean NOT NULL DEFAULT true,
  position        integer NOT NULL,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((assignment = 'unit') = (assign_unit_id IS NOT NULL))
);
CREATE INDEX cc_macros_organisation_idx ON cc_macros (organisation_id, position);

INSERT INTO cc_macros (organisation_id, title, body, set_status, assignment, add_tag, position)
SELECT organisation_id, jsonb_build_object(language, title), jsonb_build_object(language, body), set_status,
       CASE WHEN assign_to_me THEN 'me' ELSE 'keep' END, add_tag,
       row_number() OVER (PARTITION BY organisation_id ORDER BY language, title)
  FROM cc_reply_templates
 WHERE set_status IS NOT NULL OR assign_to_me OR add_tag IS NOT NULL;
