// The respondent's questionnaire (works without JavaScript), the unavailable and thank-you pages.
import type { ComponentChildren } from 'preact';
import { usePage } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/Layout.tsx';
import { Alert, ChoiceGroup, ErrorSummary, fieldId, Form, Heading1, Link, Paragraph, SubmitButton, Text, TextArea } from '../../platform/views/components.tsx';
import type { FieldError } from '../../platform/http/errors.ts';
import { pickText } from '../../platform/i18n/languages.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { scaleOf, TEXT_MAX_LENGTH, type SurveyQuestion, type SurveyRecord } from '../model.ts';
import { answerField, type FormValues } from '../forms.ts';
import { val } from '../components.tsx';

// ---- respondents

/** The question as the legend of its group: its text, and "(optional)" when an answer may be left out. */
function QuestionText({ question, suffix }: { question: SurveyQuestion; suffix?: ComponentChildren }) {
  const { t } = usePage();
  return (
    <>
      <Text value={question.text} />
      {suffix}
      {!question.required && <span class="irisdesk-muted"> ({t('surveys.optional')})</span>}
    </>
  );
}

function QuestionInput({ question, errors, values }: { question: SurveyQuestion; errors: FieldError[] | undefined; values: FormValues | undefined }) {
  const { t, lang } = usePage();
  const name = answerField(question);
  const label = pickText(question.text, lang).text;
  const hasHelp = Object.keys(question.help).length > 0;
  if (question.kind === 'text') {
    return (
      <TextArea
        name={name}
        label={question.required ? label : `${label} (${t('surveys.optional')})`}
        errors={errors}
        description={[pickText(question.help, lang).text, t('surveys.respond.textHint', { limit: TEXT_MAX_LENGTH })].filter(Boolean).join(' ')}
        value={val(values, name)}
        maxLength={TEXT_MAX_LENGTH}
        rows={4}
      />
    );
  }
  if (question.kind === 'matrix') {
    // A group of groups: the question and its help around one radio group per row.
    const id = fieldId(name);
    return (
      <fieldset class="utrecht-form-fieldset irisdesk-matrix" id={id} aria-describedby={hasHelp ? `${id}-description` : undefined}>
        <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
          <QuestionText question={question} />
        </legend>
        {hasHelp && (
          <div class="utrecht-form-field-description" id={`${id}-description`}>
            <Text value={question.help} />
          </div>
        )}
        {question.rows.map((row) => {
          const rowName = answerField(question, row.value);
          return (
            <ChoiceGroup
              type="radio"
              class="irisdesk-choice"
              name={rowName}
              legend={<Text value={row.label} />}
              label={`${label} – ${pickText(row.label, lang).text}`}
              errors={errors}
              required={question.required}
              checked={val(values, rowName)}
              options={question.options.map((o) => ({ value: o.value, label: <Text value={o.label} /> }))}
            />
          );
        })}
      </fieldset>
    );
  }
  const scale = scaleOf(question);
  const options = scale
    ? Array.from({ length: scale.max - scale.min + 1 }, (_, i) => {
        const value = scale.min + i;
        const end = value === scale.min ? question.scaleLabels.min : value === scale.max ? question.scaleLabels.max : undefined;
        return {
          value: String(value),
          label:
            end && Object.keys(end).length ? (
              <>
                {value} – <Text value={end} />
              </>
            ) : (
              String(value)
            ),
        };
      })
    : question.options.map((o) => ({ value: o.value, label: <Text value={o.label} /> }));
  return (
    <ChoiceGroup
      type={question.kind === 'multiple' ? 'checkbox' : 'radio'}
      class={`irisdesk-choice${scale ? ' irisdesk-scale' : ''}`}
      name={name}
      legend={
        <QuestionText
          question={question}
          suffix={question.kind === 'multiple' ? <span class="irisdesk-muted"> ({t('surveys.respond.several')})</span> : undefined}
        />
      }
      label={label}
      hint={hasHelp ? <Text value={question.help} /> : undefined}
      errors={errors}
      required={question.required}
      checked={[values?.[name] ?? []].flat()}
      options={options}
    />
  );
}

export function RespondPage(props: { survey: SurveyRecord; questions: SurveyQuestion[]; action: string; errors?: FieldError[]; values?: FormValues }) {
  const { t, lang } = usePage();
  const { survey, questions } = props;
  const labelOf = (field: string) => {
    const [name, row] = field.split('.');
    const question = questions.find((q) => answerField(q) === name);
    if (!question) return field;
    const text = pickText(question.text, lang).text;
    const rowItem = row ? question.rows.find((r) => r.value === row) : undefined;
    return rowItem ? `${text} – ${pickText(rowItem.label, lang).text}` : text;
  };
  return (
    <Layout title={pickText(survey.title, lang).text}>
      <Heading1>
        <Text value={survey.title} />
      </Heading1>
      {survey.organisationName && (
        <Paragraph>
          {t('surveys.respond.by')} <Text value={survey.organisationName} />
        </Paragraph>
      )}
      {Object.keys(survey.intro).length > 0 && (
        <Paragraph lead>
          <Text value={survey.intro} />
        </Paragraph>
      )}
      <Paragraph>{t('surveys.respond.anonymous')}</Paragraph>
      {survey.closesAt && <Paragraph>{t('surveys.respond.until', { date: formatDate(new Date(survey.closesAt.getTime() - 1), lang) })}</Paragraph>}
      <ErrorSummary errors={props.errors} labelOf={labelOf} />
      <Form action={props.action}>
        {questions.map((question) => (
          <QuestionInput question={question} errors={props.errors} values={props.values} />
        ))}
        <SubmitButton>{t('surveys.respond.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** Not yet open, closed, already answered, expired: a page that says so, with the right status. */
export function SurveyUnavailablePage({ survey, reason }: { survey: SurveyRecord | null; reason: string }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t(`surveys.unavailable.${reason}`)}>
      <Heading1>{survey ? <Text value={survey.title} /> : t(`surveys.unavailable.${reason}`)}</Heading1>
      <Alert type="info">
        <p class="utrecht-paragraph">{t(`errors.surveys.${reason}`)}</p>
      </Alert>
      <Paragraph>
        <Link href={`/${lang}`}>{t('errorPage.home')}</Link>
      </Paragraph>
    </Layout>
  );
}

export function SurveyThanksPage() {
  const { t, lang } = usePage();
  return (
    <Layout title={t('surveys.thanks.title')}>
      <Heading1>{t('surveys.thanks.title')}</Heading1>
      <Paragraph lead>{t('surveys.thanks.text')}</Paragraph>
      <Paragraph>
        <Link href={`/${lang}/barometer`}>{t('surveys.thanks.barometer')}</Link>
      </Paragraph>
    </Layout>
  );
}
