// The rules of the knowledge base: search with the catalogue's index machinery (per-language stemming,
// accents ignored, typo tolerance, IDF ranking) filtered by who is asking, reading published versions, editing
// the working copy by the owning organisation's editors with optimistic locking, publishing as a new version,
// and flags raised by agents and resolved by the owner.
//
// Other modules use (wired in services.ts as services.knowledge):
//   search(actor | null, { q, lang, service?, organisation?, limit? }) → { results: ArticleHit[], searchable }
//   forService(serviceCode, lang)                                       → public articles linked to a service
import type { Database } from '../platform/db/database.ts';
import { AppError, type FieldError } from '../platform/http/errors.ts';
import { LANGUAGES, pickText, type Language, type LocalizedText } from '../platform/i18n/languages.ts';
import type { Actor } from '../identity/actor.ts';
import type { OrganisationService } from '../organisations/service.ts';
import { createTextIndex } from '../catalogue/search-index.ts';
import { compoundWords, queryWords } from '../catalogue/text.ts';
import { scrubComment } from '../satisfaction/scrub.ts';
import * as repo from './repository.ts';
import type { ArticleContent, ArticleRecord, FlagKind, PublishedArticle, VersionRecord } from './repository.ts';
import { canCreateFor, canEditArticle, canFlag, canReadInternal, canWriteArticles, editScope } from './authorisation.ts';
import { slugify, snippet } from './text.ts';
import { isUuid } from '../platform/http/schemas.ts';
import { authorise } from '../identity/guards.ts';

export const MAX_RESULTS = 20;
export const PANEL_RESULTS = 8;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** One search result, texts in the asked language or visibly in another (`titleLang`). */
export interface ArticleHit {
  id: string;
  slug: string;
  title: string;
  titleLang: Language;
  snippet: string;
  snippetLang: Language;
  visibility: 'internal' | 'public';
  organisation: { code: string; name: string };
  services: string[];
  version: number;
  publishedAt: string;
  score: number | null;
  /** Where to read it: the public page for public articles read by the public, the back office for staff. */
  url: string;
}

export interface ArticleInput extends ArticleContent {
  slug?: string | undefined;
  organisationCode?: string | undefined;
}

export interface SearchOptions {
  q: string;
  lang: Language;
  service?: string | undefined;
  organisation?: string | undefined;
  limit?: number | undefined;
}

function clean(text: LocalizedText): LocalizedText {
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, (text[lang] ?? '').trim()]));
}

/** Field errors of an article's content; `publishing` also requires every started language to be complete. */
export function contentErrors(content: ArticleContent, publishing: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const hasTitle = LANGUAGES.filter((lang) => content.title[lang]?.trim());
  if (hasTitle.length === 0) errors.push({ field: 'title.fr', code: 'knowledge.titleRequired' });
  if (publishing) {
    for (const lang of LANGUAGES) {
      const title = !!content.title[lang]?.trim();
      const body = !!content.body[lang]?.trim();
      if (title && !body) errors.push({ field: `body.${lang}`, code: 'knowledge.bodyRequired' });
      if (body && !title) errors.push({ field: `title.${lang}`, code: 'knowledge.titleMissing' });
    }
  }
  return errors;
}

