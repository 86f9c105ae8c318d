// The console tests' shared set-up (console.int.test.ts, console-unread.int.test.ts): one IrisDesk on a real
// database (PGlite, or PostgreSQL with TEST_DATABASE_URL) per test file, the demo staff signed in, and helpers
// that make requests. The bindings are live: they hold the file's app once its beforeAll has run.
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from './app.ts';
import { createRequest } from '../src/contactcenter/requests.ts';
import type { Language } from '../src/platform/i18n/languages.ts';

export let t: TestApp;
export let schaerbeek: string;
export let ixelles: string;
export const accounts: Record<string, string> = {};
export const clients: Record<string, TestClient> = {};

export async function newRequest(
  options: { organisationId?: string; language?: Language; email?: string | null; name?: string; subject?: string; unitId?: string | null } = {},
) {
  return t.db.transaction((tx) =>
    createRequest(tx, {
      organisationId: options.organisationId ?? schaerbeek,
      unitId: options.unitId ?? null,
      channel: 'web',
      language: options.language ?? 'fr',
      subject: options.subject ?? 'Carte d’identité perdue',
      message: 'Bonjour, j’ai perdu ma carte. Que faire ?',
      party: {
        name: options.name ?? 'Sofia Janssens',
        email: options.email === undefined ? 'sofia@example.org' : options.email,
        language: options.language ?? 'fr',
      },
    }),
  );
}

export async function versionOf(id: string): Promise<number> {
  const { rows } = await t.db.query<{ version: number }>('SELECT version FROM cc_requests WHERE id = $1', [id]);
  return rows[0]!.version;
}

export async function login(key: string, email: string) {
  const client = t.client();
  await client.login(email);
  clients[key] = client;
  return client;
}

/** Starts the file's app and signs in the demo staff (agent, manager, backoffice, ixelles, editor). */
export function useConsoleApp() {
  beforeAll(async () => {
    t = await createTestApp();
    const { rows } = await t.db.query<{ code: string; id: string }>(
      `SELECT code, id FROM organisations WHERE code IN ('commune-schaerbeek', 'commune-ixelles')`,
    );
    schaerbeek = rows.find((r) => r.code === 'commune-schaerbeek')!.id;
    ixelles = rows.find((r) => r.code === 'commune-ixelles')!.id;
    const { rows: people } = await t.db.query<{ email: string; id: string }>(`SELECT email, id FROM accounts WHERE email LIKE '%@demo.irisdesk.brussels'`);
    for (const person of people) accounts[person.email.split('@')[0]!] = person.id;
    await login('agent', 'agent@demo.irisdesk.brussels');
    await login('manager', 'manager@demo.irisdesk.brussels');
    await login('backoffice', 'backoffice@demo.irisdesk.brussels');
    await login('ixelles', 'agent.ixelles@demo.irisdesk.brussels');
    await login('editor', 'editor@demo.irisdesk.brussels');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });
}
