import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../core/db/database';
import { commands, remoteCommands, type CommandName } from './commands';

/**
 * PGlite allows one process per data directory. While a server holds it, CLI commands reach
 * the database through this Unix socket, which is created inside the data directory with
 * mode 0600: whoever may touch the data files may run commands, and no one else.
 */
export interface ControlSocket {
  path: string;
  close(): Promise<void>;
}

export function controlSocketPath(dataDir: string): string {
  const inDir = path.join(dataDir, 'roundtable.sock');
  // Unix socket paths are limited to ~107 bytes; fall back to a short path derived from the dir.
  if (Buffer.byteLength(inDir) < 100) return inDir;
  return path.join(os.tmpdir(), `roundtable-${crypto.createHash('sha1').update(dataDir).digest('hex').slice(0, 12)}.sock`);
}

type Event = { type: 'log'; message: string } | { type: 'progress'; op: 'start' | 'tick' | 'stop'; n?: number; label?: string } | { type: 'result'; message: string } | { type: 'error'; message: string; errors?: { field: string; message: string }[] };

export async function startControlSocket(dataDir: string, database: Database, log: FastifyBaseLogger): Promise<ControlSocket> {
  const socketPath = controlSocketPath(dataDir);
  fs.rmSync(socketPath, { force: true });
  let queue = Promise.resolve();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.flushHeaders();
      const send = (e: Event) => res.write(JSON.stringify(e) + '\n');
      // One command at a time: they may be long and they share the one embedded connection.
      queue = queue.then(async () => {
        try {
          const { command, args } = JSON.parse(body) as { command: CommandName; args: unknown };
          if (!remoteCommands.includes(command)) throw new Error(`${command} cannot run while the server is running; stop the server first.`);
          log.info({ command }, 'running CLI command for a local client');
          const run = commands[command] as (ctx: unknown, args: unknown) => Promise<string>;
          const message = await run(
            {
              database,
              log: (message: string) => send({ type: 'log', message }),
              progress: {
                start: (n: number, label: string) => send({ type: 'progress', op: 'start', n, label }),
                tick: (n: number) => send({ type: 'progress', op: 'tick', n }),
                stop: () => send({ type: 'progress', op: 'stop' }),
              },
            },
            args,
          );
          send({ type: 'result', message });
        } catch (err) {
          // The field errors travel too, so the CLI prints the whole list, not just "8 errors".
          const errors = (err as { errors?: { field: string; message: string }[] }).errors;
          send({ type: 'error', message: (err as Error).message, ...(Array.isArray(errors) && errors.length ? { errors } : {}) });
        } finally {
          res.end();
        }
      });
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(socketPath, () => resolve()));
  fs.chmodSync(socketPath, 0o600);
  return {
    path: socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        fs.rmSync(socketPath, { force: true });
      }),
  };
}

/** Sends a command to the running server; undefined when no server answers on the socket. */
export function runRemote(
  dataDir: string,
  command: CommandName,
  args: unknown,
  on: { log(m: string): void; progress(op: 'start' | 'tick' | 'stop', n?: number, label?: string): void },
): Promise<string | undefined> {
  const socketPath = controlSocketPath(dataDir);
  if (!fs.existsSync(socketPath)) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, method: 'POST', path: '/run', headers: { 'content-type': 'application/json' } }, (res) => {
      // The server answered; from here only a long silence (a wedged server) ends the wait.
      req.setTimeout(10 * 60_000);
      let buffer = '';
      let result: string | undefined;
      let error: Error | undefined;
      let settled = false;
      const finish = (fn: () => void) => {
        if (!settled) {
          settled = true;
          fn();
        }
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const e = JSON.parse(buffer.slice(0, nl)) as Event;
          buffer = buffer.slice(nl + 1);
          if (e.type === 'log') on.log(e.message);
          else if (e.type === 'progress') on.progress(e.op, e.n, e.label);
          else if (e.type === 'result') result = e.message;
          else error = Object.assign(new Error(e.message), e.errors ? { errors: e.errors } : {});
        }
      });
      // Only a result line means the work succeeded: an error line, or a connection that ends
      // or drops without one, is a failure the CLI must report with a non-zero exit.
      const dropped = () => new Error('The connection to the running server was lost before the command finished; it may not have completed.');
      res.on('end', () => finish(() => (error ? reject(error) : result !== undefined ? resolve(result) : reject(dropped()))));
      res.on('aborted', () => finish(() => reject(error ?? dropped())));
      res.on('error', () => finish(() => reject(error ?? dropped())));
      res.on('close', () => finish(() => (error ? reject(error) : result !== undefined ? resolve(result) : reject(dropped()))));
    });
    // A stale socket file (server killed hard) refuses at once; treat it as "no server".
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNREFUSED' || err.code === 'ENOENT' ? resolve(undefined) : reject(err)));
    req.setTimeout(5000, () => req.destroy(new Error('The running server did not answer on its control socket within 5 s.')));
    req.end(JSON.stringify({ command, args }));
  });
}
