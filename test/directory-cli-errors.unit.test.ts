import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { controlSocketPath, runRemote } from '../src/cli/control-socket';

/**
 * The CLI's side of the control socket: a failed directory import reaches it with its whole
 * error list, and a connection that ends or drops without a result is a failure, never a
 * silent success (exit 0).
 */
const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

function fakeServer(handler: (res: http.ServerResponse, req: http.IncomingMessage) => void): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-sock-'));
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => handler(res, req));
  });
  server.listen(controlSocketPath(dataDir));
  servers.push(server);
  return dataDir;
}
const on = { log: () => {}, progress: () => {} };
const ready = () => new Promise((r) => setTimeout(r, 50));

describe('CLI through the control socket', () => {
  it('receives every field error of a failed import', async () => {
    const errors = Array.from({ length: 8 }, (_, i) => ({ field: `services.csv:${i + 2}:name`, message: 'Required' }));
    const dir = fakeServer((res) => {
      res.write(`${JSON.stringify({ type: 'progress', op: 'start', n: 10, label: 'rows' })}\n`);
      res.end(`${JSON.stringify({ type: 'error', message: 'The HSDS package is not valid (8 errors); nothing was imported', errors })}\n`);
    });
    await ready();
    const err = (await runRemote(dir, 'directory.import', {}, on).catch((e: unknown) => e)) as Error & { errors?: unknown[] };
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(/8 errors/);
    expect(err.errors).toEqual(errors);
  });

  it('fails when the server ends the answer without a result', async () => {
    const dir = fakeServer((res) => {
      res.write(`${JSON.stringify({ type: 'progress', op: 'start', n: 10, label: 'rows' })}\n`);
      res.end();
    });
    await ready();
    await expect(runRemote(dir, 'directory.import', {}, on)).rejects.toThrow(/connection to the running server was lost/);
  });

  it('fails when the connection drops mid-answer', async () => {
    const dir = fakeServer((res) => {
      res.write(`${JSON.stringify({ type: 'progress', op: 'tick', n: 1 })}\n`);
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await ready();
    await expect(runRemote(dir, 'directory.import', {}, on)).rejects.toThrow();
  });

  it('resolves with the result line', async () => {
    const dir = fakeServer((res) => res.end(`${JSON.stringify({ type: 'result', message: 'Imported 3 services' })}\n`));
    await ready();
    await expect(runRemote(dir, 'directory.import', {}, on)).resolves.toBe('Imported 3 services');
  });
});
