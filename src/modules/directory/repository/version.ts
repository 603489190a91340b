import { sql } from 'drizzle-orm';
import type { Db } from '../../../core/db/database';

/**
 * After a restore the version row holds the backup's number, which the live directory may
 * already have passed with other data: answers cached under those numbers would come back. It
 * jumps to the clock in milliseconds (or one past itself if that is higher), a number no
 * earlier timeline reached unless it made more than a write per millisecond since its last jump.
 */
export async function moveVersionPastRestore(tx: Db): Promise<void> {
  await tx.execute(sql`UPDATE directory_version SET version = greatest(version + 1, (extract(epoch FROM clock_timestamp()) * 1000)::bigint) WHERE id`);
}

/**
 * The directory's version (migration 0070): every write to a table the finder answers from
 * moves it on in its own transaction. Read from the database that answers, so on a replica it is
 * the version of the data that replica holds.
 */
export async function directoryVersion(db: Db): Promise<string> {
  const r = (await db.execute(sql`SELECT version::text AS v FROM directory_version`)) as unknown as { rows: { v: string }[] };
  return r.rows[0]?.v ?? '0';
}
