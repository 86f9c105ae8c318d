// Screens of the competence center's assessments. Every text comes from the catalogue (competence.*).
import type { FieldError } from '../../platform/http/errors.ts';
import { usePage } from '../../platform/views/context.ts';
import { Alert, CsrfField, DateField, Form, Link, Paragraph, SelectField, SubmitButton, Text, TextArea } from '../../platform/views/components.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../platform/i18n/format.ts';
import { pickText } from '../../platform/i18n/languages.ts';
import { RadarChart } from '../../platform/views/charts/RadarChart.tsx';
import { KeyFigures, More } from '../../platform/views/charts/charts.tsx';
import { DIMENSIONS, EVIDENCE_REQUIRED_ABOVE, bandOf } from '../scoring.ts';
import { SIDE_BY_SIDE_INDICATORS, indicatorDefinition, type MeasuredValue } from '../indicators.ts';
import { answerField } from './service.ts';
import { type Criterion } from '../campaigns/repository.ts';
import {
  CompetenceErrorSummary,
  type FormValues,
  H2,
  H3,
  Hidden,
  NumberField,
  Page,
  ScaleTable,
  WideTable,
  fmtChange,
  fmtIndicator,
  fmtScore,
  one,
  statusText,
} from '../components.tsx';
import { OBSERVATION_METHODS } from '../repository.ts';
import { type CompetenceService } from '../service.ts';

// ---- The questionnaire of one organisation

export function AssessmentPage(props: {
  view: Awaited<ReturnType<CompetenceService['getAssessment']>>;
  errors?: FieldError[] | undefined;
  values?: FormValues | undefined;
  notice?: string | undefined;
}) {
  const { t, lang } = usePage();
  const { campaign, organisation, criteria, assessment, answers, canEdit, canSubmit } = props.view;
  const title = t('competence.assessment.title', { organisation: pickText(organisation.name, lang).text });
  const readOnly = !canEdit;
  const answered = criteria.filter((c) => answers.get(c.key)?.score != null).length;
  return (
    <Page title={title}>
      <Paragraph>
        <Text value={campaign.title} /> · {statusText(t, campaign.status)} ·{' '}
        {assessment ? t(`competence.assessmentStatus.${assessment.status}`) : t('competence.assessmentStatus.none')} ·{' '}
        {t('competence.participants.answeredOf', { answered, total: criteria.length })}
      </Paragraph>
      {props.notice && <Alert type="ok">{t(`competence.notice.${props.notice}`)}</Alert>}
      {campaign.status !== 'open' && <Alert type="info">{t('competence.assessment.notOpen')}</Alert>}
      {assessment?.status === 'submitted' && (
        <Alert type="info">
          {t('competence.assessment.submittedInfo')}{' '}
          <Link href={`/${lang}/competence/campaigns/${campaign.code}/results/${organisation.code}`}>{t('competence.results')}</Link>
        </Alert>
      )}
      {props.view.canReopen && (
        <div class="irisdesk-actions">
          <Link href={`/${lang}/competence/campaigns/${campaign.code}/assessments/${organisation.code}/reopen`}>{t('competence.reopen.link')}</Link>
        </div>
      )}
      {canEdit && !canSubmit && <Paragraph>{t('competence.assessment.managerSubmits')}</Paragraph>}
      <details>
        <summary>{t('competence.scale.summary')}</summary>
        <ScaleTable />
        <Paragraph>{t('competence.scale.evidenceRule', { limit: EVIDENCE_REQUIRED_ABOVE })}</Paragraph>
      </details>
      <CompetenceErrorSummary errors={props.errors} />
      <form method="post" action={`/${lang}/competence/campaigns/${campaign.code}/assessments/${organisation.code}`} class="utrecht-form" noValidate>
        <CsrfField />
        <Hidden name="version" value={String(assessment?.version ?? 0)} />
        {DIMENSIONS.map((dimension) => (
          <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
              <h2 class="utrecht-heading-2">{t(`competence.dimension.${dimension}`)}</h2>
            </legend>
            {criteria
              .filter((c) => c.dimension === dimension)
              .map((criterion) => (
                <CriterionAnswer criterion={criterion} answer={answers.get(criterion.key)} values={props.values} errors={props.errors} readOnly={readOnly} />
              ))}
          </fieldset>
        ))}
        {canEdit && (
          <div class="irisdesk-actions">
            <button type="submit" name="intent" value="save" class="utrecht-button utrecht-button--secondary-action">
              {t('competence.assessment.saveDraft')}
            </button>
            {canSubmit && (
              <button type="submit" name="intent" value="submit" class="utrecht-button utrecht-button--primary-action">
                {t('competence.assessment.submit')}
              </button>
            )}
          </div>
        )}
      </form>
      <AssessmentHistory history={props.view.history} />
    </Page>
  );
}

