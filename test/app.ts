// The whole application in-process on its own copy of the test database, and a cookie-keeping client
// that behaves like a browser (forms with their CSRF token, redirects not followed).
import type { LightMyRequestResponse } from 'fastify';
import { createApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import type { App } from '../src/platform/http/types.ts';
import type { Services } from '../src/services.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';
import { openTestDatabase } from './database.ts';

export interface TestApp {
  app: App;
  services: Services;
  db: Awaited<ReturnType<typeof openTestDatabase>>;
  config: Config;
  client: () => TestClient;
  close: () => Promise<void>;
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await openTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: 'memory://', ...env });
  const { app, services } = await createApp({ config, db });
  await app.ready();
  return {
    app,
    services,
    db,
    config,
    client: () => new TestClient(app),
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export class TestClient {
  readonly cookies = new Map<string, string>();
  /** Client address seen by the server; tests of per-address throttling change it. */
  remoteAddress = '127.0.0.1';

  constructor(private readonly app: App) {}

  async request(method: Method, url: string, options: { json?: unknown; form?: Record<string, string | string[]>; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let payload: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      payload = JSON.stringify(options.json);
    } else if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(options.form)) {
        for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
      }
      payload = params.toString();
    }
    const response = await this.app.inject({ method, url, headers, payload, remoteAddress: this.remoteAddress });
    this.keepCookies(response);
    return response;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, { headers });
  }

  /** Loads the page holding the form (for its CSRF token), then posts the form with that token. */
  async submitForm(pageUrl: string, action: string, form: Record<string, string | string[]>) {
    const page = await this.get(pageUrl);
    const token = csrfTokenOf(page.body);
    return this.request('POST', action, { form: { ...form, _csrf: token } });
  }

  async login(email: string, password = DEMO_PASSWORD, lang = 'en') {
    const response = await this.submitForm(`/${lang}/login`, `/${lang}/login`, { email, password });
    if (response.statusCode !== 303) throw new Error(`login of ${email} failed: ${response.statusCode}`);
    return response;
  }

  private keepCookies(response: LightMyRequestResponse) {
    for (const cookie of response.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const expired = cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now()) || cookie.value === '';
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }
}

export function csrfTokenOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token in the page');
  return match[1]!;
}
