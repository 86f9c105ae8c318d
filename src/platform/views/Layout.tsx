// The page frame shared by every screen: html lang, hreflang alternates, skip link, header (logo, language switch,
// account, and on public pages the main destinations), main landmark, footer (contact, accessibility statement,
// privacy notice, open data, languages, the discreet staff sign-in). Back-office pages add a navigation built from
// roles and use the screen's whole width.
import type { ComponentChildren } from 'preact';
import { LANGUAGES, LANGUAGE_NAMES } from '../i18n/languages.ts';
import { usePage } from './context.ts';
import { backOfficeNavigation, type NavigationItem } from './navigation.ts';
import { CsrfField } from './components.tsx';

export interface LayoutProps {
  title: string;
  children: ComponentChildren;
  /** Extra elements for <head> (JSON-LD). */
  head?: ComponentChildren;
  /** The page's meta description (search results, link previews); IrisDesk's own when none is given. */
  description?: string;
  /** Show the back-office navigation (for signed-in staff pages). */
  backOffice?: boolean;
  /** The current back-office section, marked with aria-current. */
  section?: string;
}

/** The main public destinations, in the header of every public page and the footer of every page. */
const PUBLIC_DESTINATIONS = [
  { path: '/search', label: 'layout.nav.search' },
  { path: '/contact', label: 'layout.nav.contact' },
  { path: '/appointments', label: 'layout.nav.appointments' },
  { path: '/contact/status', label: 'layout.nav.status' },
  { path: '/help', label: 'layout.nav.help' },
  { path: '/my', label: 'layout.nav.mySpace' },
] as const;

/** Whether a destination is the current page or a page under it (the search page is also every search). */
function isCurrent(pathWithoutLang: string, path: string): boolean {
  const here = pathWithoutLang.split('?')[0] ?? '';
  if (path === '/contact') return here === '/contact';
  return here === path || here.startsWith(`${path}/`);
}

