// Inbound mail that must not be acknowledged and then dropped, nor trusted blindly (issue 13, decision 0026),
// through REAL SMTP conversations with the listener: Message-IDs are remembered per mailbox; a message to
// two organisations reaches both; NUL characters are cleaned instead of failing every retry; per-client and
// per-sender limits answer 451; a sender whose domain does not vouch for it (SPF/DMARC, checked by mailauth
// against a small in-test DNS zone) gets no receipt, joins no request, and is shown as unverified; without DNS
// the mail is kept, unverified; a new mailbox refuses mail (450) until its address is confirmed.
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/app.ts';
import { unreachableDns, zoneResolver } from '../../../test/dns-zone.ts';
import { startInboundSmtp, type InboundSmtp } from './server.ts';

type MailOptions = { [key: string]: unknown };
interface Transport {
  sendMail(mail: MailOptions): Promise<{ response: string }>;
  close(): void;
}

let t: TestApp;
let listener: InboundSmtp;
let noDnsListener: InboundSmtp;
const transports: Transport[] = [];
const orgs: Record<string, string> = {};
const SCHAERBEEK = 'contact@schaerbeek.irisdesk.test';
const IXELLES = 'contact@ixelles.irisdesk.test';
const SENDER_LIMIT = 5;
const CLIENT_LIMIT = 40;

const ZONE = zoneResolver({
  // Any loopback address may send example.be's mail.
  'example.be': { TXT: ['v=spf1 ip4:127.0.0.0/8 -all'] },
  // victim.be sends from 127.0.0.1 only, and asks receivers to reject anything else.
  'victim.be': { TXT: ['v=spf1 ip4:127.0.0.1 -all'] },
  '_dmarc.victim.be': { TXT: ['v=DMARC1; p=reject'] },
  // bank.be sends from elsewhere: mail "from" it on the loopback is forged.
  'bank.be': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] },
  '_dmarc.bank.be': { TXT: ['v=DMARC1; p=reject'] },
});

/** An SMTP client connecting from `localAddress` (any 127.x address is the loopback), one session when pooled. */
function transportTo(port: number, localAddress = '127.0.0.1', pool = false): Transport {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    localAddress,
    pool,
    maxConnections: 1,
    maxMessages: Infinity,
  } as never) as unknown as Transport;
  transports.push(transport);
  return transport;
}

async function attempt(
  transport: Transport,
  mail: MailOptions,
): Promise<{ ok: true; response: string } | { ok: false; responseCode?: number; response?: string }> {
  try {
    return { ok: true, response: (await transport.sendMail(mail)).response };
  } catch (error) {
    const { responseCode, response } = error as { responseCode?: number; response?: string };
    return { ok: false, responseCode, response };
  }
}

async function requestsOf(email: string) {
  const { rows } = await t.db.query<{ id: string; reference: string; organisation_id: string; subject: string; sender_check: string | null }>(
    `SELECT r.id, r.reference, r.organisation_id, r.subject, r.sender_check FROM cc_requests r JOIN cc_parties p ON p.id = r.party_id WHERE p.email = $1 ORDER BY r.created_at`,
    [email],
  );
  return rows;
}
const receiptsTo = async (email: string) =>
  (await t.db.query<{ subject: string }>(`SELECT subject FROM mail_messages WHERE $1 = ANY(to_addresses) AND purpose = 'contact.receipt'`, [email])).rows;

beforeAll(async () => {
  t = await createTestApp({ INBOUND_MAIL_SENDER_LIMIT: String(SENDER_LIMIT), INBOUND_MAIL_CLIENT_LIMIT: String(CLIENT_LIMIT) });
  const { rows } = await t.db.query<{ code: string; id: string }>(`SELECT code, id FROM organisations WHERE code IN ('commune-schaerbeek', 'commune-ixelles')`);
  for (const row of rows) orgs[row.code] = row.id;
  await t.db.query(
    `INSERT INTO cc_mailboxes (address, organisation_id, verified_at, verified_by) VALUES ($1, $2, now(), 'administrator'), ($3, $4, now(), 'administrator')`,
    [SCHAERBEEK, orgs['commune-schaerbeek'], IXELLES, orgs['commune-ixelles']],
  );
  const receive = t.services.contactCenter.receiveMail;
  listener = await startInboundSmtp({ db: t.db, port: 0, host: '127.0.0.1', maxBytes: 1024 * 1024, receive, resolver: ZONE });
  noDnsListener = await startInboundSmtp({ db: t.db, port: 0, host: '127.0.0.1', maxBytes: 1024 * 1024, receive, resolver: unreachableDns });
});
afterAll(async () => {
  for (const transport of transports) transport.close();
  await listener?.stop();
  await noDnsListener?.stop();
  await t?.close();
});

