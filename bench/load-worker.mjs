// A load generator in its own thread (so it does not share the server's event loop): `clients` concurrent
// loops requesting the given URLs in turn for `durationMs`, over keep-alive connections. Posts back the count,
// the errors and the client-side latencies. Plain JavaScript: worker threads do not inherit tsx's loader.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { urls, clients, durationMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const latencies = [];
let count = 0;
let errors = 0;
const end = Date.now() + durationMs;
let next = 0;

function get(url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { 'accept-encoding': 'br' } }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function loop() {
  while (Date.now() < end) {
    const url = urls[next++ % urls.length];
    const started = performance.now();
    try {
      const status = await get(url);
      if (status >= 400) errors++;
      count++;
      latencies.push(performance.now() - started);
    } catch {
      errors++;
    }
  }
}

await Promise.all(Array.from({ length: clients }, loop));
agent.destroy();
parentPort.postMessage({ count, errors, latencies, seconds: durationMs / 1000 });
