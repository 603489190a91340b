import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from './database';
import { migrate, type MigrationSource } from './migrate';

/**
 * The embedded database's start-up template: an empty, migrated PGlite data directory saved
 * as a tarball when the app is built (`npm run build`). A first start on a new data directory
 * loads it instead of running initdb and every migration inside WebAssembly, which is most of
 * a first start (docs/scaling.md, Start-up). It is used only when it was made from exactly
 * these migration files with this PGlite release; otherwise the start runs initdb as before.
 * Seeds are not in it: reference data, demo data and the encryption key belong to each
 * installation.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const TEMPLATE_FILE = path.join(root, 'dist', 'database-template.tar');
const stampFile = (file: string) => `${file}.stamp`;

function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  let dir = path.dirname(require.resolve('@electric-sql/pglite'));
  while (!fs.existsSync(path.join(dir, 'package.json')) && dir !== path.dirname(dir)) dir = path.dirname(dir);
  return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Every migration file under src/, by path, in a stable order. */
function migrationFiles(dir = path.join(root, 'src')): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...migrationFiles(p));
    else if (path.basename(dir) === 'migrations' && /^\d{4}_[\w-]+\.sql$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** What the template was made from: the PGlite release and every migration file's content. */
export function templateStamp(): string {
  const hash = crypto.createHash('sha256').update(`pglite ${pgliteVersion()}\n`);
  for (const f of migrationFiles()) hash.update(`${path.relative(root, f)}\n`).update(fs.readFileSync(f));
  return hash.digest('hex');
}

/** True when the template on disk was made from the migrations and PGlite of this code. */
export function templateIsCurrent(file = TEMPLATE_FILE): boolean {
  return fs.existsSync(file) && fs.existsSync(stampFile(file)) && fs.readFileSync(stampFile(file), 'utf8') === templateStamp();
}

/** Builds the template from the modules' migrations, in their order. */
export async function buildTemplate(sources: MigrationSource[], file = TEMPLATE_FILE): Promise<void> {
  const stamp = templateStamp();
  const database = await openDatabase({ memory: true });
  try {
    await migrate(database, sources);
    const client = (database as unknown as { db: { $client: { dumpDataDir(c: 'none'): Promise<Blob> } } }).db.$client;
    const tar = Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer());
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(`${file}.partial`, tar);
    fs.renameSync(`${file}.partial`, file);
    fs.writeFileSync(stampFile(file), stamp);
  } finally {
    await database.close();
  }
}

/**
 * The template to start a new embedded data directory from, or undefined when the directory
 * already holds a database or no current template exists.
 */
export function templateForNewDataDir(dataDir: string, file = TEMPLATE_FILE): Blob | undefined {
  const pg = path.join(path.resolve(dataDir), 'pg');
  if (fs.existsSync(pg) && fs.readdirSync(pg).length > 0) return undefined;
  return currentTemplate(file);
}

/** The template as a tarball for PGlite's `loadDataDir`, when it is current. */
export function currentTemplate(file = TEMPLATE_FILE): Blob | undefined {
  return templateIsCurrent(file) ? new Blob([fs.readFileSync(file)]) : undefined;
}
