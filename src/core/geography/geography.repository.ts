import { and, asc, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import { geographies, type GeographyLevel, type GeographyRow } from './geography.tables';

export async function findById(db: Db, id: string): Promise<GeographyRow | undefined> {
  const [row] = await db.select().from(geographies).where(eq(geographies.id, id));
  return row;
}

export async function findByCode(db: Db, code: string): Promise<GeographyRow | undefined> {
  const [row] = await db.select().from(geographies).where(eq(geographies.code, code));
  return row;
}

export async function list(db: Db, f: { level?: GeographyLevel; parentId?: string; q?: string; withBoundary?: boolean }): Promise<GeographyRow[]> {
  const where: SQL[] = [];
  if (f.level) where.push(eq(geographies.level, f.level));
  if (f.parentId) where.push(eq(geographies.parentId, f.parentId));
  if (f.q) where.push(sql`rt_fold(${geographies.nameEn} || ' ' || ${geographies.nameFr}) LIKE '%' || rt_fold(${f.q}) || '%'`);
  if (f.withBoundary) where.push(isNotNull(geographies.boundary));
  return db.select().from(geographies).where(and(...where)).orderBy(asc(geographies.nameEn));
}

/** The chain from the province down to (not including) this geography. */
export async function ancestors(db: Db, id: string): Promise<GeographyRow[]> {
  const result = await db.execute(sql`
    WITH RECURSIVE up AS (
      SELECT g.*, 0 AS depth FROM geographies g WHERE g.id = (SELECT parent_id FROM geographies WHERE id = ${id})
      UNION ALL
      SELECT g.*, up.depth + 1 FROM geographies g JOIN up ON g.id = up.parent_id WHERE up.depth < 20
    )
    SELECT id, code, name_en AS "nameEn", name_fr AS "nameFr", level FROM up ORDER BY depth DESC`);
  return (result as unknown as { rows: GeographyRow[] }).rows;
}

export async function insert(db: Db, values: typeof geographies.$inferInsert): Promise<GeographyRow> {
  const [row] = await db.insert(geographies).values(values).returning();
  return row;
}

export async function updateIfVersion(db: Db, id: string, version: number, values: Partial<typeof geographies.$inferInsert>): Promise<GeographyRow | undefined> {
  const [row] = await db
    .update(geographies)
    .set({ ...values, version: sql`${geographies.version} + 1`, updatedAt: new Date() })
    .where(and(eq(geographies.id, id), eq(geographies.version, version)))
    .returning();
  return row;
}