function MainNavigation({ id }: { id: string }) {
  const { lang, t, pathWithoutLang } = usePage();
  return (
    <ul class="irisdesk-main-nav__list" id={id}>
      {PUBLIC_DESTINATIONS.map((item) => (
        <li>
          <a class="irisdesk-main-nav__link" href={`/${lang}${item.path}`} aria-current={isCurrent(pathWithoutLang, item.path) ? 'page' : undefined}>
            {t(item.label)}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The language switch: a navigation landmark in the header; in the footer, a list under its heading. */
function LanguageLinks({ label, labelledBy }: { label?: string; labelledBy?: string }) {
  const { lang, pathWithoutLang, localized } = usePage();
  const links = (
    <ul class="irisdesk-inline-list" aria-labelledby={labelledBy}>
      {LANGUAGES.map((other) => (
        <li>
          {other === lang ? (
            <span class="utrecht-alternate-lang-nav__link--current" aria-current="true" lang={other}>
              {LANGUAGE_NAMES[other]}
            </span>
          ) : (
            <a
              class="utrecht-link utrecht-alternate-lang-nav__link"
              href={localized ? `/${other}${pathWithoutLang}` : `/${other}`}
              hrefLang={other}
              lang={other}
            >
              {LANGUAGE_NAMES[other]}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
  return label ? (
    <nav class="utrecht-alternate-lang-nav irisdesk-lang-nav" aria-label={label}>
      {links}
    </nav>
  ) : (
    links
  );
}

function Footer() {
  const { lang, t, actor } = usePage();
  const link = (path: string, label: string) => (
    <li>
      <a class="irisdesk-footer__link" href={`/${lang}${path}`}>
        {t(label)}
      </a>
    </li>
  );
  return (
    <footer class="utrecht-page-footer irisdesk-footer">
      <div class="irisdesk-footer__inner">
        <nav class="irisdesk-footer__section" aria-labelledby="footer-contact">
          <h2 class="irisdesk-footer__heading" id="footer-contact">
            {t('layout.footerNav.contactHeading')}
          </h2>
          <ul class="irisdesk-footer__list">
            {link('/contact', 'layout.footerNav.contactForm')}
            {link('/chat', 'layout.footerNav.chat')}
            {link('/appointments', 'layout.nav.appointments')}
            {link('/contact/status', 'layout.nav.status')}
            {link('/help', 'layout.footerNav.help')}
          </ul>
        </nav>
        <nav class="irisdesk-footer__section" aria-labelledby="footer-about">
          <h2 class="irisdesk-footer__heading" id="footer-about">
            {t('layout.footerNav.aboutHeading')}
          </h2>
          <ul class="irisdesk-footer__list">
            {link('/accessibility', 'layout.footerNav.accessibility')}
            {link('/privacy', 'layout.footerNav.privacy')}
            {link('/open-data', 'layout.footerNav.openData')}
            {link('/barometer', 'layout.footerNav.barometer')}
          </ul>
        </nav>
        <div class="irisdesk-footer__section">
          <h2 class="irisdesk-footer__heading" id="footer-languages">
            {t('layout.footerNav.languagesHeading')}
          </h2>
          <LanguageLinks labelledBy="footer-languages" />
        </div>
      </div>
      <div class="irisdesk-footer__inner irisdesk-footer__bottom">
        <p class="irisdesk-footer__text">{t('layout.footer')}</p>
        {!actor && (
          <a class="irisdesk-footer__link irisdesk-footer__staff" href={`/${lang}/login`}>
            {t('layout.staffLogin')}
          </a>
        )}
      </div>
    </footer>
  );
}

/**
 * A live count in a menu entry (menu.ts `count`), read with the link ("Instructions and news, 2 unread"):
 * empty and hidden until enhance.js has read it, and again whenever it is 0.
 */
function NavCount({ count }: { count: NonNullable<NavigationItem['count']> }) {
  const { t } = usePage();
  return (
    <span
      class="irisdesk-nav-count"
      data-nav-count={count.key}
      data-source={count.source}
      data-events={count.events.join(' ')}
      data-one={t(count.label, { count: 1 }).replace('1', '#')}
      data-other={t(count.label, { count: 7 }).replace('7', '#')}
      hidden
    />
  );
}

export function Layout({ title, children, head, description, backOffice, section }: LayoutProps) {
  const { lang, t, actor, pathWithoutLang, localized, assets, publicUrl } = usePage();
  const fullTitle = `${title} – IrisDesk`;
  const publicPage = !backOffice;
  return (
    <html lang={lang} class="utrecht-html irisdesk-theme" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={description?.trim() || t('layout.description')} />
        <link rel="icon" href={assets.icon} type="image/svg+xml" />
        {/* The typeface before the stylesheet that asks for it: text is drawn once, in the right face. */}
        {assets.font && <link rel="preload" href={assets.font} as="font" type="font/woff2" crossOrigin="anonymous" />}
        <link rel="stylesheet" href={assets.css} />
        <script src={assets.js} defer />
        {/* Alternates must be absolute URLs; "/" chooses the language for everyone else. */}
        {localized && LANGUAGES.map((other) => <link rel="alternate" hrefLang={other} href={`${publicUrl}/${other}${pathWithoutLang}`} />)}
        {localized && <link rel="alternate" hrefLang="x-default" href={`${publicUrl}/`} />}
        {head}
      </head>
      <body class={`utrecht-body utrecht-page-layout${backOffice ? ' irisdesk-back-office' : ''}`}>
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
          {t('layout.skipToContent')}
        </a>
        <header class="utrecht-page-header irisdesk-header">
          <div class="irisdesk-header__inner">
            <a class="irisdesk-logo" href={`/${lang}`}>
              <span class="irisdesk-logo__mark" aria-hidden="true">
                ✱
              </span>{' '}
              <span class="irisdesk-logo__name">IrisDesk</span>
              <span class="irisdesk-logo__tagline">{t('layout.tagline')}</span>
            </a>
            <LanguageLinks label={t('layout.languageSwitch')} />
            {actor && (
              <div class="irisdesk-account">
                <form method="post" action={`/${lang}/logout`} class="irisdesk-inline-form">
                  <CsrfField />
                  <a class="utrecht-link" href={`/${lang}/back-office`}>
                    {actor.displayName}
                  </a>{' '}
                  <button type="submit" class="utrecht-button utrecht-button--subtle">
                    {t('layout.logout')}
                  </button>
                </form>
              </div>
            )}
          </div>
          {publicPage && (
            <nav class="irisdesk-main-nav" aria-label={t('layout.mainNavigation')}>
              {/* On a phone the list folds under a "Menu" button that works without JavaScript (details/summary);
                  on a wide screen the same list is a bar and the button is hidden. */}
              <details class="irisdesk-main-nav__menu">
                <summary class="irisdesk-main-nav__toggle">{t('layout.menu')}</summary>
                <MainNavigation id="main-nav-menu" />
              </details>
              <div class="irisdesk-main-nav__bar">
                <MainNavigation id="main-nav-bar" />
              </div>
            </nav>
          )}
        </header>
        <div class={`irisdesk-body${backOffice ? ' irisdesk-body--with-nav' : ''}`}>
          {backOffice && actor && (
            <nav class="irisdesk-side-nav" aria-label={t('layout.backOfficeNavigation')}>
              <ul class="utrecht-link-list">
                {backOfficeNavigation(actor).map((item) => (
                  <li class="utrecht-link-list__item">
                    <a class="utrecht-link utrecht-link-list__link" href={`/${lang}${item.path}`} aria-current={item.section === section ? 'page' : undefined}>
                      {t(item.label)}
                      {item.count && <NavCount count={item.count} />}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <main id="main" class="utrecht-page-content irisdesk-main" tabIndex={-1}>
            {children}
          </main>
        </div>
        <Footer />
      </body>
    </html>
  );
}
