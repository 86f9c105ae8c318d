// The request page's merge and split panel (decision 0047): merge this request into the one to keep, undo a
// merge (of this request, or of one merged here) within the period, make a message of the user a new request.
// Plain forms: they work without JavaScript.
import { usePage } from '../../../platform/views/context.ts';
import { ErrorSummary, Form, SelectField, SubmitButton, TextField } from '../../../platform/views/components.tsx';
import { formatDateTime } from '../../../platform/i18n/format.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import type { MergeState } from './service.ts';

export interface MergePanelProps {
  base: string;
  state: MergeState;
  closed: boolean;
  messages: Array<{ id: string; kind: string; body: string; createdAt: Date }>;
  errors?: FieldError[] | undefined;
  values?: Record<string, string | string[] | undefined> | undefined;
}

export function MergePanel({ base, state, closed, messages, errors, values }: MergePanelProps) {
  const { t, lang } = usePage();
  const inbound = messages.filter((m) => m.kind === 'inbound');
  const value = (name: string) => (values?.[name] as string | undefined) ?? undefined;
  const fieldLabel = (field: string) => t(`console.field.${field}`);
  return (
    <section aria-labelledby="cc-merge-title" id="cc-merge">
      <h2 class="utrecht-heading-2" id="cc-merge-title">
        {t('console.merge.title')}
      </h2>
      <ErrorSummary errors={errors} labelOf={fieldLabel} />
      {state.mergedInto ? (
        <>
          <p class="utrecht-paragraph">{t('console.merge.isMerged', { reference: state.mergedInto.reference })}</p>
          {state.mergedInto.undoable && (
            <Form action={`${base}/unmerge`}>
              <input type="hidden" name="reference" value={state.reference} />
              <SubmitButton variant="secondary">{t('console.merge.undo')}</SubmitButton>
            </Form>
          )}
        </>
      ) : (
        !closed && (
          <>
            <p class="utrecht-paragraph">{t('console.merge.intro', { days: state.undoDays })}</p>
            <Form action={`${base}/merge`}>
              <TextField name="into" label={t('console.merge.into')} value={value('into')} maxLength={40} errors={errors} />
              <SubmitButton variant="secondary">{t('console.merge.submit')}</SubmitButton>
            </Form>
          </>
        )
      )}
      {state.mergedHere.length > 0 && (
        <>
          <h3 class="utrecht-heading-3">{t('console.merge.mergedHere')}</h3>
          <ul class="utrecht-unordered-list">
            {state.mergedHere.map((m) => (
              <li>
                {m.reference} · {formatDateTime(new Date(m.mergedAt), lang)}
                <Form action={`${base}/unmerge`} class="irisdesk-inline-form">
                  <input type="hidden" name="reference" value={m.reference} />
                  <button type="submit" class="utrecht-button utrecht-button--secondary-action" aria-label={`${t('console.merge.undo')} – ${m.reference}`}>
                    {t('console.merge.undo')}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      )}
      {!closed && !state.mergedInto && inbound.length > 1 && (
        <>
          <h3 class="utrecht-heading-3">{t('console.split.title')}</h3>
          <Form action={`${base}/split`}>
            <SelectField
              name="messageId"
              label={t('console.field.messageId')}
              value={value('messageId') ?? inbound[inbound.length - 1]!.id}
              options={inbound.map((m) => ({ value: m.id, label: `${formatDateTime(new Date(m.createdAt), lang)} – ${m.body.slice(0, 60)}` }))}
            />
            <TextField name="subject" label={t('console.split.subject')} value={value('subject')} maxLength={300} errors={errors} />
            <SubmitButton variant="secondary">{t('console.split.submit')}</SubmitButton>
          </Form>
        </>
      )}
    </section>
  );
}
