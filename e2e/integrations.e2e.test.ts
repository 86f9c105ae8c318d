// Browser tests of the integrations back office (issue 18, items 10 and 11), axe-core on every page, in French,
// Dutch and English without JavaScript: a manager creates an API token (shown once) and revokes it, subscribes
// a local receiver (development mode allows loopback http) to new requests, and finds the delivery in the log,
// where it sends it again.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitAndCheck, visit } from './browser.ts';
import { signIn, useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';

const { withPage } = useServerAndBrowser();

let receiver: Server;
let received = 0;
let receiverUrl = '';
beforeAll(async () => {
  receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received++;
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/irisdesk`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

describe.each(['fr', 'nl', 'en'] as const)('integrations in %s', { timeout: 180_000 }, (lang) => {
  const t = translator(lang);
  it('creates and revokes a token, subscribes a webhook and replays a delivery from its log', () =>
    withPage(
      async (page) => {
        await signIn(page, lang, 'manager@demo.irisdesk.brussels');
        await visit(page, `/${lang}/admin/integrations`);
        const tokenForm = page.locator(`form[action="/${lang}/admin/integrations/tokens"]`);

        // A token without a scope is refused, with the error summary.
        await tokenForm.getByLabel(t('integrations.token.field.name'), { exact: true }).fill(`E2E ${lang}`);
        await submitAndCheck(page, tokenForm.getByRole('button', { name: t('integrations.tokens.create') }), { status: 400 });
        await expect(page.locator('[data-error-summary]').textContent()).resolves.toContain(t('integrations.token.field.scopes'));

        await tokenForm.getByLabel('organisation:read', { exact: true }).check();
        await submitAndCheck(page, tokenForm.getByRole('button', { name: t('integrations.tokens.create') }), { status: 201 });
        const secret = await page
          .locator('code', { hasText: /^irisd_/ })
          .first()
          .textContent();
        expect(secret).toMatch(/^irisd_[A-Za-z0-9_-]{43}$/);
        const me = await page.request.get('/api/v1/me', { headers: { authorization: `Bearer ${secret!}` } });
        expect(me.status()).toBe(200);

        // Revoke it: the token stops working.
        const row = page
          .getByRole('row')
          .filter({ hasText: `E2E ${lang}` })
          .first();
        await submitAndCheck(page, row.getByRole('button', { name: new RegExp(t('integrations.tokens.revoke')) }), { status: 200 });
        await expect(page.getByRole('status').first().textContent()).resolves.toContain(t('integrations.notice.tokenRevoked'));
        expect((await page.request.get('/api/v1/me', { headers: { authorization: `Bearer ${secret!}` } })).status()).toBe(401);

        // A webhook to the local receiver, for new requests.
        const webhookForm = page.locator(`form[action="/${lang}/admin/integrations/webhooks"]`);
        await webhookForm.getByLabel(t('integrations.webhook.field.url'), { exact: true }).fill('ftp://nowhere');
        await submitAndCheck(page, webhookForm.getByRole('button', { name: t('integrations.webhooks.create') }), { status: 400 });
        await webhookForm.getByLabel(t('integrations.webhook.field.url'), { exact: true }).fill(receiverUrl);
        await webhookForm.getByLabel('request.created', { exact: true }).check();
        await submitAndCheck(page, webhookForm.getByRole('button', { name: t('integrations.webhooks.create') }), { status: 201 });
        await expect(page.locator('code', { hasText: /^whsec_/ }).count()).resolves.toBe(1);

        const before = received;
        const intake = await page.request.post('/api/v1/contact-requests', {
          data: { message: 'E2E : webhook', name: 'E2E Webhook', email: 'e2e.webhook@example.be', language: lang, serviceCode: 'eid-card', postalCode: '1030' },
        });
        expect(intake.status()).toBe(201);
        await expect.poll(() => received, { timeout: 30_000 }).toBeGreaterThan(before);

        await visit(page, `/${lang}/admin/integrations`);
        const subscription = page.getByRole('row').filter({ hasText: receiverUrl }).first();
        await Promise.all([
          page.waitForNavigation({ waitUntil: 'load' }),
          subscription.getByRole('link', { name: new RegExp(t('integrations.webhooks.log')) }).click(),
        ]);
        await visit(page, page.url());
        await expect(page.getByRole('cell', { name: /request\.created/ }).count()).resolves.toBeGreaterThan(0);
        const replayed = received;
        await submitAndCheck(page, page.getByRole('button', { name: new RegExp(t('integrations.log.replayButton')) }).first(), { status: 200 });
        await expect(page.getByRole('status').first().textContent()).resolves.toContain(t('integrations.notice.replayed'));
        await expect.poll(() => received, { timeout: 30_000 }).toBeGreaterThan(replayed);

        // End the subscription so the next language starts clean.
        await visit(page, `/${lang}/admin/integrations`);
        const row2 = page.getByRole('row').filter({ hasText: receiverUrl }).first();
        await submitAndCheck(page, row2.getByRole('button', { name: new RegExp(t('integrations.webhooks.delete')) }), { status: 200 });
      },
      { javaScriptEnabled: false },
    ));
});
