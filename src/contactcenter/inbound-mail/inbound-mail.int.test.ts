// Inbound e-mail through a REAL SMTP conversation: nodemailer sends to the listener of server.ts, which parses
// with mailparser and stores the request. Covers new requests, replies joining by reference (and resuming a
// request that waits for the user), duplicates, unknown references, refused mailboxes, size and type limits,
// and malformed messages (refused with an SMTP code and an audit entry, the listener keeps running); files are
// checked by content and scanned by a real clamd (test/clamd.ts): an infected one is dropped and listed, a
// scanner that is away makes the message wait (451).
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { zoneResolver } from '../../../test/dns-zone.ts';
import { startInboundSmtp, type InboundSmtp } from './server.ts';
import { EICAR, startTestClamd, type TestClamd } from '../../../test/clamd.ts';
import { brusselsDate, startOfBrusselsDay } from '../../platform/calendar/brussels-time.ts';
import { expectedTimeInWords } from '../settings/out-of-hours.ts';

let t: TestApp;
let clamd: TestClamd;
let listener: InboundSmtp;
type MailOptions = { [key: string]: unknown };
let transport: { sendMail(mail: MailOptions): Promise<{ response: string }>; close(): void };
let schaerbeek: string;
const MAILBOX = 'contact@schaerbeek.irisdesk.test';
const MAX_BYTES = 1024 * 1024;

beforeAll(async () => {
  clamd = await startTestClamd();
  t = await createTestApp({ CLAMD_URL: clamd.url });
  schaerbeek = (await t.db.query<{ id: string }>(`SELECT id FROM organisations WHERE code = 'commune-schaerbeek'`)).rows[0]!.id;
  await t.db.query(`INSERT INTO cc_mailboxes (address, organisation_id, verified_at, verified_by) VALUES ($1, $2, now(), 'administrator')`, [
    MAILBOX,
    schaerbeek,
  ]);
  // The senders' domain lets the loopback addresses send its mail (SPF), so they get receipts (decision 0026).
  const resolver = zoneResolver({ 'example.be': { TXT: ['v=spf1 ip4:127.0.0.0/8 -all'] } });
  listener = await startInboundSmtp({ db: t.db, port: 0, host: '127.0.0.1', maxBytes: MAX_BYTES, receive: t.services.contactCenter.receiveMail, resolver });
  transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true } as never) as never;
});
afterAll(async () => {
  transport?.close();
  await listener?.stop();
  await t?.close();
  await clamd?.close();
});

async function requestsOf(email: string) {
  const { rows } = await t.db.query<{ id: string; reference: string; channel: string; status: string; organisation_id: string; subject: string }>(
    `SELECT r.* FROM cc_requests r JOIN cc_parties p ON p.id = r.party_id WHERE p.email = $1 ORDER BY r.created_at`,
    [email],
  );
  return rows;
}
const messagesOf = async (requestId: string) =>
  (
    await t.db.query<{ kind: string; body: string; mail_message_id: string | null }>(
      `SELECT kind, body, mail_message_id FROM cc_messages WHERE request_id = $1 ORDER BY created_at, kind`,
      [requestId],
    )
  ).rows;

async function refusal(mail: MailOptions): Promise<{ responseCode?: number; response?: string }> {
  try {
    await transport.sendMail(mail);
  } catch (error) {
    return error as { responseCode?: number; response?: string };
  }
  throw new Error('the message was accepted');
}

