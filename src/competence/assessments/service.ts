// The rules of the competence center: campaigns and their questionnaire, assessments (drafts saved by
// several people with optimistic locking, submission by the manager after a field-by-field completeness
// check, reopening with a reason and a history), field observations, results and regional benchmark (aggregates only, never personal data),
// good practices, generated action plans, the portfolio of improvement projects, expertise requests and
// the versioned regional strategy with its progress.
import type { Database } from '../platform/db/database.ts';
import { AppError, type FieldError } from '../platform/http/errors.ts';
import { pickText, type Language, type LocalizedText } from '../platform/i18n/languages.ts';
import type { Actor } from '../identity/actor.ts';
import { recordAudit } from '../audit/service.ts';
import * as repo from './repository.ts';
import {
  canAnswerExpertise,
  canEditActionPlan,
  canEditAssessment,
  canEditPractices,
  canEditStrategy,
  canManageCampaigns,
  canRecordObservation,
  canReopenAssessment,
  canRequestExpertise,
  canSubmitAssessment,
  canViewOrganisation,
  canViewRegion,
  isCompetenceCenter,
  MIN_PEER_GROUP,
} from './authorisation.ts';
import { editedText, resolveText, type TextInput } from './texts.ts';
import { change, DIMENSIONS, distribution, EVIDENCE_REQUIRED_ABOVE, mean, scoreAssessment, strengthsAndWeaknesses, type Dimension, type Scores } from './scoring.ts';
import { INDICATOR_KEYS, indicatorDefinition, measuredIndicators, regionalValue, type MeasuredIndicators } from './indicators.ts';

export interface AnswerInput {
  criterion: string;
  score: number | null;
  evidence: string;
  evidenceLinks: string[];
}

export { editedText } from './texts.ts';