describe('no message acknowledged and then dropped', () => {
  it('remembers a Message-ID per mailbox: the same message sent to another organisation is stored there too', async () => {
    const send = transportTo(listener.port);
    const from = 'same.id@example.be';
    const mail = { from, subject: 'Permis de stationnement', text: 'Bonjour', messageId: '<same-id-1@example.be>' };
    expect((await send.sendMail({ ...mail, to: SCHAERBEEK })).response).toMatch(/^250 .*Received as BXL-/);
    expect((await send.sendMail({ ...mail, to: IXELLES })).response).toMatch(/^250 .*Received as BXL-/);
    expect((await send.sendMail({ ...mail, to: SCHAERBEEK })).response).toMatch(/^250 .*Already received/);
    const requests = await requestsOf(from);
    expect(requests.map((r) => r.organisation_id).sort()).toEqual([orgs['commune-schaerbeek'], orgs['commune-ixelles']].sort());
  });

  it('gives each recipient mailbox of one message its own request (and its own receipt)', async () => {
    const from = 'two.mailboxes@example.be';
    const info = await transportTo(listener.port).sendMail({
      from,
      to: [SCHAERBEEK, IXELLES],
      subject: 'Déménagement',
      text: 'Je déménage de Schaerbeek à Ixelles.',
    });
    const requests = await requestsOf(from);
    expect(requests).toHaveLength(2);
    expect(new Set(requests.map((r) => r.organisation_id))).toEqual(new Set([orgs['commune-schaerbeek'], orgs['commune-ixelles']]));
    for (const request of requests) expect(info.response).toContain(request.reference);
    expect(await receiptsTo(from)).toHaveLength(2);
  });

  it('cleans NUL characters from the subject and body and accepts the message', async () => {
    const from = 'nul.byte@example.be';
    const raw = [
      `From: Nul Byte <${from}>`,
      `To: ${SCHAERBEEK}`,
      'Subject: =?UTF-8?Q?Objet=00_avec_NUL?=',
      'Message-ID: <nul-byte-1@example.be>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Bonjour\u0000 le monde',
      '',
    ].join('\r\n');
    const send = transportTo(listener.port);
    const first = await attempt(send, { envelope: { from, to: [SCHAERBEEK] }, raw });
    expect(first).toMatchObject({ ok: true, response: expect.stringMatching(/^250 .*Received as BXL-/) });
    const [request] = await requestsOf(from);
    expect(request!.subject).toBe('Objet avec NUL');
    const { rows } = await t.db.query<{ body: string }>(`SELECT body FROM cc_messages WHERE request_id = $1 AND kind = 'inbound'`, [request!.id]);
    expect(rows[0]!.body).toBe('Bonjour le monde');
    // A retry of the same message is a duplicate, not another failure.
    expect(await attempt(send, { envelope: { from, to: [SCHAERBEEK] }, raw })).toMatchObject({ ok: true, response: expect.stringMatching(/Already received/) });
  });
});

