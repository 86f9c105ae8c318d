// Demo requests for the agent console (commune-schaerbeek, and one in commune-ixelles): a few open requests
// in the three languages on several channels and SLA states. Idempotent: runs once per database.
import type { Database } from '../platform/db/database.ts';
import { createRequest } from '../contactcenter/requests.ts';

const DEMO: Array<{
  org: string;
  unit: string | null;
  channel: 'web' | 'email' | 'phone' | 'counter';
  language: 'fr' | 'nl' | 'en';
  name: string;
  email: string | null;
  phone?: string;
  subject: string;
  message: string;
  sla?: 'warning' | 'breached';
  service?: string;
}> = [
  {
    org: 'commune-schaerbeek',
    unit: 'accueil',
    channel: 'web',
    language: 'fr',
    name: 'Sofia Janssens',
    email: 'demo.sofia@example.org',
    subject: 'Carte d’identité perdue',
    message: 'Bonjour, j’ai perdu ma carte d’identité. Que dois-je faire et quels documents apporter ?',
    service: 'eid-card',
  },
  {
    org: 'commune-schaerbeek',
    unit: 'population',
    channel: 'email',
    language: 'nl',
    name: 'Jan Peeters',
    email: 'demo.jan@example.org',
    subject: 'Attest van woonst',
    message: 'Goedendag, ik heb een attest van woonst nodig voor mijn werkgever. Kan dat per e-mail?',
    sla: 'warning',
  },
  {
    org: 'commune-schaerbeek',
    unit: 'accueil',
    channel: 'web',
    language: 'en',
    name: 'Maria Rossi',
    email: 'demo.maria@example.org',
    subject: 'Registering as a new resident',
    message: 'Hello, I just moved to Schaerbeek from Italy. How do I register at the commune?',
    sla: 'breached',
  },
  {
    org: 'commune-schaerbeek',
    unit: null,
    channel: 'phone',
    language: 'fr',
    name: 'Mohamed El Amrani',
    email: null,
    phone: '+32470123456',
    subject: 'Rappel demandé au sujet d’un permis',
    message: 'Appel : souhaite être rappelé au sujet de sa demande de permis d’urbanisme.',
  },
  {
    org: 'commune-ixelles',
    unit: 'accueil',
    channel: 'web',
    language: 'fr',
    name: 'Claire Dubois',
    email: 'demo.claire@example.org',
    subject: 'Changement d’adresse',
    message: 'Bonjour, je déménage à Ixelles le mois prochain. Comment signaler mon changement d’adresse ?',
  },
];

export async function seedContactConsoleDemo(db: Database): Promise<{ consoleRequestsCreated: number }> {
  const { rows } = await db.query(`SELECT 1 FROM cc_parties WHERE email = 'demo.sofia@example.org' LIMIT 1`);
  if (rows.length > 0) return { consoleRequestsCreated: 0 };
  let created = 0;
  for (const demo of DEMO) {
    await db.transaction(async (tx) => {
      const { rows: org } = await tx.query<{ id: string; unitId: string | null; service: string | null }>(
        `SELECT o.id, (SELECT u.id FROM units u WHERE u.organisation_id = o.id AND u.code = $2) AS "unitId",
                (SELECT s.code FROM services s WHERE s.code = $3) AS service
           FROM organisations o WHERE o.code = $1`,
        [demo.org, demo.unit, demo.service ?? null],
      );
      if (!org[0]) return;
      const request = await createRequest(tx, {
        organisationId: org[0].id,
        unitId: org[0].unitId,
        channel: demo.channel,
        language: demo.language,
        serviceCode: org[0].service,
        subject: demo.subject,
        message: demo.message,
        party: { name: demo.name, email: demo.email, phone: demo.phone ?? null, language: demo.language },
        sendReceipt: false,
      });
      if (demo.sla) await tx.query(`UPDATE cc_requests SET sla_state = $2 WHERE id = $1`, [request.id, demo.sla]);
      created++;
    });
  }
  return { consoleRequestsCreated: created };
}
