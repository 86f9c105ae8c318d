-- One open action per weakness (issue 17, item 9). Until now a rule flagged again by a later campaign gave the
-- organisation a second action while the first was still open, so plans listed the same action twice. The code
-- now skips a rule that already has an open action; this removes the copies made before: a generated action
-- that nobody has touched (version 1, outside any project), made while an earlier open action of the same rule
-- existed for the organisation. The earlier one stays — with its past due date it now shows as overdue.
-- Rows only: the old version, still running during the upgrade, reads and writes the same columns.
DELETE FROM competence_actions later
 USING competence_actions earlier
 WHERE later.rule_id IS NOT NULL
   AND later.version = 1
   AND later.project_id IS NULL
   AND later.status IN ('planned', 'in_progress')
   AND earlier.organisation_id = later.organisation_id
   AND earlier.rule_id = later.rule_id
   AND earlier.id <> later.id
   AND earlier.status IN ('planned', 'in_progress')
   AND (earlier.created_at, earlier.id) < (later.created_at, later.id);