/** Refuses an edit whose texts lack a required language (one field error per missing language). */
function textsOrThrow<K extends string>(resolved: Record<K, { text: LocalizedText; errors: FieldError[] }>): Record<K, LocalizedText> {
  const errors = Object.values<{ errors: FieldError[] }>(resolved).flatMap((r) => r.errors);
  if (errors.length) throw new AppError(400, 'validation.failed', { fields: errors });
  return Object.fromEntries(Object.entries<{ text: LocalizedText }>(resolved).map(([k, r]) => [k, r.text])) as Record<K, LocalizedText>;
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** Fields of an answer, as named in forms, the error summary and the API's field errors. */
export const answerField = (key: string, part: 'score' | 'evidence' | 'links') => `answers.${key}.${part}`;

/** What is missing before an assessment can be submitted, one entry per field. */
export function incompleteFields(criteria: repo.Criterion[], answers: Map<string, { score: number | null; evidence: string; evidenceLinks: string[] }>, lang: Language): FieldError[] {
  const fields: FieldError[] = [];
  for (const criterion of criteria) {
    const answer = answers.get(criterion.key);
    const label = pickText(criterion.title, lang).text;
    if (!answer || answer.score === null) {
      fields.push({ field: answerField(criterion.key, 'score'), code: 'competence.validation.scoreMissing', values: { criterion: label } });
    } else if (answer.score > EVIDENCE_REQUIRED_ABOVE && answer.evidence.trim() === '' && answer.evidenceLinks.length === 0) {
      fields.push({ field: answerField(criterion.key, 'evidence'), code: 'competence.validation.evidenceMissing', values: { criterion: label, limit: EVIDENCE_REQUIRED_ABOVE } });
    }
  }
  return fields;
}

export function competenceService(db: Database) {
  async function campaignOr404(code: string) {
    const campaign = await repo.findCampaign(db, code);
    if (!campaign) throw new AppError(404, 'competence.campaign_not_found');
    return campaign;
  }

  async function organisationOr404(code: string) {
    const organisation = await repo.findOrganisationRef(db, code);
    if (!organisation) throw new AppError(404, 'competence.organisation_not_found');
    return organisation;
  }

  /** An organisation the actor may look at; another's is "not found", so its participation does not leak. */
  async function visibleOrganisation(actor: Actor, code: string) {
    const organisation = await organisationOr404(code);
    if (!canViewOrganisation(actor, organisation.id)) throw new AppError(404, 'competence.organisation_not_found');
    return organisation;
  }

  async function scoresOf(campaign: repo.Campaign, organisationId: string): Promise<Scores | null> {
    const assessment = await repo.findAssessment(db, campaign.id, organisationId);
    if (!assessment || assessment.status !== 'submitted') return null;
    const answers = await repo.listAnswers(db, assessment.id);
    return scoreAssessment(answers);
  }

  /** Scores of every organisation that submitted in a campaign. */
  async function campaignScores(campaignId: string): Promise<Map<string, Scores>> {
    const rows = await repo.submittedScores(db, campaignId);
    const byOrganisation = new Map<string, typeof rows>();
    for (const row of rows) byOrganisation.set(row.organisationId, [...(byOrganisation.get(row.organisationId) ?? []), row]);
    return new Map([...byOrganisation].map(([id, answers]) => [id, scoreAssessment(answers)]));
  }

  function validateLinks(answers: AnswerInput[]): void {
    const fields: FieldError[] = [];
    for (const answer of answers) {
      if (answer.evidenceLinks.some((link) => !/^https?:\/\/\S+$/.test(link) || link.length > 500)) {
        fields.push({ field: answerField(answer.criterion, 'links'), code: 'competence.validation.linkInvalid', values: { criterion: answer.criterion } });
      }
      if (answer.evidence.length > 4000) {
        fields.push({ field: answerField(answer.criterion, 'evidence'), code: 'validation.maxLength', values: { limit: 4000 } });
      }
    }
    if (fields.length) throw new AppError(400, 'validation.failed', { fields });
  }

  async function editableAssessment(actor: Actor, campaignCode: string, organisationCode: string) {
    const campaign = await campaignOr404(campaignCode);
    const organisation = await visibleOrganisation(actor, organisationCode);
    if (!canEditAssessment(actor, organisation.id)) throw new AppError(403, 'competence.assessment_not_yours');
    if (campaign.status !== 'open') throw new AppError(409, 'competence.campaign_not_open');
    const criteria = await repo.listCriteria(db, campaign.id);
    const assessment = await repo.ensureAssessment(db, campaign.id, organisation.id);
    return { campaign, organisation, criteria, assessment };
  }

  async function saveInTransaction(
    assessment: repo.Assessment,
    criteria: repo.Criterion[],
    version: number,
    actor: Actor,
    answers: AnswerInput[],
    after?: (tx: Parameters<Parameters<Database['transaction']>[0]>[0]) => Promise<void>,
  ) {
    const byKey = new Map(criteria.map((criterion) => [criterion.key, criterion]));
    const unknown = answers.filter((answer) => !byKey.has(answer.criterion));
    if (unknown.length) {
      throw new AppError(400, 'validation.failed', {
        fields: unknown.map((answer) => ({ field: `answers.${answer.criterion}`, code: 'competence.validation.unknownCriterion', values: { criterion: answer.criterion } })),
      });
    }
    validateLinks(answers);
    if (assessment.status === 'submitted') throw new AppError(409, 'competence.assessment_submitted');
    await db.transaction(async (tx) => {
      const saved = await repo.saveAnswers(
        tx,
        assessment.id,
        version,
        actor.accountId,
        answers.map((answer) => ({ criterionId: byKey.get(answer.criterion)!.id, score: answer.score, evidence: answer.evidence.trim(), evidenceLinks: answer.evidenceLinks })),
      );
      if (!saved) throw new AppError(409, 'competence.assessment_stale');
      await after?.(tx);
    });
  }

  return {
    // ---- Campaigns
    listCampaigns: () => repo.listCampaigns(db),

    async getCampaign(code: string) {
      const campaign = await campaignOr404(code);
      return { campaign, criteria: await repo.listCriteria(db, campaign.id) };
    },

    async createCampaign(actor: Actor, input: { code: string; title: LocalizedText; closesOn: string | null }) {
      if (!canManageCampaigns(actor)) throw new AppError(403, 'forbidden');
      const id = await db.transaction((tx) => repo.insertCampaign(tx, { ...input, createdBy: actor.accountId }));
      if (!id) throw new AppError(409, 'competence.campaign_code_taken', { fields: [{ field: 'code', code: 'competence.validation.codeTaken' }] });
      return campaignOr404(input.code);
    },

    /** draft → open → closed; a closed campaign can be reopened. A stale version gives 409. */
    async setCampaignStatus(actor: Actor, code: string, version: number, status: repo.CampaignStatus) {
      if (!canManageCampaigns(actor)) throw new AppError(403, 'forbidden');
      const campaign = await campaignOr404(code);
      const allowed: Record<repo.CampaignStatus, repo.CampaignStatus[]> = { draft: ['open'], open: ['closed'], closed: ['open'] };
      if (!allowed[campaign.status].includes(status)) throw new AppError(409, 'competence.campaign_transition');
      if (!(await repo.setCampaignStatus(db, campaign.id, version, status))) throw new AppError(409, 'competence.campaign_stale');
      return campaignOr404(code);
    },

    /** A campaign's questionnaire is edited before it opens; once answers come in, it stays as it was. */
    async updateCriterion(actor: Actor, code: string, key: string, input: { version: number; title: TextInput; guidance: TextInput }, lang: Language) {
      if (!canManageCampaigns(actor)) throw new AppError(403, 'forbidden');
      const campaign = await campaignOr404(code);
      if (campaign.status !== 'draft') throw new AppError(409, 'competence.questionnaire_locked');
      const criterion = (await repo.listCriteria(db, campaign.id)).find((c) => c.key === key);
      if (!criterion) throw new AppError(404, 'competence.criterion_not_found');
      const texts = textsOrThrow({
        title: resolveText(criterion.title, lang, input.title, 'title'),
        guidance: resolveText(criterion.guidance, lang, input.guidance, 'guidance'),
      });
      const ok = await repo.updateCriterion(db, campaign.id, key, input.version, texts);
      if (!ok) throw new AppError(409, 'competence.criterion_stale');
      return (await repo.listCriteria(db, campaign.id)).find((c) => c.key === key)!;
    },

    /** The campaigns and, for each, where the actor's organisation stands. */
    async campaignsForActor(actor: Actor) {
      const campaigns = await repo.listCampaigns(db);
      return Promise.all(
        campaigns.map(async (campaign) => ({ campaign, own: await repo.findAssessment(db, campaign.id, actor.organisationId) })),
      );
    },

    async participants(actor: Actor, code: string) {
      if (!canViewRegion(actor)) throw new AppError(403, 'forbidden');
      return repo.listParticipants(db, (await campaignOr404(code)).id);
    },

    // ---- Assessments
    /** The questionnaire with the organisation's answers; its own people get a draft created when the campaign is open. */
    async getAssessment(actor: Actor, campaignCode: string, organisationCode: string) {
      const campaign = await campaignOr404(campaignCode);
      const organisation = await visibleOrganisation(actor, organisationCode);
      const criteria = await repo.listCriteria(db, campaign.id);
      let assessment = await repo.findAssessment(db, campaign.id, organisation.id);
      if (!assessment && campaign.status === 'open' && canEditAssessment(actor, organisation.id)) {
        assessment = await repo.ensureAssessment(db, campaign.id, organisation.id);
      }
      const answers = assessment ? await repo.listAnswers(db, assessment.id) : [];
      return {
        campaign,
        organisation,
        criteria,
        assessment: assessment ?? null,
        answers: new Map(answers.map((answer) => [answer.key, answer])),
        history: assessment ? await repo.listAssessmentEvents(db, assessment.id) : [],
        canEdit: campaign.status === 'open' && assessment?.status === 'draft' && canEditAssessment(actor, organisation.id),
        canSubmit: campaign.status === 'open' && assessment?.status === 'draft' && canSubmitAssessment(actor, organisation.id),
        canReopen: campaign.status === 'open' && assessment?.status === 'submitted' && canReopenAssessment(actor, organisation.id),
      };
    },

    /** Saves a draft on the version read; returns the new version. */
    async saveDraft(actor: Actor, campaignCode: string, organisationCode: string, version: number, answers: AnswerInput[]) {
      const { criteria, assessment } = await editableAssessment(actor, campaignCode, organisationCode);
      await saveInTransaction(assessment, criteria, version, actor, answers);
      return version + 1;
    },

    /**
     * Submits (the organisation manager): saves the answers sent with it (if any) on the version read, then
     * checks completeness. An incomplete questionnaire stays a saved draft and the refusal lists every
     * missing field. On success the action plan is generated from the recommendation rules.
     */
    async submit(actor: Actor, campaignCode: string, organisationCode: string, version: number, lang: Language, answers?: AnswerInput[]) {
      const { campaign, organisation, criteria, assessment } = await editableAssessment(actor, campaignCode, organisationCode);
      if (!canSubmitAssessment(actor, organisation.id)) throw new AppError(403, 'competence.submit_manager_only');
      let current = version;
      if (answers) {
        await saveInTransaction(assessment, criteria, version, actor, answers);
        current = version + 1;
      } else if (assessment.status === 'submitted') {
        throw new AppError(409, 'competence.assessment_submitted');
      } else if (assessment.version !== version) {
        throw new AppError(409, 'competence.assessment_stale');
      }
      const stored = await repo.listAnswers(db, assessment.id);
      const missing = incompleteFields(criteria, new Map(stored.map((a) => [a.key, a])), lang);
      if (missing.length) throw new AppError(400, 'competence.assessment_incomplete', { fields: missing, values: { count: missing.length } });
      const generated = await db.transaction(async (tx) => {
        if (!(await repo.markSubmitted(tx, assessment.id, current, actor.accountId))) throw new AppError(409, 'competence.assessment_stale');
        await repo.insertAssessmentEvent(tx, { assessmentId: assessment.id, event: 'submitted', actorSide: 'organisation', accountId: actor.accountId, reason: '', version: current + 1 });
        return repo.generateActionPlan(tx, assessment.id);
      });
      return { campaign, organisation, actionsGenerated: generated };
    },

    /**
     * Reopens a submitted assessment as a draft, with a mandatory reason kept in its history: the
     * organisation's manager or the competence center, while the campaign is open, on the version read.
     * From then on results and the benchmark leave it out until it is submitted again (they read submitted
     * assessments only); actions already generated stay, and a new submission adds only missing ones.
     */
    async reopen(actor: Actor, campaignCode: string, organisationCode: string, version: number, reason: string) {
      const campaign = await campaignOr404(campaignCode);
      const organisation = await visibleOrganisation(actor, organisationCode);
      if (!canReopenAssessment(actor, organisation.id)) throw new AppError(403, 'competence.reopen_forbidden');
      if (campaign.status !== 'open') throw new AppError(409, 'competence.campaign_not_open');
      const trimmed = reason.trim();
      if (!trimmed) throw new AppError(400, 'validation.failed', { fields: [{ field: 'reason', code: 'competence.validation.reasonMissing' }] });
      if (trimmed.length > 2000) throw new AppError(400, 'validation.failed', { fields: [{ field: 'reason', code: 'validation.maxLength', values: { limit: 2000 } }] });
      const assessment = await repo.findAssessment(db, campaign.id, organisation.id);
      if (!assessment || assessment.status !== 'submitted') throw new AppError(409, 'competence.not_submitted');
      // the organisation's own manager acts for it, even when they also have a regional role
      const actorSide = actor.organisationId === organisation.id || !isCompetenceCenter(actor) ? 'organisation' : 'competence_center';
      await db.transaction(async (tx) => {
        if (!(await repo.reopenAssessment(tx, assessment.id, version, actor.accountId))) throw new AppError(409, 'competence.reopen_stale');
        await repo.insertAssessmentEvent(tx, { assessmentId: assessment.id, event: 'reopened', actorSide, accountId: actor.accountId, reason: trimmed, version: version + 1 });
        // the competence center changing an organisation's assessment is a deliberate cross-organisation write:
        // it lands in that organisation's audit log too
        if (actorSide === 'competence_center') {
          await recordAudit(tx, actor, 'update', { type: 'competence_assessment', id: assessment.id, organisationId: organisation.id }, undefined, { event: 'reopened' });
        }
      });
      return { campaign, organisation, version: version + 1 };
    },

    // ---- Field observations
    async recordObservation(
      actor: Actor,
      campaignCode: string,
      organisationCode: string,
      input: { criterion: string; method: repo.ObservationMethod; observedOn: string; score: number | null; note: string },
    ) {
      if (!canRecordObservation(actor)) throw new AppError(403, 'forbidden');
      const campaign = await campaignOr404(campaignCode);
      const organisation = await organisationOr404(organisationCode);
      const criterion = (await repo.listCriteria(db, campaign.id)).find((c) => c.key === input.criterion);
      if (!criterion) {
        throw new AppError(400, 'validation.failed', { fields: [{ field: 'criterion', code: 'competence.validation.unknownCriterion', values: { criterion: input.criterion } }] });
      }
      return repo.insertObservation(db, { ...input, note: input.note.trim(), campaignId: campaign.id, organisationId: organisation.id, criterionId: criterion.id, createdBy: actor.accountId });
    },

    // ---- Results
    /**
     * One organisation's results: scores per criterion and dimension, the change since its previous
     * campaign, the mean of its peers of the same kind (only when at least MIN_PEER_GROUP submitted), field
     * observations, and the measured indicators next to them.
     */
    async organisationResults(actor: Actor, campaignCode: string, organisationCode: string) {
      const campaign = await campaignOr404(campaignCode);
      const organisation = await visibleOrganisation(actor, organisationCode);
      const criteria = await repo.listCriteria(db, campaign.id);
      const scores = await scoresOf(campaign, organisation.id);
      const previousCampaign = await repo.previousSubmittedCampaign(db, campaign, organisation.id);
      const previous = previousCampaign ? await scoresOf(previousCampaign, organisation.id) : null;
      const all = await campaignScores(campaign.id);
      const peerIds = (await repo.listOrganisationRefs(db, [...all.keys()])).filter((o) => o.kind === organisation.kind && o.id !== organisation.id).map((o) => o.id);
      const peers =
        peerIds.length >= MIN_PEER_GROUP
          ? {
              count: peerIds.length,
              dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, mean(peerIds.map((id) => all.get(id)!.dimensions[d]))])) as Record<Dimension, number | null>,
              overall: mean(peerIds.map((id) => all.get(id)!.overall)),
            }
          : null;
      const measured = await measuredIndicators(db, [organisation.id]);
      return {
        campaign,
        organisation,
        criteria,
        scores,
        previousCampaign: previous ? previousCampaign! : null,
        previous,
        changes: scores && previous ? Object.fromEntries(DIMENSIONS.map((d) => [d, change(scores.dimensions[d], previous.dimensions[d])])) as Record<Dimension, number | null> : null,
        peers,
        observations: await repo.listObservations(db, campaign.id, organisation.id),
        measured: measured.available ? { available: true as const, values: measured.byOrganisation.get(organisation.id) ?? {} } : { available: false as const },
        canObserve: canRecordObservation(actor),
      };
    },

    /** The regional view: distributions, strengths and weaknesses, organisations compared with peers of their kind. */
    async regionalView(actor: Actor, campaignCode: string) {
      if (!canViewRegion(actor)) throw new AppError(403, 'forbidden');
      const campaign = await campaignOr404(campaignCode);
      const criteria = await repo.listCriteria(db, campaign.id);
      const all = await campaignScores(campaign.id);
      const organisations = await repo.listOrganisationRefs(db, [...all.keys()]);
      const dimensionDistributions = Object.fromEntries(DIMENSIONS.map((d) => [d, distribution([...all.values()].map((s) => s.dimensions[d]))])) as Record<Dimension, ReturnType<typeof distribution>>;
      const criterionDistributions = criteria.map((criterion) => ({
        criterion,
        distribution: distribution([...all.values()].map((s) => s.criteria[criterion.key])),
        below50: [...all.values()].filter((s) => (s.criteria[criterion.key] ?? 0) < 50).length,
      }));
      const { strengths, weaknesses } = strengthsAndWeaknesses(criterionDistributions.map((c) => ({ key: c.criterion.key, mean: c.distribution.mean })));
      const measured: MeasuredIndicators = await measuredIndicators(db, organisations.map((o) => o.id));
      const groupOf = (kind: string) => (kind === 'commune' || kind === 'cpas' || kind === 'regional' ? kind : 'other');
      const groups = ['commune', 'cpas', 'regional', 'other'].map((group) => {
        const members = organisations.filter((o) => groupOf(o.kind) === group);
        return {
          group,
          members: members.map((o) => ({
            organisation: o,
            scores: all.get(o.id)!,
            measured: measured.available ? measured.byOrganisation.get(o.id) ?? {} : null,
          })),
          median: Object.fromEntries(DIMENSIONS.map((d) => [d, distribution(members.map((o) => all.get(o.id)!.dimensions[d])).median])) as Record<Dimension, number | null>,
          overallMedian: distribution(members.map((o) => all.get(o.id)!.overall)).median,
        };
      }).filter((group) => group.members.length > 0);
      return {
        campaign,
        criteria,
        count: all.size,
        overall: distribution([...all.values()].map((s) => s.overall)),
        dimensionDistributions,
        criterionDistributions,
        strengths,
        weaknesses,
        groups,
        measuredAvailable: measured.available,
      };
    },

    // ---- Good practices
    listPractices: (filter: { dimension?: Dimension | undefined; place?: repo.PracticePlace | undefined } = {}) => repo.listPractices(db, filter),

    async getPractice(id: string) {
      const practice = isUuid(id) ? await repo.findPractice(db, id) : undefined;
      if (!practice) throw new AppError(404, 'competence.practice_not_found');
      return practice;
    },

    /** A new practice: its texts in French and Dutch at least (English falls back when left empty). */
    async createPractice(actor: Actor, input: repo.PracticeInput) {
      if (!canEditPractices(actor)) throw new AppError(403, 'forbidden');
      const texts = textsOrThrow({
        title: resolveText(null, 'fr', input.title, 'title'),
        description: resolveText(null, 'fr', input.description, 'description'),
        outcome: resolveText(null, 'fr', input.outcome, 'outcome'),
      });
      return repo.findPractice(db, await repo.insertPractice(db, { ...input, ...texts })) as Promise<repo.Practice>;
    },

    async updatePractice(actor: Actor, id: string, version: number, input: { title: TextInput; place: repo.PracticePlace; dimension: Dimension; description: TextInput; outcome: TextInput; sourceLabel: string; sourceUrl: string | null }, lang: Language) {
      if (!canEditPractices(actor)) throw new AppError(403, 'forbidden');
      const practice = await this.getPractice(id);
      const texts = textsOrThrow({
        title: resolveText(practice.title, lang, input.title, 'title'),
        description: resolveText(practice.description, lang, input.description, 'description'),
        outcome: resolveText(practice.outcome, lang, input.outcome, 'outcome'),
      });
      const ok = await repo.updatePractice(db, practice.id, version, {
        ...texts,
        place: input.place,
        dimension: input.dimension,
        sourceLabel: input.sourceLabel.trim(),
        sourceUrl: input.sourceUrl,
      });
      if (!ok) throw new AppError(409, 'competence.practice_stale');
      return (await repo.findPractice(db, practice.id))!;
    },

    listRules: () => repo.listRules(db),

    // ---- Action plans
    async actionPlan(actor: Actor, organisationCode: string) {
      const organisation = await visibleOrganisation(actor, organisationCode);
      return { organisation, actions: await repo.listActions(db, { organisationId: organisation.id }), canEdit: canEditActionPlan(actor, organisation.id) };
    },

    async getAction(actor: Actor, id: string) {
      const action = isUuid(id) ? await repo.findAction(db, id) : undefined;
      if (!action || !canViewOrganisation(actor, action.organisationId)) throw new AppError(404, 'competence.action_not_found');
      return action;
    },

    async updateAction(
      actor: Actor,
      id: string,
      input: { version: number; title: TextInput; owner: string; dueOn: string | null; status: repo.ActionStatus; indicator: string; targetValue: number | null; horizon: repo.Horizon },
      lang: Language,
    ) {
      const action = await this.getAction(actor, id);
      if (!canEditActionPlan(actor, action.organisationId)) throw new AppError(403, 'forbidden');
      if (!INDICATOR_KEYS.includes(input.indicator)) {
        throw new AppError(400, 'validation.failed', { fields: [{ field: 'indicator', code: 'competence.validation.unknownIndicator' }] });
      }
      const { title } = textsOrThrow({ title: resolveText(action.title, lang, input.title, 'title') });
      const ok = await repo.updateAction(db, action.id, input.version, {
        title,
        owner: input.owner.trim(),
        dueOn: input.dueOn,
        status: input.status,
        indicator: input.indicator,
        targetValue: input.targetValue,
        horizon: input.horizon,
      });
      if (!ok) throw new AppError(409, 'competence.action_stale');
      return (await repo.findAction(db, action.id))!;
    },

    async addAction(
      actor: Actor,
      organisationCode: string,
      input: { title: TextInput; owner: string; dueOn: string | null; indicator: string; targetValue: number | null; horizon: repo.Horizon; scope: repo.Scope },
      lang: Language,
    ) {
      const organisation = await visibleOrganisation(actor, organisationCode);
      if (!canEditActionPlan(actor, organisation.id)) throw new AppError(403, 'forbidden');
      if (!INDICATOR_KEYS.includes(input.indicator)) {
        throw new AppError(400, 'validation.failed', { fields: [{ field: 'indicator', code: 'competence.validation.unknownIndicator' }] });
      }
      const { title } = textsOrThrow({ title: resolveText(null, lang, input.title, 'title') });
      const id = await repo.insertAction(db, organisation.id, { ...input, title, owner: input.owner.trim(), status: 'planned' });
      return (await repo.findAction(db, id))!;
    },

    /** Runs the rules again on a submitted assessment (new rules, or after a reopened campaign). */
    async regenerateActionPlan(actor: Actor, campaignCode: string, organisationCode: string) {
      const campaign = await campaignOr404(campaignCode);
      const organisation = await visibleOrganisation(actor, organisationCode);
      if (!canEditActionPlan(actor, organisation.id)) throw new AppError(403, 'forbidden');
      const assessment = await repo.findAssessment(db, campaign.id, organisation.id);
      if (!assessment || assessment.status !== 'submitted') throw new AppError(409, 'competence.not_submitted');
      return db.transaction((tx) => repo.generateActionPlan(tx, assessment.id));
    },

    // ---- Portfolio (competence center)
    async portfolio(actor: Actor) {
      if (!canViewRegion(actor)) throw new AppError(403, 'forbidden');
      const actions = await repo.listActions(db);
      const collective = new Map<string, repo.Action[]>();
      for (const action of actions.filter((a) => a.scope === 'collective' && a.status !== 'dropped')) {
        const key = action.criterionKey ?? 'other';
        collective.set(key, [...(collective.get(key) ?? []), action]);
      }
      return {
        actions,
        projects: await repo.listProjects(db),
        collective: [...collective].map(([criterionKey, list]) => ({
          criterionKey,
          title: list[0]!.title,
          organisations: new Set(list.map((a) => a.organisationId)).size,
          ungrouped: list.filter((a) => !a.projectId).length,
          actions: list,
        })).sort((a, b) => b.organisations - a.organisations || a.criterionKey.localeCompare(b.criterionKey)),
      };
    },

    async groupCollective(actor: Actor, criterionKey: string, title: string, lang: Language) {
      if (!canViewRegion(actor)) throw new AppError(403, 'forbidden');
      // The project is named after the collective action: kept unchanged, its three languages come along.
      const source = (await repo.listActions(db, { scope: 'collective' })).find((a) => a.criterionKey === criterionKey && !a.projectId)?.title;
      const result = await db.transaction((tx) => repo.insertProjectGrouping(tx, { title: editedText(source, lang, title), criterionKey, createdBy: actor.accountId }));
      if (result.grouped === 0) throw new AppError(409, 'competence.no_collective_actions');
      return result;
    },

    // ---- Expertise requests
    async listRequests(actor: Actor) {
      return repo.listRequests(db, canViewRegion(actor) ? null : actor.organisationId);
    },

    async createRequest(actor: Actor, input: { subject: string; details: string; dimension: Dimension | null }) {
      if (!canRequestExpertise(actor, actor.organisationId)) throw new AppError(403, 'forbidden');
      const id = await repo.insertRequest(db, { ...input, subject: input.subject.trim(), details: input.details.trim(), organisationId: actor.organisationId, requestedBy: actor.accountId });
      return (await repo.findRequest(db, id))!;
    },

    async getRequest(actor: Actor, id: string) {
      const request = isUuid(id) ? await repo.findRequest(db, id) : undefined;
      if (!request || !canViewOrganisation(actor, request.organisationId)) throw new AppError(404, 'competence.request_not_found');
      return request;
    },

    async answerRequest(actor: Actor, id: string, input: { version: number; status: repo.RequestStatus; response: string }) {
      if (!canAnswerExpertise(actor)) throw new AppError(403, 'forbidden');
      const request = await this.getRequest(actor, id);
      await db.transaction(async (tx) => {
        if (!(await repo.updateRequest(tx, request.id, input.version, { status: input.status, response: input.response.trim() }))) {
          throw new AppError(409, 'competence.request_stale');
        }
        // answering writes into the requesting organisation's record: audited for it
        await recordAudit(tx, actor, 'update', { type: 'competence_expertise_request', id: request.id, organisationId: request.organisationId }, undefined, {
          fields: ['status', 'response'],
        });
      });
      return (await repo.findRequest(db, request.id))!;
    },

    // ---- Regional strategy
    strategyVersions: () => repo.listStrategyVersions(db),

    async newStrategyVersion(
      actor: Actor,
      input: { basedOn: number; note: string; objectives: Array<{ title: TextInput; previousTitle?: LocalizedText | null; indicator: string; baseline: number | null; targetValue: number; targetOn: string | null }> },
      lang: Language,
    ) {
      if (!canEditStrategy(actor)) throw new AppError(403, 'forbidden');
      const fields: FieldError[] = [];
      const titles = input.objectives.map((objective, index) => {
        if (!INDICATOR_KEYS.includes(objective.indicator)) fields.push({ field: `objectives.${index}.indicator`, code: 'competence.validation.unknownIndicator' });
        const resolved = resolveText(objective.previousTitle, lang, objective.title, `objectives.${index}.title`);
        fields.push(...resolved.errors);
        return resolved.text;
      });
      if (input.objectives.length === 0) fields.push({ field: 'objectives', code: 'competence.validation.noObjective' });
      if (fields.length) throw new AppError(400, 'validation.failed', { fields });
      const number = await db.transaction((tx) =>
        repo.insertStrategyVersion(tx, {
          expectedNumber: input.basedOn + 1,
          note: input.note.trim(),
          createdBy: actor.accountId,
          objectives: input.objectives.map((o, index) => ({ title: titles[index]!, indicator: o.indicator, baseline: o.baseline, targetValue: o.targetValue, targetOn: o.targetOn })),
        }),
      );
      if (!number) throw new AppError(409, 'competence.strategy_stale');
      return number;
    },

    /**
     * Progress of the current strategy: each objective's indicator now (maturity from the latest campaign
     * with results; measured indicators from the satisfaction module, or "no data yet"), its target, and
     * whether it is reached.
     */
    async strategyProgress() {
      const versions = await repo.listStrategyVersions(db);
      const current = versions[0] ?? null;
      const campaign = await repo.latestCampaignWithResults(db);
      const all = campaign ? await campaignScores(campaign.id) : new Map<string, Scores>();
      const organisationIds = [...all.keys()];
      const measured = await measuredIndicators(db, organisationIds.length ? organisationIds : []);
      const valueOf = (indicator: string): number | null => {
        if (indicator === 'maturity.overall') return mean([...all.values()].map((s) => s.overall));
        if (indicator.startsWith('maturity.')) return mean([...all.values()].map((s) => s.dimensions[indicator.slice(9) as Dimension]));
        if (!measured.available) return null;
        return regionalValue([...measured.byOrganisation.values()].map((values) => values[indicator]).filter((v) => v !== undefined));
      };
      const objectives = (current?.objectives ?? []).map((objective) => {
        const value = valueOf(objective.indicator);
        const definition = indicatorDefinition(objective.indicator);
        const reached = value === null ? null : definition?.higherIsBetter === false ? value <= objective.targetValue : value >= objective.targetValue;
        const progress =
          value === null || objective.baseline === null || objective.targetValue === objective.baseline
            ? null
            : Math.max(0, Math.min(100, Math.round(((value - objective.baseline) / (objective.targetValue - objective.baseline)) * 100)));
        return { objective, value, reached, progress, source: definition?.source ?? 'competence', measuredAvailable: measured.available };
      });
      return { current, versions, campaign: campaign ?? null, organisations: all.size, objectives };
    },
  };
}

export type CompetenceService = ReturnType<typeof competenceService>;
