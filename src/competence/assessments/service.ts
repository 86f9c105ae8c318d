// Assessments: drafts saved by several people with optimistic locking, submission by the manager after a field-by-field completeness check, reopening with a reason and a history; field observations; results and the regional benchmark (aggregates only, never personal data).
import type { Database } from '../../platform/db/database.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { pickText, type Language } from '../../platform/i18n/languages.ts';
import type { Actor } from '../../identity/actor.ts';
import { recordAudit } from '../../audit/service.ts';
import {
  canEditAssessment,
  canRecordObservation,
  canReopenAssessment,
  canSubmitAssessment,
  canViewRegion,
  isCompetenceCenter,
  MIN_PEER_GROUP,
} from '../authorisation.ts';
import { change, DIMENSIONS, distribution, EVIDENCE_REQUIRED_ABOVE, mean, strengthsAndWeaknesses, type Dimension } from '../scoring.ts';
import { measuredIndicators, type MeasuredIndicators } from '../indicators.ts';
import * as repo from './repository.ts';
import * as actionPlansRepo from '../action-plans/repository.ts';
import * as campaignsRepo from '../campaigns/repository.ts';
import * as sharedRepo from '../repository.ts';
import type { CompetenceLookups } from '../lookups.ts';
import { authorise } from '../../identity/guards.ts';

export interface AnswerInput {
  criterion: string;
  score: number | null;
  evidence: string;
  evidenceLinks: string[];
}

/** Fields of an answer, as named in forms, the error summary and the API's field errors. */
export const answerField = (key: string, part: 'score' | 'evidence' | 'links') => `answers.${key}.${part}`;

/** What is missing before an assessment can be submitted, one entry per field. */
export function incompleteFields(
  criteria: campaignsRepo.Criterion[],
  answers: Map<string, { score: number | null; evidence: string; evidenceLinks: string[] }>,
  lang: Language,
): FieldError[] {
  const fields: FieldError[] = [];
  for (const criterion of criteria) {
    const answer = answers.get(criterion.key);
    const label = pickText(criterion.title, lang).text;
    if (!answer || answer.score === null) {
      fields.push({ field: answerField(criterion.key, 'score'), code: 'competence.validation.scoreMissing', values: { criterion: label } });
    } else if (answer.score > EVIDENCE_REQUIRED_ABOVE && answer.evidence.trim() === '' && answer.evidenceLinks.length === 0) {
      fields.push({
        field: answerField(criterion.key, 'evidence'),
        code: 'competence.validation.evidenceMissing',
        values: { criterion: label, limit: EVIDENCE_REQUIRED_ABOVE },
      });
    }
  }
  return fields;
}

