// Public pages of the catalogue besides search: a service (with "where do I go?"), an organisation, and the
// guided orientation. Every page works without JavaScript (GET forms).
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../platform/http/errors.ts';
import { usePage } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/Layout.tsx';
import { ChoiceGroup, ErrorSummary, Heading1, Link, Paragraph, SubmitButton, Text, TextField } from '../../platform/views/components.tsx';
import { jsonForScript } from '../../platform/views/render.tsx';
import { formatDate } from '../../platform/i18n/format.ts';
import { pickText, type LocalizedText } from '../../platform/i18n/languages.ts';
import type { ContactPointSummary } from '../../contactpoints/service.ts';
import type { WaitEstimate } from '../../queues/wait-estimate.ts';
import { LOCAL_FIELDS, type LifeEvent, type LocalContent, type OrganisationRef, type ServiceRecord, type Theme } from '../repository.ts';
import type { OrganisationAnswer } from '../service.ts';
import { governmentServiceJsonLd } from '../exports.ts';
import { ContactCenter, ContactPointList, OrganisationLine } from './shared.tsx';

// ---- service page

export interface OrientationState {
  needsPlace: boolean;
  postalCode?: string | undefined;
  errors?: FieldError[];
  candidates?: Array<{ code: string; name: string }>;
  organisation?: OrganisationAnswer;
  contactPoints?: ContactPointSummary[];
  /** Estimated queue wait now per contact point id (points issuing tickets for this service, open now). */
  queueWaits?: Map<string, WaitEstimate>;
  /** The page that gives a queue ticket online, per contact point id (points that do, open now; decision 0061). */
  remoteTickets?: Map<string, string>;
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
  legalBasis: { text: string; url: string | null } | null;
  lastReviewedAt: string | null;
};

/**
 * What the citizen's own commune (or CPAS) adds to a shared service: fees, extra documents, where to go, notes
 * (decision 0058). Shown once the postal code tells which organisation answers; each text falls back to another
 * language (marked with its lang) when the organisation wrote none in the page's.
 */
