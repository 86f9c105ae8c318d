-- The competence center: maturity self-assessment campaigns over five dimensions (culture, knowledge of the
-- user, processes, tools, governance), field observations, good practices, recommendation rules, action
-- plans, improvement projects, expertise requests and the versioned regional strategy.
-- Scores follow a PDCA panel from 0 to 100 (see src/competence/scoring.ts). No table here holds personal
-- data of users; staff are referred to by account id only where a record needs an author.

-- The default questionnaire (reference data): copied into each campaign when it is created.
CREATE TABLE competence_template_criteria (
  key        text PRIMARY KEY CHECK (key ~ '^[a-z_]+\.[a-z0-9_]+$'),
  dimension  text NOT NULL CHECK (dimension IN ('culture', 'user_knowledge', 'processes', 'tools', 'governance')),
  position   integer NOT NULL,
  title      jsonb NOT NULL CHECK (title ? 'fr' AND title ? 'nl' AND title ? 'en'),
  guidance   jsonb NOT NULL CHECK (guidance ? 'fr' AND guidance ? 'nl' AND guidance ? 'en')
);

CREATE TABLE competence_campaigns (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code        text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title       jsonb NOT NULL,
  status      text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  closes_on   date,
  opened_at   timestamptz,
  closed_at   timestamptz,
  created_by  uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  version     integer NOT NULL DEFAULT 1
);

-- The questionnaire of one campaign: a copy of the template, editable per campaign. Criteria keep the
-- template key, so results can be compared across campaigns and rules apply to every campaign.
CREATE TABLE competence_criteria (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id  uuid NOT NULL REFERENCES competence_campaigns (id) ON DELETE CASCADE,
  key          text NOT NULL CHECK (key ~ '^[a-z_]+\.[a-z0-9_]+$'),
  dimension    text NOT NULL CHECK (dimension IN ('culture', 'user_knowledge', 'processes', 'tools', 'governance')),
  position     integer NOT NULL,
  title        jsonb NOT NULL,
  guidance     jsonb NOT NULL,
  version      integer NOT NULL DEFAULT 1,
  UNIQUE (campaign_id, key)
);

CREATE TABLE competence_assessments (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id      uuid NOT NULL REFERENCES competence_campaigns (id) ON DELETE CASCADE,
  organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
  submitted_at     timestamptz,
  submitted_by     uuid REFERENCES accounts (id) ON DELETE SET NULL,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  updated_by       uuid REFERENCES accounts (id) ON DELETE SET NULL,
  -- optimistic concurrency: a save states the version it read; a stale save is refused, never lost
  version          integer NOT NULL DEFAULT 1,
  UNIQUE (campaign_id, organisation_id)
);
CREATE INDEX competence_assessments_organisation_idx ON competence_assessments (organisation_id);

CREATE TABLE competence_answers (
  assessment_id  uuid NOT NULL REFERENCES competence_assessments (id) ON DELETE CASCADE,
  criterion_id   uuid NOT NULL REFERENCES competence_criteria (id) ON DELETE CASCADE,
  score          integer CHECK (score BETWEEN 0 AND 100),
  evidence       text NOT NULL DEFAULT '' CHECK (length(evidence) <= 4000),
  evidence_links text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (assessment_id, criterion_id)
);

