// CSV and JSON shapes of the figures (dashboards' exports and open data). Every row states its number of
// answers; suppressed figures are empty cells, never zeros.
import { INDICATORS, type Indicators } from './indicators.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';
import { OPERATIONS_INDICATORS, type OperationsIndicators } from './operations/operations.ts';
import type { SdgFeedbackRow } from './service.ts';
import { EU_LANGUAGE } from '../platform/i18n/eu-languages.ts';

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

type Cell = string | number | boolean | null | undefined;
type Span = { from: string; to: string };

/**
 * An organisation's dashboard as CSV (its export): the period and the previous one, then per month, channel,
 * service and contact point, each line with the `columns` of its figures (under `field`), and any `extra` lines.
 */
export function dashboardCsv<K extends string, F>(
  data: {
    period: Span;
    previousPeriod: Span;
    total: F;
    previous: F;
    months: Array<{ month: string } & Record<K, F>>;
    byChannel: Array<{ key: string } & Record<K, F>>;
    byService: Array<{ key: string } & Record<K, F>>;
    byContactPoint: Array<{ key: string } & Record<K, F>>;
  },
  field: K,
  columns: readonly string[],
  values: (figures: F) => Cell[],
  extra: Cell[][] = [],
): string {
  return toCsv(
    ['dimension', 'value', ...columns],
    [
      ['period', `${data.period.from}/${data.period.to}`, ...values(data.total)],
      ['previous_period', `${data.previousPeriod.from}/${data.previousPeriod.to}`, ...values(data.previous)],
      ...data.months.map((m) => ['month', m.month, ...values(m[field])]),
      ...data.byChannel.map((r) => ['channel', r.key, ...values(r[field])]),
      ...data.byService.map((r) => ['service', r.key, ...values(r[field])]),
      ...data.byContactPoint.map((r) => ['contact_point', r.key, ...values(r[field])]),
      ...extra,
    ],
  );
}

/** The organisations compared, as CSV (the regional export): code, kind, French name and the figures under `field`. */
export function regionCsv<K extends string, F>(
  organisations: Array<{ code: string; kind: string; name: LocalizedText } & Record<K, F>>,
  field: K,
  columns: readonly string[],
  values: (figures: F) => Cell[],
): string {
  return toCsv(
    ['organisation_code', 'organisation_kind', 'organisation_name_fr', ...columns],
    organisations.map((org) => [org.code, org.kind, org.name.fr ?? '', ...values(org[field])]),
  );
}

export const INDICATOR_COLUMNS = ['answers', 'suppressed', ...INDICATORS, 'nps_answers'] as const;

export function indicatorValues(indicators: Indicators): Array<number | boolean | null> {
  return [indicators.answers, indicators.suppressed, ...INDICATORS.map((key) => indicators[key]), indicators.npsAnswers];
}

/** One organisation and month of the open data. */
interface OrganisationMonth {
  organisationCode: string;
  organisationKind: string;
  organisationName: LocalizedText;
  month: string;
}

export interface OpenDataRow extends OrganisationMonth {
  indicators: Indicators;
}

const snake = (key: string) => key.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

/** Open data as CSV: one line per organisation and month, its names in the three languages, then its figures. */
function organisationMonthCsv<T extends OrganisationMonth>(columns: readonly string[], rows: T[], values: (row: T) => Array<number | boolean | null>): string {
  return toCsv(
    ['organisation_code', 'organisation_kind', 'organisation_name_fr', 'organisation_name_nl', 'organisation_name_en', 'month', ...columns],
    rows.map((row) => [
      row.organisationCode,
      row.organisationKind,
      row.organisationName.fr,
      row.organisationName.nl,
      row.organisationName.en,
      row.month,
      ...values(row),
    ]),
  );
}

export function openDataCsv(rows: OpenDataRow[]): string {
  return organisationMonthCsv(INDICATOR_COLUMNS.map(snake), rows, (row) => indicatorValues(row.indicators));
}

/** Text in the three languages of the catalogue. */
const text = (fr: string, nl: string, en: string) => [
  { '@language': 'fr', '@value': fr },
  { '@language': 'nl', '@value': nl },
  { '@language': 'en', '@value': en },
];

/**
 * One DCAT-AP dataset of the open data at `/api/v1/opendata/{name}`, CC0, refreshed daily, with its CSV and
 * JSON distributions (`{name}.csv`, `{name}.json`).
 */
