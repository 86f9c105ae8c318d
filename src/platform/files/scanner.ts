// A ClamAV daemon (clamd) client over its INSTREAM command: the bytes go to the daemon over TCP or a Unix socket
// in chunks, and it answers "stream: OK" or "stream: <signature> FOUND". No local clamscan binary is needed, so
// the scanner can run on another host. A daemon that is away, too slow or answers anything else makes the scan
// fail with ScannerUnavailable: the caller refuses the file, never stores it unscanned (decision 0046).
import net from 'node:net';

/** Where clamd listens: a Unix socket path, or a host and port (CLAMD_URL unix:/path or tcp://host:3310). */
export type ClamdAddress = { path: string } | { host: string; port: number };

export type ScanVerdict = { clean: true } | { clean: false; signature: string };

export class ScannerUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScannerUnavailable';
  }
}

export interface Scanner {
  scan(content: Uint8Array): Promise<ScanVerdict>;
}

const CHUNK = 64 * 1024;

/** Reads CLAMD_URL: `tcp://host:port` or `unix:/path/to/clamd.ctl`; undefined when it is neither. */
export function parseClamdUrl(value: string): ClamdAddress | undefined {
  if (value.startsWith('unix:')) {
    const path = value.slice('unix:'.length).replace(/^\/\/(?=\/)/, '');
    return path.startsWith('/') ? { path } : undefined;
  }
  try {
    const url = new URL(value);
    if (url.protocol !== 'tcp:' || !url.hostname) return undefined;
    return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : 3310 };
  } catch {
    return undefined;
  }
}

export function clamdScanner(address: ClamdAddress, { timeoutMs = 15_000 }: { timeoutMs?: number } = {}): Scanner {
  return {
    scan: (content) =>
      new Promise<ScanVerdict>((resolve, reject) => {
        const socket = net.createConnection(address);
        const chunks: Buffer[] = [];
        let settled = false;
        const finish = (error: Error | null, verdict?: ScanVerdict) => {
          if (settled) return;
          settled = true;
          socket.destroy();
          if (error) reject(error);
          else resolve(verdict!);
        };
        socket.setTimeout(timeoutMs, () => finish(new ScannerUnavailable(`clamd did not answer within ${timeoutMs} ms`)));
        socket.on('error', (error) => finish(new ScannerUnavailable(`clamd is unreachable: ${error.message}`, { cause: error })));
        socket.on('data', (data) => chunks.push(data));
        socket.on('end', () => {
          // The answer ends with NUL (the z prefix of the command): "stream: OK" or "stream: Name FOUND".
          const answer = Buffer.concat(chunks).toString('utf8').replace(/\0+$/, '').trim();
          const found = /^stream: (.+) FOUND$/.exec(answer);
          if (answer === 'stream: OK') finish(null, { clean: true });
          else if (found) finish(null, { clean: false, signature: found[1]! });
          else finish(new ScannerUnavailable(`clamd could not scan the file: ${answer.slice(0, 200) || 'no answer'}`));
        });
        socket.on('connect', () => {
          socket.write('zINSTREAM\0');
          for (let offset = 0; offset < content.byteLength; offset += CHUNK) {
            const part = content.subarray(offset, Math.min(offset + CHUNK, content.byteLength));
            const length = Buffer.alloc(4);
            length.writeUInt32BE(part.byteLength);
            socket.write(length);
            socket.write(part);
          }
          socket.write(Buffer.alloc(4)); // a zero-length chunk ends the stream
        });
      }),
  };
}
