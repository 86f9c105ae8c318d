// The rules of the catalogue: search with anonymous content-gap logging, resolving who provides a service for
// a user (postal code -> commune/CPAS, asking when the code is shared), guided orientation, the public
// catalogue exports, and editing by the owning organisation with optimistic locking and version history.
import type { Database } from '../platform/db/database.ts';
import { LRUCache } from 'lru-cache';
import { AppError } from '../platform/http/errors.ts';
import { pickText, type Language, type LocalizedText } from '../platform/i18n/languages.ts';
import type { Actor } from '../identity/actor.ts';
import * as repo from './repository.ts';
import type { ContactPointSummary } from '../contactpoints/service.ts';
import { anonymiseQuery, compoundWords, queryWords } from './text.ts';
import { createSearchIndex } from './search-index.ts';
import { checkedSuggestion } from './suggestion.ts';
import { thesaurusService } from './thesaurus/service.ts';
import { learningService } from './learning/service.ts';
import type { AuditService } from '../audit/service.ts';
import { canEditService, canMakeCompetent, editScope } from './authorisation.ts';
import { localPartsService } from './local-parts/service.ts';
import { changedFields, isStale, translationCompleteness } from './draft-review.ts';
import { hasRole } from '../identity/actor.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { authorise } from '../identity/guards.ts';

export const MAX_RESULTS = 20;
/**
 * Nothing matches well enough when the best service scores below this, or matches none of the question's words
 * strongly (in its name, keywords or search terms, or through a concept): the search then answers with no
 * service at all (the no-result page: did you mean, themes, life events, the contact form) rather than unrelated
 * ones. Scores are an IDF-weighted share of the question's words a service matches (0–1, plus a phrase bonus);
 * calibrated on the dev questions (decision 0030).
 */
export const NO_RESULT_SCORE = 0.18;
/** Below this score the best result is a weak match: the page says so and offers the contact center. */
export const GOOD_SCORE = 0.3;
/** The second result is "close" to the first from this share of its score (guided question, decision 0030). */
export const CLOSE_SCORE_RATIO = 0.9;

/** What the contact-points module offers the catalogue (wired in services.ts). */
export interface ContactPointsPort {
  listForOrganisationCode(organisationCode: string): Promise<ContactPointSummary[]>;
}

/** The organisation answering for a user: resolved, or why not (and the choices when the postal code is shared). */
export type OrganisationAnswer =
  | { resolved: true; code: string; kind: string; name: string; url: string }
  | {
      resolved: false;
      kind: 'commune' | 'cpas';
      reason: 'postal_code_needed' | 'postal_code_shared' | 'postal_code_unknown';
      candidates?: Array<{ code: string; name: string }>;
    };

export interface SearchResult {
  code: string;
  name: string;
  summary: string;
  organisation: OrganisationAnswer;
  score: number;
  /** Share of the query's weight the service matches well (0–1). */
  coverage: number;
  lifeEvents: readonly string[];
}

/**
 * One question that tells apart close results of different life events: each option is a life event and the
 * service that answers the question in it.
 */
export interface GuidedQuestion {
  readonly options: ReadonlyArray<{ lifeEvent: { code: string; name: string }; service: { code: string; name: string } }>;
}

/** A search's answer; shared by every caller that asked the same thing (read-only). */
export interface SearchAnswer {
  /** 'no_result': nothing matched well enough (results is empty); 'guided': results, and a question to choose among them. */
  readonly outcome: 'results' | 'no_result' | 'guided';
  readonly results: readonly SearchResult[];
  /** No result, or none good enough: the page offers the contact center and the query is logged as a gap. */
  readonly poor: boolean;
  /** False when the query had no searchable word. */
  readonly searchable: boolean;
  /** "Did you mean" of a poor answer: the query with unknown words replaced by the nearest known ones, if any. */
  readonly suggestion: string | null;
  readonly guidedQuestion: GuidedQuestion | null;
}

