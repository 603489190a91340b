/**
 * Service mapping at Ontario scale: one region's need domain × municipality coverage matrix,
 * and publishing a snapshot, over 60,000 services, 444 municipalities, 20 need domains and
 * 1M referrals in the No Wrong Door feed.
 *
 * On PostgreSQL only (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres;
 * the bench creates and drops its own database rt_bench_mapping). Migrates and loads the demo
 * data, then generates with generate_series: 40 upper tiers of 11 municipalities (440, plus
 * Durham's 8), 7 more need domains (20 in all), 200 organizations, SCALE × 60,000 services with
 * their search documents (one or two domains each; a municipality, or the whole upper tier for
 * one in ten), and SCALE × 1M referrals spread over the municipalities, needs and 12 months.
 * Then:
 *  - coverage of one region (the service function, as the route runs it), 40 calls over the
 *    40 bench regions: p50/p95;
 *  - publishing a snapshot of one region (coverage + findings + insert): time;
 *  - the daily front-line refresh (intake's feed into the data repository and the mapping's
 *    stored sums): time, reported without a target, first with no month decided yet (every
 *    month of the feed decided) and again after new referrals in the current month only;
 *  - EXPLAIN (ANALYZE, BUFFERS) of the coverage query (the directory's supply) of one region;
 *  - overlap candidates (similarServicePairs) of one region: p50 and max over 10 regions, explained.
 *
 * Args: --scale 0.1 (or BENCH_SCALE) for a quick run. --feed direct: do not run the refresh;
 * load the mapping's stored front-line sums straight from the generated referrals by SQL (the
 * unmet needs by municipality × domain × month, a sum flagged hidden where a source cell was
 * under 5, as intake's feed would hide it), for when intake's feed, decided as one table set by
 * the disclosure engine, does not finish at full scale on a loaded machine. --reuse: keep the
 * generated database of an earlier run with BENCH_KEEP_DB=1 (skips the ~2 minutes of
 * generation); with it, --keep-decisions keeps the feed's month decisions of that run, so the
 * first refresh measured is one where no month changed. Coverage is measured cold (each region's first read decides its disclosure) and
 * warm (after warmCoverage, as the server does after each refresh): the target is the warm read.
 * Ends with one JSON line.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { benchDatabase, ms, now, num, round } from './lib/common';

const argScale = process.argv.indexOf('--scale');
const SCALE = argScale > 0 ? Number(process.argv[argScale + 1]) : num('BENCH_SCALE', 1, 0.001, 1);
const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const bench = benchDatabase(PG_ADMIN_URL, 'rt_bench_mapping');
const FEED_DIRECT = process.argv.includes('--feed') && process.argv[process.argv.indexOf('--feed') + 1] === 'direct';
const REUSE = process.argv.includes('--reuse');
const KEEP_DECISIONS = process.argv.includes('--keep-decisions');
const TARGETS = { coverage_p95_ms: { max: 200 }, snapshot_publish_ms: { max: 10_000 } };

process.env.ROUNDTABLE_ENCRYPTION_KEY ??= crypto.randomBytes(32).toString('base64');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))], 1);
};

async function main() {
  const { openDatabase } = await import('../src/core/db/database');
  const { migrateModules, seedModules } = await import('../src/core/db/lifecycle');
  const { allModules } = await import('../src/modules');
  const { loadCoverage } = await import('../src/modules/mapping/mapping.coverage.service');
  const { publishSnapshot } = await import('../src/modules/mapping/mapping.snapshots.service');
  const { systemActor } = await import('../src/core/accounts/actor');
  const { refreshFeed } = await import('../src/modules/mapping/mapping.feed');
  const { warmCoverage } = await import('../src/modules/mapping/mapping.coverage.service');

  const services = Math.round(60_000 * SCALE);
  const referrals = Math.round(1_000_000 * SCALE);
  console.log(`mapping bench: ${services.toLocaleString()} services, ${referrals.toLocaleString()} referrals (scale ${SCALE}) on ${PG_ADMIN_URL.replace(/\/\/[^@]*@/, '//')}`);
  let reused = false;
  if (REUSE) {
    const probe = new pg.Client({ connectionString: bench.url });
    reused = await probe.connect().then(async () => (await probe.query(`SELECT count(*)::int AS n FROM intake_referrals`)).rows[0].n >= referrals * 0.99, () => false).catch(() => false);
    await probe.end().catch(() => {});
    console.log(reused ? 'reusing the generated database of an earlier run' : 'nothing to reuse: generating');
  }
  if (!reused) {
    await bench.drop();
    await bench.create();
  }
  const database = await openDatabase({ databaseUrl: bench.url });
  const figures: Record<string, number | null> = {};
  try {
    let t = now();
    if (!reused) {
    await migrateModules(database, allModules);
    await seedModules(database, allModules, { demo: true });
    console.log(`migrate + demo data: ${ms(t)} ms`);

    t = now();
    const gen = new pg.Client({ connectionString: bench.url });
    await gen.connect();
    await gen.query(`SET session_replication_role = replica`);
    const q = async (s: string, p?: unknown[]) => (await gen.query(s, p as unknown[])).rows;
    const [prov] = await q(`SELECT id FROM geographies WHERE level = 'province' LIMIT 1`);
    await q(`INSERT INTO geographies (code, level, name_en, name_fr, parent_id) SELECT 'BR' || r, 'upper_tier', 'Bench Region ' || r, 'Région banc ' || r, $1 FROM generate_series(1, 40) r`, [prov.id]);
    await q(`INSERT INTO geographies (code, level, name_en, name_fr, parent_id)
      SELECT 'BR' || r || 'M' || m, 'municipality', 'Bench Town ' || r || '-' || m, 'Ville banc ' || r || '-' || m, g.id
      FROM generate_series(1, 40) r CROSS JOIN generate_series(1, 11) m JOIN geographies g ON g.code = 'BR' || r`);
    const [tax] = await q(`SELECT id FROM directory_taxonomies WHERE name = 'Roundtable need domains'`);
    await q(`INSERT INTO directory_taxonomy_terms (id, code, name, taxonomy, taxonomy_id) SELECT gen_random_uuid(), 'bench-domain-' || i, 'Bench domain ' || i, 'Roundtable need domains', $1 FROM generate_series(1, 7) i`, [tax.id]);
    await q(`INSERT INTO organizations (legal_name, sector) SELECT 'Bench Agency ' || i, 'settlement' FROM generate_series(1, 200) i`);
    await q(`CREATE UNLOGGED TABLE bench_orgs AS SELECT row_number() OVER (ORDER BY legal_name) - 1 AS n, id FROM organizations WHERE legal_name LIKE 'Bench Agency %'`);
    await q(`CREATE UNLOGGED TABLE bench_domains AS SELECT row_number() OVER (ORDER BY t.code) - 1 AS n, t.id, t.code FROM directory_taxonomy_terms t WHERE t.taxonomy_id = $1 AND t.parent_id IS NULL`, [tax.id]);
    await q(`CREATE UNLOGGED TABLE bench_towns AS SELECT row_number() OVER (ORDER BY code) - 1 AS n, id, parent_id, code FROM geographies WHERE code LIKE 'BR%M%'`);
    await q(`INSERT INTO directory_services (id, organization_id, name, description, status)
      SELECT gen_random_uuid(), o.id, 'Bench service ' || i, 'Bench program helping people with ' || (ARRAY['job search and resumes','housing applications','food hampers','language classes','counselling','child care spaces'])[1 + i % 6] || ' number ' || (i % 50), 'active'
      FROM generate_series(0, ${services - 1}) i JOIN bench_orgs o ON o.n = i % 200`);
    await q(`INSERT INTO directory_service_search (service_id, tsv_en, tsv_fr, folded, term_ids, geography_ids)
      SELECT s.id, to_tsvector('simple', s.name), to_tsvector('simple', s.name), lower(s.name),
        ARRAY[d1.id] || CASE WHEN x.n % 3 = 0 THEN ARRAY[d2.id] ELSE ARRAY[]::uuid[] END,
        ARRAY[CASE WHEN x.n % 10 = 0 THEN tw.parent_id ELSE tw.id END]
      FROM (SELECT id, name, row_number() OVER (ORDER BY id) - 1 AS n FROM directory_services WHERE name LIKE 'Bench service %') x
      JOIN directory_services s ON s.id = x.id
      JOIN bench_domains d1 ON d1.n = x.n % 20 JOIN bench_domains d2 ON d2.n = (x.n * 7 + 3) % 20
      JOIN bench_towns tw ON tw.n = (x.n * 13) % 440`);
    console.log(`geography, domains, services: ${ms(t)} ms`);
    t = now();
    await q(`INSERT INTO intake_referrals (client_id, from_organization_id, to_organization_id, service_name, need_code, reason_enc, urgency, shared_categories, status, municipality_id, from_sector, to_sector, sent_at, follow_up_due_at)
      SELECT gen_random_uuid(), o.id, o.id, 'Bench service', d.code, 'v1:x', 'routine', ARRAY['identity'],
        (ARRAY['requested','received','accepted','rejected','on-hold','completed','completed','completed'])[1 + i % 8], tw.id, 'settlement', 'employment',
        now() - (i % 360) * interval '1 day', now()
      FROM generate_series(0, ${referrals - 1}) i JOIN bench_orgs o ON o.n = i % 200 JOIN bench_domains d ON d.n = (i * 3) % 20 JOIN bench_towns tw ON tw.n = (i * 7) % 440`);
    console.log(`referrals: ${ms(t)} ms`);
    t = now();
    await q(`VACUUM ANALYZE`);
    console.log(`analyze: ${ms(t)} ms`);
    await gen.end();
    }
    if (reused) await migrateModules(database, allModules); // migrations added since the kept run
    const gen = new pg.Client({ connectionString: bench.url });
    await gen.connect();
    const q = async (s: string, p?: unknown[]) => (await gen.query(s, p as unknown[])).rows;
    const regions = (await q(`SELECT id FROM geographies WHERE code LIKE 'BR%' AND level = 'upper_tier' ORDER BY code`)) as { id: string }[];

    const actor = systemActor('bench');
    if (FEED_DIRECT) {
      t = now();
      await q(`DELETE FROM mapping_front_line`);
      await q(`INSERT INTO mapping_front_line (municipality_code, domain, month, measure, visible, hidden)
        SELECT code, domain, month, 'unmet_needs', coalesce(sum(n) FILTER (WHERE n >= 5), 0)::int, bool_or(n < 5) FROM (
          SELECT g.code, split_part(coalesce(r.need_code, 'unspecified'), '.', 1) AS domain, to_char(r.sent_at, 'YYYY-MM') AS month, r.status, count(*) AS n
          FROM intake_referrals r JOIN geographies g ON g.id = r.municipality_id WHERE r.status IN ('rejected', 'on-hold') GROUP BY 1, 2, 3, 4) x
        GROUP BY 1, 2, 3`);
      await q(`ANALYZE mapping_front_line`);
      console.log(`front-line sums loaded by SQL (--feed direct; the refresh itself not run): ${ms(t)} ms`);
      figures.feed_refresh_ms = null;
    } else {
      // The daily job: intake's feed into the data repository and the mapping's front-line sums.
      // The feed is decided month by month and each month's decision is kept (intake 0070): the
      // first refresh decides every month, the next only the months whose cells changed.
      // --keep-decisions (with --reuse): start from the month decisions of the earlier run, so
      // the first refresh is one where nothing changed (the cold one took 15 minutes; docs).
      if (!KEEP_DECISIONS) await q(`DELETE FROM intake_feed_decisions`);
      const kept = (await q(`SELECT count(*)::int AS n FROM intake_feed_decisions`))[0].n as number;
      const f0 = performance.now();
      console.log(await refreshFeed(database, actor, {}, 'skip'));
      const first = kept ? 'feed_refresh_unchanged_ms' : 'feed_refresh_ms';
      figures[first] = round(performance.now() - f0, 0);
      console.log(`front-line feed refresh (the daily job, ${kept} month decisions kept beforehand): ${figures[first]} ms`);
      await q(`SET session_replication_role = replica`); // generated referrals have no client rows
      // A day later: new referrals in the current month only; the other months are reused.
      await q(`INSERT INTO intake_referrals (client_id, from_organization_id, to_organization_id, service_name, need_code, reason_enc, urgency, shared_categories, status, municipality_id, from_sector, to_sector, sent_at, follow_up_due_at)
        SELECT client_id, from_organization_id, to_organization_id, service_name, need_code, reason_enc, urgency, shared_categories, status, municipality_id, from_sector, to_sector, now(), now()
        FROM intake_referrals WHERE service_name = 'Bench service' LIMIT ${Math.max(1, Math.round(3000 * SCALE))}`);
      await q(`SET session_replication_role = DEFAULT`);
      const f1 = performance.now();
      console.log(await refreshFeed(database, actor, {}, 'skip'));
      figures.feed_refresh_next_day_ms = round(performance.now() - f1, 0);
      console.log(`front-line feed refresh the next day (one month changed): ${figures.feed_refresh_next_day_ms} ms`);
    }
    await gen.end();
    const measure = async (label: string) => {
      const cov: number[] = [];
      for (let i = 0; i < regions.length; i++) {
        const s = performance.now();
        const c = await loadCoverage(database, actor, { regionId: regions[i].id, months: 12 });
        cov.push(performance.now() - s);
        if (i === 0 && label === 'cold') console.log(`coverage sample: ${c.places.length} places × ${c.domains.length} domains = ${c.cells.length} cells; ${c.cells.reduce((a, x) => a + x.services, 0)} service-places; ${c.cells.filter((x) => x.display.unmet === '<5' || x.display.unmet === 'x').length} unmet cells hidden`);
      }
      return cov;
    };
    // Cold: each region's first read pays its disclosure decision (what a reader of another window pays).
    const cold = await measure('cold');
    figures.coverage_cold_p50_ms = pct(cold, 50);
    figures.coverage_cold_p95_ms = pct(cold, 95);
    console.log(`coverage of one region, cold (decides disclosure): p50 ${figures.coverage_cold_p50_ms} ms, p95 ${figures.coverage_cold_p95_ms} ms (${cold.length} calls)`);
    // Warm: as served after the server's warmCoverage (which runs after every refresh and at start).
    const w0 = performance.now();
    await warmCoverage(database, actor);
    console.log(`warmCoverage (every region with front-line figures): ${round(performance.now() - w0, 0)} ms`);
    const cov = await measure('warm');
    figures.coverage_p50_ms = pct(cov, 50);
    figures.coverage_p95_ms = pct(cov, 95);
    console.log(`coverage of one region, warm (as served): p50 ${figures.coverage_p50_ms} ms, p95 ${figures.coverage_p95_ms} ms (${cov.length} calls)`);
    console.log(`load average while measuring: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores`);

    // The coverage query of one region (the directory's supply by domain × place), explained.
    const { serviceSupply, similarServicePairs } = await import('../src/modules/directory/directory.api');
    const { sql } = await import('drizzle-orm');
    const places = (await database.db.execute(sql`SELECT id FROM geographies WHERE parent_id = ${regions[0].id}::uuid`)) as unknown as { rows: { id: string }[] };
    const placeIds = places.rows.map((r) => r.id);
    const explaining = new Proxy(database.db, {
      get(target, prop, recv) {
        if (prop !== 'execute') return Reflect.get(target, prop, recv);
        return async (query: import('drizzle-orm').SQL) => {
          const plan = (await target.execute(sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`)) as unknown as { rows: Record<string, string>[] };
          console.log(plan.rows.map((r) => Object.values(r)[0]).join('\n'));
          return { rows: [] };
        };
      },
    });
    console.log('EXPLAIN (ANALYZE, BUFFERS) of the coverage query (serviceSupply) for one region:');
    await serviceSupply(explaining, placeIds);
    // Overlap candidates: pairs of alike services, blocked on domain × place (one region).
    const sim: number[] = [];
    let pairs = 0;
    for (let i = 0; i < Math.min(10, regions.length); i++) {
      const ids = ((await database.db.execute(sql`SELECT id FROM geographies WHERE parent_id = ${regions[i].id}::uuid`)) as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
      const s0 = performance.now();
      pairs = (await similarServicePairs(database.db, ids, 0.3)).length;
      sim.push(performance.now() - s0);
    }
    figures.similar_pairs_p50_ms = pct(sim, 50);
    figures.similar_pairs_max_ms = round(Math.max(...sim), 1);
    console.log(`overlap candidates (similarServicePairs, one region, similarity ≥ 0.3): p50 ${figures.similar_pairs_p50_ms} ms, max ${figures.similar_pairs_max_ms} ms over ${sim.length} regions; ${pairs} pairs in the last`);
    console.log('EXPLAIN (ANALYZE, BUFFERS) of similarServicePairs for one region:');
    await similarServicePairs(explaining, placeIds, 0.3);

    const s = performance.now();
    await publishSnapshot(database, actor, {}, { title: 'Bench snapshot', regionId: regions[0].id, months: 12 });
    figures.snapshot_publish_ms = round(performance.now() - s, 0);
    console.log(`snapshot publication: ${figures.snapshot_publish_ms} ms`);
  } finally {
    await database.close();
    if (!process.env.BENCH_KEEP_DB) await bench.drop();
  }
  const pass = Object.fromEntries(Object.entries(TARGETS).map(([k, tg]) => [k, figures[k] == null ? null : figures[k]! <= tg.max]));
  console.log(JSON.stringify({ bench: 'mapping', config: { scale: SCALE, feed: FEED_DIRECT ? 'direct' : 'refresh', services: Math.round(60_000 * SCALE), municipalities: 448, domains: 20, referrals: Math.round(1_000_000 * SCALE) }, results: figures, targets: TARGETS, pass }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
