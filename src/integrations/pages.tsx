// The back-office screens of the integrations: API tokens and webhook subscriptions of the manager's
// organisation (/{lang}/admin/integrations), and a subscription's delivery log with replay.
import type { FieldError } from '../platform/http/errors.ts';
import { formatDateTime } from '../platform/i18n/format.ts';
import { Layout } from '../platform/views/Layout.tsx';
import { usePage } from '../platform/views/context.ts';
import {
  Alert,
  CheckboxField,
  CheckboxGroup,
  ErrorSummary,
  Form,
  Heading1,
  Link,
  Paragraph,
  SelectField,
  SubmitButton,
  Table,
  TextField,
} from '../platform/views/components.tsx';
import { WEBHOOK_EVENTS } from './events.ts';
import { TOKEN_SCOPES } from './scopes.ts';
import type { DeliveryRow, SubscriptionRow, TokenRow } from './repository.ts';

const SECTION = 'integrations';
export const EXPIRY_CHOICES = ['30', '90', '180', '365'] as const;
const NOTICES = new Set(['tokenRevoked', 'webhookDeleted', 'replayed']);
export const knownNotice = (value: string | undefined) => (value && NOTICES.has(value) ? value : undefined);

/** A secret just created, shown on this page only. */
export interface Shown {
  kind: 'token' | 'webhook';
  name: string;
  secret: string;
}

type Values = Record<string, unknown>;
const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function IntegrationsPage(props: {
  tokens: TokenRow[];
  subscriptions: SubscriptionRow[];
  shown?: Shown | undefined;
  errors: { token?: FieldError[] | undefined; webhook?: FieldError[] | undefined };
  values: Values;
  notice?: string | undefined;
}) {
  const { t, lang } = usePage();
  const base = `/${lang}/admin/integrations`;
  const title = t('integrations.title');
  const when = (date: Date | null) => (date ? formatDateTime(new Date(date), lang) : t('integrations.never'));
  const tokenLabel = (field: string) => t(`integrations.token.field.${field}`);
  const webhookLabel = (field: string) => t(`integrations.webhook.field.${field}`);
  const values = props.values;
  return (
    <Layout title={title} backOffice section={SECTION}>
      <Heading1>{title}</Heading1>
      {props.notice && <Alert type="ok">{t(`integrations.notice.${props.notice}`)}</Alert>}
      {props.shown && (
        <Alert type="ok">
          <Paragraph>{t(`integrations.shown.${props.shown.kind}`, { name: props.shown.name })}</Paragraph>
          <Paragraph>
            <code>{props.shown.secret}</code>
          </Paragraph>
          <Paragraph>{t('integrations.shown.once')}</Paragraph>
        </Alert>
      )}
      <Paragraph>{t('integrations.intro')}</Paragraph>

      <section aria-labelledby="integrations-tokens-title">
        <h2 class="utrecht-heading-2" id="integrations-tokens-title">
          {t('integrations.tokens.title')}
        </h2>
        <Paragraph>{t('integrations.tokens.intro')}</Paragraph>
        {props.tokens.length === 0 ? (
          <Paragraph>{t('integrations.tokens.none')}</Paragraph>
        ) : (
          <Table
            caption={t('integrations.tokens.caption')}
            head={[
              t('integrations.token.field.name'),
              t('integrations.token.field.scopes'),
              t('integrations.tokens.expires'),
              t('integrations.tokens.lastUsed'),
              t('integrations.actions'),
            ]}
            rows={props.tokens.map((token) => [
              <>
                {token.name} <code>{token.tokenHint}</code>
                <br />
                {t('integrations.tokens.createdBy', { name: token.createdByName, at: formatDateTime(new Date(token.createdAt), lang) })}
              </>,
              token.scopes.join(', '),
              token.revokedAt ? t('integrations.tokens.revokedAt', { at: when(token.revokedAt) }) : when(token.expiresAt),
              when(token.lastUsedAt),
              token.revokedAt || new Date(token.expiresAt).getTime() < Date.now() ? (
                ''
              ) : (
                <Form action={`${base}/tokens/${token.id}/revoke`}>
                  <SubmitButton variant="secondary">
                    {t('integrations.tokens.revoke')}
                    <span class="visually-hidden"> {token.name}</span>
                  </SubmitButton>
                </Form>
              ),
            ])}
          />
        )}
        <h3 class="utrecht-heading-3">{t('integrations.tokens.new')}</h3>
        <ErrorSummary errors={props.errors.token} labelOf={tokenLabel} />
        <Form action={`${base}/tokens`}>
          <TextField
            name="name"
            label={tokenLabel('name')}
            description={t('integrations.token.nameHint')}
            value={text(values.name)}
            required
            maxLength={100}
            errors={props.errors.token}
          />
          <CheckboxGroup
            name="scopes"
            legend={tokenLabel('scopes')}
            hint={t('integrations.token.scopesHint')}
            options={TOKEN_SCOPES.map((scope) => ({ value: scope, label: <code>{scope}</code>, hint: t(`integrations.scope.${scope}`) }))}
            checked={list(values.scopes)}
            errors={props.errors.token}
          />
          <SelectField
            name="expiresInDays"
            label={tokenLabel('expiresInDays')}
            value={text(values.expiresInDays) ?? '90'}
            options={EXPIRY_CHOICES.map((days) => ({ value: days, label: t('integrations.token.days', { days: Number(days) }) }))}
            errors={props.errors.token}
          />
          <SubmitButton>{t('integrations.tokens.create')}</SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="integrations-webhooks-title">
        <h2 class="utrecht-heading-2" id="integrations-webhooks-title">
          {t('integrations.webhooks.title')}
        </h2>
        <Paragraph>{t('integrations.webhooks.intro')}</Paragraph>
        {props.subscriptions.length === 0 ? (
          <Paragraph>{t('integrations.webhooks.none')}</Paragraph>
        ) : (
          <Table
            caption={t('integrations.webhooks.caption')}
            head={[webhookLabel('url'), webhookLabel('events'), t('integrations.webhooks.lastDelivery'), t('integrations.actions')]}
            rows={props.subscriptions.map((subscription) => [
              <code>{subscription.url}</code>,
              <>
                {subscription.events.join(', ')}
                {subscription.scopes.includes('personal-data') && (
                  <>
                    <br />
                    {t('integrations.webhooks.withPersonalData')}
                  </>
                )}
              </>,
              subscription.lastStatus
                ? `${t(`integrations.delivery.status.${subscription.lastStatus}`)} (${when(subscription.lastAttemptAt)})`
                : t('integrations.never'),
              <>
                <Link href={`${base}/webhooks/${subscription.id}`}>
                  {t('integrations.webhooks.log')}
                  <span class="visually-hidden"> {subscription.url}</span>
                </Link>
                <Form action={`${base}/webhooks/${subscription.id}/delete`}>
                  <SubmitButton variant="secondary">
                    {t('integrations.webhooks.delete')}
                    <span class="visually-hidden"> {subscription.url}</span>
                  </SubmitButton>
                </Form>
              </>,
            ])}
          />
        )}
        <h3 class="utrecht-heading-3">{t('integrations.webhooks.new')}</h3>
        <ErrorSummary errors={props.errors.webhook} labelOf={webhookLabel} />
        <Form action={`${base}/webhooks`}>
          <TextField
            name="url"
            type="url"
            label={webhookLabel('url')}
            description={t('integrations.webhook.urlHint')}
            value={text(values.url)}
            required
            maxLength={2000}
            errors={props.errors.webhook}
          />
          <CheckboxGroup
            name="events"
            legend={webhookLabel('events')}
            options={WEBHOOK_EVENTS.map((event) => ({ value: event, label: <code>{event}</code>, hint: t(`integrations.event.${event}`) }))}
            checked={list(values.events)}
            errors={props.errors.webhook}
          />
          <CheckboxField
            name="personalData"
            label={webhookLabel('personalData')}
            description={t('integrations.webhook.personalDataHint')}
            checked={values.personalData === 'true'}
            errors={props.errors.webhook}
          />
          <SubmitButton>{t('integrations.webhooks.create')}</SubmitButton>
        </Form>
        <Paragraph>{t('integrations.webhooks.signing')}</Paragraph>
      </section>
    </Layout>
  );
}

