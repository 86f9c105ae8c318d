// Screens of the knowledge base: the public help pages, the back-office search and article view with its
// version history and flag form, the edit form (three languages at once), the flags list, and the reusable
// knowledge panel other screens (the contact-center request view) embed.
import type { ComponentChildren } from 'preact';
import { Layout } from '../platform/views/Layout.tsx';
import { usePage } from '../platform/views/context.ts';
import {
  Alert,
  DateField,
  ErrorSummary,
  Form,
  Heading1,
  Link,
  Paragraph,
  SelectField,
  SubmitButton,
  Table,
  Text,
  TextArea,
  TextField,
} from '../platform/views/components.tsx';
import { LANGUAGES, LANGUAGE_NAMES, pickText, type Language, type LocalizedText } from '../platform/i18n/languages.ts';
import { formatDate, formatDateTime } from '../platform/i18n/format.ts';
import type { FieldError } from '../platform/http/errors.ts';
import type { ArticleRecord, FlagRecord, VersionRecord } from './repository.ts';
import { FLAG_KINDS, VISIBILITIES } from './repository.ts';
import type { ArticleHit } from './service.ts';
import { bodyBlocks } from './text.ts';

const SECTION = 'knowledge';
type FormValues = Record<string, string | string[] | undefined>;

/** The label of a field of the knowledge forms (for the error summary and the API-like dotted names). */
function useFieldLabel() {
  const { t } = usePage();
  return (field: string) => {
    const [name, lang] = field.split('.');
    if ((name === 'title' || name === 'body') && lang) return `${t(`knowledge.field.${name}`)} (${LANGUAGE_NAMES[lang as Language] ?? lang})`;
    return t(`knowledge.field.${name}`);
  };
}

