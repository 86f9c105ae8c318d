// The one way an HTML form post is handled: schema errors and refused actions re-render the same form with
// an error summary (status 400/403/409…), success redirects (POST-redirect-GET).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { AppError, fieldErrorsFromValidation, type FieldError } from './errors.ts';
import { toAppError } from './error-handler.tsx';
import { renderPage } from '../views/render.tsx';

export async function handleForm(
  request: FastifyRequest,
  reply: FastifyReply,
  renderForm: (errors: FieldError[]) => VNode | Promise<VNode>,
  action: () => Promise<string>,
): Promise<FastifyReply> {
  const validation = (request.validationError as (Error & { validation?: never[] }) | undefined)?.validation;
  if (validation) return renderPage(request, reply, await renderForm(fieldErrorsFromValidation(validation)), 400);
  try {
    const location = await action();
    return reply.redirect(location, 303);
  } catch (raw) {
    const error = toAppError(raw as Error);
    if (!(error instanceof AppError) || error.status >= 500 || error.status === 404 || error.status === 401) throw raw;
    const fields = error.options.fields?.length ? error.options.fields : [{ field: 'form', code: `errors.${error.code}`, values: error.options.values }];
    return renderPage(request, reply, await renderForm(fields), error.status);
  }
}
