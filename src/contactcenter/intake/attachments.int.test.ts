// Files on the web contact form with a REAL ClamAV daemon (test/clamd.ts, an EICAR-only signature database):
// a clean file is stored, shown on the request page of the organisation's console and downloaded with safe
// headers; the EICAR test file, too many or too large files and a program disguised as a photo are refused
// with a message naming the file and nothing stored; the CSRF token is checked on multipart posts; a stopped
// scanner refuses the files (503, the form kept) and the process keeps serving (decision 0046).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfTokenOf, type TestApp, type TestClient } from '../../../test/app.ts';
import { EICAR, startTestClamd, type TestClamd } from '../../../test/clamd.ts';

let t: TestApp;
let clamd: TestClamd;
let communeService: string;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

beforeAll(async () => {
  clamd = await startTestClamd();
  t = await createTestApp({ CLAMD_URL: clamd.url, CONTACT_INTAKE_LIMIT: '100000' });
  const { rows } = await t.db.query<{ code: string }>(
    `SELECT code FROM services WHERE competent_kind = 'commune' AND status = 'published' ORDER BY code LIMIT 1`,
  );
  communeService = rows[0]!.code;
}, 60_000);
afterAll(async () => {
  await t?.close();
  await clamd?.close();
});

type File = { name: string; content: Buffer; type?: string };

/** Posts a form as a browser does: multipart/form-data with the CSRF token of the page that holds it, and the files. */
async function postMultipart(client: TestClient, pageUrl: string, action: string, fields: Record<string, string>, files: File[], csrf = true) {
  const page = await client.get(pageUrl);
  const form = new FormData();
  if (csrf) form.append('_csrf', csrfTokenOf(page.body));
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const file of files) form.append('attachments', new Blob([new Uint8Array(file.content)], { type: file.type ?? 'application/octet-stream' }), file.name);
  const encoded = new Response(form);
  const payload = Buffer.from(await encoded.arrayBuffer());
  const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  return t.app.inject({ method: 'POST', url: action, headers: { cookie, 'content-type': encoded.headers.get('content-type')! }, payload });
}

/** The contact form, for the Schaerbeek commune (its postal code routes the commune service there). */
function postForm(client: TestClient, email: string, files: File[], options: { csrf?: boolean; lang?: string } = {}) {
  const lang = options.lang ?? 'fr';
  const fields = { serviceCode: communeService, name: 'Nadia Test', email, postalCode: '1030', message: 'Voici mon avertissement-extrait de rôle.' };
  return postMultipart(client, `/${lang}/contact`, `/${lang}/contact`, fields, files, options.csrf !== false);
}

const uniqueEmail = () => `files.${Math.random().toString(36).slice(2)}@example.be`;
async function requestsOf(email: string) {
  const { rows } = await t.db.query<{ id: string; reference: string }>(
    `SELECT r.id, r.reference FROM cc_requests r JOIN cc_parties p ON p.id = r.party_id WHERE p.email = $1`,
    [email],
  );
  return rows;
}

