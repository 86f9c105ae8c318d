// Screens of the orientation's learning loop (issue 16): "was this page useful?" on a service page, the editors'
// list of proposed search terms (approve or reject with one click) and the competence center's unmet questions.
import { usePage } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/Layout.tsx';
import type { ComponentChildren } from 'preact';
import { Alert, Form, Heading1, Link, Paragraph, SubmitButton, Table, TextArea } from '../../platform/views/components.tsx';
import { LANGUAGE_NAMES, LOCALES } from '../../platform/i18n/languages.ts';
import type { Proposal, UnmetQuestion } from '../learning/repository.ts';

/** GOV.UK's "Is this page useful?": one click for yes or no; a "no" may say what the person was looking for. */
export function UsefulnessQuestion({ serviceCode, from, answered }: { serviceCode: string; from?: string | undefined; answered: boolean }) {
  const { t, lang } = usePage();
  return (
    <section class="irisdesk-card irisdesk-usefulness" aria-labelledby="usefulness">
      <h2 class="utrecht-heading-2" id="usefulness">
        {t('catalogue.useful.heading')}
      </h2>
      {answered ? (
        <p class="utrecht-paragraph" role="status">
          {t('catalogue.useful.thanks')}
        </p>
      ) : (
        <Form action={`/${lang}/services/${serviceCode}/useful`}>
          {from && <input type="hidden" name="from" value={from} />}
          <TextArea name="lookingFor" label={t('catalogue.useful.lookingFor')} description={t('catalogue.useful.lookingForHint')} maxLength={500} rows={2} />
          <div class="irisdesk-actions">
            <button type="submit" name="useful" value="yes" class="utrecht-button utrecht-button--secondary-action">
              {t('catalogue.useful.yes')}
            </button>{' '}
            <button type="submit" name="useful" value="no" class="utrecht-button utrecht-button--secondary-action">
              {t('catalogue.useful.no')}
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}

/**
 * The question as a service page asks it: two links, so that the page holds no form token and can be served to
 * everyone from the page cache (decision 0044); each leads to the form below with the answer chosen.
 */
export function UsefulnessPrompt({ serviceCode, query, answered }: { serviceCode: string; query: string; answered: boolean }) {
  const { t, lang } = usePage();
  const href = (answer: 'yes' | 'no') => `/${lang}/services/${serviceCode}/useful?answer=${answer}${query ? `&${query}` : ''}`;
  return (
    <section class="irisdesk-card irisdesk-usefulness" aria-labelledby="usefulness">
      <h2 class="utrecht-heading-2" id="usefulness">
        {t('catalogue.useful.heading')}
      </h2>
      {answered ? (
        <p class="utrecht-paragraph" role="status">
          {t('catalogue.useful.thanks')}
        </p>
      ) : (
        <p class="utrecht-paragraph irisdesk-actions">
          <a class="utrecht-button-link utrecht-button-link--secondary-action" href={href('yes')}>
            {t('catalogue.useful.yes')}
          </a>{' '}
          <a class="utrecht-button-link utrecht-button-link--secondary-action" href={href('no')}>
            {t('catalogue.useful.no')}
          </a>
        </p>
      )}
    </section>
  );
}

/** The page behind the prompt's links: the answer, an optional comment, and the satisfaction widget. */
export function UsefulnessPage(props: {
  serviceCode: string;
  serviceName: string;
  /** The answer chosen on the service page; none: the person came to give their opinion only. */
  answer?: 'yes' | 'no' | undefined;
  from?: string | undefined;
  widget: ComponentChildren;
}) {
  const { t, lang } = usePage();
  const title = props.answer ? t('catalogue.useful.heading') : t('catalogue.opinion.title');
  return (
    <Layout title={`${title} – ${props.serviceName}`}>
      <Heading1>{title}</Heading1>
      <Paragraph lead>
        {t('catalogue.useful.about')} <Link href={`/${lang}/services/${props.serviceCode}`}>{props.serviceName}</Link>
      </Paragraph>
      {props.answer && (
        <Form action={`/${lang}/services/${props.serviceCode}/useful`}>
          {props.from && <input type="hidden" name="from" value={props.from} />}
          <input type="hidden" name="useful" value={props.answer} />
          <Paragraph>{t(`catalogue.useful.answered.${props.answer}`)}</Paragraph>
          <TextArea
            name="lookingFor"
            label={t(props.answer === 'no' ? 'catalogue.useful.lookingForNo' : 'catalogue.useful.comment')}
            description={t('catalogue.useful.lookingForHint')}
            maxLength={500}
            rows={3}
          />
          <SubmitButton>{t('catalogue.useful.send')}</SubmitButton>
        </Form>
      )}
      {props.widget}
    </Layout>
  );
}

/** "Give your opinion" on a service page: a link to the satisfaction widget's form (see UsefulnessPrompt). */
export function OpinionLink({ serviceCode, query, needsPostalCode }: { serviceCode: string; query: string; needsPostalCode: boolean }) {
  const { t, lang } = usePage();
  return (
    <section aria-labelledby="opinion">
      <h2 class="utrecht-heading-2" id="opinion">
        {t('satisfaction.widget.heading')}
      </h2>
      <Paragraph>
        {needsPostalCode ? (
          <>
            {t('satisfaction.widget.needsPlace')} <Link href="#where">{t('satisfaction.widget.toPostalCode')}</Link>
          </>
        ) : (
          <Link href={`/${lang}/services/${serviceCode}/useful${query ? `?${query}` : ''}#feedback-widget`}>{t('catalogue.opinion.link')}</Link>
        )}
      </Paragraph>
    </section>
  );
}

export type ProposalNotice = 'approved' | 'rejected';

export function ProposalsPage({ proposals, notice }: { proposals: Array<Proposal & { serviceName: string }>; notice?: ProposalNotice | undefined }) {
  const { t, lang } = usePage();
  const base = `/${lang}/admin/catalogue/proposals`;
  return (
    <Layout title={t('catalogue.proposals.title')} backOffice section="catalogue">
      <Heading1>{t('catalogue.proposals.title')}</Heading1>
      {notice && <Alert type="ok">{t(`catalogue.proposals.notice.${notice}`)}</Alert>}
      <Paragraph>{t('catalogue.proposals.lead')}</Paragraph>
      {proposals.length === 0 ? (
        <Paragraph>{t('catalogue.proposals.none')}</Paragraph>
      ) : (
        <Table
          caption={t('catalogue.proposals.caption', { count: proposals.length })}
          head={[
            t('catalogue.proposals.term'),
            t('catalogue.gaps.language'),
            t('catalogue.proposals.service'),
            t('catalogue.proposals.evidence'),
            t('catalogue.proposals.gaps'),
            t('catalogue.proposals.decision'),
          ]}
          rows={proposals.map((proposal) => [
            <span lang={proposal.lang}>{proposal.term}</span>,
            LANGUAGE_NAMES[proposal.lang],
            <Link href={`/${lang}/admin/catalogue/services/${proposal.serviceCode}`}>{proposal.serviceName}</Link>,
            String(proposal.evidence),
            String(proposal.gapCount),
            <div class="irisdesk-actions">
              <Form action={`${base}/${proposal.id}/approve`} class="irisdesk-inline-form">
                <button
                  type="submit"
                  class="utrecht-button utrecht-button--primary-action"
                  aria-label={t('catalogue.proposals.approveLabel', { term: proposal.term, service: proposal.serviceName })}
                >
                  {t('catalogue.proposals.approve')}
                </button>
              </Form>{' '}
              <Form action={`${base}/${proposal.id}/reject`} class="irisdesk-inline-form">
                <button
                  type="submit"
                  class="utrecht-button utrecht-button--secondary-action"
                  aria-label={t('catalogue.proposals.rejectLabel', { term: proposal.term, service: proposal.serviceName })}
                >
                  {t('catalogue.proposals.reject')}
                </button>
              </Form>
            </div>,
          ])}
        />
      )}
    </Layout>
  );
}

export function UnmetQuestionsPage({ questions }: { questions: UnmetQuestion[] }) {
  const { t, lang } = usePage();
  const months = [...new Set(questions.map((q) => q.month))];
  const monthName = (month: string) =>
    new Intl.DateTimeFormat(LOCALES[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
  return (
    <Layout title={t('catalogue.unmet.title')} backOffice section="unmet-questions">
      <Heading1>{t('catalogue.unmet.title')}</Heading1>
      <Paragraph>{t('catalogue.unmet.lead')}</Paragraph>
      {months.length === 0 && <Paragraph>{t('catalogue.unmet.none')}</Paragraph>}
      {months.map((month) => {
        const rows = questions.filter((q) => q.month === month);
        return (
          <section aria-labelledby={`month-${month}`}>
            <h2 class="utrecht-heading-2" id={`month-${month}`}>
              {monthName(month)}
            </h2>
            <Table
              caption={t('catalogue.unmet.caption', { month: monthName(month), count: rows.length })}
              head={[t('catalogue.unmet.question'), t('catalogue.gaps.language'), t('catalogue.unmet.count'), t('catalogue.unmet.source')]}
              rows={rows.map((q) => [<span lang={q.lang}>{q.query}</span>, LANGUAGE_NAMES[q.lang], String(q.count), t(`catalogue.unmet.from.${q.source}`)])}
            />
          </section>
        );
      })}
    </Layout>
  );
}
