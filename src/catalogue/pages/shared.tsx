// Pieces of the catalogue's public pages used on several of them (and the search box on the home page).
import { usePage } from '../../platform/views/context.ts';
import { Link, Paragraph, SubmitButton, TextField } from '../../platform/views/components.tsx';
import type { ContactPointSummary } from '../../contactpoints/service.ts';
import type { WaitEstimate } from '../../queues/wait-estimate.ts';
import { ContactPointCard } from '../../contactpoints/pages.tsx';
import type { OrganisationAnswer } from '../service.ts';
import { LANGUAGE_NAMES, LOCALES, type Language } from '../../platform/i18n/languages.ts';

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

export function OrganisationLine({ organisation }: { organisation: OrganisationAnswer }) {
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

export function ContactPointList({
  points,
  appointment,
  waits,
  remoteTickets,
}: {
  points: ContactPointSummary[];
  appointment?: boolean;
  waits?: Map<string, WaitEstimate> | undefined;
  /** The remote-ticket page per contact point id, where the point gives tickets online (decision 0061). */
  remoteTickets?: Map<string, string> | undefined;
}) {
  const { t } = usePage();
  if (points.length === 0) return <Paragraph>{t('catalogue.cp.none')}</Paragraph>;
  return (
    <ul class="irisdesk-card-grid">
      {points.map((point) => (
        <li>
          <ContactPointCard contactPoint={point} appointment={appointment} wait={waits?.get(point.id)} remoteTicketUrl={remoteTickets?.get(point.id)} />
        </li>
      ))}
    </ul>
  );
}

/** A language's name as a sentence of the page needs it ("en français", "in het Nederlands", "in English"). */
export function languageInText(language: Language, lang: Language): string {
  return new Intl.DisplayNames([LOCALES[lang]], { type: 'language' }).of(language) ?? LANGUAGE_NAMES[language];
}
