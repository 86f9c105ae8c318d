// Screens of the competence center's strategy. Every text comes from the catalogue (competence.*).
import type { FieldError } from '../../platform/http/errors.ts';
import { usePage } from '../../platform/views/context.ts';
import { Alert, DateField, Form, Paragraph, SelectField, SubmitButton, Table, Text, TextArea } from '../../platform/views/components.tsx';
import { formatDate, formatNumber } from '../../platform/i18n/format.ts';
import { pickText } from '../../platform/i18n/languages.ts';
import { isCompetenceCenter } from '../authorisation.ts';
import { INDICATORS } from '../indicators.ts';
import {
  CompetenceErrorSummary,
  type FormValues,
  H2,
  Hidden,
  LangTextFields,
  NumberField,
  Page,
  TranslationStatus,
  fmtIndicator,
  one,
} from '../components.tsx';
import { type StrategyVersion } from './repository.ts';
import { type CompetenceService } from '../service.ts';

// ---- Regional strategy

export function StrategyPage(props: {
  progress: Awaited<ReturnType<CompetenceService['strategyProgress']>>;
  errors?: FieldError[] | undefined;
  values?: FormValues | undefined;
  notice?: string | undefined;
}) {
  const { t, lang, actor } = usePage();
  const { current, versions, objectives, campaign } = props.progress;
  return (
    <Page title={t('competence.strategy.title')}>
      {props.notice && <Alert type="ok">{t(`competence.notice.${props.notice}`)}</Alert>}
      {!current ? (
        <Alert type="info">{t('competence.strategy.none')}</Alert>
      ) : (
        <>
          <Paragraph lead>
            {t('competence.strategy.version', { number: current.number, date: formatDate(new Date(current.createdAt), lang) })} {current.note}
          </Paragraph>
          <Paragraph>
            {campaign
              ? t('competence.strategy.basis', { campaign: pickText(campaign.title, lang).text, count: props.progress.organisations })
              : t('competence.strategy.noResults')}
          </Paragraph>
          <Table
            caption={t('competence.strategy.progressCaption')}
            head={[
              t('competence.strategy.objective'),
              t('competence.field.indicator'),
              t('competence.field.baseline'),
              t('competence.strategy.now'),
              t('competence.field.targetValue'),
              t('competence.field.targetOn'),
              t('competence.strategy.state'),
            ]}
            rows={objectives.map((o) => [
              <Text value={o.objective.title} />,
              t(`competence.indicator.${o.objective.indicator}`),
              o.objective.baseline === null ? '–' : fmtIndicator(o.objective.indicator, o.objective.baseline, lang, t),
              o.value === null
                ? t(
                    o.source === 'competence'
                      ? 'competence.noData'
                      : o.source === 'not_measured' || !o.measuredAvailable
                        ? 'competence.measured.notYet'
                        : 'competence.noData',
                  )
                : fmtIndicator(o.objective.indicator, o.value, lang, t),
              fmtIndicator(o.objective.indicator, o.objective.targetValue, lang, t),
              o.objective.targetOn ? formatDate(new Date(`${o.objective.targetOn}T12:00:00Z`), lang) : '–',
              o.reached === null
                ? t('competence.strategy.unknown')
                : o.reached
                  ? t('competence.strategy.reached')
                  : o.progress !== null
                    ? t('competence.strategy.progress', { percent: o.progress })
                    : t('competence.strategy.notReached'),
            ])}
          />
        </>
      )}
      {versions.length > 1 && (
        <section aria-labelledby="history">
          <H2 id="history">{t('competence.strategy.history')}</H2>
          <Table
            caption={t('competence.strategy.historyCaption', { count: versions.length })}
            head={[t('competence.strategy.versionNumber'), t('competence.field.date'), t('competence.field.note'), t('competence.strategy.objectives')]}
            rows={versions.map((v: StrategyVersion) => [
              String(v.number),
              formatDate(new Date(v.createdAt), lang),
              v.note || '–',
              formatNumber(v.objectives.length, lang),
            ])}
          />
        </section>
      )}
      {isCompetenceCenter(actor) && <StrategyForm current={current} errors={props.errors} values={props.values} />}
    </Page>
  );
}

function StrategyForm({ current, errors, values }: { current: StrategyVersion | null; errors?: FieldError[] | undefined; values?: FormValues | undefined }) {
  const { t, lang } = usePage();
  const rows = [...(current?.objectives ?? []), null, null];
  return (
    <section aria-labelledby="new-version">
      <H2 id="new-version">{t('competence.strategy.newVersion')}</H2>
      <Paragraph>{t('competence.strategy.newVersionHint')}</Paragraph>
      <Paragraph>{t('competence.editAllLanguages')}</Paragraph>
      <CompetenceErrorSummary errors={errors} />
      <Form action={`/${lang}/competence/strategy`}>
        <Hidden name="basedOn" value={String(current?.number ?? 0)} />
        <TextArea name="note" label={t('competence.field.note')} value={one(values, 'note')} maxLength={2000} rows={2} errors={errors} />
        {rows.map((objective, index) => (
          <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
              {t('competence.strategy.objectiveN', { n: index + 1 })}
            </legend>
            {objective && <Hidden name={`objectives.${index}.id`} value={objective.id} />}
            {objective && <TranslationStatus texts={[objective.title]} />}
            <LangTextFields
              name={`objectives.${index}.title`}
              label={t('competence.strategy.objective')}
              stored={objective?.title}
              values={values}
              errors={errors}
              maxLength={300}
              required={!!objective}
            />
            <SelectField
              name={`objectives.${index}.indicator`}
              label={t('competence.field.indicator')}
              value={one(values, `objectives.${index}.indicator`) ?? objective?.indicator}
              options={INDICATORS.map((i) => ({ value: i.key, label: t(`competence.indicator.${i.key}`) }))}
              errors={errors}
            />
            <NumberField
              name={`objectives.${index}.baseline`}
              label={t('competence.field.baseline')}
              value={one(values, `objectives.${index}.baseline`) ?? objective?.baseline}
              errors={errors}
            />
            <NumberField
              name={`objectives.${index}.targetValue`}
              label={t('competence.field.targetValue')}
              value={one(values, `objectives.${index}.targetValue`) ?? objective?.targetValue}
              errors={errors}
            />
            <DateField
              name={`objectives.${index}.targetOn`}
              label={t('competence.field.targetOn')}
              value={one(values, `objectives.${index}.targetOn`) ?? objective?.targetOn}
              errors={errors}
            />
          </fieldset>
        ))}
        <SubmitButton>{t('competence.strategy.save')}</SubmitButton>
      </Form>
    </section>
  );
}
