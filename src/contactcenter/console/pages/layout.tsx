// The agent console's frame: its layout with the console's CSS and live.js, the links every screen shows, the
// SLA badge and the live-update notice. Server-rendered, working without JavaScript; live.js (registered
// with the asset pipeline) refreshes the marked regions on realtime events and announces it in a live region.
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { registerAsset } from '../../../platform/http/assets.ts';
import { Layout } from '../../../platform/views/Layout.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Link } from '../../../platform/views/components.tsx';
import { type SlaState } from '../../model.ts';
import type { UnreadCounts } from '../unread/service.ts';
import { canManageMacros } from '../authorisation.ts';

/** The unread counts of the console's links, given to ConsoleLayout by the screens that read them. */
const CountsContext = createContext<UnreadCounts | undefined>(undefined);

// The console's own stylesheet and live-update script, linked from its screens only.
const CONSOLE_ASSETS = {
  css: registerAsset({ name: 'console', ext: 'css', files: [new URL('../console.css', import.meta.url)] }),
  js: registerAsset({ name: 'console', ext: 'js', files: [new URL('../live.js', import.meta.url)] }),
};

export function ConsoleLayout({
  title,
  children,
  live,
  counts,
  presence,
}: {
  title: string;
  children: ComponentChildren;
  live?: boolean;
  /** Unread counts for the links (without them, live.js fills the links in once the page is loaded). */
  counts?: UnreadCounts | undefined;
  /** A request page: its stream also says who else is viewing or replying to the request. */
  presence?: { requestId: string; accountId: string } | undefined;
}) {
  const { t } = usePage();
  const events = presence ? `/api/v1/console/events?request=${presence.requestId}` : '/api/v1/console/events';
  return (
    <Layout
      title={title}
      backOffice
      section="console"
      head={
        <>
          <link rel="stylesheet" href={CONSOLE_ASSETS.css} />
          {live && (
            <script
              src={CONSOLE_ASSETS.js}
              defer
              data-events={events}
              data-unread="/api/v1/console/unread"
              data-me={presence?.accountId}
              data-presence={presence ? `/api/v1/console/requests/${presence.requestId}/presence` : undefined}
              data-presence-viewing={t('console.presence.viewing', { name: '{name}' })}
              data-presence-replying={t('console.presence.replying', { name: '{name}' })}
              data-inserted={t('console.reply.inserted')}
            />
          )}
        </>
      }
    >
      <CountsContext.Provider value={counts}>{children}</CountsContext.Provider>
    </Layout>
  );
}

export function SlaBadge({ state }: { state: SlaState }) {
  const { t } = usePage();
  const icon = state === 'ok' ? '✓' : state === 'warning' ? '!' : '✕';
  return (
    <span class={`cc-sla cc-sla--${state}`}>
      <span aria-hidden="true">{icon} </span>
      {t(`console.sla.${state}`)}
    </span>
  );
}

/** Where live updates are announced, and the refresh link that works without JavaScript. */
export function LiveNotice({ refreshHref }: { refreshHref: string }) {
  const { t } = usePage();
  return (
    <div class="cc-live">
      <p class="utrecht-paragraph" role="status" aria-live="polite" id="cc-live-status" data-live-message={t('console.live.updated')}></p>
      <a class="utrecht-link" href={refreshHref} data-live-refresh>
        {t('console.refresh')}
      </a>
    </div>
  );
}

/** The one search box of the console (a reference, an e-mail, a phone number, a name or words). */
export function ConsoleSearchBox({ q }: { q?: string | undefined }) {
  const { t, lang } = usePage();
  return (
    <form method="get" action={`/${lang}/console/search`} role="search" class="cc-search" aria-label={t('console.search.title')}>
      <label class="utrecht-form-label" for="cc-search-q">
        {t('console.search.label')}
      </label>
      <input class="utrecht-textbox utrecht-textbox--html-input" type="search" id="cc-search-q" name="q" value={q ?? ''} maxLength={200} autocomplete="off" />
      <button type="submit" class="utrecht-button utrecht-button--secondary-action">
        {t('console.search.submit')}
      </button>
    </form>
  );
}

/** A count of what waits unread, read with its link ("Tasks, 2 unread"); empty until known. */
function Count({ kind }: { kind: keyof UnreadCounts }) {
  const { t } = usePage();
  const counts = useContext(CountsContext);
  const n = counts?.[kind];
  return (
    <span
      class="cc-count"
      data-unread-count={kind}
      data-one={t('console.unread.label', { count: 1 }).replace('1', '#')}
      data-other={t('console.unread.label', { count: 7 }).replace('7', '#')}
      hidden={!n}
    >
      {n ? t('console.unread.label', { count: n }) : ''}
    </span>
  );
}

export function ConsoleLinks({ q }: { q?: string | undefined } = {}) {
  const { t, lang, actor } = usePage();
  return (
    <>
      <ConsoleSearchBox q={q} />
      <ul class="irisdesk-inline-list cc-links">
        <li>
          <Link href={`/${lang}/console?view=mine`}>
            {t('console.view.mine')} <Count kind="requests" />
          </Link>
        </li>
        <li>
          <Link href={`/${lang}/console/tasks`}>
            {t('console.tasks.title')} <Count kind="tasks" />
          </Link>
        </li>
        <li>
          <Link href={`/${lang}/notifications`}>
            {t('notifications.title')} <Count kind="notifications" />
          </Link>
        </li>
        <li>
          <Link href={`/${lang}/console/contacts/new`}>{t('console.contact.new')}</Link>
        </li>
        <li>
          <Link href={`/${lang}/console/chats`}>{t('chat.console.title')}</Link>
        </li>
        {actor?.roles.includes('organisation_manager') && (
          <li>
            <Link href={`/${lang}/console/settings`}>{t('console.settings.title')}</Link>
          </li>
        )}
        {actor && canManageMacros(actor, actor.organisationId) && (
          <li>
            <Link href={`/${lang}/console/macros`}>{t('console.macros.title')}</Link>
          </li>
        )}
      </ul>
      <ShortcutsHelp />
    </>
  );
}

/** The console's keyboard shortcuts (issue 17 item 1), Alt+Shift with a letter, and their off switch (WCAG 2.1.4). */
export const SHORTCUTS = [
  { key: 'J', action: 'next' },
  { key: 'K', action: 'previous' },
  { key: 'R', action: 'reply' },
  { key: 'N', action: 'note' },
  { key: 'M', action: 'assignToMe' },
  { key: 'C', action: 'close' },
  { key: 'H', action: 'help' },
] as const;

export function ShortcutsHelp() {
  const { t } = usePage();
  return (
    <details class="cc-shortcuts" id="cc-shortcuts">
      <summary>{t('console.shortcuts.title')}</summary>
      <p class="utrecht-paragraph">{t('console.shortcuts.intro')}</p>
      <dl class="cc-dl">
        {SHORTCUTS.map((s) => (
          <>
            <dt>
              <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>{s.key}</kbd>
            </dt>
            <dd>{t(`console.shortcuts.${s.action}`)}</dd>
          </>
        ))}
      </dl>
      <p class="utrecht-paragraph" data-shortcuts-switch hidden>
        <label>
          <input type="checkbox" class="utrecht-checkbox utrecht-checkbox--html-input" id="cc-shortcuts-off" /> {t('console.shortcuts.off')}
        </label>
      </p>
      <p class="utrecht-paragraph" data-shortcuts-nojs>
        {t('console.shortcuts.needsScript')}
      </p>
    </details>
  );
}

export const VIEWS = ['organisation', 'units', 'mine', 'unassigned'] as const;

export function query(values: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}
