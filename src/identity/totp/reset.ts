// An administrator's reset of someone's two-step sign-in (issue 18 item 8, decision 0059): for a colleague who lost
// their phone and their recovery codes. The organisation's managers reset their staff, platform administrators
// anyone (the administrators among them included) — the rule of changing an account (canChangeAccount); nobody
// resets their own (the account page asks for a code for that). The secret and recovery codes are removed and the
// person's sessions end, with a reason, in one transaction with its audit entry and the e-mail telling the person
// in their language; at their next sign-in they set it up again if their role or organisation requires it.
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { authorise } from '../guards.ts';
import type { Actor, Role } from '../actor.ts';
import { recordAudit } from '../../audit/service.ts';
import { canChangeAccount } from '../../organisations/authorisation.ts';
import { translator } from '../../platform/i18n/messages.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import type { MailService } from '../../platform/mail/service.ts';
import * as repo from '../repository.ts';
import { endSessionsOf } from './reset-repository.ts';

export const RESET_REASON_MIN = 10;
export const RESET_REASON_MAX = 500;

/** The account as the organisations service shows it to the actor (its read is audited there; another organisation's is 404). */
interface VisibleAccount {
  id: string;
  organisationId: string;
  displayName: string;
  email: string;
  roles: Role[];
  preferredLanguage: 'fr' | 'nl' | 'en';
}

/** Whether the actor may reset this account's two-step sign-in. */
export function canResetTwoFactor(actor: Actor | null, account: { id: string; organisationId: string; roles: readonly Role[] }): boolean {
  return !!actor && account.id !== actor.accountId && canChangeAccount(actor, account);
}

export function twoFactorResetService(
  db: Database,
  deps: {
    organisations: { getAccount(actor: Actor, id: string, requestId?: string): Promise<VisibleAccount> };
    mail: Pick<MailService, 'send'>;
    requiredRoles: readonly Role[];
    publicUrl: string;
  },
) {
  async function stateOf(account: VisibleAccount) {
    const state = await repo.findTwoFactorState(db, account.id);
    if (!state) throw new AppError(404, 'account.not_found');
    const required = state.organisationRequires || state.roles.some((role) => deps.requiredRoles.includes(role));
    return { enabled: state.enabled, required, recoveryCodesLeft: state.recoveryCodesLeft };
  }

  return {
    /** What the reset page shows: the person, whether two-step sign-in is on, required, and whether the actor may reset it. */
    async status(actor: Actor, accountId: string, requestId?: string) {
      const account = await deps.organisations.getAccount(actor, accountId, requestId);
      return { account, ...(await stateOf(account)), allowed: canResetTwoFactor(actor, account) };
    },

    async reset(actor: Actor, accountId: string, reason: string, requestId?: string): Promise<{ required: boolean }> {
      const account = await deps.organisations.getAccount(actor, accountId, requestId);
      authorise(canResetTwoFactor(actor, account), 'identity.twoFactorReset.notAllowed');
      const why = reason.trim();
      if (why.length < RESET_REASON_MIN) {
        throw new AppError(400, 'validation.failed', {
          fields: [{ field: 'reason', code: 'identity.twoFactorReset.reasonShort', values: { min: RESET_REASON_MIN } }],
        });
      }
      const state = await stateOf(account);
      if (!state.enabled) throw new AppError(409, 'identity.twoFactorReset.notOn');
      const lang = account.preferredLanguage;
      const t = translator(lang);
      await db.transaction(async (tx) => {
        await repo.disableTotp(tx, account.id);
        const sessions = await endSessionsOf(tx, account.id);
        await recordAudit(tx, actor, 'update', { type: 'account', id: account.id, organisationId: account.organisationId }, requestId, {
          fields: ['two_factor'],
          twoFactor: 'reset',
          reason: why,
          sessionsEnded: sessions,
        });
        await deps.mail.send(
          {
            to: account.email,
            language: lang,
            purpose: 'identity.two_factor_reset',
            organisationId: account.organisationId,
            subject: t('identity.twoFactorReset.mail.subject'),
            text: t('identity.twoFactorReset.mail.body', {
              name: account.displayName,
              by: actor.displayName,
              at: formatDateTime(new Date(), lang),
              reason: why,
              required: state.required ? 'yes' : 'no',
              url: `${deps.publicUrl}/${lang}/account/two-factor`,
            }),
          },
          { tx },
        );
      });
      return { required: state.required };
    },
  };
}

export type TwoFactorResetService = ReturnType<typeof twoFactorResetService>;
