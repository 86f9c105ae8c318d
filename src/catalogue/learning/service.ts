// The orientation learns from use, with a human in the loop (issue 16): a user who found a service page useful
// after a search that did not rank it in the top 3 proposes that search's words as a search term of the service,
// and so does a search without a good answer asked again and again with the same weak first result;
// the service's editors approve (the term joins its search terms and ranks at once, on every instance) or reject
// with one click. The competence center reads the unmet questions of each month.
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { pickText, type Language } from '../../platform/i18n/languages.ts';
import type { Actor } from '../../identity/actor.ts';
import { authorise } from '../../identity/guards.ts';
import type { AuditService } from '../../audit/service.ts';
import * as catalogueRepo from '../repository.ts';
import * as repo from './repository.ts';
import { canEditService, canSeeUnmetQuestions, canUseCatalogueBackOffice, editScope } from '../authorisation.ts';
import { anonymiseQuery, queryWords } from '../text.ts';

/** A search ranks a service well enough when it is among the first three results. */
export const WELL_RANKED = 3;
/** A search asked this often with the same weak first result becomes a proposal for that service. */
export const REPEATED_GUESS_MINIMUM = 3;
/** Unmet questions: this many months, this many questions each. */
const UNMET_MONTHS = 6;
const UNMET_PER_MONTH = 20;

export interface LearningDeps {
  /** The catalogue's own search (no content-gap logging when asked so). */
  search(query: string, lang: Language, options: { logGaps: boolean }): Promise<{ results: ReadonlyArray<{ code: string }> }>;
  /** Writes the content gaps waiting in memory. */
  flushGaps(): Promise<void>;
  /** Forgets this instance's search index (other instances notice the change within their freshness check). */
  invalidateIndex(): void;
  audit?: Pick<AuditService, 'record'> | undefined;
}

/** The words of a search as a proposed term: masked, lower case, one space between words; null when unusable. */
export function proposedTerm(query: string): string | null {
  const masked = anonymiseQuery(query).toLocaleLowerCase('fr');
  if (masked.includes('[')) return null; // a number or an address was in it: nothing to learn
  const term = masked
    .replace(/[^\p{L}\p{N}' -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return term.length >= 2 && term.length <= 80 && queryWords(term).length > 0 ? term : null;
}

export function learningService(db: Database, deps: LearningDeps) {
  async function publishedService(code: string) {
    const service = /^[a-z0-9-]{1,64}$/.test(code) ? await catalogueRepo.findServiceByCode(db, code) : undefined;
    if (!service || service.status !== 'published') throw new AppError(404, 'catalogue.service_not_found');
    return service;
  }

  return {
    /**
     * "Was this page useful?" for a service page, anonymous. `query` is the search that led to the page; a "yes"
     * after a search that does not rank the service in the top 3 proposes the search's words to its editors.
     */
    async recordUsefulness(input: { serviceCode: string; lang: Language; useful: boolean; query?: string | undefined; lookingFor?: string | undefined }) {
      const service = await publishedService(input.serviceCode);
      const query = input.query?.trim() ? anonymiseQuery(input.query) : null;
      const lookingFor = !input.useful && input.lookingFor?.trim() ? anonymiseQuery(input.lookingFor).slice(0, 500) : null;
      await repo.insertUsefulness(db, { serviceCode: service.code, lang: input.lang, useful: input.useful, query, lookingFor });
      if (!input.useful || !query) return { proposed: false };
      const term = proposedTerm(query);
      if (!term || (service.searchTerms[input.lang] ?? []).some((known) => known.toLocaleLowerCase('fr') === term)) return { proposed: false };
      const answer = await deps.search(query, input.lang, { logGaps: false });
      if (answer.results.slice(0, WELL_RANKED).some((result) => result.code === service.code)) return { proposed: false };
      await repo.upsertProposal(db, { serviceCode: service.code, lang: input.lang, term });
      return { proposed: true };
    },

    /**
     * Pending proposals of the services the actor may edit, most asked first, with each service's name. The
     * content-gap log is read first: a search logged REPEATED_GUESS_MINIMUM times with the same weak first result
     * proposes its words to that service.
     */
    async pendingProposals(actor: Actor, lang: Language) {
      authorise(canUseCatalogueBackOffice(actor));
      await deps.flushGaps();
      for (const guess of await repo.listRepeatedGuesses(db, REPEATED_GUESS_MINIMUM)) {
        const term = proposedTerm(guess.query);
        if (term) await repo.insertGapProposal(db, { serviceCode: guess.serviceCode, lang: guess.lang, term });
      }
      const scope = editScope(actor);
      const services = await catalogueRepo.listServices(db, { includeUnpublished: true, ...(scope ? { ownerOrganisationId: scope } : {}) });
      const names = new Map(services.map((service) => [service.code, pickText(service.name, lang).text]));
      const proposals = await repo.listPendingProposals(db, scope ? [...names.keys()] : null);
      return proposals.map((proposal) => ({ ...proposal, serviceName: names.get(proposal.serviceCode) ?? proposal.serviceCode }));
    },

    /**
     * Approves or rejects a proposal (editors of the service). An approved term joins the live search terms of
     * the service (and its pending draft) with a row of its version history; the decision is audited. A proposal
     * decided meanwhile gives 409.
     */
    async decide(actor: Actor, id: string, decision: 'approved' | 'rejected', requestId?: string) {
      const proposal = /^[0-9a-f-]{36}$/i.test(id) ? await repo.findProposal(db, id) : undefined;
      if (!proposal) throw new AppError(404, 'catalogue.proposal_not_found');
      const service = await catalogueRepo.findServiceByCode(db, proposal.serviceCode);
      if (!service) throw new AppError(404, 'catalogue.service_not_found');
      authorise(canEditService(actor, service), 'catalogue.not_owner');
      await db.transaction(async (tx) => {
        if (!(await repo.decideProposal(tx, proposal.id, decision, actor.accountId))) throw new AppError(409, 'catalogue.proposal_decided');
        if (decision === 'approved' && (await repo.addSearchTerm(tx, service.code, proposal.lang, proposal.term))) {
          await catalogueRepo.insertServiceVersion(tx, (await catalogueRepo.findServiceByCode(tx, service.code))!, actor.accountId, 'search-term');
        }
      });
      if (decision === 'approved') deps.invalidateIndex();
      await deps.audit?.record(actor, 'update', { type: 'search_term_proposal', id: proposal.id, organisationId: service.ownerOrganisationId }, requestId, {
        decision,
        service: service.code,
        lang: proposal.lang,
      });
      return { ...proposal, status: decision };
    },

    /** The most frequent unmet questions of each of the last six months (the competence center). */
    async unmetQuestions(actor: Actor) {
      authorise(canSeeUnmetQuestions(actor));
      await deps.flushGaps();
      return repo.listUnmetQuestions(db, UNMET_MONTHS, UNMET_PER_MONTH);
    },
  };
}

export type LearningService = ReturnType<typeof learningService>;
