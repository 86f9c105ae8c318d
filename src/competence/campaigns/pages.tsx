// Screens of the competence center's campaigns. Every text comes from the catalogue (competence.*).
import type { FieldError } from '../../platform/http/errors.ts';
import { usePage } from '../../platform/views/context.ts';
import { Alert, DateField, Form, Link, Paragraph, SubmitButton, Table, Text, TextField } from '../../platform/views/components.tsx';
import { formatDate, formatNumber } from '../../platform/i18n/format.ts';
import { pickText } from '../../platform/i18n/languages.ts';
import { isCompetenceCenter } from '../authorisation.ts';
import { DIMENSIONS } from '../scoring.ts';
import { type Campaign, type CampaignParticipant, type Criterion } from './repository.ts';
import {
  CompetenceErrorSummary,
  type FormValues,
  H2,
  Hidden,
  LangTextFields,
  Page,
  TranslationStatus,
  one,
  statusText,
  translationSummary,
} from '../components.tsx';
import { type CompetenceService } from '../service.ts';

// ---- Campaigns (overview)

export function CampaignsPage(props: {
  campaigns: Awaited<ReturnType<CompetenceService['campaignsForActor']>>;
  errors?: FieldError[] | undefined;
  values?: FormValues | undefined;
}) {
  const { t, lang, actor } = usePage();
  const center = isCompetenceCenter(actor);
  return (
    <Page title={t('competence.title')}>
      <Paragraph lead>{t('competence.intro')}</Paragraph>
      <Table
        caption={t('competence.campaigns.caption', { count: props.campaigns.length })}
        head={[
          t('competence.campaign'),
          t('competence.campaign.status'),
          t('competence.campaign.closesOn'),
          t('competence.campaign.submitted'),
          t('competence.campaign.ours'),
        ]}
        rows={props.campaigns.map(({ campaign, own }) => [
          <Link href={`/${lang}/competence/campaigns/${campaign.code}`}>
            <Text value={campaign.title} />
          </Link>,
          statusText(t, campaign.status),
          campaign.closesOn ? formatDate(new Date(`${campaign.closesOn}T12:00:00Z`), lang) : '–',
          formatNumber(campaign.submittedCount, lang),
          <>
            {own ? t(`competence.assessmentStatus.${own.status}`) : t('competence.assessmentStatus.none')}
            {campaign.status !== 'draft' && (
              <>
                {' · '}
                <Link href={`/${lang}/competence/campaigns/${campaign.code}/assessments/${actor!.organisationCode}`}>{t('competence.questionnaire')}</Link>
              </>
            )}
            {own?.status === 'submitted' && (
              <>
                {' · '}
                <Link href={`/${lang}/competence/campaigns/${campaign.code}/results/${actor!.organisationCode}`}>{t('competence.results')}</Link>
              </>
            )}
            {center && campaign.submittedCount > 0 && (
              <>
                {' · '}
                <Link href={`/${lang}/competence/campaigns/${campaign.code}/region`}>{t('competence.region.short')}</Link>
              </>
            )}
          </>,
        ])}
      />
      {center && (
        <section aria-labelledby="new-campaign">
          <H2 id="new-campaign">{t('competence.campaigns.new')}</H2>
          <Paragraph>{t('competence.campaigns.newHint')}</Paragraph>
          <CompetenceErrorSummary errors={props.errors} />
          <Form action={`/${lang}/competence/campaigns`}>
            <TextField
              name="code"
              label={t('competence.field.code')}
              description={t('competence.field.codeHint')}
              value={one(props.values, 'code')}
              required
              maxLength={64}
              errors={props.errors}
            />
            <TextField
              name="titleFr"
              label={t('competence.field.titleFr')}
              value={one(props.values, 'titleFr')}
              required
              maxLength={200}
              errors={props.errors}
            />
            <TextField
              name="titleNl"
              label={t('competence.field.titleNl')}
              value={one(props.values, 'titleNl')}
              required
              maxLength={200}
              errors={props.errors}
            />
            <TextField
              name="titleEn"
              label={t('competence.field.titleEn')}
              value={one(props.values, 'titleEn')}
              required
              maxLength={200}
              errors={props.errors}
            />
            <DateField name="closesOn" label={t('competence.field.closesOn')} value={one(props.values, 'closesOn')} errors={props.errors} />
            <SubmitButton>{t('competence.campaigns.create')}</SubmitButton>
          </Form>
        </section>
      )}
    </Page>
  );
}

// ---- One campaign

