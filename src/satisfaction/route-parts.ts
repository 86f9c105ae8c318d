// Small pieces the satisfaction routes and the operations routes share: the dashboards' query string, the
// organisation as their JSON shows it, and the open data answers (headers, head, one data set's two routes).
import { Type, type Static, type TSchema } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../platform/http/types.ts';
import { errorResponses } from '../platform/http/schemas.ts';
import type { LocalizedText } from '../platform/i18n/languages.ts';
import { OpenDataHead, OpenDataQuery, PeriodSchema } from './schemas.ts';
import type { Period } from './service.ts';

/** The request's query string without empty parameters and `lang`, for the dashboards' export links. */
export function queryOf(request: FastifyRequest): string {
  const index = request.url.indexOf('?');
  if (index < 0) return '';
  const params = new URLSearchParams(request.url.slice(index + 1));
  for (const key of [...params.keys()]) if (!params.get(key) || key === 'lang') params.delete(key);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** An organisation as the dashboards' JSON shows it. */
export const organisationJson = (organisation: { code: string; kind: string; name: LocalizedText }) => ({
  code: organisation.code,
  kind: organisation.kind,
  name: organisation.name,
});

/** Open data: cached for an hour, readable from any origin. */
export const openDataHeaders = (reply: FastifyReply) => reply.header('cache-control', 'public, max-age=3600').header('access-control-allow-origin', '*');

export function sendOpenDataCsv(reply: FastifyReply, body: string) {
  return openDataHeaders(reply.header('content-type', 'text/csv; charset=utf-8')).send(body);
}

/** The fields every open data JSON document starts with (`OpenDataHead` is their schema). */
export const openDataHead = (title: string, publicUrl: string) => ({ title, license: 'CC0-1.0', catalog: `${publicUrl}/api/v1/opendata/catalog.jsonld` });

/** An open data set: `/api/v1/opendata/{name}.json` (the common head, the period and the rows) and `{name}.csv`. */
export function openDataSet<R>(
  app: App,
  publicUrl: string,
  name: string,
  set: {
    summary: string;
    title: string;
    row: TSchema;
    load: (query: Static<typeof OpenDataQuery>) => Promise<{ period: Period; rows: R[] }>;
    csv: (rows: R[]) => string;
  },
) {
  app.get(
    `/api/v1/opendata/${name}.json`,
    {
      schema: {
        tags: ['open data'],
        summary: set.summary,
        querystring: OpenDataQuery,
        response: { 200: Type.Object({ ...OpenDataHead, period: PeriodSchema, rows: Type.Array(set.row) }), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const data = await set.load(request.query);
      openDataHeaders(reply);
      return { ...openDataHead(set.title, publicUrl), ...data };
    },
  );
  app.get(
    `/api/v1/opendata/${name}.csv`,
    { schema: { tags: ['open data'], summary: 'The same, as CSV', querystring: OpenDataQuery, produces: ['text/csv'], response: errorResponses(400) } },
    async (request, reply) => sendOpenDataCsv(reply, set.csv((await set.load(request.query)).rows)),
  );
}
