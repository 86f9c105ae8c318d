// Screens of the competence center's action plans. Every text comes from the catalogue (competence.*).
import type { FieldError } from '../../platform/http/errors.ts';
import { usePage } from '../../platform/views/context.ts';
import { Alert, DateField, Form, Link, Paragraph, SelectField, SubmitButton, Text, TextField } from '../../platform/views/components.tsx';
import { DataTable, KeyFigures } from '../../platform/views/charts/charts.tsx';
import { formatDecimal } from '../../platform/views/charts/figures.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { pickText, type Language } from '../../platform/i18n/languages.ts';
import type { Translate } from '../../platform/i18n/messages.ts';
import { INDICATORS } from '../indicators.ts';
import { type Action } from './repository.ts';
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
import { ACTION_STATUSES, HORIZONS, SCOPES } from '../repository.ts';
import { type CompetenceService } from '../service.ts';

// ---- Action plans

export function actionRows(actions: Action[], lang: Language, t: Translate, withOrganisation: boolean, editable: boolean) {
  return actions.map((a) => [
    editable ? (
      <Link href={`/${lang}/competence/actions/${a.id}`}>
        <Text value={a.title} />
      </Link>
    ) : (
      <Text value={a.title} />
    ),
    ...(withOrganisation ? [<Text value={a.organisationName} />] : []),
    a.owner || '–',
    <DueDate action={a} />,
    t(`competence.actionStatus.${a.status}`),
    `${t(`competence.indicator.${a.indicator}`)}${a.targetValue !== null ? ` → ${fmtIndicator(a.indicator, a.targetValue, lang, t)}` : ''}`,
    `${t(`competence.horizon.${a.horizon}`)} · ${t(`competence.scope.${a.scope}`)}`,
  ]);
}

/** The due date, flagged when the action is still to do and the date is past. */
function DueDate({ action }: { action: Action }) {
  const { t, lang } = usePage();
  if (!action.dueOn) return <>–</>;
  const date = formatDate(new Date(`${action.dueOn}T12:00:00Z`), lang);
  if (!action.overdue) return <>{date}</>;
  return (
    <>
      {date} <strong class="irisdesk-overdue">{t('competence.actionPlan.overdue')}</strong>
    </>
  );
}

/** How far the plan is: open actions, of which overdue, and done — the figures a manager looks for first. */
export function ActionPlanFigures({ actions }: { actions: Action[] }) {
  const { t, lang } = usePage();
  const open = actions.filter((a) => a.status === 'planned' || a.status === 'in_progress').length;
  const overdue = actions.filter((a) => a.overdue).length;
  const done = actions.filter((a) => a.status === 'done').length;
  return (
    <KeyFigures
      label={t('competence.actionPlan.figures')}
      figures={[
        { value: formatDecimal(open, lang), label: t('competence.actionPlan.figure.open', { count: open }) },
        { value: formatDecimal(overdue, lang), label: t('competence.actionPlan.figure.overdue', { count: overdue }) },
        { value: formatDecimal(done, lang), label: t('competence.actionPlan.figure.done', { count: done }) },
      ]}
    />
  );
}

export const actionHead = (t: Translate, withOrganisation: boolean) => [
  t('competence.action'),
  ...(withOrganisation ? [t('competence.organisation')] : []),
  t('competence.field.owner'),
  t('competence.field.dueOn'),
  t('competence.field.status'),
  t('competence.field.indicator'),
  t('competence.action.kind'),
];

