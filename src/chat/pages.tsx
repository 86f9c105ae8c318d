// Screens of the live chat: the public page /{lang}/chat (progressively enhanced: without JavaScript it offers
// the contact form; chat.js turns on the conversation) and the console's "Chats" view for agents.
import { registerAsset } from '../platform/http/assets.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { Layout } from '../platform/views/Layout.tsx';
import { usePage } from '../platform/views/context.ts';
import {
  Alert,
  ErrorSummary,
  Form,
  Heading1,
  Link,
  Paragraph,
  SelectField,
  SubmitButton,
  Table,
  TextArea,
  TextField,
  CheckboxField,
} from '../platform/views/components.tsx';
import { jsonForScript } from '../platform/views/render.tsx';
import { formatTime } from '../platform/i18n/format.ts';
import { ConsoleLayout, ConsoleLinks } from '../contactcenter/console/pages/layout.tsx';
import { IncidentReportButton } from '../safety/IncidentReportButton.tsx';
import { KnowledgePanel } from '../knowledge/pages.tsx';
import type { ArticleHit } from '../knowledge/service.ts';
import type { ConsoleSearchService } from '../contactcenter/console/search/service.ts';
import { CONTACT_OUTCOMES } from '../contactcenter/model.ts';
import type { AgentState, ChatListRow, ChatRow } from './repository.ts';
import type { ChatMessage } from './service.ts';
import { CAPACITY_MAX, MESSAGE_MAX } from './service.ts';

const CHAT_ASSETS = {
  css: registerAsset({ name: 'chat', ext: 'css', files: [new URL('./chat.css', import.meta.url)] }),
  js: registerAsset({ name: 'chat', ext: 'js', files: [new URL('./chat.js', import.meta.url)] }),
};

/** The texts chat.js shows, in the page's language. */
function scriptTexts(t: (key: string, values?: Record<string, string | number>) => string) {
  return {
    waiting: t('chat.page.status.waiting'),
    position: t('chat.page.status.position', { position: '{position}' }),
    waitUnknown: t('chat.page.wait.unknown'),
    waitSoon: t('chat.page.wait.soon'),
    waitMinutes: t('chat.page.wait.minutes', { minutes: '{minutes}' }),
    nobody: t('chat.page.wait.nobody'),
    active: t('chat.page.status.active'),
    closed: t('chat.page.status.closed'),
    closedAway: t('chat.expiry.status.away'),
    closedIdle: t('chat.expiry.status.idle'),
    converted: t('chat.page.status.converted', { reference: '{reference}' }),
    typing: t('chat.page.typing'),
    from: { user: t('chat.page.from.user'), agent: t('chat.page.from.agent'), system: t('chat.page.from.system') },
    error: t('chat.page.error'),
    transcriptSent: t('chat.page.transcriptSent'),
  };
}

function MessageItem({ message }: { message: ChatMessage }) {
  const { t, lang } = usePage();
  return (
    <li class={`chat-message chat-message--${message.from}`}>
      <span class="chat-message__meta">
        {t(`chat.page.from.${message.from}`)}, <time dateTime={message.at}>{formatTime(new Date(message.at), lang)}</time>
      </span>
      <span class="chat-message__text">{message.text}</span>
    </li>
  );
}

