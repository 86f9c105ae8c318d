// Starts IrisDesk: validate settings, open the database (PGlite in DATA_DIR, or DATABASE_URL), migrate,
// load reference and demo data, serve HTTP. Stops gracefully on SIGTERM (drain, then finish what is in flight) and
// on SIGINT (the same without the drain).
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
import { serveBackupRequests } from './platform/db/embedded-backup.ts';

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
  const { app, services, draining } = await createApp({ config, db });
  await app.listen({ port: config.port, host: config.host });
  const inboundSmtp = await startInboundSmtpFromConfig(config, db, services.contactCenter.receiveMail, app.log);
  // npm run backup on the embedded database asks this process for the copy (SIGUSR2; decision 0035).
  const backups = db.engine === 'pglite' && !config.dataDir.startsWith('memory://') ? await serveBackupRequests(db, config.dataDir, app.log) : undefined;
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
    process.stdout.write(
      `\nIrisDesk is ready: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}\n` +
        `Demo accounts (password "${DEMO_PASSWORD}"):\n${list}\n\n`,
    );
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
        // Running jobs may use the whole stop; jobs still running then go back to the queue for another instance.
        stopTimeoutMs: config.shutdownDrainMs + config.shutdownGraceMs,
      })
    : undefined;

  const housekeeping = setInterval(() => {
    services.identity.purgeExpired().catch((error: unknown) => app.log.warn({ err: error }, 'housekeeping failed'));
    Promise.all([
      purgeFinishedJobs(db, 7, 90),
      services.mail.purgeExpired(),
      services.sms.purgeExpired(),
      services.realtime.purgeExpired(),
      services.contactCenter.purgeExpired(),
      services.safety.purgeExpired(),
      services.integrations.purgeExpired(),
    ]).catch((error: unknown) =>
      app.log.warn({ err: error }, 'housekeeping of jobs, mail, text messages, realtime events, requests or incident reports failed'),
    );
  }, 10 * 60_000);
  housekeeping.unref();
  // Live chats whose user has gone, and idle conversations, end within a minute (decision 0062); every instance
  // runs it, the rows are shared out with SKIP LOCKED.
  const chatExpiry = setInterval(() => {
    services.chat.expire().catch((error: unknown) => app.log.warn({ err: error }, 'chat expiry failed'));
  }, 60_000);
  chatExpiry.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // SIGTERM comes from an orchestrator or a rolling restart: drain first. SIGINT is someone at a terminal.
    const drainMs = signal === 'SIGTERM' ? config.shutdownDrainMs : 0;
    app.log.info({ signal, drainMs, graceMs: config.shutdownGraceMs }, 'stopping');
    draining.drain(); // /readyz 503 from now on; answers close their connections
    clearInterval(housekeeping);
    clearInterval(chatExpiry);
    const jobsStopped = worker?.stop(); // claims nothing more; running jobs finish (within drain + grace)
    await new Promise((resolve) => setTimeout(resolve, drainMs));
    // Stop listening, end event streams with a retry hint (preClose hook), then wait for requests in flight;
    // past the grace period, cut the connections still open.
    const cut = setTimeout(() => {
      app.log.warn('requests still in flight after SHUTDOWN_GRACE_MS: closing their connections');
      app.server.closeAllConnections();
    }, config.shutdownGraceMs);
    await Promise.all([app.close(), jobsStopped, inboundSmtp?.stop()]);
    await services.sms.close(); // after the jobs: a message being handed over gets its answer
    clearTimeout(cut);
    await backups?.();
    await db.close();
    app.log.info({ signal }, 'stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('IrisDesk could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
