/**
 * Community data at 10 million observations: COPY import rate, map / series / roll-up latency.
 *
 * PostgreSQL only (the scale the issue asks for). Creates and drops its own database
 * (rt_bench_data) on BENCH_DATABASE_URL / DATABASE_URL / postgres://postgres@127.0.0.1:5432/postgres.
 * `npm run bench -- data --rows 200000` for a quick run; default 10,000,000.
 */
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/core/db/database';
import { migrateModules, seedModules } from '../src/core/db/lifecycle';
import { allModules } from '../src/modules';
import * as repo from '../src/modules/data/data.repository';
import { mapView, rollupView, seriesView } from '../src/modules/data/data.service';
import { decideTableSet } from '../src/modules/data/data.disclosure-store';
import { benchDatabase, gc, mb, ms, now, round, RssSampler } from './lib/common';
import { copyFrom } from './lib/pg-copy';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}

const ROWS = Math.max(1000, Number(arg('rows') ?? process.env.BENCH_ROWS ?? 10_000_000));
const INDICATORS = 300;
const REGIONS = 50;
const PER_REGION = 100; // 5,000 municipalities
const YEARS = 10;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))], 2);
};

async function main() {
  const notes: string[] = [];
  const host = new URL(adminUrl).hostname;
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) throw new Error('The bench only talks to a loopback PostgreSQL');
  const bench = benchDatabase(adminUrl, 'rt_bench_data');
  try {
    await bench.drop();
    await bench.create();
  } catch (err) {
    console.log(`PostgreSQL not reachable at ${adminUrl}: ${(err as Error).message}`);
    console.log(JSON.stringify({ bench: 'data', config: { rows: ROWS }, results: {}, targets: {}, pass: { import_rows_per_s: null, map_p95_ms: null, series_p95_ms: null }, notes: ['no PostgreSQL server'] }));
    return;
  }
  const rss = new RssSampler();
  rss.start();
  const database = await openDatabase({ databaseUrl: bench.url });
  try {
    await migrateModules(database, allModules);
    await seedModules(database, allModules, { demo: false });
    const db = database.db;
    const [ontario] = await database.query<{ id: string }>(`SELECT id FROM geographies WHERE code = '35'`);
    // Synthetic places: 50 regions of 100 municipalities each.
    await database.query(`INSERT INTO geographies (code, level, name_en, name_fr, parent_id)
      SELECT 'bench-r' || r, 'upper_tier', 'Bench region ' || r, 'Région ' || r, $1 FROM generate_series(1, ${REGIONS}) r`, [ontario.id]);
    await database.query(`INSERT INTO geographies (code, level, name_en, name_fr, parent_id)
      SELECT 'bench-r' || r || '-m' || m, 'municipality', 'Bench place ' || r || '-' || m, 'Lieu ' || r || '-' || m, g.id
      FROM generate_series(1, ${REGIONS}) r JOIN geographies g ON g.code = 'bench-r' || r CROSS JOIN generate_series(1, ${PER_REGION}) m`);
    await database.query(`INSERT INTO data_indicators (code, name_en, unit, dimensions)
      SELECT 'bench.i' || i, 'Bench indicator ' || i, CASE WHEN i % 5 = 0 THEN 'percent' ELSE 'count' END, CASE WHEN i % 4 = 0 THEN ARRAY['sex'] ELSE '{}'::text[] END
      FROM generate_series(1, ${INDICATORS}) i`);
    const inds = await database.query<{ id: string; code: string; unit: string }>(`SELECT id, code, unit FROM data_indicators WHERE code LIKE 'bench.%' ORDER BY id`);
    const regions = await database.query<{ id: string }>(`SELECT id FROM geographies WHERE code LIKE 'bench-r%' AND level = 'upper_tier' ORDER BY code`);
    const munis = await database.query<{ id: string; parent_id: string }>(`SELECT id, parent_id FROM geographies WHERE code LIKE 'bench-r%' AND level = 'municipality' ORDER BY parent_id, code`);
    const geos = [...regions.map((r) => r.id), ...munis.map((m) => m.id)];

    // Generator: indicator-major, every place, ten years; every 4th indicator also by sex.
    // Stream k of n takes indicators k, k+n, … and an equal share of the rows.
    let produced = 0;
    const complete = new Set<string>();
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    async function* chunks(k = 0, n = 1): AsyncGenerator<Buffer> {
      let buf: string[] = [];
      let mine = 0;
      const quota = Math.ceil(ROWS / n);
      outer: for (let i = k; i < inds.length; i += n) {
        const ind = inds[i];
        const dkeys = i % 4 === 3 ? ['""', 'sex=women+', 'sex=men+'] : ['""'];
        for (const g of geos) {
          for (let y = 0; y < YEARS; y++) {
            const year = 2015 + y;
            for (const dk of dkeys) {
              const v = ind.unit === 'percent' ? round(rand() * 100, 1) : Math.floor(rand() < 0.03 ? rand() * 5 : rand() * 20000);
              buf.push(`${ind.id},${g},${year},${year}-01-01,${dk},${v},final\n`);
              produced++;
              if (++mine >= quota) break outer;
            }
          }
        }
        complete.add(ind.id);
        if (buf.length >= 20000) {
          yield Buffer.from(buf.join(''));
          buf = [];
        }
      }
      if (buf.length) yield Buffer.from(buf.join(''));
    }

    const STREAMS = Math.max(1, Number(process.env.BENCH_COPY_STREAMS ?? 2));
    const pool = new pg.Pool({ connectionString: bench.url, max: STREAMS });
    const client = await pool.connect();
    // Bulk-load path for an initial load: indexes and foreign keys dropped, COPY, then rebuilt
    // (one validating pass per foreign key instead of a trigger per row).
    await client.query('DROP INDEX data_observations_key; DROP INDEX data_observations_series_idx');
    await client.query('ALTER TABLE data_observations DROP CONSTRAINT data_observations_indicator_id_fkey, DROP CONSTRAINT data_observations_geography_id_fkey, DROP CONSTRAINT data_observations_collaborative_id_fkey');
    const t0 = now();
    // Parallel COPY streams, each on its own connection (the table has no index to contend on).
    const others = await Promise.all(Array.from({ length: STREAMS - 1 }, () => pool.connect()));
    const copyText = `COPY data_observations (indicator_id, geography_id, period, period_start, disaggregation_key, value, status) FROM STDIN WITH (FORMAT csv)`;
    await Promise.all([client, ...others].map((c, k) => copyFrom(c, copyText, chunks(k, STREAMS))));
    for (const c of others) c.release();
    const copyMs = ms(t0);
    const t1 = now();
    await client.query(`SET maintenance_work_mem = '512MB'`);
    await client.query(`CREATE UNIQUE INDEX data_observations_key ON data_observations (indicator_id, period, geography_id, disaggregation_key, collaborative_id) NULLS NOT DISTINCT`);
    await client.query(`CREATE INDEX data_observations_series_idx ON data_observations (indicator_id, geography_id, period_start) INCLUDE (period, value, status, disaggregation_key, collaborative_id)`);
    await client.query(`ALTER TABLE data_observations ADD CONSTRAINT data_observations_indicator_id_fkey FOREIGN KEY (indicator_id) REFERENCES data_indicators (id),
      ADD CONSTRAINT data_observations_geography_id_fkey FOREIGN KEY (geography_id) REFERENCES geographies (id),
      ADD CONSTRAINT data_observations_collaborative_id_fkey FOREIGN KEY (collaborative_id) REFERENCES collaboratives (id)`);
    const indexMs = ms(t1);
    const t2 = now();
    await client.query('ANALYZE data_observations');
    const analyzeMs = ms(t2);
    // Incremental path: 10,000 more rows COPY'd with the indexes in place.
    const extraRows = Math.min(10_000, ROWS);
    const lastYear = 2015 + YEARS;
    async function* extra(): AsyncGenerator<Buffer> {
      const lines: string[] = [];
      for (let k = 0; k < extraRows; k++) lines.push(`${inds[k % inds.length].id},${geos[Math.floor(k / inds.length) % geos.length]},${lastYear},${lastYear}-01-01,"",${k},provisional\n`);
      yield Buffer.from(lines.join(''));
    }
    const t3 = now();
    await copyFrom(client, `COPY data_observations (indicator_id, geography_id, period, period_start, disaggregation_key, value, status) FROM STDIN WITH (FORMAT csv)`, extra());
    const incrementalMs = Math.max(1, ms(t3));
    client.release();
    await pool.end();
    const [{ size }] = await database.query<{ size: string }>('SELECT pg_database_size(current_database())::text AS size');
    const [{ n }] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM data_observations');

    // Queries: indicators that have data, a random region and year each time.
    // Indicators whose every place has all ten years (a partly generated last one is left out).
    const covered = inds.filter((i) => complete.has(i.id));
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
    const timeIt = async (fn: () => Promise<unknown>) => {
      const s = process.hrtime.bigint();
      await fn();
      return Number(process.hrtime.bigint() - s) / 1e6;
    };
    const mapQ: number[] = [];
    const seriesQ: number[] = [];
    const mapS: number[] = [];
    const seriesS: number[] = [];
    const rollS: number[] = [];
    const countInds = covered.filter((i) => i.unit === 'count');
    for (let k = 0; k < 20; k++) await repo.mapObservations(db, { indicatorId: covered[0].id, period: '2020', parentId: regions[0].id, collaborativeId: null }); // warm-up
    let mapRows = 0;
    for (let k = 0; k < SAMPLES; k++) {
      const ind = pick(covered);
      const region = pick(regions).id;
      mapQ.push(await timeIt(async () => (mapRows = (await repo.mapObservations(db, { indicatorId: ind.id, period: String(2015 + Math.floor(rand() * YEARS)), parentId: region, collaborativeId: null })).length)));
      seriesQ.push(await timeIt(() => repo.seriesObservations(db, { indicatorId: ind.id, geographyIds: [pick(munis).id], collaborativeId: null })));
    }
    // Disclosure decisions are taken when observations are stored; COPY bypasses that, so the
    // table sets the samples read are decided first, as an import would (timed per set).
    const SERVICE = Math.min(SAMPLES, Number(process.env.BENCH_SERVICE_SAMPLES ?? 40));
    const plan = Array.from({ length: SERVICE }, () => ({ ind: pick(covered), region: pick(regions).id, year: String(2015 + Math.floor(rand() * YEARS)), place: pick(munis).id, countInd: countInds.length ? pick(countInds) : null }));
    const decideMs: number[] = [];
    const decided = new Set<string>();
    let hiddenCells = 0;
    const sets = plan.flatMap((p) => [
      ...(p.ind.unit === 'count' ? Array.from({ length: YEARS }, (_, y) => ({ ind: p.ind, year: String(2015 + y) })) : []),
      ...(p.countInd ? [{ ind: p.countInd, year: p.year }] : []),
    ]);
    for (const { ind, year } of sets) {
      if (decided.has(`${ind.id}|${year}`)) continue;
      decided.add(`${ind.id}|${year}`);
      const full = (await repo.findIndicator(db, ind.id))!;
      decideMs.push(await timeIt(() => db.transaction(async (tx) => { hiddenCells += (await decideTableSet(tx, full, year, null)).hidden; })));
    }
    for (const p of plan) {
      const { ind, region, year } = p;
      mapS.push(await timeIt(() => mapView(db, null, { indicatorId: ind.id, period: year, parentId: region, collaborativeId: null })));
      seriesS.push(await timeIt(() => seriesView(db, null, { indicatorId: ind.id, geographyIds: [p.place], collaborativeId: null })));
      if (p.countInd) rollS.push(await timeIt(() => rollupView(db, null, { indicatorId: p.countInd!.id, parentId: region, period: year, collaborativeId: null })));
    }
    const explain = await database.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) SELECT o.value FROM data_observations o WHERE o.indicator_id = $1 AND o.period = '2020' AND o.disaggregation_key = '' AND o.collaborative_id IS NULL
       AND o.geography_id IN (SELECT g.id FROM geographies g WHERE g.parent_id = $2 UNION ALL SELECT $2::uuid)`, [covered[0].id, regions[0].id]);
    void sql;
    const peak = rss.stop();

    const importMs = copyMs + indexMs;
    const results = {
      rows: n,
      indicators_with_data: covered.length,
      geographies: geos.length,
      copy_ms: copyMs,
      copy_rows_per_s: Math.round(produced / (copyMs / 1000)),
      index_build_ms: indexMs,
      analyze_ms: analyzeMs,
      import_rows_per_s: Math.round(produced / (importMs / 1000)),
      incremental_copy_rows_per_s: Math.round(extraRows / (incrementalMs / 1000)),
      map_rows: mapRows,
      map_p50_ms: pct(mapQ, 50),
      map_p95_ms: pct(mapQ, 95),
      series_p50_ms: pct(seriesQ, 50),
      series_p95_ms: pct(seriesQ, 95),
      map_service_p50_ms: pct(mapS, 50),
      map_service_p95_ms: pct(mapS, 95),
      series_service_p50_ms: pct(seriesS, 50),
      series_service_p95_ms: pct(seriesS, 95),
      rollup_p50_ms: rollS.length ? pct(rollS, 50) : null,
      rollup_p95_ms: rollS.length ? pct(rollS, 95) : null,
      disclosure_sets_decided: decideMs.length,
      disclosure_hidden_cells: hiddenCells,
      disclosure_decide_p50_ms: decideMs.length ? pct(decideMs, 50) : null,
      disclosure_decide_p95_ms: decideMs.length ? pct(decideMs, 95) : null,
      rss_peak_mb: mb(peak),
      db_size_mb: mb(Number(size)),
    };
    console.log(`Community data bench on PostgreSQL (${bench.url.replace(/\/\/.*@/, '//…@')})`);
    console.log(`  ${results.rows.toLocaleString('en-CA')} observations, ${results.indicators_with_data} indicators with data, ${results.geographies} places`);
    console.log(`  COPY (${STREAMS} streams): ${copyMs} ms (${results.copy_rows_per_s.toLocaleString('en-CA')} rows/s); index + foreign-key rebuild ${indexMs} ms; import incl. indexes ${results.import_rows_per_s.toLocaleString('en-CA')} rows/s`);
    console.log(`  COPY with indexes in place (10,000 rows): ${results.incremental_copy_rows_per_s.toLocaleString('en-CA')} rows/s`);
    console.log(`  map query (1 indicator, 1 period, ${mapRows} rows): p50 ${results.map_p50_ms} ms, p95 ${results.map_p95_ms} ms`);
    console.log(`  series query (1 indicator, 1 place): p50 ${results.series_p50_ms} ms, p95 ${results.series_p95_ms} ms`);
    console.log(`  service level (with suppression): map p95 ${results.map_service_p95_ms} ms, series p95 ${results.series_service_p95_ms} ms, roll-up p50 ${results.rollup_p50_ms} ms p95 ${results.rollup_p95_ms} ms`);
    console.log(`  disclosure decisions (one indicator × year over all ${geos.length} places, as an import takes them): ${decideMs.length} sets, ${hiddenCells} cells hidden, p50 ${results.disclosure_decide_p50_ms} ms, p95 ${results.disclosure_decide_p95_ms} ms`);
    console.log(`  peak RSS ${results.rss_peak_mb} MB; database ${results.db_size_mb} MB`);
    console.log('  map query plan:\n' + explain.map((r) => '    ' + r['QUERY PLAN']).join('\n'));
    if (produced < 10_000_000) notes.push(`ran with ${produced} rows, not the full 10,000,000`);
    notes.push('import_rows_per_s = rows / (COPY + rebuilding both indexes and the three foreign keys), the initial bulk-load path; incremental_copy_rows_per_s is COPY into the indexed, constrained table');
    const targets = { import_rows_per_s: { min: 100_000 }, map_p95_ms: { max: 50 }, series_p95_ms: { max: 50 } };
    const pass = {
      import_rows_per_s: results.import_rows_per_s >= 100_000,
      map_p95_ms: results.map_p95_ms < 50,
      series_p95_ms: results.series_p95_ms < 50,
    };
    console.log(JSON.stringify({ bench: 'data', config: { rows: ROWS, copy_streams: STREAMS, indicators: INDICATORS, geographies: REGIONS * (PER_REGION + 1), years: YEARS, samples: SAMPLES }, results, targets, pass, notes }));
  } finally {
    await database.close();
    gc?.();
    if (!process.env.BENCH_KEEP_DB) await bench.drop().catch(() => undefined);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
