// The demonstration catalogue: the 15 themes, the life events and the services of the shared reference data
// (src/seed/data, every code kept), their everyday search terms and the orientation thesaurus. Idempotent:
// existing rows are never overwritten, so editors' changes stay.
import type { Queryable } from '../platform/db/database.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';
import { readReferenceFile } from './reference.ts';
import { insertConcepts, type NewConcept } from '../catalogue/thesaurus/repository.ts';
import {
  fillSearchTerms,
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
  await insertConcepts(db, readReferenceFile<NewConcept[]>('searchConcepts.json'));
  return { servicesCreated };
}