export function DeliveriesPage(props: { subscription: SubscriptionRow; deliveries: DeliveryRow[]; notice?: string | undefined }) {
  const { t, lang } = usePage();
  const base = `/${lang}/admin/integrations`;
  const title = t('integrations.log.title');
  const { subscription } = props;
  return (
    <Layout title={title} backOffice section={SECTION}>
      <Paragraph>
        <Link href={base}>{t('integrations.log.back')}</Link>
      </Paragraph>
      <Heading1>{title}</Heading1>
      {props.notice && <Alert type="ok">{t(`integrations.notice.${props.notice}`)}</Alert>}
      <Paragraph>
        {t('integrations.log.intro')} <code>{subscription.url}</code>
      </Paragraph>
      {!subscription.active && <Alert type="info">{t('integrations.log.ended')}</Alert>}
      {props.deliveries.length === 0 ? (
        <Paragraph>{t('integrations.log.none')}</Paragraph>
      ) : (
        <Table
          caption={t('integrations.log.caption')}
          head={[
            t('integrations.log.event'),
            t('integrations.log.status'),
            t('integrations.log.response'),
            t('integrations.log.duration'),
            t('integrations.log.attempts'),
            t('integrations.actions'),
          ]}
          rows={props.deliveries.map((delivery) => [
            <>
              <code>{delivery.eventType}</code>
              <br />
              {formatDateTime(new Date(delivery.createdAt), lang)}
              {delivery.replayOf && (
                <>
                  <br />
                  {t('integrations.log.replay')}
                </>
              )}
            </>,
            <>
              {t(`integrations.delivery.status.${delivery.status}`)}
              {delivery.lastError && (
                <>
                  <br />
                  <small>{delivery.lastError}</small>
                </>
              )}
            </>,
            delivery.responseStatus === null ? '–' : String(delivery.responseStatus),
            delivery.durationMs === null ? '–' : t('integrations.log.ms', { ms: delivery.durationMs }),
            String(delivery.attempts),
            subscription.active ? (
              <Form action={`${base}/deliveries/${delivery.id}/replay`}>
                <SubmitButton variant="secondary">
                  {t('integrations.log.replayButton')}
                  <span class="visually-hidden">
                    {' '}
                    {delivery.eventType} {formatDateTime(new Date(delivery.createdAt), lang)}
                  </span>
                </SubmitButton>
              </Form>
            ) : (
              ''
            ),
          ])}
        />
      )}
    </Layout>
  );
}
