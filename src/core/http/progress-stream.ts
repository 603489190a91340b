import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Progress } from '../db/backup';
import { AppError } from './errors';

/**
 * Answers with NDJSON while long work runs: `progress` lines (at most every 200 ms), then one
 * `result` line with what `work` returned, or one `error` line with its problem. Imports use it
 * so the browser can draw a progress bar and still get every bad row at the end.
 */
export function streamProgress<T>(req: FastifyRequest, reply: FastifyReply, work: (progress: Progress) => Promise<T>, opts: { what: string; cleanup?: () => void }) {
  const out = new PassThrough();
  const send = (line: unknown) => out.write(JSON.stringify(line) + '\n');
  let label = '';
  let total = 0;
  let done = 0;
  let lastSent = 0;
  const progress: Progress = {
    start: (n, l) => {
      label = l;
      total = n;
      done = 0;
      send({ type: 'progress', label, total, done });
    },
    tick: (n) => {
      done += n;
      if (Date.now() - lastSent > 200 || done >= total) {
        lastSent = Date.now();
        send({ type: 'progress', label, total, done });
      }
    },
    stop: () => send({ type: 'progress', label, total, done: total }),
  };
  void work(progress)
    .then((summary) => send({ type: 'result', summary }))
    .catch((err: unknown) => {
      const problem = err instanceof AppError ? err.toProblem(req.url.split('?')[0]) : { title: 'The import failed on our side', status: 500, code: 'internal' };
      if (!(err instanceof AppError)) req.log.error({ err }, `${opts.what} failed`);
      send({ type: 'error', problem });
    })
    .finally(() => {
      out.end();
      opts.cleanup?.();
    });
  return reply.header('content-type', 'application/x-ndjson; charset=utf-8').header('cache-control', 'no-store').send(out);
}
