import { sql } from 'drizzle-orm';
import type { Database } from './database';
import { migrate, type MigrationResult, type MigrationSource } from './migrate';
import type { ModuleManifest, SeedContext } from '../module';
import { systemActor } from '../accounts/actor';

export function migrationSources(modules: ModuleManifest[]): MigrationSource[] {
  return modules.filter((m) => m.migrationsDir).map((m) => ({ module: m.name, dir: m.migrationsDir! }));
}

export function migrateModules(database: Database, modules: ModuleManifest[], onApply?: (id: string) => void, only?: Set<string>): Promise<MigrationResult> {
  return migrate(database, migrationSources(modules), onApply, only);
}

/** Runs every module's seed. Seeds are idempotent, so running this twice adds nothing. */
export async function seedModules(database: Database, modules: ModuleManifest[], opts: { demo: boolean; log?: (m: string) => void }): Promise<void> {
  const ctx: SeedContext = { database, actor: systemActor('seed'), demo: opts.demo, log: opts.log ?? (() => {}) };
  for (const m of modules) if (m.seed) await m.seed(ctx);
  if (opts.demo) await markDemoLoaded(database);
}

export async function demoLoaded(database: Database): Promise<boolean> {
  const rows = await database.query("SELECT 1 FROM app_meta WHERE key = 'demo_loaded'");
  return rows.length > 0;
}

async function markDemoLoaded(database: Database): Promise<void> {
  await database.db.execute(sql`INSERT INTO app_meta (key, value) VALUES ('demo_loaded', to_jsonb(now())) ON CONFLICT (key) DO NOTHING`);
}
