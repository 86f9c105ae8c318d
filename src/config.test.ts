import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('settings', () => {
  it('have working defaults for a first start', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, seedDemo: true, env: 'development' });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('report every problem at once, one clear message each', () => {
    const problems = problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SEED_DEMO: 'maybe' });
    expect(problems).toEqual([
      'PORT must be a whole number from 0 to 65535 (got "eighty").',
      'DATABASE_URL must be a PostgreSQL URL such as postgres://user@127.0.0.1:5432/irisdesk.',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud").',
      'SEED_DEMO must be true or false (got "maybe").',
    ]);
  });

  it('read the webhook allow-list as lower-case host names, refusing anything else (decision 0036)', () => {
    expect(loadConfig({}).webhookAllowedHosts).toEqual([]);
    expect(loadConfig({ WEBHOOK_ALLOWED_HOSTS: ' CRM.example.brussels, 10.1.2.3 ,' }).webhookAllowedHosts).toEqual(['crm.example.brussels', '10.1.2.3']);
    expect(problemsOf({ WEBHOOK_ALLOWED_HOSTS: 'http://crm.example' })).toEqual([
      'WEBHOOK_ALLOWED_HOSTS must be a comma-separated list of host names or IP addresses, e.g. crm.example.brussels,10.1.2.3 (got "http://crm.example").',
    ]);
  });

  it('limit the time spent waiting for PostgreSQL, the client a little longer than the server', () => {
    expect(loadConfig({}).databaseTimeouts).toEqual({ statementTimeoutMs: 30_000, queryTimeoutMs: 35_000, connectTimeoutMs: 5_000 });
    expect(loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '10000' }).databaseTimeouts.queryTimeoutMs).toBe(15_000);
    expect(loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '0' }).databaseTimeouts).toMatchObject({ statementTimeoutMs: 0, queryTimeoutMs: 0 });
    expect(problemsOf({ DATABASE_STATEMENT_TIMEOUT_MS: '10000', DATABASE_QUERY_TIMEOUT_MS: '5000', DATABASE_CONNECT_TIMEOUT_MS: '0' })).toEqual([
      'DATABASE_QUERY_TIMEOUT_MS must not be shorter than DATABASE_STATEMENT_TIMEOUT_MS (10000), or the server\'s own limit never fires (got "5000").',
      'DATABASE_CONNECT_TIMEOUT_MS must be a whole number from 100 to 120000 (got "0").',
    ]);
  });

  it('stop a production start without a secret', () => {
    expect(problemsOf({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/irisdesk' })).toContain(
      'SESSION_SECRET is required in production (at least 32 random characters).',
    );
    expect(problemsOf({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/irisdesk', SESSION_SECRET: 'short' })).toContain(
      'SESSION_SECRET must be at least 32 characters long.',
    );
  });

  it('stop a production start without a key for the stored secrets, and refuse a malformed one anywhere (decision 0053)', () => {
    expect(problemsOf({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/i', SESSION_SECRET: 'x'.repeat(40) })).toEqual([
      'SECRETS_ENCRYPTION_KEY is required in production: it encrypts two-step sign-in and OIDC secrets (openssl rand -hex 32).',
    ]);
    expect(problemsOf({ SECRETS_ENCRYPTION_KEY: 'too-short' })).toEqual([
      'SECRETS_ENCRYPTION_KEY must be 32 bytes, written as 64 hexadecimal characters or in base64 (e.g. openssl rand -hex 32).',
    ]);
    expect(loadConfig({ SECRETS_ENCRYPTION_KEY: 'ab'.repeat(32) }).secretsEncryptionKey).toEqual(Buffer.alloc(32, 0xab));
    // Without it outside production: derived from the database location, the same at every start.
    const derived = loadConfig({ DATA_DIR: '/tmp/a' });
    expect(derived.secretsKeyDerived).toBe(true);
    expect(loadConfig({ DATA_DIR: '/tmp/a' }).secretsEncryptionKey).toEqual(derived.secretsEncryptionKey);
    expect(loadConfig({ DATA_DIR: '/tmp/b' }).secretsEncryptionKey).not.toEqual(derived.secretsEncryptionKey);
  });

  it('never seed demo accounts in production and always use secure cookies there', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/irisdesk',
      SESSION_SECRET: 'x'.repeat(40),
      SECRETS_ENCRYPTION_KEY: '0'.repeat(64),
    });
    expect(config.seedDemo).toBe(false);
    expect(config.secureCookies).toBe(true);
    expect(
      problemsOf({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/i',
        SESSION_SECRET: 'x'.repeat(40),
        SECRETS_ENCRYPTION_KEY: '0'.repeat(64),
        SECURE_COOKIES: 'false',
      }),
    ).toEqual(['SECURE_COOKIES cannot be turned off in production.']);
  });

  it('hash passwords at the standard cost, except in test suites, and never at the minimal cost in production', () => {
    expect(loadConfig({}).passwordHashCost).toBe('standard');
    expect(loadConfig({ NODE_ENV: 'test' }).passwordHashCost).toBe('minimal');
    expect(loadConfig({ PASSWORD_HASH_COST: 'minimal' }).passwordHashCost).toBe('minimal');
    expect(problemsOf({ PASSWORD_HASH_COST: 'cheap' })).toEqual(['PASSWORD_HASH_COST must be standard or minimal (got "cheap").']);
    expect(
      problemsOf({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/i',
        SESSION_SECRET: 'x'.repeat(40),
        SECRETS_ENCRYPTION_KEY: '0'.repeat(64),
        PASSWORD_HASH_COST: 'minimal',
      }),
    ).toEqual(['PASSWORD_HASH_COST=minimal is for test suites only and cannot be used in production.']);
  });
});

