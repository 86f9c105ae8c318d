// The console's one search box: what was typed is read as a reference, an e-mail address, a phone number or
// words (a name, words of the conversation), then searched among the requests of the agent's organisation
// only — the inboxes' rule of visibility (canUseConsole, the organisation as a parameter of the SQL).
import type { Database } from '../../../platform/db/database.ts';
import { authorise } from '../../../identity/guards.ts';
import type { Actor } from '../../../identity/actor.ts';
import { recordAudit } from '../../../audit/service.ts';
import { normaliseReference } from '../../references.ts';
import { canUseConsole } from '../authorisation.ts';
import { normalisePhone } from '../service.ts';
import { normalisePhoneNumber } from '../../../platform/sms/phone.ts';
import { searchRequests, type SearchRow, type SearchTerms } from './repository.ts';

export const SEARCH_LIMIT = 50;
const MAX_WORDS = 8;

/** How a query is read; null when nothing searchable is left (a single letter, punctuation only). */
export function parseSearch(input: string): SearchTerms | null {
  const text = input.trim();
  if (!text) return null;
  const reference = normaliseReference(text);
  if (reference) return { kind: 'reference', reference };
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) return { kind: 'email', email: text.toLowerCase() };
  if (/^\+?[0-9 ()./-]{6,}$/.test(text)) {
    // Both forms parties are stored in: E.164 (web form, intake) and the console's digits as typed.
    const phones = [...new Set([normalisePhoneNumber(text), normalisePhone(text)].filter((p): p is string => !!p))];
    if (phones.length) return { kind: 'phone', phones };
  }
  const words = (text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => word.length >= 2).slice(0, MAX_WORDS);
  return words.length ? { kind: 'words', words: words.map((word) => word.toLowerCase()) } : null;
}

export function consoleSearchService(db: Database) {
  return {
    /** The requests the actor may see that match the query, most recently changed first. Audited (no query text). */
    async search(actor: Actor, query: string, requestId?: string): Promise<SearchRow[]> {
      authorise(canUseConsole(actor));
      const terms = parseSearch(query);
      if (!terms) return [];
      const rows = await searchRequests(db, actor.organisationId, terms, SEARCH_LIMIT);
      await recordAudit(db, actor, 'read', { type: 'cc_request', id: null, organisationId: actor.organisationId }, requestId, {
        search: terms.kind,
        count: rows.length,
      });
      return rows;
    },
  };
}

export type ConsoleSearchService = ReturnType<typeof consoleSearchService>;
