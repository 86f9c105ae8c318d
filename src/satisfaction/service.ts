// The rules of satisfaction measurement: invitations after a contact (the seam other modules call), one
// answer per invitation, scrubbed comments, incremental indicators, and who sees which figures.
import type { EventSink } from '../integrations/service.ts';
import { createHash, randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../platform/db/database.ts';
import { AppError, type FieldError } from '../platform/http/errors.ts';
import type { Language, LocalizedText } from '../platform/i18n/languages.ts';
import { recordAuditEntry } from '../audit/service.ts';
import type { Actor } from '../identity/actor.ts';
import * as repo from './repository.ts';
import { addSums, answerContribution, computeIndicators, EMPTY_SUMS, type AggregateSums, type Indicators } from './indicators.ts';
import { cleanComment } from './scrub.ts';
import {
  canMakeFeedbackLink,
  canReadFeedbackComments,
  canReadReleasedComments,
  canViewOrganisationSatisfaction,
  canViewRegionalSatisfaction,
  seesSmallCells,
} from './authorisation.ts';
import { COMMENT_MAX_LENGTH, type FeedbackAnswerInput } from './questionnaire.ts';
import { authorise } from '../identity/guards.ts';

/** How long an invitation link can be answered. */
/** The privacy service's filter of users' free texts for an aggregate role (`privacy.regionalTextFilter`). */
export type RegionalTextFilter = (organisationId: string | null, text: string | null) => string | null;

export const INVITATION_VALIDITY_DAYS = 60;

export interface FeedbackInvitationInput {
  organisationId: string;
  serviceCode?: string | null | undefined;
  channel: repo.Channel;
  contactPointId?: string | null | undefined;
  contactAt: Date;
  language: Language;
  source: { kind: 'request' | 'visit' | 'appointment' | 'link' | 'demo'; id: string };
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * THE SEAM for the contact center (closed request) and the counters (finished visit, kept appointment):
 * call it inside the transaction that closes the contact; send or show the returned link. The invitation
 * is tied to the contact's organisation, service, channel, contact point and date, never to the person.
 * Inviting the same source again gives a new link (the previous one stops working); an answered
 * invitation stays answered. Throws AppError 400 for a service code or contact point that does not exist.
 */
export async function createFeedbackInvitation(tx: Queryable, input: FeedbackInvitationInput, baseUrl = ''): Promise<{ token: string; url: string }> {
  const fields: FieldError[] = [];
  if (!(repo.CHANNELS as readonly string[]).includes(input.channel))
    fields.push({ field: 'channel', code: 'validation.enum', values: { allowedValues: repo.CHANNELS.join(', ') } });
  if (input.serviceCode && !(await repo.serviceExists(tx, input.serviceCode))) fields.push({ field: 'serviceCode', code: 'validation.invalid' });
  if (input.contactPointId && !(await repo.contactPointBelongsTo(tx, input.contactPointId, input.organisationId))) {
    fields.push({ field: 'contactPointId', code: 'validation.invalid' });
  }
  if (fields.length) throw new AppError(400, 'validation.failed', { fields });
  const token = randomBytes(24).toString('base64url');
  await repo.upsertInvitation(tx, {
    tokenHash: hashToken(token),
    organisationId: input.organisationId,
    serviceCode: input.serviceCode ?? null,
    channel: input.channel,
    contactPointId: input.contactPointId ?? null,
    contactAt: input.contactAt,
    language: input.language,
    sourceKind: input.source.kind,
    sourceId: input.source.id,
    expiresAt: new Date(Date.now() + INVITATION_VALIDITY_DAYS * 86_400_000),
  });
  return { token, url: `${baseUrl}/${input.language}/feedback/${token}` };
}

// ---- Periods

export interface PeriodQuery {
  from?: string | undefined;
  to?: string | undefined;
}

export interface Period {
  from: string;
  to: string;
  months: string[];
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

export function currentMonth(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit' }).formatToParts(now);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

/** A period of whole months ('YYYY-MM'); 12 months to the current one by default; at most 60. */
export function resolvePeriod(query: PeriodQuery, now = new Date()): Period {
  const to = query.to ?? currentMonth(now);
  const from = query.from ?? monthOf(monthIndex(to) - 11);
  const start = monthIndex(from);
  const end = monthIndex(to);
  if (end < start) throw new AppError(400, 'validation.failed', { fields: [{ field: 'from', code: 'satisfaction.period.order' }] });
  if (end - start >= 60) throw new AppError(400, 'validation.failed', { fields: [{ field: 'from', code: 'satisfaction.period.tooLong' }] });
  return { from, to, months: Array.from({ length: end - start + 1 }, (_, i) => monthOf(start + i)) };
}

/** The period of the same length just before. */
export function previousPeriod(period: Period): Period {
  const length = period.months.length;
  return resolvePeriod({ from: monthOf(monthIndex(period.from) - length), to: monthOf(monthIndex(period.from) - 1) });
}

/** The first day of a month ('YYYY-MM' → 'YYYY-MM-01'), as the rollups store it. */
export const firstDay = (month: string) => `${month}-01`;

/** The period of open data: the months asked for, 36 to the current one by default. */
export function openDataPeriod(query: PeriodQuery): Period {
  const to = query.to ?? currentMonth();
  return resolvePeriod({ from: query.from ?? monthOf(monthIndex(to) - 35), to });
}

/** Sums per kind of organisation and over all of them (the regional views). */
export function totalsByKind<S>(rows: Array<S & { kind: string }>, add: (a: S, b: S) => S, empty: S): { kinds: Map<string, S>; total: S } {
  const kinds = new Map<string, S>();
  let total = empty;
  for (const row of rows) {
    kinds.set(row.kind, add(kinds.get(row.kind) ?? empty, row));
    total = add(total, row);
  }
  return { kinds, total };
}

// ---- Service

export interface DashboardFilters extends PeriodQuery {
  channel?: string | undefined;
  service?: string | undefined;
  contactPoint?: string | undefined;
}

export type Row<T> = T & { indicators: Indicators };

/**
 * What an organisation's dashboard shows, once allowed: the organisation (404 when unknown; 403 when the
 * caller may not see it), whether small cells are hidden for the caller, the period and the previous one, and
 * the slice asked for (channel, service, contact point) with the filters to show.
 */
export async function organisationDashboardScope(db: Queryable, actor: Actor, code: string, filters: DashboardFilters) {
  const organisation = await repo.findOrganisationByCode(db, code);
  if (!organisation) throw new AppError(404, 'organisation.not_found');
  authorise(canViewOrganisationSatisfaction(actor, organisation.id));
  const suppress = !seesSmallCells(actor, organisation.id);
  const period = resolvePeriod(filters);
  const previous = previousPeriod(period);
  const slice = {
    organisationId: organisation.id,
    channel: filters.channel || undefined,
    serviceCode: filters.service || undefined,
    contactPoint: filters.contactPoint || undefined,
  };
  return {
    organisation,
    suppress,
    period,
    previous,
    slice,
    range: { from: firstDay(period.from), to: firstDay(period.to) },
    shownFilters: { channel: slice.channel ?? null, service: slice.serviceCode ?? null, contactPoint: slice.contactPoint ?? null },
  };
}

export function satisfactionService(db: Database, options: { publicUrl: string; events?: EventSink | undefined }) {
  async function invitationOr404(token: string) {
    const invitation = token.length <= 200 ? await repo.findInvitation(db, hashToken(token)) : undefined;
    if (!invitation) throw new AppError(404, 'feedback.not_found');
    return invitation;
  }

  const withIndicators = <T extends AggregateSums>(rows: T[], suppress: boolean): Array<Row<T>> =>
    rows.map((row) => ({ ...row, indicators: computeIndicators(row, { suppress }) }));

  return {
    /** The answers given after a person's requests or appointments, for a data subject request (src/privacy, issue 18). */
    /** The questionnaire invitations of a signed-in citizen's requests and appointments (src/citizens). */
    invitationsOfSources: (sourceIds: string[]) => repo.invitationsOfSources(db, sourceIds),
    personalData: {
      export: (q: Queryable, sourceIds: string[]) => repo.feedbackOfSources(q, sourceIds),
      erase: (tx: Queryable, sourceIds: string[]) => repo.eraseFeedbackComments(tx, sourceIds),
      eraseBefore: (tx: Queryable, organisationId: string, days: number) => repo.eraseFeedbackCommentsBefore(tx, organisationId, days),
    },
    /** The seam, in the caller's transaction, with this instance's public address in the link (or `baseUrl`). */
    createFeedbackInvitation: (tx: Queryable, input: FeedbackInvitationInput, baseUrl = options.publicUrl) => createFeedbackInvitation(tx, input, baseUrl),

    /** A link made by staff for a contact of their own organisation (QR code at a counter, link by phone). */
    async createInvitationForStaff(actor: Actor, input: FeedbackInvitationInput) {
      authorise(canMakeFeedbackLink(actor) && input.organisationId === actor.organisationId);
      return db.transaction((tx) => createFeedbackInvitation(tx, input, options.publicUrl));
    },

    /** The invitation behind a link (404 when unknown; expired and answered ones are reported as such). */
    async getInvitation(token: string) {
      const invitation = await invitationOr404(token);
      const state: 'open' | 'answered' | 'expired' = invitation.answeredAt ? 'answered' : invitation.expiresAt.getTime() <= Date.now() ? 'expired' : 'open';
      return { invitation, state };
    },

    /** Records the one answer of an invitation: 201 once, 409 for any replay, even a concurrent one. */
    async submitAnswer(token: string, answer: FeedbackAnswerInput): Promise<void> {
      const comment = cleanComment(answer.comment);
      if (comment !== null && comment.length > COMMENT_MAX_LENGTH) {
        throw new AppError(400, 'validation.failed', { fields: [{ field: 'comment', code: 'validation.maxLength', values: { limit: COMMENT_MAX_LENGTH } }] });
      }
      const channelsUsed = [...new Set(answer.channelsUsed ?? [])];
      const tokenHash = hashToken(token);
      await db.transaction(async (tx) => {
        const claimed = token.length <= 200 ? await repo.claimInvitation(tx, tokenHash) : undefined;
        if (!claimed) {
          const existing = token.length <= 200 ? await repo.findInvitation(tx, tokenHash) : undefined;
          if (!existing) throw new AppError(404, 'feedback.not_found');
          if (existing.answeredAt) throw new AppError(409, 'feedback.already_answered');
          throw new AppError(410, 'feedback.expired');
        }
        const stored = await repo.insertAnswer(tx, {
          invitationId: claimed.id,
          organisationId: claimed.organisationId,
          serviceCode: claimed.serviceCode,
          channel: claimed.channel,
          contactPointId: claimed.contactPointId,
          contactAt: claimed.contactAt,
          language: claimed.language,
          overall: answer.overall,
          clarity: answer.clarity,
          effort: answer.effort,
          needMet: answer.needMet,
          reached: answer.reached,
          channelsUsed,
          recommend: answer.recommend ?? null,
          comment,
        });
        if (!stored) throw new AppError(409, 'feedback.already_answered');
        await repo.addToAggregate(tx, claimed, answerContribution({ ...answer, channelsUsed }));
        // The organisation's webhooks: the ratings and where the contact happened; the comment only with personal-data.
        await options.events?.emit(tx, claimed.organisationId, 'feedback.received', {
          data: {
            channel: claimed.channel,
            serviceCode: claimed.serviceCode,
            contactPointId: claimed.contactPointId,
            overall: answer.overall,
            recommend: answer.recommend ?? null,
            language: claimed.language,
          },
          personal: { comment },
        });
      });
    },

    /** An organisation's dashboard: over time, by channel, service and contact point, against the previous period. */
    /**
     * `regionalText`: the privacy service's filter (issue 18, decision 0049); with it, the competence center reads the
     * comments of an organisation that released them, masked. Without it, only the organisation's managers read them.
     */
    async organisationDashboard(actor: Actor, code: string, filters: DashboardFilters, requestId?: string, regionalText?: RegionalTextFilter) {
      const { organisation, suppress, period, previous, slice, range, shownFilters } = await organisationDashboardScope(db, actor, code, filters);
      const [monthRows, total, previousTotal, byChannel, byService, byContactPoint] = await Promise.all([
        repo.sumsByMonth(db, { ...slice, ...range }),
        repo.sumsTotal(db, { ...slice, ...range }),
        repo.sumsTotal(db, { ...slice, from: firstDay(previous.from), to: firstDay(previous.to) }),
        repo.sumsByDimension(db, { ...slice, ...range }, 'channel'),
        repo.sumsByDimension(db, { ...slice, ...range }, 'service'),
        repo.sumsByDimension(db, { ...slice, ...range }, 'contactPoint'),
      ]);
      const byMonth = new Map(monthRows.map((row) => [row.month, row]));
      let comments: Awaited<ReturnType<typeof repo.latestComments>> = [];
      const released = !canReadFeedbackComments(actor, organisation.id) && regionalText && canReadReleasedComments(actor);
      if (canReadFeedbackComments(actor, organisation.id) || released) {
        comments = await repo.latestComments(db, organisation.id, range.from, range.to, 20);
        if (released) {
          comments = comments
            .map((row) => ({ ...row, comment: regionalText(organisation.id, row.comment) }))
            .filter((row): row is typeof row & { comment: string } => row.comment !== null);
        }
        if (comments.length) {
          await recordAuditEntry(db, {
            actorAccountId: actor.accountId,
            actorOrganisationId: actor.organisationId,
            action: 'read',
            subjectType: 'feedback_comments',
            subjectId: null,
            organisationId: organisation.id,
            requestId: requestId ?? null,
            details: { count: comments.length, from: period.from, to: period.to },
          });
        }
      }
      return {
        organisation,
        period,
        previousPeriod: previous,
        suppressed: suppress,
        filters: shownFilters,
        total: computeIndicators(total, { suppress }),
        previous: computeIndicators(previousTotal, { suppress }),
        months: period.months.map((month) => ({ month, indicators: computeIndicators(byMonth.get(month) ?? EMPTY_SUMS, { suppress }) })),
        byChannel: withIndicators(byChannel, suppress).map(({ key, indicators }) => ({ key, indicators })),
        byService: withIndicators(byService, suppress).map(({ key, name, indicators }) => ({ key, name, indicators })),
        byContactPoint: withIndicators(byContactPoint, suppress).map(({ key, name, indicators }) => ({ key, name, indicators })),
        comments,
      };
    },

    /** The region: organisations side by side (suppressed under 10 answers), by kind, and the trend. */
    async regionalDashboard(actor: Actor, filters: PeriodQuery & { kind?: string | undefined }) {
      authorise(canViewRegionalSatisfaction(actor));
      return regional(filters);
    },

    /** The public barometer: the last 12 months (or the period asked for), per organisation and contact point, suppressed. */
    async barometer(query: PeriodQuery = {}) {
      const period = resolvePeriod(query);
      const range = { from: firstDay(period.from), to: firstDay(period.to) };
      const [organisations, contactPoints, total, byChannel] = await Promise.all([
        repo.sumsByOrganisation(db, range),
        repo.sumsByContactPoint(db, range),
        repo.sumsTotal(db, range),
        repo.sumsByDimension(db, range, 'channel'),
      ]);
      return {
        period,
        region: computeIndicators(total, { suppress: true }),
        byChannel: withIndicators(byChannel, true).map(({ key, indicators }) => ({ key, indicators })),
        organisations: withIndicators(organisations, true).map(({ code, kind, name, indicators }) => ({ code, kind, name, indicators })),
        contactPoints: withIndicators(contactPoints, true).map(({ organisationCode, organisationName, contactPointId, name, indicators }) => ({
          organisationCode,
          organisationName,
          contactPointId,
          name,
          indicators,
        })),
      };
    },

    /** Open data: published indicators per organisation and month (suppression applied). */
    async openData(query: PeriodQuery) {
      const period = openDataPeriod(query);
      const rows = await repo.sumsByOrganisationAndMonth(db, { from: firstDay(period.from), to: firstDay(period.to) });
      return {
        period,
        rows: withIndicators(rows, true).map(({ code, kind, name, month, indicators }) => ({
          organisationCode: code,
          organisationKind: kind,
          organisationName: name,
          month,
          indicators,
        })),
      };
    },

    /**
     * The Single Digital Gateway user-feedback statistics (Regulation (EU) 2018/1724 art. 25, Implementing
     * Regulation (EU) 2020/1121): per organisation, service and quarter (or month), the number of answers, the
     * ratings and the obstacles users reported; suppressed under 10 answers; never the free-text comments.
     */
    async sdgFeedback(query: PeriodQuery & { granularity?: 'quarter' | 'month' | undefined; channel?: string | undefined }) {
      const granularity = query.granularity ?? 'quarter';
      const to = query.to ?? currentMonth();
      let from = query.from ?? monthOf(monthIndex(to) - (granularity === 'quarter' ? 21 : 11));
      let last = to;
      if (granularity === 'quarter') {
        from = monthOf(monthIndex(from) - (monthIndex(from) % 3));
        last = monthOf(monthIndex(to) - (monthIndex(to) % 3) + 2);
      }
      const period = resolvePeriod({ from, to: last });
      const channel = query.channel || undefined;
      const rows = await repo.sumsByServiceAndPeriod(db, { from: firstDay(period.from), to: firstDay(period.to), channel }, granularity);
      return { period, granularity, channel: channel ?? null, rows: rows.map((row) => sdgRow(row, granularity, options.publicUrl)) };
    },

    /** Recomputes sums from answers (after a bulk load). */
    rebuildAggregates: (organisationIds: string[] | null = null) => repo.rebuildAggregates(db, organisationIds),
  };

  async function regional(filters: PeriodQuery & { kind?: string | undefined }) {
    const period = resolvePeriod(filters);
    const previous = previousPeriod(period);
    const kind = filters.kind || undefined;
    const range = { from: firstDay(period.from), to: firstDay(period.to), kind };
    const [current, before, months] = await Promise.all([
      repo.sumsByOrganisation(db, range),
      repo.sumsByOrganisation(db, { from: firstDay(previous.from), to: firstDay(previous.to), kind }),
      repo.sumsByMonth(db, range),
    ]);
    const beforeById = new Map(before.map((row) => [row.id, row]));
    const { kinds, total } = totalsByKind<AggregateSums>(current, addSums, EMPTY_SUMS);
    const byMonth = new Map(months.map((row) => [row.month, row]));
    return {
      period,
      previousPeriod: previous,
      kind: kind ?? null,
      region: computeIndicators(total, { suppress: true }),
      byKind: [...kinds].map(([key, sums]) => ({ kind: key, indicators: computeIndicators(sums, { suppress: true }) })),
      months: period.months.map((month) => ({ month, indicators: computeIndicators(byMonth.get(month) ?? EMPTY_SUMS, { suppress: true }) })),
      organisations: current.map((row) => ({
        code: row.code,
        kind: row.kind,
        name: row.name,
        indicators: computeIndicators(row, { suppress: true }),
        previous: computeIndicators(beforeById.get(row.id) ?? EMPTY_SUMS, { suppress: true }),
      })),
    };
  }
}

/** The span of a reporting period: '2026-Q3' → 2026-07-01 … 2026-09-30; '2026-07' → the month. */
export function periodSpan(label: string): { start: string; end: string } {
  const quarter = /^([0-9]{4})-Q([1-4])$/.exec(label);
  const first = quarter ? `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, '0')}` : label;
  const lastMonth = quarter ? monthOf(monthIndex(first) + 2) : label;
  const next = monthOf(monthIndex(lastMonth) + 1);
  const end = new Date(Date.parse(`${next}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { start: `${first}-01`, end };
}

/**
 * One row of the SDG statistics. Ratings: mean overall rating (1–5, the common tool's scale) and the share
 * of the top two levels. Obstacles the user reported: need not met, need met partly, could not reach the
 * administration, not easy. All hidden (null) under 10 answers; the number of answers stays.
 */
function sdgRow(
  row: AggregateSums & { code: string; kind: string; name: LocalizedText; serviceCode: string; serviceName: LocalizedText | null; period: string },
  granularity: 'quarter' | 'month',
  publicUrl: string,
) {
  const indicators = computeIndicators(row, { suppress: true });
  const shown = !indicators.suppressed && row.answers > 0;
  return {
    organisationCode: row.code,
    organisationKind: row.kind,
    organisationName: row.name,
    serviceCode: row.serviceCode,
    serviceName: row.serviceName,
    serviceUrls: {
      fr: `${publicUrl}/fr/services/${row.serviceCode}`,
      nl: `${publicUrl}/nl/services/${row.serviceCode}`,
      en: `${publicUrl}/en/services/${row.serviceCode}`,
    },
    period: row.period,
    granularity,
    ...periodSpan(row.period),
    answers: row.answers,
    suppressed: indicators.suppressed,
    ratings: {
      overallMean: indicators.overallMean,
      satisfied: indicators.csat,
      score10: indicators.score10,
      clarity: indicators.clarity,
      easy: indicators.effort,
      needMet: indicators.needMet,
    },
    obstacles: {
      needNotMet: shown ? row.answers - row.needYes - row.needPartly : null,
      needPartlyMet: shown ? row.needPartly : null,
      couldNotReach: shown ? row.answers - row.reached : null,
      notEasy: shown ? row.answers - row.effortEasy : null,
    },
  };
}

export type SdgFeedbackRow = ReturnType<typeof sdgRow>;

export type SatisfactionService = ReturnType<typeof satisfactionService>;
export type OrganisationDashboard = Awaited<ReturnType<SatisfactionService['organisationDashboard']>>;
export type RegionalDashboard = Awaited<ReturnType<SatisfactionService['regionalDashboard']>>;
export type Barometer = Awaited<ReturnType<SatisfactionService['barometer']>>;
