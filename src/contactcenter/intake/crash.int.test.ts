// Killing the server in the middle of the intake loses no acknowledged request (issue 4). A real server
// process takes posts from concurrent clients and is killed with SIGKILL while posts are in flight. Then:
// - every reference it answered with 201 is stored whole: the request, its first message, its contact row,
//   its two SLA jobs, its receipt and its idempotency key;
// - no request is stored in part;
// - a restarted server, sent the unanswered posts again with their Idempotency-Keys, makes exactly one
//   request per key.
import { afterAll, describe, expect, it } from 'vitest';
import { openServerDatabase, startServer, type TestServer } from '../../../test/server-process.ts';
import { storedIntakes } from '../../../test/intake-records.ts';

let server: TestServer | undefined;
afterAll(async () => {
  await server?.stop();
});

interface Post {
  key: string;
  body: { name: string; email: string; message: string; language: string };
}

async function send(url: string, post: Post): Promise<{ status: number; reference?: string; replayed: boolean }> {
  const response = await fetch(`${url}/api/v1/contact-requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': post.key },
    body: JSON.stringify(post.body),
    signal: AbortSignal.timeout(20_000),
  });
  const body = (await response.json()) as { reference?: string };
  return { status: response.status, reference: body.reference, replayed: response.headers.get('idempotent-replayed') === 'true' };
}

describe('a server killed during the intake', () => {
  it('keeps every acknowledged request whole, none in part, and the replays make one request per key', { timeout: 300_000 }, async () => {
    server = await startServer();
    const run = Date.now().toString(36);
    const posts: Post[] = Array.from({ length: 300 }, (_, n) => ({
      key: `crash-${run}-${n}`,
      body: { name: 'Crash Test', email: `crash.${run}.${n}@example.be`, message: `Question ${n} avant la panne`, language: ['fr', 'nl', 'en'][n % 3]! },
    }));

    // 12 clients post in turn; once 60 answers are in, the server is killed under the others' posts.
    const acknowledged = new Map<string, string>();
    let next = 0;
    let killed: Promise<void> | undefined;
    const client = async () => {
      while (next < posts.length) {
        const post = posts[next++]!;
        try {
          const answer = await send(server!.url, post);
          if (answer.status === 201 && answer.reference) acknowledged.set(post.key, answer.reference);
        } catch {
          // refused, reset or cut: not acknowledged
        }
        if (acknowledged.size >= 60) killed ??= server!.kill();
      }
    };
    await Promise.all(Array.from({ length: 12 }, client));
    await killed;
    expect(acknowledged.size).toBeGreaterThanOrEqual(60);
    expect(acknowledged.size).toBeLessThan(posts.length);

    const db = await openServerDatabase(server.database);
    try {
      const rows = await storedIntakes(db, `crash.${run}.%`);
      const stored = new Map(rows.map((row) => [row.key, row]));
      // Everything acknowledged is there, with the reference the client was given.
      for (const [key, reference] of acknowledged) expect(stored.get(key)?.reference, key).toBe(reference);
      // Nothing is there in part (including requests committed just before the kill, never answered).
      for (const row of rows)
        expect({ ...row, key: row.key !== null }).toEqual({ key: true, reference: row.reference, messages: 1, contacts: 1, jobs: 2, receipts: 1 });
    } finally {
      await db.close();
    }

    // A new server on the same database: the clients send again what was not answered, and a few answered ones.
    server = await startServer({ database: server.database });
    const again = [...posts.filter((post) => !acknowledged.has(post.key)), ...posts.filter((post) => acknowledged.has(post.key)).slice(0, 5)];
    for (const post of again) {
      const answer = await send(server.url, post);
      expect(answer.status, post.key).toBe(201);
      if (acknowledged.has(post.key)) expect(answer).toMatchObject({ reference: acknowledged.get(post.key), replayed: true });
    }
    // Stopped the hard way again (PGlite's folder has one owner at a time), then counted.
    await server.kill();
    const after = await openServerDatabase(server.database);
    try {
      const { rows } = await after.query<{ requests: number; keys: number }>(
        `SELECT (SELECT count(*)::int FROM cc_requests r JOIN cc_parties p ON p.id = r.party_id WHERE p.email LIKE $1) AS requests,
                (SELECT count(DISTINCT reference)::int FROM cc_idempotency_keys WHERE key LIKE $2) AS keys`,
        [`crash.${run}.%`, `crash-${run}-%`],
      );
      expect(rows[0]).toEqual({ requests: posts.length, keys: posts.length });
    } finally {
      await after.close();
    }
  });
});
