/**
 * Service directory at Ontario 211 scale: HSDS CSV import time and finder search latency (text, filtered, proximity), on PostgreSQL and PGlite.
 *
 * Generates a synthetic, deterministic HSDS 3.0 CSV datapackage (60,000 services, 20,000
 * organizations, 30,000 locations and their service_at_locations, addresses, languages, costs,
 * schedules, taxonomy and attributes) in the system temp dir. For each backend: start the app on
 * an empty database (migrations + Durham demo data), import the package with importPackage and
 * time it (services/s, rows/s, and the read+validate / write / index phases), ANALYZE, time a few
 * single requests one at a time, then drive the public finder (GET /api/v1/finder/services) with
 * concurrent clients (autocannon in a child process) for four scenarios: text search, filtered
 * search, proximity search, and the HSDA GET /hsds/services?postcode=&proximity=.
 *
 * Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres; the bench creates
 * and drops its own database rt_bench_directory there), BENCH_BACKENDS (postgres,pglite),
 * BENCH_DURATION_S (8), BENCH_CONNECTIONS (10), BENCH_SERVICES (60000),
 * BENCH_PGLITE_SERVICES (default: the full package, as on PostgreSQL; smaller for a quick run),
 * BENCH_DEADLINE_MIN (12: the whole run's limit), BENCH_KEEP_DB (1 keeps rt_bench_directory for EXPLAIN afterwards, and
 * seals its demo client records with a key derived from the database name, so BENCH_REUSE_DB=1 can open it again), BENCH_IMPORT_ONLY (1: the import
 * figures only, no requests). Each load prints the Node CPU the server process spent per request and the load average.
 * Each scenario runs three request mixes (BENCH_MIXES: fixed, zipf, distinct; lib/finder-mix.ts), since the finder keeps
 * its answers until the directory changes; BENCH_FINDER_CACHE=off runs the server with that cache off (uncached figures).
 *
 * It is a script, not a test: it exits 0 whether or not the targets are met, and ends with one
 * JSON line of the figures, the targets and pass/fail per target.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FULL_SCALE, scaled, writeDirectoryPackage, type GeneratedPackage } from './lib/synthetic-directory';
import { benchDatabase, gc, mb, ms, now, num, round, RssSampler, waitReady, type Running } from './lib/common';
import { redactUrl, type Database } from '../src/core/db/database';
import { referenceSql, type FinderParams } from './lib/finder-reference';

const here = path.dirname(fileURLToPath(import.meta.url));
const DURATION_S = num('BENCH_DURATION_S', 8, 1, 120);
const CONNECTIONS = num('BENCH_CONNECTIONS', 10, 1, 200);
const SERVICES = num('BENCH_SERVICES', FULL_SCALE.services, 300, 200_000);
const PGLITE_SERVICES = Math.min(SERVICES, num('BENCH_PGLITE_SERVICES', SERVICES, 300, 200_000));
const WARMUP_S = 2;
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'postgres,pglite').split(',').map((s) => s.trim());
const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_BENCH_DB = process.env.BENCH_DB_NAME ?? 'rt_bench_directory';
const benchDb = benchDatabase(PG_ADMIN_URL, PG_BENCH_DB);
const KEEP_DB = process.env.BENCH_KEEP_DB === '1' || process.env.BENCH_REUSE_DB === '1';
/** Reuse a database a previous run kept (BENCH_KEEP_DB=1) when it holds the package: skips the import. */
const REUSE_DB = process.env.BENCH_REUSE_DB === '1';
/** BENCH_IMPORT_ONLY=1: measure the import and stop (no single requests, no load). */
const IMPORT_ONLY = process.env.BENCH_IMPORT_ONLY === '1';
/** BENCH_FINDER_CACHE=off runs the server with the finder's answer cache off (FINDER_CACHE_MB=0): uncached figures. */
const FINDER_CACHE = process.env.BENCH_FINDER_CACHE === 'off' ? 'off' : 'on';
/** BENCH_MIXES: which request mixes each scenario runs (fixed: the few URLs of before, round-robin; zipf; distinct). */
const MIXES = (process.env.BENCH_MIXES ?? 'fixed,zipf,distinct').split(',').map((x) => x.trim());
/** The traffic the issue's latency target is set at: the paced runs send this many requests/s in all. */
const PACED_RPS = 150;