/** Distinct searches kept ranked (a few MB at most); popular ones stay, rare ones are evicted. */
const ANSWER_CACHE_SIZE = 5_000;
const ANSWER_CACHE_TTL_MS = 60_000;

const text = (value: LocalizedText | null | undefined, lang: Language) => pickText(value, lang).text;

export function catalogueService(db: Database, deps: { contactPoints?: ContactPointsPort | undefined; audit?: AuditService | undefined } = {}) {
  const index = createSearchIndex(db);
  const gaps = contentGapLog(db);
  const answers = new LRUCache<string, { generation: number; answer: SearchAnswer }>({ max: ANSWER_CACHE_SIZE, ttl: ANSWER_CACHE_TTL_MS });
  // Themes and life events are reference data: kept a minute in memory (a service page needs their names).
  let reference: { at: number; themes: repo.Theme[]; events: repo.LifeEvent[] } | undefined;
  async function referenceData() {
    if (!reference || Date.now() - reference.at > 60_000) {
      const [themes, events] = await Promise.all([repo.listThemes(db), repo.listLifeEvents(db)]);
      reference = { at: Date.now(), themes, events };
    }
    return reference;
  }
  function organisationAnswer(org: repo.OrganisationRef, lang: Language): OrganisationAnswer {
    return { resolved: true, code: org.code, kind: org.kind, name: text(org.name, lang), url: `/${lang}/organisations/${org.code}` };
  }

  // Communes and CPAS by postal code change about never: kept a minute in memory, so a search with a postal
  // code costs no database round trip.
  const places = new Map<string, { at: number; orgs: repo.OrganisationRef[] }>();
  async function organisationsFor(kind: 'commune' | 'cpas', postalCode: string) {
    const key = `${kind}:${postalCode}`;
    const cached = places.get(key);
    if (cached && Date.now() - cached.at < 60_000) return cached.orgs;
    const orgs = await repo.organisationsForPostalCode(db, kind, postalCode);
    if (places.size > 1000) places.clear();
    places.set(key, { at: Date.now(), orgs });
    return orgs;
  }

  /** Communes and CPAS of a postal code, looked up once per request. */
  async function placeResolver(postalCode: string | undefined) {
    return async (kind: 'commune' | 'cpas') => (postalCode ? organisationsFor(kind, postalCode) : undefined);
  }

  async function resolveFor(
    service: { competentKind: repo.CompetentKind; competentOrganisation: repo.OrganisationRef | null },
    lang: Language,
    place: Awaited<ReturnType<typeof placeResolver>>,
    chosen?: string,
  ): Promise<OrganisationAnswer> {
    if (service.competentKind === 'organisation') return organisationAnswer(service.competentOrganisation!, lang);
    const kind = service.competentKind;
    const local = await place(kind);
    if (!local) return { resolved: false, kind, reason: 'postal_code_needed' };
    if (local.length === 0) return { resolved: false, kind, reason: 'postal_code_unknown' };
    const picked = chosen
      ? local.find((org) => org.code === chosen || org.code.replace(/^(commune|cpas)-/, '') === chosen.replace(/^(commune|cpas)-/, ''))
      : undefined;
    if (picked) return organisationAnswer(picked, lang);
    if (local.length === 1) return organisationAnswer(local[0]!, lang);
    return {
      resolved: false,
      kind,
      reason: 'postal_code_shared',
      candidates: local.map((org) => ({ code: org.code, name: text(org.shortName ?? org.name, lang) })),
    };
  }

  /**
   * The ranked answer for folded query words, cached per (words, language, postal code) until the index is
   * rebuilt: popular searches repeat, and ranking plus resolving costs far more than a lookup. The answer is
   * frozen and the same object on every hit, so the HTTP layer can keep its encoded form (see routes).
   * Organisation data reached through the index change with it; the TTL bounds anything else (the place
   * cache above keeps a minute too).
   */
  async function rankedAnswer(words: string[], lang: Language, postalCode: string | undefined): Promise<SearchAnswer> {
    const generation = await index.generation();
    const key = `${lang}|${postalCode ?? ''}|${words.join(' ')}`;
    const cached = answers.get(key);
    if (cached && cached.generation === generation) return cached.answer;
    const ranked = await index.search(words, lang, MAX_RESULTS, compoundWords(words));
    const hits = ranked.length > 0 && ranked[0]!.score >= NO_RESULT_SCORE && ranked[0]!.coverage > 0 && !(await outOfScope(words)) ? ranked : [];
    const place = await placeResolver(postalCode);
    const results: SearchResult[] = [];
    for (const hit of hits) {
      results.push({
        code: hit.code,
        name: text(hit.name, lang),
        summary: text(hit.summary, lang),
        organisation: await resolveFor(hit, lang, place),
        score: hit.score,
        coverage: hit.coverage,
        lifeEvents: hit.lifeEvents,
      });
    }
    const poor = results.length === 0 || results[0]!.score < GOOD_SCORE;
    const guidedQuestion = poor ? null : guidedQuestionFor(results, (await referenceData()).events, lang);
    const answer: SearchAnswer = Object.freeze({
      outcome: results.length === 0 ? 'no_result' : guidedQuestion ? 'guided' : 'results',
      results: Object.freeze(results),
      poor,
      searchable: words.length > 0,
      suggestion: poor ? await checkedSuggestion(index, words, lang, GOOD_SCORE) : null,
      guidedQuestion,
    });
    // Keyed with the generation read before ranking: if the index changed meanwhile, the next search recomputes.
    answers.set(key, { generation, answer });
    return answer;
  }

  /**
   * A question naming a topic editors marked out of scope (the weather, a recipe, a joke…) gets the no-result page,
   * unless its other words name a concept of the thesaurus that leads to services: "quel temps fera-t-il demain"
   * must not reach "crédit-temps", "a recipe for my food-truck licence" still reaches the licence. Editors' words
   * decide, not a score (decision 0044).
   */
  async function outOfScope(words: string[]): Promise<boolean> {
    const topicWords = await index.outOfScopeWords(words);
    if (topicWords.size === 0) return false;
    return !(await index.namesConcept(words.filter((_, position) => !topicWords.has(position))));
  }

  async function publishedService(code: string) {
    const service = /^[a-z0-9-]{1,64}$/.test(code) ? await repo.findServiceByCode(db, code) : undefined;
    if (!service || service.status !== 'published') throw new AppError(404, 'catalogue.service_not_found');
    return service;
  }

  async function contactPointsOf(organisationCode: string, _lang: Language): Promise<ContactPointSummary[]> {
    return deps.contactPoints ? deps.contactPoints.listForOrganisationCode(organisationCode) : [];
  }

  async function editableService(actor: Actor, code: string) {
    const service = /^[a-z0-9-]{1,64}$/.test(code) ? await repo.findServiceByCode(db, code) : undefined;
    if (!service) throw new AppError(404, 'catalogue.service_not_found');
    authorise(canEditService(actor, service), 'catalogue.not_owner');
    return service;
  }

  async function toView(service: repo.ServiceRecord, lang: Language) {
    const { themes, events } = await referenceData();
    const theme = themes.find((t) => t.code === service.theme);
    return {
      code: service.code,
      name: text(service.name, lang),
      summary: text(service.summary, lang),
      description: text(service.description, lang) || null,
      audience: service.audience,
      theme: { code: service.theme, name: text(theme?.name, lang) },
      lifeEvents: service.lifeEvents.map((c) => ({ code: c, name: text(events.find((e) => e.code === c)?.name, lang) })),
      competent:
        service.competentKind === 'organisation'
          ? { kind: 'organisation' as const, organisation: organisationAnswer(service.competentOrganisation!, lang) }
          : { kind: service.competentKind },
      channels: service.channels,
      appointment: service.appointment,
      evidence: text(service.evidence, lang) || null,
      cost: text(service.cost, lang) || null,
      processingTime: text(service.processingTime, lang) || null,
      legalBasis: text(service.legalBasis, lang) ? { text: text(service.legalBasis, lang), url: service.legalBasisUrl } : null,
      keywords: service.keywords[lang] ?? [],
      lastReviewedAt: service.lastReviewedAt ? new Date(service.lastReviewedAt).toISOString() : null,
      url: `/${lang}/services/${service.code}`,
    };
  }

  /** Problems of content an editor sent, field by field (reference data must exist). */
  async function contentProblems(content: repo.ServiceContent): Promise<FieldError[]> {
    const { themes, events } = await referenceData();
    const fields: FieldError[] = [];
    if (!themes.some((theme) => theme.code === content.theme)) fields.push({ field: 'theme', code: 'catalogue.unknownTheme' });
    const unknownEvents = content.lifeEvents.filter((code) => !events.some((event) => event.code === code));
    if (unknownEvents.length > 0) fields.push({ field: 'lifeEvents', code: 'catalogue.unknownLifeEvent', values: { codes: unknownEvents.join(', ') } });
    if (content.audience.length === 0) fields.push({ field: 'audience', code: 'validation.minItems', values: { limit: 1 } });
    if (content.competentKind === 'organisation' && !content.competentOrganisation) {
      fields.push({ field: 'competent.organisation', code: 'catalogue.competentOrganisationRequired' });
    }
    if (content.legalBasisUrl && !isWebAddress(content.legalBasisUrl)) fields.push({ field: 'legalBasisUrl', code: 'catalogue.legalBasisUrlFormat' });
    return fields;
  }

  /**
   * Checks content against the reference data and the actor's rights on the competent authority, and returns
   * the owner the service will have: unchanged unless the competent authority changes; an editor can only
   * name their own organisation.
   */
  async function checkContent(actor: Actor, service: repo.ServiceRecord | null, content: repo.ServiceContent): Promise<string | null> {
    const fields = await contentProblems(content);
    if (fields.length > 0) throw new AppError(400, 'validation.failed', { fields });
    const unchanged =
      service !== null &&
      service.competentKind === content.competentKind &&
      (service.competentOrganisation?.code ?? null) === (content.competentKind === 'organisation' ? content.competentOrganisation : null);
    if (unchanged) return service.ownerOrganisationId;
    let organisationId: string | null = null;
    if (content.competentKind === 'organisation') {
      const organisation = await repo.findOrganisationRef(db, content.competentOrganisation!);
      if (!organisation) throw new AppError(400, 'validation.failed', { fields: [{ field: 'competent.organisation', code: 'catalogue.unknownOrganisation' }] });
      organisationId = organisation.id;
    }
    authorise(canMakeCompetent(actor, organisationId), {
      code: 'catalogue.competent_not_allowed',
      fields: [{ field: 'competent.organisation', code: 'errors.catalogue.competent_not_allowed' }],
    });
    return organisationId;
  }

  return {
    // Lookups for other modules (appointments, contact intake): a service as stored, whatever its state, and
    // the communes or CPAS of a postal code.
    serviceByCode: (code: string) => repo.findServiceByCode(db, code),
    organisationsOfPostalCode: (kind: 'commune' | 'cpas', postalCode: string) => repo.organisationsForPostalCode(db, kind, postalCode),

    /** Everything a service page shows, with one read of the service. */
    async servicePage(code: string, lang: Language) {
      const service = await publishedService(code);
      return { service, view: await toView(service, lang) };
    },

    /** Builds the search index ahead of the first search (called when the server starts listening). */
    warmUp: () => index.search(['warmup'], 'fr', 1).then(() => undefined),
    /** Changes whenever the published catalogue or thesaurus does (on any instance, within the index's freshness check). */
    generation: () => index.generation(),

    /**
     * Ranked search, best first, at most 20. A search without a good result is logged anonymously as a
     * content gap (`poor` tells the page to offer the contact center).
     */
    async search(query: string, lang: Language, options: { postalCode?: string | undefined; logGaps?: boolean } = {}) {
      const words = queryWords(query);
      const answer = await rankedAnswer(words, lang, options.postalCode);
      if (answer.poor && (options.logGaps ?? true) && query.trim() !== '') {
        const stored = anonymiseQuery(query);
        if (stored) gaps.record({ query: stored, lang, resultCount: answer.results.length, at: new Date(), bestGuess: answer.results[0]?.code ?? null });
      }
      return answer;
    },

    getService: publishedService,

    /** The service as the public API shows it, texts in one language. */
    async serviceView(code: string, lang: Language) {
      return toView(await publishedService(code), lang);
    },

    /**
     * "Where do I go?" for one service. Services of every commune/CPAS need a postal code; a code shared by
     * several communes answers with the candidates, unless the user already chose one of them.
     */
    async orientation(code: string | repo.ServiceRecord, lang: Language, postalCode: string | undefined, chosen?: string) {
      const service = typeof code === 'string' ? await publishedService(code) : code;
      if (service.competentKind !== 'organisation') {
        if (!postalCode) throw new AppError(400, 'catalogue.postal_code_required');
        if (!/^\d{4}$/.test(postalCode)) throw new AppError(400, 'catalogue.postal_code_invalid');
      }
      const place = await placeResolver(postalCode);
      const answer = await resolveFor(service, lang, place, chosen);
      if (answer.resolved) {
        return { service, organisation: answer, contactPoints: await contactPointsOf(answer.code, lang) };
      }
      if (answer.reason === 'postal_code_unknown') {
        throw new AppError(404, 'catalogue.postal_code_unknown', { values: { postalCode: postalCode ?? '' } });
      }
      return { service, candidates: answer.candidates ?? [] };
    },

    /** The public page of an organisation: who it is, the services it provides, its contact points. */
    async organisationView(code: string, lang: Language) {
      const organisation = /^[a-z0-9-]{1,64}$/.test(code) ? await repo.findOrganisationRef(db, code) : undefined;
      if (!organisation) throw new AppError(404, 'organisation.not_found');
      const own = await repo.listServices(db, { competentOrganisationId: organisation.id });
      const shared =
        organisation.kind === 'commune' || organisation.kind === 'cpas' ? await repo.listServices(db, { competentKinds: [organisation.kind] }) : [];
      const services = [...own, ...shared].sort((a, b) => text(a.name, lang).localeCompare(text(b.name, lang), lang));
      return { organisation, services, contactPoints: await contactPointsOf(organisation.code, lang) };
    },

    /** Services with the organisation providing each for the user of a postal code (guided orientation). */
    async resolveMany(services: repo.ServiceRecord[], lang: Language, postalCode: string | undefined) {
      const place = await placeResolver(postalCode);
      const out: Array<{ service: repo.ServiceRecord; organisation: OrganisationAnswer }> = [];
      for (const service of services) out.push({ service, organisation: await resolveFor(service, lang, place) });
      return out;
    },

    listThemes: async () => (await referenceData()).themes,
    listLifeEvents: async () => (await referenceData()).events,
    listServices: (filter: repo.ServiceFilter) => repo.listServices(db, filter),

    /** Every published service with everything the exports need. */
    exportCatalogue: () => repo.listServices(db, {}),

    // ---- back office (editors and administrators only: the role gate of its routes, routes.tsx)

    /** The services the actor may edit (all for administrators), with translation completeness and staleness. */
    async editableServices(actor: Actor) {
      const scope = editScope(actor);
      const services = await repo.listServices(db, { includeUnpublished: true, ...(scope ? { ownerOrganisationId: scope } : {}) });
      return services.map((service) => ({ service, completeness: translationCompleteness(service.draft ?? service), stale: isStale(service) }));
    },

    /** One service as its editors see it: the draft (or live) content, what the draft changes, the history. */
    async editableService(actor: Actor, code: string) {
      const service = await editableService(actor, code);
      // A draft saved before the legal basis existed shows the live one (publishing it keeps the live one too).
      const content = service.draft ? { legalBasis: service.legalBasis, legalBasisUrl: service.legalBasisUrl, ...service.draft } : repo.liveContent(service);
      return {
        service,
        content,
        changedFields: service.draft ? changedFields(repo.liveContent(service), service.draft) : [],
        completeness: translationCompleteness(content),
        versions: await repo.listServiceVersions(db, service.id),
      };
    },

    /**
     * Replaces the live content and status in one step (the API's PUT: an explicit status, e.g. "published",
     * is a direct publication). A pending draft is superseded. A concurrent edit gives 409, never a lost update.
     */
    async updateService(actor: Actor, code: string, version: number, changes: ServiceUpdate) {
      const service = await editableService(actor, code);
      const content: repo.ServiceContent = { ...repo.liveContent(service), ...withoutUndefined(changes.content) };
      if (changes.status === 'published') requirePublishableName(content);
      const owner = await checkContent(actor, service, content);
      await db.transaction(async (tx) => {
        await repo.insertInitialVersion(tx, service);
        const updated = await repo.applyContent(tx, service.id, version, content, {
          status: changes.status,
          reviewed: changes.reviewed,
          ownerOrganisationId: owner,
        });
        if (!updated) throw new AppError(409, 'catalogue.stale');
        const saved = (await repo.findServiceByCode(tx, code))!;
        await repo.insertServiceVersion(tx, saved, actor.accountId, null);
      });
      index.invalidate();
      return (await repo.findServiceByCode(db, code))!;
    },

    /**
     * Saves an editor's changes. A published service keeps its live content: the changes become its pending
     * draft until published or discarded. A service not published yet is changed in place (with history).
     */
    async saveChanges(actor: Actor, code: string, version: number, sent: repo.ServiceContent, options: { reviewed?: boolean } = {}) {
      const service = await editableService(actor, code);
      const content = withSearchTerms(sent, service);
      const owner = await checkContent(actor, service, content);
      if (service.status === 'published') {
        if (!(await repo.saveDraft(db, service.id, version, content, actor.accountId))) throw new AppError(409, 'catalogue.stale');
      } else {
        await db.transaction(async (tx) => {
          await repo.insertInitialVersion(tx, service);
          const updated = await repo.applyContent(tx, service.id, version, content, {
            status: service.status,
            reviewed: options.reviewed ?? false,
            ownerOrganisationId: owner,
          });
          if (!updated) throw new AppError(409, 'catalogue.stale');
          await repo.insertServiceVersion(tx, (await repo.findServiceByCode(tx, code))!, actor.accountId, null);
        });
      }
      return (await repo.findServiceByCode(db, code))!;
    },

    /**
     * Publishes: the given content (the form's), else the pending draft, else (for a service never published)
     * its current content replaces the live service; a new row of the version history records it.
     */
    async publish(actor: Actor, code: string, version: number, options: { content?: repo.ServiceContent | undefined; reviewed?: boolean } = {}) {
      const service = await editableService(actor, code);
      const chosen = options.content ?? service.draft ?? (service.status !== 'published' ? repo.liveContent(service) : undefined);
      if (!chosen) throw new AppError(409, 'catalogue.no_draft');
      const content = withSearchTerms(chosen, service);
      requirePublishableName(content);
      const owner = await checkContent(actor, service, content);
      await db.transaction(async (tx) => {
        await repo.insertInitialVersion(tx, service);
        const updated = await repo.applyContent(tx, service.id, version, content, {
          status: 'published',
          reviewed: options.reviewed ?? false,
          ownerOrganisationId: owner,
        });
        if (!updated) throw new AppError(409, 'catalogue.stale');
        await repo.insertServiceVersion(tx, (await repo.findServiceByCode(tx, code))!, actor.accountId, 'published');
      });
      index.invalidate();
      return (await repo.findServiceByCode(db, code))!;
    },

    /** Drops the pending draft; the live service is untouched. */
    async discardDraft(actor: Actor, code: string, version: number) {
      const service = await editableService(actor, code);
      if (service.version === version && !service.draft) throw new AppError(409, 'catalogue.no_draft');
      if (!(await repo.discardDraft(db, service.id, version))) throw new AppError(409, 'catalogue.stale');
      return (await repo.findServiceByCode(db, code))!;
    },

    /** Takes a published service off the public catalogue (kept, with its history and any draft). */
    async withdraw(actor: Actor, code: string, version: number) {
      const service = await editableService(actor, code);
      await db.transaction(async (tx) => {
        await repo.insertInitialVersion(tx, service);
        if (!(await repo.setStatus(tx, service.id, version, 'withdrawn'))) throw new AppError(409, 'catalogue.stale');
        await repo.insertServiceVersion(tx, (await repo.findServiceByCode(tx, code))!, actor.accountId, null);
      });
      index.invalidate();
      return (await repo.findServiceByCode(db, code))!;
    },

    /**
     * A new service, as a draft. Content editors create services of their own organisation; platform
     * administrators any (the competent organisation owns it; services of every commune/CPAS belong to the
     * regional team). A taken code gives 409, decided by the unique constraint.
     */
    async createService(actor: Actor, code: string, content: repo.ServiceContent) {
      const fields: FieldError[] = [];
      if (!SERVICE_CODE.test(code) || code.length < 2 || code.length > 64 || RESERVED_CODES.has(code)) {
        fields.push({ field: 'code', code: 'catalogue.codeFormat' });
      }
      for (const l of ['fr', 'nl'] as const) if (!content.name[l]?.trim()) fields.push({ field: `name.${l}`, code: 'validation.required' });
      fields.push(...(await contentProblems(content)));
      if (fields.length > 0) throw new AppError(400, 'validation.failed', { fields });
      const owner = await checkContent(actor, null, content);
      const created = await repo.createService(db, code, content, { ownerOrganisationId: owner, createdBy: actor.accountId });
      if (!created)
        throw new AppError(409, 'catalogue.code_taken', {
          fields: [{ field: 'code', code: 'errors.catalogue.code_taken', values: { code } }],
          values: { code },
        });
      const saved = (await repo.findServiceByCode(db, code))!;
      await repo.insertServiceVersion(db, saved, actor.accountId, 'created');
      return saved;
    },

    /** Local parts of shared services (decision 0058, local-parts/service.ts). */
    localParts: localPartsService(db, deps),

    /** The organisations the actor may name as competent authority (all for administrators). */
    async competentChoices(actor: Actor) {
      const all = await repo.listOrganisationChoices(db);
      return hasRole(actor, 'platform_admin') ? all : all.filter((org) => org.id === actor.organisationId);
    },

    /** Services not reviewed for 12 months, among those the actor may edit. */
    async staleServices(actor: Actor) {
      return (await this.editableServices(actor)).filter((entry) => entry.stale);
    },

    async contentGaps() {
      await this.flushGaps();
      return repo.listContentGaps(db);
    },

    /** Writes the content gaps still waiting in memory. */
    flushGaps: () => gaps.flush(),

    /** Editing the orientation thesaurus, and its SKOS export (thesaurus/service.ts). */
    thesaurus: thesaurusService(db, { invalidateIndex: () => index.invalidate(), audit: deps.audit }),
    /** "Was this page useful?", the search terms it proposes to editors, the unmet questions (learning/service.ts). */
    learning: learningService(db, {
      search: async (query, lang) => rankedAnswer(queryWords(query), lang, undefined),
      flushGaps: () => gaps.flush(),
      invalidateIndex: () => index.invalidate(),
      audit: deps.audit,
    }),
  };
}

