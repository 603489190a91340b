/**
 * Organization search: start-to-ready (cold, warm) and GET /api/v1/organizations?q= latency over 10,000 organizations, on PGlite and PostgreSQL.
 *
 * For each backend: start the app on an empty database (migrate + demo data) and time it until
 * GET /ready answers 200 (cold); insert 10,000 synthetic organizations straight into the table;
 * close and start again on the same data (warm); sign in as the demo admin; then drive
 * `GET /api/v1/organizations?q=<term>` over a mix of search terms with a concurrent client
 * (autocannon, in a child process) for a bounded time and report p50/p95/p99 and requests/s.
 *
 * Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; the bench creates and
 * drops its own database rt_bench_orgs there), BENCH_DURATION_S (10), BENCH_CONNECTIONS (10),
 * BENCH_ORGS (10000), BENCH_BACKENDS (pglite,postgres), BENCH_DB_NAME (rt_bench_orgs), BENCH_KEEP_DB (1 keeps the
 * PostgreSQL database for EXPLAIN afterwards).
 *
 * It is a script, not a test: it exits 0 whether or not the targets are met, and ends with one
 * JSON line of the figures, the targets and pass/fail per target.
 */
import { execFile } from 'node:child_process';
import pg from 'pg';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newSearchTerms, syntheticOrganizations } from './lib/synthetic-organizations';
import { benchDatabase, gc, mb, ms, num, round, RssSampler, waitReady, type Running } from './lib/common';
import { redactUrl, SESSION_SETTINGS } from '../src/core/db/database';
import { PgDialect } from 'drizzle-orm/pg-core';
import { closeWordsSql, NEAR_MISS_BELOW, substringMatchesSql } from '../src/core/organizations/organizations.repository';
import { RANKED_KEPT } from '../src/core/organizations/organizations.cache';

const textOf = (q: { sql: string; params: unknown[] }) => ({ text: q.sql, values: q.params });

const here = path.dirname(fileURLToPath(import.meta.url));
const DURATION_S = num('BENCH_DURATION_S', 10, 1, 120);
const CONNECTIONS = num('BENCH_CONNECTIONS', 10, 1, 200);
const ORG_COUNT = num('BENCH_ORGS', 10_000, 100, 200_000);
const WARMUP_S = 2;
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'pglite,postgres').split(',').map((s) => s.trim());
const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PG_BENCH_DB = process.env.BENCH_DB_NAME ?? 'rt_bench_orgs';
const benchDb = benchDatabase(PG_ADMIN_URL, PG_BENCH_DB);
const DEMO_LOGIN = { email: 'admin@demo.roundtable.test', password: 'roundtable-demo' };

const TARGETS: Record<string, { max?: number; min?: number }> = {
  'postgres.p95_ms': { max: 20 },
  'postgres.ready_warm_ms': { max: 3000 },
  'postgres.non2xx': { max: 0 },
  'postgres.errors': { max: 0 },
  'postgres.distinct_non2xx': { max: 0 },
  'postgres.distinct_p95_ms': { max: 20 },
  'postgres.new_terms_p95_ms': { max: 20 },
  'postgres.new_terms_non2xx': { max: 0 },
  'pglite.ready_warm_ms': { max: 3000 },
  'pglite.non2xx': { max: 0 },
  'pglite.errors': { max: 0 },
};

/** Search terms people type: whole words, prefixes, acronyms, typos, two words, French, nothing. */
const QUERY_TERMS = [
  '',
  'durham',
  'community',
  'newcomer',
  'employment services',
  'emplo',
  'hous',
  'famly', // typo
  'comunity centre', // typo
  'oshawa',
  'whitby family',
  'ajax',
  'pickering',
  'clarington youth',
  'center', // US spelling of centre
  'DCFS',
  'immigrant women',
  'mental health',
  'settlement',
  'scugog',
  'régional', // accent, folded by rt_fold
  'services communautaires',
  'xyzzy', // no match
];



