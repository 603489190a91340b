import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Database } from './database';

export interface MigrationSource {
  /** Module name; migration ids are `<module>/<file>`. */
  module: string;
  dir: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies each module's SQL migrations in module order, then file order. Each file runs in
 * its own transaction with its bookkeeping row, so a failed file leaves nothing behind.
 * An advisory lock keeps two servers on one PostgreSQL from migrating at once.
 */
export async function migrate(
  database: Database,
  sources: MigrationSource[],
  onApply?: (id: string) => void,
  /** Apply only these ids (restore rebuilds a backup's schema before migrating forward). */
  only?: Set<string>,
): Promise<MigrationResult> {
  await database.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  if (database.kind === 'postgres') await database.query('SELECT pg_advisory_lock(7419027)');
  try {
    const rows = await database.query<{ id: string; checksum: string }>('SELECT id, checksum FROM schema_migrations');
    const done = new Map(rows.map((r) => [r.id, r.checksum]));
    const applied: string[] = [];
    for (const { module, dir } of sources) {
      for (const file of listSqlFiles(dir)) {
        const id = `${module}/${file}`;
        if (only && !only.has(id)) continue;
        const text = fs.readFileSync(path.join(dir, file), 'utf8');
        const checksum = crypto.createHash('sha256').update(text).digest('hex');
        const previous = done.get(id);
        if (previous) {
          if (previous !== checksum) {
            throw new Error(`Migration ${id} was changed after it was applied; add a new migration instead of editing it.`);
          }
          continue;
        }
        const escaped = checksum.replace(/'/g, "''");
        try {
          await database.script(`${text}\n;INSERT INTO schema_migrations (id, checksum) VALUES ('${id}', '${escaped}');`);
        } catch (err) {
          throw new Error(`Migration ${id} failed: ${(err as Error).message}`);
        }
        applied.push(id);
        onApply?.(id);
      }
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    if (database.kind === 'postgres') await database.query('SELECT pg_advisory_unlock(7419027)');
  }
}

/** Every migration id the code knows, in order. */
export function knownMigrations(sources: MigrationSource[]): string[] {
  return sources.flatMap(({ module, dir }) => listSqlFiles(dir).map((f) => `${module}/${f}`));
}

function listSqlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
}
