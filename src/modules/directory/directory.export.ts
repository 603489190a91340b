import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { escapeFormula } from '../../core/http/csv';
import type { Database } from '../../core/db/database';
import { silentProgress, type Progress } from '../../core/db/backup';
import { listGeographies } from '../../core/geography/geography.service';
import { descriptorResource, tableSpecs } from './directory.package';
import { exportRows } from './repository/export';

/**
 * HSDS 3.0 export: every table of the directory, every HSDS field (null where empty) plus
 * Roundtable's extension fields, rows ordered by id, read in one consistent snapshot.
 * `csv` writes datapackage.json and one CSV file per table; `json` writes one
 * datapackage.json with the rows inline. Either one imports back without loss.
 */

export type ExportFormat = 'csv' | 'json';
export interface ExportSummary {
  format: ExportFormat;
  dir: string;
  tables: Record<string, number>;
  services: number;
}

export async function exportPackage(database: Database, dir: string, opts: { format: ExportFormat; progress?: Progress }): Promise<ExportSummary> {
  const progress = opts.progress ?? silentProgress;
  const specs = [...tableSpecs().values()];
  const codes = new Map((await listGeographies(database, {})).map((g) => [g.id, g.code]));
  const data = new Map<string, Record<string, unknown>[]>();
  progress.start(specs.length, 'tables');
  await database.db.transaction(
    async (tx) => {
      for (const t of specs) {
        const rows = await exportRows(tx, t);
        // Same field order as the descriptor, whatever order the driver returns.
        const ordered = rows.map((r) => {
          const o: Record<string, unknown> = {};
          for (const f of t.fields) {
            const v = r[f.name] ?? null;
            o[f.name] = f.name === 'geography_code' && v ? (codes.get(v as string) ?? null) : v;
          }
          return o;
        });
        data.set(t.name, ordered);
        progress.tick(1);
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  progress.stop();

  fs.mkdirSync(dir, { recursive: true });
  const descriptor = {
    name: 'roundtable-directory',
    title: 'Roundtable service directory (HSDS 3.0)',
    profile: opts.format === 'csv' ? 'tabular-data-package' : 'data-package',
    'x-hsds-version': '3.0.0',
    'x-roundtable-extensions':
      'translations, eligibility, geography_code, last_verified_at, last_verified_by and updated_by fields; HSDS 3.1 unit and service_capacity tables',
    resources: specs.map((t) => {
      const r = descriptorResource(t);
      if (opts.format === 'csv') return { ...r, format: 'csv', mediatype: 'text/csv' };
      const { path: _path, ...inline } = r;
      return { ...inline, data: data.get(t.name) };
    }),
  };
  fs.writeFileSync(path.join(dir, 'datapackage.json'), `${JSON.stringify(descriptor, null, 2)}\n`);
  if (opts.format === 'csv') {
    for (const t of specs) {
      const csv = stringify(data.get(t.name)!, {
        header: true,
        columns: t.fields.map((f) => f.name),
        // An empty string is written "" and null as an empty cell, so the import tells them apart.
        cast: {
          string: (v) => (v === '' ? { value: '', quoted_empty: true } : escapeFormula(v)),
          object: (v) => JSON.stringify(v),
          number: (v) => String(v),
          boolean: (v) => String(v),
        },
      });
      fs.writeFileSync(path.join(dir, t.path), csv);
    }
  }
  const tables = Object.fromEntries(specs.map((t) => [t.name, data.get(t.name)!.length]));
  return { format: opts.format, dir, tables, services: tables.service };
}
