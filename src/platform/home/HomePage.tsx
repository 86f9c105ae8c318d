import { usePage } from '../views/context.ts';
import { Layout } from '../views/Layout.tsx';
import { Heading1, Paragraph } from '../views/components.tsx';
import { SearchBox } from '../../catalogue/pages/shared.tsx';

export function HomePage() {
  const { t } = usePage();
  return (
    <Layout title={t('home.title')}>
      <Heading1>{t('home.heading')}</Heading1>
      <Paragraph lead>{t('home.lead')}</Paragraph>
      <SearchBox headingLevel={2} />
      <ul class="irisdesk-card-grid">
        {(['orientation', 'contact', 'counters', 'feedback'] as const).map((item) => (
          <li class="irisdesk-card">
            <h2 class="utrecht-heading-3">{t(`home.${item}.title`)}</h2>
            <p class="utrecht-paragraph">{t(`home.${item}.text`)}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
