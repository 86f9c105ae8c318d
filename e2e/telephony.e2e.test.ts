// Browser test of the telephony integration (issue 19, part 3), with axe-core on every page: a manager gives the
// telephone system a token and maps an agent's extension with the keyboard; the telephone system then reports a
// call by extension, and the agent's open Calls page shows it live (without reload, announced in the polite
// status region); the answered call, once ended, is linked to the caller's request from the keyboard.
import { describe, expect, it } from 'vitest';
import { submitAndCheck, visit } from './browser.ts';
import { signIn, useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';

const { withPage } = useServerAndBrowser();

describe('telephony', { timeout: 180_000 }, () => {
  it('pops a call reported by extension on the agent’s open Calls page, live, and links it to a request', async () => {
    const t = translator('fr');
    const token = await withPage(async (page) => {
      await signIn(page, 'fr', 'manager@demo.irisdesk.brussels');
      await visit(page, '/fr/admin/integrations');
      const tokenForm = page.locator('form[action="/fr/admin/integrations/tokens"]');
      await tokenForm.getByLabel(t('integrations.token.field.name'), { exact: true }).fill('Central téléphonique');
      await tokenForm.getByLabel('calls:write', { exact: true }).check();
      await submitAndCheck(page, tokenForm.getByRole('button', { name: t('integrations.tokens.create') }), { status: 201 });
      const secret = await page
        .locator('code', { hasText: /^irisd_/ })
        .first()
        .textContent();

      // the extension page, reached from the Calls page, filled and sent with the keyboard only
      await visit(page, '/fr/console/calls');
      await submitAndCheck(page, page.getByRole('link', { name: t('telephony.extensions.link') }), { status: 200 });
      const field = page.getByLabel(/agent@demo\.irisdesk\.brussels/);
      await field.focus();
      await page.keyboard.type('4201');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
      await expect(page.getByText(t('telephony.extensions.saved')).count()).resolves.toBe(1);
      for (const lang of ['nl', 'en'] as const) await visit(page, `/${lang}/console/calls/extensions`);
      return secret!;
    });

    await withPage(async (page) => {
      await signIn(page, 'fr', 'agent@demo.irisdesk.brussels');
      const contact = await page.request.post('/api/v1/contact-requests', {
        data: {
          name: 'Ana Lopes',
          email: 'ana.lopes@example.be',
          phone: '+32 471 55 44 33',
          message: 'Je vous appelle.',
          language: 'fr',
          serviceCode: 'eid-card',
          postalCode: '1030',
        },
      });
      expect(contact.status()).toBe(201);
      const { reference } = (await contact.json()) as { reference: string };
      await visit(page, '/fr/console/calls');
      await expect(page.locator('#calls-current').textContent()).resolves.toContain(t('telephony.current.idle'));

      const report = (body: Record<string, string>) =>
        page.request.post('/api/v1/telephony/call-events', { data: { callId: 'e2e-call-1', ...body }, headers: { authorization: `Bearer ${token}` } });
      expect((await report({ event: 'ringing', from: '0471 55 44 33', extension: '4201' })).status()).toBe(202);
      // no reload: the page's stream brings the call, and the status region says so
      await page.locator('#calls-current a[href="tel:+32471554433"]').waitFor({ timeout: 15_000 });
      await expect(page.locator('#calls-live-status').textContent()).resolves.toBe(t('telephony.live.ringing'));
      await expect(page.locator('#calls-current').textContent()).resolves.toContain(reference);

      expect((await report({ event: 'answered', extension: '4201' })).status()).toBe(202);
      expect((await report({ event: 'ended' })).status()).toBe(202);
      await page.locator('#calls-mine form input[name="reference"]').waitFor({ timeout: 15_000 });
      const referenceField = page.locator('#calls-mine form input[name="reference"]').first();
      await referenceField.focus();
      await page.keyboard.type(reference);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
      await expect(page.getByText(t('telephony.notice.linked')).count()).resolves.toBe(1);
      await expect(page.locator('#calls-mine').textContent()).resolves.toContain(reference);
      await visit(page, page.url());
    });
  });
});
