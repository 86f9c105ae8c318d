// The demonstration catalogue: the 15 themes, the life events and the services of the shared reference data
// (src/seed/data, every code kept), their everyday search terms and the orientation thesaurus. Idempotent:
// existing rows are never overwritten, so editors' changes stay.
import type { Queryable } from '../platform/db/database.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';
import { readReferenceFile } from './reference.ts';
import { insertConcepts, type NewConcept } from '../catalogue/thesaurus/repository.ts';
import {
  fillLegalBases,
  fillSearchTerms,
  insertLocalPartIfMissing,
  insertServices,
  upsertLifeEvents,
  upsertThemes,
  type Keywords,
  type LifeEvent,
  type NewService,
  type Theme,
} from '../catalogue/repository.ts';

export const THEMES: Theme[] = [
  { code: 'identity-civil-status', name: { fr: 'Identité et état civil', nl: 'Identiteit en burgerlijke stand', en: 'Identity and civil status' } },
  { code: 'housing-urbanism', name: { fr: 'Logement et urbanisme', nl: 'Wonen en stedenbouw', en: 'Housing and planning' } },
  { code: 'environment-energy', name: { fr: 'Environnement et énergie', nl: 'Leefmilieu en energie', en: 'Environment and energy' } },
  { code: 'mobility-parking', name: { fr: 'Mobilité et stationnement', nl: 'Mobiliteit en parkeren', en: 'Transport and parking' } },
  { code: 'work-employment', name: { fr: 'Travail et emploi', nl: 'Werk en tewerkstelling', en: 'Work and jobs' } },
  { code: 'business-economy', name: { fr: 'Entreprises et économie', nl: 'Ondernemen en economie', en: 'Business and economy' } },
  { code: 'social-aid-family', name: { fr: 'Aide sociale et famille', nl: 'Sociale hulp en gezin', en: 'Social support and family' } },
  { code: 'health-care', name: { fr: 'Santé et soins', nl: 'Gezondheid en zorg', en: 'Health and care' } },
  { code: 'taxes-finance', name: { fr: 'Impôts et finances', nl: 'Belastingen en financiën', en: 'Taxes and money' } },
  { code: 'waste-cleanliness', name: { fr: 'Déchets et propreté', nl: 'Afval en netheid', en: 'Waste and street cleaning' } },
  { code: 'education-childhood', name: { fr: 'Enseignement et petite enfance', nl: 'Onderwijs en kinderopvang', en: 'Education and childcare' } },
  { code: 'culture-sport-events', name: { fr: 'Culture, sport et événements', nl: 'Cultuur, sport en evenementen', en: 'Culture, sport and events' } },
  { code: 'safety-security', name: { fr: 'Sécurité et prévention', nl: 'Veiligheid en preventie', en: 'Safety and security' } },
  { code: 'foreigners-migration', name: { fr: 'Étrangers et migration', nl: 'Vreemdelingen en migratie', en: 'Foreign nationals and migration' } },
  { code: 'elderly-disability', name: { fr: 'Seniors et handicap', nl: 'Senioren en handicap', en: 'Older people and disability' } },
];

interface ReferenceService {
  code: string;
  name: LocalizedText;
  summary: LocalizedText;
  audience: string[];
  lifeEvents: string[];
  competent: { kind: 'commune' | 'cpas' } | { org: string };
  channels: string[];
  appointment: boolean;
  keywords: Keywords;
  theme: string;
}

/** Everyday search terms of the reference services, by service code (searchTerms.json, decision 0030). */
export function referenceSearchTerms(): Record<string, Keywords> {
  return readReferenceFile<Record<string, Keywords>>('searchTerms.json');
}

export function referenceServices(): NewService[] {
  const searchTerms = referenceSearchTerms();
  return readReferenceFile<ReferenceService[]>('services.json').map((s) => ({
    code: s.code,
    name: s.name,
    summary: s.summary,
    audience: s.audience,
    lifeEvents: s.lifeEvents,
    theme: s.theme,
    competentKind: 'org' in s.competent ? 'organisation' : s.competent.kind,
    competentOrganisation: 'org' in s.competent ? s.competent.org : null,
    channels: s.channels,
    appointment: s.appointment,
    keywords: s.keywords,
    searchTerms: searchTerms[s.code] ?? {},
    status: 'published',
  }));
}

export async function seedCatalogue(db: Queryable): Promise<{ servicesCreated: number }> {
  await upsertThemes(db, THEMES);
  await upsertLifeEvents(db, readReferenceFile<LifeEvent[]>('lifeEvents.json'));
  const services = referenceServices();
  const servicesCreated = await insertServices(db, services);
  // Databases seeded before search terms existed: fill them on services no editor has touched.
  await fillSearchTerms(db, referenceSearchTerms());
  await fillLegalBases(db, LEGAL_BASES);
  await insertConcepts(db, readReferenceFile<NewConcept[]>('searchConcepts.json'));
  return { servicesCreated };
}

const POPULATION_LAW: LocalizedText = {
  fr: "Loi du 19 juillet 1991 relative aux registres de la population, aux cartes d'identité, aux cartes d'étranger et aux documents de séjour",
  nl: 'Wet van 19 juli 1991 betreffende de bevolkingsregisters, de identiteitskaarten, de vreemdelingenkaarten en de verblijfsdocumenten',
  en: "Law of 19 July 1991 on population registers, identity cards, foreigners' cards and residence documents",
};