export function assessmentsService(db: Database, { campaignOr404, organisationOr404, visibleOrganisation, scoresOf, campaignScores }: CompetenceLookups) {
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
    authorise(canEditAssessment(actor, organisation.id), 'competence.assessment_not_yours');
    if (campaign.status !== 'open') throw new AppError(409, 'competence.campaign_not_open');
    const criteria = await campaignsRepo.listCriteria(db, campaign.id);
    const assessment = await repo.ensureAssessment(db, campaign.id, organisation.id);
    return { campaign, organisation, criteria, assessment };
  }

  async function saveInTransaction(
    assessment: repo.Assessment,
    criteria: campaignsRepo.Criterion[],
    version: number,
    actor: Actor,
    answers: AnswerInput[],
    after?: (tx: Parameters<Parameters<Database['transaction']>[0]>[0]) => Promise<void>,
  ) {
    const byKey = new Map(criteria.map((criterion) => [criterion.key, criterion]));
    const unknown = answers.filter((answer) => !byKey.has(answer.criterion));
    if (unknown.length) {
      throw new AppError(400, 'validation.failed', {
        fields: unknown.map((answer) => ({
          field: `answers.${answer.criterion}`,
          code: 'competence.validation.unknownCriterion',
          values: { criterion: answer.criterion },
        })),
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
        answers.map((answer) => ({
          criterionId: byKey.get(answer.criterion)!.id,
          score: answer.score,
          evidence: answer.evidence.trim(),
          evidenceLinks: answer.evidenceLinks,
        })),
      );
      if (!saved) throw new AppError(409, 'competence.assessment_stale');
      await after?.(tx);
    });
  }

  return {
    // ---- Assessments
    /** The questionnaire with the organisation's answers; its own people get a draft created when the campaign is open. */
    async getAssessment(actor: Actor, campaignCode: string, organisationCode: string) {
      const campaign = await campaignOr404(campaignCode);
      const organisation = await visibleOrganisation(actor, organisationCode);
      const criteria = await campaignsRepo.listCriteria(db, campaign.id);
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
      authorise(canSubmitAssessment(actor, organisation.id), 'competence.submit_manager_only');
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
        await repo.insertAssessmentEvent(tx, {
          assessmentId: assessment.id,
          event: 'submitted',
          actorSide: 'organisation',
          accountId: actor.accountId,
          reason: '',
          version: current + 1,
        });
        return actionPlansRepo.generateActionPlan(tx, assessment.id);
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
      authorise(canReopenAssessment(actor, organisation.id), 'competence.reopen_forbidden');
      if (campaign.status !== 'open') throw new AppError(409, 'competence.campaign_not_open');
      const trimmed = reason.trim();
      if (!trimmed) throw new AppError(400, 'validation.failed', { fields: [{ field: 'reason', code: 'competence.validation.reasonMissing' }] });
      if (trimmed.length > 2000)
        throw new AppError(400, 'validation.failed', { fields: [{ field: 'reason', code: 'validation.maxLength', values: { limit: 2000 } }] });
      const assessment = await repo.findAssessment(db, campaign.id, organisation.id);
      if (!assessment || assessment.status !== 'submitted') throw new AppError(409, 'competence.not_submitted');
      // the organisation's own manager acts for it, even when they also have a regional role
      const actorSide = actor.organisationId === organisation.id || !isCompetenceCenter(actor) ? 'organisation' : 'competence_center';
      await db.transaction(async (tx) => {
        if (!(await repo.reopenAssessment(tx, assessment.id, version, actor.accountId))) throw new AppError(409, 'competence.reopen_stale');
        await repo.insertAssessmentEvent(tx, {
          assessmentId: assessment.id,
          event: 'reopened',
          actorSide,
          accountId: actor.accountId,
          reason: trimmed,
          version: version + 1,
        });
        // the competence center changing an organisation's assessment is a deliberate cross-organisation write:
        // it lands in that organisation's audit log too
        if (actorSide === 'competence_center') {
          await recordAudit(tx, actor, 'update', { type: 'competence_assessment', id: assessment.id, organisationId: organisation.id }, undefined, {
            event: 'reopened',
          });
        }
      });
      return { campaign, organisation, version: version + 1 };
    },

    // ---- Field observations
    async recordObservation(
      actor: Actor,
      campaignCode: string,
      organisationCode: string,
      input: { criterion: string; method: sharedRepo.ObservationMethod; observedOn: string; score: number | null; note: string },
    ) {
      authorise(canRecordObservation(actor));
      const campaign = await campaignOr404(campaignCode);
      const organisation = await organisationOr404(organisationCode);
      const criterion = (await campaignsRepo.listCriteria(db, campaign.id)).find((c) => c.key === input.criterion);
      if (!criterion) {
        throw new AppError(400, 'validation.failed', {
          fields: [{ field: 'criterion', code: 'competence.validation.unknownCriterion', values: { criterion: input.criterion } }],
        });
      }
      return repo.insertObservation(db, {
        ...input,
        note: input.note.trim(),
        campaignId: campaign.id,
        organisationId: organisation.id,
        criterionId: criterion.id,
        createdBy: actor.accountId,
      });
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
      const criteria = await campaignsRepo.listCriteria(db, campaign.id);
      const scores = await scoresOf(campaign, organisation.id);
      const previousCampaign = await repo.previousSubmittedCampaign(db, campaign, organisation.id);
      const previous = previousCampaign ? await scoresOf(previousCampaign, organisation.id) : null;
      const all = await campaignScores(campaign.id);
      const peerIds = (await sharedRepo.listOrganisationRefs(db, [...all.keys()]))
        .filter((o) => o.kind === organisation.kind && o.id !== organisation.id)
        .map((o) => o.id);
      const peers =
        peerIds.length >= MIN_PEER_GROUP
          ? {
              count: peerIds.length,
              dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, mean(peerIds.map((id) => all.get(id)!.dimensions[d]))])) as Record<
                Dimension,
                number | null
              >,
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
        changes:
          scores && previous
            ? (Object.fromEntries(DIMENSIONS.map((d) => [d, change(scores.dimensions[d], previous.dimensions[d])])) as Record<Dimension, number | null>)
            : null,
        peers,
        observations: await repo.listObservations(db, campaign.id, organisation.id),
        measured: measured.available ? { available: true as const, values: measured.byOrganisation.get(organisation.id) ?? {} } : { available: false as const },
        canObserve: canRecordObservation(actor),
      };
    },

    /** The regional view: distributions, strengths and weaknesses, organisations compared with peers of their kind. */
    async regionalView(actor: Actor, campaignCode: string) {
      authorise(canViewRegion(actor));
      const campaign = await campaignOr404(campaignCode);
      const criteria = await campaignsRepo.listCriteria(db, campaign.id);
      const all = await campaignScores(campaign.id);
      const organisations = await sharedRepo.listOrganisationRefs(db, [...all.keys()]);
      const dimensionDistributions = Object.fromEntries(DIMENSIONS.map((d) => [d, distribution([...all.values()].map((s) => s.dimensions[d]))])) as Record<
        Dimension,
        ReturnType<typeof distribution>
      >;
      const criterionDistributions = criteria.map((criterion) => ({
        criterion,
        distribution: distribution([...all.values()].map((s) => s.criteria[criterion.key])),
        below50: [...all.values()].filter((s) => (s.criteria[criterion.key] ?? 0) < 50).length,
      }));
      const { strengths, weaknesses } = strengthsAndWeaknesses(criterionDistributions.map((c) => ({ key: c.criterion.key, mean: c.distribution.mean })));
      const measured: MeasuredIndicators = await measuredIndicators(
        db,
        organisations.map((o) => o.id),
      );
      const groupOf = (kind: string) => (kind === 'commune' || kind === 'cpas' || kind === 'regional' ? kind : 'other');
      const groups = ['commune', 'cpas', 'regional', 'other']
        .map((group) => {
          const members = organisations.filter((o) => groupOf(o.kind) === group);
          return {
            group,
            members: members.map((o) => ({
              organisation: o,
              scores: all.get(o.id)!,
              measured: measured.available ? (measured.byOrganisation.get(o.id) ?? {}) : null,
            })),
            median: Object.fromEntries(DIMENSIONS.map((d) => [d, distribution(members.map((o) => all.get(o.id)!.dimensions[d])).median])) as Record<
              Dimension,
              number | null
            >,
            overallMedian: distribution(members.map((o) => all.get(o.id)!.overall)).median,
          };
        })
        .filter((group) => group.members.length > 0);
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
  };
}
