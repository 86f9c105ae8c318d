// Request and response schemas of the catalogue API (validation, handler types, OpenAPI).
import { Type, type Static } from 'typebox';
import { LanguageSchema, LocalizedTextSchema, BoundedInteger, Text, Nullable } from '../platform/http/schemas.ts';
import { AUDIENCES, CHANNELS, SERVICE_STATUSES } from './repository.ts';

export const ServiceCodeSchema = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 2, maxLength: 64 });
export const PostalCodeSchema = Type.String({ pattern: '^[0-9]{4}$', description: 'A Belgian postal code (4 digits), e.g. 1030' });

export const OrganisationAnswerSchema = Type.Object(
  {
    resolved: Type.Boolean({ description: 'true when the organisation providing the service for this user is known' }),
    kind: Type.String({ description: 'commune, cpas, regional, community, federal or other' }),
    code: Type.Optional(Type.String()),
    name: Type.Optional(Type.String()),
    url: Type.Optional(Type.String({ description: 'The public page of the organisation' })),
    reason: Type.Optional(
      Type.Enum(['postal_code_needed', 'postal_code_shared', 'postal_code_unknown'], {
        description:
          'Why it is not resolved: a service of every commune/CPAS needs the postal code; a shared postal code (1040, 1050, …) lists the candidates; an unknown one is not in the Brussels Region',
      }),
    ),
    candidates: Type.Optional(Type.Array(Type.Object({ code: Type.String(), name: Type.String() }))),
  },
  {
    $id: 'OrganisationAnswer',
    description:
      'Who provides the service for this user. For services of every commune (or CPAS) without a postal code: {"kind":"commune","resolved":false,"reason":"postal_code_needed"}.',
  },
);

export const SearchQuery = Type.Object({
  q: Text({ minLength: 1, maxLength: 2000, description: 'The question in the user’s own words' }),
  lang: Type.Optional(LanguageSchema),
  postalCode: Type.Optional(PostalCodeSchema),
});

export const SearchResponse = Type.Object({
  results: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      summary: Type.String(),
      organisation: Type.Ref('OrganisationAnswer'),
      score: Type.Number({ description: 'Relevance, higher is better; results are ordered by it' }),
    }),
    { maxItems: 20, description: 'Empty when nothing matches well enough (outcome "no_result")' },
  ),
  outcome: Type.Optional(
    Type.Enum(['results', 'no_result', 'guided'], {
      description:
        '"no_result": nothing matched well enough, offer the suggestion, themes, life events and the contact form; "guided": ask guidedQuestion first',
    }),
  ),
  suggestion: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Did you mean: the query with unknown words corrected' })),
  guidedQuestion: Type.Optional(
    Type.Union([
      Type.Object({
        options: Type.Array(
          Type.Object({
            lifeEvent: Type.Object({ code: Type.String(), name: Type.String() }),
            service: Type.Object({ code: Type.String(), name: Type.String() }),
          }),
        ),
      }),
      Type.Null(),
    ]),
  ),
});

const Named = Type.Object({ code: Type.String(), name: Type.String() });

export const ServiceViewSchema = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    summary: Type.String(),
    description: Nullable(Type.String()),
    audience: Type.Array(Type.String()),
    theme: Named,
    lifeEvents: Type.Array(Named),
    competent: Type.Object({
      kind: Type.Enum(['organisation', 'commune', 'cpas']),
      organisation: Type.Optional(Type.Ref('OrganisationAnswer')),
    }),
    channels: Type.Array(Type.String()),
    appointment: Type.Boolean(),
    evidence: Nullable(Type.String()),
    cost: Nullable(Type.String()),
    processingTime: Nullable(Type.String()),
    legalBasis: Nullable(
      Type.Object(
        { text: Type.String(), url: Nullable(Type.String({ description: 'The official text, when known' })) },
        { description: 'The act the service rests on, when known' },
      ),
    ),
    keywords: Type.Array(Type.String()),
    lastReviewedAt: Nullable(Type.String({ format: 'date-time' })),
    url: Type.String(),
  },
  { $id: 'Service' },
);

export const ServiceParams = Type.Object({ code: ServiceCodeSchema });
export const LangQuery = Type.Object({ lang: Type.Optional(LanguageSchema) });

export const OrientationQuery = Type.Object({
  service: ServiceCodeSchema,
  postalCode: Type.Optional(PostalCodeSchema),
  lang: Type.Optional(LanguageSchema),
  organisation: Type.Optional(
    Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64, description: 'The candidate the user chose when the postal code is shared' }),
  ),
});

export const OrientationResponse = Type.Object({
  organisation: Type.Optional(Type.Ref('OrganisationAnswer')),
  contactPoints: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }))),
  candidates: Type.Optional(
    Type.Array(Type.Object({ code: Type.String(), name: Type.String() }), {
      description: 'When the postal code is shared by several communes: ask the user, then call again with organisation=<code>',
    }),
  ),
});

