// Small parsers and the field error shared by the appointments service's parts.
import { AppError, type FieldError } from '../platform/http/errors.ts';

export const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A 400 with one field error (the form shows it next to the field). */
export const fieldError = (field: string, code: string, values?: FieldError['values']) =>
  new AppError(400, 'validation.failed', { fields: [{ field, code, ...(values ? { values } : {}) }] });

/** Parses YYYY-MM-DD strictly (a real calendar date). */
export function parseDate(value: string): string | undefined {
  if (!DATE.test(value)) return undefined;
  const d = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : undefined;
}
