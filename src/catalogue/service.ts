// The rules of the catalogue: search with anonymous content-gap logging, resolving who provides a service for
// a user (postal code -> commune/CPAS, asking when the code is shared), guided orientation, the public
// catalogue exports, and editing by the owning organisation with optimistic locking and version history.
import type { Database } from '../platform/db/database.ts';
import { AppError } from '../platform/http/errors.ts';
import { LANGUAGES, pickText, type Language, type LocalizedText } from '../platform/i18n/languages.ts';
import type { Actor } from '../identity/actor.ts';
import * as repo from './repository.ts';
import type { ContactPointSummary } from '../contactpoints/service.ts';
import { anonymiseQuery, compoundWords, queryWords } from './text.ts';
import { createSearchIndex } from './search-index.ts';
import { canEditService, canUseCatalogueBackOffice, editScope } from './authorisation.ts';

export const MAX_RESULTS = 20;
/**
 * Below this score the best result is a weak match: the page says so and offers the contact center. Scores are
 * normalised by every word of the query, so a long question with one matching word scores low but not this low.
 */
export const GOOD_SCORE = 0.15;
/** A service not reviewed for this long is listed as stale. */
export const STALE_AFTER_DAYS = 365;

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
}

const text = (value: LocalizedText | null | undefined, lang: Language) => pickText(value, lang).text;

export function catalogueService(db: Database, deps: { contactPoints?: ContactPointsPort | undefined } = {}) {
  const index = createSearchIndex(db);
  const pendingGaps = new Set<Promise<unknown>>();
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
    const picked = chosen ? local.find((org) => org.code === chosen || org.code.replace(/^(commune|cpas)-/, '') === chosen.replace(/^(commune|cpas)-/, '')) : undefined;
    if (picked) return organisationAnswer(picked, lang);
    if (local.length === 1) return organisationAnswer(local[0]!, lang);
    return {
      resolved: false,
      kind,
      reason: 'postal_code_shared',
      candidates: local.map((org) => ({ code: org.code, name: text(org.shortName ?? org.name, lang) })),
    };
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
    if (!canEditService(actor, service)) throw new AppError(403, 'catalogue.not_owner');
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
      keywords: service.keywords[lang] ?? [],
      lastReviewedAt: service.lastReviewedAt ? new Date(service.lastReviewedAt).toISOString() : null,
      url: `/${lang}/services/${service.code}`,
    };
  }

  return {
    /** Everything a service page shows, with one read of the service. */
    async servicePage(code: string, lang: Language) {
      const service = await publishedService(code);
      return { service, view: await toView(service, lang) };
    },

    /** Builds the search index ahead of the first search (called when the server starts listening). */
    warmUp: () => index.search(['warmup'], 'fr', 1).then(() => undefined),

    /**
     * Ranked search, best first, at most 20. A search without a good result is logged anonymously as a
     * content gap (`poor` tells the page to offer the contact center).
     */
    async search(query: string, lang: Language, options: { postalCode?: string | undefined; logGaps?: boolean } = {}) {
      const words = queryWords(query);
      const hits = await index.search(words, lang, MAX_RESULTS, compoundWords(words));
      const place = await placeResolver(options.postalCode);
      const results: SearchResult[] = [];
      for (const hit of hits) {
        results.push({
          code: hit.code,
          name: text(hit.name, lang),
          summary: text(hit.summary, lang),
          organisation: await resolveFor(hit, lang, place),
          score: hit.score,
        });
      }
      const poor = results.length === 0 || results[0]!.score < GOOD_SCORE;
      if (poor && (options.logGaps ?? true) && query.trim() !== '') {
        const stored = anonymiseQuery(query);
        // Written after the answer is sent: the user never waits for the log (flushGaps() awaits it).
        if (stored) {
          const write = repo.insertContentGap(db, { query: stored, lang, resultCount: results.length }).catch(() => undefined);
          pendingGaps.add(write);
          void write.finally(() => pendingGaps.delete(write));
        }
      }
      return { results, poor, searchable: words.length > 0 };
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
        organisation.kind === 'commune' || organisation.kind === 'cpas'
          ? await repo.listServices(db, { competentKinds: [organisation.kind] })
          : [];
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

    // ---- back office

    /** The services the actor may edit (all for administrators), with translation completeness and staleness. */
    async editableServices(actor: Actor) {
      if (!canUseCatalogueBackOffice(actor)) throw new AppError(403, 'forbidden');
      const scope = editScope(actor);
      const services = await repo.listServices(db, { includeUnpublished: true, ...(scope ? { ownerOrganisationId: scope } : {}) });
      return services.map((service) => ({ service, completeness: translationCompleteness(service), stale: isStale(service) }));
    },

    async editableService(actor: Actor, code: string) {
      const service = await editableService(actor, code);
      return { service, completeness: translationCompleteness(service), versions: await repo.listServiceVersions(db, service.id) };
    },

    /** Saves an edit made on the version the editor read; a concurrent edit gives 409, never a lost update. */
    async updateService(actor: Actor, code: string, version: number, changes: repo.ServiceChanges) {
      const service = await editableService(actor, code);
      if (changes.status === 'published' && !text(changes.name, 'fr') && !text(changes.name, 'nl')) {
        throw new AppError(400, 'catalogue.name_required', { fields: [{ field: 'nameFr', code: 'catalogue.nameRequired' }] });
      }
      await db.transaction(async (tx) => {
        if (service.version === version) {
          // Keep the state before the first recorded change too, so history always shows where it started.
          await repo.insertServiceVersion(tx, service, null, 'initial');
        }
        const updated = await repo.updateService(tx, service.id, version, changes);
        if (!updated) throw new AppError(409, 'catalogue.stale');
        const saved = (await repo.findServiceByCode(tx, code))!;
        await repo.insertServiceVersion(tx, saved, actor.accountId, null);
      });
      index.invalidate();
      return (await repo.findServiceByCode(db, code))!;
    },

    /** Services not reviewed for 12 months, among those the actor may edit. */
    async staleServices(actor: Actor) {
      return (await this.editableServices(actor)).filter((entry) => entry.stale);
    },

    async contentGaps(actor: Actor) {
      if (!canUseCatalogueBackOffice(actor)) throw new AppError(403, 'forbidden');
      await this.flushGaps();
      return repo.listContentGaps(db);
    },

    /** Waits for the content-gap entries still being written. */
    async flushGaps() {
      await Promise.all([...pendingGaps]);
    },
  };
}

/** Which languages a service is complete in (name and summary filled). */
export function translationCompleteness(service: { name: LocalizedText; summary: LocalizedText }): Record<Language, boolean> {
  return Object.fromEntries(
    LANGUAGES.map((lang) => [lang, !!service.name[lang]?.trim() && !!service.summary[lang]?.trim()]),
  ) as Record<Language, boolean>;
}

export function isStale(service: { lastReviewedAt: Date | null }, now = Date.now()): boolean {
  if (!service.lastReviewedAt) return true;
  return now - new Date(service.lastReviewedAt).getTime() > STALE_AFTER_DAYS * 24 * 3600 * 1000;
}

export type CatalogueService = ReturnType<typeof catalogueService>;