/** Submissions and reopenings of an assessment (the side that acted, never a name), oldest first. */
function AssessmentHistory({ history }: { history: Awaited<ReturnType<CompetenceService['getAssessment']>>['history'] }) {
  const { t, lang } = usePage();
  if (history.length === 0) return null;
  return (
    <section aria-labelledby="history">
      <H2 id="history">{t('competence.history.title')}</H2>
      <WideTable
        caption={t('competence.history.caption', { count: history.length })}
        head={[t('competence.history.when'), t('competence.history.event'), t('competence.history.by'), t('competence.field.reason')]}
        rows={history.map((entry) => [
          formatDateTime(new Date(entry.createdAt), lang),
          t(`competence.history.event.${entry.event}`),
          t(`competence.history.by.${entry.actorSide}`),
          entry.reason || '–',
        ])}
      />
    </section>
  );
}

/** Confirming a reopening: what it does, and the reason that goes into the history. Works without JavaScript. */
export function ReopenPage(props: {
  view: Awaited<ReturnType<CompetenceService['getAssessment']>>;
  errors?: FieldError[] | undefined;
  values?: FormValues | undefined;
}) {
  const { t, lang } = usePage();
  const { campaign, organisation, assessment } = props.view;
  const back = `/${lang}/competence/campaigns/${campaign.code}/assessments/${organisation.code}`;
  return (
    <Page title={t('competence.reopen.title', { organisation: pickText(organisation.name, lang).text })}>
      <Paragraph>
        <Text value={campaign.title} />
        {assessment?.submittedAt && <> · {t('competence.reopen.submittedOn', { date: formatDateTime(new Date(assessment.submittedAt), lang) })}</>}
      </Paragraph>
      <CompetenceErrorSummary errors={props.errors} />
      {props.view.canReopen ? (
        <>
          <Paragraph>{t('competence.reopen.consequences')}</Paragraph>
          <Form action={`${back}/reopen`}>
            <Hidden name="version" value={String(assessment!.version)} />
            <TextArea
              name="reason"
              label={t('competence.field.reason')}
              description={t('competence.field.reasonHint')}
              value={one(props.values, 'reason')}
              required
              maxLength={2000}
              rows={3}
              errors={props.errors}
            />
            <div class="irisdesk-actions">
              <SubmitButton>{t('competence.reopen.confirm')}</SubmitButton>
              <Link href={back}>{t('competence.reopen.cancel')}</Link>
            </div>
          </Form>
        </>
      ) : (
        <>
          <Alert type="info">{t('competence.reopen.notPossible')}</Alert>
          <Paragraph>
            <Link href={back}>{t('competence.reopen.back')}</Link>
          </Paragraph>
        </>
      )}
    </Page>
  );
}

