// A real HAProxy (Debian's package, /usr/sbin/haproxy; scripts/install-haproxy.sh) in front of test instances.
// Its configuration is derived from the production example deploy/haproxy.cfg: the same `defaults` (timeouts,
// retries, redispatch) and the same `backend irisdesk` rules (health check on /readyz, fall/rise, balance), with
// the test's servers, plain HTTP on a free port of 127.0.0.1, and the check interval given here.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './server-process.ts';

const run = promisify(execFile);
export const HAPROXY = process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';
export const PRODUCTION_CONFIG = path.resolve(import.meta.dirname, '../deploy/haproxy.cfg');

/** The sections of an HAProxy configuration by their header line ("defaults", "backend irisdesk", …). */
export function configSections(text: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line) && !line.startsWith('#')) {
      current = [];
      sections.set(line.trim(), current);
    } else if (current && line.trim() !== '' && !line.trim().startsWith('#')) {
      current.push(line.trim());
    }
  }
  return sections;
}

export interface BalancerOptions {
  /** Ports of the instances on 127.0.0.1. */
  servers: number[];
  /** Health check interval (production: 1 s). */
  checkIntervalMs?: number;
  /** No slow start: a test wants an instance back in full at once. */
  slowStart?: boolean;
}

/** The test variant of deploy/haproxy.cfg: its defaults and backend rules, these servers, HTTP on `port`. */
export async function testConfig(port: number, options: BalancerOptions): Promise<string> {
  const sections = configSections(await readFile(PRODUCTION_CONFIG, 'utf8'));
  const defaults = sections.get('defaults');
  const backend = sections.get('backend irisdesk');
  if (!defaults || !backend) throw new Error(`${PRODUCTION_CONFIG} has no defaults or no backend irisdesk section`);
  const interval = `${options.checkIntervalMs ?? 1000}ms`;
  const backendRules = backend
    .filter((line) => !line.startsWith('server '))
    .map((line) => {
      if (!line.startsWith('default-server')) return line;
      const checked = line.replace(/inter \S+/, `inter ${interval}`);
      return options.slowStart ? checked : checked.replace(/ slowstart \S+/, '');
    });
  const indent = (lines: string[]) => lines.map((line) => `    ${line}`).join('\n');
  return [
    'global',
    indent(['maxconn 4096']),
    'defaults',
    indent(defaults.filter((line) => !line.startsWith('log') && line !== 'option httplog' && line !== 'option dontlognull')),
    'frontend web',
    indent([`bind 127.0.0.1:${port}`, 'option forwardfor', 'default_backend irisdesk']),
    'backend irisdesk',
    indent([...backendRules, ...options.servers.map((server, i) => `server instance${i + 1} 127.0.0.1:${server}`)]),
    '',
  ].join('\n');
}

export interface Balancer {
  url: string;
  config: string;
  stop(): Promise<void>;
  output(): string;
}

/** Starts HAProxy in the foreground (-db) on a free port; stop() ends it and removes its folder. */
export async function startBalancer(options: BalancerOptions): Promise<Balancer> {
  const port = await freePort();
  const folder = await mkdtemp(path.join(os.tmpdir(), 'irisdesk-haproxy-'));
  const config = await testConfig(port, options);
  const file = path.join(folder, 'haproxy.cfg');
  await writeFile(file, config);
  await run(HAPROXY, ['-c', '-q', '-f', file]);
  const child: ChildProcess = spawn(HAPROXY, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited (${child.exitCode}): ${output}`);
    try {
      await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`haproxy did not listen within 10 s: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    config,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** `haproxy -c` on the production example, with a throw-away self-signed certificate in place of the real one. */
export async function checkProductionConfig(): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'irisdesk-haproxy-check-'));
  try {
    const pem = path.join(folder, 'irisdesk.pem');
    let text = (await readFile(PRODUCTION_CONFIG, 'utf8')).replace(/^\s*(user|group|daemon|stats socket).*$/gm, '');
    try {
      await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=irisdesk.test', '-keyout', pem, '-out', `${pem}.crt`]);
      await writeFile(pem, (await readFile(`${pem}.crt`, 'utf8')) + (await readFile(pem, 'utf8')));
      text = text.replace('/etc/haproxy/certs/irisdesk.pem', pem);
    } catch {
      // No openssl to make a throw-away certificate: check the rest, with the TLS listener on plain HTTP.
      text = text.replace(/ ssl crt \S+ alpn \S+/, '');
    }
    const file = path.join(folder, 'haproxy.cfg');
    await writeFile(file, text);
    const { stdout, stderr } = await run(HAPROXY, ['-c', '-f', file]);
    return stdout + stderr;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
