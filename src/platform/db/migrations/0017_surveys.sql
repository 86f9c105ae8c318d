-- Custom surveys (issue 6, decision 0017): surveys built by an organisation or by the competence center
-- (the region), their questions in FR/NL/EN, a shared question bank with templates, invitations after
-- contacts (sampled) and anonymous responses. Like satisfaction answers, a response is never tied to a
-- person: it keeps the survey, the language, the channel and organisation of the contact when it came
-- through an invitation, and the answers themselves (free text scrubbed before storage).

CREATE TABLE surveys (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the address of the public page /{lang}/surveys/{slug}
  slug             text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) BETWEEN 3 AND 80),
  -- the owning organisation; NULL = a regional survey of the competence center
  organisation_id  uuid REFERENCES organisations (id) ON DELETE CASCADE,
  title            jsonb NOT NULL DEFAULT '{}',
  intro            jsonb NOT NULL DEFAULT '{}',
  status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  opens_at         timestamptz,
  closes_at        timestamptz,
  -- distribution: by public link, and/or after contacts (a share of the contacts gets an invitation)
  link_enabled     boolean NOT NULL DEFAULT true,
  -- percentage (0–100) of contacts invited; 0 = no invitation after contacts
  sampling_rate    smallint NOT NULL DEFAULT 0 CHECK (sampling_rate BETWEEN 0 AND 100),
  -- after-contact invitations only for these channels (empty = every channel)
  channels         text[] NOT NULL DEFAULT '{}',
  template_code    text,
  version          integer NOT NULL DEFAULT 1,
  created_by       uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (closes_at IS NULL OR opens_at IS NULL OR closes_at > opens_at)
);
CREATE INDEX surveys_organisation_idx ON surveys (organisation_id, created_at DESC);
-- maybeInvite() looks for the open surveys sampling contacts
CREATE INDEX surveys_sampling_idx ON surveys (organisation_id) WHERE status = 'open' AND sampling_rate > 0;

-- Questions are copies (of a bank entry or written by hand): editing the bank never changes a survey.
-- kind: rating (scale_min..scale_max, labels of both ends), nps (0..10), single / multiple (options),
-- text (free text), matrix (rows × options, one choice per row).
-- options and rows: [{ "value": "…", "label": { "fr", "nl", "en" } }]; scale_labels: { "min": {…}, "max": {…} }
CREATE TABLE survey_questions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survey_id    uuid NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  position     integer NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('rating', 'nps', 'single', 'multiple', 'text', 'matrix')),
  required     boolean NOT NULL DEFAULT false,
  text         jsonb NOT NULL DEFAULT '{}',
  help         jsonb NOT NULL DEFAULT '{}',
  options      jsonb NOT NULL DEFAULT '[]',
  rows         jsonb NOT NULL DEFAULT '[]',
  scale_min    smallint,
  scale_max    smallint,
  scale_labels jsonb NOT NULL DEFAULT '{}',
  bank_code    text,
  CHECK (kind <> 'rating' OR (scale_min IS NOT NULL AND scale_max IS NOT NULL AND scale_min < scale_max AND scale_min >= 0 AND scale_max <= 10))
);
CREATE INDEX survey_questions_survey_idx ON survey_questions (survey_id, position);

-- The question bank: vetted questions the competence center offers (methodological support).
CREATE TABLE survey_bank_questions (
  code         text PRIMARY KEY CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  category     text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('rating', 'nps', 'single', 'multiple', 'text', 'matrix')),
  required     boolean NOT NULL DEFAULT false,
  text         jsonb NOT NULL,
  help         jsonb NOT NULL DEFAULT '{}',
  options      jsonb NOT NULL DEFAULT '[]',
  rows         jsonb NOT NULL DEFAULT '[]',
  scale_min    smallint,
  scale_max    smallint,
  scale_labels jsonb NOT NULL DEFAULT '{}',
  position     integer NOT NULL DEFAULT 0
);

-- Templates: an ordered list of bank questions with a title and a methodological note.
CREATE TABLE survey_templates (
  code           text PRIMARY KEY CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title          jsonb NOT NULL,
  description    jsonb NOT NULL,
  question_codes text[] NOT NULL,
  position       integer NOT NULL DEFAULT 0
);