/** The public chat page. */
export function PublicChatPage({ serviceCode }: { serviceCode: string | null }) {
  const { t, lang } = usePage();
  const contactHref = `/${lang}/contact${serviceCode ? `?service=${encodeURIComponent(serviceCode)}` : ''}`;
  return (
    <Layout
      title={t('chat.page.title')}
      head={
        <>
          <link rel="stylesheet" href={CHAT_ASSETS.css} />
          <script src={CHAT_ASSETS.js} defer />
        </>
      }
    >
      <Heading1>{t('chat.page.title')}</Heading1>
      <Paragraph lead>{t('chat.page.intro')}</Paragraph>
      {/* Without JavaScript: the contact form does the same job in writing. */}
      <div data-chat-fallback>
        <Paragraph>{t('chat.page.noScript')}</Paragraph>
        <Paragraph>
          <Link href={contactHref}>{t('chat.page.contactForm')}</Link>
        </Paragraph>
      </div>
      <div class="chat" data-chat-app data-lang={lang} data-service={serviceCode ?? ''} hidden>
        <script type="application/json" data-chat-texts dangerouslySetInnerHTML={{ __html: jsonForScript(scriptTexts(t)) }} />
        <form class="utrecht-form chat-start" data-chat-start noValidate>
          <TextField name="name" label={t('chat.page.name')} description={t('chat.page.nameHint')} autocomplete="given-name" maxLength={200} />
          <TextField name="postalCode" label={t('chat.page.postalCode')} description={t('chat.page.postalCodeHint')} autocomplete="postal-code" maxLength={4} />
          <p class="utrecht-form-field-error-message" data-chat-start-error role="alert"></p>
          <SubmitButton>{t('chat.page.start')}</SubmitButton>
        </form>
        <section class="chat-conversation" data-chat-conversation hidden aria-labelledby="chat-conversation-title">
          <h2 class="utrecht-heading-2" id="chat-conversation-title">
            {t('chat.page.conversation')}
          </h2>
          <p class="utrecht-paragraph chat-status" data-chat-status role="status" tabIndex={-1}></p>
          <div role="log" aria-live="polite" aria-relevant="additions" aria-labelledby="chat-conversation-title">
            <ol class="chat-log" data-chat-log></ol>
          </div>
          <p class="utrecht-paragraph chat-typing" data-chat-typing aria-live="polite"></p>
          <form class="utrecht-form chat-composer" data-chat-composer noValidate>
            <TextArea name="text" label={t('chat.page.message')} rows={3} maxLength={MESSAGE_MAX} />
            <p class="utrecht-form-field-error-message" data-chat-error role="alert"></p>
            <SubmitButton>{t('chat.page.send')}</SubmitButton>
          </form>
          <p class="utrecht-paragraph chat-feedback" data-chat-feedback hidden>
            <a class="utrecht-link" href="" data-chat-feedback-link>
              {t('chat.page.feedback')}
            </a>
          </p>
          <details class="chat-convert" data-chat-transcript-box>
            <summary>{t('chat.page.transcriptTitle')}</summary>
            <form class="utrecht-form" data-chat-transcript noValidate>
              <TextField name="email" idSuffix="transcript" type="email" label={t('chat.page.email')} autocomplete="email" />
              <p class="utrecht-paragraph" data-chat-transcript-done role="status"></p>
              <p class="utrecht-form-field-error-message" data-chat-transcript-error role="alert"></p>
              <SubmitButton variant="secondary">{t('chat.page.transcriptSend')}</SubmitButton>
            </form>
          </details>
          <details class="chat-convert" data-chat-convert-box>
            <summary>{t('chat.page.convertTitle')}</summary>
            <Paragraph>{t('chat.page.convertIntro')}</Paragraph>
            <form class="utrecht-form" data-chat-convert noValidate>
              <TextField name="email" type="email" label={t('chat.page.email')} autocomplete="email" />
              <TextField name="phone" type="tel" label={t('chat.page.phone')} autocomplete="tel" />
              <p class="utrecht-form-field-error-message" data-chat-convert-error role="alert"></p>
              <SubmitButton variant="secondary">{t('chat.page.convert')}</SubmitButton>
            </form>
          </details>
        </section>
      </div>
    </Layout>
  );
}

