// Renders a Preact tree to an HTML response. Preact escapes every text and attribute by default; nothing in
// IrisDesk uses dangerouslySetInnerHTML except JSON-LD, which goes through jsonForScript().
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { isLanguage } from '../i18n/languages.ts';
import { translator } from '../i18n/messages.ts';
import { PageContext, type PageContextValue } from './context.ts';
import { assetUrls } from '../http/assets.ts';

function pageContext(request: FastifyRequest, reply: FastifyReply): PageContextValue {
  const [pathname = '/', query = ''] = request.url.split('?');
  const first = pathname.split('/')[1];
  const localized = isLanguage(first);
  const rest = localized ? pathname.slice(first.length + 1) : pathname;
  let token: string | undefined;
  return {
    lang: request.lang,
    t: translator(request.lang),
    actor: request.actor,
    pathWithoutLang: `${rest}${query ? `?${query}` : ''}`,
    localized,
    csrfToken: () => (token ??= reply.generateCsrf()),
    assets: assetUrls(),
    publicUrl: request.server.publicUrl,
  };
}

function renderHtml(request: FastifyRequest, reply: FastifyReply, node: VNode): string {
  return renderToString(<PageContext.Provider value={pageContext(request, reply)}>{node}</PageContext.Provider>);
}

/**
 * A whole page as HTML, and whether it holds something of this visitor's (a CSRF token, a signed-in actor):
 * such a page must not be shared by the page cache (page-cache.ts).
 */
export function renderDocument(request: FastifyRequest, reply: FastifyReply, page: VNode): { html: string; personal: boolean } {
  const context = pageContext(request, reply);
  let personal = request.actor !== undefined && request.actor !== null;
  const csrfToken = context.csrfToken;
  context.csrfToken = () => {
    personal = true;
    return csrfToken();
  };
  const html = `<!doctype html>${renderToString(<PageContext.Provider value={context}>{page}</PageContext.Provider>)}`;
  return { html, personal };
}

export function renderPage(request: FastifyRequest, reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>${renderHtml(request, reply, page)}`);
}

/** Renders a component alone (no page frame, no doctype), for an enhancement script to insert into a page. */
export function renderFragment(request: FastifyRequest, reply: FastifyReply, node: VNode): FastifyReply {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(renderHtml(request, reply, node));
}

/** JSON safe to embed in <script type="application/ld+json">: no "</script>" can close the element early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c').replaceAll('>', '\\u003e').replaceAll('&', '\\u0026');
}
