// Benchmark dispatcher: `npm run bench -- <name>` (several names run one after the other; none lists them).
// A module adds its bench by adding one line to BENCHES: a name and a function that prints its figures.
// Figures go to docs/performance.md by hand, with the machine they were measured on.
const BENCHES: Record<string, { describe: string; run: (args: string[]) => Promise<unknown> }> = {
  startup: {
    describe: 'start-up time of the server process: first and second starts on PGlite (and PostgreSQL with BENCH_DATABASE_URL)',
    run: async (args) => (await import('./startup.ts')).benchStartup(args),
  },
  search: {
    describe: 'catalogue search at 5,000 services: in-server p50/p95, throughput vs a bare hello endpoint (50 clients)',
    run: async (args) => (await import('./catalogue.ts')).benchSearch(args),
  },
  'service-page': {
    describe: 'service page: in-server p50/p95, throughput (50 clients), weight compressed (HTML+CSS+JS)',
    run: async (args) => (await import('./catalogue.ts')).benchServicePage(args),
  },
  pages: {
    describe: 'public pages (service, home, search, contact point) under 50 clients against a bare hello endpoint in the same run (demo data)',
    run: async (args) => (await import('./pages.ts')).benchPages(args),
  },
  satisfaction: {
    describe: 'satisfaction dashboards, barometer, open data and recording an answer at N contacts / answers (--contacts, --answers, --reuse)',
    run: async (args) => (await import('./satisfaction.ts')).benchSatisfaction(args),
  },
  realtime: {
    describe:
      'realtime events: publish on one instance → SSE browsers on another, p50/p95 (--events, --clients; BENCH_DATABASE_URL for two processes on PostgreSQL)',
    run: async (args) => (await import('./realtime.ts')).benchRealtime(args),
  },
  'contact-console': {
    describe:
      'agent console: inbox p50/p95 with 100,000 open requests (--requests, --pages); with BENCH_DATABASE_URL a change on process A reaching a console SSE on process B (--changes)',
    run: async (args) => (await import('./contact-console.ts')).benchContactConsole(args),
  },
  'console-search': {
    describe:
      'console search box over 100,000 requests of one organisation: p50/p95 over HTTP per kind of query (reference, e-mail, phone, name, words) (--requests, --searches; BENCH_DATABASE_URL for PostgreSQL)',
    run: async (args) => (await import('./console-search.ts')).benchConsoleSearch(args),
  },
  'contact-intake': {
    describe: 'contact intake: POST /api/v1/contact-requests sustained requests/s and p50/p95 (--seconds, --clients; BENCH_DATABASE_URL for PostgreSQL)',
    run: async (args) => (await import('./contact-intake.ts')).benchContactIntake(args),
  },
  appointments: {
    describe:
      'appointments: N concurrent bookings of one slot (--racers 200: one 201, the rest clean 409s) and booking p50/p95 (--bookings, --clients; BENCH_DATABASE_URL for PostgreSQL)',
    run: async (args) => (await import('./appointments.ts')).benchAppointments(args),
  },
  queues: {
    describe:
      'queue tickets: call next p50/p95 (service and HTTP), wait estimate; with BENCH_DATABASE_URL a call reaching boards on another process (--waiting, --calls, --clients, --events)',
    run: async (args) => (await import('./queues.ts')).benchQueues(args),
  },
  knowledge: {
    describe:
      'knowledge-base search at N published articles: index build, in-process p50/p95 as public and staff, with a service filter (--articles, --searches)',
    run: async (args) => (await import('./knowledge.ts')).benchKnowledge(args),
  },
  chat: {
    describe:
      'live chat: user POST on instance A → agent SSE on instance B, p50/p95/p99 and the ratio to a bare endpoint, N concurrent chats (--chats 200, --messages, --interval; needs BENCH_DATABASE_URL)',
    run: async (args) => (await import('./chat.ts')).benchChat(args),
  },
  cluster: {
    describe:
      'three instances behind HAProxy vs one, same run: service page and contact intake req/s, p50/p95 (--seconds, --clients, --instances; needs BENCH_DATABASE_URL)',
    run: async (args) => (await import('./cluster.ts')).benchCluster(args),
  },
  orientation: {
    describe:
      'orientation quality on the regression, dev and test questions: top-1/top-3/MRR per language and tag, no-result precision/recall, uncached search latency (--misses: dev misses)',
    run: async (args) => (await import('./orientation-eval.ts')).runOrientationEval(args),
  },
};

const [name, ...rest] = process.argv.slice(2).filter((arg) => arg !== '--');
if (!name || !BENCHES[name]) {
  console.log('usage: npm run bench -- <name> [options]\n');
  for (const [key, bench] of Object.entries(BENCHES)) console.log(`  ${key.padEnd(16)} ${bench.describe}`);
  process.exit(name ? 1 : 0);
}
await BENCHES[name].run(rest);
process.exit(0);
