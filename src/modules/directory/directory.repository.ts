import { sql } from 'drizzle-orm';
import type { Db } from '../../core/db/database';
import { arrayParam } from '../../core/db/params';

/**
 * SQL the HSDS import shares with the rest of the directory: refreshing planner statistics after a
 * large load, and rebuilding search documents. The import's own staging and merge SQL is in
 * repository/import.repository.ts.
 */

const IDENT = /^[a-z_][a-z0-9_]*$/;
function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`Not an identifier: ${name}`);
  return `"${name}"`;
}

/** Tables whose statistics the search-document rebuild's plan depends on, refreshed after a large load. */
export const ANALYZED_TABLES = [
  'directory_services',
  'directory_attributes',
  'directory_taxonomy_terms',
  'directory_languages',
  'directory_service_at_locations',
  'directory_locations',
  'directory_service_areas',
  'directory_cost_options',
  'directory_accessibility',
  'organizations',
] as const;

/** ANALYZE one table (one short statement each, so the embedded database can answer between them). */
export async function analyzeTable(tx: Db, table: (typeof ANALYZED_TABLES)[number]): Promise<void> {
  await tx.execute(sql.raw(`ANALYZE ${ident(table)}`));
}

/** Rebuilds the search documents of these services. */
export async function refreshSearch(tx: Db, serviceIds: string[]): Promise<void> {
  if (serviceIds.length) await tx.execute(sql`SELECT directory_refresh_search(${arrayParam(serviceIds, 'uuid')})`);
}
