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
  satisfaction: {
    describe: 'satisfaction dashboards, barometer, open data and recording an answer at N contacts / answers (--contacts, --answers, --reuse)',
    run: async (args) => (await import('./satisfaction.ts')).benchSatisfaction(args),
  },
  realtime: {
    describe: 'realtime events: publish on one instance → SSE browsers on another, p50/p95 (--events, --clients; BENCH_DATABASE_URL for two processes on PostgreSQL)',
    run: async (args) => (await import('./realtime.ts')).benchRealtime(args),
  },
  orientation: {
    describe: 'orientation quality: top-1 / top-3 accuracy on the labelled user questions',
    run: async () => (await import('./orientation-eval.ts')).runOrientationEval(),
  },
};

const [name, ...rest] = process.argv.slice(2).filter((arg) => arg !== '--');
if (!name || !BENCHES[name]) {
  console.log('usage: npm run bench -- <name> [options]\n');
  for (const [key, bench] of Object.entries(BENCHES)) console.log(`  ${key.padEnd(16)} ${bench.describe}`);
  process.exit(name ? 1 : 0);
}
await BENCHES[name]!.run(rest);
process.exit(0);
