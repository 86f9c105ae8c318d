// The queue screens' own stylesheet and script (board, kiosk, "my ticket", counter), served under
// content-hashed URLs like the platform assets, linked from these pages only.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from '../platform/http/types.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

function load(name: string, ext: string, type: string) {
  const body = readFileSync(path.join(here, 'assets', `${name}.${ext}`));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { url: `/queues/assets/${name}.${hash}.${ext}`, type, body };
}

const files = [load('queues', 'css', 'text/css; charset=utf-8'), load('queues', 'js', 'text/javascript; charset=utf-8')];

export const queueAssets = { css: files[0]!.url, js: files[1]!.url };

export function queueAssetRoutes(app: App) {
  app.get('/queues/assets/:file', { schema: { hide: true } }, async (request, reply) => {
    const file = files.find((candidate) => candidate.url === request.url.split('?')[0]);
    if (!file) return reply.callNotFound();
    return reply.header('content-type', file.type).header('cache-control', 'public, max-age=31536000, immutable').send(file.body);
  });
}
