// The public questionnaire after a contact (the standard questions of questionnaire.ts) and its thanks page.
import { usePage } from '../platform/views/context.ts';
import { Layout } from '../platform/views/Layout.tsx';
import { Alert, ChoiceGroup, ErrorSummary, Form, Heading1, Link, Paragraph, SubmitButton, Text, TextArea } from '../platform/views/components.tsx';
import type { FieldError } from '../platform/http/errors.ts';
import { pickText } from '../platform/i18n/languages.ts';
import { formatDate } from '../platform/i18n/format.ts';
import type { InvitationRecord } from './repository.ts';
import { COMMENT_MAX_LENGTH, standardQuestions, type Question } from './questionnaire.ts';

/** One closed question of the standard questionnaire as a radio (or checkbox) group. */
function QuestionChoices(props: { question: Question; value: string | string[] | undefined; errors: FieldError[] | undefined; multiple?: boolean }) {
  const { t } = usePage();
  const { question } = props;
  return (
    <ChoiceGroup
      type={props.multiple ? 'checkbox' : 'radio'}
      class="irisdesk-choice"
      name={question.id}
      legend={
        <>
          {question.text}
          {!question.required && <span class="irisdesk-muted"> ({t('satisfaction.optional')})</span>}
        </>
      }
      label={question.text}
      errors={props.errors}
      required={question.required}
      checked={props.value}
      options={question.options!.map((option) => ({
        value: typeof option.value === 'boolean' ? (option.value ? 'yes' : 'no') : String(option.value),
        label: option.label,
      }))}
    />
  );
}

export function FeedbackPage(props: {
  token: string;
  invitation: InvitationRecord;
  state: 'open' | 'answered' | 'expired';
  errors?: FieldError[];
  values?: Record<string, string | string[] | number | undefined>;
}) {
  const { t, lang } = usePage();
  const { invitation } = props;
  const questions = standardQuestions(t);
  const value = (id: string) => {
    const raw = props.values?.[id];
    return raw === undefined ? undefined : Array.isArray(raw) ? raw : String(raw);
  };
  return (
    <Layout title={t('satisfaction.feedback.title')}>
      <Heading1>{t('satisfaction.feedback.heading')}</Heading1>
      <Paragraph lead>
        {t('satisfaction.feedback.lead', {
          organisation: pickText(invitation.organisationName, lang).text,
          date: formatDate(new Date(invitation.contactAt), lang),
          channel: t(`satisfaction.channel.${invitation.channel}`),
        })}
      </Paragraph>
      {invitation.serviceName && (
        <Paragraph>
          {t('satisfaction.feedback.service')} <Text value={invitation.serviceName} />
        </Paragraph>
      )}
      {props.state === 'answered' ? (
        <Alert type="info">
          <p class="utrecht-paragraph">{t('errors.feedback.already_answered')}</p>
        </Alert>
      ) : props.state === 'expired' ? (
        <Alert type="warning">
          <p class="utrecht-paragraph">{t('errors.feedback.expired')}</p>
        </Alert>
      ) : (
        <>
          <Paragraph>{t('satisfaction.feedback.anonymous')}</Paragraph>
          <ErrorSummary errors={props.errors} />
          <Form action={`/${lang}/feedback/${props.token}`}>
            {questions.map((question) =>
              question.type === 'text' ? (
                <TextArea
                  name="comment"
                  label={`${question.text} (${t('satisfaction.optional')})`}
                  description={t('satisfaction.feedback.commentHint', { limit: COMMENT_MAX_LENGTH })}
                  value={value('comment') as string | undefined}
                  errors={props.errors}
                  maxLength={COMMENT_MAX_LENGTH}
                />
              ) : (
                <QuestionChoices question={question} value={value(question.id)} errors={props.errors} multiple={question.type === 'multiple'} />
              ),
            )}
            <SubmitButton>{t('satisfaction.feedback.submit')}</SubmitButton>
          </Form>
        </>
      )}
    </Layout>
  );
}

export function FeedbackThanksPage() {
  const { t, lang } = usePage();
  return (
    <Layout title={t('satisfaction.thanks.title')}>
      <Heading1>{t('satisfaction.thanks.heading')}</Heading1>
      <Paragraph lead>{t('satisfaction.thanks.text')}</Paragraph>
      <Paragraph>
        <Link href={`/${lang}/barometer`}>{t('satisfaction.thanks.barometer')}</Link>
      </Paragraph>
    </Layout>
  );
}