export function CampaignPage(props: {
  campaign: Campaign;
  criteria: Criterion[];
  participants: CampaignParticipant[] | null;
  errors?: FieldError[] | undefined;
  notice?: string | undefined;
}) {
  const { t, lang, actor } = usePage();
  const { campaign } = props;
  const center = isCompetenceCenter(actor);
  const next = campaign.status === 'draft' ? 'open' : campaign.status === 'open' ? 'closed' : 'open';
  const editable = campaign.status === 'draft' && center;
  return (
    <Page title={pickText(campaign.title, lang).text}>
      {props.notice && <Alert type="ok">{t(`competence.notice.${props.notice}`)}</Alert>}
      <Paragraph>
        {t('competence.campaign.status')}: <strong>{statusText(t, campaign.status)}</strong>
        {campaign.closesOn && (
          <>
            {' '}
            · {t('competence.campaign.closesOn')}: {formatDate(new Date(`${campaign.closesOn}T12:00:00Z`), lang)}
          </>
        )}
      </Paragraph>
      <div class="irisdesk-actions">
        {campaign.status !== 'draft' && (
          <Link href={`/${lang}/competence/campaigns/${campaign.code}/assessments/${actor!.organisationCode}`}>
            {t('competence.campaign.ourQuestionnaire')}
          </Link>
        )}
        {center && campaign.submittedCount > 0 && <Link href={`/${lang}/competence/campaigns/${campaign.code}/region`}>{t('competence.region.title')}</Link>}
      </div>
      {center && (
        <>
          <CompetenceErrorSummary errors={props.errors} />
          <Form action={`/${lang}/competence/campaigns/${campaign.code}/status`}>
            <Hidden name="version" value={String(campaign.version)} />
            <Hidden name="status" value={next} />
            <SubmitButton variant="secondary">{t(`competence.campaign.to.${next}`)}</SubmitButton>
          </Form>
        </>
      )}
      {props.participants && (
        <section aria-labelledby="participants">
          <H2 id="participants">{t('competence.participants.title')}</H2>
          <Table
            caption={t('competence.participants.caption', { count: props.participants.length })}
            head={[t('competence.organisation'), t('competence.kind'), t('competence.assessmentStatus'), t('competence.participants.answered')]}
            rows={props.participants.map((p) => [
              <Text value={p.name} />,
              t(`organisationKind.${p.kind}`),
              p.status === 'submitted' ? (
                <Link href={`/${lang}/competence/campaigns/${campaign.code}/results/${p.code}`}>{t('competence.assessmentStatus.submitted')}</Link>
              ) : (
                t('competence.assessmentStatus.draft')
              ),
              t('competence.participants.answeredOf', { answered: p.answered, total: props.criteria.length }),
            ])}
          />
        </section>
      )}
      <section aria-labelledby="questionnaire">
        <H2 id="questionnaire">{t('competence.questionnaire.title')}</H2>
        {campaign.status === 'draft' && center && <Paragraph>{t('competence.questionnaire.editableHint')}</Paragraph>}
        {DIMENSIONS.map((dimension) => (
          <Table
            caption={t(`competence.dimension.${dimension}`)}
            head={[t('competence.criterion'), t('competence.field.guidance'), ...(editable ? [t('competence.translations')] : [])]}
            rows={props.criteria
              .filter((c) => c.dimension === dimension)
              .map((c) => [
                campaign.status === 'draft' && center ? (
                  <Link href={`/${lang}/competence/campaigns/${campaign.code}/criteria/${c.key}`}>
                    <Text value={c.title} />
                  </Link>
                ) : (
                  <Text value={c.title} />
                ),
                <Text value={c.guidance} />,
                ...(editable ? [translationSummary(t, [c.title, c.guidance])] : []),
              ])}
          />
        ))}
      </section>
    </Page>
  );
}

export function CriterionPage(props: { campaign: Campaign; criterion: Criterion; errors?: FieldError[] | undefined; values?: FormValues | undefined }) {
  const { t, lang } = usePage();
  const { criterion } = props;
  return (
    <Page title={t('competence.criterion.edit')}>
      <Paragraph>
        <Text value={props.campaign.title} /> · {t(`competence.dimension.${criterion.dimension}`)} · <code>{criterion.key}</code>
      </Paragraph>
      <TranslationStatus texts={[criterion.title, criterion.guidance]} />
      <Paragraph>{t('competence.editAllLanguages')}</Paragraph>
      <CompetenceErrorSummary errors={props.errors} />
      <Form action={`/${lang}/competence/campaigns/${props.campaign.code}/criteria/${criterion.key}`}>
        <Hidden name="version" value={String(criterion.version)} />
        <LangTextFields name="title" label={t('competence.field.title')} stored={criterion.title} values={props.values} errors={props.errors} maxLength={300} />
        <LangTextFields
          name="guidance"
          label={t('competence.field.guidance')}
          stored={criterion.guidance}
          values={props.values}
          errors={props.errors}
          maxLength={2000}
          multiline
        />
        <SubmitButton>{t('competence.save')}</SubmitButton>
      </Form>
    </Page>
  );
}
