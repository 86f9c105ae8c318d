// What IrisDesk publishes as open data, each set with its formats and licence: the public-service catalogue
// (CPSV-AP), the orientation thesaurus (SKOS), satisfaction and service-level indicators, the Single Digital
// Gateway feedback statistics, and the DCAT-AP catalogue that describes them for data portals.
import { usePage } from '../views/context.ts';
import { Layout } from '../views/Layout.tsx';
import { Heading1, Paragraph } from '../views/components.tsx';

const DATASETS = [
  {
    key: 'catalogue',
    files: [
      { format: 'CSV', href: '/api/v1/catalogue.csv' },
      { format: 'JSON-LD (CPSV-AP)', href: '/api/v1/catalogue.jsonld' },
    ],
  },
  {
    key: 'thesaurus',
    files: [
      { format: 'Turtle (SKOS)', href: '/api/v1/catalogue/thesaurus.ttl' },
      { format: 'JSON-LD (SKOS)', href: '/api/v1/catalogue/thesaurus.jsonld' },
    ],
  },
  {
    key: 'satisfaction',
    files: [
      { format: 'CSV', href: '/api/v1/opendata/satisfaction.csv' },
      { format: 'JSON', href: '/api/v1/opendata/satisfaction.json' },
    ],
  },
  {
    key: 'operations',
    files: [
      { format: 'CSV', href: '/api/v1/opendata/operations.csv' },
      { format: 'JSON', href: '/api/v1/opendata/operations.json' },
    ],
  },
  {
    key: 'sdgFeedback',
    files: [
      { format: 'CSV', href: '/api/v1/opendata/sdg-feedback.csv' },
      { format: 'JSON', href: '/api/v1/opendata/sdg-feedback.json' },
    ],
  },
  { key: 'dcat', files: [{ format: 'JSON-LD (DCAT-AP)', href: '/api/v1/opendata/catalog.jsonld' }] },
] as const;

export function OpenDataPage() {
  const { t } = usePage();
  return (
    <Layout title={t('openData.title')}>
      <Heading1>{t('openData.title')}</Heading1>
      <Paragraph lead>{t('openData.lead')}</Paragraph>
      <ul class="irisdesk-card-grid">
        {DATASETS.map((dataset) => (
          <li class="irisdesk-card">
            <h2 class="utrecht-heading-3">{t(`openData.set.${dataset.key}.title`)}</h2>
            <p class="utrecht-paragraph">{t(`openData.set.${dataset.key}.text`)}</p>
            <ul class="utrecht-unordered-list">
              {dataset.files.map((file) => (
                <li class="utrecht-unordered-list__item">
                  <a class="utrecht-link" href={file.href} type={file.href.endsWith('.csv') ? 'text/csv' : undefined}>
                    {t('openData.download', { format: file.format })}
                  </a>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <Paragraph>{t('openData.licence')}</Paragraph>
      <Paragraph>
        {t('openData.api')}{' '}
        <a class="utrecht-link" href="/api/openapi.json">
          {t('openData.apiLink')}
        </a>
      </Paragraph>
    </Layout>
  );
}