describe('files on the web contact form', () => {
  it('stores a clean file, shows it to the organisation’s agent and serves it as a safe download; others get 404', async () => {
    const email = uniqueEmail();
    const response = await postForm(t.client(), email, [
      { name: 'avertissement.pdf', content: PDF, type: 'application/pdf' },
      // A name that says "program" for a PDF: kept as what its content is, with an extension that says so.
      { name: 'scan.exe', content: PDF },
      { name: 'notes.txt', content: Buffer.from('Numéro de plaque : 1-ABC-234\n') },
    ]);
    expect(response.statusCode, response.body).toBe(303);
    const [request] = await requestsOf(email);
    const stored = await t.db.query<{ id: string; filename: string; content_type: string; size: number }>(
      `SELECT a.id, a.filename, a.content_type, a.size FROM cc_attachments a JOIN cc_messages m ON m.id = a.message_id WHERE m.request_id = $1 ORDER BY a.filename`,
      [request!.id],
    );
    expect(stored.rows.map(({ filename, content_type, size }) => ({ filename, content_type, size }))).toEqual([
      { filename: 'avertissement.pdf', content_type: 'application/pdf', size: PDF.byteLength },
      { filename: 'notes.txt', content_type: 'text/plain', size: Buffer.byteLength('Numéro de plaque : 1-ABC-234\n') },
      { filename: 'scan.exe.pdf', content_type: 'application/pdf', size: PDF.byteLength },
    ]);

    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    const page = await agent.get(`/en/console/requests/${request!.id}`);
    expect(page.statusCode).toBe(200);
    const pdf = stored.rows[0]!;
    const href = `/en/console/requests/${request!.id}/attachments/${pdf.id}`;
    expect(page.body).toContain(`href="${href}"`);
    expect(page.body).toContain('avertissement.pdf');
    const download = await agent.get(href);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="avertissement.pdf"; filename*=UTF-8''avertissement.pdf`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-security-policy']).toContain('sandbox');
    expect(download.rawPayload.equals(PDF)).toBe(true);
    const text = await agent.get(`/en/console/requests/${request!.id}/attachments/${stored.rows[1]!.id}`);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.body).toBe('Numéro de plaque : 1-ABC-234\n');

    // Another organisation's agent: the same 404 as an unknown file, and a 'denied' audit entry.
    const other = t.client();
    await other.login('agent.ixelles@demo.irisdesk.brussels');
    expect((await other.get(href)).statusCode).toBe(404);
    expect((await other.get(`/en/console/requests/${request!.id}/attachments/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    const denied = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'denied' AND subject_id = $1`, [request!.id]);
    expect(denied.rows.length).toBeGreaterThan(0);
    // Nobody signed in: sent to the sign-in page, never the file.
    expect((await t.client().get(href)).statusCode).not.toBe(200);
  });

  it('refuses the EICAR test file with a message naming it, and creates no request', async () => {
    const email = uniqueEmail();
    const response = await postForm(t.client(), email, [
      { name: 'facture.pdf', content: PDF },
      { name: 'eicar.txt', content: EICAR },
    ]);
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('« eicar.txt » contient un virus');
    expect(response.body).toContain('Nadia Test'); // what was typed stays in the form
    expect(await requestsOf(email)).toEqual([]);
  });

  it('refuses too many files, a file too large and a program disguised as a photo, naming them (in the page’s language)', async () => {
    const email = uniqueEmail();
    const tooMany = await postForm(
      t.client(),
      email,
      Array.from({ length: 6 }, (_, i) => ({ name: `page-${i}.pdf`, content: PDF })),
      { lang: 'en' },
    );
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.body).toContain('at most 5 files');

    const tooLarge = await postForm(t.client(), email, [{ name: 'grand.pdf', content: Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]) }], { lang: 'nl' });
    expect(tooLarge.statusCode).toBe(422);
    expect(tooLarge.body).toContain('‘grand.pdf’ is groter dan 5 MB');

    const program = Buffer.alloc(512);
    program.write('MZ', 0);
    program.writeUInt32LE(0x80, 0x3c);
    program.write('PE\0\0', 0x80, 'latin1');
    const disguised = await postForm(t.client(), email, [{ name: 'photo.jpg', content: program, type: 'image/jpeg' }], { lang: 'en' });
    expect(disguised.statusCode).toBe(422);
    expect(disguised.body).toContain('“photo.jpg” is not an accepted type');
    expect(await requestsOf(email)).toEqual([]);
  });

  it('checks the CSRF token of a multipart post', async () => {
    const email = uniqueEmail();
    const response = await postForm(t.client(), email, [{ name: 'a.pdf', content: PDF }], { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(await requestsOf(email)).toEqual([]);
  });

  it('with the scanner stopped, refuses files with a clear message (503), keeps the form and serves on; a form without files still goes', async () => {
    await clamd.stop();
    try {
      const email = uniqueEmail();
      const response = await postForm(t.client(), email, [{ name: 'avertissement.pdf', content: PDF }], { lang: 'en' });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('Files cannot be checked at the moment: nothing was sent.');
      expect(response.body).toContain('Nadia Test');
      expect(await requestsOf(email)).toEqual([]);
      const without = await postForm(t.client(), email, [], { lang: 'en' });
      expect(without.statusCode).toBe(303);
      expect(await requestsOf(email)).toHaveLength(1);
    } finally {
      await clamd.start();
    }
    const email = uniqueEmail();
    expect((await postForm(t.client(), email, [{ name: 'avertissement.pdf', content: PDF }])).statusCode).toBe(303);
  });
  it('sends a reply from the console with a file (stored on the message, attached to the e-mail) and refuses an infected one', async () => {
    const email = uniqueEmail();
    expect((await postForm(t.client(), email, [])).statusCode).toBe(303);
    const [request] = await requestsOf(email);
    const agent = t.client();
    await agent.login('agent@demo.irisdesk.brussels');
    const page = `/en/console/requests/${request!.id}`;
    expect((await agent.get(page)).body).toContain('name="attachments"');

    const infected = await postMultipart(agent, page, `${page}/reply`, { body: 'Here is the form to fill in.' }, [{ name: 'formulaire.txt', content: EICAR }]);
    expect(infected.statusCode).toBe(422);
    expect(infected.body).toContain('“formulaire.txt” contains a virus');
    expect(infected.body).toContain('Here is the form to fill in.');
    const outbound = () => t.db.query(`SELECT id FROM cc_messages WHERE request_id = $1 AND kind = 'outbound'`, [request!.id]);
    expect((await outbound()).rows).toHaveLength(0);

    const sent = await postMultipart(agent, page, `${page}/reply`, { body: 'Here is the form to fill in.' }, [{ name: 'formulaire.pdf', content: PDF }]);
    expect(sent.statusCode, sent.body).toBe(303);
    const files = await t.db.query<{ filename: string; content_type: string }>(
      `SELECT a.filename, a.content_type FROM cc_attachments a JOIN cc_messages m ON m.id = a.message_id WHERE m.request_id = $1 AND m.kind = 'outbound'`,
      [request!.id],
    );
    expect(files.rows).toEqual([{ filename: 'formulaire.pdf', content_type: 'application/pdf' }]);
    const mail = await t.db.query<{ attachments: Array<{ filename: string; contentType: string; size: number }> }>(
      `SELECT attachments FROM mail_messages WHERE $1 = ANY(to_addresses) AND purpose = 'contact.reply'`,
      [email],
    );
    expect(mail.rows[0]!.attachments).toMatchObject([{ filename: 'formulaire.pdf', contentType: 'application/pdf', size: PDF.byteLength }]);
  });
});