const TARGETS: Record<string, { max?: number; min?: number }> = {
  'postgres.import_services_per_s': { min: 5000 },
  'postgres.text_p95_ms': { max: 50 },
  'postgres.filtered_p95_ms': { max: 50 },
  'postgres.proximity_p95_ms': { max: 50 },
  'postgres.text_rps': { min: 150 },
  'postgres.filtered_rps': { min: 150 },
  'postgres.proximity_rps': { min: 150 },
  'postgres.text_zipf_p95_ms': { max: 50 },
  'postgres.filtered_zipf_p95_ms': { max: 50 },
  'postgres.proximity_zipf_p95_ms': { max: 50 },
  'postgres.text_zipf_rps': { min: 150 },
  'postgres.filtered_zipf_rps': { min: 150 },
  'postgres.proximity_zipf_rps': { min: 150 },
  'postgres.text_distinct_p95_ms': { max: 50 },
  'postgres.filtered_distinct_p95_ms': { max: 50 },
  'postgres.proximity_distinct_p95_ms': { max: 50 },
  'postgres.text_distinct_rps': { min: 150 },
  'postgres.filtered_distinct_rps': { min: 150 },
  'postgres.proximity_distinct_rps': { min: 150 },
  'postgres.text_zipf_at150_p95_ms': { max: 50 },
  'postgres.filtered_zipf_at150_p95_ms': { max: 50 },
  'postgres.proximity_zipf_at150_p95_ms': { max: 50 },
  'postgres.text_distinct_at150_p95_ms': { max: 50 },
  'postgres.filtered_distinct_at150_p95_ms': { max: 50 },
  'postgres.proximity_distinct_at150_p95_ms': { max: 50 },
  'postgres.text_distinct_at150_rps': { min: 150 },
  'postgres.filtered_distinct_at150_rps': { min: 150 },
  'postgres.proximity_distinct_at150_rps': { min: 150 },
  'postgres.reference_ratio_max': { max: 1.5 },
  'pglite.single_p95_ms': { max: 100 },
  'pglite.import_health_max_ms': { max: 1000 },
};



// ---------- the searches ----------

const TEXT_QUERIES = ['food bank', 'language classes', 'emploi', 'housing help', 'langage clases', 'counselling', 'crisis line', 'banque alimentaire', 'child care', 'tax clinic'];

interface Scenario {
  name: 'text' | 'filtered' | 'proximity' | 'hsds_proximity';
  label: string;
  paths: string[];
}

function scenarios(termIds: Record<string, string>): Scenario[] {
  const finder = (params: Record<string, string>) => `/api/v1/finder/services?${new URLSearchParams({ ...params, perPage: '20' })}`;
  return [
    { name: 'text', label: 'text search (finder q=)', paths: TEXT_QUERIES.map((q) => finder({ q })) },
    {
      name: 'filtered',
      label: 'filtered search (q= + language/free/age/termId)',
      paths: [
        finder({ q: 'food', language: 'fr' }),
        finder({ q: 'housing', free: 'true' }),
        finder({ q: 'employment', age: '30' }),
        finder({ q: 'counselling', termId: termIds.counselling }),
        finder({ q: 'classes', language: 'ar', free: 'true' }),
        finder({ q: 'emploi', language: 'fr', age: '20' }),
        finder({ termId: termIds.food, free: 'true' }),
        finder({ q: 'help', termId: termIds.housing, age: '40' }),
      ],
    },
    {
      name: 'proximity',
      label: 'proximity search (finder near= radiusKm=10)',
      paths: [
        finder({ near: 'L1H 7K4', radiusKm: '10' }),
        finder({ near: 'L1S 2B9', radiusKm: '10' }),
        finder({ near: 'L1N 4J9', radiusKm: '10' }),
        finder({ near: 'L1C 3K2', radiusKm: '10' }),
        finder({ near: 'L1H 7K4', radiusKm: '10', q: 'food bank' }),
        finder({ near: 'Whitby', radiusKm: '10', q: 'counselling' }),
      ],
    },
    {
      name: 'hsds_proximity',
      label: 'HSDA /hsds/services?postcode=&proximity=10000',
      paths: [`/hsds/services?postcode=L1H7K4&proximity=10000&per_page=20`, `/hsds/services?postcode=L1S2B9&proximity=10000&per_page=20`, `/hsds/services?postcode=L1N4J9&proximity=10000&per_page=20`],
    },
  ];
}

// ---------- HTTP ----------

interface HealthFigures {
  n: number;
  p50_ms: number;
  max_ms: number;
}

/**
 * Asks GET /health every 100 ms (one at a time) until stopped, as a load balancer would while
 * an import runs in the same process: on PGlite that shows whether the server keeps answering.
 */
