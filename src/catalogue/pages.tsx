// Screens of the catalogue: public search, service, organisation and guided-orientation pages, and the
// back-office editing screens. Every page works without JavaScript (GET forms for searching and orienting).
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../platform/http/errors.ts';
import { usePage } from '../platform/views/context.ts';
import { Layout } from '../platform/views/Layout.tsx';
import { Alert, CheckboxGroup, ErrorSummary, Form, Heading1, Link, Paragraph, SelectField, SubmitButton, Table, Text, TextArea, TextField, fieldId } from '../platform/views/components.tsx';
import { jsonForScript } from '../platform/views/render.tsx';
import { formatDate, formatDateTime, formatTime } from '../platform/i18n/format.ts';
import { LANGUAGES, LANGUAGE_NAMES, pickText, type Language, type LocalizedText } from '../platform/i18n/languages.ts';
import type { ContactPointSummary } from '../contactpoints/service.ts';
import { CHANNELS, type ContentGapSummary, type LifeEvent, type OrganisationRef, type ServiceContent, type ServiceRecord, type ServiceVersion, type Theme } from './repository.ts';
import type { GuidedQuestion, OrganisationAnswer, SearchResult } from './service.ts';
import { governmentServiceJsonLd } from './exports.ts';
import { WaitText } from '../queues/pages.tsx';

// ---- shared pieces

export function SearchBox({ q, postalCode, headingLevel }: { q?: string | undefined; postalCode?: string | undefined; headingLevel?: 2 }) {
  const { t, lang } = usePage();
  return (
    <form method="get" action={`/${lang}/search`} class="utrecht-form irisdesk-search" role="search" aria-label={t('catalogue.search.label')}>
      {headingLevel === 2 && <h2 class="utrecht-heading-2">{t('catalogue.search.boxHeading')}</h2>}
      <TextField name="q" type="search" label={t('catalogue.search.label')} description={t('catalogue.search.hint')} value={q} maxLength={2000} />
      {postalCode && <input type="hidden" name="postalCode" value={postalCode} />}
      <SubmitButton>{t('catalogue.search.submit')}</SubmitButton>
    </form>
  );
}

/** Never a dead end: the contact center, plainly. */
export function ContactCenter() {
  const { t, lang } = usePage();
  return (
    <section class="irisdesk-card" aria-labelledby="contact-center">
      <h2 class="utrecht-heading-2" id="contact-center">
        {t('catalogue.contactCenter.title')}
      </h2>
      <Paragraph>{t('catalogue.contactCenter.text')}</Paragraph>
      <ul class="utrecht-unordered-list">
        <li class="utrecht-unordered-list__item">
          <Link href={`/${lang}/contact`}>{t('catalogue.contactCenter.form')}</Link>
        </li>
        <li class="utrecht-unordered-list__item">
          {t('catalogue.contactCenter.phoneLabel')}{' '}
          <a class="utrecht-link" href={`tel:${t('catalogue.contactCenter.phone').replace(/[^+\d]/g, '')}`}>
            {t('catalogue.contactCenter.phone')}
          </a>{' '}
          {t('catalogue.contactCenter.hours')}
        </li>
      </ul>
    </section>
  );
}

function OrganisationLine({ organisation }: { organisation: OrganisationAnswer }) {
  const { t } = usePage();
  if (organisation.resolved) {
    return (
      <>
        {t('catalogue.providedBy')} <Link href={organisation.url}>{organisation.name}</Link>
      </>
    );
  }
  return <>{t(`catalogue.providedByEvery.${organisation.kind}`)}</>;
}

