// The notifications list (newest first, unread ones marked in words and weight), mark as read, and the
// e-mail digest preference. Works without JavaScript (forms); the console's live.js keeps the counts live.
import { usePage } from '../platform/views/context.ts';
import { Alert, ChoiceGroup, Form, Heading1, Paragraph, SubmitButton } from '../platform/views/components.tsx';
import { Layout } from '../platform/views/Layout.tsx';
import { formatDateTime } from '../platform/i18n/format.ts';
import type { DigestChoice, NotificationRow } from './repository.ts';
import { DIGEST_CHOICES } from './repository.ts';
import { notificationPath } from './service.ts';

export function NotificationsPage(props: { items: NotificationRow[]; digest: DigestChoice; notice?: string | undefined }) {
  const { t, lang } = usePage();
  const unread = props.items.filter((n) => !n.readAt).length;
  return (
    <Layout title={t('notifications.title')} backOffice section="notifications">
      <Heading1>{t('notifications.title')}</Heading1>
      {props.notice && <Alert type="ok">{t(`notifications.notice.${props.notice}`)}</Alert>}
      <Paragraph>{t('notifications.unreadCount', { count: unread })}</Paragraph>
      {props.items.length === 0 ? (
        <Paragraph>{t('notifications.empty')}</Paragraph>
      ) : (
        <>
          {unread > 0 && (
            <Form action={`/${lang}/notifications/read`}>
              <SubmitButton variant="secondary">{t('notifications.markAllRead')}</SubmitButton>
            </Form>
          )}
          <ul class="utrecht-unordered-list irisdesk-notifications" id="notifications-list">
            {props.items.map((n) => (
              <li class={`utrecht-unordered-list__item${n.readAt ? '' : ' irisdesk-notification--unread'}`}>
                {!n.readAt && <strong>{t('notifications.new')} </strong>}
                <a class="utrecht-link" href={notificationPath(lang, n)}>
                  {t(`notifications.kind.${n.kind}`, { by: n.byName ?? '', reference: n.reference ?? '' })}
                </a>{' '}
                · <time dateTime={new Date(n.createdAt).toISOString()}>{formatDateTime(new Date(n.createdAt), lang)}</time>
                {!n.readAt && (
                  <Form action={`/${lang}/notifications/read`} class="irisdesk-inline-form">
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" class="utrecht-button utrecht-button--subtle">
                      {t('notifications.markRead')}
                      <span class="visually-hidden"> – {t(`notifications.kind.${n.kind}`, { by: n.byName ?? '', reference: n.reference ?? '' })}</span>
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2 class="utrecht-heading-2">{t('notifications.digest.title')}</h2>
      <Form action={`/${lang}/notifications/preferences`}>
        <ChoiceGroup
          type="radio"
          name="digest"
          legend={t('notifications.digest.legend')}
          hint={t('notifications.digest.hint')}
          options={DIGEST_CHOICES.map((choice) => ({ value: choice, label: t(`notifications.digest.${choice}`) }))}
          checked={props.digest}
        />
        <SubmitButton>{t('notifications.digest.save')}</SubmitButton>
      </Form>
    </Layout>
  );
}