export function ActionPlanPage(props: {
  plan: Awaited<ReturnType<CompetenceService['actionPlan']>>;
  errors?: FieldError[] | undefined;
  values?: FormValues | undefined;
  notice?: string | undefined;
}) {
  const { t, lang } = usePage();
  const { organisation, actions, canEdit } = props.plan;
  return (
    <Page title={t('competence.actionPlan.title', { organisation: pickText(organisation.name, lang).text })}>
      <Paragraph lead>{t('competence.actionPlan.intro')}</Paragraph>
      {props.notice && <Alert type="ok">{t(`competence.notice.${props.notice}`)}</Alert>}
      <ActionPlanFigures actions={actions} />
      {HORIZONS.map((horizon) => (
        <DataTable
          id={`action-plan-${horizon}`}
          caption={t('competence.actionPlan.caption', {
            horizon: t(`competence.horizon.${horizon}`),
            count: actions.filter((a) => a.horizon === horizon).length,
          })}
          head={actionHead(t, false)}
          rows={actionRows(
            actions.filter((a) => a.horizon === horizon),
            lang,
            t,
            false,
            canEdit,
          )}
        />
      ))}
      {canEdit && (
        <section aria-labelledby="new-action">
          <H2 id="new-action">{t('competence.actionPlan.new')}</H2>
          <CompetenceErrorSummary errors={props.errors} labels={{ title: t('competence.action') }} />
          <Form action={`/${lang}/competence/action-plans/${organisation.code}`}>
            <ActionFields values={props.values} errors={props.errors} />
            <SelectField
              name="scope"
              label={t('competence.action.kind')}
              value={one(props.values, 'scope')}
              options={SCOPES.map((s) => ({ value: s, label: t(`competence.scope.${s}`) }))}
              errors={props.errors}
            />
            <SubmitButton>{t('competence.actionPlan.add')}</SubmitButton>
          </Form>
        </section>
      )}
    </Page>
  );
}

function ActionFields({ action, values, errors }: { action?: Action; values?: FormValues | undefined; errors?: FieldError[] | undefined }) {
  const { t } = usePage();
  return (
    <>
      <LangTextFields name="title" label={t('competence.action')} stored={action?.title} values={values} errors={errors} maxLength={300} />
      <TextField
        name="owner"
        label={t('competence.field.owner')}
        description={t('competence.field.ownerHint')}
        value={one(values, 'owner') ?? action?.owner}
        maxLength={200}
        errors={errors}
      />
      <DateField name="dueOn" label={t('competence.field.dueOn')} value={one(values, 'dueOn') ?? action?.dueOn} errors={errors} />
      <SelectField
        name="indicator"
        label={t('competence.field.indicator')}
        value={one(values, 'indicator') ?? action?.indicator}
        options={INDICATORS.map((i) => ({ value: i.key, label: t(`competence.indicator.${i.key}`) }))}
        errors={errors}
      />
      <NumberField name="targetValue" label={t('competence.field.targetValue')} value={one(values, 'targetValue') ?? action?.targetValue} errors={errors} />
      <SelectField
        name="horizon"
        label={t('competence.field.horizon')}
        value={one(values, 'horizon') ?? action?.horizon}
        options={HORIZONS.map((h) => ({ value: h, label: t(`competence.horizon.${h}`) }))}
        errors={errors}
      />
    </>
  );
}

export function ActionPage(props: { action: Action; errors?: FieldError[] | undefined; values?: FormValues | undefined }) {
  const { t, lang } = usePage();
  const { action } = props;
  return (
    <Page title={t('competence.action.edit')}>
      <Paragraph>
        <Text value={action.organisationName} /> · {t(`competence.scope.${action.scope}`)}
        {action.projectTitle && (
          <>
            {' · '}
            {t('competence.portfolio.project')}: <Text value={action.projectTitle} />
          </>
        )}
      </Paragraph>
      <TranslationStatus texts={[action.title]} />
      <CompetenceErrorSummary errors={props.errors} labels={{ title: t('competence.action') }} />
      <Form action={`/${lang}/competence/actions/${action.id}`}>
        <Hidden name="version" value={String(action.version)} />
        <ActionFields action={action} values={props.values} errors={props.errors} />
        <SelectField
          name="status"
          label={t('competence.field.status')}
          value={one(props.values, 'status') ?? action.status}
          options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`competence.actionStatus.${s}`) }))}
          errors={props.errors}
        />
        <SubmitButton>{t('competence.save')}</SubmitButton>
      </Form>
      <Paragraph>
        <Link href={`/${lang}/competence/action-plans/${action.organisationCode}`}>{t('competence.actionPlan.back')}</Link>
      </Paragraph>
    </Page>
  );
}
