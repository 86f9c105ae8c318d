// Text messages against a REAL SMPP 3.4 message centre started by the test (test/smpp.ts, the `smpp` package's
// server side): numbers normalised to E.164, submission with a delivery receipt asked for and received, the
// centre refusing (throttled, then a bad number) and going away, a STOP answer honoured; and, without
// SMPP_URL, capture with the back-office page in three languages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { startTestSmsc, type TestSmsc } from '../../../test/smpp.ts';
import { startJobWorker, type JobWorker } from '../jobs/worker.ts';
import { AppError } from '../http/errors.ts';
import { getSms } from './repository.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => Promise<boolean>, timeoutMs = 15_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await sleep(25);
  }
}

describe('text messages over SMPP', () => {
  let smsc: TestSmsc;
  let t: TestApp;
  let worker: JobWorker;
  beforeAll(async () => {
    smsc = await startTestSmsc();
    t = await createTestApp({ SMPP_URL: smsc.url, SMS_SENDER: 'IrisDesk' });
    worker = await startJobWorker({ db: t.db, registry: t.services.jobs, pollIntervalMs: 100, retryBaseMs: 300, retryMaxMs: 600 });
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.services.sms.close();
    await t?.close();
    await smsc?.stop();
  });

  const statusOf = async (id: string) => (await getSms(t.db, id))?.status;

  it('submits a message to the number in E.164 with a receipt asked for, and completes it when the receipt arrives', async () => {
    const before = smsc.submitted.length;
    const sent = await t.services.sms.send({
      to: '0470 12 34 56',
      text: 'Uw afspraak van 3 december om 9:30 is bevestigd.',
      language: 'nl',
      purpose: 'appointment.confirmation',
    });
    expect(sent.status).toBe('queued');
    const [received] = (await smsc.waitFor(before + 1)).slice(before);
    expect(received).toMatchObject({ to: '32470123456', from: 'IrisDesk', text: 'Uw afspraak van 3 december om 9:30 is bevestigd.', registeredDelivery: 1 });
    await until(async () => (await statusOf(sent.id)) === 'submitted');
    expect(await getSms(t.db, sent.id)).toMatchObject({ gateway_message_id: received!.messageId, encoding: 'gsm7', segments: 1 });

    await smsc.sendReceipt(received!.messageId, 'DELIVRD');
    await until(async () => (await statusOf(sent.id)) === 'delivered');
    const delivered = await getSms(t.db, sent.id);
    expect(delivered?.body).toBeNull();
    expect(delivered?.delivered_at).toBeInstanceOf(Date);
  });

  it('records an undeliverable receipt as a failure the operators can read', async () => {
    const before = smsc.submitted.length;
    const sent = await t.services.sms.send({ to: '+33 6 12 34 56 78', text: 'Votre ticket A012 sera bientôt appelé.', language: 'fr', purpose: 'queue.near' });
    const [received] = (await smsc.waitFor(before + 1)).slice(before);
    expect(received!.to).toBe('33612345678');
    await until(async () => (await statusOf(sent.id)) === 'submitted');
    await smsc.sendReceipt(received!.messageId, 'UNDELIV');
    await until(async () => (await statusOf(sent.id)) === 'failed');
    expect((await getSms(t.db, sent.id))?.last_error).toContain('UNDELIV');
  });

  it('tries again when the centre is busy, and gives up at once on a number it refuses', async () => {
    smsc.refuseNext(2, 0x58); // ESME_RTHROTTLED
    const before = smsc.submitted.length;
    const busy = await t.services.sms.send({ to: '+32 470 11 22 33', text: 'Your appointment is tomorrow at 10:00.', language: 'en' });
    await smsc.waitFor(before + 1);
    await until(async () => (await statusOf(busy.id)) === 'submitted');
    expect((await getSms(t.db, busy.id))?.attempts).toBe(3);

    smsc.refuseNext(1, 0x0b); // ESME_RINVDSTADR
    const refused = await t.services.sms.send({ to: '+32 470 99 88 77', text: 'Your appointment is tomorrow at 11:00.', language: 'en' });
    await until(async () => (await statusOf(refused.id)) === 'failed');
    const row = await getSms(t.db, refused.id);
    expect(row?.attempts).toBe(1);
    expect(row?.last_error).toContain('0xb');
  });

  it('keeps messages while the centre is away and sends them when it is back', async () => {
    await smsc.stop();
    const before = smsc.submitted.length;
    const sent = await t.services.sms.send({ to: '0470 55 66 77', text: 'Uw ticket B004 wordt zo dadelijk opgeroepen.', language: 'nl' });
    await until(async () => ((await getSms(t.db, sent.id))?.attempts ?? 0) >= 1);
    expect(await statusOf(sent.id)).toBe('queued');
    await smsc.start();
    await smsc.waitFor(before + 1, 20_000);
    await until(async () => (await statusOf(sent.id)) === 'submitted', 20_000);
  });

  it('sends a long text whole, and honours STOP and START answers', async () => {
    const before = smsc.submitted.length;
    const long = 'Bonjour, '.repeat(25).trim();
    const sent = await t.services.sms.send({ to: '0470 12 00 00', text: long, language: 'fr' });
    expect((await smsc.waitFor(before + 1))[before]!.text).toBe(long);
    expect((await getSms(t.db, sent.id))?.segments).toBe(2);

    await smsc.sendInbound('+32470120000', ' stop ');
    await until(async () => (await t.db.query(`SELECT 1 FROM sms_opt_outs WHERE phone = '+32470120000'`)).rows.length === 1);
    const after = smsc.submitted.length;
    const blocked = await t.services.sms.send({ to: '0470/12.00.00', text: 'Votre rendez-vous est demain.', language: 'fr' });
    expect(blocked.status).toBe('opted_out');
    expect((await getSms(t.db, blocked.id))?.body).toBeNull();
    await sleep(400);
    expect(smsc.submitted.length).toBe(after);

    await smsc.sendInbound('+32470120000', 'START');
    await until(async () => (await t.db.query(`SELECT 1 FROM sms_opt_outs WHERE phone = '+32470120000'`)).rows.length === 0);
    expect((await t.services.sms.send({ to: '0470 12 00 00', text: 'Votre rendez-vous est demain.', language: 'fr' })).status).toBe('queued');
  });

  it('refuses an invalid number or an over-long text with a 400', async () => {
    for (const message of [
      { to: '12', text: 'x' },
      { to: 'jan@example.be', text: 'x' },
      { to: '0470 12 34 56', text: '   ' },
      { to: '0470 12 34 56', text: 'x'.repeat(470) },
    ]) {
      const error = await t.services.sms.send({ ...message, language: 'en' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(400);
    }
  });
});

describe('captured text messages without SMPP_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('keeps the message readable by platform administrators, in three languages', async () => {
    expect(t.services.sms.mode).toBe('capture');
    const sent = await t.services.sms.send({
      to: '0470 12 34 56',
      text: 'Votre rendez-vous du 3 décembre est confirmé.',
      language: 'fr',
      purpose: 'appointment.confirmation',
    });
    expect(sent.status).toBe('captured');

    const admin = t.client();
    await admin.login('admin@demo.irisdesk.brussels');
    for (const [lang, heading, status] of [
      ['en', 'Text messages', 'Captured (not sent)'],
      ['fr', 'SMS envoyés', 'Conservé (non envoyé)'],
      ['nl', 'Verzonden sms’jes', 'Bewaard (niet verzonden)'],
    ] as const) {
      const list = await admin.get(`/${lang}/admin/sms`);
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain(`<h1 class="utrecht-heading-1">${heading}</h1>`);
      expect(list.body).toContain('+32 470 12 34 56');
      expect(list.body).toContain('Votre rendez-vous du 3 décembre est confirmé.');
      expect(list.body).toContain(status);
      expect(list.body).toContain('SMPP_URL');
    }
    expect((await admin.get('/en/admin/sms?status=delivered')).body).not.toContain('Votre rendez-vous du 3');
    const api = await admin.get('/api/v1/sms-messages?to=0470%2012%2034%2056');
    expect(api.json()).toMatchObject({ mode: 'capture', messages: [{ id: sent.id, status: 'captured', to: '+32470123456', segments: 1 }] });
  });

  it('refuses the page and API to other staff and to visitors', async () => {
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    expect((await agent.get('/en/admin/sms')).statusCode).toBe(403);
    expect((await agent.get('/api/v1/sms-messages')).statusCode).toBe(403);
    expect((await t.client().get('/api/v1/sms-messages')).statusCode).toBe(401);
    const admin = t.client();
    await admin.login('admin@demo.irisdesk.brussels');
    expect((await admin.get('/en/admin/sms?status=bogus')).statusCode).toBe(400);
  });
});