const OptionalText = Type.Object({ fr: Text({ maxLength: 4000 }), nl: Text({ maxLength: 4000 }), en: Text({ maxLength: 4000 }) });
const KeywordList = Type.Array(Text({ minLength: 1, maxLength: 80 }), { maxItems: 30 });

const Version = BoundedInteger({ minimum: 1, description: 'The version you read; a stale version is refused with 409' });
const Audience = Type.Array(Type.Enum(AUDIENCES), { minItems: 1, maxItems: AUDIENCES.length, uniqueItems: true });
const LifeEvents = Type.Array(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 }), { maxItems: 20, uniqueItems: true });
const Theme = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 });
const Competent = Type.Object(
  {
    kind: Type.Enum(['organisation', 'commune', 'cpas']),
    organisation: Type.Optional(Nullable(Text({ maxLength: 64, description: 'Organisation code when kind is "organisation"' }))),
  },
  { additionalProperties: false, description: 'Who provides it: one organisation, or every commune / every CPAS' },
);
const Channels = Type.Array(Type.Enum(CHANNELS), { maxItems: CHANNELS.length, uniqueItems: true });
const Keywords = Type.Object({ fr: KeywordList, nl: KeywordList, en: KeywordList });
const LegalBasisUrl = Nullable(Text({ maxLength: 500, description: 'A link (http or https) to the official text of the legal basis' }));
const SearchTermList = Type.Array(Text({ minLength: 1, maxLength: 80 }), { maxItems: 60 });
const SearchTerms = Type.Object(
  { fr: SearchTermList, nl: SearchTermList, en: SearchTermList },
  { description: 'Everyday words users search with, per language (situations, colloquial words, misspellings, local names); omitted: unchanged' },
);

export const ServiceChangesBody = Type.Object(
  {
    version: Version,
    name: LocalizedTextSchema,
    summary: OptionalText,
    description: OptionalText,
    evidence: OptionalText,
    cost: OptionalText,
    processingTime: OptionalText,
    legalBasis: Type.Optional(OptionalText),
    legalBasisUrl: Type.Optional(LegalBasisUrl),
    keywords: Keywords,
    searchTerms: Type.Optional(SearchTerms),
    channels: Channels,
    appointment: Type.Boolean(),
    audience: Type.Optional(Audience),
    lifeEvents: Type.Optional(LifeEvents),
    theme: Type.Optional(Theme),
    competent: Type.Optional(Competent),
    status: Type.Enum(SERVICE_STATUSES),
    reviewed: Type.Boolean({ description: 'Mark the content as reviewed today' }),
  },
  { additionalProperties: false },
);
export type ServiceChangesBody = Static<typeof ServiceChangesBody>;

/** The whole editable content of a service (creation, drafts). */
const contentProperties = {
  name: OptionalText,
  summary: OptionalText,
  description: OptionalText,
  evidence: OptionalText,
  cost: OptionalText,
  processingTime: OptionalText,
  legalBasis: Type.Optional(OptionalText),
  legalBasisUrl: Type.Optional(LegalBasisUrl),
  keywords: Keywords,
  searchTerms: Type.Optional(SearchTerms),
  channels: Channels,
  appointment: Type.Boolean(),
  audience: Audience,
  lifeEvents: LifeEvents,
  theme: Theme,
  competent: Competent,
};

export const NewServiceBody = Type.Object(
  { code: Text({ maxLength: 64, description: 'Stable code: lower-case letters, digits and hyphens (2–64); it cannot change later' }), ...contentProperties },
  { additionalProperties: false },
);
export type NewServiceBody = Static<typeof NewServiceBody>;

export const ServiceDraftBody = Type.Object({ version: Version, ...contentProperties }, { additionalProperties: false });
export type ServiceDraftBody = Static<typeof ServiceDraftBody>;

export const PublishBody = Type.Object(
  { version: Version, reviewed: Type.Optional(Type.Boolean({ description: 'Mark the content as reviewed today' })) },
  { additionalProperties: false },
);
export const VersionBody = Type.Object({ version: Version }, { additionalProperties: false });

export const EditableServiceSchema = Type.Object({
  code: Type.String(),
  status: Type.String(),
  version: BoundedInteger(),
  name: LocalizedTextSchema,
  lastReviewedAt: Nullable(Type.String({ format: 'date-time' })),
  translations: Type.Object({ fr: Type.Boolean(), nl: Type.Boolean(), en: Type.Boolean() }),
  stale: Type.Boolean(),
  draft: Type.Boolean({ description: 'true when unpublished changes are pending (the public service is unchanged)' }),
  changedFields: Type.Array(Type.String(), { description: 'What the pending draft changes, e.g. "name.en", "theme", "competent"' }),
});
