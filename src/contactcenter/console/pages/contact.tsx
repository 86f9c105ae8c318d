// Recording a phone or counter contact: the caller found by name, e-mail or phone, optionally a request.
import { usePage } from '../../../platform/views/context.ts';
import {
  Alert,
  CheckboxGroup,
  DateField,
  ChoiceGroup,
  ErrorSummary,
  Form,
  Heading1,
  Link,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../../platform/views/components.tsx';
import { formatDateTime } from '../../../platform/i18n/format.ts';
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../../../platform/i18n/languages.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { CONTACT_OUTCOMES } from '../../model.ts';
import type * as repo from '../repository.ts';
import type { ServiceChoice } from '../service-filter/service.ts';
import { ConsoleLayout } from './layout.tsx';

export interface ContactFormValues {
  name?: string;
  email?: string;
  phone?: string;
  partyId?: string;
  channel?: string;
  serviceCode?: string;
  language?: string;
  startedAt?: string;
  endedAt?: string;
  startedDate?: string;
  startedTime?: string;
  endedDate?: string;
  endedTime?: string;
  outcome?: string;
  openRequest?: string;
  subject?: string;
  body?: string;
}

export function ContactPage({
  parties,
  search,
  values,
  errors,
  notice,
  serviceChoices,
}: {
  parties: repo.PartyRow[] | null;
  search: { name: string; email: string; phone: string };
  values: ContactFormValues;
  errors?: FieldError[] | undefined;
  notice?: string | undefined;
  /** The catalogue's services by name in the agent's language (service-filter/service.ts). */
  serviceChoices: ServiceChoice[];
}) {
  const { t, lang } = usePage();
  return (
    <ConsoleLayout title={t('console.contact.new')}>
      <p class="utrecht-paragraph">
        <Link href={`/${lang}/console`}>{t('console.backToInbox')}</Link>
      </p>
      <Heading1>{t('console.contact.new')}</Heading1>
      {notice && <Alert type="ok">{t(`console.notice.${notice}`)}</Alert>}
      <section aria-labelledby="cc-find-title">
        <h2 class="utrecht-heading-2" id="cc-find-title">
          {t('console.contact.find')}
        </h2>
        <form method="get" action={`/${lang}/console/contacts/new`} class="utrecht-form" role="search" aria-labelledby="cc-find-title">
          <TextField name="qname" label={t('console.field.name')} value={search.name} maxLength={200} />
          <TextField name="qemail" type="email" label={t('console.field.email')} value={search.email} maxLength={254} />
          <TextField name="qphone" type="tel" label={t('console.field.phone')} value={search.phone} maxLength={40} />
          <SubmitButton variant="secondary">{t('console.contact.search')}</SubmitButton>
        </form>
      </section>
      {parties && parties.length >= 2 && <MergePartiesForm parties={parties} />}
      <section aria-labelledby="cc-record-title">
        <h2 class="utrecht-heading-2" id="cc-record-title">
          {t('console.contact.record')}
        </h2>
        <ErrorSummary errors={errors} labelOf={(field) => t(`console.field.${field}`)} />
        <Form action={`/${lang}/console/contacts`}>
          <ChoiceGroup
            type="radio"
            name="partyId"
            legend={t('console.contact.caller')}
            hint={parties?.length === 0 ? t('console.contact.noMatch') : undefined}
            errors={errors}
            checked={values.partyId ?? ''}
            options={[
              ...(parties ?? []).map((p) => ({
                value: p.id,
                label: [
                  p.name,
                  p.email,
                  p.phone,
                  p.lastContactAt ? t('console.contact.lastContact', { at: formatDateTime(new Date(p.lastContactAt), lang) }) : '',
                ]
                  .filter(Boolean)
                  .join(' · '),
              })),
              { value: '', label: t('console.contact.newCaller') },
            ]}
          />
          <TextField
            name="name"
            label={t('console.field.name')}
            value={values.name ?? search.name}
            maxLength={200}
            errors={errors}
            description={t('console.contact.newCallerHint')}
          />
          <TextField name="email" type="email" label={t('console.field.email')} value={values.email ?? search.email} maxLength={254} errors={errors} />
          <TextField name="phone" type="tel" label={t('console.field.phone')} value={values.phone ?? search.phone} maxLength={40} errors={errors} />
          <SelectField
            name="channel"
            label={t('console.field.channel')}
            value={values.channel ?? 'phone'}
            options={(['phone', 'counter'] as const).map((c) => ({ value: c, label: t(`console.channel.${c}`) }))}
          />
          <SelectField
            name="serviceCode"
            label={t('console.filter.service')}
            value={values.serviceCode ?? ''}
            errors={errors}
            options={[{ value: '', label: t('console.filter.serviceNone') }, ...serviceChoices.map((s) => ({ value: s.code, label: s.label, lang: s.lang }))]}
          />
          <SelectField
            name="language"
            label={t('console.field.language')}
            value={values.language ?? lang}
            options={LANGUAGES.map((l: Language) => ({ value: l, label: LANGUAGE_NAMES[l], lang: l }))}
          />
          {/* The shared date field and a time field (issue 14): empty date = today, empty time = now. */}
          <DateField
            name="startedDate"
            label={t('console.field.startedDate')}
            value={values.startedDate}
            description={t('console.field.dateHint')}
            errors={errors}
          />
          <TextField
            type="time"
            name="startedTime"
            label={t('console.field.startedTime')}
            value={values.startedTime}
            description={t('console.field.timeNowHint')}
            errors={errors}
          />
          <DateField name="endedDate" label={t('console.field.endedDate')} value={values.endedDate} description={t('console.field.dateHint')} errors={errors} />
          <TextField
            type="time"
            name="endedTime"
            label={t('console.field.endedTime')}
            value={values.endedTime}
            description={t('console.field.timeNowHint')}
            errors={errors}
          />
          <SelectField
            name="outcome"
            label={t('console.field.outcome')}
            value={values.outcome ?? 'answered_first_contact'}
            options={CONTACT_OUTCOMES.map((o) => ({ value: o, label: t(`console.outcome.${o}`) }))}
          />
          <CheckboxGroup
            name="openRequest"
            legend={t('console.contact.followUp')}
            options={[{ value: 'true', label: t('console.contact.openRequest') }]}
            checked={values.openRequest ? ['true'] : []}
            errors={errors}
          />
          <TextField name="subject" label={t('console.field.subject')} value={values.subject} maxLength={300} errors={errors} />
          <TextArea name="body" label={t('console.field.body')} value={values.body} rows={4} maxLength={20000} errors={errors} />
          <SubmitButton>{t('console.contact.save')}</SubmitButton>
        </Form>
      </section>
    </ConsoleLayout>
  );
}

/** Two records of one person found by the caller search: merge the duplicate into the one to keep. */
function MergePartiesForm({ parties }: { parties: repo.PartyRow[] }) {
  const { t, lang } = usePage();
  const options = parties.map((p) => ({ value: p.id, label: [p.name, p.email, p.phone].filter(Boolean).join(' · ') }));
  return (
    <section aria-labelledby="cc-merge-parties-title">
      <h2 class="utrecht-heading-2" id="cc-merge-parties-title">
        {t('console.contact.mergeTitle')}
      </h2>
      <p class="utrecht-paragraph">{t('console.contact.mergeIntro')}</p>
      <Form action={`/${lang}/console/contacts/merge`}>
        <SelectField name="partyId" label={t('console.contact.mergeDuplicate')} value={parties[1]!.id} options={options} />
        <SelectField name="into" label={t('console.contact.mergeKeep')} value={parties[0]!.id} options={options} />
        <SubmitButton variant="secondary">{t('console.contact.mergeSubmit')}</SubmitButton>
      </Form>
    </section>
  );
}