/** Inserts synthetic organizations until the table holds ORG_COUNT; skips when it already does. */
async function seedOrganizations(server: Running): Promise<{ inserted: number; ms: number; total: number }> {
  const started = process.hrtime.bigint();
  const [{ n }] = await server.database.query<{ n: number }>('SELECT count(*)::int AS n FROM organizations');
  if (n >= ORG_COUNT) return { inserted: 0, ms: 0, total: n };
  const need = ORG_COUNT - n;
  const batch = 1000;
  for (let done = 0; done < need; done += batch) {
    const rows = syntheticOrganizations(Math.min(batch, need - done), done);
    await server.database.query(
      `INSERT INTO organizations (legal_name, alternate_names, partner_category, sector)
       SELECT x.legal_name, ARRAY(SELECT jsonb_array_elements_text(x.alternate_names)), x.partner_category, x.sector
       FROM jsonb_to_recordset($1::jsonb) AS x(legal_name text, alternate_names jsonb, partner_category text, sector text)`,
      [JSON.stringify(rows)],
    );
  }
  // As an established registry would be, and as autovacuum soon makes it after a bulk load:
  // vacuumed (index-only scans need the visibility map) and analyzed (as the directory bench).
  await server.database.query(`${server.database.kind === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE'} organizations, organization_words, organization_name_words`);
  const [{ n: total }] = await server.database.query<{ n: number }>('SELECT count(*)::int AS n FROM organizations');
  return { inserted: need, ms: ms(started), total };
}

// ---------- HTTP ----------


async function login(origin: string): Promise<string> {
  const res = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(DEMO_LOGIN),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${body.slice(0, 300)}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('rt_session='));
  if (!cookie) throw new Error('login set no rt_session cookie');
  return cookie.split(';')[0];
}

const searchPath = (q: string) => `/api/v1/organizations?q=${encodeURIComponent(q)}`;

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

/**
 * Pages not asked before of the searches people repeat: the same terms, each with a page size
 * and page not asked before (10–100 a page, pages 1–2), as someone paging through the results
 * or a screen showing more of them. The search's kept order answers them (organizations.cache.ts);
 * before 2026-12-07 each one ranked the matches again. 4,186 paths, more than a run sends.
 */
function distinctPaths(): string[] {
  const out: string[] = [];
  for (let perPage = 10; perPage <= 100; perPage++) for (const page of [1, 2]) for (const q of QUERY_TERMS) out.push(`${searchPath(q)}&perPage=${perPage}&page=${page}`);
  return out;
}

/** Words no one has searched for before (newSearchTerms: words, prefixes, slips, pairs), one request each: every one ranks. */
const NEW_TERMS = newSearchTerms();
const newTermPaths = () => NEW_TERMS.map(searchPath);

/**
 * The floor for words not searched before: the search's own statements (substring matches,
 * then, when there are fewer than 50, the name words close to the typed ones) sent as bare SQL
 * by CONNECTIONS clients over the same terms for the same time, with no HTTP, session, cache,
 * ranking in memory or JSON. What the app adds on top is the rest. The statements are the
 * repository's own (`substringMatchesSql`, `closeWordsSql`), so they cannot drift apart.
 */
async function bareSqlFloor(url: string, terms: string[]): Promise<{ requests: number; rps: number; p95_ms: number }> {
  const dialect = new PgDialect();
  const exact = (q: string) => ({ name: 'floor_exact', ...textOf(dialect.sqlToQuery(substringMatchesSql({ q }, RANKED_KEPT, 0))) });
  const near = (q: string) => ({ name: 'floor_close', ...textOf(dialect.sqlToQuery(closeWordsSql(q))) });
  const clients = await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(SESSION_SETTINGS); // as the app's connections (docs/decisions/0018)
    return c;
  }));
  const times: number[] = [];
  let next = 0;
  const until = Date.now() + DURATION_S * 1000;
  const s0 = performance.now();
  try {
    await Promise.all(clients.map(async (c) => {
      while (Date.now() < until) {
        const q = terms[next++ % terms.length];
        const t = performance.now();
        const r = await c.query(exact(q));
        if ((r.rows[0]?.total ?? 0) < NEAR_MISS_BELOW) await c.query(near(q));
        times.push(performance.now() - t);
      }
    }));
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  const seconds = (performance.now() - s0) / 1000;
  times.sort((a, b) => a - b);
  return { requests: times.length, rps: round(times.length / seconds, 1), p95_ms: round(times[Math.max(0, Math.ceil(times.length * 0.95) - 1)], 2) };
}

