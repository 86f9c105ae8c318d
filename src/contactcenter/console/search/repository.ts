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

/**
 * The tsquery of some words, built once by the database (unaccent, the prefix and the three stemmings) and
 * answered as text, to be passed back as a constant. Written inline, the expression was built again for every
 * request walked or rechecked (unaccent() is only STABLE, so it is not folded when planning): a walk over the
 * newest requests for two or three common words spent most of its time there (bench console-search).
 */
export async function buildTsquery(db: Queryable, words: string[]): Promise<string> {
  const query = words.map((_, i) => wordQuery(`unaccent($${i + 1})`)).join(' && ');
  const { rows } = await db.query<{ query: string }>(`SELECT (${query})::text AS query`, words);
  return rows[0]!.query;
}

/**
 * The SQL of a search (exported for EXPLAIN in the bench). Words come as their tsquery (buildTsquery): a
 * constant, so the planner estimates how many requests match, and each row's check is the match alone.
 */
export function searchSql(organisationId: string, terms: SearchTerms, limit: number, tsquery = ''): { sql: string; params: unknown[] } {
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
    where = `r.id IN (SELECT request_id FROM cc_request_search WHERE organisation_id = $1 AND document @@ ${add(tsquery)}::tsquery)`;
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
  let tsquery = '';
  if (terms.kind === 'words') {
    tsquery = await buildTsquery(db, terms.words);
    // The planner cannot tell a rare word from a common one: find the matches through the GIN index first
    // (a name found in 200 of 100,000 requests would otherwise walk tens of thousands of rows).
    const { rows: matches } = await db.query<{ id: string }>(
      `SELECT request_id AS id FROM cc_request_search WHERE organisation_id = $1 AND document @@ $2::tsquery LIMIT ${FEW_MATCHES + 1}`,
      [organisationId, tsquery],
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
  const { sql, params } = searchSql(organisationId, terms, limit, tsquery);
  const { rows } = await db.query<SearchRow>(sql, params);
  return rows;
}
