import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loggerOptions, redactUrlSecrets } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { TEST_ENCRYPTION_KEY } from '../helpers/test-key';

/** Finding 8: partner-link tokens and other secrets never reach the request log. */
let t: TestApp;
let logs = '';
let logged: TestApp['app'];
beforeAll(async () => {
  t = await createTestApp();
  const stream = new Writable({ write(chunk, _enc, cb) { logs += chunk.toString(); cb(); } });
  const config = { ...loadConfig({ ROUNDTABLE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY } as NodeJS.ProcessEnv), demo: true };
  logged = await buildApp({ database: t.database, config, logger: { ...(loggerOptions('info') as object), stream } as never });
  await logged.ready();
});
afterAll(async () => {
  await logged.close();
  await t.close();
});

describe('secrets in logs', () => {
  it('never writes a partner-link token from the path to the info-level request log', async () => {
    const secret = 'PARTNERlinkSECRET0123456789abcdefghijklmnopq';
    await logged.inject({ method: 'GET', url: `/api/v1/intake/partner-links/${secret}` });
    await logged.inject({ method: 'POST', url: `/api/v1/intake/partner-links/${secret}/response`, payload: {} });
    await logged.inject({ method: 'GET', url: `/hsds/nothing/partner-links/${secret}` });
    expect(logs).toContain('partner-links');
    expect(logs).not.toContain(secret);
  });

  it('redacts token, key and secret query parameters, and authorization headers', async () => {
    await logged.inject({ method: 'GET', url: '/api/v1/meta?token=QUERYSECRET1&x=1&api_key=QUERYSECRET2&Secret=QUERYSECRET3', headers: { authorization: 'Bearer HEADERSECRET4', cookie: 'rt_session=COOKIESECRET5' } });
    for (const s of ['QUERYSECRET1', 'QUERYSECRET2', 'QUERYSECRET3', 'HEADERSECRET4', 'COOKIESECRET5']) expect(logs).not.toContain(s);
    expect(logs).toContain('x=1');
  });

  it('redacts by route parameter name', () => {
    expect(redactUrlSecrets('/api/v1/things/abc/xyz?q=1', '/api/v1/things/:id/:token')).toBe('/api/v1/things/abc/[redacted]?q=1');
  });
});