function runLoad(origin: string, cookie: string, paths: string[]): Promise<LoadResult> {
  const pathsFile = path.join(os.tmpdir(), `rt-bench-orgs-paths-${process.pid}.txt`);
  fs.writeFileSync(pathsFile, paths.join('\n'));
  const arg = JSON.stringify({ origin, cookie, pathsFile, connections: CONNECTIONS, durationS: DURATION_S, warmupS: WARMUP_S });
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

/**
 * One request at a time per term: which terms are slow on their own, and how many they match.
 * The first request of a term runs the search; the repeats are answered from memory.
 */
async function perTerm(origin: string, cookie: string, reps = 5, budgetMs = 15_000) {
  const out: Record<string, { first_ms: number; p50_ms: number; total: number }> = {};
  const until = Date.now() + budgetMs;
  for (const q of QUERY_TERMS) {
    const times: number[] = [];
    let total = -1;
    // At least one request per term; more while the time budget lasts.
    for (let i = 0; i < reps && (i === 0 || Date.now() < until); i++) {
      const t = process.hrtime.bigint();
      const res = await fetch(origin + searchPath(q), { headers: { cookie } });
      const body = (await res.json()) as { total?: number };
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (res.status !== 200) throw new Error(`GET ${searchPath(q)} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
      total = body.total ?? -1;
    }
    const first = times[0];
    times.sort((a, b) => a - b);
    out[q] = { first_ms: round(first, 2), p50_ms: round(times[Math.floor(times.length / 2)], 2), total };
  }
  return out;
}

/**
 * When the load client stops, requests it sent may still be queued in the server (PGlite runs
 * one query at a time; the pg pool queues too). One more request goes to the back of that queue,
 * so once it answers the server is idle and can be closed without failing the stragglers.
 */
async function drain(origin: string, cookie: string) {
  const res = await fetch(origin + searchPath('xyzzy'), { headers: { cookie }, signal: AbortSignal.timeout(60_000) });
  await res.arrayBuffer();
  await new Promise((r) => setTimeout(r, 100));
}

// ---------- one backend ----------

interface BackendResult {
  ready_cold_ms: number;
  ready_warm_ms: number;
  seed_orgs_ms: number;
  organizations: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  rss_peak_mb: number;
  rss_peak_load_mb: number;
  distinct_p50_ms: number;
  distinct_p95_ms: number;
  distinct_rps: number;
  distinct_non2xx: number;
  new_terms_p50_ms: number;
  new_terms_p95_ms: number;
  new_terms_rps: number;
  new_terms_requests: number;
  new_terms_non2xx: number;
  new_terms_floor_p95_ms: number | null;
  new_terms_floor_rps: number | null;
  per_term_first_ms: Record<string, number>;
  per_term_p50_ms: Record<string, number>;
}

function report(load: LoadResult) {
  console.log(`    latency p50 ${load.p50_ms} ms · p95 ${load.p95_ms} ms · p99 ${load.p99_ms} ms · max ${load.max_ms} ms`);
  console.log(`    throughput ${load.rps} req/s (${load.requests} requests)`);
  if (load.non2xx || load.errors || load.timeouts) {
    console.log(`    !! non-2xx ${load.non2xx}, errors ${load.errors}, timeouts ${load.timeouts}; status codes ${JSON.stringify(load.statusCodes)}`);
  } else {
    console.log(`    errors: none (all ${load.requests} answered 2xx)`);
  }
}

async function benchBackend(kind: 'pglite' | 'postgres', env: Record<string, string>): Promise<BackendResult> {
  const { startServer } = await import('../src/server');
  const { loadConfig } = await import('../src/config');
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ROUNDTABLE_DEMO: 'true', ...env });
  const rss = new RssSampler();
  rss.start();
  const originOf = (s: Running) => s.url.replace('//localhost:', '//127.0.0.1:');

  // Cold: empty database, so this includes migrations and the demo data.
  let t = process.hrtime.bigint();
  let server = await startServer(config, { quiet: true });
  await waitReady(originOf(server));
  const readyCold = ms(t);
  console.log(`  ready (cold, empty database):  ${readyCold} ms`);

  const seeded = await seedOrganizations(server);
  console.log(`  organizations: ${seeded.total} (inserted ${seeded.inserted} in ${seeded.ms} ms)`);
  await server.close();

  // Warm: same data, second start in this process.
  t = process.hrtime.bigint();
  server = await startServer(config, { quiet: true });
  const origin = originOf(server);
  await waitReady(origin);
  const readyWarm = ms(t);
  console.log(`  ready (warm, ${seeded.total} orgs):   ${readyWarm} ms`);

  try {
    const cookie = await login(origin);
    const terms = await perTerm(origin, cookie);
    const loadRss = new RssSampler();
    loadRss.start();
    console.log(`  load: ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s over ${QUERY_TERMS.length} terms, repeated…`);
    const load = await runLoad(origin, cookie, QUERY_TERMS.map(searchPath));
    await drain(origin, cookie);
    report(load);
    console.log(`  load: ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s of pages not asked before (same terms, new page sizes and pages)…`);
    const distinct = await runLoad(origin, cookie, distinctPaths());
    await drain(origin, cookie);
    report(distinct);
    console.log(`  load: ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s of words not searched before (${NEW_TERMS.length} terms: words, prefixes, slips, pairs)…`);
    const fresh = await runLoad(origin, cookie, newTermPaths());
    const rssLoad = loadRss.stop();
    await drain(origin, cookie);
    report(fresh);
    if (fresh.requests > NEW_TERMS.length) console.log(`    !! ${fresh.requests} requests over ${NEW_TERMS.length} terms: some were repeats, answered from memory`);
    let floor: Awaited<ReturnType<typeof bareSqlFloor>> | null = null;
    if (kind === 'postgres') {
      floor = await bareSqlFloor(env.DATABASE_URL, NEW_TERMS);
      console.log(`    floor, the same two statements as bare SQL (${CONNECTIONS} clients, ${DURATION_S} s, the same terms): p95 ${floor.p95_ms} ms, ${floor.rps} searches/s; the app's p95 is ${round(fresh.p95_ms / floor.p95_ms, 2)}× it, its rate ${round(fresh.rps / floor.rps, 2)}× it`);
    }
    console.log('  single requests by term: first (searched) · repeated p50 (from memory) · matches');
    for (const [q, v] of Object.entries(terms)) console.log(`    ${JSON.stringify(q).padEnd(26)} ${String(v.first_ms).padStart(7)} ms · ${String(v.p50_ms).padStart(6)} ms  (${v.total})`);
    const rssPeak = rss.stop();
    console.log(`  peak RSS: ${mb(rssPeak)} MB (during load ${mb(rssLoad)} MB)`);
    return {
      ready_cold_ms: readyCold,
      ready_warm_ms: readyWarm,
      seed_orgs_ms: seeded.ms,
      organizations: seeded.total,
      p50_ms: load.p50_ms,
      p95_ms: load.p95_ms,
      p99_ms: load.p99_ms,
      max_ms: load.max_ms,
      rps: load.rps,
      requests: load.requests,
      non2xx: load.non2xx,
      errors: load.errors,
      timeouts: load.timeouts,
      rss_peak_mb: mb(rssPeak),
      rss_peak_load_mb: mb(rssLoad),
      distinct_p50_ms: distinct.p50_ms,
      distinct_p95_ms: distinct.p95_ms,
      distinct_rps: distinct.rps,
      distinct_non2xx: distinct.non2xx + distinct.errors + distinct.timeouts,
      new_terms_p50_ms: fresh.p50_ms,
      new_terms_p95_ms: fresh.p95_ms,
      new_terms_rps: fresh.rps,
      new_terms_requests: fresh.requests,
      new_terms_non2xx: fresh.non2xx + fresh.errors + fresh.timeouts,
      new_terms_floor_p95_ms: floor?.p95_ms ?? null,
      new_terms_floor_rps: floor?.rps ?? null,
      per_term_first_ms: Object.fromEntries(Object.entries(terms).map(([q, v]) => [q, v.first_ms])),
      per_term_p50_ms: Object.fromEntries(Object.entries(terms).map(([q, v]) => [q, v.p50_ms])),
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
  console.log(`organizations bench: ${ORG_COUNT} organizations, ${CONNECTIONS} connections, ${DURATION_S} s per backend; Node ${process.version}, ${os.cpus().length} CPUs`);
  const t = process.hrtime.bigint();
  await import('../src/server');
  const importMs = ms(t);
  console.log(`(loading the server modules took ${importMs} ms; not counted in ready times)`);

  const results: Record<string, BackendResult> = {};
  const notes: string[] = [];

  if (BACKENDS.includes('pglite')) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-bench-orgs-'));
    console.log(`\nPGlite (data dir ${dir})`);
    try {
      results.pglite = await benchBackend('pglite', { DATA_DIR: dir });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    gc?.();
  }

  if (BACKENDS.includes('postgres')) {
    console.log(`\nPostgreSQL (${redactUrl(benchDb.url)})`);
    let available = true;
    try {
      await benchDb.drop();
      await benchDb.create();
    } catch (err) {
      available = false;
      const note = `PostgreSQL not available at ${redactUrl(PG_ADMIN_URL)} (${(err as Error).message}); skipping PostgreSQL, reporting PGlite only.`;
      notes.push(note);
      console.log(`  ${note}`);
    }
    if (available) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-bench-orgs-pg-'));
      try {
        // A server database needs an encryption key for intake's fields (the bench stores no client).
        results.postgres = await benchBackend('postgres', { DATA_DIR: dir, DATABASE_URL: benchDb.url, ROUNDTABLE_ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64') });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        if (process.env.BENCH_KEEP_DB === '1') console.log(`  kept database ${PG_BENCH_DB} (BENCH_KEEP_DB=1)`);
        else await benchDb.drop().catch((err) => console.log(`  could not drop ${PG_BENCH_DB}: ${(err as Error).message}`));
      }
    }
  }

  const pass: Record<string, boolean | null> = {};
  console.log('\nTargets:');
  for (const [key, target] of Object.entries(TARGETS)) {
    const [backend, figure] = key.split('.');
    const value = (results[backend] as unknown as Record<string, number> | undefined)?.[figure];
    if (value === undefined) {
      pass[key] = null;
      console.log(`  ${key.padEnd(26)} not measured`);
      continue;
    }
    const ok = (target.max === undefined || value <= target.max) && (target.min === undefined || value >= target.min);
    pass[key] = ok;
    const bound = target.max !== undefined ? `≤ ${target.max}` : `≥ ${target.min}`;
    console.log(`  ${key.padEnd(26)} ${String(value).padStart(8)}  (target ${bound})  ${ok ? 'PASS' : 'FAIL'}`);
  }

  console.log(
    JSON.stringify({
      bench: 'organizations',
      config: { organizations: ORG_COUNT, connections: CONNECTIONS, duration_s: DURATION_S, warmup_s: WARMUP_S, terms: QUERY_TERMS.length, import_ms: importMs, node: process.version, cpus: os.cpus().length },
      results,
      targets: TARGETS,
      pass,
      ...(notes.length ? { notes } : {}),
    }),
  );
}

const deadline = setTimeout(() => {
  console.error('organizations bench: gave up after 10 minutes');
  process.exit(2);
}, 10 * 60_000);
deadline.unref();

main()
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(`organizations bench failed: ${(err as Error).stack ?? err}`);
    process.exit(1);
  });
