import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, Errors, type FieldError } from './errors';

const PROBLEM = 'application/problem+json; charset=utf-8';

/** Postgres error codes that mean "your input", not "our bug". */
function fromPostgres(err: { code?: string; constraint?: string; column?: string; message: string }): AppError | undefined {
  const field = err.column ?? err.constraint?.replace(/^[a-z_]+?_(.+?)_(check|key|fkey)$/, '$1');
  switch (err.code) {
    case '23505':
      return Errors.conflict('A record with these details already exists', field);
    case '23503':
      return Errors.validation([{ field: field ?? 'unknown', message: 'Refers to a record that does not exist' }]);
    case '23514':
    case '23502':
    case '22001':
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return Errors.validation([{ field: field ?? 'unknown', message: 'Value is not allowed here' }]);
    default:
      return undefined;
  }
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { code?: string }, req, reply) => {
    let problem: AppError;
    if (error instanceof AppError) {
      problem = error;
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const errors: FieldError[] = error.validation.map((v) => {
        const path = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
        return { field: path || where, message: v.message ?? 'Invalid value' };
      });
      problem = Errors.validation(errors);
    } else if (isResponseSerializationError(error)) {
      req.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
      problem = new AppError({ status: 500, code: 'internal', title: 'Something went wrong on our side' });
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      problem = Errors.payloadTooLarge();
    } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      problem = new AppError({ status: 415, code: 'unsupported_media_type', title: 'Send JSON (application/json)' });
    } else if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
      problem = Errors.badRequest('The request body is not valid JSON', 'body');
    } else if (error.statusCode === 429) {
      problem = Errors.rateLimited(Math.ceil(Number(reply.getHeader('retry-after') ?? 60)));
    } else if (error.code?.startsWith('FST_CSRF')) {
      problem = Errors.csrf();
    } else {
      const pg = fromPostgres(error as never);
      if (pg) {
        problem = pg;
      } else if (error.statusCode && error.statusCode < 500) {
        problem = new AppError({ status: error.statusCode, code: 'bad_request', title: error.message });
      } else {
        req.log.error({ err: error }, 'unhandled error');
        problem = new AppError({ status: 500, code: 'internal', title: 'Something went wrong on our side' });
      }
    }
    return reply.code(problem.status).type(PROBLEM).send(problem.toProblem(req.url.split('?')[0]));
  });
}

export function sendNotFoundProblem(url: string) {
  return Errors.notFound('Route').toProblem(url.split('?')[0]);
}
export { PROBLEM as PROBLEM_CONTENT_TYPE };
