// HTTP for the operations indicators (docs/decisions/0018-operations-indicators.md): an organisation's figures
// and the regional comparison as JSON, CSV and pages, and the operations open data set. The satisfaction
// module's routes.tsx registers them; the public barometer there shows the service levels.
import { Type } from 'typebox';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { sendCsvAttachment } from '../../platform/http/csv.ts';
import { errorResponses, LangParams } from '../../platform/http/schemas.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { requireActorPage } from '../../identity/guards.ts';
import { dashboardCsv, OPERATIONS_CSV_COLUMNS, operationsOpenDataCsv, operationsValues, regionCsv } from '../exports.ts';
import { Code, organisationFiguresSchema, OrganisationMonthRow, OrganisationQuery, OrgParams, regionFiguresSchema, session } from '../schemas.ts';
import { openDataSet, organisationJson, queryOf } from '../route-parts.ts';
import { ByHour, Freshness, Ops, RegionOperationsQuery } from './schemas.ts';
import { OrganisationOperationsPage, RegionalOperationsPage } from './pages.tsx';

export function operationsRoutes(app: App, { operationsIndicators, config }: Services) {
  app.get(
    '/api/v1/satisfaction/organisations/:code/operations',
    {
      schema: {
        tags: ['satisfaction'],
        summary: 'Operations figures of an organisation: total, previous period, per month, channel, service, contact point and hour',
        security: session,
        params: OrgParams,
        querystring: OrganisationQuery,
        response: {
          200: organisationFiguresSchema('operations', Ops, 'records', Freshness, { byHour: ByHour }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const data = await operationsIndicators.organisationOperations(requireActorPage(request), request.params.code, request.query);
      return { ...data, asOf: data.asOf ? new Date(data.asOf).toISOString() : null, organisation: organisationJson(data.organisation) };
    },
  );

  app.get(
    '/api/v1/satisfaction/organisations/:code/operations/export.csv',
    {
      schema: {
        tags: ['satisfaction'],
        summary: 'The same operations figures as CSV',
        security: session,
        params: OrgParams,
        querystring: OrganisationQuery,
        produces: ['text/csv'],
        response: errorResponses(400, 401, 403, 404),
      },
    },
    async (request, reply) => {
      const data = await operationsIndicators.organisationOperations(requireActorPage(request), request.params.code, request.query);
      const hours = data.byHour.map((h) => ['hour', String(h.hour), h.contacts, h.contacts]);
      const csv = dashboardCsv(data, 'operations', OPERATIONS_CSV_COLUMNS, operationsValues, hours);
      return sendCsvAttachment(reply, `operations-${data.organisation.code}-${data.period.from}-${data.period.to}.csv`, csv);
    },
  );

  app.get(
    '/api/v1/satisfaction/region/operations',
    {
      schema: {
        tags: ['satisfaction'],
        summary: 'Operations figures of the organisations compared (competence center): suppressed under 10 records, no personal data',
        security: session,
        querystring: RegionOperationsQuery,
        response: {
          200: regionFiguresSchema('operations', Ops, Freshness, { byHour: ByHour }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const data = await operationsIndicators.regionalOperations(requireActorPage(request), request.query);
      return { ...data, asOf: data.asOf ? new Date(data.asOf).toISOString() : null };
    },
  );

  app.get(
    '/api/v1/satisfaction/region/operations/export.csv',
    {
      schema: {
        tags: ['satisfaction'],
        summary: 'Operations figures of the organisations compared, as CSV',
        security: session,
        querystring: RegionOperationsQuery,
        produces: ['text/csv'],
        response: errorResponses(400, 401, 403),
      },
    },
    async (request, reply) => {
      const data = await operationsIndicators.regionalOperations(requireActorPage(request), request.query);
      return sendCsvAttachment(
        reply,
        `operations-region-${data.period.from}-${data.period.to}.csv`,
        regionCsv(data.organisations, 'operations', OPERATIONS_CSV_COLUMNS, operationsValues),
      );
    },
  );

  app.get(
    '/:lang/satisfaction/organisations/:code/operations',
    { schema: { hide: true, params: Type.Object({ lang: LangParams.properties.lang, code: Code }), querystring: OrganisationQuery } },
    async (request, reply) => {
      const data = await operationsIndicators.organisationOperations(requireActorPage(request), request.params.code, request.query);
      return renderPage(request, reply, <OrganisationOperationsPage data={data} apiQuery={queryOf(request)} />);
    },
  );

  app.get(
    '/:lang/satisfaction/region/operations',
    { schema: { hide: true, params: LangParams, querystring: RegionOperationsQuery } },
    async (request, reply) => {
      const data = await operationsIndicators.regionalOperations(requireActorPage(request), request.query);
      return renderPage(request, reply, <RegionalOperationsPage data={data} rankBy={request.query.rank ?? 'contacts'} apiQuery={queryOf(request)} />);
    },
  );

  openDataSet(app, config.publicUrl, 'operations', {
    summary:
      'Published operations figures per organisation and month (36 months by default; rates and means under 10 records and incident counts under 10 suppressed)',
    title: 'IrisDesk – operations indicators of public services',
    row: Type.Object({ ...OrganisationMonthRow, operations: Ops }),
    load: (query) => operationsIndicators.openData(query),
    csv: operationsOpenDataCsv,
  });
}