/**
 * The guided question of close results: when the second result scores nearly as well as the first and the two
 * belong to different life events (none in common), the user is asked which situation is theirs. One option per
 * life event among the close results (at most three), each leading to its best service.
 */
export function guidedQuestionFor(
  results: ReadonlyArray<Pick<SearchResult, 'code' | 'name' | 'score' | 'coverage' | 'lifeEvents'>>,
  events: ReadonlyArray<{ code: string; name: LocalizedText }>,
  lang: Language,
): GuidedQuestion | null {
  const [first, second] = results;
  // Both must match the question well: a question about two weak guesses helps nobody.
  if (!first || !second || second.score < first.score * CLOSE_SCORE_RATIO || second.coverage === 0) return null;
  if (first.lifeEvents.length === 0 || second.lifeEvents.length === 0 || first.lifeEvents.some((code) => second.lifeEvents.includes(code))) return null;
  const options: Array<GuidedQuestion['options'][number]> = [];
  for (const result of results.slice(0, 3)) {
    if (result.score < first.score * CLOSE_SCORE_RATIO || result.coverage === 0) break;
    const event = result.lifeEvents.find((code) => !options.some((option) => option.lifeEvent.code === code));
    const named = events.find((e) => e.code === event);
    if (!event || !named || options.some((option) => option.service.code === result.code)) continue;
    options.push({ lifeEvent: { code: event, name: text(named.name, lang) }, service: { code: result.code, name: result.name } });
  }
  return options.length >= 2 ? Object.freeze({ options: Object.freeze(options) }) : null;
}

