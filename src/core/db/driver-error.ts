/** A database error as the drivers (pg, PGlite) give it. */
export type DbError = { code?: string; constraint?: string; column?: string; table?: string; detail?: string; message: string; cause?: unknown };

/** Query errors arrive wrapped by the query builder; the driver's error (with its SQLSTATE) is the cause. */
export function driverError(err: unknown): DbError {
  let e = err as DbError;
  for (let i = 0; i < 3 && e?.cause && typeof e.cause === 'object' && !/^[0-9A-Z]{5}$/.test(e.code ?? ''); i++) e = e.cause as DbError;
  return e;
}

/** The SQLSTATE of a database error (e.g. 23505 for a unique violation), however it was wrapped. */
export function sqlState(err: unknown): string | undefined {
  const code = driverError(err)?.code;
  return code && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
