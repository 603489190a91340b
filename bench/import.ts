/**
 * HSDS import at Ontario 211 scale on PostgreSQL: services/s, peak RSS, against the floor (a bare COPY of the same CSVs).
 *
 * Generates the synthetic, deterministic HSDS 3.0 CSV package of the directory bench (60,000
 * services, 20,000 organizations, 30,000 locations, ~500,000 rows) in the system temp dir,
 * creates its own database (BENCH_DB_NAME, default rt_bench_import) with migrations and demo data, then:
 * 1. the floor: a bare `COPY … FROM STDIN (FORMAT csv, HEADER)` of every CSV file into temporary
 *    tables with the staging tables' columns and types (no checks, no merge, no search
 *    documents), in one transaction rolled back afterwards: the fastest this server takes the bytes;
 * 2. the import: importPackage on the empty directory (services/s, rows/s, the phases, peak RSS
 *    of this process sampled every 50 ms);
 * 3. the same package again (idempotent: nothing created or updated) and its time.
 * It prints the import/floor ratio and the machine's load average.
 *
 * Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_DB_NAME,
 * BENCH_SERVICES (60000), BENCH_REIMPORT (1: also time the second import), BENCH_KEEP_DB (1).
 *
 * It is a script, not a test: it exits 0 whether or not the targets are met, and ends with one
 * JSON line of the figures, the targets and pass/fail per target.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { FULL_SCALE, scaled, writeDirectoryPackage } from './lib/synthetic-directory';
import { benchDatabase, gc, mb, ms, now, num, round, RssSampler } from './lib/common';
import { copyFrom } from './lib/pg-copy';
import { redactUrl } from '../src/core/db/database';

const SERVICES = num('BENCH_SERVICES', FULL_SCALE.services, 300, 200_000);
const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_BENCH_DB = process.env.BENCH_DB_NAME ?? 'rt_bench_import';
const KEEP_DB = process.env.BENCH_KEEP_DB === '1';
const REIMPORT = process.env.BENCH_REIMPORT !== '0';
const benchDb = benchDatabase(PG_ADMIN_URL, PG_BENCH_DB);

const TARGETS: Record<string, { max?: number; min?: number }> = {
  'postgres.import_services_per_s': { min: 5000 },
  'postgres.rss_import_growth_mb': { max: 300 },
  'postgres.reimport_changed_rows': { max: 0 },
};

const load = () => os.loadavg().map((l) => round(l, 2));

/** COPY of every CSV file as it is into temporary tables typed like the staging tables; rolled back. */
async function floor(url: string, dir: string): Promise<{ ms: number; rows: number }> {
  const { tableSpecs } = await import('../src/modules/directory/directory.package');
  const { dbTables } = await import('../src/modules/directory/directory.import');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const t = now();
    let rows = 0;
    for (const spec of tableSpecs().values()) {
      const file = path.join(dir, spec.path);
      if (!fs.existsSync(file)) continue;
      const header = fs.readFileSync(file, 'utf8').slice(0, 4096).split('\n')[0].split(',').map((h) => h.trim());
      // The staging table's types: those of the real columns (text where a field has no column of its own).
      const types = await client.query<{ attname: string; type: string }>(
        `SELECT attname, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
        [dbTables[spec.name]],
      );
      const byName = new Map(types.rows.map((r) => [r.attname, r.type]));
      const table = `rt_floor_${spec.name}`;
      await client.query(`CREATE TEMP TABLE ${table} (${header.map((h) => `"${h}" ${byName.get(h) ?? 'text'}`).join(', ')})`);
      rows += await copyFrom(client, `COPY ${table} FROM STDIN (FORMAT csv, HEADER true)`, fs.createReadStream(file) as AsyncIterable<Buffer>);
    }
    const took = ms(t);
    await client.query('ROLLBACK');
    return { ms: took, rows };
  } finally {
    await client.end();
  }
}

async function main() {
  const host = new URL(PG_ADMIN_URL).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`BENCH_DATABASE_URL must point at loopback (got ${host})`);
  console.log(`import bench: ${SERVICES} services on PostgreSQL (${redactUrl(benchDb.url)}); Node ${process.version}, ${os.cpus().length} CPUs; load average ${load().join(' ')}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-bench-import-'));
  const results: Record<string, number | boolean | string | null | Record<string, unknown>> = {};
  try {
    let t = now();
    const pkg = writeDirectoryPackage(path.join(work, 'package'), SERVICES === FULL_SCALE.services ? FULL_SCALE : scaled(SERVICES));
    console.log(`generated: ${pkg.scale.services} services, ${pkg.totalRows} rows, ${mb(pkg.bytes)} MB of CSV in ${ms(t)} ms`);

    await benchDb.drop();
    await benchDb.create();
    const { startServer } = await import('../src/server');
    const { loadConfig } = await import('../src/config');
    const { importPackage } = await import('../src/modules/directory/directory.import');
    const { systemActor } = await import('../src/core/accounts/actor');
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ROUNDTABLE_DEMO: 'true', DATA_DIR: path.join(work, 'data'), DATABASE_URL: benchDb.url, ROUNDTABLE_ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64') });
    t = now();
    const server = await startServer(config, { quiet: true });
    console.log(`  ready (migrations + demo data): ${ms(t)} ms`);
    try {
      // 1. The floor.
      const f = await floor(benchDb.url, pkg.dir);
      const floorServicesPerS = round(pkg.scale.services / (f.ms / 1000), 0);
      console.log(`  floor: bare COPY of the ${f.rows} CSV rows into typed tables: ${f.ms} ms → ${floorServicesPerS} services/s (load ${load().join(' ')})`);

      // 2. The import.
      const marks: Record<string, bigint> = {};
      let label = '';
      const progress = {
        start(_n: number, what: string) {
          label = what;
          marks[`${what}:start`] = now();
        },
        tick() {},
        stop() {
          marks[`${label}:stop`] ??= now();
        },
      };
      gc?.();
      const rssBefore = process.memoryUsage().rss;
      const rss = new RssSampler();
      rss.start();
      t = now();
      const summary = await importPackage(server.database, systemActor('bench'), pkg.dir, { progress });
      const end = now();
      const importMs = ms(t);
      const rssPeak = rss.stop();
      const span = (a?: bigint, b?: bigint) => (a && b ? round(Number(b - a) / 1e6, 0) : null);
      const phases = {
        read_check_stage_ms: span(marks['rows:start'], marks['rows:stop']),
        package_checks_ms: span(marks['rows:stop'], marks['rows merged:start']),
        merge_ms: span(marks['rows merged:start'], marks['rows merged:stop']),
        derive_analyze_ms: span(marks['rows merged:stop'], marks['services indexed:start']),
        search_index_ms: span(marks['services indexed:start'], marks['services indexed:stop']),
        audit_commit_ms: span(marks['services indexed:stop'], end),
      };
      const created = Object.values(summary.tables).reduce((a, c) => a + c.created, 0);
      const servicesPerS = round(pkg.scale.services / (importMs / 1000), 0);
      console.log(`  import: ${importMs} ms → ${servicesPerS} services/s, ${round(pkg.totalRows / (importMs / 1000), 0)} rows/s (${created} rows created); peak RSS ${mb(rssPeak)} MB, ${mb(rssPeak - rssBefore)} MB over the ${mb(rssBefore)} MB before (load ${load().join(' ')})`);
      console.log(`    ${Object.entries(phases).map(([k, v]) => `${k.replace(/_ms$/, '')} ${v} ms`).join(' · ')}`);
      console.log(`  import / floor: ${round(importMs / f.ms, 1)}× the time of a bare COPY`);
      Object.assign(results, {
        floor_ms: f.ms,
        floor_services_per_s: floorServicesPerS,
        import_ms: importMs,
        import_services_per_s: servicesPerS,
        import_rows_per_s: round(pkg.totalRows / (importMs / 1000), 0),
        import_floor_ratio: round(importMs / f.ms, 2),
        import_phases_ms: phases,
        rows_created: created,
        rss_before_import_mb: mb(rssBefore),
        rss_peak_import_mb: mb(rssPeak),
        rss_import_growth_mb: mb(rssPeak - rssBefore),
      });

      // 3. Again: nothing changes.
      if (REIMPORT) {
        t = now();
        const again = await importPackage(server.database, systemActor('bench'), pkg.dir);
        const againMs = ms(t);
        const changed = Object.values(again.tables).reduce((a, c) => a + c.created + c.updated, 0);
        console.log(`  the same package again: ${againMs} ms, ${changed} rows created or updated (load ${load().join(' ')})`);
        Object.assign(results, { reimport_ms: againMs, reimport_changed_rows: changed });
      }
    } finally {
      await server.close();
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    if (!KEEP_DB) await benchDb.drop().catch(() => undefined);
  }

  const pass: Record<string, boolean | null> = {};
  console.log('\nTargets:');
  for (const [key, target] of Object.entries(TARGETS)) {
    const value = results[key.split('.')[1]] as number | undefined;
    if (value === undefined) {
      pass[key] = null;
      console.log(`  ${key.padEnd(34)} not measured`);
      continue;
    }
    const ok = (target.max === undefined || value <= target.max) && (target.min === undefined || value >= target.min);
    pass[key] = ok;
    console.log(`  ${key.padEnd(34)} ${String(value).padStart(8)}  (target ${target.max !== undefined ? `≤ ${target.max}` : `≥ ${target.min}`})  ${ok ? 'PASS' : 'FAIL'}`);
  }
  console.log(JSON.stringify({ bench: 'import', config: { services: SERVICES, node: process.version, cpus: os.cpus().length, load_average: load() }, results: { postgres: results }, targets: TARGETS, pass }));
}

main()
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(`import bench failed: ${(err as Error).stack ?? err}`);
    process.exit(1);
  });