function CriterionAnswer(props: {
  criterion: Criterion;
  answer: { score: number | null; evidence: string; evidenceLinks: string[] } | undefined;
  values?: FormValues | undefined;
  errors?: FieldError[] | undefined;
  readOnly: boolean;
}) {
  const { t, lang } = usePage();
  const { criterion, answer } = props;
  const scoreName = answerField(criterion.key, 'score');
  const evidenceName = answerField(criterion.key, 'evidence');
  const linksName = answerField(criterion.key, 'links');
  const posted = (name: string) => one(props.values, name);
  const score = posted(scoreName) ?? (answer?.score != null ? String(answer.score) : '');
  const label = pickText(criterion.title, lang).text;
  if (props.readOnly) {
    return (
      <div class="irisdesk-card">
        <H3>
          <Text value={criterion.title} />
        </H3>
        <Paragraph>
          {t('competence.field.score')}: <strong>{answer?.score != null ? `${answer.score} (${t(`competence.band.${bandOf(answer.score)}`)})` : '–'}</strong>
        </Paragraph>
        {answer?.evidence && <Paragraph>{answer.evidence}</Paragraph>}
        {answer?.evidenceLinks.length ? (
          <ul class="utrecht-unordered-list">
            {answer.evidenceLinks.map((link) => (
              <li class="utrecht-unordered-list__item">
                <Link href={link}>{link}</Link>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
  return (
    <div class="irisdesk-card">
      <H3>
        <Text value={criterion.title} />
      </H3>
      <Paragraph>
        <Text value={criterion.guidance} />
      </Paragraph>
      <NumberField
        name={scoreName}
        label={t('competence.field.scoreFor', { criterion: label })}
        description={t('competence.field.scoreHint')}
        value={score}
        min={0}
        max={100}
        step="1"
        errors={props.errors}
      />
      <TextArea
        name={evidenceName}
        label={t('competence.field.evidenceFor', { criterion: label })}
        value={posted(evidenceName) ?? answer?.evidence ?? ''}
        maxLength={4000}
        rows={3}
        errors={props.errors}
      />
      <TextArea
        name={linksName}
        label={t('competence.field.linksFor', { criterion: label })}
        description={t('competence.field.linksHint')}
        value={posted(linksName) ?? answer?.evidenceLinks.join('\n') ?? ''}
        rows={2}
        errors={props.errors}
      />
    </div>
  );
}

// ---- Results of one organisation

export function ResultsPage(props: {
  results: Awaited<ReturnType<CompetenceService['organisationResults']>>;
  errors?: FieldError[] | undefined;
  values?: FormValues | undefined;
  notice?: string | undefined;
}) {
  const { t, lang } = usePage();
  const r = props.results;
  const title = t('competence.results.title', { organisation: pickText(r.organisation.name, lang).text });
  const dimLabels = DIMENSIONS.map((d) => t(`competence.dimension.${d}`));
  return (
    <Page title={title}>
      <Paragraph>
        <Text value={r.campaign.title} /> · {t(`organisationKind.${r.organisation.kind}`)}
      </Paragraph>
      {props.notice && <Alert type="ok">{t(`competence.notice.${props.notice}`)}</Alert>}
      {!r.scores ? (
        <Alert type="info">{t('competence.results.notSubmitted')}</Alert>
      ) : (
        <>
          <Paragraph lead>
            {t('competence.results.overall', { score: fmtScore(r.scores.overall, lang), level: t(`competence.band.${bandOf(r.scores.overall ?? 0)}`) })}
          </Paragraph>
          <KeyFigures
            label={t('competence.key.label')}
            figures={[
              {
                value: fmtScore(r.scores.overall, lang),
                label: t('competence.key.overall'),
                detail: t(`competence.band.${bandOf(r.scores.overall ?? 0)}`),
              },
              ...(r.previous
                ? [
                    {
                      value: fmtChange((r.scores.overall ?? 0) - (r.previous.overall ?? 0), lang),
                      label: t('competence.key.change'),
                      detail: r.previousCampaign ? pickText(r.previousCampaign.title, lang).text : undefined,
                    },
                  ]
                : []),
              ...(r.peers
                ? [
                    {
                      value: fmtScore(r.peers.overall, lang),
                      label: t('competence.key.peers', { kind: t(`organisationKind.${r.organisation.kind}`) }),
                      detail: t('competence.key.peersCount', { count: r.peers.count }),
                    },
                  ]
                : []),
              ...strongestAndWeakest(r.scores.dimensions, t, lang),
            ]}
          />
          <section aria-labelledby="by-dimension">
            <H2 id="by-dimension">{t('competence.results.byDimension')}</H2>
            <RadarChart
              id="radar-dimensions"
              title={t('competence.radar.title', { organisation: pickText(r.organisation.name, lang).text })}
              description={t('competence.radar.desc')}
              axes={dimLabels}
              series={[
                { label: pickText(r.campaign.title, lang).text, values: DIMENSIONS.map((d) => r.scores!.dimensions[d]) },
                ...(r.previous && r.previousCampaign
                  ? [{ label: pickText(r.previousCampaign.title, lang).text, values: DIMENSIONS.map((d) => r.previous!.dimensions[d]) }]
                  : []),
                ...(r.peers
                  ? [
                      {
                        label: t('competence.results.peersSeries', { kind: t(`organisationKind.${r.organisation.kind}`) }),
                        values: DIMENSIONS.map((d) => r.peers!.dimensions[d]),
                      },
                    ]
                  : []),
              ]}
            />
            <More summary={t('competence.key.showTable')}>
              <WideTable
                caption={t('competence.results.dimensionTable')}
                head={[
                  t('competence.dimension'),
                  t('competence.results.score'),
                  t('competence.results.previous'),
                  t('competence.results.change'),
                  t('competence.results.peers'),
                ]}
                rows={[
                  ...DIMENSIONS.map((d) => [
                    t(`competence.dimension.${d}`),
                    fmtScore(r.scores!.dimensions[d], lang),
                    fmtScore(r.previous?.dimensions[d], lang),
                    fmtChange(r.changes?.[d], lang),
                    fmtScore(r.peers?.dimensions[d], lang),
                  ]),
                  [
                    t('competence.results.overallRow'),
                    fmtScore(r.scores.overall, lang),
                    fmtScore(r.previous?.overall, lang),
                    fmtChange(r.previous ? (r.scores.overall ?? 0) - (r.previous.overall ?? 0) : null, lang),
                    fmtScore(r.peers?.overall, lang),
                  ],
                ]}
              />
            </More>
            <Paragraph>
              {r.previousCampaign
                ? t('competence.results.previousNote', { campaign: pickText(r.previousCampaign.title, lang).text })
                : t('competence.results.noPrevious')}{' '}
              {r.peers ? t('competence.results.peersNote', { count: r.peers.count }) : t('competence.results.peersHidden')}
            </Paragraph>
          </section>
          <section aria-labelledby="measured">
            <H2 id="measured">{t('competence.measured.title')}</H2>
            {r.measured.available ? (
              <More summary={t('competence.key.showMeasured')}>
                <WideTable
                  caption={t('competence.measured.caption')}
                  head={[t('competence.indicator'), t('competence.measured.value'), t('competence.measured.basis')]}
                  rows={SIDE_BY_SIDE_INDICATORS.map((key) => {
                    const value = (r.measured as { values: Partial<Record<string, MeasuredValue>> }).values[key];
                    return [
                      t(`competence.indicator.${key}`),
                      fmtIndicator(key, value?.value, lang, t),
                      value
                        ? t('competence.measured.basisText', { answers: value.sampleSize, from: value.periodStart, to: value.periodEnd })
                        : t(indicatorDefinition(key)?.source === 'not_measured' ? 'competence.measured.notMeasured' : 'competence.measured.tooFew'),
                    ];
                  })}
                />
              </More>
            ) : (
              <Alert type="info">{t('competence.measured.notAvailable')}</Alert>
            )}
          </section>
          <section aria-labelledby="by-criterion">
            <H2 id="by-criterion">{t('competence.results.byCriterion')}</H2>
            <More summary={t('competence.key.showCriteria', { count: r.criteria.length })}>
              <WideTable
                caption={t('competence.results.criterionTable')}
                head={[
                  t('competence.criterion'),
                  t('competence.dimension'),
                  t('competence.results.score'),
                  t('competence.scale.level'),
                  t('competence.results.previous'),
                ]}
                rows={r.criteria.map((c) => [
                  <Text value={c.title} />,
                  t(`competence.dimension.${c.dimension}`),
                  fmtScore(r.scores!.criteria[c.key], lang),
                  r.scores!.criteria[c.key] != null ? t(`competence.band.${bandOf(r.scores!.criteria[c.key]!)}`) : '–',
                  fmtScore(r.previous?.criteria[c.key], lang),
                ])}
              />
            </More>
          </section>
          <div class="irisdesk-actions">
            <Link href={`/${lang}/competence/action-plans/${r.organisation.code}`}>{t('competence.actionPlan.open')}</Link>
            <Link href={`/${lang}/competence/campaigns/${r.campaign.code}/assessments/${r.organisation.code}`}>{t('competence.assessment.answers')}</Link>
          </div>
        </>
      )}
      <section aria-labelledby="observations">
        <H2 id="observations">{t('competence.observations.title')}</H2>
        <WideTable
          caption={t('competence.observations.caption', { count: r.observations.length })}
          head={[
            t('competence.field.observedOn'),
            t('competence.criterion'),
            t('competence.field.method'),
            t('competence.field.score'),
            t('competence.field.note'),
          ]}
          rows={r.observations.map((o) => [
            formatDate(new Date(`${o.observedOn}T12:00:00Z`), lang),
            <Text value={r.criteria.find((c) => c.key === o.criterionKey)?.title} />,
            t(`competence.method.${o.method}`),
            fmtScore(o.score, lang),
            o.note,
          ])}
        />
        {r.canObserve && (
          <>
            <H3>{t('competence.observations.new')}</H3>
            <CompetenceErrorSummary errors={props.errors} />
            <Form action={`/${lang}/competence/campaigns/${r.campaign.code}/results/${r.organisation.code}/observations`}>
              <SelectField
                name="criterion"
                label={t('competence.criterion')}
                value={one(props.values, 'criterion')}
                options={r.criteria.map((c) => ({ value: c.key, label: pickText(c.title, lang).text }))}
                errors={props.errors}
              />
              <SelectField
                name="method"
                label={t('competence.field.method')}
                value={one(props.values, 'method')}
                options={OBSERVATION_METHODS.map((m) => ({ value: m, label: t(`competence.method.${m}`) }))}
                errors={props.errors}
              />
              <DateField name="observedOn" label={t('competence.field.observedOn')} value={one(props.values, 'observedOn')} errors={props.errors} />
              <NumberField
                name="score"
                label={t('competence.field.observedScore')}
                value={one(props.values, 'score')}
                min={0}
                max={100}
                step="1"
                errors={props.errors}
              />
              <TextArea
                name="note"
                label={t('competence.field.note')}
                description={t('competence.field.noteHint')}
                value={one(props.values, 'note')}
                required
                maxLength={4000}
                errors={props.errors}
              />
              <SubmitButton>{t('competence.observations.add')}</SubmitButton>
            </Form>
          </>
        )}
      </section>
    </Page>
  );
}

// ---- Regional view

export function RegionPage({ view }: { view: Awaited<ReturnType<CompetenceService['regionalView']>> }) {
  const { t, lang } = usePage();
  const dimLabels = DIMENSIONS.map((d) => t(`competence.dimension.${d}`));
  const titleOf = (key: string) => view.criteria.find((c) => c.key === key)?.title;
  return (
    <Page title={t('competence.region.title')}>
      <Paragraph>
        <Text value={view.campaign.title} /> · {t('competence.region.count', { count: view.count })}
      </Paragraph>
      <Paragraph>{t('competence.region.privacy')}</Paragraph>
      {view.count === 0 ? (
        <Alert type="info">{t('competence.region.empty')}</Alert>
      ) : (
        <>
          <KeyFigures
            label={t('competence.key.label')}
            figures={[
              { value: formatNumber(view.count, lang), label: t('competence.key.organisations') },
              ...strongestAndWeakest(
                Object.fromEntries(DIMENSIONS.map((d) => [d, view.dimensionDistributions[d].median])) as Record<(typeof DIMENSIONS)[number], number | null>,
                t,
                lang,
                'median',
              ),
              ...(view.weaknesses[0]
                ? [
                    {
                      value: fmtScore(view.weaknesses[0].mean, lang),
                      label: t('competence.key.weakestCriterion'),
                      detail: pickText(titleOf(view.weaknesses[0].key), lang).text,
                    },
                  ]
                : []),
            ]}
          />
          <section aria-labelledby="distribution">
            <H2 id="distribution">{t('competence.region.distribution')}</H2>
            <RadarChart
              id="radar-region"
              title={t('competence.region.radarTitle')}
              description={t('competence.region.radarDesc')}
              axes={dimLabels}
              series={[
                { label: t('competence.region.q3'), values: DIMENSIONS.map((d) => view.dimensionDistributions[d].q3) },
                { label: t('competence.region.median'), values: DIMENSIONS.map((d) => view.dimensionDistributions[d].median) },
                { label: t('competence.region.q1'), values: DIMENSIONS.map((d) => view.dimensionDistributions[d].q1) },
              ]}
            />
            <More summary={t('competence.key.showTable')}>
              <WideTable
                caption={t('competence.region.dimensionTable')}
                head={[
                  t('competence.dimension'),
                  t('competence.region.min'),
                  t('competence.region.q1'),
                  t('competence.region.median'),
                  t('competence.region.q3'),
                  t('competence.region.max'),
                  t('competence.region.mean'),
                ]}
                rows={DIMENSIONS.map((d) => {
                  const dist = view.dimensionDistributions[d];
                  return [
                    t(`competence.dimension.${d}`),
                    fmtScore(dist.min, lang),
                    fmtScore(dist.q1, lang),
                    fmtScore(dist.median, lang),
                    fmtScore(dist.q3, lang),
                    fmtScore(dist.max, lang),
                    fmtScore(dist.mean, lang),
                  ];
                })}
              />
            </More>
          </section>
          <section aria-labelledby="strengths">
            <H2 id="strengths">{t('competence.region.strengthsWeaknesses')}</H2>
            <WideTable
              caption={t('competence.region.strengths')}
              head={[t('competence.criterion'), t('competence.region.mean')]}
              rows={view.strengths.map((s) => [<Text value={titleOf(s.key)} />, fmtScore(s.mean, lang)])}
            />
            <WideTable
              caption={t('competence.region.weaknesses')}
              head={[t('competence.criterion'), t('competence.region.mean')]}
              rows={view.weaknesses.map((s) => [<Text value={titleOf(s.key)} />, fmtScore(s.mean, lang)])}
            />
          </section>
          <section aria-labelledby="criteria">
            <H2 id="criteria">{t('competence.region.byCriterion')}</H2>
            <More summary={t('competence.key.showCriteria', { count: view.criterionDistributions.length })}>
              <WideTable
                caption={t('competence.region.criterionTable')}
                head={[
                  t('competence.criterion'),
                  t('competence.dimension'),
                  t('competence.region.q1'),
                  t('competence.region.median'),
                  t('competence.region.q3'),
                  t('competence.region.mean'),
                  t('competence.region.below50'),
                ]}
                rows={view.criterionDistributions.map(({ criterion, distribution, below50 }) => [
                  <Text value={criterion.title} />,
                  t(`competence.dimension.${criterion.dimension}`),
                  fmtScore(distribution.q1, lang),
                  fmtScore(distribution.median, lang),
                  fmtScore(distribution.q3, lang),
                  fmtScore(distribution.mean, lang),
                  formatNumber(below50, lang),
                ])}
              />
            </More>
          </section>
          <section aria-labelledby="peers">
            <H2 id="peers">{t('competence.region.peers')}</H2>
            {!view.measuredAvailable && <Alert type="info">{t('competence.measured.notAvailable')}</Alert>}
            <More summary={t('competence.key.showPeers', { count: view.groups.length })}>
              {view.groups.map((group) => (
                <WideTable
                  caption={t('competence.region.groupCaption', { group: t(`competence.peerGroup.${group.group}`), count: group.members.length })}
                  head={[
                    t('competence.organisation'),
                    t('competence.results.overallRow'),
                    ...dimLabels,
                    ...SIDE_BY_SIDE_INDICATORS.map((key) => t(`competence.indicator.${key}`)),
                  ]}
                  rows={[
                    ...group.members.map((m) => [
                      <Link href={`/${lang}/competence/campaigns/${view.campaign.code}/results/${m.organisation.code}`}>
                        <Text value={m.organisation.name} />
                      </Link>,
                      fmtScore(m.scores.overall, lang),
                      ...DIMENSIONS.map((d) => fmtScore(m.scores.dimensions[d], lang)),
                      ...SIDE_BY_SIDE_INDICATORS.map((key) => (m.measured ? fmtIndicator(key, m.measured[key]?.value, lang, t) : t('competence.noData'))),
                    ]),
                    [
                      t('competence.region.groupMedian'),
                      fmtScore(group.overallMedian, lang),
                      ...DIMENSIONS.map((d) => fmtScore(group.median[d], lang)),
                      ...SIDE_BY_SIDE_INDICATORS.map(() => ''),
                    ],
                  ]}
                />
              ))}
            </More>
          </section>
        </>
      )}
    </Page>
  );
}

/** The strongest and the weakest dimension as key figures (by score, or by the region's median). */
function strongestAndWeakest(
  scores: Record<(typeof DIMENSIONS)[number], number | null | undefined>,
  t: (key: string, values?: Record<string, string | number>) => string,
  lang: Parameters<typeof fmtScore>[1],
  kind: 'score' | 'median' = 'score',
) {
  const known = DIMENSIONS.filter((d) => scores[d] !== null && scores[d] !== undefined).sort((a, b) => scores[b]! - scores[a]!);
  if (known.length < 2) return [];
  const strongest = known[0]!;
  const weakest = known[known.length - 1]!;
  return [
    { value: fmtScore(scores[strongest], lang), label: t(`competence.key.strongest.${kind}`), detail: t(`competence.dimension.${strongest}`) },
    { value: fmtScore(scores[weakest], lang), label: t(`competence.key.weakest.${kind}`), detail: t(`competence.dimension.${weakest}`) },
  ];
}
