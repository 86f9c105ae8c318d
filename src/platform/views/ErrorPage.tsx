import type { AppError } from '../http/errors.ts';
import { usePage } from './context.ts';
import { Layout } from './Layout.tsx';
import { ErrorSummary, Heading1, Link, Paragraph } from './components.tsx';

export function ErrorPage({ error, requestId }: { error: AppError; requestId: string }) {
  const { t, lang } = usePage();
  const title = t(`errorTitles.${error.status === 503 ? 503 : error.status >= 500 ? 500 : error.status === 404 ? 404 : error.status === 403 ? 403 : 400}`);
  return (
    <Layout title={title}>
      <Heading1>{title}</Heading1>
      <Paragraph lead>{t(`errors.${error.code}`, error.options.values)}</Paragraph>
      <ErrorSummary errors={error.options.fields} />
      {error.status >= 500 && <Paragraph>{t('errorPage.reference', { id: requestId })}</Paragraph>}
      <Paragraph>
        <Link href={`/${lang}`}>{t('errorPage.home')}</Link>
      </Paragraph>
    </Layout>
  );
}
