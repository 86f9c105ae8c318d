// CSV and JSON shapes of the figures (dashboards' exports and open data). Every row states its number of
// answers; suppressed figures are empty cells, never zeros.
import { INDICATORS, type Indicators } from './indicators.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';

/** One CSV cell: quoted when needed; text that a spreadsheet would run as a formula is neutralised. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(head: string[], rows: Array<Array<string | number | boolean | null | undefined>>): string {
  return [head, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export const INDICATOR_COLUMNS = ['answers', 'suppressed', ...INDICATORS, 'nps_answers'] as const;

export function indicatorValues(indicators: Indicators): Array<number | boolean | null> {
  return [indicators.answers, indicators.suppressed, ...INDICATORS.map((key) => indicators[key]), indicators.npsAnswers];
}

/** Flat JSON of the indicators (the API shape). */
export function indicatorJson(indicators: Indicators) {
  return { ...indicators };
}

export interface OpenDataRow {
  organisationCode: string;
  organisationKind: string;
  organisationName: LocalizedText;
  month: string;
  indicators: Indicators;
}

export function openDataCsv(rows: OpenDataRow[]): string {
  return toCsv(
    ['organisation_code', 'organisation_kind', 'organisation_name_fr', 'organisation_name_nl', 'organisation_name_en', 'month', ...INDICATOR_COLUMNS.map((c) => c.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`))],
    rows.map((row) => [row.organisationCode, row.organisationKind, row.organisationName.fr, row.organisationName.nl, row.organisationName.en, row.month, ...indicatorValues(row.indicators)]),
  );
}

/** DCAT-AP (2.x) description of the open data set, at a stable URL. */
export function dcatCatalog(baseUrl: string, modified: string) {
  const dataset = `${baseUrl}/api/v1/opendata/satisfaction`;
  const text = (fr: string, nl: string, en: string) => [
    { '@language': 'fr', '@value': fr },
    { '@language': 'nl', '@value': nl },
    { '@language': 'en', '@value': en },
  ];
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
    },
    '@id': `${baseUrl}/api/v1/opendata/catalog.jsonld`,
    '@type': 'dcat:Catalog',
    'dct:title': text('Données ouvertes IrisDesk', 'Open data IrisDesk', 'IrisDesk open data'),
    'dct:description': text(
      'Indicateurs de satisfaction des usagers des services publics de la Région de Bruxelles-Capitale.',
      'Tevredenheidsindicatoren van de gebruikers van de openbare diensten van het Brussels Hoofdstedelijk Gewest.',
      'User satisfaction indicators of the public services of the Brussels-Capital Region.',
    ),
    'dct:publisher': { '@type': 'foaf:Agent', 'foaf:name': 'IrisDesk – Région de Bruxelles-Capitale / Brussels Hoofdstedelijk Gewest' },
    'dct:language': ['http://publications.europa.eu/resource/authority/language/FRA', 'http://publications.europa.eu/resource/authority/language/NLD', 'http://publications.europa.eu/resource/authority/language/ENG'],
    'dcat:dataset': [
      {
        '@id': dataset,
        '@type': 'dcat:Dataset',
        'dct:identifier': 'irisdesk-satisfaction',
        'dct:title': text('Baromètre de satisfaction des usagers', 'Barometer van de gebruikerstevredenheid', 'User satisfaction barometer'),
        'dct:description': text(
          'Indicateurs publiés par organisation et par mois (CSAT, score sur 10 comparable à l’observatoire français, effort, besoin satisfait, joignabilité, autonomie, NPS). Chaque ligne indique son nombre de réponses ; les cellules de moins de 10 réponses sont masquées.',
          'Gepubliceerde indicatoren per organisatie en per maand (CSAT, score op 10 vergelijkbaar met het Franse observatorium, inspanning, behoefte vervuld, bereikbaarheid, autonomie, NPS). Elke rij vermeldt het aantal antwoorden; cellen met minder dan 10 antwoorden worden niet getoond.',
          'Published indicators per organisation and month (CSAT, score out of 10 comparable with the French observatory, effort, need met, reachability, autonomy, NPS). Every row states its number of answers; cells with fewer than 10 answers are suppressed.',
        ),
        'dct:license': { '@id': 'http://publications.europa.eu/resource/authority/licence/CC0' },
        'dct:accrualPeriodicity': { '@id': 'http://publications.europa.eu/resource/authority/frequency/DAILY' },
        'dct:modified': { '@type': 'xsd:date', '@value': modified },
        'dcat:theme': { '@id': 'http://publications.europa.eu/resource/authority/data-theme/GOVE' },
        'dcat:keyword': ['satisfaction', 'CSAT', 'NPS', 'public services', 'Brussels'],
        'dct:spatial': { '@id': 'http://publications.europa.eu/resource/authority/atu/BEL_REG_BRU' },
        'dcat:distribution': [
          { '@type': 'dcat:Distribution', 'dcat:accessURL': { '@id': `${baseUrl}/api/v1/opendata/satisfaction.csv` }, 'dcat:downloadURL': { '@id': `${baseUrl}/api/v1/opendata/satisfaction.csv` }, 'dcat:mediaType': { '@id': 'http://www.iana.org/assignments/media-types/text/csv' }, 'dct:format': { '@id': 'http://publications.europa.eu/resource/authority/file-type/CSV' } },
          { '@type': 'dcat:Distribution', 'dcat:accessURL': { '@id': `${baseUrl}/api/v1/opendata/satisfaction.json` }, 'dcat:downloadURL': { '@id': `${baseUrl}/api/v1/opendata/satisfaction.json` }, 'dcat:mediaType': { '@id': 'http://www.iana.org/assignments/media-types/application/json' }, 'dct:format': { '@id': 'http://publications.europa.eu/resource/authority/file-type/JSON' } },
        ],
      },
    ],
  };
}
