// Outgoing e-mail against a REAL SMTP server started by the test (smtp-server, parsed with mailparser):
// delivery with an .ics attachment, an outage during which mail waits and is delivered afterwards, a
// refused recipient; and, without SMTP_URL, capture in the database with the back-office pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/smtp.ts';
import { startJobWorker, type JobWorker } from '../jobs/worker.ts';
import { getJob } from '../jobs/queue.ts';
import { getMail, insertMail } from './repository.ts';
import { enqueue } from '../jobs/queue.ts';
import { randomUUID } from 'node:crypto';
import { AppError } from '../http/errors.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => Promise<boolean>, timeoutMs = 15_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await sleep(25);
  }
}

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//IrisDesk//NL',
  'BEGIN:VEVENT',
  'UID:appointment-123@irisdesk.test',
  'DTSTART:20261203T090000Z',
  'DTEND:20261203T091500Z',
  'SUMMARY:Afspraak identiteitskaart',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('outgoing e-mail over SMTP', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let worker: JobWorker;
  beforeAll(async () => {
    smtp = await startTestSmtpServer(0, { rejectRecipients: /^nobody@/ });
    t = await createTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'IrisDesk Test <no-reply@irisdesk.test>' });
    worker = await startJobWorker({ db: t.db, registry: t.services.jobs, pollIntervalMs: 100, retryBaseMs: 300, retryMaxMs: 600 });
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
    await smtp?.stop();
  });

  it('delivers a message with its .ics attachment, then keeps only its status', async () => {
    const before = smtp.received.length;
    const sent = await t.services.mail.send({
      to: 'jan.peeters@example.be',
      subject: 'Uw afspraak op 3 december',
      text: 'Beste Jan,\nuw afspraak is bevestigd.',
      html: '<p>Beste Jan,<br>uw afspraak is bevestigd.</p>',
      language: 'nl',
      purpose: 'appointment.confirmation',
      attachments: [{ filename: 'afspraak.ics', contentType: 'text/calendar; method=PUBLISH', content: ICS }],
    });
    expect(sent.status).toBe('queued');
    const [received] = (await smtp.waitFor(before + 1)).slice(before);
    expect(received!.envelope.to).toEqual(['jan.peeters@example.be']);
    expect(received!.envelope.from).toBe('no-reply@irisdesk.test');
    expect(received!.mail.subject).toBe('Uw afspraak op 3 december');
    expect(received!.mail.from?.value).toEqual([{ name: 'IrisDesk Test', address: 'no-reply@irisdesk.test' }]);
    expect(received!.mail.text).toContain('uw afspraak is bevestigd');
    expect(received!.mail.html).toContain('<p>Beste Jan');
    expect(received!.mail.messageId).toBe(sent.messageId);
    expect(received!.mail.headers.get('content-language')).toBe('nl');
    expect(received!.mail.attachments).toHaveLength(1);
    const attachment = received!.mail.attachments[0]!;
    expect(attachment.filename).toBe('afspraak.ics');
    expect(attachment.contentType).toBe('text/calendar');
    expect(attachment.content.toString('utf8')).toBe(ICS);

    await until(async () => (await getMail(t.db, sent.id))?.status === 'sent');
    const stored = await getMail(t.db, sent.id);
    expect(stored).toMatchObject({ status: 'sent', attempts: 1, text_body: null, html_body: null, last_error: null });
    expect(stored!.attachments).toEqual([{ filename: 'afspraak.ics', contentType: 'text/calendar; method=PUBLISH', size: Buffer.byteLength(ICS) }]);
    expect(await t.services.mail.status(sent.id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('keeps mail queued while the SMTP server is down and delivers it when it is back', async () => {
    await smtp.stop();
    const before = smtp.received.length;
    const sent = await t.services.mail.send({
      to: ['marie.dubois@example.be'],
      subject: 'Votre demande CR-2026-000042',
      text: 'Nous avons bien reçu votre demande.',
      language: 'fr',
      purpose: 'contact.receipt',
    });
    await until(async () => ((await getMail(t.db, sent.id))?.attempts ?? 0) >= 2);
    const waiting = await getMail(t.db, sent.id);
    expect(waiting?.status).toBe('queued');
    expect(waiting?.last_error).toMatch(/ECONNREFUSED|ECONNECTION|connect/i);
    expect(waiting?.text_body).toBe('Nous avons bien reçu votre demande.'); // nothing lost
    expect((await getJob(t.db, waiting!.job_id!))?.status).toMatch(/queued|running/);
    expect(smtp.received.length).toBe(before);

    await smtp.start();
    const [received] = (await smtp.waitFor(before + 1, 20_000)).slice(before);
    expect(received!.mail.subject).toBe('Votre demande CR-2026-000042');
    expect(received!.mail.text).toContain('Nous avons bien reçu votre demande.');
    await until(async () => (await getMail(t.db, sent.id))?.status === 'sent');
    const delivered = await getMail(t.db, sent.id);
    expect(delivered!.attempts).toBeGreaterThanOrEqual(3);
    expect((await getJob(t.db, delivered!.job_id!))?.status).toBe('done');
  });

  it('marks a message refused by the server as failed at once, with the reason and no address', async () => {
    const sent = await t.services.mail.send({ to: 'nobody@example.be', subject: 'Test', text: 'x', language: 'en' });
    await until(async () => (await getMail(t.db, sent.id))?.status === 'failed');
    const failed = await getMail(t.db, sent.id);
    expect(failed!.attempts).toBe(1);
    expect(failed!.last_error).toContain('550');
    expect(failed!.last_error).not.toContain('nobody@example.be');
    await until(async () => (await getJob(t.db, failed!.job_id!))?.status === 'dead');
    expect((await getJob(t.db, failed!.job_id!))?.attempts).toBe(1);
  });

  it('retries a job that ran before its message was stored (queued outside a transaction), then sends it', async () => {
    const id = randomUUID();
    const job = await enqueue(t.db, 'mail.send', { mailId: id }, { maxAttempts: 5 });
    await until(async () => ((await getJob(t.db, job.id))?.attempts ?? 0) >= 1 && (await getJob(t.db, job.id))?.status === 'queued');
    expect((await getJob(t.db, job.id))?.last_error).toContain('not stored yet');
    const before = smtp.received.length;
    await insertMail(t.db, {
      id,
      jobId: job.id,
      organisationId: null,
      purpose: 'other',
      language: 'en',
      messageId: `<${id}@irisdesk.test>`,
      from: 'no-reply@irisdesk.test',
      replyTo: null,
      to: ['late@example.be'],
      cc: [],
      subject: 'Late',
      text: 'x',
      html: null,
      attachments: [],
      headers: {},
      status: 'queued',
    });
    await until(async () => (await getMail(t.db, id))?.status === 'sent');
    expect((await smtp.waitFor(before + 1)).slice(before)[0]!.mail.subject).toBe('Late');
    expect((await getMail(t.db, id))?.job_id).toBe(job.id);
  });

  it('sends nothing when the caller’s transaction rolls back', async () => {
    const before = smtp.received.length;
    let id = '';
    await expect(
      t.db.transaction(async (tx) => {
        id = (await t.services.mail.send({ to: 'rollback@example.be', subject: 'Never', text: 'x', language: 'en' }, { tx })).id;
        throw new Error('the request failed');
      }),
    ).rejects.toThrow('the request failed');
    await sleep(500);
    expect(await getMail(t.db, id)).toBeUndefined();
    expect(smtp.received.length).toBe(before);
  });

  it('refuses malformed addresses and header injection with a 400', async () => {
    for (const mail of [
      { to: 'not an address', subject: 'x' },
      { to: 'a@example.be', subject: 'x\r\nBcc: victim@example.be' },
      { to: 'a@example.be', subject: 'x', replyTo: 'a@b.be\nBcc: c@d.be' },
    ]) {
      const error = await t.services.mail.send({ ...mail, text: 'x', language: 'en' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(400);
    }
  });
});

describe('captured mail without SMTP_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('keeps the message readable by platform administrators, in three languages', async () => {
    expect(t.services.mail.mode).toBe('capture');
    const sent = await t.services.mail.send({
      to: 'sofie@example.be',
      subject: 'Rendez-vous confirmé',
      text: 'Votre rendez-vous du 3 décembre est confirmé.',
      language: 'fr',
      purpose: 'appointment.confirmation',
      attachments: [{ filename: 'rendez-vous.ics', contentType: 'text/calendar', content: ICS }],
    });
    expect(sent.status).toBe('captured');
    expect((await getMail(t.db, sent.id))?.status).toBe('captured');

    const admin = t.client();
    await admin.login('admin@demo.irisdesk.brussels');
    for (const [lang, heading, status] of [
      ['en', 'Outgoing e-mail', 'Captured (not sent)'],
      ['fr', 'E-mails envoyés', 'Conservé (non envoyé)'],
      ['nl', 'Verzonden e-mails', 'Bewaard (niet verzonden)'],
    ] as const) {
      const list = await admin.get(`/${lang}/admin/mail`);
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain(`<h1 class="utrecht-heading-1">${heading}</h1>`);
      expect(list.body).toContain(`href="/${lang}/admin/mail/${sent.id}"`);
      expect(list.body).toContain(status);
      expect(list.body).toContain('SMTP_URL');
    }
    const filtered = await admin.get('/en/admin/mail?status=sent');
    expect(filtered.body).not.toContain(sent.id);
    const byRecipient = await admin.get('/en/admin/mail?to=SOFIE%40example.be');
    expect(byRecipient.body).toContain(sent.id);

    const view = await admin.get(`/en/admin/mail/${sent.id}`);
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('Rendez-vous confirmé');
    expect(view.body).toContain('Votre rendez-vous du 3 décembre est confirmé.');
    expect(view.body).toContain('sofie@example.be');
    expect(view.body).toContain('rendez-vous.ics');
    const file = await admin.get(`/en/admin/mail/${sent.id}/attachments/0`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('text/calendar');
    expect(file.body).toBe(ICS);

    const api = await admin.get(`/api/v1/mail-messages?to=sofie@example.be`);
    expect(api.json()).toMatchObject({ mode: 'capture', messages: [{ id: sent.id, status: 'captured', to: ['sofie@example.be'] }] });
    const one = await admin.get(`/api/v1/mail-messages/${sent.id}`);
    expect(one.json()).toMatchObject({
      text: 'Votre rendez-vous du 3 décembre est confirmé.',
      attachments: [{ filename: 'rendez-vous.ics', size: Buffer.byteLength(ICS) }],
    });

    const { rows } = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE subject_type = 'mail_message' AND subject_id = $1`, [sent.id]);
    expect(rows.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses the mail pages and API to other staff and to visitors', async () => {
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    expect((await agent.get('/en/admin/mail')).statusCode).toBe(403);
    expect((await agent.get('/api/v1/mail-messages')).statusCode).toBe(403);
    const visitor = t.client();
    expect((await visitor.get('/api/v1/mail-messages')).statusCode).toBe(401);
    const admin = t.client();
    await admin.login('admin@demo.irisdesk.brussels');
    const missing = await admin.get('/api/v1/mail-messages/00000000-0000-0000-0000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('mail.not_found');
    expect((await admin.get('/en/admin/mail/not-a-uuid')).statusCode).toBe(404);
    expect((await admin.get('/en/admin/mail?status=bogus')).statusCode).toBe(400);
  });
});
