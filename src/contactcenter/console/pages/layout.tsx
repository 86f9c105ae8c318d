// The agent console's frame: its layout with the console's CSS and live.js, the links every screen shows, the
// SLA badge and the live-update notice. Server-rendered, working without JavaScript; live.js (registered
// with the asset pipeline) refreshes the marked regions on realtime events and announces it in a live region.
import type { ComponentChildren } from 'preact';
import { registerAsset } from '../../../platform/http/assets.ts';
import { Layout } from '../../../platform/views/Layout.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Link } from '../../../platform/views/components.tsx';
import { type SlaState } from '../../model.ts';

// The console's own stylesheet and live-update script, linked from its screens only.
const CONSOLE_ASSETS = {
  css: registerAsset({ name: 'console', ext: 'css', files: [new URL('../console.css', import.meta.url)] }),
  js: registerAsset({ name: 'console', ext: 'js', files: [new URL('../live.js', import.meta.url)] }),
};

export function ConsoleLayout({ title, children, live }: { title: string; children: ComponentChildren; live?: boolean }) {
  return (
    <Layout
      title={title}
      backOffice
      section="console"
      head={
        <>
          <link rel="stylesheet" href={CONSOLE_ASSETS.css} />
          {live && <script src={CONSOLE_ASSETS.js} defer data-events="/api/v1/console/events" />}
        </>
      }
    >
      {children}
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

export function ConsoleLinks({ q }: { q?: string | undefined } = {}) {
  const { t, lang, actor } = usePage();
  return (
    <>
      <ConsoleSearchBox q={q} />
      <ul class="irisdesk-inline-list cc-links">
        <li>
          <Link href={`/${lang}/console/contacts/new`}>{t('console.contact.new')}</Link>
        </li>
        <li>
          <Link href={`/${lang}/console/tasks`}>{t('console.tasks.title')}</Link>
        </li>
        <li>
          <Link href={`/${lang}/console/chats`}>{t('chat.console.title')}</Link>
        </li>
        {actor?.roles.includes('organisation_manager') && (
          <li>
            <Link href={`/${lang}/console/settings`}>{t('console.settings.title')}</Link>
          </li>
        )}
      </ul>
    </>
  );
}

export const VIEWS = ['organisation', 'units', 'mine', 'unassigned'] as const;

export function query(values: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}
