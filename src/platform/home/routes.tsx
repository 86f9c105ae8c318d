// The public home page and the language negotiation at "/".
import type { App } from '../http/types.ts';
import { LangParams } from '../http/schemas.ts';
import { negotiateLanguage } from '../i18n/languages.ts';
import { renderPage } from '../views/render.tsx';
import { HomePage } from './HomePage.tsx';

export function homeRoutes(app: App) {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    reply.header('vary', 'accept-language');
    return reply.redirect(`/${negotiateLanguage(request.headers['accept-language'])}`, 302);
  });
  app.get('/:lang', { schema: { hide: true, params: LangParams } }, async (request, reply) => renderPage(request, reply, <HomePage />));
}
