// The catalogue for machines: CPSV-AP JSON-LD (the European / BELGIF public-service vocabulary), CSV, and
// the schema.org GovernmentService description embedded in each service page.
import { LANGUAGES, pickText, type Language, type LocalizedText } from '../platform/i18n/languages.ts';
import type { LifeEvent, ServiceRecord, Theme } from './repository.ts';

const langValues = (text: LocalizedText | null | undefined) =>
  LANGUAGES.filter((l) => text?.[l]?.trim()).map((l) => ({ '@language': l, '@value': text![l]! }));

const COMMUNE_LABEL: Record<'commune' | 'cpas', LocalizedText> = {
  commune: { fr: 'La commune de résidence', nl: 'De woonplaatsgemeente', en: 'The commune of residence' },
  cpas: { fr: 'Le CPAS de la commune de résidence', nl: 'Het OCMW van de woonplaatsgemeente', en: 'The CPAS of the commune of residence' },
};

export function catalogueJsonLd(services: ServiceRecord[], themes: Theme[], events: LifeEvent[], publicUrl: string) {
  const base = publicUrl.replace(/\/$/, '');
  const themeName = new Map(themes.map((t) => [t.code, t.name]));
  const eventName = new Map(events.map((e) => [e.code, e.name]));
  return {
    '@context': {
      cpsv: 'http://purl.org/vocab/cpsv#',
      cv: 'http://data.europa.eu/m8g/',
      dct: 'http://purl.org/dc/terms/',
      dcat: 'http://www.w3.org/ns/dcat#',
      skos: 'http://www.w3.org/2004/02/skos/core#',
      schema: 'https://schema.org/',
    },
    '@graph': services.map((s) => ({
      '@id': `${base}/fr/services/${s.code}`,
      '@type': 'cpsv:PublicService',
      'dct:identifier': s.code,
      'dct:title': langValues(s.name),
      'dct:description': langValues(s.summary),
      'dct:language': LANGUAGES.filter((l) => s.name[l]),
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
      'cv:hasChannel': s.channels.map((channel) => ({ '@type': 'cv:Channel', 'dct:type': channel })),
      'dcat:keyword': LANGUAGES.flatMap((l) => (s.keywords[l] ?? []).map((k) => ({ '@language': l, '@value': k }))),
      'cv:audience': s.audience,
      'schema:requiresAppointment': s.appointment,
    })),
  };
}

/** One cell, quoted, with formulas neutralised so a spreadsheet never runs a cell as code. */
function cell(value: unknown): string {
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

/** schema.org GovernmentService for the service page (JSON-LD, embedded through jsonForScript). */
export function governmentServiceJsonLd(s: ServiceRecord, lang: Language, url: string, providerName: string | undefined) {
  const text = (value: LocalizedText | null | undefined) => pickText(value, lang).text;
  return {
    '@context': 'https://schema.org',
    '@type': 'GovernmentService',
    '@id': url,
    url,
    identifier: s.code,
    name: text(s.name),
    description: text(s.summary),
    inLanguage: lang,
    serviceType: s.theme,
    areaServed: { '@type': 'AdministrativeArea', name: { fr: 'Région de Bruxelles-Capitale', nl: 'Brussels Hoofdstedelijk Gewest', en: 'Brussels-Capital Region' }[lang] },
    ...(providerName ? { provider: { '@type': 'GovernmentOrganization', name: providerName } } : {}),
    audience: s.audience.map((a) => ({ '@type': 'Audience', audienceType: a })),
    availableChannel: s.channels.map((channel) => ({ '@type': 'ServiceChannel', name: channel })),
    keywords: (s.keywords[lang] ?? []).join(', '),
  };
}
