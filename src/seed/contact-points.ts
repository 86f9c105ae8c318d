// Demo contact points: one or more per commune and CPAS and for the main regional and community bodies.
// Every address is INVENTED (plausible street in the right postal code) and marked demo, so pages say so.
// Idempotent: inserts what is missing by (organisation, code), never overwrites an editor's change.
import type { Queryable } from '../platform/db/database.ts';
import { insertMissingContactPoints, type ContactPointFields } from '../contactpoints/repository.ts';
import { calendarForOrganisation } from '../platform/calendar/holidays.ts';

type Municipality = { slug: string; postalCode: string; fr: string; nl: string; lat: number; lon: number };

export const MUNICIPALITIES: Municipality[] = [
  { slug: 'anderlecht', postalCode: '1070', fr: 'Anderlecht', nl: 'Anderlecht', lat: 50.8366, lon: 4.3087 },
  { slug: 'auderghem', postalCode: '1160', fr: 'Auderghem', nl: 'Oudergem', lat: 50.8156, lon: 4.4331 },
  { slug: 'berchem-sainte-agathe', postalCode: '1082', fr: 'Berchem-Sainte-Agathe', nl: 'Sint-Agatha-Berchem', lat: 50.8644, lon: 4.2921 },
  { slug: 'bruxelles', postalCode: '1000', fr: 'Bruxelles', nl: 'Brussel', lat: 50.8467, lon: 4.3525 },
  { slug: 'etterbeek', postalCode: '1040', fr: 'Etterbeek', nl: 'Etterbeek', lat: 50.8361, lon: 4.3868 },
  { slug: 'evere', postalCode: '1140', fr: 'Evere', nl: 'Evere', lat: 50.8707, lon: 4.4029 },
  { slug: 'forest', postalCode: '1190', fr: 'Forest', nl: 'Vorst', lat: 50.8103, lon: 4.3185 },
  { slug: 'ganshoren', postalCode: '1083', fr: 'Ganshoren', nl: 'Ganshoren', lat: 50.8713, lon: 4.3089 },
  { slug: 'ixelles', postalCode: '1050', fr: 'Ixelles', nl: 'Elsene', lat: 50.8275, lon: 4.3719 },
  { slug: 'jette', postalCode: '1090', fr: 'Jette', nl: 'Jette', lat: 50.8779, lon: 4.3259 },
  { slug: 'koekelberg', postalCode: '1081', fr: 'Koekelberg', nl: 'Koekelberg', lat: 50.8622, lon: 4.3257 },
  { slug: 'molenbeek-saint-jean', postalCode: '1080', fr: 'Molenbeek-Saint-Jean', nl: 'Sint-Jans-Molenbeek', lat: 50.8551, lon: 4.3228 },
  { slug: 'saint-gilles', postalCode: '1060', fr: 'Saint-Gilles', nl: 'Sint-Gillis', lat: 50.8272, lon: 4.3454 },
  { slug: 'saint-josse-ten-noode', postalCode: '1210', fr: 'Saint-Josse-ten-Noode', nl: 'Sint-Joost-ten-Node', lat: 50.8532, lon: 4.3731 },
  { slug: 'schaerbeek', postalCode: '1030', fr: 'Schaerbeek', nl: 'Schaarbeek', lat: 50.8676, lon: 4.3773 },
  { slug: 'uccle', postalCode: '1180', fr: 'Uccle', nl: 'Ukkel', lat: 50.802, lon: 4.3371 },
  { slug: 'watermael-boitsfort', postalCode: '1170', fr: 'Watermael-Boitsfort', nl: 'Watermaal-Bosvoorde', lat: 50.7992, lon: 4.4163 },
  { slug: 'woluwe-saint-lambert', postalCode: '1200', fr: 'Woluwe-Saint-Lambert', nl: 'Sint-Lambrechts-Woluwe', lat: 50.847, lon: 4.4254 },
  { slug: 'woluwe-saint-pierre', postalCode: '1150', fr: 'Woluwe-Saint-Pierre', nl: 'Sint-Pieters-Woluwe', lat: 50.8322, lon: 4.4324 },
];

