// Turns every failure into a clear answer in the user's language: the JSON envelope under /api, an HTML
// page elsewhere. Expected refusals keep their status; anything unexpected is logged with the request id
// and shown as a plain 500 without internals.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { translator } from '../i18n/messages.ts';
import { AppError, fieldErrorsFromValidation, type ErrorEnvelope, type FieldError } from './errors.ts';
import { renderPage } from '../views/render.tsx';
import { ErrorPage } from '../views/ErrorPage.tsx';
import { isDatabaseUnavailable } from '../db/unavailable.ts';

/** Seconds a client is asked to wait when the database is away (a restart or failover takes a few). */
export const DATABASE_RETRY_AFTER_S = 5;

/** Fastify's and its plugins' own errors, mapped to IrisDesk codes. */
const FRAMEWORK_CODES: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'request.malformed' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'request.malformed' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'request.too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'request.unsupported_media_type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'request.malformed' },
  FST_ERR_CTP_INVALID_TYPE: { status: 400, code: 'request.malformed' },
  FST_CSRF_MISSING_SECRET: { status: 403, code: 'csrf.invalid' },
  FST_CSRF_INVALID_TOKEN: { status: 403, code: 'csrf.invalid' },
  FST_ERR_BAD_URL: { status: 400, code: 'request.malformed' },
};

/** SQLSTATEs of a value PostgreSQL refuses: bad text (22P05, 22021), dates (22007, 22008), numbers (22003),
 * input syntax (22P02) and CHECK constraints (23514). */
const REFUSED_VALUE_CODES = new Set(['22P05', '22021', '22007', '22008', '22003', '22P02', '23514']);

export function isRefusedValue(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && REFUSED_VALUE_CODES.has(code);
}

export function toAppError(error: FastifyError | AppError | Error): AppError {
  if (error instanceof AppError) return error;
  // The database restarting, failing over or hanging: a temporary state, not a fault of this request (decision 0023).
  if (isDatabaseUnavailable(error)) {
    return new AppError(503, 'database_unavailable', { headers: { 'retry-after': String(DATABASE_RETRY_AFTER_S) } });
  }
  // PostgreSQL refusing a value means a schema let bad input through (a bug to fix there, logged as a warning);
  // the user still gets a 400 rather than a 500.
  if (isRefusedValue(error)) return new AppError(400, 'request.invalid_value');
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    // A page under an unknown language prefix ("/de/login") is a page that does not exist.
    if (fastifyError.validationContext === 'params' && fastifyError.validation.some((v) => v.instancePath === '/lang')) {
      return new AppError(404, 'language_not_available');
    }
    return new AppError(400, 'validation.failed', { fields: fieldErrorsFromValidation(fastifyError.validation) });
  }
  const known = fastifyError.code ? FRAMEWORK_CODES[fastifyError.code] : undefined;
  if (known) return new AppError(known.status, known.code);
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) return new AppError(400, 'request.malformed');
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) return new AppError(status, 'request.invalid');
  return new AppError(500, 'internal');
}

export function envelope(request: FastifyRequest, error: AppError): ErrorEnvelope {
  const t = translator(request.lang);
  const fields = error.options.fields?.map((field: FieldError) => ({
    field: field.field,
    code: field.code,
    message: t(field.code, { ...field.values, field: field.field }),
  }));
  return {
    error: {
      code: error.code,
      message: t(`errors.${error.code}`, error.options.values),
      status: error.status,
      ...(fields && fields.length > 0 ? { fields } : {}),
    },
  };
}

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || String(request.headers.accept ?? '').startsWith('application/json');
}

export function handleError(raw: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const error = toAppError(raw);
  if (error.code === 'database_unavailable') request.log.warn({ err: raw, reqId: request.id }, 'request failed: the database is unavailable');
  else if (error.status >= 500) request.log.error({ err: raw, reqId: request.id }, 'request failed');
  else if (isRefusedValue(raw)) request.log.warn({ err: raw, reqId: request.id }, 'request refused by the database: a schema lets this value through');
  else request.log.info({ code: error.code, status: error.status }, 'request refused');
  for (const [name, value] of Object.entries(error.options.headers ?? {})) reply.header(name, value);
  if (isApiRequest(request)) {
    if (error.status === 401) reply.header('www-authenticate', 'Cookie realm="IrisDesk"');
    return reply.code(error.status).header('cache-control', 'no-store').send(envelope(request, error));
  }
  if (error.status === 401 && request.method === 'GET') {
    return reply.redirect(`/${request.lang}/login?next=${encodeURIComponent(request.url)}`, 303);
  }
  return renderPage(request, reply, <ErrorPage error={error} requestId={request.id} />, error.status);
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply) {
  const first = request.url.split('?')[0]!.split('/')[1] ?? '';
  // "/de/…": a language prefix we do not have gets its own message.
  const error = /^[a-z]{2}$/.test(first) && !['fr', 'nl', 'en'].includes(first) ? new AppError(404, 'language_not_available') : new AppError(404, 'not_found');
  return handleError(error, request, reply);
}