function healthProbe(origin: string): { stop(): Promise<HealthFigures> } {
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const s = performance.now();
      try {
        await fetch(`${origin}/health`, { signal: AbortSignal.timeout(30_000) }).then((r) => r.arrayBuffer());
      } catch {
        /* counted by its time */
      }
      times.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const sorted = [...times].sort((a, b) => a - b);
      return { n: sorted.length, p50_ms: round(sorted[Math.floor(sorted.length / 2)] ?? 0, 0), max_ms: round(sorted[sorted.length - 1] ?? 0, 0) };
    },
  };
}


interface LoadResult {
  requests: number;
  rps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
  mean_ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

function runLoad(origin: string, paths: string[], overallRate?: number): Promise<LoadResult> {
  // The finder and the HSDA are public: no cookie. The paths go in a file (an argument holds 128 KB).
  const pathsFile = path.join(os.tmpdir(), `rt-bench-paths-${process.pid}-${crypto.randomUUID()}.txt`);
  fs.writeFileSync(pathsFile, paths.join('\n'));
  const arg = JSON.stringify({ origin, cookie: '', pathsFile, connections: CONNECTIONS, durationS: DURATION_S, warmupS: WARMUP_S, overallRate });
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(here, 'lib/load-client.mjs'), arg], { timeout: (DURATION_S + WARMUP_S + 60) * 1000, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      fs.rmSync(pathsFile, { force: true });
      if (err) return reject(new Error(`load client failed: ${err.message}\n${stderr}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop()!));
      } catch {
        reject(new Error(`load client printed no result: ${stdout}\n${stderr}`));
      }
    });
  });
}

/** One request at a time per path: how long each search takes alone, and how much it matches. */
async function serial(origin: string, paths: string[], budgetMs: number, reps = 3) {
  const out: { path: string; p50_ms: number; total: number }[] = [];
  const until = Date.now() + budgetMs;
  for (const p of paths) {
    const times: number[] = [];
    let total = -1;
    // At least one request per URL; up to `reps` while the time budget lasts.
    for (let i = 0; i < reps && (i === 0 || Date.now() < until); i++) {
      const t = now();
      const res = await fetch(origin + p, { headers: { accept: 'application/json' } });
      const body = (await res.json()) as { total?: number; total_items?: number };
      times.push(Number(now() - t) / 1e6);
      if (res.status !== 200) throw new Error(`GET ${p} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
      total = body.total ?? body.total_items ?? -1;
    }
    // With the answer cache on, only the first request searches (the others are answered from memory): it is the figure.
    const timed = FINDER_CACHE === 'on' ? times.slice(0, 1) : times.sort((a, b) => a - b);
    out.push({ path: p, p50_ms: round(timed[Math.floor(timed.length / 2)], 1), total });
  }
  return out;
}

/** Waits until requests the load client left queued in the server have been answered. */
async function drain(origin: string) {
  const res = await fetch(`${origin}/api/v1/finder/services?q=xyzzy&perPage=1`, { signal: AbortSignal.timeout(60_000) });
  await res.arrayBuffer();
  await new Promise((r) => setTimeout(r, 100));
}

// ---------- reference SQL and EXPLAIN ----------

/** The finder's URL as the search it runs (what findServices passes to searchServices). */
async function searchFor(database: Database, url: string) {
  const { locate } = await import('../src/modules/directory/repository/search');
  const u = new URL(url, 'http://x');
  const g = (k: string) => u.searchParams.get(k) ?? undefined;
  const isHsds = u.pathname.startsWith('/hsds');
  const limit = Number(g('perPage') ?? g('per_page') ?? 20);
  const near = g('near') ?? g('postcode');
  const at = near ? await locate(database.db, near) : undefined;
  const radiusKm = isHsds ? Number(g('proximity') ?? 10000) / 1000 : Number(g('radiusKm') ?? 15);
  const params: FinderParams = {
    q: g('q'),
    language: g('language'),
    free: g('free') === 'true' || undefined,
    age: g('age') === undefined ? undefined : Number(g('age')),
    termId: g('termId'),
    near: at ? { latitude: at.latitude, longitude: at.longitude, radiusKm } : undefined,
    limit,
  };
  const search = {
    q: params.q,
    termIds: params.termId ? [params.termId] : undefined,
    languageCode: params.language,
    age: params.age,
    free: params.free,
    near: params.near,
    activeOnly: !isHsds,
    limit,
    offset: 0,
  };
  return { params, search, isHsds };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Times the app's search (searchServices: spelling correction, planner settings, the search
 * statement) against the hand-written reference statement for the same answer, alternating,
 * and checks both return the same page.
 */
async function compareWithReference(database: Database, scen: Scenario[]) {
  const { searchServices, correctedWords } = await import('../src/modules/directory/repository/search');
  const rows: { scenario: string; query: string; app_ms: number; reference_ms: number; ratio: number; same: boolean }[] = [];
  console.log('  app search vs hand-written reference SQL (median of 5, same database, same run):');
  console.log('    app ms  ref ms  ratio  same  query');
  for (const s of scen) {
    if (s.name === 'hsds_proximity') continue; // the HSDA runs the same search without the active-only filter
    for (const url of s.paths) {
      const { params, search } = await searchFor(database, url);
      const words = params.q ? await correctedWords(database.db, params.q) : [];
      const ref = await referenceSql(database, params, words);
      const app: number[] = [];
      const refMs: number[] = [];
      let appIds: string[] = [];
      let refIds: string[] = [];
      for (let i = 0; i < 6; i++) {
        let t = now();
        const r = await searchServices(database.db, search);
        if (i) app.push(Number(now() - t) / 1e6);
        appIds = r.hits.map((h) => h.id);
        // The reference runs with the same planner settings the app uses (set per transaction).
        const rr = await database.db.transaction(async (tx) => {
          const { sql } = await import('drizzle-orm');
          await tx.execute(sql.raw(`SELECT set_config('max_parallel_workers_per_gather', '0', true), set_config('enable_seqscan', '${words.length ? 'off' : 'on'}', true)`));
          t = now();
          const res = (await tx.execute(sql.raw(ref))) as unknown as { rows: { id: string }[] };
          if (i) refMs.push(Number(now() - t) / 1e6);
          return res.rows;
        });
        refIds = rr.map((x) => x.id);
      }
      const a = median(app);
      const b = median(refMs);
      const same = appIds.join() === refIds.join();
      const row = { scenario: s.name, query: decodeURIComponent(url.split('?')[1]).replace(/\+/g, ' ').replace(/&?perPage=20/, ''), app_ms: round(a, 2), reference_ms: round(b, 2), ratio: round(a / b, 2), same };
      rows.push(row);
      console.log(`    ${String(row.app_ms).padStart(6)}  ${String(row.reference_ms).padStart(6)}  ${String(row.ratio).padStart(5)}  ${same ? 'yes ' : 'NO  '}  ${row.query}`);
    }
  }
  const ratios = rows.map((r) => r.ratio);
  return { rows, n: rows.length, same: rows.every((r) => r.same), ratioMax: ratios.length ? Math.max(...ratios) : null, ratioMedian: ratios.length ? median(ratios) : null };
}

/** EXPLAIN (ANALYZE, BUFFERS) of the app's search statement for the first URL of each scenario. */
async function explainFinder(database: Database, scen: Scenario[]) {
  const { searchServices } = await import('../src/modules/directory/repository/search');
  const { sql } = await import('drizzle-orm');
  for (const s of scen) {
    const { search } = await searchFor(database, s.paths[0]);
    await database.db.transaction(async (tx) => {
      const captured: { sql: string; params: unknown[] }[] = [];
      const dialect = (database.db as unknown as { dialect: { sqlToQuery(q: unknown): { sql: string; params: unknown[] } } }).dialect;
      const spy: unknown = new Proxy(tx, {
        get(target, key) {
          if (key === 'execute') return (q: unknown) => (captured.push(dialect.sqlToQuery(q)), target.execute(q as never));
          if (key === 'transaction') return (fn: (t: unknown) => unknown) => fn(spy);
          return (target as unknown as Record<string | symbol, unknown>)[key];
        },
      });
      await searchServices(spy as Database['db'], search);
      const main = captured[captured.length - 1];
      const inline = main.sql.replace(/\$(\d+)/g, (_, i) => {
        const v = main.params[Number(i) - 1];
        return typeof v === 'number' ? String(v) : `'${String(v instanceof Date ? v.toISOString() : v).replace(/'/g, "''")}'`;
      });
      const plan = (await tx.execute(sql.raw(`EXPLAIN (ANALYZE, BUFFERS) ${inline}`))) as unknown as { rows: Record<string, string>[] };
      console.log(`  EXPLAIN (ANALYZE, BUFFERS), ${s.name}: ${decodeURIComponent(s.paths[0]).replace(/\+/g, ' ')}`);
      for (const r of plan.rows) console.log(`    | ${r['QUERY PLAN']}`);
    });
  }
}

// ---------- one backend ----------

interface ScenarioResult {
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  node_cpu_ms_per_req: number | null;
}

type BackendResult = Record<string, unknown> & {
  scale: { services: number; organizations: number; locations: number; rows: number; full: boolean };
};

async function benchBackend(kind: 'pglite' | 'postgres', env: Record<string, string>, pkg: GeneratedPackage): Promise<BackendResult> {
  const { startServer } = await import('../src/server');
  const { loadConfig } = await import('../src/config');
  const { importPackage } = await import('../src/modules/directory/directory.import');
  const { systemActor } = await import('../src/core/accounts/actor');
  const { answerCacheOf } = await import('../src/modules/directory/directory.cache');
  const { mixesFor, ZIPF_POOL, ZIPF_S } = await import('./lib/finder-mix');
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ROUNDTABLE_DEMO: 'true', FINDER_CACHE_MB: FINDER_CACHE === 'off' ? '0' : '64', ...env });
  const rss = new RssSampler();
  rss.start();

  let t = now();
  const server: Running = await startServer(config, { quiet: true });
  const origin = server.url.replace('//localhost:', '//127.0.0.1:');
  await waitReady(origin, 120_000);
  const readyMs = ms(t);
  console.log(`  ready (empty database: migrations + demo data): ${readyMs} ms`);

  try {
    // ---- import ----
    const importRss = new RssSampler();
    importRss.start();
    const marks: Record<string, bigint> = {};
    let done = 0;
    let total = 0;
    let label = '';
    let lastPrint = Date.now();
    const progress = {
      start(n: number, what: string) {
        marks[`${what}:start`] = now();
        total = n;
        done = 0;
        label = what;
      },
      tick(n: number) {
        done += n;
        if (Date.now() - lastPrint > 15_000) {
          lastPrint = Date.now();
          console.log(`    … ${done}/${total} ${label}`);
        }
      },
      stop() {
        marks[`${label}:stop`] ??= now();
      },
    };
    const [{ n: already }] = await server.database.query<{ n: number }>('SELECT count(*)::int AS n FROM directory_services');
    const reused = REUSE_DB && already >= pkg.scale.services;
    let importMs: number | null = null;
    let servicesPerS: number | null = null;
    let rowsPerS: number | null = null;
    let phases: Record<string, number | null> = {};
    let rssImport = 0;
    let health: HealthFigures | null = null;
    if (reused) {
      console.log(`  reusing the kept database (${already} services): no import (BENCH_REUSE_DB=1)`);
      importRss.stop();
    } else {
      console.log(`  importing ${pkg.scale.services} services (${pkg.totalRows} rows, ${mb(pkg.bytes)} MB of CSV)…`);
      t = now();
      const probe = healthProbe(origin);
      const summary = await importPackage(server.database, systemActor('bench'), pkg.dir, { progress });
      const end = now();
      importMs = ms(t);
      health = await probe.stop();
      console.log(`  /health during the import: ${health.n} probes, p50 ${health.p50_ms} ms, max ${health.max_ms} ms`);
      rssImport = importRss.stop();
      const span = (a: bigint | undefined, b: bigint | undefined) => (a && b ? round(Number(b - a) / 1e6, 0) : null);
      phases = {
        read_validate_ms: span(t, marks['rows:start']),
        write_ms: span(marks['rows:start'], marks['rows:stop']),
        derive_analyze_ms: span(marks['rows:stop'], marks['services indexed:start']),
        index_ms: span(marks['services indexed:start'], marks['services indexed:stop']),
        commit_ms: span(marks['services indexed:stop'], end),
      };
      const created = Object.values(summary.tables).reduce((a, c) => a + c.created, 0);
      servicesPerS = round(pkg.scale.services / (importMs / 1000), 0);
      rowsPerS = round(pkg.totalRows / (importMs / 1000), 0);
      console.log(`  import: ${importMs} ms → ${servicesPerS} services/s, ${rowsPerS} rows/s (${created} rows created)`);
      console.log(`    read+validate ${phases.read_validate_ms} ms · write ${phases.write_ms} ms · derive+ANALYZE ${phases.derive_analyze_ms} ms · search index ${phases.index_ms} ms · audit+commit ${phases.commit_ms} ms`);
    }

    t = now();
    // After a bulk load autovacuum would soon set the visibility map; do it now so index-only
    // scans are measured as they run in service.
    await server.database.query(kind === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE');
    const analyzeMs = ms(t);
    const [{ n: servicesInDb }] = await server.database.query<{ n: number }>('SELECT count(*)::int AS n FROM directory_services');
    const [{ bytes: dbBytes }] = await server.database.query<{ bytes: string }>('SELECT pg_database_size(current_database())::text AS bytes');
    console.log(`  ${kind === 'postgres' ? 'VACUUM ' : ''}ANALYZE ${analyzeMs} ms; ${servicesInDb} services in the directory; database size ${mb(Number(dbBytes))} MB`);

    // ---- single requests ----
    const scen = IMPORT_ONLY ? [] : scenarios(pkg.termIds);
    const singles: Record<string, { path: string; p50_ms: number; total: number }[]> = {};
    console.log(`  single requests, one at a time (${FINDER_CACHE === 'on' ? 'the first, uncached, of up to 3' : 'median of up to 3'}; matches):`);
    for (const s of scen) {
      singles[s.name] = await serial(origin, s.paths, 6_000);
      for (const r of singles[s.name]) console.log(`    ${String(r.p50_ms).padStart(7)} ms  ${String(r.total).padStart(6)}  ${decodeURIComponent(r.path).replace(/\+/g, ' ')}`);
    }

    // ---- the app's search statement against hand-written reference SQL ----
    const compared = await compareWithReference(server.database, scen);
    const allSingles = Object.values(singles).flat().map((r) => r.p50_ms).sort((a, b) => a - b);
    const singleP95 = allSingles.length ? allSingles[Math.min(allSingles.length - 1, Math.ceil(allSingles.length * 0.95) - 1)] : null;
    if (kind === 'postgres' || process.env.BENCH_EXPLAIN === 'all') await explainFinder(server.database, scen);

    // ---- load ----
    const loadRss = new RssSampler();
    loadRss.start();
    const loads: Record<string, ScenarioResult & { cache_hit_ratio?: number | null; distinct_wrapped?: boolean }> = {};
    const cache = answerCacheOf(server.app);
    console.log(`  finder answer cache: ${cache.enabled ? `on (${mb(cache.options.maxBytes)} MB)` : 'off (BENCH_FINDER_CACHE=off)'}; mixes: ${MIXES.join(', ')} (zipf: Zipf s=${ZIPF_S} over ${ZIPF_POOL} distinct URLs per scenario; distinct: no URL asked twice in the run)`);
    const runs = scen.flatMap((sc) => {
      const m = mixesFor(sc.name, sc.paths, Object.values(pkg.termIds));
      const all = [
        { key: sc.name, mix: 'fixed', label: `${sc.label}, ${sc.paths.length} fixed URLs round-robin`, paths: sc.paths },
        { key: `${sc.name}_zipf`, mix: 'zipf', label: `${sc.label}, zipf mix over ${m.zipfPool} URLs`, paths: m.zipf },
        { key: `${sc.name}_distinct`, mix: 'distinct', label: `${sc.label}, all-distinct mix (${m.distinct.length} URLs)`, paths: m.distinct },
      ];
      // The same mixes paced at the target's traffic: the latency people see at 150 requests/s,
      // where the runs above measure it at saturation (every client sends again at once).
      const paced = sc.name === 'hsds_proximity' ? [] : all.filter((r) => r.mix !== 'fixed').map((r) => ({ ...r, key: `${r.key}_at${PACED_RPS}`, label: `${r.label}, paced at ${PACED_RPS} req/s`, rate: PACED_RPS }));
      return [...all, ...paced].filter((r) => MIXES.includes(r.mix)) as { key: string; mix: string; label: string; paths: string[]; rate?: number }[];
    });
    for (const s of runs) {
      console.log(`  load: ${s.label}, ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s…`);
      const hits0 = cache.hits;
      const misses0 = cache.misses;
      // Node CPU (user + system) of this process, where the server runs, over warm-up + load:
      // divided by every request answered in that time (warm-up requests counted at the measured rate).
      const cpu0 = process.cpuUsage();
      // A paced distinct run starts past the URLs the saturated run asked, so none repeats.
      const paths = s.rate && s.mix === 'distinct' ? s.paths.slice(Math.ceil((loads[s.key.replace(/_at\d+$/, '')]?.requests ?? 0) * ((DURATION_S + WARMUP_S) / DURATION_S))) : s.paths;
      const l = await runLoad(origin, paths, s.rate);
      const cpu = process.cpuUsage(cpu0);
      await drain(origin);
      const answered = l.requests * ((DURATION_S + WARMUP_S) / DURATION_S);
      const cpuPerReq = answered ? round((cpu.user + cpu.system) / 1000 / answered, 2) : null;
      const lookups = cache.hits - hits0 + (cache.misses - misses0);
      const hitRatio = lookups ? round((cache.hits - hits0) / lookups, 3) : null;
      const wrapped = s.mix === 'distinct' && answered > paths.length;
      loads[s.key] = { p50_ms: l.p50_ms, p95_ms: l.p95_ms, p99_ms: l.p99_ms, max_ms: l.max_ms, rps: l.rps, requests: l.requests, non2xx: l.non2xx, errors: l.errors, timeouts: l.timeouts, node_cpu_ms_per_req: cpuPerReq, cache_hit_ratio: hitRatio, ...(s.mix === 'distinct' ? { distinct_wrapped: wrapped } : {}) };
      if (!l.requests) console.log(`    !! no request completed within ${DURATION_S} s (each takes longer than the load runs)`);
      const bad = l.non2xx || l.errors || l.timeouts ? `  !! non-2xx ${l.non2xx}, errors ${l.errors}, timeouts ${l.timeouts} ${JSON.stringify(l.statusCodes)}` : '';
      console.log(`    p50 ${l.p50_ms} ms · p95 ${l.p95_ms} ms · p99 ${l.p99_ms} ms · max ${l.max_ms} ms · ${l.rps} req/s (${l.requests}) · Node CPU ${cpuPerReq} ms/request · cache hits ${hitRatio === null ? 'n/a' : `${round(hitRatio * 100, 1)} %`}${wrapped ? ' · !! the distinct list wrapped: some URLs repeated' : ''} · load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}${bad}`);
    }
    const rssLoad = loadRss.stop();
    const rssPeak = rss.stop();
    console.log(`  peak RSS: ${mb(rssPeak)} MB (import ${mb(rssImport)} MB, load ${mb(rssLoad)} MB)`);

    const flat: Record<string, number> = {};
    for (const [name, l] of Object.entries(loads)) for (const [k, v] of Object.entries(l)) flat[`${name}_${k}`] = v as number;
    return {
      scale: { services: pkg.scale.services, organizations: pkg.scale.organizations, locations: pkg.scale.locations, rows: pkg.totalRows, full: pkg.scale.services === FULL_SCALE.services },
      finder_cache: cache.enabled ? 'on' : 'off',
      ready_ms: readyMs,
      ...(reused ? { import_reused_database: true } : { import_ms: importMs, import_services_per_s: servicesPerS, import_rows_per_s: rowsPerS, import_phases_ms: phases }),
      ...(health ? { import_health_max_ms: health.max_ms, import_health_p50_ms: health.p50_ms, import_health_probes: health.n } : {}),
      analyze_ms: analyzeMs,
      db_size_mb: mb(Number(dbBytes)),
      ...flat,
      single_p95_ms: singleP95,
      reference_ratio_max: compared.ratioMax,
      reference_ratio_median: compared.ratioMedian,
      reference_same_answer: compared.same,
      reference_compared: compared.n,
      reference: compared.rows,
      single_p50_ms: Object.fromEntries(Object.entries(singles).map(([k, v]) => [k, Object.fromEntries(v.map((r) => [decodeURIComponent(r.path.replace(/^\/api\/v1\/finder\/services\?|^\/hsds\/services\?/, '')).replace(/\+/g, ' ').replace(/&?perPage=20|&?per_page=20/, ''), r.p50_ms]))])),
      rss_peak_mb: mb(rssPeak),
      rss_peak_import_mb: mb(rssImport),
      rss_peak_load_mb: mb(rssLoad),
    };
  } finally {
    rss.stop();
    await server.close();
  }
}

