// Told on a platform administrator's list of messages when rows of other organisations were left out: reading them
// needs a support access (decision 0049, issue 18). Used by the mail and text-message screens.
import { usePage } from '../platform/views/context.ts';
import { Link, Paragraph } from '../platform/views/components.tsx';

export function SupportAccessHidden({ count }: { count: number | undefined }) {
  const { t, lang } = usePage();
  if (!count) return null;
  return (
    <Paragraph>
      {t('privacy.support.hidden', { count })} <Link href={`/${lang}/admin/privacy#support-access`}>{t('privacy.support.open')}</Link>
    </Paragraph>
  );
}
