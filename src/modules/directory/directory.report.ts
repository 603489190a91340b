import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { escapeFormula } from '../../core/http/csv';
import type { ImportSummary, ReportEntry } from './directory.import';

/** The columns of the lenient import's report, in CSV and JSON alike. */
export const REPORT_COLUMNS = ['file', 'row', 'field', 'value', 'reason'] as const;

/** The report as CSV text; formula-like cells are prefixed so a spreadsheet shows them as text. */
export function reportCsv(report: ReportEntry[]): string {
  return stringify(
    report.map((r) => ({ ...r, row: r.row ?? '' })),
    { header: true, columns: [...REPORT_COLUMNS], cast: { string: escapeFormula } },
  );
}

/** Writes BASE.csv and BASE.json (BASE without its extension); returns the two paths. */
export function writeImportReport(report: ReportEntry[], base: string): { csv: string; json: string } {
  const stem = base.replace(/\.(csv|json)$/i, '');
  fs.mkdirSync(path.dirname(stem), { recursive: true });
  const csv = `${stem}.csv`;
  const json = `${stem}.json`;
  fs.writeFileSync(csv, reportCsv(report));
  fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  return { csv, json };
}

/** One line for the CLI. */
export function importMessage(s: ImportSummary, written?: { csv: string; json: string }): string {
  const c = s.tables.service ?? { created: 0, updated: 0, unchanged: 0 };
  const tables = Object.keys(s.tables).length;
  let line = `${s.dryRun ? 'Dry run: would import' : 'Imported'} ${s.services} services (${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged) from ${tables} tables.`;
  if (s.ignored.length) line += ` Ignored: ${s.ignored.join(', ')}.`;
  if (s.skipInvalid) {
    const skipped = s.report.filter((r) => r.reason.endsWith('the row was skipped')).length;
    line += ` ${skipped} row(s) skipped, ${s.report.length - skipped} value(s) set to null or warned about`;
    line += written ? `; report: ${written.csv} and ${written.json}.` : '.';
  }
  return line;
}
