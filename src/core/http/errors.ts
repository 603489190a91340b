/**
 * One catalogue of errors with stable machine codes. Every error reaches clients as
 * RFC 9457 application/problem+json; `errors` names the fields at fault.
 */
export interface FieldError {
  /** Dotted path of the offending field, e.g. "addresses.0.postalCode". */
  field: string;
  message: string;
}

export interface ProblemInit {
  status: number;
  code: string;
  title: string;
  detail?: string;
  errors?: FieldError[];
  /** Extra members merged into the problem document (e.g. `current` on a 409). */
  extra?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail?: string;
  readonly errors?: FieldError[];
  readonly extra?: Record<string, unknown>;
  constructor(init: ProblemInit) {
    super(init.title);
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.errors = init.errors;
    this.extra = init.extra;
  }

  toProblem(instance?: string) {
    return {
      type: `https://roundtable.example/problems/${this.code}`,
      title: this.message,
      status: this.status,
      code: this.code,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extra,
    };
  }
}

export const Errors = {
  validation: (errors: FieldError[]) =>
    new AppError({ status: 400, code: 'validation_failed', title: 'Some fields are not valid', errors }),
  /**
   * A 400 (or another 4xx) in the service's own words. `title` is a sentence written for
   * people, never a library's or the database's message: the web shows it to English readers
   * and its catalogue's `errors.badRequest` to the others (web/src/core/messages.ts).
   */
  badRequest: (title = 'The request could not be completed', field?: string, status = 400) =>
    new AppError({ status, code: 'bad_request', title, errors: field ? [{ field, message: title }] : undefined }),
  unauthenticated: () => new AppError({ status: 401, code: 'auth.required', title: 'Sign in to continue' }),
  invalidCredentials: () =>
    new AppError({ status: 401, code: 'auth.invalid_credentials', title: 'The email or password is not correct' }),
  accountLocked: (minutes: number) =>
    new AppError({
      status: 423,
      code: 'auth.locked',
      title: `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    }),
  forbidden: (action?: string) =>
    new AppError({ status: 403, code: 'forbidden', title: 'You do not have permission to do this', detail: action }),
  csrf: () =>
    new AppError({ status: 403, code: 'auth.csrf', title: 'Missing or invalid CSRF token. Reload the page and try again.' }),
  notFound: (what = 'Record') => new AppError({ status: 404, code: 'not_found', title: `${what} not found` }),
  staleVersion: (current: unknown) =>
    new AppError({
      status: 409,
      code: 'conflict.stale_version',
      title: 'Someone else changed this record after you opened it. Review the current version and try again.',
      extra: { current },
    }),
  /** A 409 in the service's own words (never a library's or the database's message; see badRequest). */
  conflict: (title: string, field?: string) =>
    new AppError({ status: 409, code: 'conflict', title, errors: field ? [{ field, message: title }] : undefined }),
  /**
   * A module's own 409: the record's state refuses the change (a frozen plan, a published card).
   * The code is `<module>.<problem>`, listed in the module manifest's errorCodes.
   */
  stateConflict: (code: `${string}.${string}`, title: string, field: string, message: string) =>
    new AppError({ status: 409, code, title, errors: [{ field, message }] }),
  /** The body or an uploaded file is larger than allowed; `field` names the file field. */
  payloadTooLarge: (title = 'The request body is too large', field?: string) =>
    new AppError({ status: 413, code: 'payload_too_large', title, errors: field ? [{ field, message: 'Too large' }] : undefined }),
  /** The database cannot be reached or is busy: try again after `seconds` (sent as Retry-After). */
  unavailable: (seconds: number, title = 'The service is briefly unavailable. Try again in a few seconds.') =>
    new AppError({ status: 503, code: 'unavailable', title, extra: { retryAfter: seconds } }),
  rateLimited: (seconds: number) =>
    new AppError({ status: 429, code: 'rate_limited', title: `Too many requests. Try again in ${seconds} seconds.` }),
} as const;
