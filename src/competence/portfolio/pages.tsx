// Screens of the competence center's portfolio. Every text comes from the catalogue (competence.*).
import type { FieldError } from '../../platform/http/errors.ts';
import { usePage } from '../../platform/views/context.ts';
import { Alert, Form, Paragraph, SubmitButton, Text, TextField } from '../../platform/views/components.tsx';
import { formatNumber } from '../../platform/i18n/format.ts';
import { pickText } from '../../platform/i18n/languages.ts';
import { actionHead, actionRows } from '../action-plans/pages.tsx';
import { CompetenceErrorSummary, H2, Hidden, Page, WideTable } from '../components.tsx';
import { ACTION_STATUSES } from '../repository.ts';
import { type CompetenceService } from '../service.ts';

// ---- Portfolio

export function PortfolioPage(props: {
  portfolio: Awaited<ReturnType<CompetenceService['portfolio']>>;
  errors?: FieldError[] | undefined;
  notice?: string | undefined;
}) {
  const { t, lang } = usePage();
  const { actions, projects, collective } = props.portfolio;
  const byStatus = ACTION_STATUSES.map((s) => [t(`competence.actionStatus.${s}`), formatNumber(actions.filter((a) => a.status === s).length, lang)]);
  return (
    <Page title={t('competence.portfolio.title')}>
      <Paragraph lead>{t('competence.portfolio.intro')}</Paragraph>
      {props.notice && <Alert type="ok">{t(`competence.notice.${props.notice}`)}</Alert>}
      <WideTable
        caption={t('competence.portfolio.byStatus', { count: actions.length })}
        head={[t('competence.field.status'), t('competence.portfolio.actions')]}
        rows={byStatus}
      />
      <section aria-labelledby="projects">
        <H2 id="projects">{t('competence.portfolio.projects')}</H2>
        <WideTable
          caption={t('competence.portfolio.projectsCaption', { count: projects.length })}
          head={[t('competence.portfolio.project'), t('competence.field.status'), t('competence.portfolio.organisations'), t('competence.portfolio.actions')]}
          rows={projects.map((p) => [
            <Text value={p.title} />,
            t(`competence.actionStatus.${p.status}`),
            formatNumber(p.organisationCount, lang),
            formatNumber(p.actionCount, lang),
          ])}
        />
      </section>
      <section aria-labelledby="collective">
        <H2 id="collective">{t('competence.portfolio.collective')}</H2>
        <CompetenceErrorSummary errors={props.errors} />
        <WideTable
          caption={t('competence.portfolio.collectiveCaption', { count: collective.length })}
          head={[t('competence.action'), t('competence.portfolio.organisations'), t('competence.portfolio.ungrouped'), t('competence.portfolio.group')]}
          rows={collective.map((c) => [
            <Text value={c.title} />,
            formatNumber(c.organisations, lang),
            formatNumber(c.ungrouped, lang),
            c.ungrouped > 0 ? (
              <Form action={`/${lang}/competence/portfolio/projects`} class="irisdesk-inline-form">
                <Hidden name="criterionKey" value={c.criterionKey} />
                <TextField
                  name="title"
                  idSuffix={c.criterionKey.replace('.', '-')}
                  label={t('competence.portfolio.projectName')}
                  required
                  maxLength={300}
                  value={pickText(c.title, lang).text}
                />
                <SubmitButton variant="secondary">{t('competence.portfolio.groupButton')}</SubmitButton>
              </Form>
            ) : (
              t('competence.portfolio.allGrouped')
            ),
          ])}
        />
      </section>
      <section aria-labelledby="all-actions">
        <H2 id="all-actions">{t('competence.portfolio.all')}</H2>
        <WideTable
          caption={t('competence.portfolio.allCaption', { count: actions.length })}
          head={actionHead(t, true)}
          rows={actionRows(actions, lang, t, true, true)}
        />
      </section>
    </Page>
  );
}