/** The console's Chats view: availability and the organisation's waiting chats with the agent's own. */
export function ConsoleChatsPage({ state, chats, errors }: { state: AgentState; chats: ChatListRow[]; errors?: FieldError[] | undefined }) {
  const { t, lang } = usePage();
  const waiting = chats.filter((chat) => chat.status === 'waiting');
  const mine = chats.filter((chat) => chat.status === 'active');
  return (
    <ConsoleLayout title={t('chat.console.title')}>
      <Heading1>{t('chat.console.title')}</Heading1>
      <ConsoleLinks />
      {errors && <ErrorSummary errors={errors} labelOf={(field) => t(field === 'capacity' ? 'chat.console.capacity' : 'chat.console.available')} />}
      <Form action={`/${lang}/console/chats/availability`} class="chat-availability">
        <CheckboxField name="available" label={t('chat.console.available')} checked={state.available} errors={errors} />
        <SelectField
          name="capacity"
          label={t('chat.console.capacity')}
          value={String(state.capacity)}
          options={Array.from({ length: CAPACITY_MAX }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
          errors={errors}
        />
        <SubmitButton variant="secondary">{t('chat.console.save')}</SubmitButton>
      </Form>
      <Paragraph>
        {state.available ? t('chat.console.state.available', { active: state.active, capacity: state.capacity }) : t('chat.console.state.away')}{' '}
        <Link href={`/${lang}/console/chats`}>{t('console.refresh')}</Link>
      </Paragraph>
      <Table
        caption={t('chat.console.mine')}
        head={[t('chat.console.col.started'), t('chat.console.col.person'), t('chat.console.col.last'), t('chat.console.col.action')]}
        rows={mine.map((chat) => [
          formatTime(new Date(chat.createdAt), lang),
          chat.name ?? t('chat.transcript.anonymous'),
          chat.lastMessage ?? '',
          <Link href={`/${lang}/console/chats/${chat.id}`}>{t('chat.console.open')}</Link>,
        ])}
      />
      <Table
        caption={t('chat.console.waiting', { count: waiting.length })}
        head={[t('chat.console.col.started'), t('chat.console.col.person'), t('chat.console.col.last'), t('chat.console.col.action')]}
        rows={waiting.map((chat) => [
          formatTime(new Date(chat.createdAt), lang),
          chat.name ?? t('chat.transcript.anonymous'),
          chat.lastMessage ?? '',
          <Form action={`/${lang}/console/chats/${chat.id}/accept`}>
            <SubmitButton>{t('chat.console.accept')}</SubmitButton>
          </Form>,
        ])}
      />
    </ConsoleLayout>
  );
}

/** What the agent looked up beside the chat: the person's earlier requests (by e-mail or phone) and knowledge. */
export interface ChatAside {
  earlier: { who: string; rows: Awaited<ReturnType<ConsoleSearchService['search']>> | null };
  knowledge: { q: string; results: ArticleHit[] };
}

/** The person's earlier requests in the agent's organisation, found by the e-mail or phone given in the chat. */
function EarlierContacts({ action, earlier }: { action: string; earlier: ChatAside['earlier'] }) {
  const { t, lang } = usePage();
  return (
    <section aria-labelledby="chat-earlier-title">
      <h2 class="utrecht-heading-2" id="chat-earlier-title">
        {t('chat.console.earlier.title')}
      </h2>
      <form method="get" action={action} class="utrecht-form" role="search" aria-labelledby="chat-earlier-title">
        <TextField
          name="who"
          label={t('chat.console.earlier.label')}
          value={earlier.who}
          errors={earlier.who && earlier.rows === null ? [{ field: 'who', code: 'chat.console.earlier.invalid' }] : undefined}
          maxLength={254}
        />
        <SubmitButton variant="secondary">{t('chat.console.earlier.search')}</SubmitButton>
      </form>
      {earlier.rows && earlier.rows.length === 0 && <Paragraph>{t('chat.console.earlier.none', { who: earlier.who })}</Paragraph>}
      {earlier.rows && earlier.rows.length > 0 && (
        <Table
          caption={t('chat.console.earlier.caption', { who: earlier.who })}
          head={[t('chat.console.earlier.reference'), t('chat.console.earlier.subject'), t('chat.console.earlier.status')]}
          rows={earlier.rows.map((row) => [
            <Link href={`/${lang}/console/requests/${row.id}`}>{row.reference}</Link>,
            row.subject,
            t(`console.status.${row.status}`),
          ])}
        />
      )}
    </section>
  );
}

/** One chat for its agent: the transcript (live with chat.js), the answer and the closing; beside it, as on a request page, the person's earlier contacts, the knowledge panel and agent safety's report button. */
export function ConsoleChatPage({
  chat,
  messages,
  errors,
  aside,
}: {
  chat: ChatRow;
  messages: ChatMessage[];
  errors?: FieldError[] | undefined;
  aside: ChatAside;
}) {
  const { t, lang } = usePage();
  const mine = chat.status === 'active';
  const base = `/${lang}/console/chats/${chat.id}`;
  return (
    <ConsoleLayout title={t('chat.console.chatTitle', { name: chat.name ?? t('chat.transcript.anonymous') })}>
      <link rel="stylesheet" href={CHAT_ASSETS.css} />
      <script src={CHAT_ASSETS.js} defer />
      <Heading1>{t('chat.console.chatTitle', { name: chat.name ?? t('chat.transcript.anonymous') })}</Heading1>
      <Paragraph>
        <Link href={`/${lang}/console/chats`}>{t('chat.console.back')}</Link>
      </Paragraph>
      {errors && <ErrorSummary errors={errors} labelOf={(field) => t(field === 'outcome' ? 'chat.console.outcome' : 'chat.console.answer')} />}
      <div class="chat" data-chat-agent data-events={`/api/v1/console/chats/${chat.id}/events`} data-typing={`/api/v1/console/chats/${chat.id}/typing`}>
        <script type="application/json" data-chat-texts dangerouslySetInnerHTML={{ __html: jsonForScript(scriptTexts(t)) }} />
        <p class="utrecht-paragraph chat-status" data-chat-status>
          {t(`chat.page.status.${chat.status === 'converted' ? 'convertedPlain' : chat.status}`)}
        </p>
        <div role="log" aria-live="polite" aria-relevant="additions" aria-label={t('chat.page.conversation')}>
          <ol class="chat-log" data-chat-log>
            {messages.map((message) => (
              <MessageItem message={message} />
            ))}
          </ol>
        </div>
        <p class="utrecht-paragraph chat-typing" data-chat-typing aria-live="polite"></p>
        {mine ? (
          <>
            <Form action={`/${lang}/console/chats/${chat.id}/messages`} class="chat-composer">
              <TextArea name="text" label={t('chat.console.answer')} rows={3} maxLength={MESSAGE_MAX} errors={errors} />
              <SubmitButton>{t('chat.page.send')}</SubmitButton>
            </Form>
            <Form action={`/${lang}/console/chats/${chat.id}/close`}>
              <SelectField
                name="outcome"
                label={t('chat.console.outcome')}
                options={CONTACT_OUTCOMES.map((o) => ({ value: o, label: t(`console.outcome.${o}`) }))}
                errors={errors}
              />
              <SubmitButton variant="secondary">{t('chat.console.close')}</SubmitButton>
            </Form>
          </>
        ) : (
          <Alert>{t('chat.console.notYours')}</Alert>
        )}
      </div>
      <IncidentReportButton returnTo={base} withHelp={false} compact />
      <EarlierContacts action={base} earlier={aside.earlier} />
      <KnowledgePanel
        action={base}
        q={aside.knowledge.q}
        results={aside.knowledge.results}
        service={chat.serviceCode ?? undefined}
        hidden={aside.earlier.who ? { who: aside.earlier.who } : {}}
      />
    </ConsoleLayout>
  );
}
