// The drain before a graceful stop (SIGTERM, src/main.ts): from drain() on, /readyz answers 503 so load
// balancers stop sending requests here, while requests that still come are served normally, each answer
// closing its connection so that keep-alive clients and balancers open their next one to another instance.
import type { App } from './types.ts';

export interface Draining {
  readonly active: boolean;
  drain(): void;
}

export function registerDraining(app: App): Draining {
  let active = false;
  app.addHook('onSend', async (_request, reply, payload) => {
    if (active) reply.header('connection', 'close');
    return payload;
  });
  return {
    get active() {
      return active;
    },
    drain() {
      active = true;
    },
  };
}
