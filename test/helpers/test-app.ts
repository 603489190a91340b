import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createTestDatabase } from './test-db';
import type { Database } from '../../src/core/db/database';
import { DEMO_PASSWORD } from '../../src/core/accounts/accounts.seeds';
import { TEST_ENCRYPTION_KEY, useTestEncryptionKey } from './test-key';

export const demo = {
  admin: 'admin@demo.roundtable.test',
  orgAdmin: 'orgadmin@demo.roundtable.test',
  staff: 'staff@demo.roundtable.test',
  viewer: 'viewer@demo.roundtable.test',
  coordinator: 'coordinator@demo.roundtable.test',
  member: 'member@demo.roundtable.test',
  password: DEMO_PASSWORD,
} as const;

export interface Agent {
  csrfToken: string;
  cookie: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** Signs in and returns an agent that sends the session cookie and CSRF token. */
  login(email: string, password?: string): Promise<Agent>;
  /** An agent with no session. */
  anonymous: Agent;
  close(): Promise<void>;
}

function cookiesFrom(res: LightMyRequestResponse): string {
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

function makeAgent(app: FastifyInstance, cookie: string, csrfToken: string): Agent {
  const request = (opts: InjectOptions) =>
    app.inject({ ...opts, headers: { ...(cookie ? { cookie } : {}), ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}), ...opts.headers } });
  return {
    csrfToken,
    cookie,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload) => request({ method: 'POST', url, payload: payload as never }),
    patch: (url, payload) => request({ method: 'PATCH', url, payload: payload as never }),
    put: (url, payload) => request({ method: 'PUT', url, payload: payload as never }),
  };
}

let loginCount = 0;
// Seeds (on the PostgreSQL pass, per file) and the app encrypt with the same test key.
useTestEncryptionKey();

export async function createTestApp(): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = { ...loadConfig({ ROUNDTABLE_DEMO: 'true', ROUNDTABLE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY } as NodeJS.ProcessEnv), demo: true };
  const app = await buildApp({ database, config });
  await app.ready();
  return {
    app,
    database,
    anonymous: makeAgent(app, '', ''),
    async login(email, password = demo.password) {
      // Each sign-in comes from its own address so the per-address rate limit stays out of the way.
      const remoteAddress = `198.51.100.${(loginCount++ % 250) + 1}`;
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { email, password } });
      if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
      return makeAgent(app, cookiesFrom(res), res.json().csrfToken);
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
