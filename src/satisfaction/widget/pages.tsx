// The "give your opinion" block of service pages (catalogue ServicePage): a plain form post with its CSRF
// token, so it works without JavaScript; the invitation it makes leads to the standard questionnaire.
import { Form, Link, Paragraph, SubmitButton } from '../../platform/views/components.tsx';
import { usePage } from '../../platform/views/context.ts';

export function FeedbackWidget({
  serviceCode,
  needsPlace,
  postalCode,
  organisation,
}: {
  serviceCode: string;
  /** A service of every commune or CPAS: the organisation comes from the postal code. */
  needsPlace: boolean;
  postalCode?: string | undefined;
  /** The competent organisation when known (always for a service of one organisation). */
  organisation?: { code: string; name: string } | undefined;
}) {
  const { t, lang } = usePage();
  const action = `/${lang}/services/${serviceCode}/feedback`;
  return (
    <section aria-labelledby="feedback-widget" class="irisdesk-feedback-widget">
      <h2 class="utrecht-heading-2" id="feedback-widget">
        {t('satisfaction.widget.heading')}
      </h2>
      {organisation ? (
        <Form action={action}>
          {needsPlace && postalCode && <input type="hidden" name="postalCode" value={postalCode} />}
          {needsPlace && <input type="hidden" name="organisation" value={organisation.code} />}
          <Paragraph>{needsPlace ? t('satisfaction.widget.introFor', { organisation: organisation.name }) : t('satisfaction.widget.intro')}</Paragraph>
          <SubmitButton>{t('satisfaction.widget.button')}</SubmitButton>
        </Form>
      ) : (
        <Paragraph>
          {t('satisfaction.widget.needsPlace')} <Link href="#where">{t('satisfaction.widget.toPostalCode')}</Link>
        </Paragraph>
      )}
    </section>
  );
}
