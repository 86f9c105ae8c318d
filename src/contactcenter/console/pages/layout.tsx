// The agent console's frame: its layout with the console's CSS and live.js, the links every screen shows, the
// SLA badge and the live-update notice. Server-rendered, working without JavaScript; live.js (served by
// routes.tsx) refreshes the marked regions on realtime events and announces it in a live region.
import type { ComponentChildren } from 'preact';
import { Layout } from '../../../platform/views/Layout.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Link } from '../../../platform/views/components.tsx';
import { type SlaState } from '../../model.ts';

export const CONSOLE_ASSETS = { css: '/console-assets/console.css', js: '/console-assets/live.js' };

export function ConsoleLayout({ title, children, live }: { title: string; children: ComponentChildren; live?: boolean }) {
  return (
    <Layout
      title={title}
      backOffice
      section="console"
      head={
        <>
          <link rel="stylesheet" href={`${CONSOLE_ASSETS.css}?v=${assetVersion}`} />
          {live && <script src={`${CONSOLE_ASSETS.js}?v=${assetVersion}`} defer data-events="/api/v1/console/events" />}
        </>
      }
    >
      {children}
    </Layout>
  );
}

/** Content hash of the console's CSS and JS, set by routes.tsx at start (cache busting). */
export let assetVersion = '0';
export function setAssetVersion(version: string) {
  assetVersion = version;
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

export function ConsoleLinks() {
  const { t, lang, actor } = usePage();
  return (
    <ul class="irisdesk-inline-list cc-links">
      <li>
        <Link href={`/${lang}/console/contacts/new`}>{t('console.contact.new')}</Link>
      </li>
      <li>
        <Link href={`/${lang}/console/tasks`}>{t('console.tasks.title')}</Link>
      </li>
      {actor?.roles.includes('organisation_manager') && (
        <li>
          <Link href={`/${lang}/console/settings`}>{t('console.settings.title')}</Link>
        </li>
      )}
    </ul>
  );
}

export const VIEWS = ['organisation', 'units', 'mine', 'unassigned'] as const;

export function query(values: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}
