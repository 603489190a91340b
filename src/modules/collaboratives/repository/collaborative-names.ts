/** Read-only, for the pathways module (issue 16): collaboratives' names by id (public facts). */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../core/db/database';
import { arrayParam } from '../../../core/db/params';

export async function collaborativeNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await rowsOf<{ id: string; name: string }>(db, sql`SELECT id, name FROM collaboratives WHERE id = ANY(${arrayParam(ids, 'uuid')})`);
  return new Map(rows.map((r) => [r.id, r.name]));
}
