// One error type for expected refusals and one envelope for the API:
//   { "error": { "code", "message", "status", "fields"? } }
// `code` is also the translation key (errors.<code>) used by the HTML error page.
import type { MessageValues } from '../i18n/messages.ts';
import { FILLED_TEXT_PATTERN, TEXT_PATTERN } from './schemas.ts';

export interface FieldError {
  /** Dotted path of the field, e.g. "email" or "address.postalCode". */
  field: string;
  /** Translation key, e.g. "validation.required". */
  code: string;
  values?: MessageValues;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    /** Stable machine code and the message key (errors.<code>). */
    readonly code: string,
    readonly options: { fields?: FieldError[]; values?: MessageValues; headers?: Record<string, string> } = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export interface ErrorEnvelope {
  error: {
    code: string;
    message: string;
    status: number;
    fields?: Array<{ field: string; code: string; message: string }>;
  };
}

/** Maps Ajv validation errors (as Fastify reports them) to field errors with translation keys. */
export function fieldErrorsFromValidation(validation: ReadonlyArray<{ keyword: string; instancePath: string; params: Record<string, unknown> }>): FieldError[] {
  const seen = new Set<string>();
  const fields: FieldError[] = [];
  // In an optional form field (EmptyOr: '' or a date) the "not ''" and "no branch matched" errors come first;
  // the useful one is the last branch's (format, pattern…).
  const rank = (keyword: string) => (keyword === 'anyOf' ? 2 : keyword === 'const' ? 1 : 0);
  for (const issue of [...validation].sort((a, b) => rank(a.keyword) - rank(b.keyword))) {
    let field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    if (issue.keyword === 'required' && typeof issue.params.missingProperty === 'string') {
      field = field ? `${field}.${issue.params.missingProperty}` : issue.params.missingProperty;
    }
    if (issue.keyword === 'additionalProperties' && typeof issue.params.additionalProperty === 'string') {
      field = field ? `${field}.${issue.params.additionalProperty}` : issue.params.additionalProperty;
    }
    if (seen.has(field)) continue; // one message per field: the first problem is the one to fix
    seen.add(field);
    const keyword =
      issue.keyword === 'pattern' && issue.params.pattern === TEXT_PATTERN
        ? 'text'
        : issue.keyword === 'pattern' && issue.params.pattern === FILLED_TEXT_PATTERN
          ? 'filledText'
          : KNOWN_KEYWORDS.has(issue.keyword)
            ? issue.keyword
            : 'invalid';
    const values: MessageValues = {};
    for (const [key, value] of Object.entries(issue.params)) {
      if (typeof value === 'string' || typeof value === 'number') values[key] = value;
      if (Array.isArray(value)) values[key] = value.join(', ');
    }
    fields.push({ field: field || 'body', code: `validation.${keyword}`, values });
  }
  return fields;
}

const KNOWN_KEYWORDS = new Set([
  'required',
  'type',
  'format',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'enum',
  'pattern',
  'additionalProperties',
  'minItems',
  'maxItems',
  'const',
]);
