// The contact-center settings in the back office on a real database (PGlite, or PostgreSQL with
// TEST_DATABASE_URL): inbound mailboxes, SLA targets and the SLA business calendar — forms without
// JavaScript, validation in fr/nl/en, optimistic locking (409 as a form error), tenant isolation, audit, and
// that the intake really uses what was set (mailbox lookup, most specific target, business clock).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/app.ts';
import { mailboxByAddress } from '../repository.ts';
import { openingScheduleFor, slaTargetFor } from '../sla.ts';
import { brusselsDate, startOfBrusselsDay } from '../../platform/calendar/brussels-time.ts';
import { expectedTimeInWords } from './out-of-hours.ts';

let t: TestApp;
const orgs: Record<string, string> = {};
const clients: Record<string, TestClient> = {};
const BASE = '/admin/contact-center/commune-schaerbeek';

async function signedIn(name: string): Promise<TestClient> {
  if (!clients[name]) {
    const client = t.client();
    await client.login(`${name}@demo.irisdesk.brussels`);
    clients[name] = client;
  }
  return clients[name]!;
}

async function auditActions(subjectType: string, subjectId: string) {
  const { rows } = await t.db.query<{ action: string; details: Record<string, unknown> }>(
    `SELECT action, details FROM audit_log WHERE subject_type = $1 AND subject_id = $2 ORDER BY id`,
    [subjectType, subjectId],
  );
  return rows;
}

const idFromPage = (html: string, kind: string) => new RegExp(`/admin/contact-center/commune-schaerbeek/${kind}/([0-9a-f-]{36})"`).exec(html)?.[1];

beforeAll(async () => {
  t = await createTestApp();
  const { rows } = await t.db.query<{ code: string; id: string }>(`SELECT code, id FROM organisations WHERE code IN ('commune-schaerbeek', 'commune-ixelles')`);
  for (const row of rows) orgs[row.code] = row.id;
});
afterAll(() => t?.close());

