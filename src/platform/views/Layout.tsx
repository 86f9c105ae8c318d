// The page frame shared by every screen: html lang, hreflang alternates, skip link, header with the language
// switch and the account menu, main landmark, footer. Back-office pages add a navigation built from roles.
import type { ComponentChildren } from 'preact';
import { LANGUAGES, LANGUAGE_NAMES } from '../i18n/languages.ts';
import { usePage } from './context.ts';
import { backOfficeNavigation } from './navigation.ts';
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

export function Layout({ title, children, head, description, backOffice, section }: LayoutProps) {
  const { lang, t, actor, pathWithoutLang, localized, assets, publicUrl } = usePage();
  const fullTitle = `${title} – IrisDesk`;
  return (
    <html lang={lang} class="utrecht-html irisdesk-theme" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={description?.trim() || t('layout.description')} />
        <link rel="icon" href={assets.icon} type="image/svg+xml" />
        <link rel="stylesheet" href={assets.css} />
        <script src={assets.js} defer />
        {/* Alternates must be absolute URLs; "/" chooses the language for everyone else. */}
        {localized && LANGUAGES.map((other) => <link rel="alternate" hrefLang={other} href={`${publicUrl}/${other}${pathWithoutLang}`} />)}
        {localized && <link rel="alternate" hrefLang="x-default" href={`${publicUrl}/`} />}
        {head}
      </head>
      <body class="utrecht-body utrecht-page-layout">
        <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
          {t('layout.skipToContent')}
        </a>
        <header class="utrecht-page-header irisdesk-header">
          <div class="irisdesk-header__inner">
            <a class="irisdesk-logo" href={`/${lang}`}>
              <span class="irisdesk-logo__mark" aria-hidden="true">
                ✱
              </span>{' '}
              IrisDesk
              <span class="irisdesk-logo__tagline">{t('layout.tagline')}</span>
            </a>
            <nav class="utrecht-alternate-lang-nav irisdesk-lang-nav" aria-label={t('layout.languageSwitch')}>
              <ul class="irisdesk-inline-list">
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
            </nav>
            <div class="irisdesk-account">
              {actor ? (
                <form method="post" action={`/${lang}/logout`} class="irisdesk-inline-form">
                  <CsrfField />
                  <a class="utrecht-link" href={`/${lang}/back-office`}>
                    {actor.displayName}
                  </a>{' '}
                  <button type="submit" class="utrecht-button utrecht-button--subtle">
                    {t('layout.logout')}
                  </button>
                </form>
              ) : (
                <a class="utrecht-link" href={`/${lang}/login`}>
                  {t('layout.staffLogin')}
                </a>
              )}
            </div>
          </div>
        </header>
        <div class={`irisdesk-body${backOffice ? ' irisdesk-body--with-nav' : ''}`}>
          {backOffice && actor && (
            <nav class="irisdesk-side-nav" aria-label={t('layout.backOfficeNavigation')}>
              <ul class="utrecht-link-list">
                {backOfficeNavigation(actor).map((item) => (
                  <li class="utrecht-link-list__item">
                    <a class="utrecht-link utrecht-link-list__link" href={`/${lang}${item.path}`} aria-current={item.section === section ? 'page' : undefined}>
                      {t(item.label)}
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
        <footer class="utrecht-page-footer irisdesk-footer">
          <p class="utrecht-paragraph">{t('layout.footer')}</p>
        </footer>
      </body>
    </html>
  );
}
