// The edge check behind the schemas: after validation, a request whose decoded path parameters, query or body
// still hold a NUL byte, another control character or a lone surrogate is refused with a 400 naming the field.
// The schemas' Text() is the root fix (an API answer lists the field with its message); this catches a field a
// schema left as a bare string, and a form whose handler would use a value before PostgreSQL refuses it.
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import { hasForbiddenCharacter } from './schemas.ts';

/** The dotted path of the first string holding a forbidden character, or undefined. */
export function forbiddenCharacterAt(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return hasForbiddenCharacter(value) ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (hasForbiddenCharacter(key)) return path ? `${path}.${key}` : key;
    const found = forbiddenCharacterAt(inner, path ? `${path}.${key}` : key);
    if (found !== undefined) return found;
  }
  return undefined;
}

export async function rejectForbiddenCharacters(request: FastifyRequest): Promise<void> {
  // Also when a form's schema failed (attachValidation): its handler still reads the path parameters and
  // re-renders the form, sometimes after a look-up with the values posted.
  for (const part of ['params', 'query', 'body'] as const) {
    const field = forbiddenCharacterAt(request[part]);
    if (field !== undefined) {
      throw new AppError(400, 'validation.failed', { fields: [{ field: field || part, code: 'validation.text' }] });
    }
  }
}