/** Gaps are written in batches, at most GAP_FLUSH_MS late, so that poor searches cost no statement each. */
const GAP_FLUSH_MS = 1_000;
const GAP_BATCH = 500;

/**
 * The anonymous log of searches without a good result. Entries wait in memory for up to a second and are
 * written together (the user never waits for the log); flush() writes them now (back office, shutdown).
 * A crash may lose the last second of entries: acceptable for anonymous statistics.
 */
function contentGapLog(db: Database) {
  let waiting: repo.ContentGap[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = waiting;
    waiting = [];
    // One batch at a time, in order; a failed write is dropped rather than retried forever.
    writing = writing.then(() => repo.insertContentGaps(db, batch)).catch(() => undefined);
    return writing;
  }

  return {
    record(gap: repo.ContentGap) {
      waiting.push(gap);
      if (waiting.length >= GAP_BATCH) void flush();
      else timer ??= setTimeout(() => void flush(), GAP_FLUSH_MS).unref();
    },
    flush,
  };
}

/** What the API's PUT may change; omitted content fields keep their value. */
export interface ServiceUpdate {
  content: Partial<repo.ServiceContent>;
  status: repo.ServiceStatus;
  reviewed: boolean;
}

const SERVICE_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Codes that would collide with back-office addresses (/admin/catalogue/services/new). */
const RESERVED_CODES = new Set(['new']);