// ---------- main ----------

async function main() {
  const host = new URL(PG_ADMIN_URL).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host) && !process.env.BENCH_ALLOW_REMOTE) {
    throw new Error(`BENCH_DATABASE_URL must point at loopback (got ${host}); set BENCH_ALLOW_REMOTE=1 to override`);
  }
  console.log(`directory bench: ${SERVICES} services (PGlite ${PGLITE_SERVICES}), ${CONNECTIONS} connections, ${WARMUP_S}+${DURATION_S} s per scenario; Node ${process.version}, ${os.cpus().length} CPUs; load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  await import('../src/server');

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-bench-directory-'));
  const results: Record<string, BackendResult> = {};
  const notes: string[] = [];
  const packages: Record<string, GeneratedPackage> = {};
  const pkgFor = (services: number) => {
    if (packages[services]) return packages[services];
    const t = now();
    const scale = services === FULL_SCALE.services ? FULL_SCALE : scaled(services);
    const p = writeDirectoryPackage(path.join(work, `package-${services}`), scale);
    console.log(`\ngenerated the package: ${p.scale.services} services, ${p.scale.organizations} organizations, ${p.scale.locations} locations, ${p.totalRows} rows, ${mb(p.bytes)} MB in ${ms(t)} ms`);
    console.log(`  ${Object.entries(p.rows).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    return (packages[services] = p);
  };

  try {
    // PostgreSQL first, so PGlite's WebAssembly heap does not count in its memory figures.
    if (BACKENDS.includes('postgres')) {
      const pkg = pkgFor(SERVICES);
      console.log(`\nPostgreSQL (${redactUrl(benchDb.url)})`);
      let available = true;
      try {
        if (!REUSE_DB) await benchDb.drop();
        await benchDb.create().catch((err) => {
          if (!REUSE_DB) throw err;
        });
      } catch (err) {
        available = false;
        const note = `PostgreSQL not available at ${redactUrl(PG_ADMIN_URL)} (${(err as Error).message}); skipping PostgreSQL, reporting PGlite only.`;
        notes.push(note);
        console.log(`  ${note}`);
      }
      if (available) {
        const dir = fs.mkdtempSync(path.join(work, 'pg-data-'));
        try {
          // A server database needs an encryption key for intake's fields (the bench stores no client).
          // A kept database is opened again by a later run: its key must be the same (derived from the database's name).
          const key = KEEP_DB ? crypto.createHash('sha256').update(`roundtable-bench:${PG_BENCH_DB}`).digest('base64') : crypto.randomBytes(32).toString('base64');
          results.postgres = await benchBackend('postgres', { DATA_DIR: dir, DATABASE_URL: benchDb.url, ROUNDTABLE_ENCRYPTION_KEY: key }, pkg);
        } finally {
          if (KEEP_DB) console.log(`  kept database ${PG_BENCH_DB} (BENCH_KEEP_DB=1)`);
          else await benchDb.drop().catch((err) => console.log(`  could not drop ${PG_BENCH_DB}: ${(err as Error).message}`));
        }
      }
      gc?.();
    }

    if (BACKENDS.includes('pglite')) {
      const pkg = pkgFor(PGLITE_SERVICES);
      if (PGLITE_SERVICES < SERVICES) {
        const note = `PGlite imports a ${PGLITE_SERVICES}-service package of the same shape (not ${SERVICES}), to keep the bench bounded: its import runs one statement at a time in this process; set BENCH_PGLITE_SERVICES to change.`;
        notes.push(note);
        console.log(`\nnote: ${note}`);
      }
      const dir = fs.mkdtempSync(path.join(work, 'pglite-data-'));
      console.log(`\nPGlite (data dir ${dir})`);
      results.pglite = await benchBackend('pglite', { DATA_DIR: dir }, pkg);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }

  const pass: Record<string, boolean | null> = {};
  console.log('\nTargets:');
  for (const [key, target] of Object.entries(TARGETS)) {
    const [backend, figure] = key.split('.');
    const value = results[backend]?.[figure] as number | null | undefined;
    if (value === null) {
      // The backend ran but the figure is missing: no request of the scenario completed within the load.
      pass[key] = false;
      console.log(`  ${key.padEnd(34)}     none  (no request completed during the load)  FAIL`);
      continue;
    }
    if (value === undefined) {
      pass[key] = null;
      console.log(`  ${key.padEnd(34)} not measured`);
      continue;
    }
    const ok = (target.max === undefined || value <= target.max) && (target.min === undefined || value >= target.min);
    pass[key] = ok;
    const bound = target.max !== undefined ? `≤ ${target.max}` : `≥ ${target.min}`;
    console.log(`  ${key.padEnd(34)} ${String(value).padStart(8)}  (target ${bound})  ${ok ? 'PASS' : 'FAIL'}`);
  }

  console.log(
    JSON.stringify({
      bench: 'directory',
      load_average: os.loadavg().map((x) => round(x, 2)),
      config: { finder_cache: FINDER_CACHE, mixes: MIXES, services: SERVICES, pglite_services: PGLITE_SERVICES, connections: CONNECTIONS, duration_s: DURATION_S, warmup_s: WARMUP_S, per_page: 20, node: process.version, cpus: os.cpus().length },
      results,
      targets: TARGETS,
      pass,
      ...(notes.length ? { notes } : {}),
    }),
  );
}

// BENCH_DEADLINE_MIN: the whole run's limit (12 minutes; a full-size PGlite import on a loaded machine needs more).
const DEADLINE_MIN = num('BENCH_DEADLINE_MIN', 12, 1, 240);
const deadline = setTimeout(() => {
  console.error(`directory bench: gave up after ${DEADLINE_MIN} minutes`);
  process.exit(2);
}, DEADLINE_MIN * 60_000);
deadline.unref();

main()
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(`directory bench failed: ${(err as Error).stack ?? err}`);
    process.exit(1);
  });
