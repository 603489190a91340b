/**
 * Knowledge exchange at province scale: a network's comparison page across 50 collaboratives
 * × 20 shared indicators × 10 periods (1,000 live grants, 10,000 values read through the data
 * module and put through disclosure control), as a member of one collaborative sees it.
 *
 * On PostgreSQL only (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres;
 * the bench creates and drops its own database bench_exchange). Migrates and loads reference
 * data, then generates with generate_series: 50 collaboratives (a third rural, a sixth
 * neighbourhood-based), 20 count indicators, their values in each collaborative's private
 * partition (one in 25 under the suppression threshold), a network with the 50 members and one
 * grant per collaborative × indicator, plus 5,000 values of a non-member that nobody shared.
 * Then, as a member of one collaborative: the comparison (the service function the route runs)
 * 40 times, p50/p95, and the comparison faceted to rural collaboratives.
 *
 * Ends with one JSON line.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { benchDatabase, ms, now, round } from './lib/common';

const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const bench = benchDatabase(PG_ADMIN_URL, 'bench_exchange');
const TARGETS = { comparison_p95_ms: { max: 200 } };
const COLLABS = 50, INDICATORS = 20, PERIODS = 10, CALLS = 40;

process.env.ROUNDTABLE_ENCRYPTION_KEY ??= crypto.randomBytes(32).toString('base64');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))], 1);
};

async function main() {
  const { openDatabase } = await import('../src/core/db/database');
  const { migrateModules, seedModules } = await import('../src/core/db/lifecycle');
  const { allModules } = await import('../src/modules');
  const { comparison } = await import('../src/modules/exchange/exchange.networks.service');
  type Actor = import('../src/core/accounts/actor').Actor;

  console.log(`exchange bench: ${COLLABS} collaboratives × ${INDICATORS} shared indicators × ${PERIODS} periods on ${PG_ADMIN_URL.replace(/\/\/[^@]*@/, '//')}`);
  await bench.drop();
  await bench.create();
  const database = await openDatabase({ databaseUrl: bench.url });
  const figures: Record<string, number | null> = {};
  try {
    let t = now();
    await migrateModules(database, allModules);
    await seedModules(database, allModules, { demo: false });
    console.log(`migrate + reference data: ${ms(t)} ms`);

    t = now();
    const gen = new pg.Client({ connectionString: bench.url });
    await gen.connect();
    const q = async (s: string, p?: unknown[]) => (await gen.query(s, p as unknown[])).rows;
    const [prov] = await q(`SELECT id FROM geographies WHERE level = 'province' LIMIT 1`);
    await q(`INSERT INTO collaboratives (name, type, scope, catchment_geography_id) SELECT 'Bench LIP ' || lpad(i::text, 3, '0'), 'lip_partnership_council', 'local', $1 FROM generate_series(1, ${COLLABS + 1}) i`, [prov.id]);
    await q(`INSERT INTO data_indicators (code, name_en, name_fr, unit, direction, domain, suppression_threshold)
      SELECT 'bench.ind-' || i, 'Bench indicator ' || i, 'Indicateur banc ' || i, 'count', 'higher_is_better', 'settlement', 5 FROM generate_series(1, ${INDICATORS}) i`);
    await q(`CREATE UNLOGGED TABLE bench_c AS SELECT row_number() OVER (ORDER BY name) AS n, id FROM collaboratives WHERE name LIKE 'Bench LIP %'`);
    await q(`INSERT INTO data_observations (indicator_id, geography_id, period, period_start, collaborative_id, value, status, source)
      SELECT d.id, $1, (2015 + p)::text, make_date(2015 + p, 1, 1), c.id,
        CASE WHEN (c.n * 7 + p * 3 + d.rn) % 25 = 0 THEN 3 ELSE 100 + (c.n * 37 + p * 11 + d.rn * 5) % 900 END, 'final', 'Bench (synthetic)'
      FROM bench_c c CROSS JOIN generate_series(1, ${PERIODS}) p
      CROSS JOIN (SELECT id, row_number() OVER (ORDER BY code) AS rn FROM data_indicators WHERE code LIKE 'bench.%') d`, [prov.id]);
    const [net] = await q(`INSERT INTO exchange_networks (name) VALUES ('Bench network') RETURNING id`);
    await q(`INSERT INTO exchange_network_members (network_id, collaborative_id, community_type)
      SELECT $1, id, CASE WHEN n % 3 = 0 THEN 'rural' WHEN n % 6 = 1 THEN 'neighbourhood' ELSE 'urban' END FROM bench_c WHERE n <= ${COLLABS}`, [net.id]);
    await q(`INSERT INTO exchange_share_grants (network_id, collaborative_id, kind, indicator_id, geography_id, aggregate_consent)
      SELECT $1, c.id, 'indicator', d.id, $2, c.n % 2 = 0 FROM bench_c c CROSS JOIN data_indicators d WHERE c.n <= ${COLLABS} AND d.code LIKE 'bench.%'`, [net.id, prov.id]);
    const [me] = await q(`SELECT id FROM bench_c WHERE n = 1`);
    const [counts] = await q(`SELECT (SELECT count(*) FROM data_observations WHERE source = 'Bench (synthetic)')::int AS values, (SELECT count(*) FROM exchange_share_grants)::int AS grants`);
    await q(`VACUUM ANALYZE`);
    console.log(`generated ${counts.values.toLocaleString()} values (incl. ${PERIODS * INDICATORS} of a non-member, never shared) and ${counts.grants.toLocaleString()} grants: ${ms(t)} ms`);

    const actor: Actor = { kind: 'user', userId: crypto.randomUUID(), email: 'bench@example.test', name: 'Bench member', organizationId: null, isDemo: false, roles: [{ role: 'member', scopeType: 'collaborative', scopeId: me.id }] };
    // The floor: the comparison's data as one bare SQL statement (live grants of the network the
    // member sees, joined to the shared partitions' values: the same 10,000 rows), sent by a plain
    // pg client in the same loop, so both see the same load.
    const floorSql = `WITH g AS MATERIALIZED (
        SELECT g.collaborative_id, g.indicator_id, g.geography_id FROM exchange_share_grants g
        JOIN exchange_network_members m ON m.network_id = g.network_id AND m.collaborative_id = g.collaborative_id
        WHERE g.network_id = $1 AND g.kind = 'indicator' AND g.revoked_at IS NULL AND (g.valid_until IS NULL OR g.valid_until >= current_date)
          AND EXISTS (SELECT 1 FROM exchange_network_members me WHERE me.network_id = g.network_id AND me.collaborative_id = ANY($2::uuid[])))
      SELECT o.collaborative_id, o.indicator_id, o.period, o.value, o.status
      FROM data_observations o JOIN g ON o.collaborative_id = g.collaborative_id AND o.indicator_id = g.indicator_id AND o.geography_id = g.geography_id
      WHERE o.disaggregation_key = '' AND NOT o.is_projection AND o.collaborative_id IN (SELECT collaborative_id FROM g)
      ORDER BY o.period_start`;
    const times: number[] = [];
    const floor: number[] = [];
    let floorRows = 0;
    let appCpu = 0;
    let sample: Awaited<ReturnType<typeof comparison>> | undefined;
    for (let i = 0; i < CALLS + 3; i++) {
      const cpu = process.cpuUsage();
      const s = performance.now();
      const c = await comparison(database, actor, net.id, {});
      const elapsed = performance.now() - s;
      const used = process.cpuUsage(cpu);
      const f = performance.now();
      floorRows = (await gen.query(floorSql, [net.id, [me.id]])).rowCount ?? 0;
      const floorElapsed = performance.now() - f;
      if (i >= 3) {
        // three warm-up calls
        times.push(elapsed);
        floor.push(floorElapsed);
        appCpu += used.user + used.system;
      }
      sample = c;
    }
    await gen.end();
    const used = { user: appCpu, system: 0 };
    // Node's own CPU per call (the server side of the work, without PostgreSQL's): a figure that a loaded machine inflates less than wall time.
    figures.node_cpu_ms_per_call = round((used.user + used.system) / 1000 / CALLS, 1);
    const cells = sample!.indicators.reduce((a, i) => a + i.panels.reduce((b, p) => b + p.points.length, 0), 0);
    const hidden = sample!.indicators.reduce((a, i) => a + i.panels.reduce((b, p) => b + p.points.filter((x) => x.suppressed).length, 0), 0);
    figures.comparison_p50_ms = pct(times, 50);
    figures.comparison_p95_ms = pct(times, 95);
    figures.response_kb = round(JSON.stringify(sample).length / 1024, 0);
    console.log(`comparison: ${sample!.indicators.length} indicators × ${sample!.indicators[0]?.panels.length} panels, ${cells.toLocaleString()} values (${hidden} suppressed), ${figures.response_kb} KB`);
    figures.floor_sql_p50_ms = pct(floor, 50);
    figures.floor_sql_p95_ms = pct(floor, 95);
    figures.app_over_floor_p95 = round(figures.comparison_p95_ms! / Math.max(0.1, figures.floor_sql_p95_ms!), 2);
    console.log(`comparison as a member: p50 ${figures.comparison_p50_ms} ms, p95 ${figures.comparison_p95_ms} ms (${times.length} calls); node CPU ${figures.node_cpu_ms_per_call} ms per call`);
    console.log(`floor, the bare SQL of the same data (${floorRows.toLocaleString()} rows, pg client, same loop): p50 ${figures.floor_sql_p50_ms} ms, p95 ${figures.floor_sql_p95_ms} ms; app / floor at p95: ${figures.app_over_floor_p95}×`);
    console.log(`load average while measuring: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores`);
    const rural: number[] = [];
    for (let i = 0; i < 10; i++) {
      const s = performance.now();
      await comparison(database, actor, net.id, { communityType: 'rural' });
      rural.push(performance.now() - s);
    }
    figures.comparison_rural_p50_ms = pct(rural, 50);
    console.log(`comparison faceted to rural: p50 ${figures.comparison_rural_p50_ms} ms`);
  } finally {
    await database.close();
    if (!process.env.BENCH_KEEP_DB) await bench.drop();
  }
  const pass = Object.fromEntries(Object.entries(TARGETS).map(([k, tg]) => [k, figures[k] == null ? null : figures[k]! <= tg.max]));
  console.log(JSON.stringify({ bench: 'exchange', config: { collaboratives: COLLABS, indicators: INDICATORS, periods: PERIODS, calls: CALLS }, results: figures, targets: TARGETS, pass }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
