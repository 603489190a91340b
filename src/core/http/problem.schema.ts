import { z } from 'zod';

/** RFC 9457 problem details, as every error is served. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string().describe('What went wrong, for people'),
    status: z.number().int(),
    code: z.string().describe('Stable machine code, e.g. validation_failed'),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional().describe('The fields at fault'),
  })
  .passthrough()
  .describe('application/problem+json');
