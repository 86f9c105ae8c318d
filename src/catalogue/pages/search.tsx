// The public search page: results, the guided question when close results belong to different life events,
// and the no-result page (decision 0030).
import { usePage } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/Layout.tsx';
import { Alert, Heading1, Link, Paragraph } from '../../platform/views/components.tsx';
import type { GuidedQuestion, SearchResult } from '../service.ts';
import { ContactCenter, OrganisationLine, SearchBox } from './shared.tsx';


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