describe('limits and forged senders', () => {
  it('answers 451 beyond the per-client limit on one SMTP session, and sends no receipt to forged senders', async () => {
    // 150 messages as fast as one session carries them, each "from" another address of a domain whose
    // SPF/DMARC do not allow the loopback: the forged senders of the issue.
    const session = transportTo(listener.port, '127.0.0.2', true);
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 150 }, (_, i) => attempt(session, { from: `clerk${i}@bank.be`, to: SCHAERBEEK, subject: `Urgent ${i}`, text: 'Cliquez ici' })),
    );
    const elapsed = Date.now() - started;
    const accepted = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(accepted).toHaveLength(CLIENT_LIMIT);
    expect(refused).toHaveLength(150 - CLIENT_LIMIT);
    for (const r of refused) expect(r).toMatchObject({ responseCode: 451, response: expect.stringContaining('4.7.0') });

    const { rows: made } = await t.db.query<{ sender_check: string; n: number }>(
      `SELECT r.sender_check, count(*)::int AS n FROM cc_requests r JOIN cc_parties p ON p.id = r.party_id WHERE p.email LIKE 'clerk%@bank.be' GROUP BY 1`,
    );
    expect(made).toEqual([{ sender_check: 'fail', n: CLIENT_LIMIT }]);
    const { rows: receipts } = await t.db.query(`SELECT 1 FROM mail_messages WHERE to_addresses[1] LIKE '%@bank.be'`);
    expect(receipts).toHaveLength(0);
    // One audit entry for the flood, not one per refused message.
    const { rows: audits } = await t.db.query(`SELECT details FROM audit_log WHERE subject_type = 'inbound_mail' AND details->>'reason' = 'rate_limited'`);
    expect(audits).toEqual([{ details: { reason: 'rate_limited', per: 'client', limit: CLIENT_LIMIT, windowSeconds: 600 } }]);
    expect(elapsed).toBeLessThan(60_000);
  });

  it('answers 451 beyond the per-sender limit, whatever the client', async () => {
    const from = 'eager@example.be';
    const results = [];
    for (let i = 0; i < SENDER_LIMIT + 3; i++) {
      results.push(await attempt(transportTo(listener.port, `127.0.1.${i + 1}`), { from, to: SCHAERBEEK, subject: `Question ${i}`, text: 'Encore moi' }));
    }
    expect(results.filter((r) => r.ok)).toHaveLength(SENDER_LIMIT);
    expect(results.slice(SENDER_LIMIT)).toEqual(Array.from({ length: 3 }, () => expect.objectContaining({ ok: false, responseCode: 451 })));
    expect(await requestsOf(from)).toHaveLength(SENDER_LIMIT);
    expect(await receiptsTo(from)).toHaveLength(SENDER_LIMIT);
  });

  it('never joins a forged reply to the request it quotes: a new request, marked unverified in the console, no receipt', async () => {
    const owner = 'owner@victim.be';
    // The owner writes from the address victim.be allows: verified, receipt sent.
    await transportTo(listener.port, '127.0.0.1').sendMail({
      from: owner,
      to: SCHAERBEEK,
      subject: 'Ma demande de prime',
      text: 'Mon IBAN est BE00 0000 0000 0000',
    });
    const [original] = await requestsOf(owner);
    expect(original!.sender_check).toBe('pass');
    expect(await receiptsTo(owner)).toHaveLength(1);

    // Someone else, from another address, pretends to be the owner and quotes the reference.
    const forged = await transportTo(listener.port, '127.0.0.9').sendMail({
      from: owner,
      to: SCHAERBEEK,
      subject: `Re: [${original!.reference}] Changement d'IBAN`,
      text: 'Versez plutôt sur BE99',
    });
    expect(forged.response).toMatch(/^250 /);
    const requests = await requestsOf(owner);
    expect(requests).toHaveLength(2);
    const copy = requests[1]!;
    expect(copy.sender_check).toBe('fail');
    const { rows: originalMessages } = await t.db.query(`SELECT 1 FROM cc_messages WHERE request_id = $1 AND kind = 'inbound'`, [original!.id]);
    expect(originalMessages).toHaveLength(1);
    expect(await receiptsTo(owner)).toHaveLength(1);

    const agent: TestClient = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    const page = await agent.get(`/en/console/requests/${copy.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Unverified sender');
    // The event note is in the mail's language (French here).
    expect(page.body).toContain(`cite la référence ${original!.reference}, mais l'adresse de l'expéditeur n'a pas pu être vérifiée`);
    expect((await agent.get(`/en/console/requests/${original!.id}`)).body).not.toContain('Unverified sender');
  });

  it('keeps mail when DNS does not answer at all: accepted, unverified, no receipt', async () => {
    const from = 'no.dns@example.be';
    expect((await transportTo(noDnsListener.port).sendMail({ from, to: SCHAERBEEK, subject: 'Sans DNS', text: 'Bonjour' })).response).toMatch(/^250 /);
    const [request] = await requestsOf(from);
    expect(request!.sender_check).toBe('temperror');
    expect(await receiptsTo(from)).toHaveLength(0);
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    expect((await agent.get(`/fr/console/requests/${request!.id}`)).body).toContain('Expéditeur non vérifié');
  });
});

describe('mailbox addresses are proven before mail is accepted', () => {
  it('refuses mail with 450 until the address is confirmed through the link of the confirmation mail', async () => {
    const address = 'accueil@schaerbeek.irisdesk.test';
    const manager = t.client();
    await manager.login('manager@demo.irisdesk.brussels');
    const created = await manager.request('POST', '/api/v1/contact-center/settings/commune-schaerbeek/mailboxes', {
      json: { address },
      headers: { 'accept-language': 'nl' },
    });
    expect(created.statusCode).toBe(201);

    const refused = await attempt(transportTo(listener.port), { from: 'early@example.be', to: address, subject: 'Trop tôt', text: 'Bonjour' });
    expect(refused).toMatchObject({ ok: false, responseCode: 450, response: expect.stringContaining('4.2.1') });
    expect(await requestsOf('early@example.be')).toHaveLength(0);

    const { rows } = await t.db.query<{ text_body: string; language: string }>(
      `SELECT text_body, language FROM mail_messages WHERE $1 = ANY(to_addresses) AND purpose = 'cc.mailbox.confirmation'`,
      [address],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.language).toBe('nl');
    const link = /\/nl\/contact-center\/mailbox-confirmation\/[A-Za-z0-9_-]+/.exec(rows[0]!.text_body)![0];
    const visitor = t.client();
    const page = await visitor.get(link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(address);
    // Opening the link (as mail filters do) confirms nothing; the button does.
    expect((await attempt(transportTo(listener.port), { from: 'early@example.be', to: address, subject: 'Toujours trop tôt', text: 'Bonjour' })).ok).toBe(
      false,
    );
    const confirmed = await visitor.submitForm(link, link, {});
    expect(confirmed.statusCode).toBe(303);
    expect((await visitor.get(confirmed.headers.location as string)).body).toContain('Adres bevestigd');
    expect((await visitor.get(link)).statusCode).toBe(404);

    expect((await transportTo(listener.port).sendMail({ from: 'early@example.be', to: address, subject: 'Enfin', text: 'Bonjour' })).response).toMatch(
      /^250 .*Received as BXL-/,
    );
    const listed = (await manager.get('/api/v1/contact-center/settings/commune-schaerbeek/mailboxes')).json() as {
      mailboxes: Array<{ address: string; verified: boolean; verifiedBy: string }>;
    };
    expect(listed.mailboxes.find((m) => m.address === address)).toMatchObject({ verified: true, verifiedBy: 'confirmation' });
  });
});
