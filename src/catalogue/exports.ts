// The catalogue for machines: CPSV-AP JSON-LD (the European / BELGIF public-service vocabulary), CSV, and
// the schema.org GovernmentService description embedded in each service page (typed with schema-dts, so that
// tsc refuses a property schema.org does not allow there; decision 0028).
import type { GovernmentService, WithContext } from 'schema-dts';
import { LANGUAGES, pickText, type Language, type LocalizedText } from '../platform/i18n/languages.ts';
import { translator } from '../platform/i18n/messages.ts';
import { EU_LANGUAGE } from '../platform/i18n/eu-languages.ts';
import { CHANNELS, type LifeEvent, type ServiceRecord, type Theme } from './repository.ts';

const langValues = (text: LocalizedText | null | undefined) => LANGUAGES.filter((l) => text?.[l]?.trim()).map((l) => ({ '@language': l, '@value': text![l]! }));

const COMMUNE_LABEL: Record<'commune' | 'cpas', LocalizedText> = {
  commune: { fr: 'La commune de résidence', nl: 'De woonplaatsgemeente', en: 'The commune of residence' },
  cpas: { fr: 'Le CPAS de la commune de résidence', nl: 'Het OCMW van de woonplaatsgemeente', en: 'The CPAS of the commune of residence' },
};

export function catalogueJsonLd(services: ServiceRecord[], themes: Theme[], events: LifeEvent[], publicUrl: string) {
  const base = publicUrl.replace(/\/$/, '');
  const documentUrl = `${base}/api/v1/catalogue.jsonld`;
  // The channel types and IrisDesk's own terms are defined in this document: their IRIs resolve to it.
  const channelIri = (channel: string) => `${documentUrl}#channel-${channel}`;
  const themeName = new Map(themes.map((t) => [t.code, t.name]));
  const eventName = new Map(events.map((e) => [e.code, e.name]));
  const channelLabel = (channel: string) => Object.fromEntries(LANGUAGES.map((l) => [l, translator(l)(`catalogue.channel.${channel}`)])) as LocalizedText;
  return {
    '@context': {
      cpsv: 'http://purl.org/vocab/cpsv#',
      cv: 'http://data.europa.eu/m8g/',
      dct: 'http://purl.org/dc/terms/',
      dcat: 'http://www.w3.org/ns/dcat#',
      eli: 'http://data.europa.eu/eli/ontology#',
      skos: 'http://www.w3.org/2004/02/skos/core#',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
      irisdesk: `${documentUrl}#`,
    },
    '@graph': [
      ...services.map((s) => ({
        '@id': `${base}/fr/services/${s.code}`,
        '@type': 'cpsv:PublicService',
        'dct:identifier': s.code,
        'dct:title': langValues(s.name),
        'dct:description': langValues(s.summary),
        'dct:language': LANGUAGES.filter((l) => s.name[l]).map((l) => ({ '@id': EU_LANGUAGE[l] })),
        'cv:hasCompetentAuthority':
          s.competentKind === 'organisation' && s.competentOrganisation
            ? {
                '@id': `${base}/fr/organisations/${s.competentOrganisation.code}`,
                '@type': 'cv:PublicOrganisation',
                'dct:identifier': s.competentOrganisation.code,
                'skos:prefLabel': langValues(s.competentOrganisation.name),
              }
            : { '@type': 'cv:PublicOrganisation', 'skos:prefLabel': langValues(COMMUNE_LABEL[s.competentKind as 'commune' | 'cpas']) },
        'cv:thematicArea': { '@id': `${base}/api/v1/themes/${s.theme}`, 'skos:prefLabel': langValues(themeName.get(s.theme)) },
        'cv:isGroupedBy': s.lifeEvents.map((code) => ({ '@type': 'cv:LifeEvent', 'dct:identifier': code, 'dct:title': langValues(eventName.get(code)) })),
        'cv:hasChannel': s.channels.map((channel) => ({ '@type': 'cv:Channel', 'dct:type': { '@id': channelIri(channel) } })),
        'dcat:keyword': LANGUAGES.flatMap((l) => (s.keywords[l] ?? []).map((k) => ({ '@language': l, '@value': k }))),
        'cv:audience': s.audience,
        // The act it rests on (CPSV-AP "has legal resource"), when editors know it.
        ...(langValues(s.legalBasis).length > 0
          ? {
              'cv:hasLegalResource': {
                ...(s.legalBasisUrl ? { '@id': s.legalBasisUrl } : {}),
                '@type': 'eli:LegalResource',
                'dct:title': langValues(s.legalBasis),
              },
            }
          : {}),
        // Neither CPSV-AP nor schema.org has this term: IrisDesk's own, defined below.
        'irisdesk:requiresAppointment': { '@type': 'xsd:boolean', '@value': s.appointment },
      })),
      {
        '@id': 'irisdesk:requiresAppointment',
        '@type': 'http://www.w3.org/1999/02/22-rdf-syntax-ns#Property',
        'http://www.w3.org/2000/01/rdf-schema#label': langValues({ fr: 'Sur rendez-vous', nl: 'Op afspraak', en: 'By appointment' }),
        'http://www.w3.org/2000/01/rdf-schema#comment': langValues({
          fr: 'Le service se rend au guichet sur rendez-vous.',
          nl: 'De dienst wordt aan het loket op afspraak verleend.',
          en: 'The service is given at the counter by appointment.',
        }),
      },
      { '@id': `${documentUrl}#channel-types`, '@type': 'skos:ConceptScheme', 'skos:prefLabel': langValues({ fr: 'Canaux', nl: 'Kanalen', en: 'Channels' }) },
      ...CHANNELS.map((channel) => ({
        '@id': channelIri(channel),
        '@type': 'skos:Concept',
        'skos:inScheme': { '@id': `${documentUrl}#channel-types` },
        'skos:notation': channel,
        'skos:prefLabel': langValues(channelLabel(channel)),
      })),
    ],
  };
}

