// The accessibility statement, in the form of the EU model (Implementing Decision (EU) 2018/1523) that the
// Belgian and Brussels rules transposing Directive (EU) 2016/2102 require of a public body's website: status of
// compliance, content that is not accessible, how the statement was prepared, feedback and contact, enforcement.
import { usePage } from '../views/context.ts';
import { Layout } from '../views/Layout.tsx';
import { Heading1, Link, Paragraph } from '../views/components.tsx';
import { formatDate } from '../i18n/format.ts';

/** The day this statement was prepared and last reviewed (update both when the site is evaluated again). */
export const STATEMENT_PREPARED = '2026-12-07';
export const STATEMENT_REVIEWED = '2026-12-07';

export function AccessibilityPage() {
  const { t, lang } = usePage();
  const date = (iso: string) => formatDate(new Date(`${iso}T12:00:00Z`), lang);
  const section = (id: string, heading: string, ...paragraphs: string[]) => (
    <section aria-labelledby={id}>
      <h2 class="utrecht-heading-2" id={id}>
        {t(heading)}
      </h2>
      {paragraphs.map((key) => (
        <Paragraph>{t(key)}</Paragraph>
      ))}
    </section>
  );
  return (
    <Layout title={t('accessibility.title')}>
      <Heading1>{t('accessibility.title')}</Heading1>
      <div class="irisdesk-prose">
        <Paragraph lead>{t('accessibility.intro')}</Paragraph>
        <Paragraph>{t('accessibility.scope')}</Paragraph>
        {section('compliance', 'accessibility.complianceHeading', 'accessibility.compliance')}
        <section aria-labelledby="not-accessible">
          <h2 class="utrecht-heading-2" id="not-accessible">
            {t('accessibility.notAccessibleHeading')}
          </h2>
          <Paragraph>{t('accessibility.notAccessibleIntro')}</Paragraph>
          <ul class="utrecht-unordered-list">
            <li class="utrecht-unordered-list__item">{t('accessibility.limit.audit')}</li>
            <li class="utrecht-unordered-list__item">{t('accessibility.limit.translations')}</li>
            <li class="utrecht-unordered-list__item">{t('accessibility.limit.board')}</li>
          </ul>
          <Paragraph>{t('accessibility.burden')}</Paragraph>
        </section>
        <section aria-labelledby="preparation">
          <h2 class="utrecht-heading-2" id="preparation">
            {t('accessibility.preparationHeading')}
          </h2>
          <Paragraph>{t('accessibility.prepared', { date: date(STATEMENT_PREPARED) })}</Paragraph>
          <Paragraph>{t('accessibility.method')}</Paragraph>
          <Paragraph>{t('accessibility.reviewed', { date: date(STATEMENT_REVIEWED) })}</Paragraph>
        </section>
        <section aria-labelledby="feedback">
          <h2 class="utrecht-heading-2" id="feedback">
            {t('accessibility.feedbackHeading')}
          </h2>
          <Paragraph>{t('accessibility.feedback')}</Paragraph>
          <ul class="utrecht-unordered-list">
            <li class="utrecht-unordered-list__item">
              <Link href={`/${lang}/contact`}>{t('accessibility.feedbackForm')}</Link>
            </li>
            <li class="utrecht-unordered-list__item">
              {t('catalogue.contactCenter.phoneLabel')}{' '}
              <a class="utrecht-link" href={`tel:${t('catalogue.contactCenter.phone').replace(/[^+\d]/g, '')}`}>
                {t('catalogue.contactCenter.phone')}
              </a>
            </li>
          </ul>
          <Paragraph>{t('accessibility.responseTime')}</Paragraph>
        </section>
        {section('enforcement', 'accessibility.enforcementHeading', 'accessibility.enforcement')}
      </div>
    </Layout>
  );
}
