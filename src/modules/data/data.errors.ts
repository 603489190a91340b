/** The data repository's own problems, with codes `data.<problem>` (listed in the manifest's errorCodes). */
import { AppError } from '../../core/http/errors';
import type { RowError } from './data.observations';

export const dataErrorCodes = ['data.invalid_rows', 'data.not_additive', 'data.unreadable_file'] as const;

/** Rows of an import that cannot be stored: nothing was changed. Lists the first 500 rows at fault. */
export class ImportRowsError extends AppError {
  constructor(errors: RowError[]) {
    super({
      status: 400,
      code: 'data.invalid_rows',
      title: `${errors.length} row${errors.length === 1 ? '' : 's'} cannot be imported; nothing was changed`,
      errors: errors.slice(0, 500).map((e) => ({ field: `line ${e.line}: ${e.field}`, message: e.message })),
      extra: { rowErrors: errors.slice(0, 500), rowErrorCount: errors.length },
    });
  }
}

export const DataErrors = {
  invalidRows: (errors: RowError[]) => new ImportRowsError(errors),
  /** Only counts and currency amounts add up from places to a region. */
  notAdditive: (title: string) => new AppError({ status: 422, code: 'data.not_additive', title, errors: [{ field: 'indicatorId', message: 'Only counts and currency amounts can be rolled up' }] }),
  /** The uploaded file cannot be read (encoding, binary). */
  unreadableFile: (title: string) => new AppError({ status: 400, code: 'data.unreadable_file', title, errors: [{ field: 'file', message: title }] }),
} as const;
