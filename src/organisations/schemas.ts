// Request and response schemas of the organisations module (validation, handler types, OpenAPI).
import { Type, type Static } from 'typebox';
import { LanguageSchema, LocalizedTextSchema, BoundedInteger, Text, Nullable, Uuid } from '../platform/http/schemas.ts';
import { ROLES } from '../identity/actor.ts';
import { PASSWORD_MAX_LENGTH } from '../identity/passwords.ts';
import { ORGANISATION_KINDS } from './repository.ts';

export const CodeSchema = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 2, maxLength: 64 });
export const KindSchema = Type.Enum(ORGANISATION_KINDS);
export const RoleSchema = Type.Enum(ROLES);
const Id = Uuid();

const OptionalLocalizedText = Nullable(LocalizedTextSchema);

export const OrganisationSchema = Type.Object(
  {
    id: Id,
    code: Type.String(),
    kind: KindSchema,
    name: LocalizedTextSchema,
    shortName: OptionalLocalizedText,
    mission: OptionalLocalizedText,
    postalCodes: Type.Array(Type.String()),
  },
  { $id: 'Organisation' },
);

export const UnitSchema = Type.Object({ id: Id, organisationId: Id, code: Type.String(), name: LocalizedTextSchema }, { $id: 'Unit' });

export const AccountSchema = Type.Object(
  {
    id: Id,
    organisationId: Id,
    organisationCode: Type.String(),
    email: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(RoleSchema),
    preferredLanguage: LanguageSchema,
    active: Type.Boolean(),
    lockedUntil: Nullable(Type.String({ format: 'date-time' })),
    unitIds: Type.Array(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    version: BoundedInteger({ description: 'Send it back with a change; a stale version is refused with 409' }),
  },
  { $id: 'Account' },
);

const Name = Text({ minLength: 1, maxLength: 200 });
export const NewOrganisationBody = Type.Object(
  { code: CodeSchema, kind: KindSchema, name: Type.Object({ fr: Name, nl: Name, en: Name }) },
  { additionalProperties: false },
);
export const NewUnitBody = Type.Object({ code: CodeSchema, name: Type.Object({ fr: Name, nl: Name, en: Name }) }, { additionalProperties: false });

export const NewAccountBody = Type.Object(
  {
    organisationCode: CodeSchema,
    email: Type.String({ format: 'email', maxLength: 254 }),
    displayName: Text({ minLength: 1, maxLength: 120 }),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
    roles: Type.Array(RoleSchema, { minItems: 1, maxItems: ROLES.length }),
    preferredLanguage: LanguageSchema,
    unitIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type NewAccountBody = Static<typeof NewAccountBody>;

export const AccountChangesBody = Type.Object(
  {
    version: BoundedInteger({ minimum: 1 }),
    displayName: Text({ minLength: 1, maxLength: 120 }),
    roles: Type.Array(RoleSchema, { minItems: 1, maxItems: ROLES.length }),
    preferredLanguage: LanguageSchema,
    active: Type.Boolean(),
    unitIds: Type.Array(Id, { maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type AccountChangesBody = Static<typeof AccountChangesBody>;