describe('the inbound SMTP listener', () => {
  it('turns a message into a request with its allowed attachments, and sends the receipt', async () => {
    const from = 'citizen.one@example.be';
    const info = await transport.sendMail({
      from: `Carla Citizen <${from}>`,
      to: MAILBOX,
      subject: 'Question sur ma taxe',
      text: 'Bonjour, voici mon avertissement-extrait de rôle.',
      headers: { 'Content-Language': 'nl' },
      attachments: [
        { filename: 'avertissement.pdf', content: Buffer.from('%PDF-1.4 test'), contentType: 'application/pdf' },
        { filename: 'virus.exe', content: Buffer.from('MZ'), contentType: 'application/x-msdownload' },
        // Declared as a PDF: what counts is the content (text), and the scanner's verdict on it.
        { filename: 'eicar.txt', content: EICAR, contentType: 'application/pdf' },
      ],
    });
    expect(info.response).toMatch(/^250 .*Received as BXL-/);
    const [request] = await requestsOf(from);
    expect(request).toMatchObject({ channel: 'email', status: 'new', organisation_id: schaerbeek, subject: 'Question sur ma taxe' });
    const messages = await messagesOf(request!.id);
    expect(messages.map((m) => m.kind).sort()).toEqual(['event', 'inbound']);
    const note = messages.find((m) => m.kind === 'event')!.body;
    expect(note).toContain('virus.exe');
    expect(note).toContain('Bijlagen geweigerd door het antivirusprogramma: eicar.txt');
    const attachments = await t.db.query<{ filename: string; content_type: string; size: number }>(
      `SELECT a.filename, a.content_type, a.size FROM cc_attachments a JOIN cc_messages m ON m.id = a.message_id WHERE m.request_id = $1`,
      [request!.id],
    );
    expect(attachments.rows).toEqual([{ filename: 'avertissement.pdf', content_type: 'application/pdf', size: 13 }]);
    const receipt = await t.db.query<{ subject: string; language: string }>(`SELECT subject, language FROM mail_messages WHERE $1 = ANY(to_addresses)`, [from]);
    expect(receipt.rows).toHaveLength(1);
    expect(receipt.rows[0]!.subject).toContain(request!.reference);
    expect(receipt.rows[0]!.language).toBe('nl');
    const contacts = await t.db.query<{ channel: string }>(`SELECT channel FROM cc_contacts WHERE request_id = $1`, [request!.id]);
    expect(contacts.rows).toEqual([{ channel: 'email' }]);
  });

  it('answers outside business hours once, in the sender’s language, with the expected time from the business calendar (issue 17)', async () => {
    // Open two hours a week, two days from now: closed now. The default first response (8 business hours) then
    // ends at the close of the fourth of those openings, three weeks later.
    const day = new Date(startOfBrusselsDay(brusselsDate(new Date())).getTime() + 2 * 86_400_000 + 12 * 3_600_000);
    const weekday = ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'][new Date(`${brusselsDate(day)}T12:00:00Z`).getUTCDay()];
    await t.db.query(`INSERT INTO cc_business_calendars (organisation_id, opening_hours, holiday_calendar) VALUES ($1, $2, 'be')`, [
      schaerbeek,
      `${weekday} 10:00-12:00`,
    ]);
    await t.db.query(`UPDATE cc_mailboxes SET out_of_hours_reply = true WHERE address = $1`, [MAILBOX]);
    try {
      const from = 'nacht.schrijver@example.be';
      const info = await transport.sendMail({
        from,
        to: MAILBOX,
        subject: 'Vraag over mijn parkeerkaart',
        text: 'Goedenavond',
        headers: { 'Content-Language': 'nl' },
      });
      expect(info.response).toMatch(/^250 /);
      const [request] = await requestsOf(from);
      const mails = await t.db.query<{ subject: string; text_body: string; language: string; purpose: string }>(
        `SELECT subject, text_body, language, purpose FROM mail_messages WHERE $1 = ANY(to_addresses) ORDER BY purpose`,
        [from],
      );
      expect(mails.rows.map((m) => m.purpose)).toEqual(['contact.out_of_hours', 'contact.receipt']);
      const reply = mails.rows[0]!;
      expect(reply.language).toBe('nl');
      expect(reply.subject).toBe(`Uw aanvraag ${request!.reference}: onze kantoren zijn gesloten`);
      const expected = new Date(startOfBrusselsDay(brusselsDate(new Date(day.getTime() + 21 * 86_400_000))).getTime() + 12 * 3_600_000);
      expect(reply.text_body).toContain(`U krijgt uiterlijk op ${expectedTimeInWords(expected, 'nl')} een antwoord.`);
      expect(reply.text_body).toMatch(/(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) \d+ \w+ \d{4} om 12:00/);
      // A reply to the same request (its reference in the subject) gets no second automatic reply.
      await transport.sendMail({ from, to: MAILBOX, subject: `Re: ${request!.reference}`, text: 'Nog iets', headers: { 'Content-Language': 'nl' } });
      const after = await t.db.query(`SELECT 1 FROM mail_messages WHERE $1 = ANY(to_addresses) AND purpose = 'contact.out_of_hours'`, [from]);
      expect(after.rows).toHaveLength(1);
    } finally {
      await t.db.query(`UPDATE cc_mailboxes SET out_of_hours_reply = false WHERE address = $1`, [MAILBOX]);
      await t.db.query(`DELETE FROM cc_business_calendars WHERE organisation_id = $1`, [schaerbeek]);
    }
  });

  it('joins a reply carrying the reference to the request, resumes it, and ignores a duplicate Message-ID', async () => {
    const from = 'citizen.two@example.be';
    await transport.sendMail({ from, to: MAILBOX, subject: 'Parking', text: 'First message' });
    const [request] = await requestsOf(from);
    await t.db.transaction((tx) => t.services.contactCenter.setStatus(tx, request!.id, 'waiting_user'));
    const reply = {
      from,
      to: MAILBOX,
      subject: `Re: [${request!.reference}] Nous avons bien reçu votre demande`,
      text: 'Here is the plate number',
      messageId: '<reply-1@example.be>',
    };
    expect((await transport.sendMail(reply)).response).toContain(request!.reference);
    expect((await transport.sendMail(reply)).response).toMatch(/^250 .*Already received/);
    const requests = await requestsOf(from);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.status).toBe('open');
    const inbound = (await messagesOf(request!.id)).filter((m) => m.kind === 'inbound');
    expect(inbound.map((m) => m.body.trim())).toEqual(['First message', 'Here is the plate number']);
  });

  it('starts a new request for an unknown reference, or a reference of another sender', async () => {
    const from = 'citizen.three@example.be';
    await transport.sendMail({ from, to: MAILBOX, subject: 'Re: [BXL-2222-2222] old thread', text: 'hello' });
    const [unknown] = await requestsOf(from);
    expect(unknown).toBeDefined();
    expect((await messagesOf(unknown!.id)).find((m) => m.kind === 'event')!.body).toContain('BXL-2222-2222');

    await transport.sendMail({ from: 'victim@example.be', to: MAILBOX, subject: 'Mine', text: 'private' });
    const [victims] = await requestsOf('victim@example.be');
    await transport.sendMail({ from, to: MAILBOX, subject: `Re: ${victims!.reference}`, text: 'let me in' });
    expect(await messagesOf(victims!.id)).toHaveLength(1);
    expect(await requestsOf(from)).toHaveLength(2);
  });

  it('refuses unknown mailboxes, oversize and malformed mail with SMTP codes and audit entries, and keeps running', async () => {
    const unknownMailbox = await refusal({ from: 'a@example.be', to: 'nobody@schaerbeek.irisdesk.test', subject: 'x', text: 'x' });
    expect(unknownMailbox.responseCode).toBe(550);

    const big = await refusal({ from: 'big@example.be', to: MAILBOX, subject: 'big', text: 'x'.repeat(MAX_BYTES + 1000) });
    expect(big.responseCode).toBe(552);

    const many = await refusal({
      from: 'many@example.be',
      to: MAILBOX,
      subject: 'many',
      text: 'eleven files',
      attachments: Array.from({ length: 11 }, (_, i) => ({ filename: `f${i}.pdf`, content: Buffer.from('%PDF'), contentType: 'application/pdf' })),
    });
    expect(many.responseCode).toBe(552);

    const noSender = await refusal({ envelope: { from: 'raw@example.be', to: [MAILBOX] }, raw: 'Subject: no sender\r\n\r\nbody\r\n' });
    expect(noSender.responseCode).toBe(550);
    expect(noSender.response).toMatch(/5\.6\.0/);

    const audits = await t.db.query<{ reason: string }>(`SELECT details->>'reason' AS reason FROM audit_log WHERE subject_type = 'inbound_mail'`);
    expect(new Set(audits.rows.map((a) => a.reason))).toEqual(
      new Set(['attachment_type_refused', 'attachment_infected', 'message_too_large', 'attachments_too_large', 'malformed']),
    );
    for (const email of ['big@example.be', 'many@example.be', 'raw@example.be']) expect(await requestsOf(email)).toHaveLength(0);

    // Still serving.
    const info = await transport.sendMail({ from: 'after@example.be', to: MAILBOX, subject: 'still there?', text: 'yes' });
    expect(info.response).toMatch(/^250 /);
  });
  it('makes a message with files wait (451) while the scanner is away, and stores nothing; one without files still goes', async () => {
    await clamd.stop();
    try {
      const from = 'scanner.away@example.be';
      const waiting = await refusal({
        from,
        to: MAILBOX,
        subject: 'with a file',
        text: 'see attached',
        attachments: [{ filename: 'avertissement.pdf', content: Buffer.from('%PDF-1.4 test'), contentType: 'application/pdf' }],
      });
      expect(waiting.responseCode).toBe(451);
      expect(await requestsOf(from)).toHaveLength(0);
      expect((await transport.sendMail({ from, to: MAILBOX, subject: 'no file', text: 'plain' })).response).toMatch(/^250 /);
    } finally {
      await clamd.start();
    }
  });
});
