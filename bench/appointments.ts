// Appointments: `npm run bench -- appointments [--racers 200] [--bookings 300] [--clients 10]`
// Targets (issue 5): 200 concurrent bookings of one slot → exactly one 201 and 199 clean 409s with
// alternatives, no error; booking p95 under 50 ms otherwise.
// Real HTTP over loopback (the server listens on a free port), the demo seed's settings. PGlite in memory by
// default; BENCH_DATABASE_URL=postgres://… uses the PostgreSQL server (database irisdesk_bench_appointments,
// recreated each run, pool of 10 connections).
import { performance } from 'node:perf_hooks';
import { migrate } from '../src/platform/db/migrate.ts';
import { seed } from '../src/seed/index.ts';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/app.ts';
import { addDays, brusselsDate } from '../src/platform/calendar/brussels-time.ts';
import { openBenchDatabase, option, percentile } from './support.ts';

const DB_NAME = 'irisdesk_bench_appointments';

export async function benchAppointments(args: string[]) {
  const racers = option(args, 'racers', 200);
  const bookings = option(args, 'bookings', 300);
  const clients = option(args, 'clients', 10);
  const db = await openBenchDatabase(DB_NAME, 10);
  console.log(`engine: ${db.engine}; migrating and seeding…`);
  await migrate(db);
  await seed(db, { demo: true });
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', DATA_DIR: 'memory://', PORT: '0' });
  const { app } = await createApp({ config, db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const pointOf = async (org: string, code: string) =>
    (
      await db.query<{ id: string }>(
        'SELECT cp.id FROM contact_points cp JOIN organisations o ON o.id = cp.organisation_id WHERE o.code = $1 AND cp.code = $2',
        [org, code],
      )
    ).rows[0]!.id;
  const slotsOf = async (point: string, from: string) =>
    ((await (await fetch(`${base}/api/v1/contact-points/${point}/slots?service=eid-card&from=${from}`)).json()) as { slots: Array<{ start: string }> }).slots;
  const post = async (body: unknown) => {
    const started = performance.now();
    const response = await fetch(`${base}/api/v1/appointments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { reference?: string; alternatives?: unknown[]; error?: { code: string } };
    return { status: response.status, json, ms: performance.now() - started };
  };
  const booking = (point: string, start: string, email: string) => ({
    contactPointId: point,
    serviceCode: 'eid-card',
    start,
    name: 'Bench Person',
    email,
    language: 'fr',
  });

  // 1. The race: many people, one slot with one counter.
  const laeken = await pointOf('commune-bruxelles', 'antenne-laeken');
  const target = (await slotsOf(laeken, addDays(brusselsDate(new Date()), 7)))[0]!.start;
  const raceStarted = performance.now();
  const results = await Promise.all(Array.from({ length: racers }, (_, i) => post(booking(laeken, target, `racer${i}@bench.example`))));
  const raceMs = performance.now() - raceStarted;
  const created = results.filter((r) => r.status === 201).length;
  const clean409 = results.filter((r) => r.status === 409 && r.json.error?.code === 'appointment.slot_taken' && (r.json.alternatives?.length ?? 0) > 0).length;
  const others = results.filter((r) => r.status !== 201 && r.status !== 409);
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM appointments WHERE contact_point_id = $1 AND starts_at = $2 AND status <> 'cancelled'`,
    [laeken, target],
  );
  console.log(`\nrace: ${racers} concurrent POSTs for ${target} (capacity 1)`);
  console.log(`  201: ${created}   409 slot_taken with alternatives: ${clean409}   other: ${others.length}   rows holding the seat: ${rows[0]!.n}`);
  console.log(
    `  wall time ${raceMs.toFixed(0)} ms; per-request p50 ${percentile(
      results.map((r) => r.ms),
      50,
    ).toFixed(1)} ms, p95 ${percentile(
      results.map((r) => r.ms),
      95,
    ).toFixed(1)} ms`,
  );
  const raceOk = created === 1 && clean409 === racers - 1 && others.length === 0 && rows[0]!.n === 1;
  console.log(`  ${raceOk ? 'OK' : 'FAILED'}: expected 1 × 201, ${racers - 1} × 409, no error`);

  // 2. Ordinary bookings on free slots (Brussels town hall, 4 counters): sequential, then N clients.
  const brussels = await pointOf('commune-bruxelles', 'maison-communale');
  const free: string[] = [];
  for (let day = 2; free.length < bookings * 2 && day < 58; day += 14) {
    for (const slot of await slotsOf(brussels, addDays(brusselsDate(new Date()), day))) free.push(slot.start);
  }
  const seats = free.flatMap((start) => [start, start]); // two of the four counters per slot
  let n = 0;
  const warm = 20;
  for (let i = 0; i < warm; i++) await post(booking(brussels, seats[n++]!, `warm${i}@bench.example`));
  const sequential: number[] = [];
  const failures: number[] = [];
  const half = Math.min(Math.floor((seats.length - warm) / 2), bookings);
  for (let i = 0; i < half; i++) {
    const r = await post(booking(brussels, seats[n++]!, `seq${i}@bench.example`));
    if (r.status === 201) sequential.push(r.ms);
    else failures.push(r.status);
  }
  const parallel: number[] = [];
  const queue = seats.slice(n, n + half);
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (next < queue.length) {
        const i = next++;
        const r = await post(booking(brussels, queue[i]!, `par${c}-${i}@bench.example`));
        if (r.status === 201) parallel.push(r.ms);
        else failures.push(r.status);
      }
    }),
  );
  const line = (label: string, values: number[]) =>
    console.log(
      `  ${label}: ${values.length} bookings, p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`,
    );
  console.log(`\nbooking a free slot (POST → 201: checks, transaction, seat insert, reminder job, confirmation e-mail with .ics, audit)`);
  line('sequential', sequential);
  line(`${clients} clients`, parallel);
  if (failures.length) console.log(`  refused: ${failures.length} (${[...new Set(failures)].join(', ')})`);
  console.log(`  target p95 < 50 ms (sequential): ${percentile(sequential, 95) < 50 ? 'met' : 'not met'}`);

  await app.close();
  await db.close();
  if (!raceOk) process.exitCode = 1;
}
