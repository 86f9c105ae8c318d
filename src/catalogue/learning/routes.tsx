// HTTP for the orientation's learning loop: the "was this page useful?" answer of a service page (public), the
// editors' proposals (approve or reject with one click) and the competence center's unmet questions.
import { createHash } from 'node:crypto';
import { Type } from 'typebox';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { LangParams, Text } from '../../platform/http/schemas.ts';
import { renderPage } from '../../platform/views/render.tsx';
import { requireActorPage } from '../../identity/guards.ts';
import { ProposalsPage, UnmetQuestionsPage } from '../pages/learning.tsx';

/** Answers counted per address and hour: beyond them the thanks still shows, but nothing is recorded or proposed. */
export const USEFUL_ANSWERS_PER_HOUR = 20;

export function learningRoutes(app: App, { catalogue, contactCenter }: Services) {
  const learning = catalogue.learning;

  const ServiceParams = Type.Object({ lang: LangParams.properties.lang, code: Text({ maxLength: 64 }) });
  const UsefulForm = Type.Object({
    useful: Type.Enum(['yes', 'no']),
    from: Type.Optional(Text({ maxLength: 2000 })),
    lookingFor: Type.Optional(Text({ maxLength: 500 })),
  });
  app.post('/:lang/services/:code/useful', { schema: { hide: true, params: ServiceParams, body: UsefulForm } }, async (request, reply) => {
    const { lang, code } = request.params;
    // Proposals weigh answers: one address cannot stuff them. Counted as a hash in the contact intake's
    // throttle table under a key of its own (as the feedback widget does).
    const hash = createHash('sha256').update(`page-useful:${request.ip}`).digest('hex').slice(0, 32);
    const counted = (await contactCenter.countAddressHit(hash, 3600)) <= USEFUL_ANSWERS_PER_HOUR;
    if (counted)
      await learning.recordUsefulness({
        serviceCode: code,
        lang,
        useful: request.body.useful === 'yes',
        query: request.body.from,
        lookingFor: request.body.lookingFor,
      });
    return reply.redirect(`/${lang}/services/${code}?useful=thanks#usefulness`, 303);
  });

  const Notice = Type.Object({ notice: Type.Optional(Type.Enum(['approved', 'rejected'])) });
  app.get('/:lang/admin/catalogue/proposals', { schema: { hide: true, params: LangParams, querystring: Notice } }, async (request, reply) => {
    const proposals = await learning.pendingProposals(requireActorPage(request), request.params.lang);
    return renderPage(request, reply, <ProposalsPage proposals={proposals} notice={request.query.notice} />);
  });

  const ProposalParams = Type.Object({ lang: LangParams.properties.lang, id: Type.String({ format: 'uuid' }) });
  for (const action of ['approve', 'reject'] as const) {
    app.post(`/:lang/admin/catalogue/proposals/:id/${action}`, { schema: { hide: true, params: ProposalParams } }, async (request, reply) => {
      const decision = action === 'approve' ? 'approved' : 'rejected';
      await learning.decide(requireActorPage(request), request.params.id, decision, request.id);
      return reply.redirect(`/${request.params.lang}/admin/catalogue/proposals?notice=${decision}`, 303);
    });
  }

  app.get('/:lang/competence/unmet-questions', { schema: { hide: true, params: LangParams } }, async (request, reply) => {
    const questions = await learning.unmetQuestions(requireActorPage(request));
    return renderPage(request, reply, <UnmetQuestionsPage questions={questions} />);
  });
}
