// Request and response schemas of the knowledge base (validation, handler types, OpenAPI).
import { Type, type Static } from 'typebox';
import { LanguageSchema, LocalizedTextSchema, BoundedInteger, Text, Nullable, CalendarDate, Uuid } from '../platform/http/schemas.ts';
import { FLAG_KINDS, VISIBILITIES } from './repository.ts';

const CodePattern = '^[a-z0-9]+(-[a-z0-9]+)*$';
export const ServiceCodeSchema = Type.String({ pattern: CodePattern, maxLength: 64 });
export const SlugSchema = Type.String({ pattern: CodePattern, minLength: 3, maxLength: 80 });

export const ArticleSearchQuery = Type.Object({
  q: Type.Optional(Text({ maxLength: 500, description: 'Search words; without them, published articles by title' })),
  service: Type.Optional(ServiceCodeSchema),
  organisation: Type.Optional(Type.String({ pattern: CodePattern, maxLength: 64, description: 'Code of the owning organisation' })),
  lang: Type.Optional(LanguageSchema),
  limit: Type.Optional(BoundedInteger({ minimum: 1, maximum: 20 })),
});

export const ArticleHitSchema = Type.Object(
  {
    id: Uuid(),
    slug: Type.String(),
    title: Type.String(),
    titleLang: LanguageSchema,
    snippet: Type.String(),
    snippetLang: LanguageSchema,
    visibility: Type.Enum(VISIBILITIES),
    organisation: Type.Object({ code: Type.String(), name: Type.String() }),
    services: Type.Array(Type.String()),
    version: BoundedInteger(),
    publishedAt: Type.String({ format: 'date-time' }),
    score: Nullable(Type.Number()),
    url: Type.String(),
  },
  { $id: 'KnowledgeArticleHit', description: 'A search result; titleLang/snippetLang differ from lang when a translation is missing' },
);

export const ArticleSearchResponse = Type.Object({ results: Type.Array(Type.Ref('KnowledgeArticleHit')) });

const VersionSummary = Type.Object({
  version: BoundedInteger(),
  publishedAt: Type.String({ format: 'date-time' }),
  publishedBy: Nullable(Type.String(), { description: 'Shown to staff only' }),
  note: Nullable(Type.String()),
});

export const ArticleSchema = Type.Object(
  {
    id: Uuid(),
    slug: Type.String(),
    organisation: Type.Object({ code: Type.String(), name: LocalizedTextSchema }),
    visibility: Type.Enum(VISIBILITIES),
    title: LocalizedTextSchema,
    body: LocalizedTextSchema,
    language: LanguageSchema,
    titleLang: LanguageSchema,
    bodyLang: LanguageSchema,
    services: Type.Array(Type.String()),
    version: BoundedInteger({ description: 'The published version' }),
    publishedAt: Type.String({ format: 'date-time' }),
    reviewOn: Nullable(CalendarDate()),
    versions: Type.Array(VersionSummary),
  },
  { $id: 'KnowledgeArticle', description: 'The published version of an article' },
);

export const EditableArticleSchema = Type.Object(
  {
    id: Uuid(),
    slug: Type.String(),
    organisation: Type.Object({ code: Type.String(), name: LocalizedTextSchema }),
    status: Type.Enum(['draft', 'published', 'archived']),
    revision: BoundedInteger({ description: 'Send it back with a change; a stale revision is refused with 409' }),
    publishedVersion: Nullable(BoundedInteger()),
    unpublishedChanges: Type.Boolean(),
    visibility: Type.Enum(VISIBILITIES),
    title: LocalizedTextSchema,
    body: LocalizedTextSchema,
    services: Type.Array(Type.String()),
    reviewOn: Nullable(CalendarDate()),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'KnowledgeEditableArticle', description: 'The working copy of an article, as its editors see it' },
);

const LongText = (max: number) => Type.String({ maxLength: max });
const ContentInput = {
  visibility: Type.Enum(VISIBILITIES),
  title: Type.Object({ fr: Type.Optional(LongText(200)), nl: Type.Optional(LongText(200)), en: Type.Optional(LongText(200)) }, { additionalProperties: false }),
  body: Type.Object(
    { fr: Type.Optional(LongText(20000)), nl: Type.Optional(LongText(20000)), en: Type.Optional(LongText(20000)) },
    { additionalProperties: false },
  ),
  services: Type.Optional(Type.Array(ServiceCodeSchema, { maxItems: 20 })),
  reviewOn: Type.Optional(Nullable(CalendarDate({ description: 'Review the article by this date' }))),
  publish: Type.Optional(Type.Boolean({ description: 'Publish at once as a new version (default: save as draft)' })),
  note: Type.Optional(Text({ maxLength: 500, description: 'What changed (kept with the version)' })),
};

export const NewArticleBody = Type.Object(
  {
    slug: Type.Optional(SlugSchema),
    organisation: Type.Optional(Type.String({ pattern: CodePattern, maxLength: 64, description: 'Owner (administrators only); default: yours' })),
    ...ContentInput,
  },
  { additionalProperties: false },
);
export type NewArticleBody = Static<typeof NewArticleBody>;

export const ArticleChangesBody = Type.Object({ revision: BoundedInteger({ minimum: 1 }), ...ContentInput }, { additionalProperties: false });
export type ArticleChangesBody = Static<typeof ArticleChangesBody>;

export const PublishBody = Type.Object(
  { revision: BoundedInteger({ minimum: 1 }), note: Type.Optional(Text({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const FlagBody = Type.Object({ kind: Type.Enum(FLAG_KINDS), comment: Text({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });

export const FlagSchema = Type.Object(
  {
    id: Uuid(),
    article: Type.Object({ id: Uuid(), slug: Type.String(), title: LocalizedTextSchema }),
    articleVersion: BoundedInteger(),
    kind: Type.Enum(FLAG_KINDS),
    comment: Type.String(),
    flaggedBy: Nullable(Type.String()),
    flaggedAt: Type.String({ format: 'date-time' }),
    status: Type.Enum(['open', 'resolved']),
    resolvedBy: Nullable(Type.String()),
    resolvedAt: Nullable(Type.String({ format: 'date-time' })),
    resolutionNote: Nullable(Type.String()),
  },
  { $id: 'KnowledgeFlag' },
);

export const ResolveBody = Type.Object({ note: Type.Optional(Text({ maxLength: 1000 })) }, { additionalProperties: false });
