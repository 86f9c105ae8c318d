// The settings page of the automatic reply outside business hours (issue 17 item 7, decision 0052): which
// channels answer with it (the web contact form, each inbound mailbox) and the organisation's own text in each
// language, added to the standard one. What it says, and when it goes out, is explained on the page.
import { Layout } from '../../platform/views/Layout.tsx';
import { usePage } from '../../platform/views/context.ts';
import { CheckboxGroup, ErrorSummary, Form, Paragraph, SubmitButton, TextArea } from '../../platform/views/components.tsx';
import type { FieldError } from '../../platform/http/errors.ts';
import { pickText } from '../../platform/i18n/languages.ts';
import type { Organisation } from '../../organisations/service.ts';
import type { MailboxRow, OutOfHoursRow } from './repository.ts';
import { FormPageTop, labelOf, one, SECTION, settingsBase, type FormValues } from './pages.tsx';

/** The value of the web form among the channels (the others are mailbox ids). */
export const WEB_FORM = 'web';
const TEXT_FIELDS = ['textFr', 'textNl', 'textEn'] as const;

export function OutOfHoursPage(props: {
  org: Organisation;
  mailboxes: MailboxRow[];
  outOfHours: OutOfHoursRow;
  values?: FormValues | undefined;
  errors?: FieldError[] | undefined;
}) {
  const { t, lang } = usePage();
  const { org, outOfHours, errors } = props;
  const values: FormValues = props.values ?? {
    channels: [...(outOfHours.webForm ? [WEB_FORM] : []), ...outOfHours.mailboxIds],
    textFr: outOfHours.customText.fr ?? '',
    textNl: outOfHours.customText.nl ?? '',
    textEn: outOfHours.customText.en ?? '',
  };
  const channels = values.channels;
  const title = t('ccSettings.outOfHours.pageTitle', { organisation: pickText(org.name, lang).text });
  return (
    <Layout title={title} backOffice section={SECTION}>
      <FormPageTop org={org} title={title} intro={t('ccSettings.outOfHours.intro')} />
      <Paragraph>{t('ccSettings.outOfHours.once')}</Paragraph>
      <ErrorSummary errors={errors} labelOf={labelOf(t)} />
      <Form action={`${settingsBase(lang, org)}/out-of-hours`}>
        <input type="hidden" name="version" value={one(values, 'version') ?? (outOfHours.version === null ? '' : String(outOfHours.version))} />
        <CheckboxGroup
          name="channels"
          legend={t('ccSettings.field.channels')}
          hint={props.mailboxes.length === 0 ? t('ccSettings.outOfHours.noMailbox') : t('ccSettings.outOfHours.channelsHint')}
          options={[
            { value: WEB_FORM, label: t('ccSettings.outOfHours.webForm') },
            ...props.mailboxes.map((m) => ({ value: m.id, label: t('ccSettings.outOfHours.mailbox', { address: m.address }) })),
          ]}
          checked={Array.isArray(channels) ? channels : channels ? [channels] : []}
          errors={errors}
        />
        {TEXT_FIELDS.map((name) => (
          <TextArea
            name={name}
            label={t(`ccSettings.field.${name}`)}
            description={t('ccSettings.outOfHours.textHint')}
            value={one(values, name)}
            maxLength={1000}
            rows={3}
            errors={errors}
          />
        ))}
        <SubmitButton>{t('ccSettings.save')}</SubmitButton>
      </Form>
    </Layout>
  );
}
