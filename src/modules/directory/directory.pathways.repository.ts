/**
 * Read-only, for the pathways module (issue 16): the names of directory services a pathway's
 * steps name, and services found by exact name (for seeds and imports).
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../core/db/database';
import { arrayParam } from '../../core/db/params';

export interface ServiceSummary {
  id: string;
  name: string;
  nameFr: string;
  organizationId: string;
}

export async function serviceSummaries(db: Db, ids: string[]): Promise<ServiceSummary[]> {
  if (ids.length === 0) return [];
  return rowsOf<ServiceSummary>(db, sql`
    SELECT id, name, coalesce(translations #>> '{fr,name}', name) AS "nameFr", organization_id AS "organizationId"
    FROM directory_services WHERE id = ANY(${arrayParam(ids, 'uuid')})`);
}

export async function serviceIdByName(db: Db, name: string): Promise<string | undefined> {
  const [row] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM directory_services WHERE name = ${name} ORDER BY id LIMIT 1`);
  return row?.id;
}

/** Active services whose name or organization contains the words (for pickers), at most `limit`. */
export function searchServiceSummaries(db: Db, q: string, limit: number): Promise<(ServiceSummary & { organizationName: string })[]> {
  return rowsOf(db, sql`
    SELECT s.id, s.name, coalesce(s.translations #>> '{fr,name}', s.name) AS "nameFr", s.organization_id AS "organizationId", o.legal_name AS "organizationName"
    FROM directory_services s JOIN organizations o ON o.id = s.organization_id
    WHERE s.status = 'active' AND (s.name ILIKE ${'%' + q + '%'} OR o.legal_name ILIKE ${'%' + q + '%'})
    ORDER BY s.name LIMIT ${limit}`);
}