/** An article body in the page language, or visibly in another one (marked with its lang and a note). */
export function ArticleBody({ body }: { body: LocalizedText }) {
  const { lang, t } = usePage();
  const picked = pickText(body, lang);
  const blocks = bodyBlocks(picked.text);
  return (
    <div lang={picked.lang === lang ? undefined : picked.lang} class="irisdesk-article-body">
      {picked.lang !== lang && (
        <p class="utrecht-paragraph" lang={lang}>
          <em>{t('knowledge.fallbackNotice', { language: LANGUAGE_NAMES[picked.lang] })}</em>
        </p>
      )}
      {blocks.map((block) =>
        block.kind === 'paragraph' ? (
          <p class="utrecht-paragraph">{block.text}</p>
        ) : (
          <ul class="utrecht-unordered-list">
            {block.items.map((item) => (
              <li class="utrecht-unordered-list__item">{item}</li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}

function VisibilityBadge({ visibility }: { visibility: 'internal' | 'public' }) {
  const { t } = usePage();
  return <span class={`irisdesk-badge irisdesk-badge--${visibility}`}>{t(`knowledge.visibility.${visibility}`)}</span>;
}

/** A list of search results (also the fragment the knowledge panel fetches). */
export function ArticleResults({ results, headingLevel = 3, showVisibility }: { results: ArticleHit[]; headingLevel?: 2 | 3; showVisibility?: boolean }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ol class="irisdesk-results">
      {results.map((hit) => (
        <li class="irisdesk-result">
          <Heading class={`utrecht-heading-${headingLevel}`}>
            <a class="utrecht-link" href={hit.url} lang={hit.titleLang}>
              {hit.title}
            </a>
          </Heading>
          {showVisibility && <VisibilityBadge visibility={hit.visibility} />}
          <p class="utrecht-paragraph" lang={hit.snippetLang}>
            {hit.snippet}
          </p>
          <p class="utrecht-paragraph irisdesk-muted">{hit.organisation.name}</p>
        </li>
      ))}
    </ol>
  );
}

/** What a panel or page says about its results: how many, or that nothing matched. */
function ResultsSummary({ q, count }: { q: string; count: number }) {
  const { t } = usePage();
  return (
    <p class="utrecht-paragraph" role="status">
      {q.trim() ? t('knowledge.search.count', { count, q }) : t('knowledge.search.listed', { count })}
    </p>
  );
}

/** The results part of the knowledge panel: returned alone by the panel endpoint for the enhancement script. */
export function KnowledgePanelResults({ q, results }: { q: string; results: ArticleHit[] }) {
  if (!q.trim() && results.length === 0) return null; // nothing asked yet
  return (
    <>
      <ResultsSummary q={q} count={results.length} />
      <ArticleResults results={results} showVisibility />
    </>
  );
}

/**
 * A knowledge panel to embed in another back-office screen (the contact-center request view): a GET form
 * that reloads the host page with `kq` (and `kservice`) without JavaScript; with JavaScript, enhance.js fetches
 * only the results from /{lang}/admin/knowledge/panel and replaces them in place, so the agent never leaves the
 * request. The host page reads `kq`/`kservice` from its query and passes `services.knowledge.search(actor, …)`
 * results here.
 */
export function KnowledgePanel(props: {
  /** The host page's own path (the form reloads it). */
  action: string;
  q: string;
  results: ArticleHit[];
  /** Restrict to articles linked to this catalogue service. */
  service?: string | undefined;
  /** Other query parameters the host page needs to keep (e.g. its tab). */
  hidden?: Record<string, string>;
  headingLevel?: 2 | 3;
}) {
  const { t, lang } = usePage();
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <section class="irisdesk-knowledge-panel" aria-labelledby="knowledge-panel-title">
      <Heading class={`utrecht-heading-${props.headingLevel ?? 2}`} id="knowledge-panel-title">
        {t('knowledge.panel.title')}
      </Heading>
      <form
        method="get"
        action={props.action}
        class="utrecht-form"
        role="search"
        aria-label={t('knowledge.panel.title')}
        data-knowledge-panel={`/${lang}/admin/knowledge/panel`}
        data-knowledge-target="knowledge-panel-results"
      >
        {Object.entries(props.hidden ?? {}).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        {props.service && <input type="hidden" name="kservice" value={props.service} />}
        <TextField name="kq" type="search" label={t('knowledge.panel.label')} value={props.q} maxLength={500} />
        <SubmitButton variant="secondary">{t('knowledge.search.submit')}</SubmitButton>
      </form>
      <div id="knowledge-panel-results" aria-live="polite">
        <KnowledgePanelResults q={props.q} results={props.results} />
      </div>
    </section>
  );
}

function choiceOptions(choices: Choice[], lang: Language) {
  return choices.map((choice) => {
    const name = pickText(choice.name, lang);
    return { value: choice.code, label: name.text, ...(name.lang === lang ? {} : { lang: name.lang }) };
  });
}

function SearchForm({ action, q, label, children }: { action: string; q: string; label: string; children?: ComponentChildren }) {
  const { t } = usePage();
  return (
    <form method="get" action={action} class="utrecht-form" role="search" aria-label={label}>
      <TextField name="q" type="search" label={label} value={q} maxLength={500} />
      {children}
      <SubmitButton>{t('knowledge.search.submit')}</SubmitButton>
    </form>
  );
}

// ---- public pages

export function HelpIndexPage({ q, results }: { q: string; results: ArticleHit[] }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('knowledge.help.title')}>
      <Heading1>{t('knowledge.help.title')}</Heading1>
      <Paragraph lead>{t('knowledge.help.lead')}</Paragraph>
      <SearchForm action={`/${lang}/help`} q={q} label={t('knowledge.help.searchLabel')} />
      <section aria-labelledby="help-results">
        <h2 class="utrecht-heading-2" id="help-results">
          {t('knowledge.search.results')}
        </h2>
        <ResultsSummary q={q} count={results.length} />
        <ArticleResults results={results} />
      </section>
    </Layout>
  );
}

function ArticleFacts({
  published,
  services,
  publicLinks,
}: {
  published: VersionRecord;
  services: Array<{ code: string; name: LocalizedText; published: boolean }>;
  publicLinks: boolean;
}) {
  const { t, lang } = usePage();
  const linked = services.filter((s) => s.published || !publicLinks);
  return (
    <dl class="irisdesk-facts">
      <div>
        <dt>{t('knowledge.field.version')}</dt>
        <dd>{t('knowledge.versionOf', { version: published.version, date: formatDate(new Date(published.publishedAt), lang) })}</dd>
      </div>
      {linked.length > 0 && (
        <div>
          <dt>{t('knowledge.field.services')}</dt>
          <dd>
            {linked.map((service, index) => (
              <>
                {index > 0 && ', '}
                <Link href={`/${lang}/services/${service.code}`}>
                  <Text value={service.name} />
                </Link>
              </>
            ))}
          </dd>
        </div>
      )}
      {published.reviewOn && (
        <div>
          <dt>{t('knowledge.field.reviewOn')}</dt>
          <dd>{formatDate(new Date(`${published.reviewOn}T12:00:00Z`), lang)}</dd>
        </div>
      )}
    </dl>
  );
}

function VersionHistory({ versions, articleBase, staff }: { versions: VersionRecord[]; articleBase: string; staff: boolean }) {
  const { t, lang } = usePage();
  return (
    <section aria-labelledby="history">
      <h2 class="utrecht-heading-2" id="history">
        {t('knowledge.history.title')}
      </h2>
      <Table
        caption={t('knowledge.history.caption', { count: versions.length })}
        head={[
          t('knowledge.field.version'),
          t('knowledge.history.publishedAt'),
          ...(staff ? [t('knowledge.history.publishedBy')] : []),
          t('knowledge.field.note'),
        ]}
        rows={versions.map((v) => [
          <Link href={`${articleBase}/versions/${v.version}`}>{t('knowledge.history.versionLink', { version: v.version })}</Link>,
          formatDateTime(new Date(v.publishedAt), lang),
          ...(staff ? [v.publishedByName ?? '–'] : []),
          v.note ?? '–',
        ])}
      />
    </section>
  );
}

export function HelpArticlePage({
  article,
  published,
  versions,
  services,
}: {
  article: ArticleRecord;
  published: VersionRecord;
  versions: VersionRecord[];
  services: Array<{ code: string; name: LocalizedText; published: boolean }>;
}) {
  const { t, lang } = usePage();
  const title = pickText(published.title, lang);
  return (
    <Layout title={title.text} description={pickText(published.body, lang).text.slice(0, 160)}>
      <p class="utrecht-paragraph">
        <Link href={`/${lang}/help`}>{t('knowledge.help.back')}</Link>
      </p>
      <Heading1>
        <Text value={published.title} />
      </Heading1>
      <p class="utrecht-paragraph irisdesk-muted">{t('knowledge.writtenBy', { organisation: pickText(article.owner.name, lang).text })}</p>
      <ArticleBody body={published.body} />
      <ArticleFacts published={published} services={services} publicLinks />
      <VersionHistory versions={versions} articleBase={`/${lang}/help/${article.slug}`} staff={false} />
    </Layout>
  );
}

export function VersionPage({ article, version, staff }: { article: ArticleRecord; version: VersionRecord; staff: boolean }) {
  const { t, lang } = usePage();
  const base = staff ? `/${lang}/admin/knowledge/articles/${article.slug}` : `/${lang}/help/${article.slug}`;
  return (
    <Layout
      title={t('knowledge.history.versionTitle', { version: version.version, title: pickText(version.title, lang).text })}
      backOffice={staff}
      section={SECTION}
    >
      <p class="utrecht-paragraph">
        <Link href={base}>{t('knowledge.history.backToCurrent')}</Link>
      </p>
      <Heading1>{t('knowledge.history.versionTitle', { version: version.version, title: pickText(version.title, lang).text })}</Heading1>
      <Alert>
        {t('knowledge.history.versionNotice', { date: formatDateTime(new Date(version.publishedAt), lang) })}
        {staff && version.publishedByName ? ` ${t('knowledge.history.by', { name: version.publishedByName })}` : ''}
      </Alert>
      {staff && <VisibilityBadge visibility={version.visibility} />}
      <ArticleBody body={version.body} />
    </Layout>
  );
}

// ---- back office

interface Choice {
  code: string;
  name: LocalizedText;
}

export function KnowledgeAdminPage(props: {
  q: string;
  results: ArticleHit[];
  own: ArticleRecord[] | null;
  openFlags: number | null;
  filters: { service?: string | undefined; organisation?: string | undefined };
  serviceChoices: Choice[];
  ownerChoices: Choice[];
}) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('knowledge.admin.title')} backOffice section={SECTION}>
      <Heading1>{t('knowledge.admin.title')}</Heading1>
      <Paragraph lead>{t('knowledge.admin.lead')}</Paragraph>
      {props.own && (
        <ul class="irisdesk-inline-list">
          <li>
            <Link href={`/${lang}/admin/knowledge/new`}>{t('knowledge.admin.new')}</Link>
          </li>
          <li>
            <Link href={`/${lang}/admin/knowledge/flags`}>{t('knowledge.admin.flagsLink', { count: props.openFlags ?? 0 })}</Link>
          </li>
        </ul>
      )}
      <SearchForm action={`/${lang}/admin/knowledge`} q={props.q} label={t('knowledge.admin.searchLabel')}>
        <SelectField
          name="service"
          label={t('knowledge.filter.service')}
          value={props.filters.service ?? ''}
          options={[{ value: '', label: t('knowledge.filter.all') }, ...choiceOptions(props.serviceChoices, lang)]}
        />
        <SelectField
          name="organisation"
          label={t('knowledge.filter.organisation')}
          value={props.filters.organisation ?? ''}
          options={[{ value: '', label: t('knowledge.filter.all') }, ...choiceOptions(props.ownerChoices, lang)]}
        />
      </SearchForm>
      <section aria-labelledby="kb-results">
        <h2 class="utrecht-heading-2" id="kb-results">
          {t('knowledge.search.results')}
        </h2>
        <ResultsSummary q={props.q} count={props.results.length} />
        <ArticleResults results={props.results} showVisibility />
      </section>
      {props.own && (
        <section aria-labelledby="kb-own">
          <h2 class="utrecht-heading-2" id="kb-own">
            {t('knowledge.admin.ownTitle')}
          </h2>
          <Table
            caption={t('knowledge.admin.ownCaption', { count: props.own.length })}
            head={[
              t('knowledge.field.title'),
              t('knowledge.field.status'),
              t('knowledge.field.visibility'),
              t('knowledge.field.reviewOn'),
              t('knowledge.admin.flags'),
            ]}
            rows={props.own.map((a) => [
              <Link href={`/${lang}/admin/knowledge/articles/${a.slug}/edit`}>
                <Text value={a.title} />
              </Link>,
              `${t(`knowledge.status.${a.status}`)}${a.status !== 'draft' && a.unpublishedChanges ? ` – ${t('knowledge.admin.unpublishedChanges')}` : ''}`,
              t(`knowledge.visibility.${a.visibility}`),
              a.reviewOn ? (
                <>
                  {formatDate(new Date(`${a.reviewOn}T12:00:00Z`), lang)}
                  {a.reviewOn < new Date().toISOString().slice(0, 10) && <strong> ({t('knowledge.admin.reviewDue')})</strong>}
                </>
              ) : (
                '–'
              ),
              String(a.openFlags),
            ])}
          />
        </section>
      )}
    </Layout>
  );
}

export function ArticleStaffPage(props: {
  article: ArticleRecord;
  published: VersionRecord;
  versions: VersionRecord[];
  services: Array<{ code: string; name: LocalizedText; published: boolean }>;
  canEdit: boolean;
  openFlags: FlagRecord[];
  errors?: FieldError[] | undefined;
  values?: FormValues | undefined;
  flagged?: boolean;
  /** The knowledge panel's query and results (kq), to look up another article without leaving this one. */
  panel?: { q: string; results: ArticleHit[] };
}) {
  const { t, lang } = usePage();
  const { article, published } = props;
  const base = `/${lang}/admin/knowledge/articles/${article.slug}`;
  const label = useFieldLabel();
  const value = (name: string) => (typeof props.values?.[name] === 'string' ? props.values[name] : '');
  return (
    <Layout title={pickText(published.title, lang).text} backOffice section={SECTION}>
      <ErrorSummary errors={props.errors} labelOf={label} />
      <p class="utrecht-paragraph">
        <Link href={`/${lang}/admin/knowledge`}>{t('knowledge.admin.back')}</Link>
      </p>
      <Heading1>
        <Text value={published.title} />
      </Heading1>
      <p class="utrecht-paragraph">
        <VisibilityBadge visibility={published.visibility} /> {t('knowledge.writtenBy', { organisation: pickText(article.owner.name, lang).text })}
      </p>
      {props.flagged && <Alert type="ok">{t('knowledge.flag.thanks')}</Alert>}
      {props.canEdit && (
        <ul class="irisdesk-inline-list">
          <li>
            <Link href={`${base}/edit`}>{t('knowledge.edit.link')}</Link>
          </li>
          {published.visibility === 'public' && (
            <li>
              <Link href={`/${lang}/help/${article.slug}`}>{t('knowledge.edit.publicLink')}</Link>
            </li>
          )}
        </ul>
      )}
      {props.canEdit && props.openFlags.length > 0 && (
        <Alert type="warning">
          {t('knowledge.flag.openOnArticle', { count: props.openFlags.length })}{' '}
          <Link href={`/${lang}/admin/knowledge/flags`}>{t('knowledge.flags.title')}</Link>
        </Alert>
      )}
      <ArticleBody body={published.body} />
      <ArticleFacts published={published} services={props.services} publicLinks={false} />
      <section aria-labelledby="flag-title">
        <h2 class="utrecht-heading-2" id="flag-title">
          {t('knowledge.flag.title')}
        </h2>
        <Paragraph>{t('knowledge.flag.lead')}</Paragraph>
        <Form action={`${base}/flags`}>
          <SelectField
            name="kind"
            label={t('knowledge.field.kind')}
            value={value('kind') || 'outdated'}
            options={FLAG_KINDS.map((kind) => ({ value: kind, label: t(`knowledge.flagKind.${kind}`) }))}
            errors={props.errors}
          />
          <TextArea
            name="comment"
            label={t('knowledge.field.comment')}
            description={t('knowledge.flag.commentHint')}
            value={value('comment')}
            maxLength={2000}
            rows={3}
            errors={props.errors}
          />
          <SubmitButton variant="secondary">{t('knowledge.flag.submit')}</SubmitButton>
        </Form>
      </section>
      <VersionHistory versions={props.versions} articleBase={base} staff />
      <KnowledgePanel action={base} q={props.panel?.q ?? ''} results={props.panel?.results ?? []} />
    </Layout>
  );
}

/** Create (no article) or edit the working copy, the three languages at once. */
export function ArticleEditPage(props: {
  article?: ArticleRecord | undefined;
  versions?: VersionRecord[];
  serviceChoices: Array<{ code: string; name: LocalizedText }>;
  organisations?: Array<{ code: string; name: LocalizedText }>;
  errors?: FieldError[] | undefined;
  values?: FormValues | undefined;
  notice?: 'saved' | 'published' | 'created' | undefined;
}) {
  const { t, lang } = usePage();
  const a = props.article;
  const label = useFieldLabel();
  const v = (name: string, fallback: string) => {
    const raw = props.values?.[name];
    return typeof raw === 'string' ? raw : fallback;
  };
  const selectedServices = props.values
    ? Array.isArray(props.values.services)
      ? props.values.services
      : typeof props.values.services === 'string'
        ? [props.values.services]
        : []
    : (a?.serviceCodes ?? []);
  const title = a ? t('knowledge.edit.title', { title: pickText(a.title, lang).text }) : t('knowledge.edit.newTitle');
  const action = a ? `/${lang}/admin/knowledge/articles/${a.slug}/edit` : `/${lang}/admin/knowledge/new`;
  return (
    <Layout title={title} backOffice section={SECTION}>
      <ErrorSummary errors={props.errors} labelOf={label} />
      <p class="utrecht-paragraph">
        <Link href={`/${lang}/admin/knowledge`}>{t('knowledge.admin.back')}</Link>
      </p>
      <Heading1>{title}</Heading1>
      {props.notice && <Alert type="ok">{t(`knowledge.edit.${props.notice}`)}</Alert>}
      {a && (
        <Paragraph>
          {t('knowledge.field.status')}: {t(`knowledge.status.${a.status}`)}
          {a.status !== 'draft' && a.unpublishedChanges && ` – ${t('knowledge.admin.unpublishedChanges')}`}
          {a.status === 'published' && (
            <>
              {' · '}
              <Link href={`/${lang}/admin/knowledge/articles/${a.slug}`}>{t('knowledge.edit.viewPublished')}</Link>
            </>
          )}
        </Paragraph>
      )}
      <Paragraph>{t('knowledge.edit.bodyHint')}</Paragraph>
      <Form action={action}>
        {a && <input type="hidden" name="revision" value={String(a.revision)} />}
        {!a && props.organisations && props.organisations.length > 1 && (
          <SelectField
            name="organisation"
            label={t('knowledge.field.organisation')}
            value={v('organisation', '')}
            options={props.organisations.map((o) => ({ value: o.code, label: pickText(o.name, lang).text }))}
            errors={props.errors}
          />
        )}
        {!a && (
          <TextField
            name="slug"
            label={t('knowledge.field.slug')}
            description={t('knowledge.edit.slugHint')}
            value={v('slug', '')}
            maxLength={80}
            errors={props.errors}
          />
        )}
        <SelectField
          name="visibility"
          label={t('knowledge.field.visibility')}
          value={v('visibility', a?.visibility ?? 'internal')}
          options={VISIBILITIES.map((vis) => ({ value: vis, label: t(`knowledge.visibility.${vis}`) }))}
          errors={props.errors}
        />
        {LANGUAGES.map((l) => (
          <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{LANGUAGE_NAMES[l]}</legend>
            <TextField name={`title.${l}`} label={label(`title.${l}`)} value={v(`title.${l}`, a?.title[l] ?? '')} maxLength={200} errors={props.errors} />
            <TextArea
              name={`body.${l}`}
              label={label(`body.${l}`)}
              value={v(`body.${l}`, a?.body[l] ?? '')}
              maxLength={20000}
              rows={10}
              errors={props.errors}
            />
          </fieldset>
        ))}
        <SelectField
          name="services"
          multiple
          size={8}
          label={t('knowledge.field.services')}
          description={t('knowledge.edit.servicesHint')}
          value={selectedServices}
          options={props.serviceChoices.map((s) => {
            const name = pickText(s.name, lang);
            return { value: s.code, label: name.text, lang: name.lang === lang ? undefined : name.lang };
          })}
          errors={props.errors}
        />
        <DateField name="reviewOn" label={t('knowledge.field.reviewOn')} value={v('reviewOn', a?.reviewOn ?? '')} errors={props.errors} />
        <TextField
          name="note"
          label={t('knowledge.field.note')}
          description={t('knowledge.edit.noteHint')}
          value={v('note', '')}
          maxLength={500}
          errors={props.errors}
        />
        <div class="irisdesk-inline-list">
          <button type="submit" name="action" value="save" class="utrecht-button utrecht-button--secondary-action">
            {t('knowledge.edit.saveDraft')}
          </button>
          <button type="submit" name="action" value="publish" class="utrecht-button utrecht-button--primary-action">
            {t('knowledge.edit.publish')}
          </button>
        </div>
      </Form>
      {a && props.versions && props.versions.length > 0 && (
        <VersionHistory versions={props.versions} articleBase={`/${lang}/admin/knowledge/articles/${a.slug}`} staff />
      )}
    </Layout>
  );
}

export function FlagsPage({ flags, errors, resolved }: { flags: FlagRecord[]; errors?: FieldError[] | undefined; resolved?: boolean }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('knowledge.flags.title')} backOffice section={SECTION}>
      <ErrorSummary errors={errors} labelOf={useFieldLabel()} />
      <p class="utrecht-paragraph">
        <Link href={`/${lang}/admin/knowledge`}>{t('knowledge.admin.back')}</Link>
      </p>
      <Heading1>{t('knowledge.flags.title')}</Heading1>
      <Paragraph>{t('knowledge.flags.lead')}</Paragraph>
      {resolved && <Alert type="ok">{t('knowledge.flags.resolved')}</Alert>}
      {flags.length === 0 ? (
        <Paragraph>{t('knowledge.flags.none')}</Paragraph>
      ) : (
        <ul class="irisdesk-card-grid">
          {flags.map((flag) => (
            <li class="irisdesk-card">
              <h2 class="utrecht-heading-3">
                <Link href={`/${lang}/admin/knowledge/articles/${flag.articleSlug}`}>
                  <Text value={flag.articleTitle} />
                </Link>
              </h2>
              <p class="utrecht-paragraph">
                <strong>{t(`knowledge.flagKind.${flag.kind}`)}</strong> ·{' '}
                {t('knowledge.flags.raised', {
                  name: flag.flaggedByName ?? '–',
                  organisation: flag.flaggedByOrganisation ? pickText(flag.flaggedByOrganisation, lang).text : '–',
                  date: formatDateTime(new Date(flag.flaggedAt), lang),
                  version: flag.articleVersion,
                })}
              </p>
              <blockquote class="utrecht-blockquote">
                <p class="utrecht-paragraph">{flag.comment}</p>
              </blockquote>
              <Form action={`/${lang}/admin/knowledge/flags/${flag.id}/resolve`}>
                <TextField name="note" idSuffix={flag.id} label={t('knowledge.field.resolutionNote')} maxLength={1000} />
                <SubmitButton variant="secondary">{t('knowledge.flags.resolve')}</SubmitButton>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** Public articles linked to a catalogue service, for the service page (nothing when there are none). */
export function RelatedArticles({ articles }: { articles: ArticleHit[] }): ComponentChildren {
  const { t } = usePage();
  if (articles.length === 0) return null;
  return (
    <section aria-labelledby="related-articles">
      <h2 class="utrecht-heading-2" id="related-articles">
        {t('knowledge.related.title')}
      </h2>
      <ul class="utrecht-unordered-list">
        {articles.map((hit) => (
          <li class="utrecht-unordered-list__item">
            <a class="utrecht-link" href={hit.url} lang={hit.titleLang}>
              {hit.title}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
