// HTTP for the feedback widget of service pages: the form post that makes a standard invitation about the
// service for its competent organisation and leads to the questionnaire (see widget.ts).
import { Type } from 'typebox';
import type { App } from '../../platform/http/types.ts';
import type { Services } from '../../services.ts';
import { LangParams, Text } from '../../platform/http/schemas.ts';
import { AppError } from '../../platform/http/errors.ts';

const WidgetParams = Type.Object({ lang: LangParams.properties.lang, code: Text({ maxLength: 64 }) });
const WidgetForm = Type.Object({
  postalCode: Type.Optional(Text({ maxLength: 10 })),
  organisation: Type.Optional(Text({ maxLength: 64 })),
});

/** Postal-code answers of the catalogue that send the user back to the "where?" form of the service page. */
const ASK_PLACE = new Set(['catalogue.postal_code_required', 'catalogue.postal_code_invalid', 'catalogue.postal_code_unknown']);

export function feedbackWidgetRoutes(app: App, { catalogue, feedbackWidget }: Services) {
  app.post('/:lang/services/:code/feedback', { schema: { hide: true, params: WidgetParams, body: WidgetForm } }, async (request, reply) => {
    const { lang, code } = request.params;
    const form = request.body ?? {};
    const postalCode = form.postalCode?.trim() || undefined;
    // Back to the service page, where the postal code is asked (and its error or the choice of commune shown).
    const askPlace = () =>
      reply.redirect(`/${lang}/services/${encodeURIComponent(code)}${postalCode ? `?postalCode=${encodeURIComponent(postalCode)}` : ''}#where`, 303);
    let answer: Awaited<ReturnType<typeof catalogue.orientation>>;
    try {
      // Resolved again here: the organisation posted by the page is a choice among candidates, never trusted as such.
      answer = await catalogue.orientation(code, lang, postalCode, form.organisation || undefined);
    } catch (error) {
      if (error instanceof AppError && ASK_PLACE.has(error.code)) return askPlace();
      throw error;
    }
    if ('candidates' in answer || !answer.organisation.resolved) return askPlace();
    const { token } = await feedbackWidget.invite({
      organisationCode: answer.organisation.code,
      serviceCode: answer.service.code,
      language: lang,
      address: request.ip,
    });
    reply.header('referrer-policy', 'no-referrer');
    return reply.redirect(`/${lang}/feedback/${token}`, 303);
  });
}
