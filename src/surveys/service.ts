// The rules of custom surveys: who builds which survey, editing with optimistic locking (one version per
// survey, bumped by every change of it or its questions), opening only when French and Dutch are complete,
// anonymous responses by public link (throttled) or by invitation after a contact (sampled, one response
// per token), results per question with suppression outside the owner, and the audited raw export.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Database, Queryable } from '../platform/db/database.ts';
import { AppError, type FieldError } from '../platform/http/errors.ts';
import type { Language, LocalizedText } from '../platform/i18n/languages.ts';
import type { Actor } from '../identity/actor.ts';
import { hasRole } from '../identity/actor.ts';
import { recordAuditEntry } from '../audit/service.ts';
import * as repo from './repository.ts';
import {
  availability,
  CHANNELS,
  completeness,
  openingProblems,
  questionProblems,
  slugFor,
  validateResponse,
  MAX_QUESTIONS,
  type QuestionFields,
  type RawAnswerSource,
  type SurveyQuestion,
  type SurveyRecord,
} from './model.ts';
import { computeResults, organisationBreakdown } from './results.ts';
import { isFiltered, parseResultFilters, periodBounds, type ResultFilterQuery, type ResultFilters } from './filters.ts';
import {
  canCreateSurvey,
  canExportRawAnswers,
  canManageSurvey,
  canViewSurveyResults,
  seesSmallSurveyCells,
  usesSurveys,
  type SurveyOwner,
} from './authorisation.ts';
import { isUuid } from '../platform/http/schemas.ts';
import { authorise } from '../identity/guards.ts';

/**
 * The privacy service's filter of users' free texts for an aggregate role (`privacy.regionalTextFilter`, decision
 * 0049): a regional survey's texts come from many organisations' users, so they are shown only as it allows.
 */
export type RegionalTextFilter = (organisationId: string | null, text: string | null) => string | null;

/** How a survey's free texts are shown: an organisation's own survey as written, a regional one through the filter (none without). */
function textsShown(
  survey: { organisationId: string | null },
  regionalText: RegionalTextFilter | undefined,
): (organisationId: string | null, text: string) => string | null {
  if (survey.organisationId !== null) return (_organisationId, text) => text;
  return (organisationId, text) => (regionalText ? regionalText(organisationId, text) : null);
}

export { CHANNELS } from './model.ts';
/** How long an invitation after a contact can be answered (never after the survey closes). */
export const INVITATION_VALIDITY_DAYS = 30;
/** Public link: at most this many responses per client address per survey per window. */
export const LINK_LIMIT = 20;
export const LINK_WINDOW_SECONDS = 3600;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SurveySettings {
  title: LocalizedText;
  intro: LocalizedText;
  opensAt: Date | null;
  closesAt: Date | null;
  linkEnabled: boolean;
  samplingRate: number;
  channels: string[];
}

export interface InviteInput {
  organisationId: string;
  channel: string;
  language: Language;
  /** The contact that causes the invitation (a contact is invited at most once per survey). */
  source: { kind: string; id: string };
}

const cleanText = (text: LocalizedText | undefined): LocalizedText =>
  Object.fromEntries(
    Object.entries(text ?? {})
      .map(([lang, value]) => [lang, (value ?? '').trim()])
      .filter(([, value]) => value !== ''),
  ) as LocalizedText;

function cleanQuestion(fields: QuestionFields): QuestionFields {
  const items = (list: QuestionFields['options']) => list.map((item) => ({ value: item.value, label: cleanText(item.label) }));
  const hasOptions = fields.kind === 'single' || fields.kind === 'multiple' || fields.kind === 'matrix';
  const scaled = fields.kind === 'rating' || fields.kind === 'nps';
  return {
    kind: fields.kind,
    required: fields.required,
    text: cleanText(fields.text),
    help: cleanText(fields.help),
    options: hasOptions ? items(fields.options) : [],
    rows: fields.kind === 'matrix' ? items(fields.rows) : [],
    scaleMin: fields.kind === 'rating' ? (fields.scaleMin ?? 1) : null,
    scaleMax: fields.kind === 'rating' ? (fields.scaleMax ?? 5) : null,
    scaleLabels: scaled
      ? {
          ...(fields.scaleLabels.min ? { min: cleanText(fields.scaleLabels.min) } : {}),
          ...(fields.scaleLabels.max ? { max: cleanText(fields.scaleLabels.max) } : {}),
        }
      : {},
  };
}

