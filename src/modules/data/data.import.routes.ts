import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf } from '../../core/http/request';
import { Errors } from '../../core/http/errors';
import { ProblemSchema } from '../../core/http/problem.schema';
import { streamProgress } from '../../core/http/progress-stream';
import { uuid } from '../../shared/contracts';
import { importCensus, importFile } from './data.import';
import { checkPartition } from './data.service';
import { periodText } from './data.schema';

/** Tidy files are read whole; census files stream, and real ones are up to 2.6 GB. */
const MAX_TIDY_BYTES = 100 * 1024 * 1024;
const MAX_CENSUS_BYTES = 4 * 1024 * 1024 * 1024;

/**
 * Upload a tidy CSV or a Census Profile CSV. The answer streams NDJSON, like the directory
 * import: progress lines, then one `result` or `error` line (an error carries every bad row).
 */
export async function dataImportRoutes(root: FastifyInstance) {
  await root.register(multipart, { limits: { fileSize: MAX_CENSUS_BYTES, files: 1, fields: 5 } });
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post('/data/import', {
    schema: {
      tags: ['Community data'],
      summary: 'Import observations from a CSV file (tidy format or Census Profile layout)',
      description:
        'multipart/form-data with one file. Streams application/x-ndjson: {"type":"progress","label","total","done"}…, then {"type":"result","summary"} or {"type":"error","problem"} (problem.rowErrors lists bad rows by line). ' +
        'Public data: platform admins; a collaborative\'s private data (collaborativeId): its coordinators.',
      querystring: z.object({
        dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
        format: z.enum(['tidy', 'census']).default('tidy'),
        collaborativeId: uuid.optional(),
        period: periodText.optional().describe('Census year, when the file has no CENSUS_YEAR column'),
      }),
      response: { 200: z.any().describe('application/x-ndjson stream'), 400: ProblemSchema, 403: ProblemSchema, 413: ProblemSchema },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const collaborativeId = req.query.collaborativeId ?? null;
      await checkPartition(req.server.database.db, actor, collaborativeId);
      if (!req.isMultipart()) throw Errors.badRequest('Send the file as multipart/form-data', 'file');
      const census = req.query.format === 'census';
      const part = await req.file({ limits: { fileSize: census ? MAX_CENSUS_BYTES : MAX_TIDY_BYTES } });
      if (!part) throw Errors.validation([{ field: 'file', message: 'Choose a CSV file' }]);
      if (!/\.(csv|txt)$/i.test(part.filename || '')) throw Errors.validation([{ field: 'file', message: `Only .csv files can be imported: ${part.filename || 'unnamed file'}` }]);
      const tooLarge = () => Errors.payloadTooLarge(census ? 'The file is larger than 4 GB' : 'The file is larger than 100 MB', 'file');
      if (census) {
        // Read while it uploads: the file is never held whole, in memory or on disk.
        const length = Number(req.headers['content-length']) || undefined;
        return streamProgress(
          req,
          reply,
          async (progress) => {
            const summary = await importCensus(req.server.database, actor, part.file, { dryRun: req.query.dryRun, collaborativeId, fileName: part.filename, period: req.query.period, progress, meta: metaOf(req), totalBytes: length });
            if (part.file.truncated) throw tooLarge();
            return summary;
          },
          { what: 'data import' },
        );
      }
      const bytes = await part.toBuffer().catch((err: unknown) => {
        if (part.file.truncated || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
        throw err;
      });
      return streamProgress(req, reply, (progress) => importFile(req.server.database, actor, bytes, { format: req.query.format, dryRun: req.query.dryRun, collaborativeId, fileName: part.filename, period: req.query.period, progress, meta: metaOf(req) }), { what: 'data import' });
    },
  });
}
