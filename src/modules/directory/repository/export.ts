/** The SQL of the HSDS export (directory.export.ts): each table's rows as HSDS fields. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../../core/db/database';
import type { FieldSpec, TableSpec } from '../directory.package';
import { dbTables } from '../directory.import';

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

/** Every row of one HSDS table, each field as HSDS writes it, ordered by id. */
export async function exportRows(tx: Db, table: TableSpec): Promise<Record<string, unknown>[]> {
  const text =
    table.name === 'organization'
      ? organizationQuery
      : `SELECT ${table.fields.map((f) => `${expr(table, f)} AS ${q(f.name)}`).join(', ')} FROM ${dbTables[table.name]} t ORDER BY t.id`;
  return ((await tx.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] }).rows;
}

