// HTTP of the console's search and of merge/split (decision 0047): the public contract
// GET /api/v1/console/search?q=… and POST /api/v1/console/requests/{reference}/merge {"into"}, the search page
// and the request page's merge, unmerge and split forms. The role gate of /{lang}/console and /api/v1/console
// (contactConsoleRoutes) already applies; the record rules are in the services.
import { Type } from 'typebox';
import type { App } from '../../../platform/http/types.ts';
import type { Services } from '../../../services.ts';
import { errorResponses, LangParams, Text } from '../../../platform/http/schemas.ts';
import { requireActorPage } from '../../../identity/guards.ts';
import { renderPage } from '../../../platform/views/render.tsx';
import { pickText } from '../../../platform/i18n/languages.ts';
import { REQUEST_STATUSES } from '../../model.ts';
import { SearchPage } from './page.tsx';

const SearchQuery = Type.Object({ q: Type.Optional(Text({ maxLength: 200 })) });
const ReferenceParams = Type.Object({ reference: Text({ maxLength: 40 }) });
const SearchResult = Type.Object({
  reference: Type.String(),
  subject: Type.String(),
  status: Type.Enum(REQUEST_STATUSES),
  organisation: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
  mergedInto: Type.Optional(Type.String()),
});

export function consoleSearchRoutes(app: App, services: Services) {
  const { consoleSearch, requestMerge } = services;

  app.get(
    '/api/v1/console/search',
    {
      schema: {
        tags: ['contact center'],
        summary: 'Search the requests the signed-in agent may see: a reference, an e-mail, a phone number, a name or words of the conversation',
        security: [{ session: [] }],
        querystring: SearchQuery,
        response: { 200: Type.Object({ results: Type.Array(SearchResult) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const actor = requireActorPage(request);
      const rows = await consoleSearch.search(actor, request.query.q ?? '', request.id);
      return {
        results: rows.map((row) => ({
          reference: row.reference,
          subject: row.subject,
          status: row.status,
          organisation: pickText(row.organisationName, request.lang).text,
          updatedAt: new Date(row.updatedAt).toISOString(),
          ...(row.mergedIntoReference ? { mergedInto: row.mergedIntoReference } : {}),
        })),
      };
    },
  );

  app.get('/:lang/console/search', { schema: { hide: true, params: LangParams, querystring: SearchQuery } }, async (request, reply) => {
    const actor = requireActorPage(request);
    const q = request.query.q?.trim() ?? '';
    const results = q ? await consoleSearch.search(actor, q, request.id) : null;
    return renderPage(request, reply, <SearchPage q={q} results={results} />);
  });

  app.post(
    '/api/v1/console/requests/:reference/merge',
    {
      schema: {
        tags: ['contact center'],
        summary: 'Merge a duplicate request into another of the organisation: conversation, tasks, contacts and clocks combine',
        description: `The merged reference keeps answering the citizen's status look-up with the surviving request's status and "mergedInto". Undone with …/unmerge within ${30} days.`,
        security: [{ session: [] }],
        params: ReferenceParams,
        body: Type.Object({ into: Text({ minLength: 1, maxLength: 40 }) }),
        response: { 200: Type.Object({ reference: Type.String(), mergedInto: Type.String() }), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const result = await requestMerge.merge(requireActorPage(request), request.params.reference, request.body.into, request.id);
      return { reference: result.reference, mergedInto: result.into };
    },
  );

  app.post(
    '/api/v1/console/requests/:reference/unmerge',
    {
      schema: {
        tags: ['contact center'],
        summary: 'Undo the merge of a request (within the period): what was moved goes back, clocks and status as they were',
        security: [{ session: [] }],
        params: ReferenceParams,
        response: { 200: Type.Object({ reference: Type.String(), unmergedFrom: Type.String() }), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const result = await requestMerge.unmerge(requireActorPage(request), request.params.reference, request.id);
      return { reference: result.reference, unmergedFrom: result.from };
    },
  );
}