// Invented street names (bilingual, as Brussels streets are).
const STREETS = [
  { fr: 'Rue des Iris', nl: 'Irisstraat' },
  { fr: 'Avenue des Tilleuls', nl: 'Lindenlaan' },
  { fr: 'Place de l’Accueil', nl: 'Onthaalplein' },
  { fr: 'Rue du Guichet', nl: 'Loketstraat' },
  { fr: 'Rue des Services publics', nl: 'Openbare-Dienstenstraat' },
  { fr: 'Avenue du Beffroi', nl: 'Belfortlaan' },
  { fr: 'Rue de la Concorde démo', nl: 'Demo-Eendrachtstraat' },
];

const COMMUNE_HOURS = [
  'Mo-Fr 08:30-12:30; Th 08:30-12:30,14:00-19:00; PH off',
  'Mo-Fr 09:00-12:30,13:30-16:00; Sa 09:00-12:00; PH off',
  'Mo-We,Fr 08:00-13:00; Th 13:00-19:00; PH off',
  'Mo-Fr 08:30-12:00,13:00-15:30; Sa[1] 09:00-12:00; PH off',
  'Mo-Fr 08:00-14:00; We 08:00-14:00,15:00-18:30; PH off',
];
const CPAS_HOURS = [
  'Mo-Fr 08:30-12:00; Tu,Th 08:30-12:00,13:30-16:00; PH off',
  'Mo-Th 08:00-12:00,13:00-16:00; Fr 08:00-12:00; PH off',
  'Mo,We,Fr 08:30-11:30; Tu,Th 08:30-11:30,13:30-15:30; PH off',
];
const ACCESS = [
  ['wheelchair', 'step_free_entrance', 'accessible_toilet', 'hearing_loop', 'seating'],
  ['wheelchair', 'step_free_entrance', 'low_counter', 'guide_dogs'],
  ['step_free_entrance', 'seating', 'guide_dogs'],
  ['wheelchair', 'accessible_toilet', 'reserved_parking', 'sign_language', 'hearing_loop'],
];

type Seed = ContactPointFields & { organisationCode: string };

function base(
  organisationCode: string,
  kind: string,
  m: Municipality,
  index: number,
): Omit<Seed, 'code' | 'name' | 'openingHours' | 'channels' | 'languages' | 'email' | 'phone'> {
  const street = STREETS[index % STREETS.length]!;
  // A small offset from the municipality centre so points of one commune do not overlap on a map.
  const shift = ((index % 5) - 2) * 0.0011;
  return {
    organisationCode,
    street,
    houseNumber: String(3 + ((index * 17) % 180)),
    postalCode: m.postalCode,
    municipality: { fr: m.fr, nl: m.nl },
    latitude: Number((m.lat + shift).toFixed(5)),
    longitude: Number((m.lon - shift).toFixed(5)),
    accessibility: ACCESS[index % ACCESS.length]!,
    accessibilityNote: null,
    holidayCalendar: calendarForOrganisation({ code: organisationCode, kind }),
    demo: true,
    active: true,
  };
}

const phone = (index: number, offset: number) =>
  `+32 2 ${String(500 + ((index * 7 + offset) % 400))} ${String(10 + ((index * 13) % 89)).padStart(2, '0')} ${String(10 + ((index * 29 + offset) % 89)).padStart(2, '0')}`;

