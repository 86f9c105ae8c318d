// The respondent's questionnaire (works without JavaScript), the unavailable and thank-you pages.
import type { ComponentChildren } from 'preact';
import { usePage } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/Layout.tsx';
import { Alert, ErrorSummary, FieldShell, fieldId, Form, Heading1, Link, Paragraph, SubmitButton, Text } from '../../platform/views/components.tsx';
import type { FieldError } from '../../platform/http/errors.ts';
import { pickText } from '../../platform/i18n/languages.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { scaleOf, TEXT_MAX_LENGTH, type SurveyQuestion, type SurveyRecord } from '../model.ts';
import { answerField, type FormValues } from '../forms.ts';
import { val } from '../components.tsx';

// ---- respondents

function Legend({ question, suffix }: { question: SurveyQuestion; suffix?: ComponentChildren }) {
  const { t } = usePage();
  return (
    <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
      <Text value={question.text} />
      {suffix}
      {!question.required && <span class="irisdesk-muted"> ({t('surveys.optional')})</span>}
    </legend>
  );
}

function FieldError_({ id, error, label }: { id: string; error: FieldError | undefined; label: string }) {
  const { t } = usePage();
  if (!error) return null;
  return (
    <div class="utrecht-form-field-error-message" id={`${id}-error`}>
      {t(error.code, { ...error.values, field: label })}
    </div>
  );
}

function Choices(props: {
  name: string;
  type: 'radio' | 'checkbox';
  options: Array<{ value: string; label: ComponentChildren }>;
  checked: string[];
  required: boolean;
}) {
  const id = fieldId(props.name);
  return (
    <>
      {props.options.map((option) => {
        const optionId = `${id}-${option.value}`;
        return (
          <div class={`utrecht-form-field utrecht-form-field--${props.type}`}>
            <input
              class={`utrecht-${props.type} utrecht-${props.type}--html-input`}
              type={props.type}
              id={optionId}
              name={props.name}
              value={option.value}
              checked={props.checked.includes(option.value)}
              required={props.required && props.type === 'radio' ? true : undefined}
            />
            <label class={`utrecht-form-label utrecht-form-label--${props.type}`} for={optionId}>
              {option.label}
            </label>
          </div>
        );
      })}
    </>
  );
}

function QuestionInput({ question, errors, values }: { question: SurveyQuestion; errors: FieldError[] | undefined; values: FormValues | undefined }) {
  const { t, lang } = usePage();
  const name = answerField(question);
  const id = fieldId(name);
  const label = pickText(question.text, lang).text;
  const error = errors?.find((e) => e.field === name);
  const checked = [values?.[name] ?? []].flat();
  const help = Object.keys(question.help).length ? (
    <div class="utrecht-form-field-description" id={`${id}-description`}>
      <Text value={question.help} />
    </div>
  ) : null;
  const describedBy = [help ? `${id}-description` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  if (question.kind === 'text') {
    return (
      <FieldShell
        name={name}
        label={question.required ? label : `${label} (${t('surveys.optional')})`}
        errors={errors}
        description={[pickText(question.help, lang).text, t('surveys.respond.textHint', { limit: TEXT_MAX_LENGTH })].filter(Boolean).join(' ')}
        control={(aria) => (
          <textarea {...aria} class="utrecht-textarea utrecht-textarea--html-textarea" name={name} maxLength={TEXT_MAX_LENGTH} rows={4}>
            {val(values, name) ?? ''}
          </textarea>
        )}
      />
    );
  }
  if (question.kind === 'matrix') {
    return (
      <fieldset class="utrecht-form-fieldset irisdesk-matrix" id={id} aria-describedby={help ? `${id}-description` : undefined}>
        <Legend question={question} />
        {help}
        {question.rows.map((row) => {
          const rowName = answerField(question, row.value);
          const rowId = fieldId(rowName);
          const rowError = errors?.find((e) => e.field === rowName);
          const rowLabel = pickText(row.label, lang).text;
          return (
            <fieldset
              class={`utrecht-form-fieldset irisdesk-choice${rowError ? ' utrecht-form-fieldset--invalid' : ''}`}
              id={rowId}
              aria-describedby={rowError ? `${rowId}-error` : undefined}
            >
              <legend class="utrecht-form-fieldset__legend">
                <Text value={row.label} />
              </legend>
              <FieldError_ id={rowId} error={rowError} label={`${label} – ${rowLabel}`} />
              <Choices
                name={rowName}
                type="radio"
                required={question.required}
                checked={[values?.[rowName] ?? []].flat()}
                options={question.options.map((o) => ({ value: o.value, label: <Text value={o.label} /> }))}
              />
            </fieldset>
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
    <fieldset
      class={`utrecht-form-fieldset irisdesk-choice${error ? ' utrecht-form-fieldset--invalid' : ''}${scale ? ' irisdesk-scale' : ''}`}
      id={id}
      aria-describedby={describedBy}
    >
      <Legend question={question} suffix={question.kind === 'multiple' ? <span class="irisdesk-muted"> ({t('surveys.respond.several')})</span> : undefined} />
      {help}
      <FieldError_ id={id} error={error} label={label} />
      <Choices name={name} type={question.kind === 'multiple' ? 'checkbox' : 'radio'} required={question.required} checked={checked} options={options} />
    </fieldset>
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
