// The public home page, the language negotiation at "/", the accessibility statement and the open data page;
// and the one rule for addresses that end with a slash ("/fr/"): a permanent redirect to the same address without
// it, so that every page has one canonical URL.
import type { App } from '../http/types.ts';
import { LangParams } from '../http/schemas.ts';
import { negotiateLanguage } from '../i18n/languages.ts';
import { localPath } from '../http/local-path.ts';
import { renderPage } from '../views/render.tsx';
import { createPageCache } from '../views/page-cache.ts';
import type { Services } from '../../services.ts';
import { HomePage } from './HomePage.tsx';
import { AccessibilityPage } from './AccessibilityPage.tsx';
import { OpenDataPage } from './OpenDataPage.tsx';

/** The canonical form of a path that ends with "/" (not "/" itself), or undefined when it has none or leaves the site. */
export function withoutTrailingSlash(url: string): string | undefined {
  const [path = '', query] = url.split(/\?(.*)/s);
  if (path.length < 2 || !path.endsWith('/')) return undefined;
  const trimmed = path.replace(/\/+$/, '') || '/';
  // "//evil.example/" or "/\evil.example/" would leave the site once trimmed: localPath refuses them.
  return localPath(query === undefined ? trimmed : `${trimmed}?${query}`, 2000);
}

export function homeRoutes(app: App, services: Pick<Services, 'catalogue' | 'home'>) {
  app.addHook('onRequest', async (request, reply) => {
    const target = withoutTrailingSlash(request.url);
    if (!target) return;
    // 301 for reads; 308 keeps the method and body of anything else.
    return reply.redirect(target, request.method === 'GET' || request.method === 'HEAD' ? 301 : 308);
  });
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    reply.header('vary', 'accept-language');
    return reply.redirect(`/${negotiateLanguage(request.headers['accept-language'])}`, 302);
  });
  // Rendered once per language, catalogue generation and minute (waiting times, open now; decision 0044).
  const pages = createPageCache({ max: 20 });
  app.get('/:lang', { schema: { hide: true, params: LangParams } }, async (request, reply) =>
    pages.send(request, reply, `${await services.catalogue.generation()}|${Math.floor(Date.now() / 60_000)}`, async () => {
      const [themes, lifeEvents, contactPoints] = await Promise.all([
        services.catalogue.listThemes(),
        services.catalogue.listLifeEvents(),
        services.home.contactPoints(),
      ]);
      return <HomePage themes={themes} lifeEvents={lifeEvents} contactPoints={contactPoints} />;
    }),
  );
  app.get('/:lang/accessibility', { schema: { hide: true, params: LangParams } }, async (request, reply) => renderPage(request, reply, <AccessibilityPage />));
  app.get('/:lang/open-data', { schema: { hide: true, params: LangParams } }, async (request, reply) => renderPage(request, reply, <OpenDataPage />));
}
