// SQL of the knowledge base: articles (the editors' working copy), their published versions, flags.
import type { Queryable } from '../platform/db/database.ts';
import type { Language, LocalizedText } from '../platform/i18n/languages.ts';
import { isUuid } from '../platform/http/schemas.ts';

export const VISIBILITIES = ['internal', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const ARTICLE_STATUSES = ['draft', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
export const FLAG_KINDS = ['outdated', 'unclear'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export interface OwnerRef {
  id: string;
  code: string;
  name: LocalizedText;
}

/** What an editor writes: the working copy, and what a published version freezes. */
export interface ArticleContent {
  visibility: Visibility;
  title: LocalizedText;
  body: LocalizedText;
  serviceCodes: string[];
  /** ISO date (YYYY-MM-DD) by which the owner reviews the article again, or null. */
  reviewOn: string | null;
}

export interface ArticleRecord extends ArticleContent {
  id: string;
  slug: string;
  owner: OwnerRef;
  status: ArticleStatus;
  revision: number;
  publishedVersion: number | null;
  createdAt: Date;
  updatedAt: Date;
  updatedByName: string | null;
  /** The working copy differs from the published version (or was never published). */
  unpublishedChanges: boolean;
  openFlags: number;
}

export interface VersionRecord extends ArticleContent {
  version: number;
  note: string | null;
  publishedAt: Date;
  publishedByName: string | null;
}

/** A published article as the search index and the lists hold it. */
export interface PublishedArticle {
  id: string;
  slug: string;
  owner: OwnerRef;
  visibility: Visibility;
  title: LocalizedText;
  body: LocalizedText;
  serviceCodes: string[];
  version: number;
  publishedAt: Date;
  reviewOn: string | null;
}

const ARTICLE_COLUMNS = `
  a.id, a.slug, a.visibility, a.title, a.body, a.service_codes AS "serviceCodes", a.review_on::text AS "reviewOn",
  a.status, a.revision, a.published_version AS "publishedVersion", a.created_at AS "createdAt", a.updated_at AS "updatedAt",
  u.display_name AS "updatedByName",
  jsonb_build_object('id', o.id, 'code', o.code, 'name', o.name) AS owner,
  (v.id IS NULL OR v.title <> a.title OR v.body <> a.body OR v.visibility <> a.visibility
     OR v.service_codes <> a.service_codes OR v.review_on IS DISTINCT FROM a.review_on) AS "unpublishedChanges",
  (SELECT count(*)::int FROM knowledge_flags f WHERE f.article_id = a.id AND f.status = 'open') AS "openFlags"`;
const ARTICLE_FROM = `
  knowledge_articles a
  JOIN organisations o ON o.id = a.owner_organisation_id
  LEFT JOIN accounts u ON u.id = a.updated_by
  LEFT JOIN knowledge_article_versions v ON v.article_id = a.id AND v.version = a.published_version`;

/** By id (uuid) or slug. */
export async function findArticle(db: Queryable, idOrSlug: string, options: { forUpdate?: boolean } = {}): Promise<ArticleRecord | undefined> {
  const byId = isUuid(idOrSlug);
  if (options.forUpdate) {
    // Lock the row first (FOR UPDATE cannot apply to the outer joins' nullable side).
    const { rows: locked } = await db.query(`SELECT id FROM knowledge_articles WHERE ${byId ? 'id = $1::uuid' : 'slug = $1'} FOR UPDATE`, [idOrSlug]);
    if (locked.length === 0) return undefined;
  }
  const { rows } = await db.query<ArticleRecord>(`SELECT ${ARTICLE_COLUMNS} FROM ${ARTICLE_FROM} WHERE ${byId ? 'a.id = $1::uuid' : 'a.slug = $1'}`, [
    idOrSlug,
  ]);
  return rows[0];
}

export async function slugTaken(db: Queryable, slug: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM knowledge_articles WHERE slug = $1`, [slug]);
  return rows.length > 0;
}

/** Articles of one organisation (undefined = all), for the editors' list. */
export async function listArticles(db: Queryable, ownerOrganisationId: string | undefined): Promise<ArticleRecord[]> {
  const { rows } = await db.query<ArticleRecord>(
    `SELECT ${ARTICLE_COLUMNS} FROM ${ARTICLE_FROM}
      WHERE ($1::uuid IS NULL OR a.owner_organisation_id = $1::uuid)
      ORDER BY coalesce(a.title ->> 'fr', a.slug), a.slug`,
    [ownerOrganisationId ?? null],
  );
  return rows;
}

export async function insertArticle(
  db: Queryable,
  article: ArticleContent & { slug: string; ownerOrganisationId: string; accountId: string | null },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO knowledge_articles (slug, owner_organisation_id, visibility, title, body, service_codes, review_on, created_by, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $8)
     ON CONFLICT (slug) DO NOTHING RETURNING id`,
    [
      article.slug,
      article.ownerOrganisationId,
      article.visibility,
      JSON.stringify(article.title),
      JSON.stringify(article.body),
      article.serviceCodes,
      article.reviewOn,
      article.accountId,
    ],
  );
  return rows[0]?.id ?? '';
}

/** Saves the working copy if it is still at `revision`; false when someone saved in between. */
export async function updateArticle(db: Queryable, id: string, revision: number, content: ArticleContent, accountId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE knowledge_articles
        SET visibility = $3, title = $4, body = $5, service_codes = $6, review_on = $7::date,
            revision = revision + 1, updated_by = $8, updated_at = now()
      WHERE id = $1 AND revision = $2`,
    [id, revision, content.visibility, JSON.stringify(content.title), JSON.stringify(content.body), content.serviceCodes, content.reviewOn, accountId],
  );
  return rowCount > 0;
}

/** Freezes the working copy as the next version and makes it the published one (caller holds the row lock). */
export async function publishWorkingCopy(db: Queryable, id: string, note: string | null, accountId: string | null): Promise<number> {
  const { rows } = await db.query<{ version: number }>(
    `INSERT INTO knowledge_article_versions (article_id, version, visibility, title, body, service_codes, review_on, note, published_by)
     SELECT a.id, coalesce(a.published_version, 0) + 1, a.visibility, a.title, a.body, a.service_codes, a.review_on, $2, $3
       FROM knowledge_articles a WHERE a.id = $1
     RETURNING version`,
    [id, note, accountId],
  );
  const version = rows[0]!.version;
  await db.query(
    `UPDATE knowledge_articles SET status = 'published', published_version = $2, published_changed_at = clock_timestamp(),
            revision = revision + 1, updated_by = coalesce($3, updated_by), updated_at = now()
      WHERE id = $1`,
    [id, version, accountId],
  );
  return version;
}

const VERSION_COLUMNS = `
  v.version, v.visibility, v.title, v.body, v.service_codes AS "serviceCodes", v.review_on::text AS "reviewOn", v.note,
  v.published_at AS "publishedAt", u.display_name AS "publishedByName"`;

export async function listVersions(db: Queryable, articleId: string): Promise<VersionRecord[]> {
  const { rows } = await db.query<VersionRecord>(
    `SELECT ${VERSION_COLUMNS} FROM knowledge_article_versions v LEFT JOIN accounts u ON u.id = v.published_by
      WHERE v.article_id = $1 ORDER BY v.version DESC`,
    [articleId],
  );
  return rows;
}

export async function findVersion(db: Queryable, articleId: string, version: number): Promise<VersionRecord | undefined> {
  const { rows } = await db.query<VersionRecord>(
    `SELECT ${VERSION_COLUMNS} FROM knowledge_article_versions v LEFT JOIN accounts u ON u.id = v.published_by
      WHERE v.article_id = $1 AND v.version = $2`,
    [articleId, version],
  );
  return rows[0];
}

const PUBLISHED_COLUMNS = `
  a.id, a.slug, jsonb_build_object('id', o.id, 'code', o.code, 'name', o.name) AS owner, v.visibility, v.title, v.body,
  v.service_codes AS "serviceCodes", v.version, v.published_at AS "publishedAt", v.review_on::text AS "reviewOn"`;
const PUBLISHED_FROM = `
  knowledge_articles a
  JOIN knowledge_article_versions v ON v.article_id = a.id AND v.version = a.published_version
  JOIN organisations o ON o.id = a.owner_organisation_id`;

/** Published articles by filter, for a listing without a query (by title in the page language). */
export async function listPublished(
  db: Queryable,
  filter: { publicOnly: boolean; serviceCode?: string | undefined; ownerCode?: string | undefined; lang: Language; limit: number },
): Promise<PublishedArticle[]> {
  const { rows } = await db.query<PublishedArticle>(
    `SELECT ${PUBLISHED_COLUMNS} FROM ${PUBLISHED_FROM}
      WHERE a.status = 'published'
        AND (NOT $1 OR v.visibility = 'public')
        AND ($2::text IS NULL OR v.service_codes @> ARRAY[$2::text])
        AND ($3::text IS NULL OR o.code = $3)
      ORDER BY lower(coalesce(nullif(v.title ->> $4, ''), v.title ->> 'fr', v.title ->> 'nl', a.slug)), a.slug
      LIMIT $5`,
    [filter.publicOnly, filter.serviceCode ?? null, filter.ownerCode ?? null, filter.lang, filter.limit],
  );
  return rows;
}

/** The search index's documents: every published article with its published version's tsvectors. */
export async function loadSearchDocuments(db: Queryable): Promise<Array<PublishedArticle & { tsv: Record<Language, string> }>> {
  const { rows } = await db.query<PublishedArticle & { tsv: Record<Language, string> }>(
    `SELECT ${PUBLISHED_COLUMNS},
            jsonb_build_object('fr', v.search_fr::text, 'nl', v.search_nl::text, 'en', v.search_en::text) AS tsv
       FROM ${PUBLISHED_FROM}
      WHERE a.status = 'published'
      ORDER BY a.slug`,
  );
  return rows;
}

/** Changes whenever what readers see changes (a publish, an archive). */
export async function searchStamp(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ stamp: string }>(
    `SELECT count(*) FILTER (WHERE status = 'published')::text || '/' || coalesce(max(published_changed_at)::text, '') AS stamp
       FROM knowledge_articles`,
  );
  return rows[0]!.stamp;
}

/** Organisations owning at least one published article (the search filter's choices). */
export async function listOwners(db: Queryable): Promise<Array<{ code: string; name: LocalizedText }>> {
  const { rows } = await db.query<{ code: string; name: LocalizedText }>(
    `SELECT o.code, o.name FROM organisations o
      WHERE EXISTS (SELECT 1 FROM knowledge_articles a WHERE a.owner_organisation_id = o.id AND a.status = 'published')
      ORDER BY o.code`,
  );
  return rows;
}

/** Which of these service codes exist in the catalogue (any status). */
export async function existingServiceCodes(db: Queryable, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const { rows } = await db.query<{ code: string }>(`SELECT code FROM services WHERE code = ANY($1::text[])`, [codes]);
  return new Set(rows.map((row) => row.code));
}

/** Names of catalogue services, for showing an article's links. */
export async function serviceNames(db: Queryable, codes: string[]): Promise<Array<{ code: string; name: LocalizedText; published: boolean }>> {
  if (codes.length === 0) return [];
  const { rows } = await db.query<{ code: string; name: LocalizedText; published: boolean }>(
    `SELECT code, name, status = 'published' AS published FROM services WHERE code = ANY($1::text[]) ORDER BY code`,
    [codes],
  );
  return rows;
}

// ---- flags

export interface FlagRecord {
  id: string;
  articleId: string;
  articleSlug: string;
  articleTitle: LocalizedText;
  ownerOrganisationId: string;
  articleVersion: number;
  kind: FlagKind;
  comment: string;
  flaggedByName: string | null;
  flaggedByOrganisation: LocalizedText | null;
  flaggedAt: Date;
  status: 'open' | 'resolved';
  resolvedByName: string | null;
  resolvedAt: Date | null;
  resolutionNote: string | null;
}

const FLAG_SELECT = `
  SELECT f.id, f.article_id AS "articleId", a.slug AS "articleSlug", a.title AS "articleTitle",
         a.owner_organisation_id AS "ownerOrganisationId", f.article_version AS "articleVersion", f.kind, f.comment,
         fb.display_name AS "flaggedByName", fo.name AS "flaggedByOrganisation", f.flagged_at AS "flaggedAt", f.status,
         rb.display_name AS "resolvedByName", f.resolved_at AS "resolvedAt", f.resolution_note AS "resolutionNote"
    FROM knowledge_flags f
    JOIN knowledge_articles a ON a.id = f.article_id
    LEFT JOIN accounts fb ON fb.id = f.flagged_by
    LEFT JOIN organisations fo ON fo.id = f.flagged_by_org_id
    LEFT JOIN accounts rb ON rb.id = f.resolved_by`;

export async function insertFlag(
  db: Queryable,
  flag: { articleId: string; articleVersion: number; kind: FlagKind; comment: string; accountId: string; organisationId: string },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO knowledge_flags (article_id, article_version, kind, comment, flagged_by, flagged_by_org_id)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [flag.articleId, flag.articleVersion, flag.kind, flag.comment, flag.accountId, flag.organisationId],
  );
  return rows[0]!.id;
}

export async function findFlag(db: Queryable, id: string): Promise<FlagRecord | undefined> {
  const { rows } = await db.query<FlagRecord>(`${FLAG_SELECT} WHERE f.id = $1::uuid`, [id]);
  return rows[0];
}

/** Flags of the articles of one organisation (undefined = all), newest first. */
export async function listFlags(
  db: Queryable,
  filter: { ownerOrganisationId?: string | undefined; status: 'open' | 'resolved'; articleId?: string | undefined },
): Promise<FlagRecord[]> {
  const { rows } = await db.query<FlagRecord>(
    `${FLAG_SELECT}
      WHERE f.status = $1 AND ($2::uuid IS NULL OR a.owner_organisation_id = $2::uuid) AND ($3::uuid IS NULL OR f.article_id = $3::uuid)
      ORDER BY f.flagged_at DESC LIMIT 500`,
    [filter.status, filter.ownerOrganisationId ?? null, filter.articleId ?? null],
  );
  return rows;
}

/** Resolves an open flag; false when it was already resolved (by someone else, concurrently). */
export async function resolveFlag(db: Queryable, id: string, accountId: string, note: string | null): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE knowledge_flags SET status = 'resolved', resolved_by = $2, resolved_at = now(), resolution_note = $3
      WHERE id = $1::uuid AND status = 'open'`,
    [id, accountId, note],
  );
  return rowCount > 0;
}
