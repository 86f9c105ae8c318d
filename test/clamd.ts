// A real ClamAV daemon (Debian's clamav-daemon, /usr/sbin/clamd) for tests, in the foreground on a Unix socket of
// its own in a temporary folder, with a one-line signature database that knows the EICAR test file: signature
// downloads (freshclam) are not reachable here, and the tests only need one virus. clamd takes a few seconds to
// load even this database, so a test file starts it once. `stop()` and `start()` simulate an outage.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The EICAR anti-virus test file (68 bytes): every scanner reports it, and it is harmless. */
export const EICAR = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*', 'latin1');

export const CLAMD_BINARY = '/usr/sbin/clamd';

export interface TestClamd {
  /** CLAMD_URL for the application: unix:<socket>. */
  url: string;
  socket: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

function answersPing(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const connection = net.createConnection({ path: socket });
    let answer = '';
    connection.setTimeout(1000, () => (connection.destroy(), resolve(false)));
    connection.on('error', () => resolve(false));
    connection.on('connect', () => connection.write('zPING\0'));
    connection.on('data', (data) => (answer += data.toString()));
    connection.on('end', () => resolve(answer.startsWith('PONG')));
  });
}

export async function startTestClamd(): Promise<TestClamd> {
  const folder = await mkdtemp(path.join(tmpdir(), 'irisdesk-clamd-'));
  const database = path.join(folder, 'db');
  const socket = path.join(folder, 'clamd.sock');
  await mkdir(database);
  // A body signature (.ndb): the EICAR string anywhere in a file, whatever comes before or after it.
  await writeFile(path.join(database, 'eicar.ndb'), `Eicar-Test-Signature:0:*:${EICAR.toString('hex')}\n`);
  const config = path.join(folder, 'clamd.conf');
  await writeFile(
    config,
    [
      'Foreground yes',
      `DatabaseDirectory ${database}`,
      `LocalSocket ${socket}`,
      `TemporaryDirectory ${folder}`,
      // Its own log file: clamd locks it, so two daemons (test files in parallel) must not share one.
      `LogFile ${path.join(folder, 'clamd.log')}`,
      'StreamMaxLength 20M',
      'MaxThreads 2',
      // A daemon of a test: the database never changes under it.
      'SelfCheck 0',
      '',
    ].join('\n'),
  );

  let child: ChildProcess | undefined;
  async function start() {
    const output: string[] = [];
    child = spawn(CLAMD_BINARY, ['-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (data: Buffer) => output.push(data.toString()));
    child.stderr!.on('data', (data: Buffer) => output.push(data.toString()));
    const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`clamd stopped at start:\n${output.join('')}`);
      if (await answersPing(socket)) return;
      if (Date.now() > deadline) throw new Error(`clamd did not answer PING within 60 s:\n${output.join('')}`);
      await Promise.race([new Promise((resolve) => setTimeout(resolve, 200)), exited]);
    }
  }
  async function stop() {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  }
  await start();
  return {
    url: `unix:${socket}`,
    socket,
    stop,
    start,
    async close() {
      await stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
