// The feedback widget of service pages: a user who comes from a service page (no contact recorded anywhere)
// asks for the standard questionnaire about that service. The invitation is an ordinary one (channel web,
// source kind "link"), for the organisation the catalogue names competent; invitations are throttled per
// client address so that the widget cannot be used to flood the figures (decision 0008).
import { createHash, randomUUID } from 'node:crypto';
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { Language } from '../../platform/i18n/languages.ts';
import type { ContactCenterService } from '../../contactcenter/intake/service.ts';
import * as repo from '../repository.ts';
import { createFeedbackInvitation } from '../service.ts';

/** The throttling window of the widget: FEEDBACK_WIDGET_LIMIT invitations per client address per hour. */
export const WIDGET_WINDOW_SECONDS = 3600;

export function feedbackWidgetService(db: Database, options: { publicUrl: string; limit: number; throttle: Pick<ContactCenterService, 'countAddressHit'> }) {
  return {
    /**
     * A standard invitation about a service for its competent organisation (already resolved by the catalogue),
     * made "now" on the web channel. 429 above the per-address limit; the address is counted only as a hash,
     * in the contact intake's throttle table under a key of its own (its own budget, the same purge).
     */
    async invite(input: { organisationCode: string; serviceCode: string; language: Language; address: string }): Promise<{ token: string; url: string }> {
      if (options.limit > 0) {
        const hash = createHash('sha256').update(`feedback-widget:${input.address}`).digest('hex').slice(0, 32);
        const hits = await options.throttle.countAddressHit(hash, WIDGET_WINDOW_SECONDS);
        if (hits > options.limit) {
          throw new AppError(429, 'feedback.too_many_invitations', { headers: { 'retry-after': String(WIDGET_WINDOW_SECONDS) } });
        }
      }
      const organisation = await repo.findOrganisationByCode(db, input.organisationCode);
      if (!organisation) throw new AppError(404, 'organisation.not_found');
      return db.transaction((tx) =>
        createFeedbackInvitation(
          tx,
          {
            organisationId: organisation.id,
            serviceCode: input.serviceCode,
            channel: 'web',
            contactAt: new Date(),
            language: input.language,
            source: { kind: 'link', id: randomUUID() },
          },
          options.publicUrl,
        ),
      );
    },
  };
}

export type FeedbackWidgetService = ReturnType<typeof feedbackWidgetService>;
