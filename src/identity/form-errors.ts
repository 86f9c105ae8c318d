// The two ways a sign-in form's post goes wrong, read once for the sign-in, two-step and organisation sign-in routes.
import type { FastifyRequest } from 'fastify';
import { AppError, fieldErrorsFromValidation, type FieldError } from '../platform/http/errors.ts';
import { toAppError } from '../platform/http/error-handler.tsx';

/** The field errors of a body that failed its schema (routes with attachValidation), or undefined. */
export function validationFields(request: FastifyRequest): FieldError[] | undefined {
  const error = request.validationError as (Error & { validation?: never[] }) | undefined;
  return error?.validation ? fieldErrorsFromValidation(error.validation) : undefined;
}

/** A refusal the page shows (wrong code, throttled, refused); anything else (a 5xx) goes to the error handler. */
export function shownError(raw: unknown): AppError {
  const error = toAppError(raw as Error);
  if (!(error instanceof AppError) || error.status >= 500) throw raw;
  return error;
}
