import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerErrorHandling } from './error-handler';
import { Errors } from './errors';

/** A bare server with the error handler and routes that fail the ways libraries and the database do. */
async function server() {
  const app = Fastify({ logger: false });
  registerErrorHandling(app);
  app.get('/library-4xx', async () => {
    throw Object.assign(new Error('FST_ERR_SOMETHING: Unexpected token < in JSON at position 0 (node_modules/some-lib)'), { statusCode: 400 });
  });
  app.get('/library-405', async () => {
    throw Object.assign(new Error('Method DELETE is not allowed by plugin-x'), { statusCode: 405 });
  });
  app.get('/unique', async () => {
    throw Object.assign(new Error('duplicate key value violates unique constraint "collaboratives_name_key"'), { code: '23505', constraint: 'collaboratives_name_key' });
  });
  app.get('/own-conflict', async () => {
    throw Errors.conflict('The survey is closed');
  });
  await app.ready();
  return app;
}

describe('generic problems (bad_request, conflict)', () => {
  it('never put a library’s message in the title a person reads', async () => {
    const app = await server();
    for (const [url, status] of [['/library-4xx', 400], ['/library-405', 405]] as const) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      const body = res.json();
      expect(body).toMatchObject({ code: 'bad_request', status, title: 'The request could not be completed' });
      expect(JSON.stringify(body)).not.toMatch(/FST_|token|plugin|node_modules/);
    }
    await app.close();
  });
  it('answer a unique violation with the catalogue’s sentence, not the database’s', async () => {
    const app = await server();
    const res = await app.inject({ method: 'GET', url: '/unique' });
    expect(res.statusCode).toBe(409);
    const body = res.json();
    expect(body).toMatchObject({ code: 'conflict', title: 'A record with these details already exists', errors: [{ field: 'name' }] });
    expect(JSON.stringify(body)).not.toMatch(/duplicate key|constraint/);
    await app.close();
  });
  it('keep a service’s own sentence', async () => {
    const app = await server();
    const res = await app.inject({ method: 'GET', url: '/own-conflict' });
    expect(res.json()).toMatchObject({ status: 409, code: 'conflict', title: 'The survey is closed' });
    await app.close();
  });
});
