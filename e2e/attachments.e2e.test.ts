// Browser test of files on the public contact form (decision 0046), in Dutch: the file field with its hint, a
// document sent with the question, the EICAR test file refused with a message that names it (the typed text
// kept), and the agent who opens the request finds the file to download. axe-core on every page. The shared
// server scans with a clamd of its own (e2e/global-setup.ts).
import { describe, expect, it } from 'vitest';
import { submitAndCheck, visit } from './browser.ts';
import { signIn, useServerAndBrowser } from './session.ts';
import { translator } from '../src/platform/i18n/messages.ts';
import { EICAR } from '../test/clamd.ts';

const { withPage } = useServerAndBrowser();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('files on the contact form', { timeout: 120_000 }, () => {
  const t = translator('nl');

  it('sends a document with a question, refuses an infected file by name, and shows the document to the agent', async () => {
    await withPage(async (page) => {
      // The identity card is a commune's service: with a Schaerbeek postal code the request goes there.
      await visit(page, '/nl/contact?service=eid-card');
      const files = page.getByLabel(t('contact.form.attachments'), { exact: true });
      await expect(files.getAttribute('type')).resolves.toBe('file');
      const email = `e2e.files.${Date.now()}@example.be`;
      await page.getByLabel(t('contact.form.name'), { exact: true }).fill('Bestand Test');
      await page.getByLabel(t('contact.form.email'), { exact: true }).fill(email);
      await page.getByLabel(t('contact.form.postalCode'), { exact: true }).fill('1030');
      await page.getByLabel(t('contact.form.message'), { exact: true }).fill('Hierbij mijn aanslagbiljet.');

      // The EICAR test file: refused by name, nothing sent, the text still there.
      await files.setInputFiles([{ name: 'aanslagbiljet.txt', mimeType: 'text/plain', buffer: EICAR }]);
      await submitAndCheck(page, page.getByRole('button', { name: t('contact.form.submit') }), { status: 422 });
      const message = t('files.infected', { file: 'aanslagbiljet.txt' });
      await expect(page.locator('[data-error-summary]').textContent()).resolves.toContain(message);
      await expect(page.getByLabel(t('contact.form.message'), { exact: true }).inputValue()).resolves.toBe('Hierbij mijn aanslagbiljet.');

      await page
        .getByLabel(t('contact.form.attachments'), { exact: true })
        .setInputFiles([{ name: 'aanslagbiljet.pdf', mimeType: 'application/pdf', buffer: PDF }]);
      await submitAndCheck(page, page.getByRole('button', { name: t('contact.form.submit') }), { status: 200 });
      expect(page.url()).toMatch(/\/nl\/contact\/sent\/BXL-/);
      const reference = (await page.locator('.irisdesk-reference').textContent())!.trim();

      // The Schaerbeek agent finds the request (search by reference) and the document on its message.
      await signIn(page, 'nl', 'agent@demo.irisdesk.brussels');
      await visit(page, `/nl/console/search?q=${encodeURIComponent(reference)}`);
      await submitAndCheck(page, page.getByRole('link', { name: reference }).first(), { status: 200 });
      const link = page.getByRole('link', { name: /aanslagbiljet\.pdf/ });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe('aanslagbiljet.pdf');
    });
  });
});