function dataset(
  baseUrl: string,
  modified: string,
  d: { name: string; identifier: string; title: ReturnType<typeof text>; description: ReturnType<typeof text>; conformsTo?: string; keywords: string[] },
) {
  const distribution = (format: 'csv' | 'json') => ({
    '@type': 'dcat:Distribution',
    'dcat:accessURL': { '@id': `${baseUrl}/api/v1/opendata/${d.name}.${format}` },
    'dcat:downloadURL': { '@id': `${baseUrl}/api/v1/opendata/${d.name}.${format}` },
    'dcat:mediaType': { '@id': `http://www.iana.org/assignments/media-types/${format === 'csv' ? 'text/csv' : 'application/json'}` },
    'dct:format': { '@id': `http://publications.europa.eu/resource/authority/file-type/${format.toUpperCase()}` },
    // DCAT-AP puts the licence on each distribution (the form the data is given in), not on the dataset.
    'dct:license': { '@id': 'http://publications.europa.eu/resource/authority/licence/CC0' },
  });
  return {
    '@id': `${baseUrl}/api/v1/opendata/${d.name}`,
    '@type': 'dcat:Dataset',
    'dct:identifier': d.identifier,
    'dct:title': d.title,
    'dct:description': d.description,
    'dct:accrualPeriodicity': { '@id': 'http://publications.europa.eu/resource/authority/frequency/DAILY' },
    'dct:modified': { '@type': 'xsd:date', '@value': modified },
    ...(d.conformsTo ? { 'dct:conformsTo': { '@id': d.conformsTo } } : {}),
    'dcat:theme': { '@id': 'http://publications.europa.eu/resource/authority/data-theme/GOVE' },
    'dcat:keyword': d.keywords,
    'dct:spatial': { '@id': 'http://publications.europa.eu/resource/authority/atu/BEL_REG_BRU' },
    'dcat:distribution': [distribution('csv'), distribution('json')],
  };
}

/** DCAT-AP (2.x) description of the open data set, at a stable URL. */
export function dcatCatalog(baseUrl: string, modified: string) {
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
    // IRIs of the EU language authority table, as nodes: plain strings would be literals.
    'dct:language': Object.values(EU_LANGUAGE).map((iri) => ({ '@id': iri })),
    'dcat:dataset': [
      dataset(baseUrl, modified, {
        name: 'satisfaction',
        identifier: 'irisdesk-satisfaction',
        title: text('Baromètre de satisfaction des usagers', 'Barometer van de gebruikerstevredenheid', 'User satisfaction barometer'),
        description: text(
          'Indicateurs publiés par organisation et par mois (CSAT, score sur 10 comparable à l’observatoire français, effort, besoin satisfait, joignabilité, autonomie, NPS). Chaque ligne indique son nombre de réponses ; les cellules de moins de 10 réponses sont masquées.',
          'Gepubliceerde indicatoren per organisatie en per maand (CSAT, score op 10 vergelijkbaar met het Franse observatorium, inspanning, behoefte vervuld, bereikbaarheid, autonomie, NPS). Elke rij vermeldt het aantal antwoorden; cellen met minder dan 10 antwoorden worden niet getoond.',
          'Published indicators per organisation and month (CSAT, score out of 10 comparable with the French observatory, effort, need met, reachability, autonomy, NPS). Every row states its number of answers; cells with fewer than 10 answers are suppressed.',
        ),
        keywords: ['satisfaction', 'CSAT', 'NPS', 'public services', 'Brussels'],
      }),
      operationsDataset(baseUrl, modified),
      sdgFeedbackDataset(baseUrl, modified),
    ],
  };
}

// ---- Operations figures (docs/decisions/0018-operations-indicators.md): each figure with its base (n)

/** Per figure two columns: its value (empty when none or hidden) and the number of records it rests on. */
export const OPERATIONS_CSV_COLUMNS = OPERATIONS_INDICATORS.flatMap((key) => [snake(key), `${snake(key)}_n`]);

export function operationsValues(operations: OperationsIndicators): Array<number | null> {
  return OPERATIONS_INDICATORS.flatMap((key) => [operations[key].value, operations[key].base]);
}

export interface OperationsOpenDataRow extends OrganisationMonth {
  operations: OperationsIndicators;
}

export function operationsOpenDataCsv(rows: OperationsOpenDataRow[]): string {
  return organisationMonthCsv(OPERATIONS_CSV_COLUMNS, rows, (row) => operationsValues(row.operations));
}

/** The DCAT-AP dataset of the operations figures (added to the catalogue beside the satisfaction one). */
export function operationsDataset(baseUrl: string, modified: string) {
  return dataset(baseUrl, modified, {
    name: 'operations',
    identifier: 'irisdesk-operations',
    title: text(
      'Indicateurs opérationnels des services publics',
      'Operationele indicatoren van de openbare diensten',
      'Operations indicators of public services',
    ),
    description: text(
      'Par organisation et par mois : contacts, résolution au premier contact, délais de première réponse et de résolution et respect des SLA, attente et durée de service aux guichets, rendez-vous non honorés, tâches envoyées en deuxième ligne et leur délai, nombre d’incidents de sécurité. Chaque chiffre indique le nombre d’enregistrements sur lequel il repose ; les taux et moyennes de moins de 10 enregistrements et les nombres d’incidents inférieurs à 10 sont masqués.',
      'Per organisatie en per maand: contacten, oplossing bij het eerste contact, tijd tot eerste antwoord en tot oplossing en naleving van de SLA, wachttijd en behandelingsduur aan de loketten, niet-nagekomen afspraken, taken naar de tweede lijn en hun antwoordtijd, aantal veiligheidsincidenten. Elk cijfer vermeldt het aantal registraties waarop het berust; percentages en gemiddelden op minder dan 10 registraties en aantallen incidenten onder 10 worden niet getoond.',
      'Per organisation and month: contacts, first-contact resolution, time to first response and to resolution and SLA compliance, waiting and service times at counters, appointment no-shows, tasks sent to a second line and their turnaround, number of safety incidents. Every figure states the number of records it rests on; rates and means under 10 records and incident counts under 10 are suppressed.',
    ),
    keywords: ['public services', 'contact center', 'SLA', 'waiting time', 'Brussels'],
  });
}