export function demoContactPoints(): Seed[] {
  const seeds: Seed[] = [];
  MUNICIPALITIES.forEach((m, index) => {
    seeds.push({
      ...base(`commune-${m.slug}`, 'commune', m, index),
      code: 'maison-communale',
      name: { fr: `Maison communale – ${m.fr}`, nl: `Gemeentehuis – ${m.nl}`, en: `Town hall – ${m.fr}` },
      openingHours: COMMUNE_HOURS[index % COMMUNE_HOURS.length]!,
      channels: index % 2 === 0 ? ['walk_in', 'appointment', 'phone', 'email'] : ['appointment', 'phone', 'email', 'web_form'],
      languages: index % 3 === 0 ? ['fr', 'nl', 'en'] : ['fr', 'nl'],
      phone: phone(index, 1),
      email: `accueil.${m.slug}@demo.irisdesk.brussels`,
    });
    seeds.push({
      ...base(`cpas-${m.slug}`, 'cpas', m, index + 3),
      code: 'accueil-social',
      name: { fr: `CPAS – accueil social – ${m.fr}`, nl: `OCMW – sociaal onthaal – ${m.nl}`, en: `CPAS – social welcome desk – ${m.fr}` },
      openingHours: CPAS_HOURS[index % CPAS_HOURS.length]!,
      channels: ['walk_in', 'appointment', 'phone'],
      languages: index % 2 === 0 ? ['fr', 'nl', 'ar', 'tr'] : ['fr', 'nl', 'en', 'es'],
      phone: phone(index, 2),
      email: `social.${m.slug}@demo.irisdesk.brussels`,
    });
  });

  const at = (slug: string) => MUNICIPALITIES.find((m) => m.slug === slug)!;
  // Local antennas, so that a commune can have several desks.
  seeds.push(
    {
      ...base('commune-bruxelles', 'commune', { ...at('bruxelles'), postalCode: '1020', lat: 50.8803, lon: 4.3497 }, 40),
      code: 'antenne-laeken',
      name: { fr: 'Antenne de Laeken', nl: 'Antenne Laken', en: 'Laeken local office' },
      municipality: { fr: 'Bruxelles', nl: 'Brussel' },
      openingHours: 'Mo-Fr 08:30-12:30; Tu 08:30-12:30,13:30-18:00; PH off',
      channels: ['walk_in', 'appointment'],
      languages: ['fr', 'nl'],
      phone: phone(40, 3),
      email: 'laeken@demo.irisdesk.brussels',
    },
    {
      ...base('commune-schaerbeek', 'commune', at('schaerbeek'), 41),
      code: 'antenne-nord',
      name: { fr: 'Antenne Schaerbeek-Nord', nl: 'Antenne Schaarbeek-Noord', en: 'Schaerbeek North local office' },
      openingHours: 'Tu-Fr 09:00-13:00; Sa 09:00-12:30; PH off',
      channels: ['walk_in'],
      languages: ['fr', 'nl', 'tr', 'ar'],
      phone: phone(41, 3),
      email: 'nord.schaerbeek@demo.irisdesk.brussels',
    },
  );

  const regional: Array<{ org: string; kind: string; slug: string; code: string; name: Seed['name']; hours: string; channels: string[]; languages: string[] }> =
    [
      {
        org: 'actiris',
        kind: 'regional',
        slug: 'saint-josse-ten-noode',
        code: 'siege',
        name: { fr: 'Actiris – accueil central', nl: 'Actiris – centraal onthaal', en: 'Actiris – main reception' },
        hours: 'Mo-Fr 08:30-16:00; PH off',
        channels: ['walk_in', 'appointment', 'phone', 'email', 'video_call'],
        languages: ['fr', 'nl', 'en'],
      },
      {
        org: 'actiris',
        kind: 'regional',
        slug: 'anderlecht',
        code: 'antenne-anderlecht',
        name: { fr: 'Actiris – antenne d’Anderlecht', nl: 'Actiris – antenne Anderlecht', en: 'Actiris – Anderlecht office' },
        hours: 'Mo-Fr 08:30-12:30; Th 08:30-12:30,13:30-18:00; PH off',
        channels: ['walk_in', 'appointment'],
        languages: ['fr', 'nl', 'ar'],
      },
      {
        org: 'bruxelles-fiscalite',
        kind: 'regional',
        slug: 'saint-josse-ten-noode',
        code: 'accueil',
        name: { fr: 'Bruxelles Fiscalité – accueil', nl: 'Brussel Fiscaliteit – onthaal', en: 'Brussels Taxation – reception' },
        hours: 'Mo-Fr 09:00-12:00,13:00-16:00; PH off',
        channels: ['walk_in', 'phone', 'email', 'web_form'],
        languages: ['fr', 'nl', 'en'],
      },
      {
        org: 'bruxelles-environnement',
        kind: 'regional',
        slug: 'bruxelles',
        code: 'info-environnement',
        name: { fr: 'Bruxelles Environnement – info-environnement', nl: 'Leefmilieu Brussel – info-leefmilieu', en: 'Brussels Environment – information desk' },
        hours: 'Mo-Fr 09:00-12:00; We 09:00-12:00,13:00-16:00; PH off',
        channels: ['walk_in', 'phone', 'email'],
        languages: ['fr', 'nl', 'en'],
      },
      {
        org: 'parking-brussels',
        kind: 'regional',
        slug: 'bruxelles',
        code: 'guichet',
        name: { fr: 'parking.brussels – guichet', nl: 'parking.brussels – loket', en: 'parking.brussels – desk' },
        hours: 'Mo-Fr 08:30-16:30; Sa 09:00-13:00; PH off',
        channels: ['walk_in', 'phone', 'web_form'],
        languages: ['fr', 'nl', 'en'],
      },
      {
        org: 'bruxelles-logement',
        kind: 'regional',
        slug: 'bruxelles',
        code: 'accueil',
        name: { fr: 'Bruxelles Logement – permanence', nl: 'Brussel Huisvesting – permanentie', en: 'Brussels Housing – drop-in desk' },
        hours: 'Mo,We,Fr 09:00-12:00; Th 13:00-17:00; PH off',
        channels: ['walk_in', 'phone', 'email'],
        languages: ['fr', 'nl'],
      },
      {
        org: 'hub-brussels',
        kind: 'regional',
        slug: 'bruxelles',
        code: '1819',
        name: {
          fr: 'hub.brussels – 1819, accueil des entrepreneurs',
          nl: 'hub.brussels – 1819, onthaal ondernemers',
          en: 'hub.brussels – 1819 entrepreneurs’ desk',
        },
        hours: 'Mo-Fr 09:00-17:00; PH off',
        channels: ['appointment', 'phone', 'email', 'video_call'],
        languages: ['fr', 'nl', 'en'],
      },
      {
        org: 'iriscare',
        kind: 'community',
        slug: 'saint-gilles',
        code: 'accueil',
        name: { fr: 'Iriscare – accueil', nl: 'Iriscare – onthaal', en: 'Iriscare – reception' },
        hours: 'Mo-Fr 09:00-12:30; PH off',
        channels: ['walk_in', 'phone', 'email'],
        languages: ['fr', 'nl'],
      },
      {
        org: 'famiris',
        kind: 'community',
        slug: 'saint-josse-ten-noode',
        code: 'accueil',
        name: { fr: 'Famiris – accueil', nl: 'Famiris – onthaal', en: 'Famiris – reception' },
        hours: 'Mo-Fr 09:00-12:00,13:00-16:00; Th 09:00-12:00,13:00-18:00; PH off',
        channels: ['walk_in', 'phone', 'email'],
        languages: ['fr', 'nl', 'en'],
      },
      {
        org: 'bruxelles-mobilite',
        kind: 'regional',
        slug: 'bruxelles',
        code: 'accueil',
        name: { fr: 'Bruxelles Mobilité – accueil', nl: 'Brussel Mobiliteit – onthaal', en: 'Brussels Mobility – reception' },
        hours: 'Mo-Fr 09:00-16:00; PH off',
        channels: ['walk_in', 'phone', 'email'],
        languages: ['fr', 'nl', 'en'],
      },
      {
        org: 'bruxelles-proprete',
        kind: 'regional',
        slug: 'forest',
        code: 'recypark-sud',
        name: { fr: 'Recypark Sud (démo)', nl: 'Recypark Zuid (demo)', en: 'Recypark South (demo)' },
        hours: 'Tu-Sa 09:00-17:00; Su 09:00-13:00; PH off',
        channels: ['walk_in', 'phone'],
        languages: ['fr', 'nl'],
      },
      {
        org: 'stib-mivb',
        kind: 'regional',
        slug: 'bruxelles',
        code: 'bootik',
        name: { fr: 'STIB – BOOTIK', nl: 'MIVB – BOOTIK', en: 'STIB – BOOTIK shop' },
        hours: 'Mo-Fr 07:30-17:30; Sa 09:00-16:00; PH off',
        channels: ['walk_in', 'phone', 'web_form'],
        languages: ['fr', 'nl', 'en'],
      },
      {
        org: 'homegrade',
        kind: 'regional',
        slug: 'bruxelles',
        code: 'conseil',
        name: { fr: 'homegrade – conseil logement', nl: 'homegrade – woonadvies', en: 'homegrade – housing advice' },
        hours: 'Tu-Fr 10:00-17:00; Sa 10:00-13:00; PH off',
        channels: ['walk_in', 'appointment', 'phone'],
        languages: ['fr', 'nl'],
      },
      {
        org: 'fonds-du-logement',
        kind: 'regional',
        slug: 'saint-gilles',
        code: 'accueil',
        name: { fr: 'Fonds du Logement – accueil', nl: 'Woningfonds – onthaal', en: 'Housing Fund – reception' },
        hours: 'Mo-Fr 09:00-12:30; Tu 09:00-12:30,13:30-16:00; PH off',
        channels: ['walk_in', 'appointment', 'phone'],
        languages: ['fr', 'nl'],
      },
      {
        org: 'urban-brussels',
        kind: 'regional',
        slug: 'bruxelles',
        code: 'accueil',
        name: { fr: 'urban.brussels – accueil', nl: 'urban.brussels – onthaal', en: 'urban.brussels – reception' },
        hours: 'Mo-Fr 09:00-12:00; PH off',
        channels: ['walk_in', 'email'],
        languages: ['fr', 'nl'],
      },
      {
        org: 'huis-van-het-nederlands',
        kind: 'other',
        slug: 'bruxelles',
        code: 'onthaal',
        name: { fr: 'Huis van het Nederlands – accueil', nl: 'Huis van het Nederlands – onthaal', en: 'Huis van het Nederlands – reception' },
        hours: 'Mo-Fr 09:00-12:30,13:30-16:30; We 09:00-12:30,13:30-19:00; PH off',
        channels: ['walk_in', 'phone', 'email'],
        languages: ['nl', 'fr', 'en'],
      },
      {
        org: 'bruxelles-formation',
        kind: 'community',
        slug: 'bruxelles',
        code: 'carrefour',
        name: { fr: 'Bruxelles Formation – Carrefour', nl: 'Bruxelles Formation – Carrefour', en: 'Bruxelles Formation – Carrefour desk' },
        hours: 'Mo-Fr 09:00-16:00; PH off',
        channels: ['walk_in', 'phone', 'email'],
        languages: ['fr'],
      },
    ];
  regional.forEach((r, index) => {
    seeds.push({
      ...base(r.org, r.kind, at(r.slug), 50 + index),
      code: r.code,
      name: r.name,
      openingHours: r.hours,
      channels: r.channels,
      languages: r.languages,
      phone: phone(50 + index, 4),
      email: `${r.code}.${r.org}@demo.irisdesk.brussels`,
    });
  });
  return seeds;
}

export async function seedContactPoints(db: Queryable): Promise<{ contactPointsCreated: number }> {
  return { contactPointsCreated: await insertMissingContactPoints(db, demoContactPoints()) };
}