/** One cell, quoted, with formulas neutralised so a spreadsheet never runs a cell as code. */
function cell(value: unknown): string {
  // Cells are strings, numbers, dates and lists of strings: String() gives what the CSV shows.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  let textValue = value === null || value === undefined ? '' : Array.isArray(value) ? value.join('|') : String(value);
  if (/^[=+\-@\t\r]/.test(textValue)) textValue = `'${textValue}`;
  return `"${textValue.replaceAll('"', '""')}"`;
}

export function catalogueCsv(services: ServiceRecord[]): string {
  const head = [
    'code',
    ...LANGUAGES.map((l) => `name_${l}`),
    ...LANGUAGES.map((l) => `summary_${l}`),
    'theme',
    'life_events',
    'audience',
    'competent',
    'channels',
    'appointment',
    ...LANGUAGES.map((l) => `keywords_${l}`),
    'last_reviewed_at',
  ];
  const rows = services.map((s) =>
    [
      s.code,
      ...LANGUAGES.map((l) => s.name[l]),
      ...LANGUAGES.map((l) => s.summary[l]),
      s.theme,
      s.lifeEvents,
      s.audience,
      s.competentKind === 'organisation' ? s.competentOrganisation?.code : `every-${s.competentKind}`,
      s.channels,
      s.appointment,
      ...LANGUAGES.map((l) => s.keywords[l] ?? []),
      s.lastReviewedAt ? new Date(s.lastReviewedAt).toISOString() : '',
    ]
      .map(cell)
      .join(','),
  );
  return `\uFEFF${[head.map(cell).join(','), ...rows].join('\r\n')}\r\n`;
}

/**
 * schema.org GovernmentService for the service page (JSON-LD, embedded through jsonForScript). The page's own
 * language and keywords belong to the page (a WebPage), not to the service: schema.org has neither on Service.
 */
export function governmentServiceJsonLd(s: ServiceRecord, lang: Language, url: string, providerName: string | undefined) {
  const text = (value: LocalizedText | null | undefined) => pickText(value, lang).text;
  const keywords = s.keywords[lang] ?? [];
  return {
    '@context': 'https://schema.org',
    '@type': 'GovernmentService',
    '@id': url,
    url,
    identifier: s.code,
    name: text(s.name),
    description: text(s.summary),
    serviceType: s.theme,
    areaServed: {
      '@type': 'AdministrativeArea',
      name: { fr: 'Région de Bruxelles-Capitale', nl: 'Brussels Hoofdstedelijk Gewest', en: 'Brussels-Capital Region' }[lang],
    },
    // Absent values are undefined (left out by JSON.stringify), not spread in, so that tsc checks every property.
    provider: providerName ? { '@type': 'GovernmentOrganization', name: providerName } : undefined,
    audience: s.audience.map((a) => ({ '@type': 'Audience', audienceType: a })),
    availableChannel: s.channels.map((channel) => ({ '@type': 'ServiceChannel', name: channel })),
    mainEntityOfPage: { '@type': 'WebPage', '@id': url, inLanguage: lang, keywords: keywords.length > 0 ? keywords.join(', ') : undefined },
  } satisfies WithContext<GovernmentService>;
}