// ---- Single Digital Gateway user-feedback statistics (Regulation (EU) 2018/1724 art. 25, Implementing
// Regulation (EU) 2020/1121): per organisation, service and quarter or month; never the free-text comments.

export const SDG_CSV_COLUMNS = [
  'organisation_code',
  'organisation_kind',
  'organisation_name_fr',
  'organisation_name_nl',
  'organisation_name_en',
  'service_code',
  'service_name_fr',
  'service_name_nl',
  'service_name_en',
  'service_url_fr',
  'service_url_nl',
  'service_url_en',
  'period',
  'period_start',
  'period_end',
  'answers',
  'suppressed',
  'rating_mean_1_5',
  'rating_satisfied_pct',
  'score10',
  'clarity_pct',
  'easy_pct',
  'need_met_pct',
  'obstacle_need_not_met',
  'obstacle_need_partly_met',
  'obstacle_could_not_reach',
  'obstacle_not_easy',
] as const;

export function sdgFeedbackCsv(rows: SdgFeedbackRow[]): string {
  return toCsv(
    [...SDG_CSV_COLUMNS],
    rows.map((row) => [
      row.organisationCode,
      row.organisationKind,
      row.organisationName.fr,
      row.organisationName.nl,
      row.organisationName.en,
      row.serviceCode,
      row.serviceName?.fr,
      row.serviceName?.nl,
      row.serviceName?.en,
      row.serviceUrls.fr,
      row.serviceUrls.nl,
      row.serviceUrls.en,
      row.period,
      row.start,
      row.end,
      row.answers,
      row.suppressed,
      row.ratings.overallMean,
      row.ratings.satisfied,
      row.ratings.score10,
      row.ratings.clarity,
      row.ratings.easy,
      row.ratings.needMet,
      row.obstacles.needNotMet,
      row.obstacles.needPartlyMet,
      row.obstacles.couldNotReach,
      row.obstacles.notEasy,
    ]),
  );
}

/** The DCAT-AP dataset of the SDG feedback statistics (in the catalogue beside the other two). */
export function sdgFeedbackDataset(baseUrl: string, modified: string) {
  return dataset(baseUrl, modified, {
    name: 'sdg-feedback',
    identifier: 'irisdesk-sdg-feedback',
    title: text(
      'Retours des usagers par service et par trimestre (portail numérique unique)',
      'Gebruikersfeedback per dienst en per kwartaal (gemeenschappelijke digitale toegangspoort)',
      'User feedback per service and quarter (Single Digital Gateway)',
    ),
    description: text(
      'Statistiques de retour des usagers au sens de l’article 25 du règlement (UE) 2018/1724 et du règlement d’exécution (UE) 2020/1121 : par organisation, service et trimestre (ou mois), nombre de réponses, évaluations (note moyenne sur 5, part de satisfaits, clarté de l’information, facilité) et obstacles signalés (besoin non satisfait ou partiellement, administration injoignable, démarche difficile). Les cellules de moins de 10 réponses sont masquées ; les commentaires libres ne sont jamais publiés.',
      'Statistieken over gebruikersfeedback in de zin van artikel 25 van Verordening (EU) 2018/1724 en Uitvoeringsverordening (EU) 2020/1121: per organisatie, dienst en kwartaal (of maand), aantal antwoorden, beoordelingen (gemiddelde score op 5, aandeel tevredenen, duidelijkheid van de informatie, gemak) en gemelde obstakels (behoefte niet of gedeeltelijk vervuld, administratie onbereikbaar, moeilijke procedure). Cellen met minder dan 10 antwoorden worden niet getoond; vrije opmerkingen worden nooit gepubliceerd.',
      'User feedback statistics within the meaning of Article 25 of Regulation (EU) 2018/1724 and Implementing Regulation (EU) 2020/1121: per organisation, service and quarter (or month), the number of answers, ratings (mean rating out of 5, share satisfied, clarity of the information, ease) and reported obstacles (need not met or partly met, could not reach the administration, not easy). Cells with fewer than 10 answers are suppressed; free-text comments are never published.',
    ),
    conformsTo: 'http://data.europa.eu/eli/reg_impl/2020/1121/oj',
    keywords: ['Single Digital Gateway', 'user feedback', 'satisfaction', 'public services', 'Brussels'],
  });
}