/**
 * The official consolidated text (Justel) of an act by its European Legislation Identifier: the Belgian Official
 * Journal builds it from the act's type, promulgation date and NUMAC (its publication number), so a link is only as
 * sure as the NUMAC it is built from.
 */
export function justelUrl(type: 'loi' | 'arrete', promulgated: string, numac: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(promulgated) || !/^\d{10}$/.test(numac)) throw new Error(`not an act reference: ${type} ${promulgated} ${numac}`);
  return `https://www.ejustice.just.fgov.be/eli/${type}/${promulgated.replaceAll('-', '/')}/${numac}/justel`;
}

/**
 * The legal basis of a few reference services (issue 15): real Belgian acts, named as the Belgian Official Gazette
 * does. A link only where the act's NUMAC was read in the Justel address itself or in the Gazette's index as its
 * mirrors publish it (decision 0064); the others stay without one until an editor adds it (a wrong link is worse
 * than none).
 */
export const LEGAL_BASES: Record<string, { text: LocalizedText; url: string | null }> = {
  'eid-card': { text: POPULATION_LAW, url: null },
  'kids-id': { text: POPULATION_LAW, url: null },
  'change-of-address': {
    text: {
      fr: `${POPULATION_LAW.fr} ; arrêté royal du 16 juillet 1992 relatif aux registres de la population et au registre des étrangers`,
      nl: `${POPULATION_LAW.nl}; koninklijk besluit van 16 juli 1992 betreffende de bevolkingsregisters en het vreemdelingenregister`,
      en: `${POPULATION_LAW.en}; Royal Decree of 16 July 1992 on population registers and the foreigners' register`,
    },
    url: null,
  },
  passport: {
    text: {
      fr: 'Code consulaire (loi du 21 décembre 2013)',
      nl: 'Consulair Wetboek (wet van 21 december 2013)',
      en: 'Consular Code (Law of 21 December 2013)',
    },
    url: null,
  },
  'belgian-nationality': {
    text: {
      fr: 'Code de la nationalité belge (loi du 28 juin 1984)',
      nl: 'Wetboek van de Belgische nationaliteit (wet van 28 juni 1984)',
      en: 'Belgian Nationality Code (Law of 28 June 1984)',
    },
    url: justelUrl('loi', '1984-06-28', '1984900065'),
  },
  'euthanasia-advance-directive': {
    text: { fr: "Loi du 28 mai 2002 relative à l'euthanasie", nl: 'Wet van 28 mei 2002 betreffende de euthanasie', en: 'Law of 28 May 2002 on euthanasia' },
    url: justelUrl('loi', '2002-05-28', '2002009590'),
  },
  'organ-donation': {
    text: {
      fr: "Loi du 13 juin 1986 sur le prélèvement et la transplantation d'organes",
      nl: 'Wet van 13 juni 1986 betreffende het wegnemen en transplanteren van organen',
      en: 'Law of 13 June 1986 on the removal and transplantation of organs',
    },
    url: null,
  },
  'cpas-employment-article-60': {
    text: {
      fr: "Loi organique des centres publics d'action sociale du 8 juillet 1976, article 60, § 7",
      nl: 'Organieke wet van 8 juli 1976 betreffende de openbare centra voor maatschappelijk welzijn, artikel 60, § 7',
      en: 'Organic Law of 8 July 1976 on public social welfare centres, article 60 § 7',
    },
    url: null,
  },
  'urgent-medical-aid': {
    text: {
      fr: "Arrêté royal du 12 décembre 1996 relatif à l'aide médicale urgente octroyée par les centres publics d'action sociale aux étrangers qui séjournent illégalement dans le Royaume",
      nl: 'Koninklijk besluit van 12 december 1996 betreffende de dringende medische hulp die door de openbare centra voor maatschappelijk welzijn verleend wordt aan de vreemdelingen die onwettig in het Rijk verblijven',
      en: 'Royal Decree of 12 December 1996 on urgent medical aid granted by public social welfare centres to foreign nationals staying illegally in the Kingdom',
    },
    url: justelUrl('arrete', '1996-12-12', '1996022721'),
  },
};

/** A demonstration local part (decision 0058): what Schaerbeek adds to the identity card service. */
export async function seedLocalParts(db: Queryable): Promise<void> {
  const none = { fr: '', nl: '', en: '' };
  await insertLocalPartIfMissing(db, 'eid-card', 'commune-schaerbeek', {
    fees: {
      fr: 'Carte eID pour adulte : 25 €, payable par carte bancaire au guichet. Procédure urgente : tarif fédéral en plus.',
      nl: 'eID-kaart voor volwassenen: € 25, te betalen met bankkaart aan het loket. Spoedprocedure: federaal tarief bovenop.',
      en: 'Adult eID card: €25, paid by bank card at the counter. Urgent procedure: federal fee on top.',
    },
    documents: {
      fr: 'Une photo récente aux normes (moins de 6 mois) si vous ne la faites pas sur place.',
      nl: 'Een recente pasfoto volgens de normen (minder dan 6 maanden oud) als u ze niet ter plaatse laat nemen.',
      en: 'A recent passport-style photo (under 6 months old) unless you have it taken there.',
    },
    offices: {
      fr: 'Service Population, guichets 1 à 4 de la maison communale.',
      nl: 'Dienst Bevolking, loketten 1 tot 4 van het gemeentehuis.',
      en: 'Population department, counters 1 to 4 of the town hall.',
    },
    notes: none,
  });
}