function LocalPart({ organisation, content, kind }: { organisation: string; content: LocalContent; kind: string }) {
  const { t } = usePage();
  const filled = LOCAL_FIELDS.filter((field) => Object.values(content[field] ?? {}).some((value) => value?.trim()));
  if (filled.length === 0) return null;
  return (
    <section aria-labelledby="local" class="irisdesk-local-part">
      <h2 class="utrecht-heading-2" id="local">
        {t(kind === 'cpas' ? 'catalogue.local.titleCpas' : 'catalogue.local.title')}
      </h2>
      <p class="utrecht-paragraph irisdesk-muted">{t('catalogue.local.source', { organisation })}</p>
      <dl class="irisdesk-facts">
        {filled.map((field) => (
          <Fact label={t(`catalogue.local.field.${field}`)}>
            <Text value={content[field]} />
          </Fact>
        ))}
      </dl>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** A link that carries the postal code the person already gave, so that no page asks it again. */
export function withPostcode(href: string, postalCode: string | undefined): string {
  return postalCode && /^\d{4}$/.test(postalCode) ? `${href}${href.includes('?') ? '&' : '?'}postcode=${postalCode}` : href;
}

/** GOV.UK's "how to apply": one line per way of doing it, each saying what to do next. */
function HowToDoIt({ service, postalCode }: { service: ServiceRecord; postalCode: string | undefined }) {
  const { t, lang } = usePage();
  const ways: ComponentChildren[] = [];
  if (service.channels.includes('online')) ways.push(t('catalogue.how.online'));
  if (service.appointment) {
    ways.push(
      <>
        {t('catalogue.how.appointment')}{' '}
        <Link href={withPostcode(`/${lang}/appointments?service=${service.code}`, postalCode)}>{t('appointments.start.title')}</Link>
      </>,
    );
  }
  if (service.channels.includes('counter')) {
    ways.push(
      <>
        {t(service.appointment ? 'catalogue.how.counterAppointment' : 'catalogue.how.counter')} <Link href="#where">{t('catalogue.how.where')}</Link>
      </>,
    );
  }
  if (service.channels.includes('post')) ways.push(t('catalogue.how.post'));
  if (service.channels.includes('phone')) ways.push(t('catalogue.how.phone'));
  if (service.channels.includes('email')) ways.push(t('catalogue.how.email'));
  return (
    <section aria-labelledby="how">
      <h2 class="utrecht-heading-2" id="how">
        {t('catalogue.how.title')}
      </h2>
      {ways.length === 0 ? (
        <Paragraph>{t('catalogue.how.ask')}</Paragraph>
      ) : (
        <ul class="utrecht-unordered-list">
          {ways.map((way) => (
            <li class="utrecht-unordered-list__item">{way}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ServicePage({
  service,
  view,
  orientation,
  publicUrl,
  related,
  feedback,
  from,
  local,
}: {
  service: ServiceRecord;
  view: ServiceView;
  /** The answering commune's (or CPAS's) local part, when it has one. */
  local?: { organisation: string; content: LocalContent } | undefined;
  orientation: OrientationState;
  publicUrl: string;
  related?: ComponentChildren;
  feedback?: ComponentChildren;
  /** The search that led here: kept through "where do I go?" for "was this page useful?". */
  from?: string | undefined;
}) {
  const { t, lang } = usePage();
  const url = `${publicUrl.replace(/\/$/, '')}/${lang}/services/${service.code}`;
  const provider = service.competentOrganisation ? pickText(service.competentOrganisation.name, lang).text : undefined;
  const jsonLd = governmentServiceJsonLd(service, lang, url, provider);
  const here = `/${lang}/services/${service.code}`;
  return (
    <Layout
      title={view.name}
      description={view.summary}
      head={<script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(jsonLd) }} />}
    >
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
          ) : orientation.organisation?.resolved ? (
            <Link href={orientation.organisation.url}>{orientation.organisation.name}</Link>
          ) : (
            t(`catalogue.providedByEvery.${service.competentKind}`)
          )}
        </Fact>
        <Fact label={t('catalogue.field.audience')}>{service.audience.map((a) => t(`catalogue.audience.${a}`)).join(', ')}</Fact>
        {view.evidence && (
          <Fact label={t('catalogue.field.evidence')}>
            <Text value={service.evidence} />
          </Fact>
        )}
        {view.cost && (
          <Fact label={t('catalogue.field.cost')}>
            <Text value={service.cost} />
          </Fact>
        )}
        {view.processingTime && (
          <Fact label={t('catalogue.field.processingTime')}>
            <Text value={service.processingTime} />
          </Fact>
        )}
        {view.legalBasis && (
          <Fact label={t('catalogue.field.legalBasis')}>
            {view.legalBasis.url ? (
              <Link href={view.legalBasis.url}>
                <Text value={service.legalBasis} />
              </Link>
            ) : (
              <Text value={service.legalBasis} />
            )}
          </Fact>
        )}
      </dl>
      {local && <LocalPart organisation={local.organisation} content={local.content} kind={service.competentKind} />}
      <HowToDoIt service={service} postalCode={orientation.postalCode} />
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
            {from && <input type="hidden" name="from" value={from.slice(0, 200)} />}
            <SubmitButton>{t('catalogue.where.submit')}</SubmitButton>
          </form>
        )}
        {orientation.candidates && (
          <>
            <Paragraph>{t('catalogue.where.shared', { postalCode: orientation.postalCode ?? '' })}</Paragraph>
            <ul class="utrecht-unordered-list">
              {orientation.candidates.map((c) => (
                <li class="utrecht-unordered-list__item">
                  <Link href={`${here}${serviceQuery(orientation.postalCode, from)}&organisation=${c.code}#where`}>{c.name}</Link>
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
            <ContactPointList
              points={orientation.contactPoints ?? []}
              appointment={service.appointment}
              waits={orientation.queueWaits}
              remoteTickets={orientation.remoteTickets}
            />
          </>
        )}
      </section>
      <Paragraph>
        <Link href={withPostcode(`/${lang}/contact?service=${service.code}`, orientation.postalCode)}>{t('contact.link.fromService')}</Link>
      </Paragraph>
      {related}
      <section aria-labelledby="see-also">
        <h2 class="utrecht-heading-2" id="see-also">
          {t('catalogue.seeAlso.title')}
        </h2>
        <ul class="utrecht-unordered-list">
          <li class="utrecht-unordered-list__item">
            {t('catalogue.seeAlso.theme')} <Link href={`/${lang}/orientation?topic=theme:${view.theme.code}`}>{view.theme.name}</Link>
          </li>
          {view.lifeEvents.map((event) => (
            <li class="utrecht-unordered-list__item">
              {t('catalogue.seeAlso.lifeEvent')} <Link href={`/${lang}/orientation?topic=event:${event.code}`}>{event.name}</Link>
            </li>
          ))}
        </ul>
      </section>
      {view.lastReviewedAt && (
        <p class="utrecht-paragraph irisdesk-muted">{t('catalogue.lastChecked', { date: formatDate(new Date(view.lastReviewedAt), lang) })}</p>
      )}
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
  organisation: OrganisationRef & { mission: LocalizedText | null };
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

export function GuidedOrientationPage(props: {
  themes: Theme[];
  lifeEvents: LifeEvent[];
  topic?: string | undefined;
  audience?: string | undefined;
  postalCode?: string | undefined;
  results?: Array<{ service: ServiceRecord; organisation: OrganisationAnswer }> | undefined;
  /** The search the person came from (no result): kept to the service page for "was this page useful?". */
  from?: string | undefined;
}) {
  const { t, lang } = usePage();
  const name = (value: { name: LocalizedText }) => pickText(value.name, lang).text;
  return (
    <Layout title={t('catalogue.guided.title')}>
      <Heading1>{t('catalogue.guided.title')}</Heading1>
      <Paragraph lead>{t('catalogue.guided.lead')}</Paragraph>
      <form method="get" action={`/${lang}/orientation`} class="utrecht-form">
        <h2 class="utrecht-heading-2">{t('catalogue.guided.q1')}</h2>
        {/* One question, its radios in two groups of one name: life events, then themes. */}
        <ChoiceGroup
          type="radio"
          id="field-topic-events"
          name="topic"
          legend={t('catalogue.guided.lifeEvents')}
          options={props.lifeEvents.map((e) => ({ value: `event:${e.code}`, label: name(e) }))}
          checked={props.topic}
          class="irisdesk-radio-group"
        />
        <ChoiceGroup
          type="radio"
          id="field-topic-themes"
          name="topic"
          legend={t('catalogue.guided.themes')}
          options={props.themes.map((th) => ({ value: `theme:${th.code}`, label: name(th) }))}
          checked={props.topic}
          class="irisdesk-radio-group"
        />
        <h2 class="utrecht-heading-2">{t('catalogue.guided.q2')}</h2>
        <ChoiceGroup
          type="radio"
          class="irisdesk-radio-group"
          name="audience"
          legend={t('catalogue.guided.audienceLegend')}
          options={['citizen', 'business', 'association'].map((a) => ({ value: a, label: t(`catalogue.audience.${a}`) }))}
          checked={props.audience ?? 'citizen'}
        />
        <h2 class="utrecht-heading-2">{t('catalogue.guided.q3')}</h2>
        <TextField
          name="postalCode"
          label={t('catalogue.where.postalCode')}
          description={t('catalogue.guided.postalCodeHint')}
          value={props.postalCode}
          maxLength={4}
          autocomplete="postal-code"
        />
        {props.from && <input type="hidden" name="from" value={props.from.slice(0, 200)} />}
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
                    <Link href={`/${lang}/services/${service.code}${serviceQuery(props.postalCode, props.from)}`}>
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

/** The query string of a link to a service page: the postal code, and the search the person came from. */
function serviceQuery(postalCode: string | undefined, from: string | undefined): string {
  const params = new URLSearchParams();
  if (postalCode) params.set('postalCode', postalCode);
  if (from) params.set('from', from.slice(0, 200));
  const query = params.toString();
  return query ? `?${query}` : '';
}