-- Field observations by the competence center (observation days, interviews, document reviews).
CREATE TABLE competence_observations (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id      uuid NOT NULL REFERENCES competence_campaigns (id) ON DELETE CASCADE,
  organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  criterion_id     uuid NOT NULL REFERENCES competence_criteria (id) ON DELETE CASCADE,
  method           text NOT NULL CHECK (method IN ('observation_day', 'interview', 'document_review', 'mystery_visit')),
  observed_on      date NOT NULL,
  score            integer CHECK (score BETWEEN 0 AND 100),
  note             text NOT NULL CHECK (length(note) BETWEEN 1 AND 4000),
  created_by       uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX competence_observations_org_idx ON competence_observations (campaign_id, organisation_id);

CREATE TABLE competence_practices (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- stable key of seeded practices (null for practices added by editors)
  key          text UNIQUE,
  title        jsonb NOT NULL,
  place        text NOT NULL CHECK (place IN ('france', 'flanders', 'wallonia', 'netherlands', 'brussels', 'europe')),
  dimension    text NOT NULL CHECK (dimension IN ('culture', 'user_knowledge', 'processes', 'tools', 'governance')),
  description  jsonb NOT NULL,
  outcome      jsonb NOT NULL,
  source_label text NOT NULL,
  source_url   text CHECK (source_url IS NULL OR source_url ~ '^https?://'),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  version      integer NOT NULL DEFAULT 1
);

-- Rules: a criterion scored below the threshold calls for a measure.
CREATE TABLE competence_rules (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key           text NOT NULL UNIQUE,
  criterion_key text NOT NULL,
  threshold     integer NOT NULL CHECK (threshold BETWEEN 1 AND 100),
  measure       jsonb NOT NULL CHECK (measure ? 'fr' AND measure ? 'nl' AND measure ? 'en'),
  horizon       text NOT NULL CHECK (horizon IN ('short', 'long')),
  scope         text NOT NULL CHECK (scope IN ('individual', 'collective')),
  indicator     text NOT NULL,
  practice_key  text
);
CREATE INDEX competence_rules_criterion_idx ON competence_rules (criterion_key);

-- Regional improvement projects that group the collective actions of several organisations.
CREATE TABLE competence_projects (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title        jsonb NOT NULL,
  description  jsonb NOT NULL DEFAULT '{}',
  criterion_key text,
  status       text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
  created_by   uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE competence_actions (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  campaign_id      uuid REFERENCES competence_campaigns (id) ON DELETE SET NULL,
  rule_id          uuid REFERENCES competence_rules (id) ON DELETE SET NULL,
  criterion_key    text,
  title            jsonb NOT NULL,
  -- a team or a function ("head of reception"), not a person's name: action plans are shared with the region
  owner            text NOT NULL DEFAULT '' CHECK (length(owner) <= 200),
  due_on           date,
  status           text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
  indicator        text NOT NULL,
  target_value     numeric,
  horizon          text NOT NULL CHECK (horizon IN ('short', 'long')),
  scope            text NOT NULL CHECK (scope IN ('individual', 'collective')),
  project_id       uuid REFERENCES competence_projects (id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1
);
CREATE INDEX competence_actions_organisation_idx ON competence_actions (organisation_id);
-- a rule generates one action per organisation and campaign, whatever the number of regenerations
CREATE UNIQUE INDEX competence_actions_generated_idx ON competence_actions (organisation_id, campaign_id, rule_id)
  WHERE rule_id IS NOT NULL;

CREATE TABLE competence_expertise_requests (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  subject          text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
  details          text NOT NULL DEFAULT '' CHECK (length(details) <= 4000),
  dimension        text CHECK (dimension IN ('culture', 'user_knowledge', 'processes', 'tools', 'governance')),
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'in_progress', 'closed', 'declined')),
  response         text NOT NULL DEFAULT '' CHECK (length(response) <= 4000),
  requested_by     uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1
);
CREATE INDEX competence_expertise_org_idx ON competence_expertise_requests (organisation_id);

-- The regional reception strategy: each change makes a new version; objectives belong to a version.
CREATE TABLE competence_strategy_versions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number      integer NOT NULL UNIQUE CHECK (number > 0),
  note        text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  created_by  uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE competence_objectives (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  strategy_version_id  uuid NOT NULL REFERENCES competence_strategy_versions (id) ON DELETE CASCADE,
  position             integer NOT NULL,
  title                jsonb NOT NULL,
  indicator            text NOT NULL,
  baseline             numeric,
  target_value         numeric NOT NULL,
  target_on            date,
  UNIQUE (strategy_version_id, position)
);
