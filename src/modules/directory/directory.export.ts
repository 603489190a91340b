import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import { escapeFormula } from '../../core/http/csv';
import type { Database, Db } from '../../core/db/database';
import { silentProgress, type Progress } from '../../core/db/backup';
import { listGeographies } from '../../core/geography/geography.service';
import { descriptorResource, tableSpecs, type FieldSpec, type TableSpec } from './directory.package';
import { dbTables } from './directory.import';

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

const q = (c: string) => `"${c}"`;

function expr(table: TableSpec, f: FieldSpec): string {
  let col = `t.${q(f.name)}`;
  if (f.name === 'geography_code') col = 't.geography_id';
  if (table.name === 'service' && f.name === 'last_modified') col = 't.updated_at';
  // Kept as a timestamp, declared a date by HSDS: written as a date.
  if (f.definition.type === 'date' && f.type === 'datetime') return `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
  switch (f.type) {
    case 'uuid':
      return `${col}::text`;
    case 'number':
      return `${col}::float8`;
    case 'date':
      return `to_char(${col}, 'YYYY-MM-DD')`;
    case 'datetime':
      return `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
    case 'time':
      return `${col}::text`;
    case 'integer':
      return `${col}::int`;
    default:
      return f.name === 'geography_code' ? `${col}::text` : col;
  }
}

// organizations: HSDS organization rows are the core registry; the exporter reads the organizations the directory uses (see docs/decisions/0004)
const organizationQuery = `
  WITH RECURSIVE used AS (
    SELECT organization_id AS id FROM directory_organization_details
    UNION SELECT organization_id FROM directory_organization_identifiers
    UNION SELECT organization_id FROM directory_programs
    UNION SELECT organization_id FROM directory_services
    UNION SELECT organization_id FROM directory_locations WHERE organization_id IS NOT NULL
    UNION SELECT organization_id FROM directory_contacts WHERE organization_id IS NOT NULL
    UNION SELECT organization_id FROM directory_phones WHERE organization_id IS NOT NULL
    UNION SELECT organization_id FROM directory_fundings WHERE organization_id IS NOT NULL
  ), tree AS (
    SELECT id FROM used
    UNION SELECT o.parent_id FROM organizations o JOIN tree ON o.id = tree.id WHERE o.parent_id IS NOT NULL
  )
  SELECT o.id::text AS id, o.legal_name AS name, o.alternate_names[1] AS alternate_name, coalesce(o.description, '') AS description,
    o.email, o.website, d.tax_status, d.tax_id, d.year_incorporated, d.legal_status, d.logo, d.uri,
    o.parent_id::text AS parent_organization_id, coalesce(d.translations, '{}'::jsonb) AS translations
  FROM organizations o LEFT JOIN directory_organization_details d ON d.organization_id = o.id
  WHERE o.id IN (SELECT id FROM tree)
  ORDER BY o.id`;

async function rowsOf(tx: Db, table: TableSpec): Promise<Record<string, unknown>[]> {
  const text =
    table.name === 'organization'
      ? organizationQuery
      : `SELECT ${table.fields.map((f) => `${expr(table, f)} AS ${q(f.name)}`).join(', ')} FROM ${dbTables[table.name]} t ORDER BY t.id`;
  return ((await tx.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] }).rows;
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
        const rows = await rowsOf(tx, t);
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