export function knowledgeService(db: Database, deps: { organisations: Pick<OrganisationService, 'findByCode'> }) {
  const index = createTextIndex<PublishedArticle>(db, {
    stamp: (q) => repo.searchStamp(q),
    load: async (q) =>
      (await repo.loadSearchDocuments(q)).map(({ tsv, ...item }) => ({
        key: item.slug,
        item,
        tsv,
        phrase: { fr: item.title.fr ?? '', nl: item.title.nl ?? '', en: item.title.en ?? '' },
        vocabulary: LANGUAGES.map((lang) => `${item.title[lang] ?? ''} ${item.body[lang] ?? ''}`).join(' '),
      })),
  });

  function hit(article: PublishedArticle, lang: Language, score: number | null, staff: boolean): ArticleHit {
    const title = pickText(article.title, lang);
    const body = pickText(article.body, lang);
    return {
      id: article.id,
      slug: article.slug,
      title: title.text,
      titleLang: title.lang,
      snippet: snippet(body.text),
      snippetLang: body.lang,
      visibility: article.visibility,
      organisation: { code: article.owner.code, name: pickText(article.owner.name, lang).text },
      services: article.serviceCodes,
      version: article.version,
      publishedAt: new Date(article.publishedAt).toISOString(),
      score,
      url: staff ? `/${lang}/admin/knowledge/articles/${article.slug}` : `/${lang}/help/${article.slug}`,
    };
  }

  async function article(idOrSlug: string): Promise<ArticleRecord> {
    const found = isUuid(idOrSlug) || (SLUG.test(idOrSlug) && idOrSlug.length <= 80) ? await repo.findArticle(db, idOrSlug) : undefined;
    if (!found) throw new AppError(404, 'knowledge.article_not_found');
    return found;
  }

  /** The published version a reader may see; drafts, archived and (for the public) internal articles are 404. */
  async function readable(actor: Actor | null, idOrSlug: string): Promise<{ article: ArticleRecord; published: VersionRecord }> {
    const found = await article(idOrSlug);
    if (found.status !== 'published' || found.publishedVersion === null) throw new AppError(404, 'knowledge.article_not_found');
    const published = (await repo.findVersion(db, found.id, found.publishedVersion))!;
    if (published.visibility === 'internal' && !canReadInternal(actor)) throw new AppError(404, 'knowledge.article_not_found');
    return { article: found, published };
  }

  async function editable(actor: Actor, idOrSlug: string): Promise<ArticleRecord> {
    const found = await article(idOrSlug);
    authorise(canEditArticle(actor, found), 'knowledge.not_owner');
    return found;
  }

  /** Checks the content, the linked services; throws one 400 with every field error. */
  async function checkContent(content: ArticleContent, publishing: boolean): Promise<void> {
    const errors = contentErrors(content, publishing);
    const known = await repo.existingServiceCodes(db, content.serviceCodes);
    const unknown = content.serviceCodes.filter((code) => !known.has(code));
    if (unknown.length > 0) errors.push({ field: 'services', code: 'knowledge.unknownService', values: { codes: unknown.join(', ') } });
    if (errors.length > 0) throw new AppError(400, 'validation.failed', { fields: errors });
  }

  function normalise(input: ArticleContent): ArticleContent {
    return {
      visibility: input.visibility,
      title: clean(input.title),
      body: clean(input.body),
      serviceCodes: [...new Set(input.serviceCodes.map((code) => code.trim()).filter(Boolean))].sort(),
      reviewOn: input.reviewOn?.trim() ? input.reviewOn.trim() : null,
    };
  }

  return {
    /** Builds the search index ahead of the first search. */
    warmUp: () => index.search(['warmup'], 'fr', 1).then(() => undefined),

    /**
     * Ranked search in the user's language (the other two count at half weight), or, without search words, the
     * published articles by title. Staff see internal and public articles, everyone else public ones only.
     */
    async search(actor: Actor | null, options: SearchOptions): Promise<{ results: ArticleHit[]; searchable: boolean }> {
      const staff = canReadInternal(actor);
      const limit = Math.min(options.limit ?? MAX_RESULTS, MAX_RESULTS);
      const words = queryWords(options.q);
      if (words.length === 0) {
        const listed = await repo.listPublished(db, {
          publicOnly: !staff,
          serviceCode: options.service,
          ownerCode: options.organisation,
          lang: options.lang,
          limit,
        });
        return { results: listed.map((a) => hit(a, options.lang, null, staff)), searchable: false };
      }
      const accept = (item: PublishedArticle) =>
        (staff || item.visibility === 'public') &&
        (!options.service || item.serviceCodes.includes(options.service)) &&
        (!options.organisation || item.owner.code === options.organisation);
      const hits = await index.search(words, options.lang, limit, compoundWords(words), accept);
      return { results: hits.map(({ item, score }) => hit(item, options.lang, score, staff)), searchable: true };
    },

    /** Organisations with published articles, for the organisation filter. */
    owners: () => repo.listOwners(db),

    /** Public articles linked to a catalogue service (for its page). */
    async forService(serviceCode: string, lang: Language): Promise<ArticleHit[]> {
      return (await repo.listPublished(db, { publicOnly: true, serviceCode, lang, limit: 10 })).map((a) => hit(a, lang, null, false));
    },

    /** A published article for a reader (the public pages pass actor null: never an internal article). */
    async read(actor: Actor | null, idOrSlug: string) {
      const { article: found, published } = await readable(actor, idOrSlug);
      const staff = canReadInternal(actor);
      const versions = await repo.listVersions(db, found.id);
      return {
        article: found,
        published,
        versions: staff ? versions : versions.map((v) => ({ ...v, publishedByName: null })),
        services: await repo.serviceNames(db, published.serviceCodes),
        canEdit: canEditArticle(actor, found),
        openFlags: canEditArticle(actor, found) ? await repo.listFlags(db, { status: 'open', articleId: found.id }) : [],
      };
    },

    /** One past version (history page); the same visibility rule as the article. */
    async version(actor: Actor | null, idOrSlug: string, version: number) {
      const { article: found } = await readable(actor, idOrSlug);
      const record = Number.isInteger(version) && version >= 1 ? await repo.findVersion(db, found.id, version) : undefined;
      if (!record || (record.visibility === 'internal' && !canReadInternal(actor))) throw new AppError(404, 'knowledge.version_not_found');
      return { article: found, version: canReadInternal(actor) ? record : { ...record, publishedByName: null } };
    },

    // ---- editors

    /** The articles the actor edits (all for administrators), drafts included. */
    async editableArticles(actor: Actor): Promise<ArticleRecord[]> {
      authorise(canWriteArticles(actor));
      return repo.listArticles(db, editScope(actor));
    },

    async editableArticle(actor: Actor, idOrSlug: string) {
      const found = await editable(actor, idOrSlug);
      return { article: found, versions: await repo.listVersions(db, found.id), services: await repo.serviceNames(db, found.serviceCodes) };
    },

    /** Creates an article (a draft, or published at once) for the actor's organisation or, for administrators, any. */
    async create(actor: Actor, input: ArticleInput, options: { publish: boolean; note?: string | null | undefined }): Promise<ArticleRecord> {
      authorise(canWriteArticles(actor));
      let ownerId = actor.organisationId;
      if (input.organisationCode && input.organisationCode !== actor.organisationCode) {
        const organisation = await deps.organisations.findByCode(input.organisationCode);
        if (!organisation) throw new AppError(400, 'validation.failed', { fields: [{ field: 'organisation', code: 'knowledge.unknownOrganisation' }] });
        ownerId = organisation.id;
      }
      authorise(canCreateFor(actor, ownerId), 'knowledge.not_owner');
      const content = normalise(input);
      await checkContent(content, options.publish);
      const explicit = input.slug?.trim();
      const base = explicit || slugify(content.title.fr || content.title.nl || content.title.en || '') || 'article';
      const id = await db.transaction(async (tx) => {
        let slug = base.length >= 3 ? base : `${base}-article`;
        if (!explicit) for (let n = 2; await repo.slugTaken(tx, slug); n++) slug = `${base}-${n}`;
        const created = await repo.insertArticle(tx, { ...content, slug, ownerOrganisationId: ownerId, accountId: actor.accountId });
        if (!created) throw new AppError(409, 'knowledge.slug_taken', { fields: [{ field: 'slug', code: 'knowledge.slugTaken' }] });
        if (options.publish) await repo.publishWorkingCopy(tx, created, options.note?.trim() || null, actor.accountId);
        return created;
      });
      if (options.publish) index.invalidate();
      return (await repo.findArticle(db, id))!;
    },

    /**
     * Saves the working copy read at `revision` (a concurrent save gives 409, never a lost update) and, with
     * publish, freezes it as a new version in the same transaction.
     */
    async update(actor: Actor, idOrSlug: string, revision: number, input: ArticleContent, options: { publish: boolean; note?: string | null | undefined }) {
      const found = await editable(actor, idOrSlug);
      const content = normalise(input);
      await checkContent(content, options.publish);
      await db.transaction(async (tx) => {
        const locked = await repo.findArticle(tx, found.id, { forUpdate: true });
        if (!locked || locked.revision !== revision) throw new AppError(409, 'knowledge.stale');
        if (!(await repo.updateArticle(tx, found.id, revision, content, actor.accountId))) throw new AppError(409, 'knowledge.stale');
        if (options.publish) await repo.publishWorkingCopy(tx, found.id, options.note?.trim() || null, actor.accountId);
      });
      if (options.publish) index.invalidate();
      return (await repo.findArticle(db, found.id))!;
    },

    /** Publishes the working copy as it is, if still at `revision`. */
    async publish(actor: Actor, idOrSlug: string, revision: number, note: string | null | undefined) {
      const found = await editable(actor, idOrSlug);
      await checkContent(found, true);
      await db.transaction(async (tx) => {
        const locked = await repo.findArticle(tx, found.id, { forUpdate: true });
        if (!locked || locked.revision !== revision) throw new AppError(409, 'knowledge.stale');
        if (locked.status === 'published' && !locked.unpublishedChanges) throw new AppError(409, 'knowledge.nothing_to_publish');
        await repo.publishWorkingCopy(tx, found.id, note?.trim() || null, actor.accountId);
      });
      index.invalidate();
      return (await repo.findArticle(db, found.id))!;
    },

    // ---- flags

    /** An agent flags the published version as outdated or unclear; the comment is scrubbed of contact data. */
    async flag(actor: Actor, idOrSlug: string, input: { kind: FlagKind; comment: string }) {
      authorise(canFlag(actor));
      const { article: found, published } = await readable(actor, idOrSlug);
      const comment = scrubComment(input.comment.trim());
      if (!comment) throw new AppError(400, 'validation.failed', { fields: [{ field: 'comment', code: 'knowledge.commentRequired' }] });
      const id = await repo.insertFlag(db, {
        articleId: found.id,
        articleVersion: published.version,
        kind: input.kind,
        comment,
        accountId: actor.accountId,
        organisationId: actor.organisationId,
      });
      return (await repo.findFlag(db, id))!;
    },

    /** Flags on the articles the actor edits (all for administrators). */
    async flags(actor: Actor, status: 'open' | 'resolved' = 'open') {
      authorise(canWriteArticles(actor));
      return repo.listFlags(db, { ownerOrganisationId: editScope(actor), status });
    },

    /** The owner's editor resolves an open flag (resolving twice gives 409). */
    async resolveFlag(actor: Actor, flagId: string, note: string | null | undefined) {
      const flag = isUuid(flagId) ? await repo.findFlag(db, flagId) : undefined;
      if (!flag) throw new AppError(404, 'knowledge.flag_not_found');
      authorise(canEditArticle(actor, { owner: { id: flag.ownerOrganisationId } }), 'knowledge.not_owner');
      const cleaned = note?.trim() ? scrubComment(note.trim()) : null;
      if (!(await repo.resolveFlag(db, flag.id, actor.accountId, cleaned))) throw new AppError(409, 'knowledge.flag_resolved');
      return (await repo.findFlag(db, flag.id))!;
    },
  };
}

export type KnowledgeService = ReturnType<typeof knowledgeService>;
export type { ArticleRecord, VersionRecord, PublishedArticle };