export function surveysService(db: Database, options: { publicUrl: string }) {
  /** A survey the actor may see (results at least); another organisation's survey is "not found". */
  async function visibleSurvey(actor: Actor, id: string): Promise<SurveyRecord> {
    const survey = /^[0-9a-f-]{36}$/.test(id) ? await repo.findSurvey(db, id) : undefined;
    if (!survey || !canViewSurveyResults(actor, survey)) throw new AppError(404, 'surveys.not_found');
    return survey;
  }

  async function managedSurvey(actor: Actor, id: string): Promise<SurveyRecord> {
    const survey = await visibleSurvey(actor, id);
    authorise(canManageSurvey(actor, survey));
    return survey;
  }

  /** Runs a change of the survey in one transaction, after checking and bumping its version (409 if stale). */
  async function change<T>(survey: SurveyRecord, version: number, fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return db.transaction(async (tx) => {
      if (!(await repo.bumpVersion(tx, survey.id, version))) throw new AppError(409, 'surveys.stale');
      return fn(tx);
    });
  }

  function requireDraft(survey: SurveyRecord) {
    if (survey.status !== 'draft') throw new AppError(409, 'surveys.not_draft');
  }

  async function questionOf(survey: SurveyRecord, questionId: string): Promise<SurveyQuestion> {
    const question = (await repo.listQuestions(db, survey.id)).find((q) => q.id === questionId);
    if (!question) throw new AppError(404, 'surveys.question_not_found');
    return question;
  }

  function checkQuestion(fields: QuestionFields) {
    const problems = questionProblems(fields);
    if (problems.length) throw new AppError(400, 'validation.failed', { fields: problems });
  }

  /** The public survey behind a slug, if its link is published; availability decides 404/410. */
  async function publicSurvey(slug: string) {
    const survey = slug.length <= 80 ? await repo.findSurveyBySlug(db, slug) : undefined;
    if (!survey || !survey.linkEnabled || survey.status === 'draft') throw new AppError(404, 'surveys.not_found');
    return survey;
  }

  function answerable(survey: SurveyRecord) {
    const state = availability(survey);
    if (state === 'scheduled' || state === 'draft') throw new AppError(404, 'surveys.not_yet_open');
    if (state === 'closed') throw new AppError(410, 'surveys.closed');
  }

  async function invitationOr404(token: string) {
    const invitation = token.length <= 200 ? await repo.findInvitation(db, hashToken(token)) : undefined;
    if (!invitation) throw new AppError(404, 'surveys.invitation_not_found');
    const survey = (await repo.findSurvey(db, invitation.surveyId))!;
    return { invitation, survey };
  }

  async function audit(actor: Actor, action: 'read' | 'export', survey: SurveyRecord, requestId: string | undefined, details: Record<string, unknown>) {
    await recordAuditEntry(db, {
      actorAccountId: actor.accountId,
      actorOrganisationId: actor.organisationId,
      action,
      subjectType: 'survey_answers',
      subjectId: survey.id,
      organisationId: survey.organisationId,
      requestId: requestId ?? null,
      details,
    });
  }

  const service = {
    /** The free texts answered after a person's requests or visits, for a data subject request (src/privacy, issue 18). */
    /** The survey invitations of a signed-in citizen's requests and appointments (src/citizens). */
    invitationsOfSources: (sourceIds: string[]) => repo.invitationsOfSources(db, sourceIds),
    personalData: {
      export: (q: Queryable, sourceIds: string[]) => repo.surveyTextsOfSources(q, sourceIds),
      erase: (tx: Queryable, sourceIds: string[]) => repo.eraseSurveyTexts(tx, sourceIds),
      eraseBefore: (tx: Queryable, organisationId: string, days: number) => repo.eraseSurveyTextsBefore(tx, organisationId, days),
    },
    /** The surveys an actor works with: their organisation's, and the regional ones for the competence center. */
    async list(actor: Actor) {
      authorise(usesSurveys(actor));
      const all = hasRole(actor, 'platform_admin', 'regional_analyst');
      const surveys = await repo.listSurveys(db, { organisationId: actor.organisationId, regional: all, all });
      return surveys
        .filter((survey) => canViewSurveyResults(actor, survey))
        .map((survey) => ({ ...survey, state: availability(survey), manageable: canManageSurvey(actor, survey) }));
    },

    /** The question bank and templates (methodological support). */
    async bank() {
      const [questions, templates] = await Promise.all([repo.listBank(db), repo.listTemplates(db)]);
      return { questions, templates };
    },

    /** A new draft, blank or from a template (its questions are copied from the bank). */
    async create(
      actor: Actor,
      input: { owner: SurveyOwner; title: LocalizedText; intro?: LocalizedText | undefined; templateCode?: string | undefined },
    ): Promise<{ id: string; slug: string }> {
      authorise(canCreateSurvey(actor, input.owner));
      let title = cleanText(input.title);
      let codes: string[] = [];
      if (input.templateCode) {
        const template = (await repo.listTemplates(db)).find((candidate) => candidate.code === input.templateCode);
        if (!template) throw new AppError(400, 'validation.failed', { fields: [{ field: 'templateCode', code: 'validation.invalid' }] });
        codes = template.questionCodes;
        if (!Object.keys(title).length) title = template.title;
      }
      if (!Object.keys(title).length) throw new AppError(400, 'validation.failed', { fields: [{ field: 'title.fr', code: 'surveys.titleRequired' }] });
      const slug = slugFor(title, randomBytes(4).toString('hex').slice(0, 6));
      const bank = await repo.findBankQuestions(db, codes);
      const id = await db.transaction(async (tx) => {
        const surveyId = await repo.insertSurvey(tx, {
          slug,
          organisationId: input.owner === 'region' ? null : actor.organisationId,
          title,
          intro: cleanText(input.intro),
          templateCode: input.templateCode ?? null,
          createdBy: actor.accountId,
        });
        for (const question of bank) await repo.insertQuestion(tx, surveyId, { ...question, bankCode: question.code });
        return surveyId;
      });
      return { id, slug };
    },

    /** A survey with its questions and completeness per language. */
    async get(actor: Actor, id: string) {
      const survey = await visibleSurvey(actor, id);
      const questions = await repo.listQuestions(db, survey.id);
      return {
        survey,
        state: availability(survey),
        questions,
        completeness: completeness(survey, questions),
        openingProblems: openingProblems(survey, questions),
        manageable: canManageSurvey(actor, survey),
      };
    },

    async updateSettings(actor: Actor, id: string, version: number, settings: SurveySettings): Promise<void> {
      const survey = await managedSurvey(actor, id);
      const fields: FieldError[] = [];
      const title = cleanText(settings.title);
      if (!Object.keys(title).length) fields.push({ field: 'title.fr', code: 'surveys.titleRequired' });
      if (settings.opensAt && settings.closesAt && settings.closesAt.getTime() <= settings.opensAt.getTime())
        fields.push({ field: 'closesAt', code: 'surveys.closesBeforeOpens' });
      if (!Number.isInteger(settings.samplingRate) || settings.samplingRate < 0 || settings.samplingRate > 100)
        fields.push({ field: 'samplingRate', code: 'validation.maximum', values: { limit: 100 } });
      if (settings.channels.some((channel) => !(CHANNELS as readonly string[]).includes(channel)))
        fields.push({ field: 'channels', code: 'validation.enum', values: { allowedValues: CHANNELS.join(', ') } });
      if (fields.length) throw new AppError(400, 'validation.failed', { fields });
      await change(survey, version, (tx) =>
        repo.updateSettings(tx, survey.id, { ...settings, title, intro: cleanText(settings.intro), channels: [...new Set(settings.channels)] }),
      );
    },

    /** Adds a question from the bank (a copy) or written by hand, at the end; drafts only. */
    async addQuestion(actor: Actor, id: string, version: number, input: { bankCode: string } | QuestionFields): Promise<string> {
      const survey = await managedSurvey(actor, id);
      requireDraft(survey);
      if ((await repo.listQuestions(db, survey.id)).length >= MAX_QUESTIONS) {
        throw new AppError(400, 'validation.failed', { fields: [{ field: 'questions', code: 'validation.maxItems', values: { limit: MAX_QUESTIONS } }] });
      }
      let fields: QuestionFields & { bankCode?: string };
      if ('bankCode' in input) {
        const [entry] = await repo.findBankQuestions(db, [input.bankCode]);
        if (!entry) throw new AppError(400, 'validation.failed', { fields: [{ field: 'bankCode', code: 'validation.invalid' }] });
        fields = { ...entry, bankCode: entry.code };
      } else {
        fields = cleanQuestion(input);
        checkQuestion(fields);
      }
      return change(survey, version, (tx) => repo.insertQuestion(tx, survey.id, fields));
    },

    async updateQuestion(actor: Actor, id: string, questionId: string, version: number, input: QuestionFields): Promise<void> {
      const survey = await managedSurvey(actor, id);
      requireDraft(survey);
      const existing = await questionOf(survey, questionId);
      const fields = cleanQuestion({ ...input, kind: existing.kind });
      checkQuestion(fields);
      await change(survey, version, (tx) => repo.updateQuestion(tx, questionId, fields));
    },

    async deleteQuestion(actor: Actor, id: string, questionId: string, version: number): Promise<void> {
      const survey = await managedSurvey(actor, id);
      requireDraft(survey);
      await questionOf(survey, questionId);
      await change(survey, version, async (tx) => {
        await repo.deleteQuestion(tx, questionId);
        await repo.setPositions(
          tx,
          survey.id,
          (await repo.listQuestions(tx, survey.id)).map((q) => q.id),
        );
      });
    },

    /** Moves a question one place up or down. */
    async moveQuestion(actor: Actor, id: string, questionId: string, version: number, direction: 'up' | 'down'): Promise<void> {
      const survey = await managedSurvey(actor, id);
      requireDraft(survey);
      await questionOf(survey, questionId);
      await change(survey, version, async (tx) => {
        const ids = (await repo.listQuestions(tx, survey.id)).map((q) => q.id);
        const index = ids.indexOf(questionId);
        const target = direction === 'up' ? index - 1 : index + 1;
        if (target < 0 || target >= ids.length) return;
        [ids[index], ids[target]] = [ids[target]!, ids[index]!];
        await repo.setPositions(tx, survey.id, ids);
      });
    },

    /** Opens a survey (from its opening date, if any): French and Dutch must be complete. */
    async open(actor: Actor, id: string, version: number): Promise<void> {
      const survey = await managedSurvey(actor, id);
      if (survey.status === 'open') throw new AppError(409, 'surveys.already_open');
      const questions = await repo.listQuestions(db, survey.id);
      const problems = openingProblems(survey, questions);
      if (survey.closesAt && survey.closesAt.getTime() <= Date.now()) problems.push({ field: 'closesAt', code: 'surveys.open.closesInPast' });
      if (problems.length) throw new AppError(400, 'validation.failed', { fields: problems });
      await change(survey, version, (tx) => repo.setStatus(tx, survey.id, 'open'));
    },

    async close(actor: Actor, id: string, version: number): Promise<void> {
      const survey = await managedSurvey(actor, id);
      if (survey.status !== 'open') throw new AppError(409, 'surveys.not_open');
      await change(survey, version, (tx) => repo.setStatus(tx, survey.id, 'closed'));
    },

    /** A draft without responses can be deleted. */
    async remove(actor: Actor, id: string, version: number): Promise<void> {
      const survey = await managedSurvey(actor, id);
      requireDraft(survey);
      if (survey.responses > 0) throw new AppError(409, 'surveys.has_responses');
      await change(survey, version, (tx) => repo.deleteSurvey(tx, survey.id));
    },

    /**
     * Results per question, of the responses the filters keep (docs/decisions/0017); outside the owner,
     * questions answered fewer than 10 times in that set are suppressed. A regional survey also gets its
     * responses per organisation (period and source filters applied, not the organisation one).
     */
    async results(actor: Actor, id: string, requestId?: string, query: ResultFilterQuery = {}, regionalText?: RegionalTextFilter) {
      const survey = await visibleSurvey(actor, id);
      const suppress = !seesSmallSurveyCells(actor, survey);
      const regional = survey.organisationId === null;
      const { filters, errors } = parseResultFilters(query);
      let organisation: { id: string; code: string; name: LocalizedText } | undefined;
      if (filters.organisation && !regional) errors.push({ field: 'organisation', code: 'surveys.filter.regionalOnly' });
      else if (filters.organisation) {
        organisation = await repo.findOrganisation(db, filters.organisation, isUuid(filters.organisation));
        if (!organisation) errors.push({ field: 'organisation', code: 'surveys.filter.unknownOrganisation' });
      }
      if (errors.length) throw new AppError(400, 'validation.failed', { fields: errors });

      const filter: repo.ResponseFilter = { ...periodBounds(filters), source: filters.source, organisationId: null };
      const byOrganisation = regional ? organisationBreakdown(await repo.organisationCounts(db, survey.id, filter), { suppress }) : null;
      if (organisation) {
        // An organisation hidden in the breakdown stays hidden: its results would give its count away.
        const row = byOrganisation!.find((candidate) => candidate.organisationId === organisation.id);
        if (row?.suppressed)
          throw new AppError(400, 'validation.failed', { fields: [{ field: 'organisation', code: 'surveys.filter.organisationSuppressed' }] });
        filter.organisationId = organisation.id;
      }
      const [questions, counts, respondents, summary] = await Promise.all([
        repo.listQuestions(db, survey.id),
        repo.answerCounts(db, survey.id, filter),
        repo.respondentCounts(db, survey.id, filter),
        repo.responseSummary(db, survey.id, filter),
      ]);
      const results = computeResults(questions, counts, respondents, { suppress });
      const applied: ResultFilters = { ...filters, organisation: organisation?.code ?? null };
      // The owner reads the latest free texts (scrubbed, but written by people): audited.
      const texts: Record<string, string[]> = {};
      if (canExportRawAnswers(actor, survey)) {
        const shown = textsShown(survey, regionalText);
        for (const question of questions.filter((q) => q.kind === 'text')) {
          const latest = await repo.latestTexts(db, survey.id, question.id, 20, filter);
          texts[question.id] = latest.map((row) => shown(row.organisationId, row.text)).filter((text): text is string => text !== null);
        }
        const count = Object.values(texts).reduce((sum, list) => sum + list.length, 0);
        if (count) await audit(actor, 'read', survey, requestId, isFiltered(applied) ? { texts: count, filters: applied } : { texts: count });
      }
      return {
        survey,
        state: availability(survey),
        questions,
        summary,
        suppressed: suppress,
        results,
        texts,
        filters: applied,
        organisation: organisation ?? null,
        byOrganisation,
      };
    },

    /** The anonymised raw answers, for the owner only (audited export). */
    async rawAnswers(actor: Actor, id: string, requestId?: string, regionalText?: RegionalTextFilter) {
      const survey = await visibleSurvey(actor, id);
      authorise(canExportRawAnswers(actor, survey));
      const [questions, rows] = await Promise.all([repo.listQuestions(db, survey.id), repo.rawAnswers(db, survey.id)]);
      const shown = textsShown(survey, regionalText);
      const responses = new Map<string, { day: string; language: string; via: string; channel: string | null; answers: Map<string, string[]> }>();
      for (const row of rows) {
        let response = responses.get(row.responseId);
        if (!response) {
          response = { day: row.day, language: row.language, via: row.via, channel: row.channel, answers: new Map() };
          responses.set(row.responseId, response);
        }
        if (!row.questionId) continue;
        const key = row.rowKey ? `${row.questionId}.${row.rowKey}` : row.questionId;
        const text = row.text === null ? null : (shown(row.organisationId, row.text) ?? '');
        const value = text ?? row.choice ?? (row.number === null ? '' : String(row.number));
        response.answers.set(key, [...(response.answers.get(key) ?? []), value]);
      }
      await audit(actor, 'export', survey, requestId, { responses: responses.size });
      return { survey, questions, responses: [...responses.values()] };
    },

    // ---- respondents

    /** The public questionnaire of a link (404 unknown / unpublished / not yet open, 410 closed). */
    async publicQuestionnaire(slug: string) {
      const survey = await publicSurvey(slug);
      return { survey, state: availability(survey), questions: await repo.listQuestions(db, survey.id) };
    },

    /** Records a response through the public link; throttled per client address (hashed, never stored as such). */
    async submitByLink(slug: string, address: string, language: Language, source: RawAnswerSource): Promise<SurveyRecord> {
      const survey = await publicSurvey(slug);
      answerable(survey);
      const questions = await repo.listQuestions(db, survey.id);
      const { items, errors } = validateResponse(questions, source);
      if (errors.length) throw new AppError(400, 'validation.failed', { fields: errors });
      const addressHash = createHash('sha256').update(`survey:${survey.id}:${address}`).digest('hex').slice(0, 24);
      await db.transaction(async (tx) => {
        const hits = await repo.countLinkHit(tx, survey.id, addressHash, LINK_WINDOW_SECONDS);
        // A new window for this address: the survey's counters older than a day go (no housekeeping job needed).
        if (hits === 1) await repo.purgeLinkThrottle(tx, survey.id);
        if (hits > LINK_LIMIT) {
          throw new AppError(429, 'surveys.too_many_responses', { headers: { 'retry-after': String(LINK_WINDOW_SECONDS) } });
        }
        await repo.insertResponse(tx, { surveyId: survey.id, invitationId: null, organisationId: null, channel: null, language, items });
      });
      return survey;
    },

    /** The questionnaire of an invitation after a contact. */
    async invitationQuestionnaire(token: string) {
      const { invitation, survey } = await invitationOr404(token);
      const state = invitation.answeredAt ? ('answered' as const) : invitation.expiresAt.getTime() <= Date.now() ? ('expired' as const) : availability(survey);
      return { survey, invitation, state, questions: await repo.listQuestions(db, survey.id) };
    },

    /** Records the one response of an invitation: once; a replay (even concurrent) is 409. */
    async submitByInvitation(token: string, language: Language, source: RawAnswerSource): Promise<SurveyRecord> {
      const { invitation, survey } = await invitationOr404(token);
      if (invitation.answeredAt) throw new AppError(409, 'surveys.already_answered');
      answerable(survey);
      const questions = await repo.listQuestions(db, survey.id);
      const { items, errors } = validateResponse(questions, source);
      if (errors.length) throw new AppError(400, 'validation.failed', { fields: errors });
      await db.transaction(async (tx) => {
        const claimed = await repo.claimInvitation(tx, hashToken(token));
        if (!claimed) {
          const again = await repo.findInvitation(tx, hashToken(token));
          if (again?.answeredAt) throw new AppError(409, 'surveys.already_answered');
          throw new AppError(410, 'surveys.invitation_expired');
        }
        await repo.insertResponse(tx, {
          surveyId: survey.id,
          invitationId: claimed.id,
          organisationId: claimed.organisationId,
          channel: claimed.channel,
          language,
          items,
        });
      });
      return survey;
    },

    /**
     * THE SEAM for after-contact distribution: call it in the transaction that closes a contact (next to
     * createFeedbackInvitation). Among the open surveys of the organisation (and the regional ones) that
     * sample this channel, draws against each sampling rate in turn and invites to at most one; returns the
     * link to send or show, or null. A contact is invited at most once per survey.
     */
    async maybeInvite(
      tx: Queryable,
      input: InviteInput,
      draw: () => number = () => randomInt(0, 10_000) / 100,
    ): Promise<{ surveyId: string; token: string; url: string } | null> {
      const language: Language = input.language === 'nl' || input.language === 'en' ? input.language : 'fr';
      for (const survey of await repo.samplingSurveys(tx, input.organisationId, input.channel)) {
        if (draw() >= survey.samplingRate) continue;
        const token = randomBytes(24).toString('base64url');
        const limit = Date.now() + INVITATION_VALIDITY_DAYS * 86_400_000;
        const expiresAt = new Date(survey.closesAt ? Math.min(survey.closesAt.getTime(), limit) : limit);
        const created = await repo.insertInvitation(tx, {
          surveyId: survey.id,
          tokenHash: hashToken(token),
          organisationId: input.organisationId,
          channel: input.channel,
          language,
          sourceKind: input.source.kind,
          sourceId: input.source.id,
          expiresAt,
        });
        return created ? { surveyId: survey.id, token, url: `${options.publicUrl}/${language}/surveys/invitations/${token}` } : null;
      }
      return null;
    },
  };
  return service;
}

export type SurveysService = ReturnType<typeof surveysService>;
export type SurveyDetail = Awaited<ReturnType<SurveysService['get']>>;
export type SurveyResults = Awaited<ReturnType<SurveysService['results']>>;
export type SurveyListEntry = Awaited<ReturnType<SurveysService['list']>>[number];
export type SurveyBank = Awaited<ReturnType<SurveysService['bank']>>;
