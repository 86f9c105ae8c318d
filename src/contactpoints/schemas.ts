// Request and response schemas of the contact points module (validation, handler types, OpenAPI).
import { Type, type Static } from 'typebox';
import { LocalizedTextSchema, BoundedInteger, Text, Nullable, CalendarDate, Uuid } from '../platform/http/schemas.ts';
import { HOLIDAY_CALENDARS } from '../platform/calendar/holidays.ts';
import { ACCESSIBILITY_FEATURES, CHANNELS, CONTACT_LANGUAGES } from './service.ts';

export const ContactPointCodeSchema = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 2, maxLength: 64 });
const Bilingual = Type.Object({ fr: Type.String(), nl: Type.String() }, { description: 'French and Dutch (Brussels street names are bilingual)' });
const TimeOfDay = Type.String({ description: 'Brussels time HH:MM (24:00 = midnight at the end of the day)' });
const Interval = Type.Object({ from: TimeOfDay, to: TimeOfDay });
const HolidaySchema = Type.Object({ date: CalendarDate(), code: Type.String(), name: LocalizedTextSchema });

const StatusSchema = Type.Object(
  {
    openNow: Type.Boolean(),
    nextChange: Type.Union([
      Type.Object({
        kind: Type.Enum(['opens', 'closes']),
        at: Type.String({ format: 'date-time', description: 'ISO 8601 with the Brussels offset' }),
      }),
      Type.Null(),
    ]),
    comment: Nullable(Type.String()),
    holidayToday: Nullable(HolidaySchema),
  },
  { description: 'Computed in Europe/Brussels at the time of the request' },
);

const summaryProperties = {
  id: Uuid(),
  code: Type.String(),
  organisation: Type.Object({ id: Uuid(), code: Type.String(), name: LocalizedTextSchema }),
  name: LocalizedTextSchema,
  address: Type.Object({ street: Bilingual, number: Type.String(), postalCode: Type.String(), municipality: Bilingual }),
  coordinates: Nullable(Type.Object({ latitude: Type.Number(), longitude: Type.Number() })),
  accessibility: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  channels: Type.Array(Type.String()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  openingHours: Type.String({ description: 'OpenStreetMap opening_hours syntax' }),
  holidayCalendar: Type.Enum(HOLIDAY_CALENDARS),
  demo: Type.Boolean({ description: 'Invented demo data' }),
  status: StatusSchema,
};

export const ContactPointSummarySchema = Type.Object(summaryProperties, { $id: 'ContactPointSummary' });

export const ContactPointSchema = Type.Object(
  {
    ...summaryProperties,
    accessibilityNote: Nullable(LocalizedTextSchema),
    active: Type.Boolean(),
    version: BoundedInteger({ description: 'Send it back with a change; a stale version is refused with 409' }),
    updatedAt: Type.String({ format: 'date-time' }),
    weeklyHours: Type.Array(
      Type.Object({ weekday: BoundedInteger({ minimum: 1, maximum: 7 }), intervals: Type.Array(Interval), comment: Nullable(Type.String()) }),
    ),
    upcomingHolidays: Type.Array(Type.Object({ holiday: HolidaySchema, intervals: Type.Array(Interval) })),
  },
  { $id: 'ContactPoint' },
);

const BilingualInput = Type.Object({ fr: Text({ minLength: 1, maxLength: 200 }), nl: Text({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

const inputProperties = {
  code: ContactPointCodeSchema,
  name: Type.Object(
    { fr: Text({ minLength: 1, maxLength: 200 }), nl: Text({ minLength: 1, maxLength: 200 }), en: Text({ minLength: 1, maxLength: 200 }) },
    { additionalProperties: false },
  ),
  address: Type.Object(
    {
      street: BilingualInput,
      number: Text({ minLength: 1, maxLength: 20 }),
      postalCode: Type.String({ pattern: '^[1-9][0-9]{3}$' }),
      municipality: BilingualInput,
    },
    { additionalProperties: false },
  ),
  coordinates: Type.Optional(
    Type.Union([
      Type.Object(
        { latitude: Type.Number({ minimum: -90, maximum: 90 }), longitude: Type.Number({ minimum: -180, maximum: 180 }) },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
  ),
  accessibility: Type.Optional(Type.Array(Type.Enum(ACCESSIBILITY_FEATURES), { maxItems: ACCESSIBILITY_FEATURES.length })),
  accessibilityNote: Type.Optional(Nullable(Type.Object({ fr: Text({ maxLength: 1000 }), nl: Text({ maxLength: 1000 }), en: Text({ maxLength: 1000 }) }))),
  languages: Type.Optional(Type.Array(Type.Enum(CONTACT_LANGUAGES), { maxItems: CONTACT_LANGUAGES.length })),
  channels: Type.Optional(Type.Array(Type.Enum(CHANNELS), { maxItems: CHANNELS.length })),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 40, pattern: '^[+0-9 ()./-]*$' }))),
  email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
  openingHours: Text({ minLength: 1, maxLength: 1000 }),
  holidayCalendar: Type.Optional(Type.Enum(HOLIDAY_CALENDARS)),
  demo: Type.Optional(Type.Boolean()),
  active: Type.Optional(Type.Boolean()),
};

export const NewContactPointBody = Type.Object(inputProperties, { additionalProperties: false });
export type NewContactPointBody = Static<typeof NewContactPointBody>;

export const ContactPointChangesBody = Type.Object({ version: BoundedInteger({ minimum: 1 }), ...inputProperties }, { additionalProperties: false });
export type ContactPointChangesBody = Static<typeof ContactPointChangesBody>;
