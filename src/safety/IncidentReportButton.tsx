// The one-click entry to agent safety, for the console and counter screens:
//
//   import { IncidentReportButton } from '../safety/IncidentReportButton.tsx';
//   <IncidentReportButton contactPointId={counter.contactPointId} returnTo={`/${lang}/counters/…`} />
//
// "Report an incident" opens the short report form with the place (this contact point) and the time (now)
// filled in; "I need help now" posts at once and alerts the colleagues and managers of the contact point in
// real time, the details following later. Plain link and form: works without JavaScript. Must be rendered
// inside a page (it uses the page context for texts and the CSRF token).
import { usePage } from '../platform/views/context.ts';
import { CsrfField } from '../platform/views/components.tsx';
import { localPath } from '../platform/http/local-path.ts';

export interface IncidentReportButtonProps {
  /** The contact point the agent works at now (pre-fills the place). */
  contactPointId?: string | null | undefined;
  /** A local path to offer "back" after the report (e.g. the console screen). */
  returnTo?: string | undefined;
  /** Show the "I need help now" button next to it (default true). */
  withHelp?: boolean;
  /** Make the buttons smaller, e.g. in a dense toolbar (default false). */
  compact?: boolean;
}

/** A local path only ("/fr/…"): never another site, so the parameter cannot become an open redirect. */
export function safeReturnPath(value: string | null | undefined): string | undefined {
  return localPath(value);
}

export function reportFormPath(lang: string, contactPointId?: string | null, returnTo?: string): string {
  const query = new URLSearchParams();
  if (contactPointId) query.set('contactPoint', contactPointId);
  const back = safeReturnPath(returnTo);
  if (back) query.set('returnTo', back);
  const text = query.toString();
  return `/${lang}/safety/report${text ? `?${text}` : ''}`;
}

export function IncidentReportButton({ contactPointId, returnTo, withHelp = true, compact = false }: IncidentReportButtonProps) {
  const { lang, t } = usePage();
  const back = safeReturnPath(returnTo);
  return (
    <div
      class={`irisdesk-actions irisdesk-safety-actions${compact ? ' irisdesk-safety-actions--compact' : ''}`}
      role="group"
      aria-label={t('safety.button.group')}
    >
      <a class="utrecht-button utrecht-button--primary-action irisdesk-safety-report" href={reportFormPath(lang, contactPointId, back)}>
        <span aria-hidden="true">⚠ </span>
        {t('safety.button.report')}
      </a>
      {withHelp && (
        <form method="post" action={`/${lang}/safety/help`} class="irisdesk-inline-form">
          <CsrfField />
          {contactPointId && <input type="hidden" name="contactPointId" value={contactPointId} />}
          {back && <input type="hidden" name="returnTo" value={back} />}
          <button type="submit" class="utrecht-button utrecht-button--secondary-action irisdesk-safety-help">
            {t('safety.button.help')}
          </button>
        </form>
      )}
    </div>
  );
}
