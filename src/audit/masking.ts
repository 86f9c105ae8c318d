// What a platform administrator sees of another organisation's audit entries without a support access (issue 18
// item 5, decision 0059): the platform runs without reading citizens' data, and an entry's details or subject may
// carry some (a name, an e-mail address, a file name, a reason typed by someone). Kept: numbers, booleans and
// short codes ("close", "other_organisation", "request.created"), ids (UUIDs, pseudonyms of erased people); every
// other text is replaced, and so is any value under a key known to hold personal data, whatever it looks like.
import { UUID_PATTERN } from '../platform/http/schemas.ts';

export const MASKED = '[masked]';

/** Lower-case words joined by `_ . : -`: the vocabulary of the code, never what a person typed. */
const CODE = /^[a-z][a-z0-9]*(?:[_.:-][a-z0-9]+)*$/;
const PSEUDONYM = /^erased:[0-9a-f]{16}$/;
/** An operation as an API token's use records it: method and route pattern (`GET /api/v1/requests/:reference`). */
const OPERATION = /^(?:GET|HEAD|POST|PUT|PATCH|DELETE) \/[A-Za-z0-9/:._-]*$/;
const CODE_MAX = 64;

/** Keys whose values are personal data even when they look like a code (a lower-case file name, a login). */
const PERSONAL_KEYS = new Set([
  'name',
  'email',
  'phone',
  'to',
  'from',
  'subject',
  'reference',
  'query',
  'search',
  'reason',
  'filename',
  'dropped',
  'infected',
  'detail',
  'answer',
  'question',
  'body',
  'text',
  'comment',
  'address',
]);

function isSafeText(value: string): boolean {
  return UUID_PATTERN.test(value) || PSEUDONYM.test(value) || OPERATION.test(value) || (value.length <= CODE_MAX && CODE.test(value));
}

function maskValue(value: unknown): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return isSafeText(value) ? value : MASKED;
  if (Array.isArray(value)) return value.map(maskValue);
  if (typeof value === 'object') return maskDetails(value as Record<string, unknown>);
  return MASKED;
}

/** The details with every value that could name or describe a person replaced by MASKED. */
export function maskDetails(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).map(([key, value]) => [key, PERSONAL_KEYS.has(key) && value !== null ? MASKED : maskValue(value)]));
}

/** The subject id when it is an id (a UUID, a pseudonym, a code), MASKED otherwise (an e-mail address, a reference). */
export function maskSubjectId(subjectId: string | null): string | null {
  return subjectId === null || isSafeText(subjectId) ? subjectId : MASKED;
}
