import { serverMessage } from '../../core/messages';

type T = (k: string, o?: Record<string, unknown>) => string;

/** The HSDS tables with a word for their records (directoryImport.kind); others are "Record". */
const KINDS = ['organization', 'service', 'location', 'phone', 'address', 'schedule', 'program', 'contact', 'service_at_location', 'service_area', 'language', 'accessibility', 'cost_option', 'required_document', 'taxonomy', 'taxonomy_term', 'attribute'];

/** The table of a problem's file: `services.csv` (CSV package) or `service` (JSON package). */
function tableOf(file: string): string {
  const name = file.replace(/\.(csv|json)$/i, '');
  return [name, name.replace(/ies$/, 'y'), name.replace(/es$/, ''), name.replace(/s$/, '')].find((n) => KINDS.includes(n)) ?? 'record';
}

/**
 * One problem of a strict import as a sentence in the reader's language. The server names the
 * place for machines (problem+json `field`: `services.csv:12:email`, HSDS file, row and field)
 * and says what is wrong in English; people read "Service: enter an email address like
 * name@example.org (services.csv, row 12, column email)": the record kind from the file, the
 * message from the error catalogue, the file, row and HSDS column kept for finding the cell.
 */
export function problemLine(t: T, e: { field: string; message: string }): string {
  const message = serverMessage(e.message);
  const m = e.field.match(/^(.+?):(\d+|\*):(.+)$/);
  if (!m) return e.field && e.field !== '*' ? t('directoryImport.problemIn', { message, place: e.field }) : message;
  const [, file, row, column] = m;
  const kind = t(`directoryImport.kind.${tableOf(file)}`);
  if (row === '*') return t('directoryImport.problemInFile', { kind, message, file });
  if (column === '*') return t('directoryImport.problemInRow', { kind, message, file, row });
  return t('directoryImport.problemAt', { kind, message, file, row, column });
}
