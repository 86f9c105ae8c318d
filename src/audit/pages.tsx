import { usePage } from '../platform/views/context.ts';
import { Layout } from '../platform/views/Layout.tsx';
import { Heading1, Paragraph, Table } from '../platform/views/components.tsx';
import { formatDateTime } from '../platform/i18n/format.ts';
import type { ReviewedEntry } from './service.ts';
import { MASKED } from './masking.ts';

export function AuditPage({ entries }: { entries: ReviewedEntry[] }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('audit.title')} backOffice section="audit">
      <Heading1>{t('audit.title')}</Heading1>
      <Paragraph>{t('audit.intro')}</Paragraph>
      {entries.some((entry) => entry.masked) && <Paragraph>{t('audit.masked.notice')}</Paragraph>}
      <Table
        caption={t('audit.tableCaption', { count: entries.length })}
        head={[t('audit.when'), t('audit.who'), t('audit.action'), t('audit.subject')]}
        rows={entries.map((entry) => [
          <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at, lang)}</time>,
          entry.actor_name ?? '—',
          t(`auditAction.${entry.action}`),
          `${entry.subject_type} ${entry.subject_id === MASKED ? t('audit.masked.value') : (entry.subject_id ?? '')}`.trim(),
        ])}
      />
    </Layout>
  );
}
