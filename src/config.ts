// Settings come from the environment only, are validated once at start-up, and every problem is reported
// with one clear message, so an operator fixes all of them in one go.
import { isIP } from 'node:net';
import path from 'node:path';
import { PASSWORD_HASH_COSTS, type PasswordHashCost } from './identity/passwords.ts';
import { ROLES, type Role } from './identity/actor.ts';
import { parseClamdUrl, type ClamdAddress } from './platform/files/scanner.ts';
import { developmentSecretsKey, parseSecretsKey } from './identity/secret-box.ts';

export type Environment = 'development' | 'production' | 'test';

export interface Config {
  env: Environment;
  port: number;
  host: string;
  /** PGlite data folder, used when databaseUrl is unset. `memory://` keeps the database in memory. */
  dataDir: string;
  databaseUrl: string | undefined;
  /**
   * Time limits on the PostgreSQL server (decision 0023), in milliseconds, 0 = none: a statement's run on the
   * server (statement_timeout), the wait for any answer (also when the server hangs), opening a connection.
   */
  databaseTimeouts: { statementTimeoutMs: number; queryTimeoutMs: number; connectTimeoutMs: number };
  /** Signs cookies and CSRF tokens. Random per process in development; required in production. */
  sessionSecret: string;
  /**
   * SECRETS_ENCRYPTION_KEY: encrypts TOTP seeds and OIDC client secrets at rest (AES-256-GCM, decision 0053).
   * Required in production; elsewhere derived from the database location when unset (`secretsKeyDerived`, warned).
   */
  secretsEncryptionKey: Buffer;
  secretsKeyDerived: boolean;
  /** Seed the demo organisations, units and accounts (idempotent). */
  seedDemo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Public origin used in links sent by e-mail, e.g. https://irisdesk.brussels */
  publicUrl: string;
  /** Cookies marked Secure (always in production; off by default elsewhere so http://localhost works). */
  secureCookies: boolean;
  /** Largest accepted request body in bytes. */
  bodyLimit: number;
  /** Outgoing mail server, smtp:// or smtps://; unset: mail is captured in the database (development). */
  smtpUrl: string | undefined;
  /** Sender of outgoing mail: an address, or "Name <address>". */
  mailFrom: string;
  /** Days a record of an outgoing message (recipients, subject, status) is kept. */
  mailRetentionDays: number;
  /** SMS gateway (SMPP 3.4), smpp:// or ssmpp:// with the system id and password; unset: text messages are captured (development). */
  smppUrl: string | undefined;
  /** Sender shown on text messages: up to 11 letters and digits, or a phone number in E.164. */
  smsSender: string;
  /** Days a record of a text message (number, status) is kept. */
  smsRetentionDays: number;
  /**
   * The ClamAV daemon that scans uploaded files (CLAMD_URL: tcp://host:3310 or unix:/run/clamav/clamd.ctl).
   * Unset: file uploads are off everywhere (the forms say so), so production never takes a file unscanned
   * (decision 0046).
   */
  clamd: ClamdAddress | undefined;
  /**
   * Which reverse proxies to believe about the client's address (X-Forwarded-For) and protocol: false (none:
   * the address of the connection counts), a number of proxy hops, or a list of addresses, CIDR ranges and the
   * names loopback / linklocal / uniquelocal. The per-address limits (contact form, surveys, feedback) count
   * the client's address, so behind a proxy this must be set, or every user shares the proxy's limit.
   */
  trustProxy: false | number | string[];
  /**
   * Years a closed safety incident report is kept whole, counted from its declaration; then it is anonymised
   * (free texts and accounts removed, counts kept). At least 5: the register of acts of third parties.
   */
  safetyRetentionYears: number;
  /**
   * Hosts that outgoing webhooks may reach whatever their address and scheme (WEBHOOK_ALLOWED_HOSTS): outside
   * development, other webhook URLs must be https to public addresses (decision 0036).
   */
  webhookAllowedHosts: string[];
  /** Run the job worker in this process (turn off on instances that should only serve HTTP). */
  jobsWorker: boolean;
  /** How often the job worker looks for due jobs when no NOTIFY wakes it, in milliseconds. */
  jobsPollIntervalMs: number;
  /** Jobs one worker runs at the same time. */
  jobsConcurrency: number;
  /** After SIGTERM, how long /readyz answers 503 while requests are still served, so load balancers drain the instance. */
  shutdownDrainMs: number;
  /** After draining, how long requests in flight and running jobs may take before they are cut (jobs go back to the queue). */
  shutdownGraceMs: number;
  /** Inbound e-mail (contact center): SMTP listener port; unset: no listener. */
  inboundSmtpPort: number | undefined;
  /** Address the inbound SMTP listener binds to. */
  inboundSmtpHost: string;
  /** Largest inbound e-mail accepted, in bytes (attachments included). */
  inboundSmtpMaxBytes: number;
  /** Inbound e-mails accepted per From address per 10 minutes (0: no limit); beyond, 451 (the sender retries later). */
  inboundMailSenderLimit: number;
  /** Inbound e-mails accepted per client (connecting server) address per 10 minutes (0: no limit); beyond, 451. */
  inboundMailClientLimit: number;
  /** Code of the organisation that plays the regional first line (contact requests that cannot be routed). */
  contactFirstLine: string;
  /** Public contact submissions and status look-ups per client address per 10 minutes (0: no limit). */
  contactIntakeLimit: number;
  /** Feedback invitations from the widget of service pages per client address per hour (0: no limit). */
  feedbackWidgetLimit: number;
  /** Cost of new password hashes: standard, or minimal for test suites (never in production). */
  passwordHashCost: PasswordHashCost;
  /**
   * Bearer token that /metrics requires (`Authorization: Bearer …`); unset: see metricsPort. In production
   * /metrics is served only with a token or on its own listener (decision 0027).
   */
  metricsToken: string | undefined;
  /** Port of a listener of its own serving /metrics only (then not on PORT); unset: none. */
  metricsPort: number | undefined;
  /** Address the metrics listener binds to. */
  metricsHost: string;
  /** Anyone may read the OpenAPI document (/api/openapi.json); false: signed-in staff only. */
  openapiPublic: boolean;
  /**
   * Roles that must sign in with a second factor (TOTP); they are sent to enrolment at their next sign-in.
   * Default platform_admin,regional_analyst,regional_data_protection_officer in production (an empty value is refused there: `none` says so
   * on purpose), none elsewhere so the demo quick start signs in with a password alone.
   */
  twoFactorRequiredRoles: Role[];
  /**
   * The region's citizen identity provider (FAS / itsme kind, OpenID Connect; decision 0054): CITIZEN_OIDC_ISSUER,
   * CITIZEN_OIDC_CLIENT_ID, CITIZEN_OIDC_CLIENT_SECRET, CITIZEN_OIDC_SCOPES, CITIZEN_OIDC_NAME (shown on the button).
   * Unset: citizens sign in with a link sent to their e-mail address only.
   */
  citizenOidc: { issuer: string; clientId: string; clientSecret: string; scopes: string; name: string } | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const read = (name: string) => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };

  const nodeEnv = read('NODE_ENV') ?? 'development';
  let appEnv: Environment = 'development';
  if (nodeEnv === 'development' || nodeEnv === 'production' || nodeEnv === 'test') appEnv = nodeEnv;
  else problems.push(`NODE_ENV must be one of development, production, test (got "${nodeEnv}").`);

  const integer = (name: string, fallback: number, min: number, max: number) => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
      return fallback;
    }
    return value;
  };
  const boolean = (name: string, fallback: boolean) => {
    const raw = read(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}").`);
    return fallback;
  };

  const port = integer('PORT', 3000, 0, 65535);
  const host = read('HOST') ?? '127.0.0.1';

  const databaseUrl = read('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a PostgreSQL URL such as postgres://user@127.0.0.1:5432/irisdesk.');
  }
  const statementTimeoutMs = integer('DATABASE_STATEMENT_TIMEOUT_MS', 30_000, 0, 3_600_000);
  const queryTimeoutMs = integer('DATABASE_QUERY_TIMEOUT_MS', statementTimeoutMs > 0 ? statementTimeoutMs + 5_000 : 0, 0, 3_600_000);
  if (queryTimeoutMs > 0 && queryTimeoutMs < statementTimeoutMs) {
    problems.push(
      `DATABASE_QUERY_TIMEOUT_MS must not be shorter than DATABASE_STATEMENT_TIMEOUT_MS (${statementTimeoutMs}), or the server's own limit never fires (got "${queryTimeoutMs}").`,
    );
  }
  const connectTimeoutMs = integer('DATABASE_CONNECT_TIMEOUT_MS', 5_000, 100, 120_000);
  const rawDataDir = read('DATA_DIR') ?? './data';
  const dataDir = rawDataDir.startsWith('memory://') ? rawDataDir : path.resolve(rawDataDir);

  let sessionSecret = read('SESSION_SECRET');
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    problems.push('SESSION_SECRET must be at least 32 characters long.');
  }
  if (sessionSecret === undefined) {
    if (appEnv === 'production') {
      problems.push('SESSION_SECRET is required in production (at least 32 random characters).');
    }
    // Outside production a per-process secret is fine: sessions live in the database, only signatures change.
    sessionSecret = cryptoRandom();
  }

  const secretsKeyRaw = read('SECRETS_ENCRYPTION_KEY');
  let secretsEncryptionKey = secretsKeyRaw === undefined ? undefined : parseSecretsKey(secretsKeyRaw);
  if (secretsKeyRaw !== undefined && !secretsEncryptionKey) {
    problems.push('SECRETS_ENCRYPTION_KEY must be 32 bytes, written as 64 hexadecimal characters or in base64 (e.g. openssl rand -hex 32).');
  }
  if (secretsKeyRaw === undefined && appEnv === 'production') {
    problems.push('SECRETS_ENCRYPTION_KEY is required in production: it encrypts two-step sign-in and OIDC secrets (openssl rand -hex 32).');
  }
  const secretsKeyDerived = secretsKeyRaw === undefined;
  secretsEncryptionKey ??= developmentSecretsKey(databaseUrl ?? dataDir);

  const logLevelRaw = read('LOG_LEVEL') ?? (appEnv === 'test' ? 'silent' : 'info');
  let logLevel: Config['logLevel'] = 'info';
  if ((LOG_LEVELS as readonly string[]).includes(logLevelRaw)) logLevel = logLevelRaw as Config['logLevel'];
  else problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevelRaw}").`);

  const publicUrlRaw = read('PUBLIC_URL') ?? `http://localhost:${port}`;
  let publicUrl = publicUrlRaw;
  try {
    const url = new URL(publicUrlRaw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    publicUrl = url.origin;
  } catch {
    problems.push(`PUBLIC_URL must be an http(s) origin such as https://irisdesk.brussels (got "${publicUrlRaw}").`);
  }

  const secureCookies = boolean('SECURE_COOKIES', appEnv === 'production');
  if (appEnv === 'production' && !secureCookies) {
    problems.push('SECURE_COOKIES cannot be turned off in production.');
  }
  const seedDemo = boolean('SEED_DEMO', databaseUrl === undefined && appEnv !== 'production');
  const bodyLimit = integer('BODY_LIMIT', 1024 * 1024, 1024, 50 * 1024 * 1024);

  const smtpUrl = read('SMTP_URL');
  if (smtpUrl !== undefined) {
    let valid: boolean;
    try {
      const url = new URL(smtpUrl);
      valid = (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
    } catch {
      valid = false;
    }
    if (!valid) problems.push('SMTP_URL must be a mail server URL such as smtp://user:password@mail.example.org:587 or smtps://mail.example.org:465.');
  }
  let publicHost = 'localhost';
  try {
    publicHost = new URL(publicUrl).hostname || 'localhost';
  } catch {
    // reported above
  }
  const mailFrom = read('MAIL_FROM') ?? `IrisDesk <no-reply@${publicHost}>`;
  if (!MAIL_FROM_PATTERN.test(mailFrom)) {
    problems.push(`MAIL_FROM must be an e-mail address or "Name <address>", e.g. IrisDesk <no-reply@irisdesk.brussels> (got "${mailFrom}").`);
  }
  if (appEnv === 'production' && smtpUrl !== undefined && read('MAIL_FROM') === undefined) {
    problems.push('MAIL_FROM is required in production when SMTP_URL is set.');
  }
  const mailRetentionDays = integer('MAIL_RETENTION_DAYS', 90, 1, 3650);
  const smppUrl = read('SMPP_URL');
  if (smppUrl !== undefined) {
    let valid: boolean;
    try {
      const url = new URL(smppUrl);
      valid = (url.protocol === 'smpp:' || url.protocol === 'ssmpp:') && url.hostname !== '' && url.username !== '';
    } catch {
      valid = false;
    }
    if (!valid)
      problems.push('SMPP_URL must be an SMS gateway URL with its system id, such as smpp://system_id:password@smsc.example.org:2775 or ssmpp://… for TLS.');
  }
  const smsSender = read('SMS_SENDER') ?? 'IrisDesk';
  if (!/^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$|^\+[1-9]\d{5,14}$/.test(smsSender)) {
    problems.push(`SMS_SENDER must be up to 11 letters and digits (with at least one letter), or a phone number such as +3225551234 (got "${smsSender}").`);
  }
  const smsRetentionDays = integer('SMS_RETENTION_DAYS', 90, 1, 3650);
  const clamdUrl = read('CLAMD_URL');
  const clamd = clamdUrl === undefined ? undefined : parseClamdUrl(clamdUrl);
  if (clamdUrl !== undefined && !clamd) {
    problems.push(`CLAMD_URL must be the ClamAV daemon's address, tcp://host:3310 or unix:/run/clamav/clamd.ctl (got "${clamdUrl}").`);
  }
  const safetyRetentionYears = integer('SAFETY_RETENTION_YEARS', 5, 5, 50);
  const webhookAllowedHosts = (read('WEBHOOK_ALLOWED_HOSTS') ?? '')
    .split(',')
    .map((host) => host.trim().toLowerCase())
    .filter(Boolean);
  for (const host of webhookAllowedHosts) {
    if (!/^[a-z0-9.:-]{1,253}$/.test(host) || host.includes('..')) {
      problems.push(`WEBHOOK_ALLOWED_HOSTS must be a comma-separated list of host names or IP addresses, e.g. crm.example.brussels,10.1.2.3 (got "${host}").`);
    }
  }
  const trustProxy = proxies(read('TRUST_PROXY'), problems);
  const jobsWorker = boolean('JOBS_WORKER', true);
  const jobsPollIntervalMs = integer('JOBS_POLL_INTERVAL_MS', 5000, 100, 600_000);
  const jobsConcurrency = integer('JOBS_CONCURRENCY', 4, 1, 64);
  const shutdownDrainMs = integer('SHUTDOWN_DRAIN_MS', 5_000, 0, 120_000);
  const shutdownGraceMs = integer('SHUTDOWN_GRACE_MS', 20_000, 0, 600_000);
  const inboundSmtpPort = read('INBOUND_SMTP_PORT') === undefined ? undefined : integer('INBOUND_SMTP_PORT', 0, 0, 65535);
  const inboundSmtpHost = read('INBOUND_SMTP_HOST') ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:-]{1,253}$/.test(inboundSmtpHost)) {
    problems.push(`INBOUND_SMTP_HOST must be a host name or an IP address such as 0.0.0.0 (got "${inboundSmtpHost}").`);
  }
  const inboundSmtpMaxBytes = integer('INBOUND_SMTP_MAX_BYTES', 15 * 1024 * 1024, 1024, 100 * 1024 * 1024);
  const inboundMailSenderLimit = integer('INBOUND_MAIL_SENDER_LIMIT', 20, 0, 1_000_000);
  const inboundMailClientLimit = integer('INBOUND_MAIL_CLIENT_LIMIT', 600, 0, 1_000_000);
  const contactFirstLine = read('CONTACT_FIRST_LINE') ?? 'easy-brussels';
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(contactFirstLine)) {
    problems.push(`CONTACT_FIRST_LINE must be an organisation code such as easy-brussels (got "${contactFirstLine}").`);
  }
  const contactIntakeLimit = integer('CONTACT_INTAKE_LIMIT', 30, 0, 1_000_000);
  const feedbackWidgetLimit = integer('FEEDBACK_WIDGET_LIMIT', 10, 0, 1_000_000);
  const passwordHashCostRaw = read('PASSWORD_HASH_COST') ?? (appEnv === 'test' ? 'minimal' : 'standard');
  let passwordHashCost: PasswordHashCost = 'standard';
  if (!(PASSWORD_HASH_COSTS as readonly string[]).includes(passwordHashCostRaw)) {
    problems.push(`PASSWORD_HASH_COST must be standard or minimal (got "${passwordHashCostRaw}").`);
  } else if (passwordHashCostRaw === 'minimal' && appEnv === 'production') {
    problems.push('PASSWORD_HASH_COST=minimal is for test suites only and cannot be used in production.');
  } else {
    passwordHashCost = passwordHashCostRaw as PasswordHashCost;
  }

  const metricsToken = read('METRICS_TOKEN');
  if (metricsToken !== undefined && !/^[\x21-\x7e]{24,256}$/.test(metricsToken)) {
    problems.push('METRICS_TOKEN must be 24 to 256 printable characters without spaces (a random string, e.g. from openssl rand -hex 24).');
  }
  const metricsPort = read('METRICS_PORT') === undefined ? undefined : integer('METRICS_PORT', 0, 0, 65535);
  if (metricsPort !== undefined && metricsPort !== 0 && metricsPort === port) {
    problems.push(`METRICS_PORT must differ from PORT (${port}): it is the port of a listener of its own.`);
  }
  const metricsHost = read('METRICS_HOST') ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:-]{1,253}$/.test(metricsHost)) {
    problems.push(`METRICS_HOST must be a host name or an IP address such as 127.0.0.1 (got "${metricsHost}").`);
  }
  const openapiPublic = boolean('OPENAPI_PUBLIC', true);

  const twoFactorRaw = env.TWO_FACTOR_REQUIRED_ROLES?.trim();
  let twoFactorRequiredRoles: Role[] = [];
  if (twoFactorRaw === undefined) {
    if (appEnv === 'production') twoFactorRequiredRoles = ['platform_admin', 'regional_analyst', 'regional_data_protection_officer'];
  } else if (twoFactorRaw === '') {
    if (appEnv === 'production') {
      problems.push('TWO_FACTOR_REQUIRED_ROLES cannot be empty in production: list the roles (e.g. platform_admin,regional_analyst) or write none.');
    }
  } else if (twoFactorRaw !== 'none') {
    const names = twoFactorRaw
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const unknown = names.filter((name) => !(ROLES as readonly string[]).includes(name));
    if (unknown.length > 0) {
      problems.push(`TWO_FACTOR_REQUIRED_ROLES has unknown roles: ${unknown.join(', ')} (roles: ${ROLES.join(', ')}; or none).`);
    } else {
      twoFactorRequiredRoles = [...new Set(names)] as Role[];
    }
  }

  const citizenIssuer = read('CITIZEN_OIDC_ISSUER');
  let citizenOidc: Config['citizenOidc'];
  if (citizenIssuer !== undefined) {
    const clientId = read('CITIZEN_OIDC_CLIENT_ID');
    const clientSecret = read('CITIZEN_OIDC_CLIENT_SECRET');
    if (!/^https?:\/\/[^\s]+$/.test(citizenIssuer) || (appEnv === 'production' && !citizenIssuer.startsWith('https://')))
      problems.push(`CITIZEN_OIDC_ISSUER must be the provider's https address (got "${citizenIssuer}").`);
    if (!clientId || !clientSecret) problems.push('CITIZEN_OIDC_ISSUER needs CITIZEN_OIDC_CLIENT_ID and CITIZEN_OIDC_CLIENT_SECRET.');
    citizenOidc = {
      issuer: citizenIssuer.replace(/\/$/, ''),
      clientId: clientId ?? '',
      clientSecret: clientSecret ?? '',
      scopes: read('CITIZEN_OIDC_SCOPES') ?? 'openid email profile',
      name: read('CITIZEN_OIDC_NAME') ?? 'itsme / eID',
    };
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    env: appEnv,
    port,
    host,
    dataDir,
    databaseUrl,
    databaseTimeouts: { statementTimeoutMs, queryTimeoutMs, connectTimeoutMs },
    sessionSecret,
    secretsEncryptionKey,
    secretsKeyDerived,
    seedDemo,
    logLevel,
    publicUrl,
    secureCookies,
    bodyLimit,
    smtpUrl,
    mailFrom,
    mailRetentionDays,
    smppUrl,
    smsSender,
    smsRetentionDays,
    clamd,
    safetyRetentionYears,
    webhookAllowedHosts,
    trustProxy,
    jobsWorker,
    jobsPollIntervalMs,
    jobsConcurrency,
    shutdownDrainMs,
    shutdownGraceMs,
    inboundSmtpPort,
    inboundSmtpHost,
    inboundSmtpMaxBytes,
    inboundMailSenderLimit,
    inboundMailClientLimit,
    contactFirstLine,
    contactIntakeLimit,
    feedbackWidgetLimit,
    passwordHashCost,
    metricsToken,
    metricsPort,
    metricsHost,
    openapiPublic,
    twoFactorRequiredRoles,
    citizenOidc,
  };
}

/** "address" or "Display Name <address>", one line. */
const MAIL_FROM_PATTERN = /^(?:[^<>\r\n"]{1,100} <[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

function cryptoRandom(): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: empty or "false" = no proxy; a number = that many hops; else a comma-separated list of
 * addresses, CIDR ranges (10.0.0.0/8) or the names loopback, linklocal, uniquelocal. "true" (believe any
 * sender) is refused: anyone could then choose the address the limits count.
 */
function proxies(raw: string | undefined, problems: string[]): false | number | string[] {
  const value = raw?.trim() ?? '';
  if (value === '' || value.toLowerCase() === 'false') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops >= 1 && hops <= 10) return hops;
  } else {
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const valid = (entry: string) => {
      if (PROXY_NAMES.includes(entry)) return true;
      const [address, bits, extra] = entry.split('/');
      const family = isIP(address ?? '');
      if (!family || extra !== undefined) return false;
      return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
    };
    if (entries.length > 0 && entries.every(valid)) return entries;
  }
  problems.push(
    `TRUST_PROXY must be a number of proxy hops (1 to 10) or a comma-separated list of proxy addresses, CIDR ranges or loopback, linklocal, uniquelocal (got "${value}").`,
  );
  return false;
}
