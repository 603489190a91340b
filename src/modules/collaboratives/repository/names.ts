/** Collaboratives' names and catchments by id (read-only; the knowledge exchange shows network members by name). */
import { inArray } from 'drizzle-orm';
import type { Db } from '../../../core/db/database';
import { collaboratives } from '../collaboratives.tables';

export async function namesByIds(db: Db, ids: string[]): Promise<Map<string, { name: string; catchmentGeographyId: string | null }>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: collaboratives.id, name: collaboratives.name, catchment: collaboratives.catchmentGeographyId }).from(collaboratives).where(inArray(collaboratives.id, ids));
  return new Map(rows.map((r) => [r.id, { name: r.name, catchmentGeographyId: r.catchment ?? null }]));
}
