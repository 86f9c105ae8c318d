// Screens of the work instructions and news (issue 17 item 7): the news page of every console user (unread
// messages marked, read and confirm buttons; for managers the publish form), and the confirmations of an
// important message (managers). Server-rendered forms, no JavaScript needed.
import { Layout } from '../platform/views/Layout.tsx';
import { usePage } from '../platform/views/context.ts';
import {
  Alert,
  CheckboxField,
  CsrfField,
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
import type { FieldError } from '../platform/http/errors.ts';
import { registerAsset } from '../platform/http/assets.ts';
import { pickText, type LocalizedText } from '../platform/i18n/languages.ts';
import { formatDateTime } from '../platform/i18n/format.ts';
import type { AnnouncementRow, ConfirmationRow } from './repository.ts';

export const SECTION = 'announcements';
const stylesheet = registerAsset({ name: 'announcements', ext: 'css', files: [new URL('./announcements.css', import.meta.url)] });
const head = <link rel="stylesheet" href={stylesheet} />;
export const NOTICES = new Set(['published', 'read', 'confirmed']);

function Audience({ unitName }: { unitName: LocalizedText | null }) {
  const { t } = usePage();
  return unitName ? (
    <>
      {t('announcements.forUnit')} <Text value={unitName} />
    </>
  ) : (
    <>{t('announcements.forEveryone')}</>
  );
}

function AnnouncementCard({ item, canPublish }: { item: AnnouncementRow; canPublish: boolean }) {
  const { t, lang } = usePage();
  const titleId = `announcement-${item.id}`;
  const unread = item.readAt === null;
  const classes = ['irisdesk-card', unread ? 'irisdesk-announcement--unread' : '', item.important ? 'irisdesk-announcement--important' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li>
      <article class={classes} aria-labelledby={titleId}>
        <h2 class="utrecht-heading-3" id={titleId}>
          {unread && <span class="irisdesk-announcement__label">{t('announcements.new')}</span>}
          {item.important && <span class="irisdesk-announcement__label">{t('announcements.importantLabel')}</span>}
          {item.title}
        </h2>
        <p class="utrecht-paragraph irisdesk-muted">
          {t(`announcements.kind.${item.kind}`)} · <Audience unitName={item.unitName} /> ·{' '}
          {t('announcements.publishedBy', { author: item.authorName ?? '—', at: formatDateTime(new Date(item.publishedAt), lang) })}
        </p>
        <p class="utrecht-paragraph irisdesk-announcement__body">{item.body}</p>
        {unread ? (
          <form method="post" action={`/${lang}/announcements/${item.id}/read`} class="utrecht-form">
            <CsrfField />
            <button type="submit" class={`utrecht-button ${item.important ? 'utrecht-button--primary-action' : 'utrecht-button--secondary-action'}`}>
              {item.important ? t('announcements.confirm') : t('announcements.markRead')}
              <span class="visually-hidden"> – {item.title}</span>
            </button>
          </form>
        ) : (
          <p class="utrecht-paragraph">
            {t(item.important ? 'announcements.confirmedAt' : 'announcements.readAt', { at: formatDateTime(new Date(item.readAt!), lang) })}
          </p>
        )}
        {canPublish && item.important && (
          <p class="utrecht-paragraph">
            <Link href={`/${lang}/announcements/${item.id}`}>
              {t('announcements.whoConfirmed')}
              <span class="visually-hidden"> – {item.title}</span>
            </Link>
          </p>
        )}
      </article>
    </li>
  );
}

export function AnnouncementsPage(props: {
  items: AnnouncementRow[];
  /** The organisation's units, when the reader may publish. */
  units?: Array<{ id: string; name: LocalizedText }> | undefined;
  notice?: string | undefined;
  values?: Record<string, string | string[] | undefined> | undefined;
  errors?: FieldError[] | undefined;
}) {
  const { t, lang } = usePage();
  const { items, units, errors } = props;
  const value = (name: string) => {
    const v = props.values?.[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const unread = items.filter((i) => i.readAt === null).length;
  return (
    <Layout title={t('announcements.title')} backOffice section={SECTION} head={head}>
      <Heading1>{t('announcements.title')}</Heading1>
      {props.notice && <Alert type="ok">{t(`announcements.notice.${props.notice}`)}</Alert>}
      <Paragraph lead>{t('announcements.intro')}</Paragraph>
      <Paragraph>{unread === 0 ? t('announcements.allRead') : t('announcements.unreadCount', { count: unread })}</Paragraph>
      {units && (
        <Paragraph>
          <a class="utrecht-link" href="#publish">
            {t('announcements.publishTitle')}
          </a>
        </Paragraph>
      )}
      {items.length === 0 ? (
        <Paragraph>{t('announcements.none')}</Paragraph>
      ) : (
        <ul class="irisdesk-announcements">
          {items.map((item) => (
            <AnnouncementCard item={item} canPublish={!!units} />
          ))}
        </ul>
      )}
      {units && (
        <section aria-labelledby="publish">
          <h2 class="utrecht-heading-2" id="publish" tabIndex={-1}>
            {t('announcements.publishTitle')}
          </h2>
          <ErrorSummary errors={errors} labelOf={(field) => t(`announcements.field.${field}`)} />
          <Form action={`/${lang}/announcements`}>
            <SelectField
              name="kind"
              label={t('announcements.field.kind')}
              value={value('kind') ?? 'instruction'}
              options={[
                { value: 'instruction', label: t('announcements.kind.instruction') },
                { value: 'news', label: t('announcements.kind.news') },
              ]}
              errors={errors}
            />
            <TextField name="title" label={t('announcements.field.title')} value={value('title')} required maxLength={200} errors={errors} />
            {/* Not `required`: Utrecht draws an empty required textarea as an error before anything is typed; the service refuses an empty message. */}
            <TextArea name="body" label={t('announcements.field.body')} value={value('body')} maxLength={5000} rows={6} errors={errors} />
            <SelectField
              name="unitId"
              label={t('announcements.field.unitId')}
              value={value('unitId') ?? ''}
              options={[{ value: '', label: t('announcements.forEveryone') }, ...units.map((u) => ({ value: u.id, label: pickText(u.name, lang).text }))]}
              errors={errors}
            />
            <CheckboxField
              name="important"
              label={t('announcements.field.important')}
              description={t('announcements.importantHint')}
              checked={value('important') === 'true'}
              errors={errors}
            />
            <SubmitButton>{t('announcements.publish')}</SubmitButton>
          </Form>
        </section>
      )}
    </Layout>
  );
}

/** An important message and who of its readers confirmed it (managers). */
export function ConfirmationsPage({ announcement, readers }: { announcement: AnnouncementRow; readers: ConfirmationRow[] }) {
  const { t, lang } = usePage();
  const confirmed = readers.filter((r) => r.readAt !== null).length;
  const title = t('announcements.confirmationsTitle', { title: announcement.title });
  return (
    <Layout title={title} backOffice section={SECTION} head={head}>
      <Paragraph>
        <Link href={`/${lang}/announcements`}>{t('announcements.back')}</Link>
      </Paragraph>
      <Heading1>{title}</Heading1>
      <Paragraph>
        {t(`announcements.kind.${announcement.kind}`)} · <Audience unitName={announcement.unitName} /> ·{' '}
        {formatDateTime(new Date(announcement.publishedAt), lang)}
      </Paragraph>
      <Paragraph>{t('announcements.confirmedCount', { confirmed, total: readers.length })}</Paragraph>
      <Table
        caption={t('announcements.confirmationsCaption')}
        head={[t('announcements.reader'), t('announcements.confirmation')]}
        rows={readers.map((r) => [r.displayName, r.readAt ? formatDateTime(new Date(r.readAt), lang) : <strong>{t('announcements.notYet')}</strong>])}
      />
    </Layout>
  );
}