describe('who may set up what', () => {
  it('shows managers their own organisation (menu, redirect) and refuses another organisation’s with 403, audited', async () => {
    const manager = await signedIn('manager');
    const home = await manager.get('/fr/back-office');
    expect(home.body).toContain('href="/fr/admin/contact-center"');
    const index = await manager.get('/fr/admin/contact-center');
    expect(index.statusCode).toBe(303);
    expect(index.headers.location).toBe(`/fr${BASE}`);
    for (const [lang, heading] of [
      ['fr', 'Adresses de réception'],
      ['nl', 'Ontvangstadressen'],
      ['en', 'Inbound addresses'],
    ] as const) {
      const page = await manager.get(`/${lang}${BASE}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(heading);
    }
    const other = await (await signedIn('manager.ixelles')).get(`/en${BASE}`);
    expect(other.statusCode).toBe(403);
    const { rows } = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'denied' AND subject_type = 'cc_settings' AND organisation_id = $1`, [
      orgs['commune-schaerbeek'],
    ]);
    expect(rows.length).toBe(1);
    expect((await (await signedIn('agent')).get(`/en${BASE}`)).statusCode).toBe(403);
    expect((await manager.get('/en/admin/contact-center/no-such-organisation')).statusCode).toBe(404);
  });

  it('lets platform administrators choose any organisation', async () => {
    const admin = await signedIn('admin');
    const index = await admin.get('/en/admin/contact-center');
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain(`href="/en${BASE}"`);
    expect(index.body).toContain('href="/en/admin/contact-center/commune-ixelles"');
    expect((await admin.get('/en/admin/contact-center/commune-ixelles')).statusCode).toBe(200);
  });
});

describe('inbound mailboxes', () => {
  it('adds, edits (409 on a stale version), switches off and deletes a mailbox, each change audited', async () => {
    const manager = await signedIn('manager');
    const newPage = `/en${BASE}/mailboxes/new`;
    const { rows: units } = await t.db.query<{ id: string; organisation_id: string }>(
      `SELECT u.id, u.organisation_id FROM units u JOIN organisations o ON o.id = u.organisation_id WHERE u.code = 'population'`,
    );
    const ownUnit = units.find((u) => u.organisation_id === orgs['commune-schaerbeek'])!.id;

    const bad = await manager.submitForm(newPage, `/fr${BASE}/mailboxes`, { address: 'not an address', unitId: '', active: 'true' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Adresse e-mail : saisissez une adresse e-mail valable');
    expect(bad.body).toContain('href="#field-address"');

    const created = await manager.submitForm(newPage, `/en${BASE}/mailboxes`, { address: ' Info@Schaerbeek.Test ', unitId: ownUnit, active: 'true' });
    expect(created.statusCode, created.body).toBe(303);
    expect(created.headers.location).toBe(`/en${BASE}?notice=mailboxAdded`);
    expect(await mailboxByAddress(t.db, 'info@schaerbeek.test')).toEqual({
      address: 'info@schaerbeek.test',
      organisationId: orgs['commune-schaerbeek'],
      unitId: ownUnit,
      verified: false,
    });
    const overview = await manager.get(`/en${BASE}?notice=mailboxAdded`);
    expect(overview.body).toContain('The inbound address has been added.');
    const id = idFromPage(overview.body, 'mailboxes')!;
    expect(id).toBeTruthy();

    // The same address again, by another organisation: a 409 on the field, in Dutch.
    const ixelles = await signedIn('manager.ixelles');
    const taken = await ixelles.submitForm('/nl/admin/contact-center/commune-ixelles/mailboxes/new', '/nl/admin/contact-center/commune-ixelles/mailboxes', {
      address: 'info@schaerbeek.test',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('E-mailadres: dit adres is al in gebruik.');
    // Another organisation's unit is refused; another organisation's mailbox is not found under one's own.
    const foreignUnit = units.find((u) => u.organisation_id !== orgs['commune-schaerbeek'])!.id;
    expect((await manager.submitForm(newPage, `/en${BASE}/mailboxes`, { address: 'other@schaerbeek.test', unitId: foreignUnit })).statusCode).toBe(400);
    expect((await ixelles.get(`/en/admin/contact-center/commune-ixelles/mailboxes/${id}`)).statusCode).toBe(404);
    expect((await ixelles.submitForm('/en/admin/contact-center/commune-ixelles', `/en${BASE}/mailboxes/${id}/delete`, { version: '1' })).statusCode).toBe(403);

    // Two managers edit at once: the second one's save is refused with a form error.
    const editPage = `/en${BASE}/mailboxes/${id}`;
    const admin = await signedIn('admin');
    expect((await admin.submitForm(editPage, editPage, { version: '1', address: 'info@schaerbeek.test', unitId: '', active: 'true' })).statusCode).toBe(303);
    const stale = await manager.submitForm(editPage, editPage, { version: '1', address: 'info@schaerbeek.test', unitId: ownUnit });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed these settings while you were editing them.');
    // Switched off: the address refuses mail (the inbound listener no longer finds it).
    const off = await manager.submitForm(editPage, editPage, { version: '2', address: 'info@schaerbeek.test', unitId: '' });
    expect(off.statusCode).toBe(303);
    expect(await mailboxByAddress(t.db, 'info@schaerbeek.test')).toBeUndefined();
    expect((await manager.get(`/en${BASE}`)).body).toMatch(
      /info@schaerbeek\.test<\/code><\/th><td class="utrecht-table__cell">The whole organisation<\/td><td class="utrecht-table__cell">Off/,
    );

    expect((await manager.submitForm(editPage, `${editPage}/delete`, { version: '2' })).statusCode).toBe(409);
    const deleted = await manager.submitForm(editPage, `${editPage}/delete`, { version: '3' });
    expect(deleted.statusCode).toBe(303);
    expect((await manager.get(editPage)).statusCode).toBe(404);
    expect((await auditActions('cc_mailbox', id)).map((r) => r.action)).toEqual(['create', 'update', 'update', 'delete']);
    expect((await auditActions('cc_mailbox', id))[2]!.details).toEqual({ fields: ['active'] });
  });
});

describe('mailbox addresses are proven (issue 13, decision 0026)', () => {
  const confirmationMails = async (address: string) =>
    (
      await t.db.query<{ text_body: string; subject: string }>(
        `SELECT text_body, subject FROM mail_messages WHERE $1 = ANY(to_addresses) AND purpose = 'cc.mailbox.confirmation' ORDER BY created_at`,
        [address],
      )
    ).rows;

  it('refuses another organisation’s address in any case, and keeps a new address waiting for confirmation with a resend action', async () => {
    // Ixelles's manager registers an address; Schaerbeek's manager cannot take it, whatever its case.
    const ixelles = await signedIn('manager.ixelles');
    const own = await ixelles.submitForm('/fr/admin/contact-center/commune-ixelles/mailboxes/new', '/fr/admin/contact-center/commune-ixelles/mailboxes', {
      address: 'population@ixelles.test',
      active: 'true',
    });
    expect(own.statusCode).toBe(303);
    const manager = await signedIn('manager');
    const taken = await manager.request('POST', '/api/v1/contact-center/settings/commune-schaerbeek/mailboxes', {
      json: { address: 'Population@IXELLES.test' },
      headers: { 'accept-language': 'fr' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields).toEqual([{ field: 'address', code: 'ccSettings.error.addressTaken', message: expect.stringContaining('déjà utilisée') }]);

    // The new address waits; its mail says who asks for it, in the three languages, with the link.
    const [mail] = await confirmationMails('population@ixelles.test');
    expect(mail!.subject).toContain('Ixelles');
    expect(mail!.text_body).toMatch(/\/fr\/contact-center\/mailbox-confirmation\/[A-Za-z0-9_-]{20,}/);
    for (const text of [
      'souhaite que les e-mails envoyés à population@ixelles.test',
      'wil dat e-mails naar population@ixelles.test',
      'would like e-mails sent to population@ixelles.test',
    ]) {
      expect(mail!.text_body).toContain(text);
    }
    const overview = await ixelles.get('/nl/admin/contact-center/commune-ixelles');
    expect(overview.body).toContain('Wacht op bevestiging');
    expect(overview.body).toContain('Bevestigingsmail opnieuw versturen');
    const id = /\/admin\/contact-center\/commune-ixelles\/mailboxes\/([0-9a-f-]{36})"/.exec(overview.body)![1]!;

    // Sending again at once is refused (a minute between two mails), later it gives a new link.
    const tooSoon = await ixelles.submitForm('/en/admin/contact-center/commune-ixelles', `/en/admin/contact-center/commune-ixelles/mailboxes/${id}/resend`, {});
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.body).toContain('A confirmation e-mail has just been sent. Wait 60 seconds');
    await t.db.query(`UPDATE cc_mailboxes SET confirmation_sent_at = now() - interval '2 minutes' WHERE id = $1`, [id]);
    const resent = await ixelles.submitForm('/en/admin/contact-center/commune-ixelles', `/en/admin/contact-center/commune-ixelles/mailboxes/${id}/resend`, {});
    expect(resent.statusCode).toBe(303);
    expect(resent.headers.location).toBe('/en/admin/contact-center/commune-ixelles?notice=confirmationResent');
    const mails = await confirmationMails('population@ixelles.test');
    expect(mails).toHaveLength(2);
    const link = (text: string) => /\/(?:fr|nl|en)\/contact-center\/mailbox-confirmation\/[A-Za-z0-9_-]+/.exec(text)![0];
    // The first link no longer works; the new one does, after the button (not on opening).
    const visitor = t.client();
    expect((await visitor.get(link(mails[0]!.text_body))).statusCode).toBe(404);
    const page = await visitor.get(link(mails[1]!.text_body));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('population@ixelles.test');
    expect(await mailboxByAddress(t.db, 'population@ixelles.test')).toMatchObject({ verified: false });
    expect((await visitor.submitForm(link(mails[1]!.text_body), link(mails[1]!.text_body), {})).statusCode).toBe(303);
    expect(await mailboxByAddress(t.db, 'population@ixelles.test')).toMatchObject({ verified: true });
    expect((await auditActions('cc_mailbox', id)).map((r) => r.details)).toEqual([
      { active: true, unit: false, confirmationSent: true },
      { confirmationSent: true },
      { verifiedBy: 'confirmation' },
    ]);
    // Once verified there is nothing to resend; a changed address waits again.
    expect((await ixelles.get(`/en/admin/contact-center/commune-ixelles/mailboxes/${id}`)).body).toContain('Address confirmed by its recipient');
    const moved = await ixelles.submitForm(
      `/en/admin/contact-center/commune-ixelles/mailboxes/${id}`,
      `/en/admin/contact-center/commune-ixelles/mailboxes/${id}`,
      { version: '1', address: 'etat-civil@ixelles.test', active: 'true' },
    );
    expect(moved.statusCode).toBe(303);
    expect(await mailboxByAddress(t.db, 'etat-civil@ixelles.test')).toMatchObject({ verified: false });
    expect(await confirmationMails('etat-civil@ixelles.test')).toHaveLength(1);
  });

  it('lets platform administrators approve an address without confirmation, and nobody else', async () => {
    const manager = await signedIn('manager');
    const api = '/api/v1/contact-center/settings/commune-schaerbeek';
    const created = await manager.request('POST', `${api}/mailboxes`, { json: { address: 'forwarded@schaerbeek.test' } });
    const { id } = created.json() as { id: string };
    expect((await manager.get(`/en${BASE}/mailboxes/${id}`)).body).not.toContain('Approve the address without confirmation');
    const refused = await manager.request('POST', `${api}/mailboxes/${id}/approval`, { json: {} });
    expect(refused.statusCode).toBe(403);
    expect((await auditActions('cc_mailbox', id)).map((r) => r.action)).toEqual(['create', 'denied']);

    const admin = await signedIn('admin');
    const page = `/en${BASE}/mailboxes/${id}`;
    expect((await admin.get(page)).body).toContain('Approve the address without confirmation');
    const approved = await admin.submitForm(page, `${page}/approve`, {});
    expect(approved.statusCode).toBe(303);
    expect(approved.headers.location).toBe(`/en${BASE}?notice=mailboxApproved`);
    expect(await mailboxByAddress(t.db, 'forwarded@schaerbeek.test')).toMatchObject({ verified: true });
    expect((await manager.request('GET', `${api}/mailboxes`)).json().mailboxes).toContainEqual(
      expect.objectContaining({ id, verified: true, verifiedBy: 'administrator' }),
    );
    expect((await admin.request('POST', `${api}/mailboxes/${id}/approval`, { json: {} })).statusCode).toBe(409);
    expect((await manager.request('POST', `${api}/mailboxes/${id}/confirmation`, { json: {} })).statusCode).toBe(409);
  });
});

describe('SLA targets', () => {
  it('adds a target the intake then uses, with field errors in each language, duplicates and stale edits refused', async () => {
    const manager = await signedIn('manager');
    const newPage = `/en${BASE}/sla/new`;
    const target = { channel: 'email', serviceCode: 'eid-card', firstResponseMinutes: '120', resolutionMinutes: '960', warningPercent: '75' };

    const backwards = await manager.submitForm(newPage, `/en${BASE}/sla`, { ...target, resolutionMinutes: '60' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('Resolution time (business minutes): the resolution time cannot be shorter than the first response time.');
    const notNumbers = await manager.submitForm(newPage, `/nl${BASE}/sla`, { ...target, firstResponseMinutes: 'soon', warningPercent: '100' });
    expect(notNumbers.statusCode).toBe(400);
    expect(notNumbers.body).toContain('Termijn voor het eerste antwoord (werkminuten)');
    expect(notNumbers.body).toContain('href="#field-warningPercent"');
    const unknown = await manager.submitForm(newPage, `/fr${BASE}/sla`, { ...target, serviceCode: 'no-such-service' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Service du catalogue : ce service n’existe pas dans le catalogue.');

    const created = await manager.submitForm(newPage, `/en${BASE}/sla`, target);
    expect(created.statusCode, created.body).toBe(303);
    expect(await slaTargetFor(t.db, orgs['commune-schaerbeek']!, 'email', 'eid-card')).toEqual({
      firstResponseMinutes: 120,
      resolutionMinutes: 960,
      warningPercent: 75,
    });
    expect((await slaTargetFor(t.db, orgs['commune-schaerbeek']!, 'web', 'eid-card')).firstResponseMinutes).toBe(480); // the default still
    const duplicate = await manager.submitForm(newPage, `/en${BASE}/sla`, target);
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.body).toContain('a target already exists for this channel and service');

    const overview = await manager.get(`/en${BASE}`);
    expect(overview.body).toContain('2 h');
    expect(overview.body).toContain('16 h');
    const id = idFromPage(overview.body, 'sla')!;
    const editPage = `/en${BASE}/sla/${id}`;
    expect((await manager.submitForm(editPage, editPage, { ...target, version: '1', firstResponseMinutes: '90' })).statusCode).toBe(303);
    const stale = await manager.submitForm(editPage, editPage, { ...target, version: '1', firstResponseMinutes: '30' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed these settings');
    expect((await slaTargetFor(t.db, orgs['commune-schaerbeek']!, 'email', 'eid-card')).firstResponseMinutes).toBe(90);
    expect((await (await signedIn('manager.ixelles')).get(`/en/admin/contact-center/commune-ixelles/sla/${id}`)).statusCode).toBe(404);
    expect((await manager.submitForm(editPage, `${editPage}/delete`, { version: '2' })).statusCode).toBe(303);
    expect((await slaTargetFor(t.db, orgs['commune-schaerbeek']!, 'email', 'eid-card')).firstResponseMinutes).toBe(480);
    expect((await auditActions('cc_sla_target', id)).map((r) => [r.action, r.details])).toEqual([
      ['create', { channel: 'email', serviceCode: 'eid-card' }],
      ['update', { fields: ['firstResponseMinutes'] }],
      ['delete', { channel: 'email', serviceCode: 'eid-card' }],
    ]);
  });
});

describe('business calendar', () => {
  it('validates opening hours, previews the next open periods without saving, saves, refuses a stale save and resets', async () => {
    const manager = await signedIn('manager');
    const page = `/en${BASE}/calendar`;
    const first = await manager.get(page);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Your organisation uses the default hours');
    expect(first.body).toContain('Mo-Fr 09:00-17:00; PH off');
    expect(first.body).toContain('Next business periods, Brussels time');

    const broken = await manager.submitForm(page, `/fr${BASE}/calendar`, {
      version: '',
      openingHours: 'nonsense hours',
      holidayCalendar: 'brussels',
      intent: 'save',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain('href="#field-openingHours"');
    expect(broken.body).toContain('cette notation n’est pas valable');
    const never = await manager.submitForm(page, `/en${BASE}/calendar`, { version: '', openingHours: 'off', holidayCalendar: 'brussels', intent: 'preview' });
    expect(never.statusCode).toBe(400);
    expect(never.body).toContain('these hours have no business period in the next 60 days');

    const preview = await manager.submitForm(page, `/nl${BASE}/calendar`, {
      version: '',
      openingHours: 'Mo-Sa 08:00-20:00; PH off',
      holidayCalendar: 'brussels',
      intent: 'preview',
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Voorbeeld van de ingevulde uren');
    expect(preview.body).toContain('20:00');
    expect((await t.db.query('SELECT 1 FROM cc_business_calendars WHERE organisation_id = $1', [orgs['commune-schaerbeek']])).rows).toEqual([]);

    const saved = await manager.submitForm(page, `/en${BASE}/calendar`, {
      version: '',
      openingHours: 'Mo-Sa 08:00-20:00; PH off',
      holidayCalendar: 'brussels',
      intent: 'save',
    });
    expect(saved.statusCode, saved.body).toBe(303);
    expect((await openingScheduleFor(t.db, orgs['commune-schaerbeek']!)).value).toBe('Mo-Sa 08:00-20:00; PH off');
    // A second manager who opened the page before the calendar existed: 409, nothing overwritten.
    const stale = await manager.request('POST', `/en${BASE}/calendar`, {
      form: {
        _csrf: /name="_csrf" value="([^"]+)"/.exec(first.body)![1]!,
        version: '',
        openingHours: 'Mo-Fr 10:00-12:00',
        holidayCalendar: 'be',
        intent: 'save',
      },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed these settings');
    expect((await openingScheduleFor(t.db, orgs['commune-schaerbeek']!)).value).toBe('Mo-Sa 08:00-20:00; PH off');

    const reset = await manager.submitForm(page, `${page}/reset`, { version: '1' });
    expect(reset.statusCode).toBe(303);
    expect((await openingScheduleFor(t.db, orgs['commune-schaerbeek']!)).value).toBe('Mo-Fr 09:00-17:00; PH off');
    expect((await auditActions('cc_business_calendar', orgs['commune-schaerbeek']!)).map((r) => r.action)).toEqual(['create', 'delete']);
  });
});

describe('automatic reply outside business hours (issue 17)', () => {
  it('is switched on per channel by managers, and answers a web request once when closed, never when open', async () => {
    const manager = await signedIn('manager');
    const page = `/fr${BASE}/out-of-hours`;
    for (const [lang, title] of [
      ['fr', 'Réponse automatique en dehors des heures ouvrables'],
      ['nl', 'Automatisch antwoord buiten de kantooruren'],
      ['en', 'Automatic reply outside business hours'],
    ] as const) {
      const shown = await manager.get(`/${lang}${BASE}/out-of-hours`);
      expect(shown.statusCode).toBe(200);
      expect(shown.body).toContain(title);
    }
    const tooLong = await manager.submitForm(page, page, { version: '', channels: 'web', textFr: 'x'.repeat(1001) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('href="#field-textFr"');
    const saved = await manager.submitForm(page, page, { version: '', channels: 'web', textFr: 'En cas d’urgence : 02 244 75 11.' });
    expect(saved.statusCode, saved.body).toBe(303);
    expect(saved.headers.location).toBe(`/fr${BASE}?notice=outOfHoursSaved`);
    expect((await manager.submitForm(page, page, { version: '', channels: 'web' })).statusCode).toBe(409);
    expect((await manager.get(`/en${BASE}`)).body).toContain('On for the contact form.');
    expect((await auditActions('cc_out_of_hours', orgs['commune-schaerbeek']!)).map((r) => r.action)).toEqual(['create']);

    // A web request for Schaerbeek (a commune's service, its postal code), first while open.
    const ask = async (email: string) => {
      const response = await t.client().submitForm('/fr/contact?service=eid-card', '/fr/contact', {
        serviceCode: 'eid-card',
        postalCode: '1030',
        name: 'Nadia Nuit',
        email,
        message: 'Ma carte d’identité est perdue',
      });
      expect(response.statusCode, response.body).toBe(303);
      return (
        await t.db.query<{ subject: string; text_body: string; purpose: string }>(
          `SELECT subject, text_body, purpose FROM mail_messages WHERE $1 = ANY(to_addresses) ORDER BY purpose`,
          [email],
        )
      ).rows;
    };
    const calendar = `/en${BASE}/calendar`;
    expect((await manager.submitForm(calendar, calendar, { version: '', openingHours: 'Mo-Su 00:00-24:00', holidayCalendar: 'be' })).statusCode).toBe(303);
    expect((await ask('nadia.jour@example.be')).map((m) => m.purpose)).toEqual(['contact.receipt']);

    // Closed now: open one hour a week, two days from now; a first answer within 30 business minutes.
    const day = brusselsDate(new Date(startOfBrusselsDay(brusselsDate(new Date())).getTime() + 2 * 86_400_000 + 12 * 3_600_000));
    const weekday = ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'][new Date(`${day}T12:00:00Z`).getUTCDay()];
    expect((await manager.submitForm(calendar, calendar, { version: '1', openingHours: `${weekday} 10:00-11:00`, holidayCalendar: 'be' })).statusCode).toBe(
      303,
    );
    const target = { channel: 'web', serviceCode: 'eid-card', firstResponseMinutes: '30', resolutionMinutes: '60', warningPercent: '80' };
    expect((await manager.submitForm(`/en${BASE}/sla/new`, `/en${BASE}/sla`, target)).statusCode).toBe(303);
    const mails = await ask('nadia.nuit@example.be');
    expect(mails.map((m) => m.purpose)).toEqual(['contact.out_of_hours', 'contact.receipt']);
    const reference = /BXL-[0-9A-Z-]+/.exec(mails[1]!.subject)![0];
    expect(mails[0]!.subject).toBe(`Votre demande ${reference} : nos bureaux sont fermés`);
    const expected = new Date(startOfBrusselsDay(day).getTime() + (10 * 60 + 30) * 60_000);
    expect(mails[0]!.text_body).toContain(`Vous recevrez une réponse au plus tard le ${expectedTimeInWords(expected, 'fr')}.`);
    expect(mails[0]!.text_body).toMatch(/(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d+ \S+ \d{4} à 10:30/);
    expect(mails[0]!.text_body).toContain('En cas d’urgence : 02 244 75 11.');
    const request = await t.db.query<{ id: string }>(`SELECT id FROM cc_requests WHERE reference = $1`, [reference]);
    expect((await t.db.query(`SELECT 1 FROM cc_out_of_hours_replies WHERE request_id = $1`, [request.rows[0]!.id])).rows).toHaveLength(1);
    expect((await manager.submitForm(calendar, `${calendar}/reset`, { version: '2' })).statusCode).toBe(303); // the default again, as the API test expects
  });
});

// The work instructions and news of src/announcements share this file's app (CI time, issue 17 item 7).
describe('work instructions and news for agents (issue 17)', () => {
  it('lets a manager publish to the organisation or a unit, agents read and confirm, and the manager see who confirmed', async () => {
    const manager = await signedIn('manager');
    const agent = await signedIn('agent');
    const unitOf = async (email: string) =>
      (
        await t.db.query<{ unit_id: string }>(
          `SELECT au.unit_id FROM account_units au JOIN accounts a ON a.id = au.account_id WHERE lower(a.email) = $1 ORDER BY au.unit_id LIMIT 1`,
          [email],
        )
      ).rows[0]?.unit_id;
    const agentUnit = await unitOf('agent@demo.irisdesk.brussels');
    const { rows: others } = await t.db.query<{ id: string }>(
      `SELECT id FROM units WHERE organisation_id = $1 AND id NOT IN (SELECT unit_id FROM account_units au JOIN accounts a ON a.id = au.account_id WHERE lower(a.email) = 'agent@demo.irisdesk.brussels') LIMIT 1`,
      [orgs['commune-schaerbeek']],
    );

    const empty = await manager.submitForm('/nl/announcements', '/nl/announcements', { kind: 'instruction', title: '', body: 'Tekst' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#field-title"');
    expect(empty.body).toContain('Titel');
    const important = {
      kind: 'instruction',
      title: 'Nouvelle procédure pour les cartes perdues',
      body: 'Vérifiez la déclaration de police.',
      important: 'true',
    };
    expect((await manager.submitForm('/fr/announcements', '/fr/announcements', important)).headers.location).toBe('/fr/announcements?notice=published');
    if (others[0]) {
      const hidden = { kind: 'news', title: 'Fête du service état civil', body: 'Vendredi à 16 h.', unitId: others[0].id };
      expect((await manager.submitForm('/fr/announcements', '/fr/announcements', hidden)).statusCode).toBe(303);
    }
    if (agentUnit) {
      const forUnit = { kind: 'news', title: 'Nouveaux horaires du guichet', body: 'Dès lundi.', unitId: agentUnit };
      expect((await manager.submitForm('/fr/announcements', '/fr/announcements', forUnit)).statusCode).toBe(303);
    }
    const id = (await t.db.query<{ id: string }>(`SELECT id FROM announcements WHERE title = $1`, [important.title])).rows[0]!.id;
    expect((await auditActions('announcement', id)).map((r) => r.action)).toEqual(['create']);

    const page = await agent.get('/en/announcements');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(important.title);
    expect(page.body).toContain('>New<');
    expect(page.body).toContain('I have read this');
    expect(page.body).not.toContain('Fête du service état civil');
    if (agentUnit) expect(page.body).toContain('Nouveaux horaires du guichet');
    expect(page.body).not.toContain('Publish a message');
    expect((await agent.get(`/en/announcements/${id}`)).statusCode).toBe(403);
    expect((await (await signedIn('agent.ixelles')).submitForm('/en/announcements', `/en/announcements/${id}/read`, {})).statusCode).toBe(404);

    const confirmed = await agent.submitForm('/en/announcements', `/en/announcements/${id}/read`, {});
    expect(confirmed.headers.location).toBe('/en/announcements?notice=confirmed');
    expect((await agent.get('/nl/announcements?notice=confirmed')).body).toContain('Lezing bevestigd op');
    const readers = await manager.get(`/fr/announcements/${id}`);
    expect(readers.statusCode).toBe(200);
    const agentName = (await t.db.query<{ display_name: string }>(`SELECT display_name FROM accounts WHERE lower(email) = 'agent@demo.irisdesk.brussels'`))
      .rows[0]!.display_name;
    const row = new RegExp(`<th[^>]*>${agentName}</th>\\s*<td[^>]*>([^<]+)</td>`).exec(readers.body);
    expect(row?.[1]).toMatch(/\d{4}/);
    expect(readers.body).toContain('Pas encore');
    expect(readers.body).toMatch(/1 sur \d+ ont confirmé la lecture/);
  });
});

describe('the JSON API', () => {
  it('offers the same settings with the error envelope: 201/200/204, 400 fields, 409 stale, 403 another organisation', async () => {
    const manager = await signedIn('manager');
    const api = '/api/v1/contact-center/settings/commune-schaerbeek';
    expect((await t.client().request('GET', `${api}/mailboxes`)).statusCode).toBe(401);
    expect((await (await signedIn('manager.ixelles')).request('GET', `${api}/mailboxes`)).statusCode).toBe(403);

    const created = await manager.request('POST', `${api}/mailboxes`, { json: { address: 'api@schaerbeek.test' } });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json() as { id: string };
    expect((await manager.request('GET', `${api}/mailboxes`)).json().mailboxes).toContainEqual({
      id,
      address: 'api@schaerbeek.test',
      unitId: null,
      active: true,
      version: 1,
      verified: false,
      verifiedBy: null,
      confirmationSentAt: expect.any(String),
    });
    const changed = await manager.request('PUT', `${api}/mailboxes/${id}`, { json: { version: 1, address: 'api@schaerbeek.test', active: false } });
    expect(changed.json()).toEqual({ id, version: 2 });
    const stale = await manager.request('PUT', `${api}/mailboxes/${id}`, {
      json: { version: 1, address: 'api@schaerbeek.test' },
      headers: { 'accept-language': 'nl' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'cc_settings.stale',
      message: expect.stringContaining('Iemand anders heeft deze instellingen gewijzigd'),
    });
    expect((await manager.request('DELETE', `${api}/mailboxes/${id}?version=2`, { json: {} })).statusCode).toBe(204);

    const backwards = await manager.request('POST', `${api}/sla-targets`, {
      json: { channel: 'phone', firstResponseMinutes: 600, resolutionMinutes: 60 },
      headers: { 'accept-language': 'en' },
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields).toEqual([
      {
        field: 'resolutionMinutes',
        code: 'ccSettings.error.resolutionBeforeFirstResponse',
        message: expect.stringContaining('cannot be shorter than the first response time'),
      },
    ]);

    const calendar = (await manager.request('GET', `${api}/calendar`)).json();
    expect(calendar).toMatchObject({ isDefault: true, version: null, openingHours: 'Mo-Fr 09:00-17:00; PH off' });
    expect(calendar.nextPeriods.length).toBeGreaterThan(0);
    const saved = await manager.request('PUT', `${api}/calendar`, {
      json: { version: null, openingHours: 'Mo-Fr 07:00-19:00; PH off', holidayCalendar: 'be' },
    });
    expect(saved.json()).toMatchObject({ isDefault: false, version: 1, holidayCalendar: 'be' });
    expect((await manager.request('DELETE', `${api}/calendar?version=1`, { json: {} })).statusCode).toBe(204);
    const openapi = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(openapi.paths['/api/v1/contact-center/settings/{org}/mailboxes/{id}']!).sort()).toEqual(['delete', 'put']);
  });
});
