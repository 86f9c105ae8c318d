-- No internal notes under survey questions (issue 15, item 7): the question bank's help texts of the
-- satisfaction, effort and recommendation questions explained how staff compute CSAT, CES and NPS — citizens
-- saw "CSAT : part des réponses 4 et 5." under the question. The bank's help now says nothing for them, and
-- the questions already copied into surveys lose the same notes (only where the text is still the bank's own).
-- Rows only: no column or constraint changes.
UPDATE survey_bank_questions SET help = '{}'::jsonb WHERE code IN ('overall-satisfaction', 'effort-ease', 'recommend-nps');
UPDATE survey_questions SET help = '{}'::jsonb
 WHERE help IN (
   '{"fr": "CSAT : part des réponses 4 et 5.", "nl": "CSAT: aandeel antwoorden 4 en 5.", "en": "CSAT: share of answers 4 and 5."}'::jsonb,
   '{"fr": "Score d’effort client (CES) : part des réponses 4 et 5.", "nl": "Customer effort score (CES): aandeel antwoorden 4 en 5.", "en": "Customer effort score (CES): share of answers 4 and 5."}'::jsonb,
   '{"fr": "NPS : % de 9–10 moins % de 0–6.", "nl": "NPS: % 9–10 min % 0–6.", "en": "NPS: % of 9–10 minus % of 0–6."}'::jsonb
 );
