import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf } from '../../core/http/request';
import { authorizeAction } from '../../core/policy';
import { AppError, Errors } from '../../core/http/errors';
import { ProblemSchema } from '../../core/http/problem.schema';
import { streamProgress } from '../../core/http/progress-stream';
import { importPackage } from './directory.import';
import { can } from './directory.policy';

const MAX_FILE_BYTES = 200 * 1024 * 1024;

/**
 * Upload an HSDS datapackage from the admin UI: `datapackage.json` with inline data, or
 * `datapackage.json` plus its CSV files, as multipart files. The answer streams NDJSON:
 * progress lines while the import runs, then one `result` or `error` line. Streaming keeps
 * the page informed without polling, which matters on the embedded database, where the
 * import's transaction holds the only connection until it commits.
 */
export async function directoryImportRoutes(root: FastifyInstance) {
  await root.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 40, fields: 10 } });
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post('/directory/import', {
    schema: {
      tags: ['Directory'],
      summary: 'Import an HSDS 3.0 datapackage (directory admins)',
      description: 'multipart/form-data with the package files (a datapackage.json and its CSV files, a JSON datapackage, or HSDS JSON: a service, an organization, an array of them or an HSDA page). Streams application/x-ndjson: {"type":"progress","label","total","done"}…, then {"type":"result","summary"} (with skipInvalid, summary.report lists file, row, field, value, reason) or {"type":"error","problem"}.',
      querystring: z.object({
        dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
        skipInvalid: z
          .enum(['true', 'false'])
          .default('false')
          .transform((v) => v === 'true')
          .describe('Import the valid rows: skip rows with invalid required fields, set bad optional values and dangling references to null; the result carries the report'),
      }),
      response: { 200: z.any().describe('application/x-ndjson stream'), 400: ProblemSchema, 403: ProblemSchema, 413: ProblemSchema },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      authorizeAction(can, actor, 'directory.import', {});
      if (!req.isMultipart()) throw Errors.badRequest('Send the package files as multipart/form-data', 'files');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-import-'));
      let count = 0;
      try {
        for await (const part of req.files()) {
          const name = path.basename(part.filename || '');
          if (!/^[\w.-]+\.(csv|json)$/i.test(name)) throw Errors.badRequest(`Only .csv and .json files belong in a package: ${name || 'unnamed file'}`, 'files');
          await pipeline(part.file, fs.createWriteStream(path.join(dir, name)));
          if (part.file.truncated) throw new AppError({ status: 413, code: 'payload_too_large', title: `${name} is larger than 200 MB` });
          count++;
        }
      } catch (err) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw err;
      }
      if (count === 0) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw Errors.validation([{ field: 'files', message: 'Choose the datapackage.json and its CSV files' }]);
      }

      const source = fs.existsSync(path.join(dir, 'datapackage.json')) ? dir : path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.json')) ?? '');
      return streamProgress(req, reply, (progress) => importPackage(req.server.database, actor, source, { dryRun: req.query.dryRun, skipInvalid: req.query.skipInvalid, progress, meta: metaOf(req) }), { what: 'directory import', cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) });
    },
  });
}