function requirePublishableName(content: { name: LocalizedText }) {
  if (!content.name.fr?.trim() && !content.name.nl?.trim()) {
    throw new AppError(400, 'catalogue.name_required', { fields: [{ field: 'nameFr', code: 'catalogue.nameRequired' }] });
  }
}

/**
 * Content without search terms (a form that has no field for them, a draft saved before they existed) keeps the
 * pending draft's, else the live service's: saving never blanks them.
 */
function withSearchTerms(content: repo.ServiceContent, service: repo.ServiceRecord): repo.ServiceContent {
  const withTerms = content.searchTerms ? content : { ...content, searchTerms: service.draft?.searchTerms ?? service.searchTerms };
  // The same for the legal basis (an API client that does not know the field).
  if (withTerms.legalBasis) return withTerms;
  const source = service.draft?.legalBasis ? service.draft : service;
  return { ...withTerms, legalBasis: source.legalBasis, legalBasisUrl: source.legalBasisUrl ?? null };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A web address an editor may link to: http(s), parseable, at most 500 characters. */
export function isWebAddress(value: string): boolean {
  if (value.length > 500 || !/^https?:\/\/\S+$/.test(value)) return false;
  try {
    return Boolean(new URL(value).hostname);
  } catch {
    return false;
  }
}

export type CatalogueService = ReturnType<typeof catalogueService>;
