import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, Errors, type FieldError } from './errors';
import { driverError, type DbError } from '../db/driver-error';

const PROBLEM = 'application/problem+json; charset=utf-8';

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300', '53400']);

/** Is the database out of reach (down, restarting, out of connections), rather than the request wrong? */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = driverError(error as DbError);
  if (!e || typeof e !== 'object') return false;
  if (e.code && (UNREACHABLE.has(e.code) || e.code.startsWith('08'))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end|the database system is (starting up|shutting down)|PGlite is closed/i.test(e.message ?? '');
}

/** Postgres error codes that mean "your input", not "our bug". */
function fromPostgres(wrapped: DbError): AppError | undefined {
  const err = driverError(wrapped);
  const field = err.column ?? err.constraint?.replace(/^[a-z_]+?_(.+?)_(check|key|fkey)$/, '$1');
  if (err.code && err.code.startsWith('22') && err.code !== '22P02') {
    // Any other data exception (a value out of range, a character the database cannot store,
    // a bad pattern): the input, never our bug.
    return Errors.validation([{ field: field ?? 'unknown', message: 'Value is not allowed here' }]);
  }
  if (err.code === '54000') return Errors.validation([{ field: field ?? 'unknown', message: 'Value is too large' }]);
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

/**
 * An AppError raised under a query (the embedded database's "busy, try again" while an import
 * holds its one connection) arrives wrapped by the query builder; it is still that answer.
 */
function wrappedAppError(error: unknown): AppError | undefined {
  let e = (error as { cause?: unknown } | undefined)?.cause;
  for (let i = 0; i < 3 && e && typeof e === 'object'; i++, e = (e as { cause?: unknown }).cause) {
    if (e instanceof AppError) return e;
  }
  return undefined;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { code?: string }, req, reply) => {
    let problem: AppError;
    const wrapped = wrappedAppError(error);
    if (error instanceof AppError) {
      problem = error;
    } else if (wrapped) {
      problem = wrapped;
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
    } else if (isDatabaseUnavailable(error)) {
      req.log.warn({ err: error }, 'database unavailable');
      problem = Errors.unavailable(5);
    } else if (['40P01', '40001'].includes(driverError(error as never).code ?? '')) {
      // Two transactions collided (deadlock or serialization failure): nothing was written.
      req.log.warn({ err: error }, 'transaction collided');
      problem = Errors.unavailable(1, 'The server was busy with a conflicting change. Try again.');
    } else {
      const pg = fromPostgres(error as never);
      if (pg) {
        problem = pg;
      } else if (error.statusCode && error.statusCode < 500) {
        // A library's 4xx (a plugin, a parser): its wording is for the log, not for a person.
        req.log.info({ err: error }, 'request refused by a library');
        problem = Errors.badRequest(undefined, undefined, error.statusCode);
      } else {
        req.log.error({ err: error }, 'unhandled error');
        problem = new AppError({ status: 500, code: 'internal', title: 'Something went wrong on our side' });
      }
    }
    if (problem.status === 503) reply.header('retry-after', String(problem.extra?.retryAfter ?? 5));
    return reply.code(problem.status).type(PROBLEM).send(problem.toProblem(req.url.split('?')[0]));
  });
}

const NUL = '\u0000';

/** The dotted path of the first string holding a NUL character (which no text column can store). */
function findNul(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path : undefined;
  if (depth > 20 || !value || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes(NUL)) return path ? `${path}.${k.replace(/\u0000/g, '')}` : k.replace(/\u0000/g, '');
    const found = findNul(v, path ? `${path}.${k}` : k, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Input rules that hold for every route before its own validation: a NUL character in the
 * query, the path or a JSON body is refused with 400 naming the field (PostgreSQL cannot
 * store it in text, and no one types it).
 */
export function registerInputGuards(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    for (const [where, value] of [['query', req.query], ['params', req.params], ['body', req.body]] as const) {
      const field = findNul(value, '');
      if (field !== undefined) throw Errors.validation([{ field: field || where, message: 'Contains a NUL character' }]);
    }
  });
}

export function sendNotFoundProblem(url: string) {
  return Errors.notFound('Route').toProblem(url.split('?')[0]);
}
export { PROBLEM as PROBLEM_CONTENT_TYPE };