function ContactPointCard({ point, appointment, wait }: { point: ContactPointSummary; appointment?: boolean; wait?: number | undefined }) {
  const { t, lang } = usePage();
  const next = point.status.nextChange;
  const at = next ? new Date(next.at) : undefined;
  const sameDay = at && at.toDateString() === new Date().toDateString();
  return (
    <li class="irisdesk-card">
      <h3 class="utrecht-heading-3">
        <Link href={`/${lang}/contact-points/${point.id}`}>
          <Text value={point.name} />
        </Link>
      </h3>
      <p class="utrecht-paragraph">
        <strong class={point.status.openNow ? 'irisdesk-open' : 'irisdesk-closed'}>
          {point.status.openNow ? t('catalogue.cp.openNow') : t('catalogue.cp.closedNow')}
        </strong>
        {at && (
          <>
            {' – '}
            {next!.kind === 'opens'
              ? t('catalogue.cp.opensAt', { when: sameDay ? formatTime(at, lang) : formatDateTime(at, lang) })
              : t('catalogue.cp.closesAt', { when: formatTime(at, lang) })}
          </>
        )}
        {point.status.holidayToday && <> ({t('catalogue.cp.holidayToday')})</>}
      </p>
      <dl class="irisdesk-facts">
        <dt>{t('catalogue.cp.address')}</dt>
        <dd>
          {point.address.street[lang === 'nl' ? 'nl' : 'fr']} {point.address.number}, {point.address.postalCode}{' '}
          {point.address.municipality[lang === 'nl' ? 'nl' : 'fr']}
          {point.demo && <> ({t('catalogue.cp.demo')})</>}
        </dd>
        {point.channels.length > 0 && (
          <>
            <dt>{t('catalogue.cp.channels')}</dt>
            <dd>{point.channels.map((c) => t(`catalogue.cpChannel.${c}`)).join(', ')}</dd>
          </>
        )}
        {wait !== undefined && (
          <>
            <dt>{t('queues.wait.title')}</dt>
            <dd>
              <WaitText minutes={wait} />
            </dd>
          </>
        )}
        {appointment !== undefined && (
          <>
            <dt>{t('catalogue.field.appointment')}</dt>
            <dd>{appointment ? t('catalogue.appointment.yes') : t('catalogue.appointment.no')}</dd>
          </>
        )}
        {point.phone && (
          <>
            <dt>{t('catalogue.cp.phone')}</dt>
            <dd>
              <a class="utrecht-link" href={`tel:${point.phone.replace(/[^+\d]/g, '')}`}>
                {point.phone}
              </a>
            </dd>
          </>
        )}
        {point.email && (
          <>
            <dt>{t('catalogue.cp.email')}</dt>
            <dd>
              <a class="utrecht-link" href={`mailto:${point.email}`}>
                {point.email}
              </a>
            </dd>
          </>
        )}
        {point.accessibility.length > 0 && (
          <>
            <dt>{t('catalogue.cp.accessibility')}</dt>
            <dd>{point.accessibility.map((a) => t(`catalogue.cpAccess.${a}`)).join(', ')}</dd>
          </>
        )}
        {point.languages.length > 0 && (
          <>
            <dt>{t('catalogue.cp.languages')}</dt>
            <dd>{point.languages.join(', ').toUpperCase()}</dd>
          </>
        )}
      </dl>
    </li>
  );
}

function ContactPointList({ points, appointment, waits }: { points: ContactPointSummary[]; appointment?: boolean; waits?: Map<string, number> | undefined }) {
  const { t } = usePage();
  if (points.length === 0) return <Paragraph>{t('catalogue.cp.none')}</Paragraph>;
  return (
    <ul class="irisdesk-card-grid">
      {points.map((point) => (
        <ContactPointCard point={point} appointment={appointment} wait={waits?.get(point.id)} />
      ))}
    </ul>
  );
}

// ---- search