// The contact center's settings: inbound SMTP listener, first line, intake throttling.
describe('contact-center settings', () => {
  it('leave the inbound SMTP listener off by default', () => {
    const config = loadConfig({});
    expect(config.inboundSmtpPort).toBeUndefined();
    expect(config.inboundSmtpHost).toBe('127.0.0.1');
    expect(config.inboundSmtpMaxBytes).toBe(15 * 1024 * 1024);
    expect(config.contactFirstLine).toBe('easy-brussels');
    expect(config.contactIntakeLimit).toBe(30);
  });

  it('read the listener port and host', () => {
    const config = loadConfig({ INBOUND_SMTP_PORT: '2525', INBOUND_SMTP_HOST: '0.0.0.0', INBOUND_SMTP_MAX_BYTES: '2048' });
    expect(config.inboundSmtpPort).toBe(2525);
    expect(config.inboundSmtpHost).toBe('0.0.0.0');
    expect(config.inboundSmtpMaxBytes).toBe(2048);
    expect(loadConfig({ INBOUND_SMTP_PORT: '  ' }).inboundSmtpPort).toBeUndefined();
  });

  it('refuse bad values with one clear message each', () => {
    expect(problemsOf({ INBOUND_SMTP_PORT: '70000', INBOUND_SMTP_HOST: 'bad host!', CONTACT_FIRST_LINE: 'Not A Code', CONTACT_INTAKE_LIMIT: '-1' })).toEqual([
      'INBOUND_SMTP_PORT must be a whole number from 0 to 65535 (got "70000").',
      'INBOUND_SMTP_HOST must be a host name or an IP address such as 0.0.0.0 (got "bad host!").',
      'CONTACT_FIRST_LINE must be an organisation code such as easy-brussels (got "Not A Code").',
      'CONTACT_INTAKE_LIMIT must be a whole number from 0 to 1000000 (got "-1").',
    ]);
    expect(problemsOf({ INBOUND_SMTP_PORT: 'smtp' })).toEqual(['INBOUND_SMTP_PORT must be a whole number from 0 to 65535 (got "smtp").']);
  });

  it('believe no reverse proxy unless told which (TRUST_PROXY), and never any sender at all', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.0/8, 127.0.0.1,loopback, fd00::/8 ' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', 'loopback', 'fd00::/8']);
    for (const bad of ['true', '0', '11', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/1']) {
      expect(problemsOf({ TRUST_PROXY: bad }), bad).toEqual([
        `TRUST_PROXY must be a number of proxy hops (1 to 10) or a comma-separated list of proxy addresses, CIDR ranges or loopback, linklocal, uniquelocal (got "${bad}").`,
      ]);
    }
  });

  it('ask a second factor of the roles with wide reach in production, of nobody elsewhere unless told', () => {
    const prod = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/i', SESSION_SECRET: 'x'.repeat(40), SECRETS_ENCRYPTION_KEY: '0'.repeat(64) };
    expect(loadConfig(prod).twoFactorRequiredRoles).toEqual(['platform_admin', 'regional_analyst', 'regional_data_protection_officer']);
    expect(loadConfig({}).twoFactorRequiredRoles).toEqual([]);
    expect(loadConfig({ NODE_ENV: 'test', TWO_FACTOR_REQUIRED_ROLES: 'platform_admin, organisation_manager' }).twoFactorRequiredRoles).toEqual([
      'platform_admin',
      'organisation_manager',
    ]);
    expect(loadConfig({ ...prod, TWO_FACTOR_REQUIRED_ROLES: 'none' }).twoFactorRequiredRoles).toEqual([]);
    expect(problemsOf({ ...prod, TWO_FACTOR_REQUIRED_ROLES: ' ' })).toEqual([
      'TWO_FACTOR_REQUIRED_ROLES cannot be empty in production: list the roles (e.g. platform_admin,regional_analyst) or write none.',
    ]);
    expect(problemsOf({ TWO_FACTOR_REQUIRED_ROLES: 'platform_admin,admin' })).toEqual([
      'TWO_FACTOR_REQUIRED_ROLES has unknown roles: admin (roles: first_line_agent, second_line_agent, content_editor, organisation_manager, regional_analyst, platform_admin, data_protection_officer, regional_data_protection_officer; or none).',
    ]);
  });
});
