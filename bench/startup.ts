/**
 * Start-up on the embedded database, split into its parts: loading the server's modules,
 * opening PGlite (a new data directory runs initdb), migrations, each module's seed with demo
 * data, and building the app; then a warm start on the same data directory (open, migrations
 * already applied, app). Env: BENCH_DATA_DIR (default: a new temporary directory).
 *
 * A script, not a test: exits 0 whether or not the targets are met and ends with one JSON line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const TARGETS: Record<string, { max: number }> = { first_start_ms: { max: 8000 }, warm_start_ms: { max: 1500 } };
const ms = (since: number) => Math.round(performance.now() - since);

async function main() {
  let t = performance.now();
  const { openDatabase } = await import('../src/core/db/database');
  const { templateForNewDataDir } = await import('../src/core/db/template');
  const { migrateModules, seedModules, demoLoaded } = await import('../src/core/db/lifecycle');
  const { allModules } = await import('../src/modules');
  const { buildApp } = await import('../src/app');
  const { loadConfig } = await import('../src/config');
  const importMs = ms(t);
  const dir = process.env.BENCH_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'rt-bench-startup-'));
  const config = { ...loadConfig({ ROUNDTABLE_DEMO: 'true', DATA_DIR: dir, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv), demo: true };
  console.log(`start-up bench: data dir ${dir}; Node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`  loading the server's modules: ${importMs} ms (once per process)`);

  const first = performance.now();
  t = performance.now();
  // As the server does: a new data directory starts from the build's migrated template when there is one.
  const template = templateForNewDataDir(dir);
  let database = await openDatabase({ dataDir: dir, loadDataDir: template });
  const openMs = ms(t);
  console.log(`  ${template ? 'from the build\'s database template (dist/database-template.tar)' : 'no current database template: initdb (run npm run build to make one)'}`);
  t = performance.now();
  await migrateModules(database, allModules);
  const migrateMs = ms(t);
  const seedMs: Record<string, number> = {};
  for (const m of allModules) {
    t = performance.now();
    await seedModules(database, [m], { demo: true });
    seedMs[m.name] = ms(t);
  }
  t = performance.now();
  let app = await buildApp({ database, config });
  await app.ready();
  const buildMs = ms(t);
  const firstMs = ms(first);
  console.log(`  first start ${firstMs} ms: open ${openMs} · migrations ${migrateMs} · seeds ${Object.values(seedMs).reduce((a, b) => a + b, 0)} · app ${buildMs}`);
  console.log(`    seeds by module: ${Object.entries(seedMs).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  await app.close();
  await database.close();

  const warm = performance.now();
  t = performance.now();
  database = await openDatabase({ dataDir: dir });
  const warmOpenMs = ms(t);
  t = performance.now();
  await migrateModules(database, allModules);
  const loaded = await demoLoaded(database);
  const warmMigrateMs = ms(t);
  t = performance.now();
  app = await buildApp({ database, config });
  await app.ready();
  const warmBuildMs = ms(t);
  const warmMs = ms(warm);
  console.log(`  warm start ${warmMs} ms: open ${warmOpenMs} · migrations (none to apply) ${warmMigrateMs} · app ${warmBuildMs}; demo data present: ${loaded}`);
  await app.close();
  await database.close();
  if (!process.env.BENCH_DATA_DIR) fs.rmSync(dir, { recursive: true, force: true });

  const results = { import_ms: importMs, first_start_ms: firstMs, first_open_ms: openMs, first_migrate_ms: migrateMs, first_seed_ms: seedMs, first_app_ms: buildMs, warm_start_ms: warmMs, warm_open_ms: warmOpenMs, warm_migrate_ms: warmMigrateMs, warm_app_ms: warmBuildMs, load: os.loadavg() };
  const pass = Object.fromEntries(Object.entries(TARGETS).map(([k, v]) => [k, (results as unknown as Record<string, number>)[k] <= v.max]));
  console.log(JSON.stringify({ bench: 'startup', results, targets: TARGETS, pass }));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`startup bench failed: ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
