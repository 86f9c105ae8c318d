// The SQL of the console's search box (decision 0047). Visibility is the inboxes' rule: the organisation is a
// parameter of every query and a request of another organisation is never returned. A reference, an e-mail
// address or a phone number is looked up exactly; anything else goes through the full-text document of
// migration 0052, each word matched without stemming (names, prefixes) or with the stemming of French, Dutch
// or English, whatever the request's language.
import type { Queryable } from '../../../platform/db/database.ts';
import type { LocalizedText } from '../../../platform/i18n/languages.ts';
import type { RequestStatus } from '../../model.ts';

export interface SearchRow {
  id: string;
  reference: string;
  subject: string;
  status: RequestStatus;
  organisationName: LocalizedText;
  partyName: string;
  mergedIntoReference: string | null;
  updatedAt: Date;
}

export type SearchTerms =
  { kind: 'reference'; reference: string } | { kind: 'email'; email: string } | { kind: 'phone'; phones: string[] } | { kind: 'words'; words: string[] };

const COLUMNS = `r.id, r.reference, r.subject, r.status, o.name AS "organisationName", p.name AS "partyName",
  mr.reference AS "mergedIntoReference", r.updated_at AS "updatedAt"`;
const JOINS = `JOIN organisations o ON o.id = r.organisation_id
  JOIN cc_parties p ON p.id = r.party_id
  LEFT JOIN cc_requests mr ON mr.id = r.merged_into_id`;

/** One word: as written (a prefix) or stemmed in one of the three languages. */
const wordQuery = (param: string) =>
  `(to_tsquery('simple', ${param} || ':*') || plainto_tsquery('french', ${param}) || plainto_tsquery('dutch', ${param}) || plainto_tsquery('english', ${param}))`;

/** The SQL of a search (exported for EXPLAIN in the bench). Words must be letters and digits only. */
export function searchSql(organisationId: string, terms: SearchTerms, limit: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [organisationId, limit];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  let where: string;
  if (terms.kind === 'reference') where = `r.reference = ${add(terms.reference)}`;
  else if (terms.kind === 'email') where = `r.party_id IN (SELECT id FROM cc_parties WHERE organisation_id = $1 AND email = ${add(terms.email)})`;
  else if (terms.kind === 'phone') where = `r.party_id IN (SELECT id FROM cc_parties WHERE organisation_id = $1 AND phone = ANY(${add(terms.phones)}::text[]))`;
  else {
    const query = terms.words.map((word) => wordQuery(`unaccent(${add(word)})`)).join(' && ');
    where = `r.id IN (SELECT request_id FROM cc_request_search WHERE organisation_id = $1 AND document @@ (${query}))`;
  }
  return {
    sql: `SELECT ${COLUMNS} FROM cc_requests r ${JOINS}
           WHERE r.organisation_id = $1 AND ${where}
           ORDER BY r.updated_at DESC, r.id DESC LIMIT $2`,
    params,
  };
}

/** Up to this many matches of words are sorted directly; more (a common word) walk the newest requests instead. */
const FEW_MATCHES = 2000;

export async function searchRequests(db: Queryable, organisationId: string, terms: SearchTerms, limit: number): Promise<SearchRow[]> {
  if (terms.kind === 'words') {
    // The planner cannot tell a rare word from a common one: find the matches through the GIN index first
    // (a name found in 200 of 100,000 requests would otherwise walk tens of thousands of rows).
    const params: unknown[] = [organisationId];
    const query = terms.words.map((word) => (params.push(word), wordQuery(`unaccent($${params.length})`))).join(' && ');
    const { rows: matches } = await db.query<{ id: string }>(
      `SELECT request_id AS id FROM cc_request_search WHERE organisation_id = $1 AND document @@ (${query}) LIMIT ${FEW_MATCHES + 1}`,
      params,
    );
    if (matches.length <= FEW_MATCHES) {
      if (matches.length === 0) return [];
      const { rows } = await db.query<SearchRow>(
        `SELECT ${COLUMNS} FROM cc_requests r ${JOINS}
          WHERE r.organisation_id = $1 AND r.id = ANY($2::uuid[])
          ORDER BY r.updated_at DESC, r.id DESC LIMIT $3`,
        [organisationId, matches.map((m) => m.id), limit],
      );
      return rows;
    }
  }
  const { sql, params } = searchSql(organisationId, terms, limit);
  const { rows } = await db.query<SearchRow>(sql, params);
  return rows;
}
