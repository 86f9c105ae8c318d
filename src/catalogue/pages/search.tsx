// The public search page: results, the guided question when close results belong to different life events,
// and the no-result page (decision 0030).
import { usePage } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/Layout.tsx';
import { Alert, Heading1, Link, Paragraph } from '../../platform/views/components.tsx';
import type { GuidedQuestion, SearchResult } from '../service.ts';
import { ContactCenter, OrganisationLine, SearchBox } from './shared.tsx';

/** The query string of a link that leaves the search: the search it came from (for "was this page useful?"). */
export function fromQuery(q: string, postalCode?: string): string {
  const params = new URLSearchParams({ from: q.slice(0, 200) });
  if (postalCode) params.set('postalCode', postalCode);
  return params.toString();
}

/**
 * The no-result page (GOV.UK pattern), under a heading that says once that nothing matched: "did you mean" (only
 * a suggestion that finds services itself), what to try, browse by life event and by theme, the contact center.
 */
function NoResult(props: { q: string; suggestion: string | null; postalCode?: string | undefined; themes: readonly Named[]; lifeEvents: readonly Named[] }) {
  const { t, lang } = usePage();
  const searchHref = (q: string) => `/${lang}/search?q=${encodeURIComponent(q)}${props.postalCode ? `&postalCode=${props.postalCode}` : ''}`;
  const from = `&${fromQuery(props.q)}`;
  return (
    <>
      {props.suggestion && (
        <p class="utrecht-paragraph irisdesk-did-you-mean">
          {t('catalogue.search.didYouMean')} <Link href={searchHref(props.suggestion)}>{props.suggestion}</Link>
        </p>
      )}
      <Paragraph>{t('catalogue.search.noResultAdvice')}</Paragraph>
      <ul class="utrecht-unordered-list">
        <li class="utrecht-unordered-list__item">{t('catalogue.search.noResultSpelling')}</li>
        <li class="utrecht-unordered-list__item">{t('catalogue.search.noResultOtherWords')}</li>
        {(props.lifeEvents.length > 0 || props.themes.length > 0) && (
          <li class="utrecht-unordered-list__item">
            <Link href="#browse-events">{t('catalogue.search.noResultBrowse')}</Link>
          </li>
        )}
        <li class="utrecht-unordered-list__item">
          <Link href="#contact-center">{t('catalogue.search.noResultAsk')}</Link>
        </li>
      </ul>
      {props.lifeEvents.length > 0 && (
        <nav aria-labelledby="browse-events">
          <h2 class="utrecht-heading-2" id="browse-events">
            {t('catalogue.search.browseLifeEvents')}
          </h2>
          <ul class="utrecht-unordered-list">
            {props.lifeEvents.map((event) => (
              <li class="utrecht-unordered-list__item">
                <Link href={`/${lang}/orientation?topic=event:${event.code}${from}`}>{event.name}</Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {props.themes.length > 0 && (
        <nav aria-labelledby="browse-themes">
          <h2 class="utrecht-heading-2" id="browse-themes">
            {t('catalogue.search.browseThemes')}
          </h2>
          <ul class="utrecht-unordered-list">
            {props.themes.map((theme) => (
              <li class="utrecht-unordered-list__item">
                <Link href={`/${lang}/orientation?topic=theme:${theme.code}${from}`}>{theme.name}</Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <ContactCenter />
    </>
  );
}

/** Close results of different life events: one question, each answer leading to its service. */
function GuidedChoice(props: { question: GuidedQuestion; q: string; postalCode?: string | undefined }) {
  const { t, lang } = usePage();
  return (
    <section class="irisdesk-card" aria-labelledby="guided-question">
      <h2 class="utrecht-heading-2" id="guided-question">
        {t('catalogue.search.guidedQuestion')}
      </h2>
      <ul class="utrecht-unordered-list">
        {props.question.options.map((option) => (
          <li class="utrecht-unordered-list__item">
            <Link href={`/${lang}/services/${option.service.code}?${fromQuery(props.q, props.postalCode)}`}>
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
  const q = props.q.slice(0, 80);
  const none = !props.empty && props.results.length === 0;
  const title = props.empty ? t('catalogue.search.title') : none ? t('catalogue.search.noResultHeading', { q }) : t('catalogue.search.resultsTitle', { q });
  return (
    <Layout title={title}>
      <Heading1>
        {props.empty ? t('catalogue.search.title') : none ? t('catalogue.search.noResultHeading', { q }) : t('catalogue.search.resultsHeading')}
      </Heading1>
      <SearchBox q={props.q} postalCode={props.postalCode} />
      {props.empty && <Paragraph>{t('catalogue.search.empty')}</Paragraph>}
      {props.truncated && <Alert type="warning">{t('catalogue.search.truncated')}</Alert>}
      {none && (
        <NoResult
          q={props.q}
          suggestion={props.suggestion ?? null}
          postalCode={props.postalCode}
          themes={props.themes ?? []}
          lifeEvents={props.lifeEvents ?? []}
        />
      )}
      {!props.empty && !none && (
        <>
          <p class="utrecht-paragraph" role="status">
            {t('catalogue.search.count', { count: props.results.length })}
          </p>
          {props.poor && (
            <Alert type="warning">
              <p class="utrecht-paragraph">{t('catalogue.search.poorResult')}</p>
            </Alert>
          )}
          {props.suggestion && (
            <Paragraph>
              {t('catalogue.search.didYouMean')}{' '}
              <Link href={`/${lang}/search?q=${encodeURIComponent(props.suggestion)}${props.postalCode ? `&postalCode=${props.postalCode}` : ''}`}>
                {props.suggestion}
              </Link>
            </Paragraph>
          )}
          {props.guidedQuestion && <GuidedChoice question={props.guidedQuestion} q={props.q} postalCode={props.postalCode} />}
          <ol class="irisdesk-results">
            {props.results.map((result) => (
              <li class="irisdesk-result">
                <h2 class="utrecht-heading-3">
                  <Link href={`/${lang}/services/${result.code}?${fromQuery(props.q, props.postalCode)}`}>{result.name}</Link>
                </h2>
                <p class="utrecht-paragraph">{result.summary}</p>
                <p class="utrecht-paragraph irisdesk-muted">
                  <OrganisationLine organisation={result.organisation} />
                </p>
              </li>
            ))}
          </ol>
          {props.poor && <ContactCenter />}
        </>
      )}
      {!props.empty && (
        <Paragraph>
          <Link href={`/${lang}/orientation`}>{t('catalogue.search.tryGuided')}</Link>
        </Paragraph>
      )}
    </Layout>
  );
}
