// Screens of the survey builder: the list, a new survey from a template or blank, the survey with its
// questions, settings and completeness per language, the question editor with FR/NL/EN side by side.
import type { ComponentChildren } from 'preact';
import { usePage } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/Layout.tsx';
import {
  CheckboxGroup,
  ChoiceGroup,
  DateField,
  ErrorSummary,
  fieldId,
  Form,
  Heading1,
  Link,
  Paragraph,
  SelectField,
  SubmitButton,
  Table,
  Text,
  TextArea,
  TextField,
} from '../../platform/views/components.tsx';
import type { FieldError } from '../../platform/http/errors.ts';
import { LANGUAGE_NAMES, LANGUAGES, pickText, type Language } from '../../platform/i18n/languages.ts';
import { formatNumber } from '../../platform/i18n/format.ts';
import type { Translate } from '../../platform/i18n/messages.ts';
import { QUESTION_KINDS, REQUIRED_LANGUAGES, type QuestionKind, type SurveyQuestion, type SurveyRecord } from '../model.ts';
import type { SurveyBank, SurveyDetail, SurveyListEntry } from '../service.ts';
import { CHANNELS } from '../service.ts';
import { closingDay, itemsText, openingDay, type FormValues } from '../forms.ts';
import type { SurveyOwner } from '../authorisation.ts';
import { ActionButton, SECTION, StateBadge, VersionField, val } from '../components.tsx';

// ---- list

export function SurveyListPage({ surveys, owners }: { surveys: SurveyListEntry[]; owners: SurveyOwner[] }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('surveys.list.title')} backOffice section={SECTION}>
      <Heading1>{t('surveys.list.title')}</Heading1>
      <Paragraph lead>{t('surveys.list.lead')}</Paragraph>
      {owners.length > 0 && (
        <p class="irisdesk-actions">
          <a class="utrecht-button-link utrecht-button-link--primary-action" href={`/${lang}/admin/surveys/new`}>
            {t('surveys.list.create')}
          </a>
        </p>
      )}
      {surveys.length === 0 ? (
        <Paragraph>{t('surveys.list.empty')}</Paragraph>
      ) : (
        <Table
          caption={t('surveys.list.caption')}
          head={[t('surveys.field.title'), t('surveys.list.owner'), t('surveys.list.state'), t('surveys.list.responses'), t('surveys.list.actions')]}
          rows={surveys.map((survey) => [
            <Link href={`/${lang}/admin/surveys/${survey.id}`}>
              <Text value={survey.title} />
            </Link>,
            survey.organisationName ? <Text value={survey.organisationName} /> : t('surveys.owner.region'),
            <StateBadge state={survey.state} />,
            formatNumber(survey.responses, lang),
            <Link href={`/${lang}/admin/surveys/${survey.id}/results`}>{t('surveys.results.link')}</Link>,
          ])}
        />
      )}
    </Layout>
  );
}

// ---- new survey