/** The no-result page (GOV.UK pattern): what was searched, did you mean, browse by theme and life event, the contact form. */
function NoResult(props: { q: string; suggestion: string | null; postalCode?: string | undefined; themes: readonly Named[]; lifeEvents: readonly Named[] }) {
  const { t, lang } = usePage();
  const searchHref = (q: string) => `/${lang}/search?q=${encodeURIComponent(q)}${props.postalCode ? `&postalCode=${props.postalCode}` : ''}`;
  return (
    <section aria-labelledby="no-result">
      <h2 class="utrecht-heading-2" id="no-result">
        {t('catalogue.search.noResultHeading', { q: props.q.slice(0, 80) })}
      </h2>
      {props.suggestion && (
        <Paragraph>
          {t('catalogue.search.didYouMean')} <Link href={searchHref(props.suggestion)}>{props.suggestion}</Link>
        </Paragraph>
      )}
      <Paragraph>{t('catalogue.search.noResultAdvice')}</Paragraph>
      <ul class="utrecht-unordered-list">
        <li class="utrecht-unordered-list__item">{t('catalogue.search.noResultSpelling')}</li>
        <li class="utrecht-unordered-list__item">{t('catalogue.search.noResultOtherWords')}</li>
      </ul>
      {props.lifeEvents.length > 0 && (
        <nav aria-labelledby="browse-events">
          <h3 class="utrecht-heading-3" id="browse-events">
            {t('catalogue.search.browseLifeEvents')}
          </h3>
          <ul class="utrecht-unordered-list">
            {props.lifeEvents.map((event) => (
              <li class="utrecht-unordered-list__item">
                <Link href={`/${lang}/orientation?topic=event:${event.code}`}>{event.name}</Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {props.themes.length > 0 && (
        <nav aria-labelledby="browse-themes">
          <h3 class="utrecht-heading-3" id="browse-themes">
            {t('catalogue.search.browseThemes')}
          </h3>
          <ul class="utrecht-unordered-list">
            {props.themes.map((theme) => (
              <li class="utrecht-unordered-list__item">
                <Link href={`/${lang}/orientation?topic=theme:${theme.code}`}>{theme.name}</Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </section>
  );
}

/** Close results of different life events: one question, each answer leading to its service. */
function GuidedChoice(props: { question: GuidedQuestion; postalCode?: string | undefined }) {
  const { t, lang } = usePage();
  return (
    <section class="irisdesk-card" aria-labelledby="guided-question">
      <h2 class="utrecht-heading-2" id="guided-question">
        {t('catalogue.search.guidedQuestion')}
      </h2>
      <ul class="utrecht-unordered-list">
        {props.question.options.map((option) => (
          <li class="utrecht-unordered-list__item">
            <Link href={`/${lang}/services/${option.service.code}${props.postalCode ? `?postalCode=${props.postalCode}` : ''}`}>
              {t('catalogue.search.guidedOption', { situation: option.lifeEvent.name, service: option.service.name })}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

type Named = { code: string; name: string };

export function SearchPage(props: {
  q: string;
  postalCode?: string | undefined;
  results: readonly SearchResult[];
  poor: boolean;
  empty: boolean;
  truncated: boolean;
  suggestion?: string | null;
  guidedQuestion?: GuidedQuestion | null;
  /** For the no-result page: browse by theme and life event. */
  themes?: readonly Named[];
  lifeEvents?: readonly Named[];
}) {
  const { t, lang } = usePage();
  const title = props.empty ? t('catalogue.search.title') : t('catalogue.search.resultsTitle', { q: props.q.slice(0, 80) });
  return (
    <Layout title={title}>
      <Heading1>{props.empty ? t('catalogue.search.title') : t('catalogue.search.resultsHeading')}</Heading1>
      <SearchBox q={props.q} postalCode={props.postalCode} />
      {props.empty && <Paragraph>{t('catalogue.search.empty')}</Paragraph>}
      {props.truncated && <Alert type="warning">{t('catalogue.search.truncated')}</Alert>}
      {!props.empty && (
        <>
          <p class="utrecht-paragraph" role="status">
            {t('catalogue.search.count', { count: props.results.length })}
          </p>
          {props.poor && (
            <Alert type="warning">
              <p class="utrecht-paragraph">{props.results.length === 0 ? t('catalogue.search.noResult') : t('catalogue.search.poorResult')}</p>
            </Alert>
          )}
          {props.results.length === 0 && (
            <NoResult q={props.q} suggestion={props.suggestion ?? null} postalCode={props.postalCode} themes={props.themes ?? []} lifeEvents={props.lifeEvents ?? []} />
          )}
          {props.results.length > 0 && props.suggestion && (
            <Paragraph>
              {t('catalogue.search.didYouMean')}{' '}
              <Link href={`/${lang}/search?q=${encodeURIComponent(props.suggestion)}${props.postalCode ? `&postalCode=${props.postalCode}` : ''}`}>{props.suggestion}</Link>
            </Paragraph>
          )}
          {props.guidedQuestion && <GuidedChoice question={props.guidedQuestion} postalCode={props.postalCode} />}
          {props.results.length > 0 && (
            <ol class="irisdesk-results">
              {props.results.map((result) => (
                <li class="irisdesk-result">
                  <h2 class="utrecht-heading-3">
                    <Link href={`/${lang}/services/${result.code}${props.postalCode ? `?postalCode=${props.postalCode}` : ''}`}>{result.name}</Link>
                  </h2>
                  <p class="utrecht-paragraph">{result.summary}</p>
                  <p class="utrecht-paragraph irisdesk-muted">
                    <OrganisationLine organisation={result.organisation} />
                  </p>
                </li>
              ))}
            </ol>
          )}
          {props.poor && <ContactCenter />}
          <Paragraph>
            <Link href={`/${lang}/orientation`}>{t('catalogue.search.tryGuided')}</Link>
          </Paragraph>
        </>
      )}
    </Layout>
  );
}

// ---- service page

export interface OrientationState {
  needsPlace: boolean;
  postalCode?: string | undefined;
  errors?: FieldError[];
  candidates?: Array<{ code: string; name: string }>;
  organisation?: OrganisationAnswer;
  contactPoints?: ContactPointSummary[];
  /** Estimated queue wait now per contact point id (points issuing tickets for this service, open now). */
  queueWaits?: Map<string, number>;
}

type ServiceView = {
  name: string;
  summary: string;
  description: string | null;
  theme: { code: string; name: string };
  lifeEvents: Array<{ code: string; name: string }>;
  evidence: string | null;
  cost: string | null;
  processingTime: string | null;
  lastReviewedAt: string | null;
};

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function ServicePage({ service, view, orientation, publicUrl, related, feedback }: { service: ServiceRecord; view: ServiceView; orientation: OrientationState; publicUrl: string; related?: ComponentChildren; feedback?: ComponentChildren }) {
  const { t, lang } = usePage();
  const url = `${publicUrl.replace(/\/$/, '')}/${lang}/services/${service.code}`;
  const provider = service.competentOrganisation ? pickText(service.competentOrganisation.name, lang).text : undefined;
  const jsonLd = governmentServiceJsonLd(service, lang, url, provider);
  const here = `/${lang}/services/${service.code}`;
  return (
    <Layout title={view.name} description={view.summary} head={<script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(jsonLd) }} />}>
      <ErrorSummary errors={orientation.errors} />
      <Heading1>
        <Text value={service.name} />
      </Heading1>
      <Paragraph lead>
        <Text value={service.summary} />
      </Paragraph>
      <dl class="irisdesk-facts">
        <Fact label={t('catalogue.field.provider')}>
          {service.competentOrganisation ? (
            <Link href={`/${lang}/organisations/${service.competentOrganisation.code}`}>
              <Text value={service.competentOrganisation.name} />
            </Link>
          ) : (
            t(`catalogue.providedByEvery.${service.competentKind}`)
          )}
        </Fact>
        <Fact label={t('catalogue.field.audience')}>{service.audience.map((a) => t(`catalogue.audience.${a}`)).join(', ')}</Fact>
        <Fact label={t('catalogue.field.channels')}>{service.channels.map((c) => t(`catalogue.channel.${c}`)).join(', ') || '–'}</Fact>
        <Fact label={t('catalogue.field.appointment')}>{service.appointment ? t('catalogue.appointment.yes') : t('catalogue.appointment.no')}</Fact>
        {view.evidence && <Fact label={t('catalogue.field.evidence')}><Text value={service.evidence} /></Fact>}
        {view.cost && <Fact label={t('catalogue.field.cost')}><Text value={service.cost} /></Fact>}
        {view.processingTime && <Fact label={t('catalogue.field.processingTime')}><Text value={service.processingTime} /></Fact>}
        <Fact label={t('catalogue.field.theme')}>
          <Link href={`/${lang}/orientation?topic=theme:${view.theme.code}`}>{view.theme.name}</Link>
        </Fact>
        {view.lifeEvents.length > 0 && (
          <Fact label={t('catalogue.field.lifeEvents')}>
            {view.lifeEvents.map((event, index) => (
              <>
                {index > 0 && ', '}
                <Link href={`/${lang}/orientation?topic=event:${event.code}`}>{event.name}</Link>
              </>
            ))}
          </Fact>
        )}
        {view.lastReviewedAt && <Fact label={t('catalogue.field.lastReviewed')}>{formatDate(new Date(view.lastReviewedAt), lang)}</Fact>}
      </dl>
      {related}
      {view.description && (
        <section aria-labelledby="description">
          <h2 class="utrecht-heading-2" id="description">
            {t('catalogue.field.description')}
          </h2>
          <Paragraph>
            <Text value={service.description} />
          </Paragraph>
        </section>
      )}
      <section aria-labelledby="where">
        <h2 class="utrecht-heading-2" id="where">
          {t('catalogue.where.title')}
        </h2>
        {orientation.needsPlace && (
          <form method="get" action={here} class="utrecht-form">
            <TextField
              name="postalCode"
              label={t('catalogue.where.postalCode')}
              description={t('catalogue.where.postalCodeHint')}
              value={orientation.postalCode}
              maxLength={4}
              autocomplete="postal-code"
              errors={orientation.errors}
            />
            <SubmitButton>{t('catalogue.where.submit')}</SubmitButton>
          </form>
        )}
        {orientation.candidates && (
          <>
            <Paragraph>{t('catalogue.where.shared', { postalCode: orientation.postalCode ?? '' })}</Paragraph>
            <ul class="utrecht-unordered-list">
              {orientation.candidates.map((c) => (
                <li class="utrecht-unordered-list__item">
                  <Link href={`${here}?postalCode=${orientation.postalCode}&organisation=${c.code}#where`}>{c.name}</Link>
                </li>
              ))}
            </ul>
          </>
        )}
        {orientation.organisation?.resolved && (
          <>
            <Paragraph>
              {t('catalogue.where.answer')} <Link href={orientation.organisation.url}>{orientation.organisation.name}</Link>
            </Paragraph>
            <h3 class="utrecht-heading-3">{t('catalogue.where.contactPoints')}</h3>
            <ContactPointList points={orientation.contactPoints ?? []} appointment={service.appointment} waits={orientation.queueWaits} />
          </>
        )}
      </section>
      {service.appointment && (
        <Paragraph>
          <Link href={`/${lang}/appointments?service=${service.code}`}>{t('appointments.start.title')}</Link>
        </Paragraph>
      )}
      <Paragraph>
        <Link href={`/${lang}/contact?service=${service.code}`}>{t('contact.link.fromService')}</Link>
      </Paragraph>
      {feedback}
    </Layout>
  );
}

// ---- organisation page

export function OrganisationPublicPage({
  organisation,
  services,
  contactPoints,
}: {
  organisation: OrganisationRef & { mission: import('../platform/i18n/languages.ts').LocalizedText | null };
  services: ServiceRecord[];
  contactPoints: ContactPointSummary[];
}) {
  const { t, lang } = usePage();
  return (
    <Layout title={pickText(organisation.name, lang).text}>
      <Heading1>
        <Text value={organisation.name} />
      </Heading1>
      {organisation.mission && (
        <Paragraph lead>
          <Text value={organisation.mission} />
        </Paragraph>
      )}
      <section aria-labelledby="contact-points">
        <h2 class="utrecht-heading-2" id="contact-points">
          {t('catalogue.organisation.contactPoints')}
        </h2>
        <ContactPointList points={contactPoints} />
      </section>
      <section aria-labelledby="services">
        <h2 class="utrecht-heading-2" id="services">
          {t('catalogue.organisation.services', { count: services.length })}
        </h2>
        {services.length === 0 ? (
          <Paragraph>{t('catalogue.organisation.noServices')}</Paragraph>
        ) : (
          <ul class="utrecht-unordered-list">
            {services.map((service) => (
              <li class="utrecht-unordered-list__item">
                <Link href={`/${lang}/services/${service.code}`}>
                  <Text value={service.name} />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}

// ---- guided orientation

function RadioGroup({ name, legend, options, checked }: { name: string; legend: string; options: Array<{ value: string; label: string }>; checked?: string | undefined }) {
  const id = fieldId(`${name}-${legend.length}`);
  return (
    <fieldset class="utrecht-form-fieldset irisdesk-radio-group">
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{legend}</legend>
      {options.map((option) => (
        <div class="utrecht-form-field utrecht-form-field--radio">
          <input
            class="utrecht-radio-button utrecht-radio-button--html-input"
            type="radio"
            id={`${id}-${option.value.replace(':', '-')}`}
            name={name}
            value={option.value}
            checked={option.value === checked}
          />
          <label class="utrecht-form-label utrecht-form-label--radio" for={`${id}-${option.value.replace(':', '-')}`}>
            {option.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function GuidedOrientationPage(props: {
  themes: Theme[];
  lifeEvents: LifeEvent[];
  topic?: string | undefined;
  audience?: string | undefined;
  postalCode?: string | undefined;
  results?: Array<{ service: ServiceRecord; organisation: OrganisationAnswer }> | undefined;
}) {
  const { t, lang } = usePage();
  const name = (value: { name: import('../platform/i18n/languages.ts').LocalizedText }) => pickText(value.name, lang).text;
  return (
    <Layout title={t('catalogue.guided.title')}>
      <Heading1>{t('catalogue.guided.title')}</Heading1>
      <Paragraph lead>{t('catalogue.guided.lead')}</Paragraph>
      <form method="get" action={`/${lang}/orientation`} class="utrecht-form">
        <h2 class="utrecht-heading-2">{t('catalogue.guided.q1')}</h2>
        <RadioGroup name="topic" legend={t('catalogue.guided.lifeEvents')} options={props.lifeEvents.map((e) => ({ value: `event:${e.code}`, label: name(e) }))} checked={props.topic} />
        <RadioGroup name="topic" legend={t('catalogue.guided.themes')} options={props.themes.map((th) => ({ value: `theme:${th.code}`, label: name(th) }))} checked={props.topic} />
        <h2 class="utrecht-heading-2">{t('catalogue.guided.q2')}</h2>
        <RadioGroup
          name="audience"
          legend={t('catalogue.guided.audienceLegend')}
          options={['citizen', 'business', 'association'].map((a) => ({ value: a, label: t(`catalogue.audience.${a}`) }))}
          checked={props.audience ?? 'citizen'}
        />
        <h2 class="utrecht-heading-2">{t('catalogue.guided.q3')}</h2>
        <TextField name="postalCode" label={t('catalogue.where.postalCode')} description={t('catalogue.guided.postalCodeHint')} value={props.postalCode} maxLength={4} autocomplete="postal-code" />
        <SubmitButton>{t('catalogue.guided.submit')}</SubmitButton>
      </form>
      {props.results && (
        <section aria-labelledby="guided-results">
          <h2 class="utrecht-heading-2" id="guided-results">
            {t('catalogue.guided.results', { count: props.results.length })}
          </h2>
          {props.results.length === 0 ? (
            <ContactCenter />
          ) : (
            <ul class="irisdesk-results">
              {props.results.map(({ service, organisation }) => (
                <li class="irisdesk-result">
                  <h3 class="utrecht-heading-3">
                    <Link href={`/${lang}/services/${service.code}${props.postalCode ? `?postalCode=${props.postalCode}` : ''}`}>
                      <Text value={service.name} />
                    </Link>
                  </h3>
                  <p class="utrecht-paragraph">
                    <Text value={service.summary} />
                  </p>
                  <p class="utrecht-paragraph irisdesk-muted">
                    <OrganisationLine organisation={organisation} />
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </Layout>
  );
}

// ---- back office

export function CatalogueAdminPage({ entries, staleOnly }: { entries: Array<{ service: ServiceRecord; completeness: Record<Language, boolean>; stale: boolean }>; staleOnly: boolean }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('catalogue.admin.title')} backOffice section="catalogue">
      <Heading1>{staleOnly ? t('catalogue.admin.staleTitle') : t('catalogue.admin.title')}</Heading1>
      <ul class="irisdesk-inline-list">
        <li>
          {staleOnly ? <Link href={`/${lang}/admin/catalogue`}>{t('catalogue.admin.all')}</Link> : <Link href={`/${lang}/admin/catalogue?stale=1`}>{t('catalogue.admin.staleLink')}</Link>}
        </li>
        <li>
          <Link href={`/${lang}/admin/catalogue/gaps`}>{t('catalogue.admin.gapsLink')}</Link>
        </li>
        <li>
          <Link href={`/${lang}/admin/catalogue/services/new`}>{t('catalogue.new.title')}</Link>
        </li>
      </ul>
      <Table
        caption={t('catalogue.admin.caption', { count: entries.length })}
        head={[t('catalogue.field.name'), t('catalogue.field.status'), t('catalogue.admin.translations'), t('catalogue.field.lastReviewed')]}
        rows={entries.map(({ service, completeness, stale }) => [
          <Link href={`/${lang}/admin/catalogue/services/${service.code}`}>
            <Text value={(service.draft ?? service).name} />
          </Link>,
          <>
            {t(`catalogue.status.${service.status}`)}
            {service.draft && <strong> ({t('catalogue.draft.marker')})</strong>}
          </>,
          LANGUAGES.map((l) => `${l.toUpperCase()} ${completeness[l] ? '✓' : t('catalogue.admin.missing')}`).join(' · '),
          <>
            {service.lastReviewedAt ? formatDate(new Date(service.lastReviewedAt), lang) : t('catalogue.admin.neverReviewed')}
            {stale && <strong> ({t('catalogue.admin.stale')})</strong>}
          </>,
        ])}
      />
    </Layout>
  );
}

export function ContentGapsPage({ gaps }: { gaps: ContentGapSummary[] }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('catalogue.gaps.title')} backOffice section="catalogue">
      <Heading1>{t('catalogue.gaps.title')}</Heading1>
      <Paragraph>{t('catalogue.gaps.lead')}</Paragraph>
      <Table
        caption={t('catalogue.gaps.caption', { count: gaps.length })}
        head={[t('catalogue.gaps.query'), t('catalogue.gaps.language'), t('catalogue.gaps.count'), t('catalogue.gaps.results'), t('catalogue.gaps.last')]}
        rows={gaps.map((gap) => [<span lang={gap.lang}>{gap.query}</span>, LANGUAGE_NAMES[gap.lang], String(gap.count), String(gap.maxResults), formatDateTime(new Date(gap.lastAt), lang)])}
      />
    </Layout>
  );
}

type FormValues = Record<string, string | string[] | undefined>;
const suffix = (l: Language) => `${l[0]!.toUpperCase()}${l[1]}`;
const TEXT_FIELDS = ['summary', 'description', 'evidence', 'cost', 'processingTime'] as const;

export interface ServiceFormReference {
  themes: Theme[];
  lifeEvents: LifeEvent[];
  organisations: Array<{ id: string; code: string; kind: string; name: LocalizedText }>;
}

/** The label of a form field as the user sees it (error summary, changed-fields list). */
function useFieldLabel() {
  const { t } = usePage();
  return (field: string): string => {
    const localized = /^(name|summary|description|evidence|cost|processingTime|keywords)(Fr|Nl|En)$/.exec(field) ?? /^(name|summary|description|evidence|cost|processingTime|keywords)\.(fr|nl|en)$/.exec(field);
    if (localized) return t(`field.${localized[1]}${suffix(localized[2]!.toLowerCase() as Language)}`);
    const known: Record<string, string> = {
      code: t('field.code'),
      theme: t('catalogue.field.theme'),
      audience: t('catalogue.field.audience'),
      lifeEvents: t('catalogue.field.lifeEvents'),
      competent: t('catalogue.field.provider'),
      competentKind: t('catalogue.field.provider'),
      competentOrganisation: t('catalogue.edit.competentOrganisation'),
      channels: t('catalogue.field.channels'),
      appointment: t('catalogue.field.appointment'),
    };
    return known[field] ?? t(`field.${field}`);
  };
}

/** Radio buttons in a fieldset whose id is the field's (the error summary links to it). */
function RadioField({ name, legend, options, checked, errors }: { name: string; legend: string; options: Array<{ value: string; label: string }>; checked?: string | undefined; errors?: FieldError[] | undefined }) {
  const { t } = usePage();
  const id = fieldId(name);
  const error = errors?.find((e) => e.field === name);
  return (
    <fieldset class="utrecht-form-fieldset irisdesk-radio-group" id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{legend}</legend>
      {error && (
        <div class="utrecht-form-field-error-message" id={`${id}-error`}>
          {t(error.code, { ...error.values, field: legend })}
        </div>
      )}
      {options.map((option) => (
        <div class="utrecht-form-field utrecht-form-field--radio">
          <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id={`${id}-${option.value}`} name={name} value={option.value} checked={option.value === checked} />
          <label class="utrecht-form-label utrecht-form-label--radio" for={`${id}-${option.value}`}>
            {option.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** Every editable field of a service on one form, the three languages together. */
function ServiceFields({ content, values, errors, reference }: { content: ServiceContent | undefined; values?: FormValues | undefined; errors?: FieldError[] | undefined; reference: ServiceFormReference }) {
  const { t, lang } = usePage();
  const label = useFieldLabel();
  const v = (name: string, fallback: string) => {
    const raw = values?.[name];
    return typeof raw === 'string' ? raw : fallback;
  };
  const list = (name: string, fallback: string[]) => {
    if (!values) return fallback;
    const raw = values[name];
    return raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  };
  const kind = v('competentKind', content?.competentKind ?? 'organisation');
  return (
    <>
      <fieldset class="utrecht-form-fieldset">
        <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t('catalogue.edit.textsLegend')}</legend>
        {LANGUAGES.map((l) => (
          <TextField name={`name${suffix(l)}`} label={label(`name${suffix(l)}`)} value={v(`name${suffix(l)}`, content?.name[l] ?? '')} maxLength={200} errors={errors} />
        ))}
        {TEXT_FIELDS.map((field) =>
          LANGUAGES.map((l) => (
            <TextArea name={`${field}${suffix(l)}`} label={label(`${field}${suffix(l)}`)} value={v(`${field}${suffix(l)}`, content?.[field][l] ?? '')} maxLength={4000} rows={field === 'description' ? 6 : 3} errors={errors} />
          )),
        )}
        {LANGUAGES.map((l) => (
          <TextField
            name={`keywords${suffix(l)}`}
            label={label(`keywords${suffix(l)}`)}
            description={t('catalogue.edit.keywordsHint')}
            value={v(`keywords${suffix(l)}`, (content?.keywords[l] ?? []).join(', '))}
            maxLength={4000}
            errors={errors}
          />
        ))}
      </fieldset>
      <CheckboxGroup name="audience" legend={label('audience')} options={['citizen', 'business', 'association'].map((a) => ({ value: a, label: t(`catalogue.audience.${a}`) }))} checked={list('audience', content?.audience ?? ['citizen'])} errors={errors} />
      <SelectField
        name="theme"
        label={label('theme')}
        value={v('theme', content?.theme ?? '')}
        options={[{ value: '', label: t('catalogue.edit.choose') }, ...reference.themes.map((theme) => ({ value: theme.code, label: pickText(theme.name, lang).text }))]}
        errors={errors}
      />
      <CheckboxGroup name="lifeEvents" legend={label('lifeEvents')} options={reference.lifeEvents.map((event) => ({ value: event.code, label: pickText(event.name, lang).text }))} checked={list('lifeEvents', content?.lifeEvents ?? [])} errors={errors} />
      <RadioField
        name="competentKind"
        legend={label('competentKind')}
        options={[
          { value: 'organisation', label: t('catalogue.edit.competentOne') },
          { value: 'commune', label: t('catalogue.edit.competentEveryCommune') },
          { value: 'cpas', label: t('catalogue.edit.competentEveryCpas') },
        ]}
        checked={kind}
        errors={errors}
      />
      <SelectField
        name="competentOrganisation"
        label={label('competentOrganisation')}
        description={t('catalogue.edit.competentOrganisationHint')}
        value={v('competentOrganisation', content?.competentOrganisation ?? (reference.organisations.length === 1 ? reference.organisations[0]!.code : ''))}
        options={[{ value: '', label: t('catalogue.edit.choose') }, ...reference.organisations.map((org) => ({ value: org.code, label: pickText(org.name, lang).text }))]}
        errors={errors}
      />
      <CheckboxGroup name="channels" legend={label('channels')} options={CHANNELS.map((c) => ({ value: c, label: t(`catalogue.channel.${c}`) }))} checked={list('channels', content?.channels ?? [])} errors={errors} />
      <CheckboxGroup name="appointment" legend={label('appointment')} options={[{ value: 'true', label: t('catalogue.appointment.yes') }]} checked={list('appointment', content?.appointment ? ['true'] : [])} errors={errors} />
    </>
  );
}

function IntentButton({ intent, children, variant = 'primary' }: { intent: 'save' | 'publish'; children: ComponentChildren; variant?: 'primary' | 'secondary' }) {
  return (
    <button type="submit" name="intent" value={intent} class={`utrecht-button utrecht-button--${variant}-action`}>
      {children}
    </button>
  );
}

export function ServiceNewPage(props: { reference: ServiceFormReference; errors?: FieldError[]; values?: FormValues }) {
  const { t, lang } = usePage();
  const label = useFieldLabel();
  return (
    <Layout title={t('catalogue.new.title')} backOffice section="catalogue">
      <ErrorSummary errors={props.errors} labelOf={label} />
      <Heading1>{t('catalogue.new.title')}</Heading1>
      <Paragraph>{t('catalogue.new.lead')}</Paragraph>
      <Form action={`/${lang}/admin/catalogue/services`}>
        <TextField name="code" label={t('field.code')} description={t('catalogue.new.codeHint')} value={typeof props.values?.code === 'string' ? props.values.code : ''} maxLength={64} required errors={props.errors} />
        <ServiceFields content={undefined} values={props.values} errors={props.errors} reference={props.reference} />
        <SubmitButton>{t('catalogue.new.create')}</SubmitButton>
      </Form>
    </Layout>
  );
}

export type EditNotice = 'saved' | 'published' | 'discarded' | 'created' | 'withdrawn';

export function ServiceEditPage(props: {
  service: ServiceRecord;
  content: ServiceContent;
  changedFields: string[];
  completeness: Record<Language, boolean>;
  versions: ServiceVersion[];
  reference: ServiceFormReference;
  errors?: FieldError[];
  values?: FormValues;
  notice?: EditNotice | undefined;
}) {
  const { t, lang } = usePage();
  const label = useFieldLabel();
  const s = props.service;
  const name = pickText(props.content.name, lang).text;
  const published = s.status === 'published';
  const base = `/${lang}/admin/catalogue/services/${s.code}`;
  return (
    <Layout title={t('catalogue.edit.title', { name })} backOffice section="catalogue">
      <ErrorSummary errors={props.errors} labelOf={label} />
      <Heading1>{t('catalogue.edit.title', { name })}</Heading1>
      {props.notice && <Alert type="ok">{t(props.notice === 'saved' ? 'catalogue.edit.saved' : `catalogue.edit.notice.${props.notice}`)}</Alert>}
      <Paragraph>
        {t('catalogue.field.status')}: <strong>{t(`catalogue.status.${s.status}`)}</strong>
        {published && (
          <>
            {' · '}
            <Link href={`/${lang}/services/${s.code}`}>{t('catalogue.edit.publicPage')}</Link>
          </>
        )}
      </Paragraph>
      {s.draft && (
        <section class="utrecht-alert utrecht-alert--warning irisdesk-draft" aria-labelledby="draft-heading">
          <h2 class="utrecht-heading-2" id="draft-heading">
            {t('catalogue.draft.title')}
          </h2>
          <Paragraph>{t('catalogue.draft.lead', { date: s.draftSavedAt ? formatDateTime(new Date(s.draftSavedAt), lang) : '–' })}</Paragraph>
          {props.changedFields.length > 0 ? (
            <>
              <Paragraph>{t('catalogue.draft.changed', { count: props.changedFields.length })}</Paragraph>
              <ul class="utrecht-unordered-list" data-changed-fields>
                {props.changedFields.map((field) => (
                  <li class="utrecht-unordered-list__item">{label(field)}</li>
                ))}
              </ul>
            </>
          ) : (
            <Paragraph>{t('catalogue.draft.noDifference')}</Paragraph>
          )}
          <Form action={`${base}/discard`}>
            <input type="hidden" name="version" value={String(s.version)} />
            <SubmitButton variant="secondary">{t('catalogue.draft.discard')}</SubmitButton>
          </Form>
        </section>
      )}
      <Paragraph>
        {t('catalogue.admin.translations')}: {LANGUAGES.map((l) => `${LANGUAGE_NAMES[l]} ${props.completeness[l] ? '✓' : t('catalogue.admin.missing')}`).join(' · ')}
      </Paragraph>
      {published && <Paragraph>{t('catalogue.draft.howItWorks')}</Paragraph>}
      <Form action={base}>
        <input type="hidden" name="version" value={String(s.version)} />
        <ServiceFields content={props.content} values={props.values} errors={props.errors} reference={props.reference} />
        <CheckboxGroup name="reviewed" legend={t('catalogue.field.lastReviewed')} options={[{ value: 'true', label: t('catalogue.edit.markReviewed') }]} checked={[]} />
        <div class="irisdesk-actions">
          <IntentButton intent="save">{published ? t('catalogue.edit.saveDraft') : t('catalogue.edit.save')}</IntentButton>{' '}
          <IntentButton intent="publish" variant="secondary">
            {published ? t('catalogue.edit.publishChanges') : t('catalogue.edit.publish')}
          </IntentButton>
        </div>
      </Form>
      {published && (
        <Form action={`${base}/withdraw`}>
          <input type="hidden" name="version" value={String(s.version)} />
          <SubmitButton variant="secondary">{t('catalogue.edit.withdraw')}</SubmitButton>
        </Form>
      )}
      <section aria-labelledby="history">
        <h2 class="utrecht-heading-2" id="history">
          {t('catalogue.edit.history')}
        </h2>
        <Table
          caption={t('catalogue.edit.historyCaption', { count: props.versions.length })}
          head={[t('catalogue.edit.version'), t('catalogue.field.status'), t('catalogue.edit.changedAt'), t('catalogue.edit.changedBy')]}
          rows={props.versions.map((version) => [
            String(version.version),
            t(`catalogue.status.${version.status}`),
            formatDateTime(new Date(version.changedAt), lang),
            version.changedBy ?? (version.note === 'initial' ? t('catalogue.edit.initial') : '–'),
          ])}
        />
      </section>
    </Layout>
  );
}
