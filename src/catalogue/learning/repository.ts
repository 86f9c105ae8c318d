// SQL of the orientation's learning loop (issue 16, migration 0032): "was this page useful?" answers, the search
// terms they propose to editors, the decisions on them, and the unmet questions of each month.
import type { Queryable } from '../../platform/db/database.ts';
import type { Language } from '../../platform/i18n/languages.ts';

export interface UsefulnessAnswer {
  serviceCode: string;
  lang: Language;
  useful: boolean;
  /** The search that led to the page (masked), if any. */
  query: string | null;
  /** "What were you looking for?" of a "no" (masked), if given. */
  lookingFor: string | null;
}

export async function insertUsefulness(db: Queryable, answer: UsefulnessAnswer): Promise<void> {
  await db.query(`INSERT INTO page_usefulness (service_code, lang, useful, query, looking_for) VALUES ($1, $2, $3, $4, $5)`, [
    answer.serviceCode,
    answer.lang,
    answer.useful,
    answer.query,
    answer.lookingFor,
  ]);
}

export const PROPOSAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export interface Proposal {
  id: string;
  serviceCode: string;
  lang: Language;
  term: string;
  evidence: number;
  /** How often the same words were searched without a good answer (content gaps, last 180 days). */
  gapCount: number;
  status: ProposalStatus;
  lastSeenAt: Date;
}

/** Counts one more answer for a proposal; a decided proposal only counts (a rejected term is never proposed again). */
export async function upsertProposal(db: Queryable, proposal: { serviceCode: string; lang: Language; term: string }): Promise<void> {
  await db.query(
    `INSERT INTO search_term_proposals (service_code, lang, term) VALUES ($1, $2, $3)
     ON CONFLICT (service_code, lang, term) DO UPDATE SET evidence = search_term_proposals.evidence + 1, last_seen_at = now()`,
    [proposal.serviceCode, proposal.lang, proposal.term],
  );
}

/** Weak guesses of searches without a good answer, asked at least `minimum` times in the last 90 days. */
export async function listRepeatedGuesses(
  db: Queryable,
  minimum: number,
): Promise<Array<{ query: string; lang: Language; serviceCode: string; count: number }>> {
  const { rows } = await db.query<{ query: string; lang: Language; serviceCode: string; count: number }>(
    `SELECT lower(query) AS query, lang, best_guess AS "serviceCode", count(*)::int AS count
       FROM content_gaps
      WHERE best_guess IS NOT NULL AND at > now() - interval '90 days'
      GROUP BY lower(query), lang, best_guess HAVING count(*) >= $1
      ORDER BY count(*) DESC LIMIT 500`,
    [minimum],
  );
  return rows;
}

/** A proposal from the content-gap log: no "useful" answer yet (evidence 0); an existing proposal stays as it is. */
export async function insertGapProposal(db: Queryable, proposal: { serviceCode: string; lang: Language; term: string }): Promise<void> {
  await db.query(
    `INSERT INTO search_term_proposals (service_code, lang, term, evidence) VALUES ($1, $2, $3, 0) ON CONFLICT (service_code, lang, term) DO NOTHING`,
    [proposal.serviceCode, proposal.lang, proposal.term],
  );
}

/** Pending proposals of the given services (all when null), most asked first. */
export async function listPendingProposals(db: Queryable, serviceCodes: readonly string[] | null): Promise<Proposal[]> {
  const { rows } = await db.query<Proposal>(
    `SELECT p.id, p.service_code AS "serviceCode", p.lang, p.term, p.evidence, p.status, p.last_seen_at AS "lastSeenAt",
            (SELECT count(*)::int FROM content_gaps g
              WHERE lower(g.query) = p.term AND g.lang = p.lang AND g.at > now() - interval '180 days') AS "gapCount"
       FROM search_term_proposals p
      WHERE p.status = 'pending' AND ($1::text[] IS NULL OR p.service_code = ANY($1::text[]))
      ORDER BY p.evidence DESC, p.last_seen_at DESC
      LIMIT 500`,
    [serviceCodes],
  );
  return rows;
}

export async function findProposal(db: Queryable, id: string): Promise<Proposal | undefined> {
  const { rows } = await db.query<Proposal>(
    `SELECT id, service_code AS "serviceCode", lang, term, evidence, status, last_seen_at AS "lastSeenAt", 0 AS "gapCount"
       FROM search_term_proposals WHERE id = $1`,
    [id],
  );
  return rows[0];
}

/** Records the decision on a pending proposal; false when it was decided meanwhile. */
export async function decideProposal(db: Queryable, id: string, status: 'approved' | 'rejected', accountId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE search_term_proposals SET status = $2, decided_at = now(), decided_by = $3 WHERE id = $1 AND status = 'pending'`,
    [id, status, accountId],
  );
  return rowCount === 1;
}

/**
 * Adds an approved term to the live search terms of a service (and to its pending draft, so that publishing the
 * draft keeps it). updated_at moves: every instance's search index notices within its freshness check.
 */
export async function addSearchTerm(db: Queryable, serviceCode: string, lang: Language, term: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE services
        SET search_terms = jsonb_set(search_terms, ARRAY[$2::text], coalesce(search_terms -> $2, '[]'::jsonb) || to_jsonb($3::text)),
            draft = CASE WHEN draft IS NULL THEN NULL
                         ELSE jsonb_set(draft, '{searchTerms}',
                                jsonb_set(coalesce(draft -> 'searchTerms', search_terms), ARRAY[$2::text],
                                          coalesce(coalesce(draft -> 'searchTerms', search_terms) -> $2, '[]'::jsonb) || to_jsonb($3::text)))
                    END,
            updated_at = now(), version = version + 1
      WHERE code = $1 AND NOT coalesce(search_terms -> $2, '[]'::jsonb) ? $3`,
    [serviceCode, lang, term],
  );
  return rowCount === 1;
}

export interface UnmetQuestion {
  month: string;
  query: string;
  lang: Language;
  count: number;
  /** 'search': searched without a good answer; 'page': "what were you looking for?" of a page found not useful. */
  source: 'search' | 'page';
}

/**
 * The most frequent unmet questions of each of the last `months` months: searches without a good answer
 * (content gaps) and what people looked for on a page they did not find useful, `perMonth` each month.
 */
export async function listUnmetQuestions(db: Queryable, months: number, perMonth: number): Promise<UnmetQuestion[]> {
  const { rows } = await db.query<UnmetQuestion>(
    `WITH unmet AS (
       SELECT date_trunc('month', at AT TIME ZONE 'Europe/Brussels') AS month, lower(query) AS query, lang, 'search' AS source
         FROM content_gaps WHERE at > date_trunc('month', now()) - make_interval(months => $1 - 1)
       UNION ALL
       SELECT date_trunc('month', at AT TIME ZONE 'Europe/Brussels'), lower(looking_for), lang, 'page'
         FROM page_usefulness WHERE looking_for IS NOT NULL AND at > date_trunc('month', now()) - make_interval(months => $1 - 1)
     ), counted AS (
       SELECT month, query, lang, source, count(*)::int AS count,
              row_number() OVER (PARTITION BY month ORDER BY count(*) DESC, query) AS rank
         FROM unmet GROUP BY month, query, lang, source
     )
     SELECT to_char(month, 'YYYY-MM') AS month, query, lang, count, source FROM counted
      WHERE rank <= $2 ORDER BY month DESC, count DESC, query`,
    [months, perMonth],
  );
  return rows;
}
