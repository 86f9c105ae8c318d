// Starts IrisDesk: validate settings, open the database (PGlite in DATA_DIR, or DATABASE_URL), migrate,
// load reference and demo data, serve HTTP. Stops cleanly on SIGINT/SIGTERM.
import { mkdir } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import { seed } from './seed/index.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo.ts';
import { createApp } from './app.ts';
import { setPasswordHashCost } from './identity/passwords.ts';
import { startJobWorker } from './platform/jobs/worker.ts';
import { purgeFinishedJobs } from './platform/jobs/queue.ts';
import { startInboundSmtpFromConfig } from './contactcenter/inbound-mail/server.ts';

async function main() {
  const started = performance.now();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (!config.databaseUrl && !config.dataDir.startsWith('memory://')) await mkdir(config.dataDir, { recursive: true });
  const db = await openDatabase(config);
  const applied = await migrate(db);
  setPasswordHashCost(config.passwordHashCost); // before the demo accounts are hashed
  const seeded = await seed(db, { demo: config.seedDemo });
  const { app, services } = await createApp({ config, db });
  await app.listen({ port: config.port, host: config.host });
  const inboundSmtp = await startInboundSmtpFromConfig(config, db, services.contactCenter.receiveMail, app.log);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  app.log.info(
    {
      engine: db.engine,
      migrationsApplied: applied.length,
      organisationsCreated: seeded.organisationsCreated,
      demoAccountsCreated: seeded.accountsCreated,
      readyMs: Math.round(performance.now() - started),
    },
    `IrisDesk ready on http://${config.host}:${port}`,
  );
  if (config.seedDemo) {
    const list = DEMO_ACCOUNTS.map((account) => `    ${account.email.padEnd(42)} ${account.roles.join(', ')}`).join('\n');
    process.stdout.write(`\nIrisDesk is ready: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}\n` +
      `Demo accounts (password "${DEMO_PASSWORD}"):\n${list}\n\n`);
  }

  if (config.smtpUrl === undefined) {
    app.log.warn('SMTP_URL is not set: outgoing e-mail is captured in the database (see /{lang}/admin/mail), not sent');
  }
  // The job worker (mail delivery, timers, reminders); instances share the queue in the database.
  const worker = config.jobsWorker
    ? await startJobWorker({
        db,
        registry: services.jobs,
        pollIntervalMs: config.jobsPollIntervalMs,
        concurrency: config.jobsConcurrency,
        log: app.log,
      })
    : undefined;

  const housekeeping = setInterval(() => {
    services.identity.purgeExpired().catch((error: unknown) => app.log.warn({ err: error }, 'housekeeping failed'));
    Promise.all([
      purgeFinishedJobs(db, 7, 90),
      services.mail.purgeExpired(),
      services.realtime.purgeExpired(),
      services.contactCenter.purgeExpired(),
      services.safety.purgeExpired(),
    ]).catch(
      (error: unknown) => app.log.warn({ err: error }, 'housekeeping of jobs, mail, realtime events, requests or incident reports failed'),
    );
  }, 10 * 60_000);
  housekeeping.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    clearInterval(housekeeping);
    await worker?.stop();
    await inboundSmtp?.stop();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('IrisDesk could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