export function NewSurveyPage({
  templates,
  owners,
  errors,
  values,
}: {
  templates: SurveyBank['templates'];
  owners: SurveyOwner[];
  errors?: FieldError[];
  values?: FormValues;
}) {
  const { t, lang } = usePage();
  const chosen = val(values, 'templateCode') ?? '';
  return (
    <Layout title={t('surveys.new.title')} backOffice section={SECTION}>
      <Heading1>{t('surveys.new.title')}</Heading1>
      <ErrorSummary
        errors={errors}
        labelOf={(field) => {
          // The titles are asked per language, and named so in the summary as next to their field.
          const language = /^title\.(fr|nl|en)$/.exec(field)?.[1] as Language | undefined;
          return language ? t('surveys.field.titleIn', { language: LANGUAGE_NAMES[language] }) : t(`surveys.field.${field}`);
        }}
      />
      <Form action={`/${lang}/admin/surveys/new`}>
        {owners.length > 1 ? (
          <SelectField
            name="owner"
            label={t('surveys.field.owner')}
            value={val(values, 'owner')}
            options={owners.map((owner) => ({ value: owner, label: t(`surveys.owner.${owner}`) }))}
            errors={errors}
          />
        ) : (
          <input type="hidden" name="owner" value={owners[0]} />
        )}
        <ChoiceGroup
          type="radio"
          name="templateCode"
          legend={t('surveys.field.templateCode')}
          errors={errors}
          checked={chosen}
          options={[
            { value: '', label: t('surveys.new.blank'), hint: t('surveys.new.blankDescription') },
            ...templates.map((template) => ({ value: template.code, label: <Text value={template.title} />, hint: <Text value={template.description} /> })),
          ]}
        />
        <LanguageColumns>
          {(language) => (
            <TextField
              name={`title.${language}`}
              label={t('surveys.field.titleIn', { language: LANGUAGE_NAMES[language] })}
              value={val(values, `title.${language}`)}
              errors={errors}
              maxLength={300}
            />
          )}
        </LanguageColumns>
        <Paragraph>{t('surveys.new.titleHint')}</Paragraph>
        <SubmitButton>{t('surveys.new.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** FR / NL / EN side by side: one fieldset per language, with its lang attribute. */
function LanguageColumns({ children }: { children: (language: Language) => ComponentChildren }) {
  const { t } = usePage();
  return (
    <div class="irisdesk-card-grid">
      {LANGUAGES.map((language) => (
        <fieldset class="utrecht-form-fieldset">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
            <span lang={language}>{LANGUAGE_NAMES[language]}</span>
            {REQUIRED_LANGUAGES.includes(language) ? '' : ` (${t('surveys.optionalLanguage')})`}
          </legend>
          {children(language)}
        </fieldset>
      ))}
    </div>
  );
}

// ---- the survey

function missingText(path: string, t: Translate): string {
  if (path === 'title') return t('surveys.field.title');
  if (path === 'intro') return t('surveys.field.intro');
  const [question, part, index] = path.split('.');
  const number = Number(question!.slice(1));
  const what =
    part === 'text'
      ? t('surveys.field.text')
      : part === 'help'
        ? t('surveys.field.help')
        : part === 'options'
          ? t('surveys.missing.option', { index: Number(index) })
          : part === 'rows'
            ? t('surveys.missing.row', { index: Number(index) })
            : t('surveys.missing.scale');
  return t('surveys.missing.question', { number, what });
}

function CompletenessTable({ detail }: { detail: SurveyDetail }) {
  const { t, lang } = usePage();
  return (
    <section aria-labelledby="completeness-title" id={fieldId('texts')}>
      <h2 class="utrecht-heading-2" id="completeness-title">
        {t('surveys.completeness.title')}
      </h2>
      <Paragraph>{t('surveys.completeness.rule')}</Paragraph>
      <Table
        caption={t('surveys.completeness.caption')}
        head={[t('surveys.completeness.language'), t('surveys.completeness.filled'), t('surveys.completeness.missing')]}
        rows={detail.completeness.map((entry) => [
          <span id={fieldId(`texts.${entry.language}`)}>{LANGUAGE_NAMES[entry.language]}</span>,
          `${formatNumber(entry.filled, lang)} / ${formatNumber(entry.total, lang)}${entry.complete ? ` – ${t('surveys.completeness.complete')}` : ''}`,
          entry.missing.length === 0
            ? '–'
            : entry.missing
                .slice(0, 8)
                .map((path) => missingText(path, t))
                .join(' · ') + (entry.missing.length > 8 ? ' …' : ''),
        ])}
      />
    </section>
  );
}

export function SurveyEditPage({
  detail,
  bank,
  errors,
  values,
  publicUrl,
}: {
  detail: SurveyDetail;
  bank: SurveyBank;
  errors?: FieldError[];
  values?: FormValues;
  publicUrl: string;
}) {
  const { t, lang } = usePage();
  const { survey, questions } = detail;
  const base = `/${lang}/admin/surveys/${survey.id}`;
  const draft = survey.status === 'draft';
  const manage = detail.manageable;
  const v = (name: string, fallback: string) => (values ? (val(values, name) ?? '') : fallback);
  const link = `${publicUrl}/${lang}/surveys/${survey.slug}`;
  return (
    <Layout title={pickText(survey.title, lang).text} backOffice section={SECTION}>
      <Heading1>
        <Text value={survey.title} />
      </Heading1>
      <Paragraph lead>
        {t('surveys.edit.status')} <StateBadge state={detail.state} /> ·{' '}
        {survey.organisationName ? <Text value={survey.organisationName} /> : t('surveys.owner.region')} ·{' '}
        {t('surveys.edit.responses', { count: survey.responses, countText: formatNumber(survey.responses, lang) })}
      </Paragraph>
      <p class="irisdesk-actions">
        <Link href={`${base}/results`}>{t('surveys.results.link')}</Link>
        {survey.linkEnabled && survey.status !== 'draft' && <Link href={`/${lang}/surveys/${survey.slug}`}>{t('surveys.edit.publicPage')}</Link>}
        <Link href={`/${lang}/admin/surveys`}>{t('surveys.edit.back')}</Link>
      </p>
      <ErrorSummary errors={errors} labelOf={(field) => t(`surveys.field.${field.replace(/\.(fr|nl|en)$/, '')}`)} />
      <CompletenessTable detail={detail} />

      {manage && (
        <section aria-labelledby="status-title">
          <h2 class="utrecht-heading-2" id="status-title">
            {t('surveys.edit.statusTitle')}
          </h2>
          <Paragraph>{t(`surveys.edit.statusHelp.${survey.status}`)}</Paragraph>
          <div class="irisdesk-actions">
            {survey.status !== 'open' && <ActionButton action={`${base}/open`} version={survey.version} label={t('surveys.edit.open')} variant="primary" />}
            {survey.status === 'open' && <ActionButton action={`${base}/close`} version={survey.version} label={t('surveys.edit.close')} />}
            {draft && survey.responses === 0 && <ActionButton action={`${base}/delete`} version={survey.version} label={t('surveys.edit.delete')} />}
          </div>
          {survey.linkEnabled && (
            <Paragraph>
              {t('surveys.edit.link')} <code>{link}</code>
            </Paragraph>
          )}
        </section>
      )}

      <section aria-labelledby="questions-title">
        <h2 class="utrecht-heading-2" id="questions-title">
          {t('surveys.edit.questions')}
        </h2>
        {!draft && <Paragraph>{t('surveys.edit.frozen')}</Paragraph>}
        {questions.length === 0 ? (
          <Paragraph>{t('surveys.edit.noQuestions')}</Paragraph>
        ) : (
          <ol class="utrecht-ordered-list" id={fieldId('questions')}>
            {questions.map((question, index) => (
              <li class="utrecht-ordered-list__item">
                <Text value={question.text} />{' '}
                <span class="irisdesk-muted">
                  ({t(`surveys.kind.${question.kind}`)}
                  {question.required ? `, ${t('surveys.required')}` : ''})
                </span>
                {manage && draft && (
                  <div class="irisdesk-actions">
                    <Link href={`${base}/questions/${question.id}`}>{t('surveys.edit.editQuestion', { number: index + 1 })}</Link>
                    {index > 0 && (
                      <ActionButton
                        action={`${base}/questions/${question.id}/move`}
                        version={survey.version}
                        name="direction"
                        value="up"
                        label={t('surveys.edit.moveUp', { number: index + 1 })}
                      />
                    )}
                    {index < questions.length - 1 && (
                      <ActionButton
                        action={`${base}/questions/${question.id}/move`}
                        version={survey.version}
                        name="direction"
                        value="down"
                        label={t('surveys.edit.moveDown', { number: index + 1 })}
                      />
                    )}
                    <ActionButton
                      action={`${base}/questions/${question.id}/delete`}
                      version={survey.version}
                      label={t('surveys.edit.deleteQuestion', { number: index + 1 })}
                    />
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
        {manage && draft && (
          <div class="irisdesk-card-grid">
            <Form action={`${base}/questions`}>
              <VersionField version={survey.version} />
              <SelectField
                name="bankCode"
                label={t('surveys.edit.fromBank')}
                options={bank.questions.map((question) => ({
                  value: question.code,
                  label: `${t(`surveys.category.${question.category}`)} – ${pickText(question.text, lang).text}`,
                }))}
                errors={errors}
              />
              <SubmitButton variant="secondary">{t('surveys.edit.addFromBank')}</SubmitButton>
            </Form>
            <form method="get" action={`${base}/questions/new`} class="utrecht-form">
              <SelectField
                name="kind"
                label={t('surveys.edit.newKind')}
                options={QUESTION_KINDS.map((kind) => ({ value: kind, label: t(`surveys.kind.${kind}`) }))}
              />
              <SubmitButton variant="secondary">{t('surveys.edit.addBlank')}</SubmitButton>
            </form>
          </div>
        )}
      </section>

      {manage && (
        <section aria-labelledby="settings-title">
          <h2 class="utrecht-heading-2" id="settings-title">
            {t('surveys.edit.settings')}
          </h2>
          <Form action={`${base}/settings`}>
            <VersionField version={survey.version} />
            <LanguageColumns>
              {(language) => (
                <>
                  <TextField
                    name={`title.${language}`}
                    label={t('surveys.field.titleIn', { language: LANGUAGE_NAMES[language] })}
                    value={v(`title.${language}`, survey.title[language] ?? '')}
                    errors={errors}
                    maxLength={300}
                  />
                  <TextArea
                    name={`intro.${language}`}
                    label={t('surveys.field.introIn', { language: LANGUAGE_NAMES[language] })}
                    value={v(`intro.${language}`, survey.intro[language] ?? '')}
                    errors={errors}
                    maxLength={2000}
                    rows={3}
                  />
                </>
              )}
            </LanguageColumns>
            <DateField name="opensOn" label={t('surveys.field.opensOn')} value={v('opensOn', openingDay(survey.opensAt))} errors={errors} />
            <DateField
              name="closesOn"
              label={t('surveys.field.closesOn')}
              value={v('closesOn', closingDay(survey.closesAt))}
              errors={errors}
              description={t('surveys.field.closesOnHint')}
            />
            <CheckboxGroup
              name="linkEnabled"
              legend={t('surveys.field.linkEnabled')}
              options={[{ value: 'yes', label: t('surveys.field.linkEnabledLabel') }]}
              checked={(values ? val(values, 'linkEnabled') === 'yes' : survey.linkEnabled) ? ['yes'] : []}
              errors={errors}
            />
            <TextField
              name="samplingRate"
              type="number"
              label={t('surveys.field.samplingRate')}
              description={t('surveys.field.samplingRateHint')}
              value={v('samplingRate', String(survey.samplingRate))}
              errors={errors}
            />
            <CheckboxGroup
              name="channels"
              legend={t('surveys.field.channels')}
              options={CHANNELS.map((channel) => ({ value: channel, label: t(`surveys.channel.${channel}`) }))}
              checked={values ? [values.channels ?? []].flat() : survey.channels}
              errors={errors}
            />
            <SubmitButton>{t('surveys.edit.saveSettings')}</SubmitButton>
          </Form>
        </section>
      )}
    </Layout>
  );
}

// ---- the question editor

export function QuestionEditPage(props: {
  survey: SurveyRecord;
  question: SurveyQuestion | null;
  kind: QuestionKind;
  errors?: FieldError[];
  values?: FormValues;
}) {
  const { t, lang } = usePage();
  const { survey, question, kind, errors, values } = props;
  const base = `/${lang}/admin/surveys/${survey.id}`;
  const v = (name: string, fallback: string) => (values ? (val(values, name) ?? '') : fallback);
  const hasOptions = kind === 'single' || kind === 'multiple' || kind === 'matrix';
  const scaled = kind === 'rating' || kind === 'nps';
  const title = question ? t('surveys.question.editTitle') : t('surveys.question.newTitle', { kind: t(`surveys.kind.${kind}`) });
  return (
    <Layout title={title} backOffice section={SECTION}>
      <Heading1>{title}</Heading1>
      <Paragraph lead>
        <Text value={survey.title} /> · {t(`surveys.kind.${kind}`)}
      </Paragraph>
      <Paragraph>{t(`surveys.kindHelp.${kind}`)}</Paragraph>
      <ErrorSummary errors={errors} labelOf={(field) => t(`surveys.field.${field.replace(/\.(fr|nl|en)$/, '')}`)} />
      <Form action={question ? `${base}/questions/${question.id}` : `${base}/questions/new?kind=${kind}`}>
        <VersionField version={survey.version} />
        <input type="hidden" name="kind" value={kind} />
        <CheckboxGroup
          name="required"
          legend={t('surveys.field.required')}
          options={[{ value: 'yes', label: t('surveys.field.requiredLabel') }]}
          checked={(values ? val(values, 'required') === 'yes' : (question?.required ?? false)) ? ['yes'] : []}
          errors={errors}
        />
        {kind === 'rating' && (
          <div class="irisdesk-card-grid">
            <TextField
              name="scaleMin"
              type="number"
              label={t('surveys.field.scaleMin')}
              value={v('scaleMin', String(question?.scaleMin ?? 1))}
              errors={errors}
            />
            <TextField
              name="scaleMax"
              type="number"
              label={t('surveys.field.scaleMax')}
              value={v('scaleMax', String(question?.scaleMax ?? 5))}
              errors={errors}
            />
          </div>
        )}
        <LanguageColumns>
          {(language) => (
            <>
              <TextArea
                name={`text.${language}`}
                label={t('surveys.field.textIn', { language: LANGUAGE_NAMES[language] })}
                value={v(`text.${language}`, question?.text[language] ?? '')}
                errors={errors}
                maxLength={500}
                rows={2}
              />
              <TextField
                name={`help.${language}`}
                label={t('surveys.field.helpIn', { language: LANGUAGE_NAMES[language] })}
                value={v(`help.${language}`, question?.help[language] ?? '')}
                errors={errors}
                maxLength={500}
              />
              {hasOptions && (
                <TextArea
                  name={`options.${language}`}
                  label={t(kind === 'matrix' ? 'surveys.field.columnsIn' : 'surveys.field.optionsIn', { language: LANGUAGE_NAMES[language] })}
                  description={t('surveys.field.onePerLine')}
                  value={v(`options.${language}`, itemsText(question?.options ?? [], language))}
                  errors={errors}
                  rows={5}
                />
              )}
              {kind === 'matrix' && (
                <TextArea
                  name={`rows.${language}`}
                  label={t('surveys.field.rowsIn', { language: LANGUAGE_NAMES[language] })}
                  description={t('surveys.field.onePerLine')}
                  value={v(`rows.${language}`, itemsText(question?.rows ?? [], language))}
                  errors={errors}
                  rows={5}
                />
              )}
              {scaled && (
                <>
                  <TextField
                    name={`scaleLabels.min.${language}`}
                    label={t('surveys.field.scaleMinLabelIn', { language: LANGUAGE_NAMES[language] })}
                    value={v(`scaleLabels.min.${language}`, question?.scaleLabels.min?.[language] ?? '')}
                    errors={errors}
                    maxLength={100}
                  />
                  <TextField
                    name={`scaleLabels.max.${language}`}
                    label={t('surveys.field.scaleMaxLabelIn', { language: LANGUAGE_NAMES[language] })}
                    value={v(`scaleLabels.max.${language}`, question?.scaleLabels.max?.[language] ?? '')}
                    errors={errors}
                    maxLength={100}
                  />
                </>
              )}
            </>
          )}
        </LanguageColumns>
        <div class="irisdesk-actions">
          <SubmitButton>{t('surveys.question.save')}</SubmitButton>
          <Link href={base}>{t('surveys.question.cancel')}</Link>
        </div>
      </Form>
    </Layout>
  );
}