-- An invitation after a contact: only a SHA-256 of the token, the contact's organisation, channel and
-- language; (survey, source kind, source id) is unique so that a contact is invited at most once.
CREATE TABLE survey_invitations (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survey_id       uuid NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  token_hash      text NOT NULL UNIQUE,
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  channel         text NOT NULL,
  language        text NOT NULL CHECK (language IN ('fr', 'nl', 'en')),
  source_kind     text NOT NULL,
  source_id       text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL,
  answered_at     timestamptz,
  UNIQUE (survey_id, source_kind, source_id)
);

-- A response: anonymous. invitation_id is unique (one response per invitation token); link responses have
-- none. organisation_id / channel are the contact's (after-contact distribution) or NULL (link).
CREATE TABLE survey_responses (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survey_id       uuid NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  invitation_id   uuid UNIQUE REFERENCES survey_invitations (id) ON DELETE SET NULL,
  via             text NOT NULL CHECK (via IN ('link', 'invitation')),
  organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
  channel         text,
  language        text NOT NULL CHECK (language IN ('fr', 'nl', 'en')),
  submitted_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX survey_responses_survey_idx ON survey_responses (survey_id, submitted_at);

-- One row per answered item: a rating / NPS value (number), a chosen option (choice; one row per option
-- for multiple choice), a matrix row's choice (row_key + choice), or a free text (text, scrubbed).
CREATE TABLE survey_answers (
  response_id  uuid NOT NULL REFERENCES survey_responses (id) ON DELETE CASCADE,
  question_id  uuid NOT NULL REFERENCES survey_questions (id) ON DELETE CASCADE,
  row_key      text NOT NULL DEFAULT '',
  choice       text,
  number       smallint,
  text         text CHECK (char_length(text) <= 2000)
);
CREATE INDEX survey_answers_question_idx ON survey_answers (question_id, row_key);
CREATE INDEX survey_answers_response_idx ON survey_answers (response_id);

-- Public-link rate limit: responses per (hashed, truncated) client address per survey per window; rows
-- older than a day are purged. No address is stored.
CREATE TABLE survey_link_throttle (
  survey_id    uuid NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  address_hash text NOT NULL,
  window_start timestamptz NOT NULL,
  hits         integer NOT NULL DEFAULT 1,
  PRIMARY KEY (survey_id, address_hash, window_start)
);

-- ---- The question bank (FR / NL / EN). Scales run from worst to best; 5 = best.
INSERT INTO survey_bank_questions (code, category, kind, required, text, help, options, rows, scale_min, scale_max, scale_labels, position) VALUES
('overall-satisfaction', 'satisfaction', 'rating', true,
 '{"fr": "Dans l’ensemble, êtes-vous satisfait·e de votre démarche ?", "nl": "Bent u over het algemeen tevreden over uw aanvraag?", "en": "Overall, how satisfied are you with your request?"}',
 '{"fr": "CSAT : part des réponses 4 et 5.", "nl": "CSAT: aandeel antwoorden 4 en 5.", "en": "CSAT: share of answers 4 and 5."}',
 '[]', '[]', 1, 5,
 '{"min": {"fr": "Pas du tout satisfait·e", "nl": "Helemaal niet tevreden", "en": "Very dissatisfied"}, "max": {"fr": "Très satisfait·e", "nl": "Zeer tevreden", "en": "Very satisfied"}}', 10),
('information-clarity', 'satisfaction', 'rating', true,
 '{"fr": "Les informations reçues étaient claires.", "nl": "De informatie die u kreeg was duidelijk.", "en": "The information I received was clear."}',
 '{}', '[]', '[]', 1, 5,
 '{"min": {"fr": "Pas du tout d’accord", "nl": "Helemaal niet akkoord", "en": "Strongly disagree"}, "max": {"fr": "Tout à fait d’accord", "nl": "Helemaal akkoord", "en": "Strongly agree"}}', 20),
('effort-ease', 'effort', 'rating', true,
 '{"fr": "Il a été facile d’obtenir ce dont j’avais besoin.", "nl": "Het was gemakkelijk om te krijgen wat ik nodig had.", "en": "It was easy to get what I needed."}',
 '{"fr": "Score d’effort client (CES) : part des réponses 4 et 5.", "nl": "Customer effort score (CES): aandeel antwoorden 4 en 5.", "en": "Customer effort score (CES): share of answers 4 and 5."}',
 '[]', '[]', 1, 5,
 '{"min": {"fr": "Pas du tout d’accord", "nl": "Helemaal niet akkoord", "en": "Strongly disagree"}, "max": {"fr": "Tout à fait d’accord", "nl": "Helemaal akkoord", "en": "Strongly agree"}}', 30),
('effort-contacts', 'effort', 'single', false,
 '{"fr": "Combien de fois avez-vous dû nous contacter pour cette démarche ?", "nl": "Hoe vaak moest u ons voor deze aanvraag contacteren?", "en": "How many times did you have to contact us about this?"}',
 '{}',
 '[{"value": "1", "label": {"fr": "Une fois", "nl": "Eén keer", "en": "Once"}}, {"value": "2", "label": {"fr": "Deux fois", "nl": "Twee keer", "en": "Twice"}}, {"value": "3", "label": {"fr": "Trois fois", "nl": "Drie keer", "en": "Three times"}}, {"value": "4-plus", "label": {"fr": "Quatre fois ou plus", "nl": "Vier keer of meer", "en": "Four times or more"}}]',
 '[]', NULL, NULL, '{}', 40),
('need-met', 'satisfaction', 'single', true,
 '{"fr": "Avez-vous obtenu ce que vous étiez venu·e chercher ?", "nl": "Hebt u gekregen waarvoor u kwam?", "en": "Did you get what you came for?"}',
 '{}',
 '[{"value": "yes", "label": {"fr": "Oui", "nl": "Ja", "en": "Yes"}}, {"value": "partly", "label": {"fr": "En partie", "nl": "Gedeeltelijk", "en": "Partly"}}, {"value": "no", "label": {"fr": "Non", "nl": "Nee", "en": "No"}}]',
 '[]', NULL, NULL, '{}', 50),
('recommend-nps', 'loyalty', 'nps', false,
 '{"fr": "Sur une échelle de 0 à 10, recommanderiez-vous ce service à un proche ?", "nl": "Zou u deze dienst op een schaal van 0 tot 10 aanbevelen aan iemand uit uw omgeving?", "en": "On a scale from 0 to 10, would you recommend this service to someone close to you?"}',
 '{"fr": "NPS : % de 9–10 moins % de 0–6.", "nl": "NPS: % 9–10 min % 0–6.", "en": "NPS: % of 9–10 minus % of 0–6."}',
 '[]', '[]', 0, 10,
 '{"min": {"fr": "Pas du tout", "nl": "Helemaal niet", "en": "Not at all"}, "max": {"fr": "Certainement", "nl": "Zeker", "en": "Definitely"}}', 60),
('reached', 'reachability', 'single', true,
 '{"fr": "Avez-vous réussi à joindre l’administration ?", "nl": "Bent u erin geslaagd het bestuur te bereiken?", "en": "Did you manage to reach the administration?"}',
 '{}',
 '[{"value": "first-try", "label": {"fr": "Oui, du premier coup", "nl": "Ja, meteen", "en": "Yes, at the first attempt"}}, {"value": "several-tries", "label": {"fr": "Oui, après plusieurs essais", "nl": "Ja, na meerdere pogingen", "en": "Yes, after several attempts"}}, {"value": "no", "label": {"fr": "Non", "nl": "Nee", "en": "No"}}]',
 '[]', NULL, NULL, '{}', 70),
('channels-used', 'reachability', 'multiple', false,
 '{"fr": "Par quels moyens avez-vous contacté l’administration ?", "nl": "Via welke kanalen hebt u het bestuur gecontacteerd?", "en": "How did you contact the administration?"}',
 '{"fr": "Plusieurs réponses possibles.", "nl": "Meerdere antwoorden mogelijk.", "en": "You may choose more than one."}',
 '[{"value": "phone", "label": {"fr": "Téléphone", "nl": "Telefoon", "en": "Phone"}}, {"value": "email", "label": {"fr": "E-mail", "nl": "E-mail", "en": "E-mail"}}, {"value": "web", "label": {"fr": "Site web ou formulaire en ligne", "nl": "Website of onlineformulier", "en": "Website or online form"}}, {"value": "counter", "label": {"fr": "Guichet", "nl": "Loket", "en": "Counter"}}, {"value": "post", "label": {"fr": "Courrier", "nl": "Brief", "en": "Post"}}, {"value": "chat", "label": {"fr": "Chat", "nl": "Chat", "en": "Chat"}}]',
 '[]', NULL, NULL, '{}', 80),
('opening-hours', 'reachability', 'single', false,
 '{"fr": "Les heures d’ouverture vous conviennent-elles ?", "nl": "Passen de openingsuren u?", "en": "Do the opening hours suit you?"}',
 '{}',
 '[{"value": "yes", "label": {"fr": "Oui", "nl": "Ja", "en": "Yes"}}, {"value": "no", "label": {"fr": "Non", "nl": "Nee", "en": "No"}}, {"value": "no-opinion", "label": {"fr": "Sans avis", "nl": "Geen mening", "en": "No opinion"}}]',
 '[]', NULL, NULL, '{}', 90),
('waiting-time', 'reception', 'single', false,
 '{"fr": "Combien de temps avez-vous attendu avant d’être reçu·e ?", "nl": "Hoelang hebt u gewacht voor u geholpen werd?", "en": "How long did you wait before being seen?"}',
 '{}',
 '[{"value": "under-5", "label": {"fr": "Moins de 5 minutes", "nl": "Minder dan 5 minuten", "en": "Less than 5 minutes"}}, {"value": "5-15", "label": {"fr": "De 5 à 15 minutes", "nl": "5 tot 15 minuten", "en": "5 to 15 minutes"}}, {"value": "15-30", "label": {"fr": "De 15 à 30 minutes", "nl": "15 tot 30 minuten", "en": "15 to 30 minutes"}}, {"value": "over-30", "label": {"fr": "Plus de 30 minutes", "nl": "Meer dan 30 minuten", "en": "More than 30 minutes"}}]',
 '[]', NULL, NULL, '{}', 100),
('own-language', 'reception', 'single', false,
 '{"fr": "Avez-vous pu être servi·e dans votre langue (français ou néerlandais) ?", "nl": "Kon u in uw taal (Nederlands of Frans) geholpen worden?", "en": "Could you be served in your language (French or Dutch)?"}',
 '{}',
 '[{"value": "yes", "label": {"fr": "Oui", "nl": "Ja", "en": "Yes"}}, {"value": "no", "label": {"fr": "Non", "nl": "Nee", "en": "No"}}]',
 '[]', NULL, NULL, '{}', 110),
('reception-quality', 'reception', 'matrix', true,
 '{"fr": "Comment évaluez-vous l’accueil sur chacun de ces points ?", "nl": "Hoe beoordeelt u het onthaal op elk van deze punten?", "en": "How do you rate the reception on each of these points?"}',
 '{"fr": "Inspiré des engagements Services Publics+ : courtoisie, écoute, clarté, délais, accessibilité.", "nl": "Geïnspireerd op de Franse Services Publics+-engagementen: hoffelijkheid, luisterbereidheid, duidelijkheid, termijnen, toegankelijkheid.", "en": "Inspired by the French Services Publics+ commitments: courtesy, listening, clarity, timeliness, accessibility."}',
 '[{"value": "1", "label": {"fr": "Très mauvais", "nl": "Zeer slecht", "en": "Very poor"}}, {"value": "2", "label": {"fr": "Mauvais", "nl": "Slecht", "en": "Poor"}}, {"value": "3", "label": {"fr": "Moyen", "nl": "Middelmatig", "en": "Average"}}, {"value": "4", "label": {"fr": "Bon", "nl": "Goed", "en": "Good"}}, {"value": "5", "label": {"fr": "Très bon", "nl": "Zeer goed", "en": "Very good"}}]',
 '[{"value": "courtesy", "label": {"fr": "La courtoisie et l’amabilité", "nl": "De hoffelijkheid en vriendelijkheid", "en": "Courtesy and friendliness"}}, {"value": "listening", "label": {"fr": "L’écoute de votre demande", "nl": "Het luisteren naar uw vraag", "en": "Listening to your request"}}, {"value": "clarity", "label": {"fr": "La clarté des réponses", "nl": "De duidelijkheid van de antwoorden", "en": "Clarity of the answers"}}, {"value": "timeliness", "label": {"fr": "Le délai de réponse", "nl": "De antwoordtermijn", "en": "Time taken to answer"}}, {"value": "accessibility", "label": {"fr": "L’accessibilité des lieux ou du site", "nl": "De toegankelijkheid van de gebouwen of de website", "en": "Accessibility of the premises or website"}}]',
 NULL, NULL, '{}', 120),
('improvement', 'open', 'text', false,
 '{"fr": "Que pourrions-nous améliorer ?", "nl": "Wat kunnen we verbeteren?", "en": "What could we improve?"}',
 '{"fr": "N’indiquez ni nom, ni adresse, ni numéro de téléphone : ils seront effacés.", "nl": "Vermeld geen naam, adres of telefoonnummer: die worden gewist.", "en": "Do not write your name, address or phone number: they will be removed."}',
 '[]', '[]', NULL, NULL, '{}', 130),
('nps-reason', 'open', 'text', false,
 '{"fr": "Quelle est la principale raison de votre note ?", "nl": "Wat is de belangrijkste reden voor uw score?", "en": "What is the main reason for your score?"}',
 '{}', '[]', '[]', NULL, NULL, '{}', 140);

INSERT INTO survey_templates (code, title, description, question_codes, position) VALUES
('standard-csat',
 '{"fr": "Satisfaction (CSAT)", "nl": "Tevredenheid (CSAT)", "en": "Satisfaction (CSAT)"}',
 '{"fr": "Les questions du questionnaire régional : comparables d’une administration à l’autre.", "nl": "De vragen van de gewestelijke vragenlijst: vergelijkbaar tussen besturen.", "en": "The questions of the regional questionnaire: comparable across administrations."}',
 ARRAY['overall-satisfaction', 'information-clarity', 'effort-ease', 'need-met', 'improvement'], 10),
('effort',
 '{"fr": "Effort de l’usager", "nl": "Inspanning van de gebruiker", "en": "User effort"}',
 '{"fr": "Mesurer la facilité d’une démarche et le nombre de contacts nécessaires.", "nl": "Meten hoe gemakkelijk een aanvraag verloopt en hoeveel contacten ze vergt.", "en": "Measure how easy a procedure is and how many contacts it takes."}',
 ARRAY['effort-ease', 'effort-contacts', 'need-met', 'improvement'], 20),
('nps',
 '{"fr": "Recommandation (NPS)", "nl": "Aanbeveling (NPS)", "en": "Recommendation (NPS)"}',
 '{"fr": "Une question de 0 à 10 et la raison de la note.", "nl": "Eén vraag van 0 tot 10 en de reden voor de score.", "en": "One 0–10 question and the reason for the score."}',
 ARRAY['recommend-nps', 'nps-reason'], 30),
('reachability',
 '{"fr": "Joignabilité", "nl": "Bereikbaarheid", "en": "Reachability"}',
 '{"fr": "L’usager a-t-il pu joindre l’administration, par quels canaux, et les horaires conviennent-ils ?", "nl": "Kon de gebruiker het bestuur bereiken, via welke kanalen, en passen de openingsuren?", "en": "Could the user reach the administration, through which channels, and do the hours suit them?"}',
 ARRAY['reached', 'channels-used', 'opening-hours', 'improvement'], 40),
('reception-quality',
 '{"fr": "Qualité de l’accueil", "nl": "Kwaliteit van het onthaal", "en": "Reception quality"}',
 '{"fr": "Inspiré de « Services Publics+ » et de « Je donne mon avis » : satisfaction globale, accueil point par point, attente, langue, besoin satisfait.", "nl": "Geïnspireerd op de Franse « Services Publics+ » en « Je donne mon avis »: algemene tevredenheid, onthaal punt per punt, wachttijd, taal, behoefte ingevuld.", "en": "Inspired by the French “Services Publics+” and “Je donne mon avis”: overall satisfaction, reception point by point, waiting, language, need met."}',
 ARRAY['overall-satisfaction', 'reception-quality', 'waiting-time', 'own-language', 'need-met', 'improvement'], 50);
