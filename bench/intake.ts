/**
 * No Wrong Door at scale: worklist and dashboard latency over 1 million clients and 5 million referrals, and referral transitions under 20 concurrent workers.
 *
 * On PostgreSQL only (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres;
 * the bench creates and drops its own database rt_bench_intake). Migrates and loads the demo
 * data, then generates with generate_series: 200 organizations, 2,000 workers, SCALE × 1M
 * clients (names and dates of birth really encrypted, from a pool of 1,000 sealed values),
 * one intake consent each, SCALE × 1M assessments and SCALE × 5M referrals. Then:
 *  - the worker's worklist (the service function, as the route runs it: consent-filtered,
 *    decrypting, auditing each client shown), 300 calls for random workers: p50/p95;
 *  - the organization's referral dashboard, 100 calls for random organizations: p50/p95;
 *  - 20 concurrent workers moving 3,000 received referrals of one organization through
 *    accepted → in-progress → completed for BENCH_DURATION_S seconds, through the service;
 *    throughput, conflicts (409, expected), and lost or duplicated transitions (must be 0),
 *    checked against the referral rows and their event rows;
 *  - in the same run, a reference for what the server and machine allow: 20 clients each
 *    running a five-statement transaction of the transition's shape (BEGIN, a read by id, one
 *    conditional UPDATE…INSERT, an audit INSERT, COMMIT) on plain tables, pgbench-style, for
 *    the same duration; transitions are printed as a fraction of it.
 *
 * BENCH_INTAKE_DB names the bench database (default rt_bench_intake), so two runs can share a server.
 * BENCH_KEEP_DB=1 keeps it afterwards; BENCH_INTAKE_REUSE=1 then runs on the kept database without
 * generating again (it applies new migrations first; pass the same ROUNDTABLE_ENCRYPTION_KEY, and
 * note each run adds its 3,000 transition referrals). Generating 1M/5M takes 15–20 minutes on a
 * busy 2-core machine, so reuse is how to compare a query or index change at full size.
 * Args: --scale 0.1 (or BENCH_SCALE) for a quick run. Ends with one JSON line.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { benchDatabase, cpuMeter, ms, now, num, postmasterOf, round } from './lib/common';

const argScale = process.argv.indexOf('--scale');
const SCALE = argScale > 0 ? Number(process.argv[argScale + 1]) : num('BENCH_SCALE', 1, 0.001, 1);
const DURATION_S = num('BENCH_DURATION_S', 10, 1, 120);
const WORKERS = num('BENCH_WORKERS', 20, 1, 100);
const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const bench = benchDatabase(PG_ADMIN_URL, process.env.BENCH_INTAKE_DB ?? 'rt_bench_intake');
const TARGETS = { worklist_p95_ms: { max: 30 }, transitions_per_s: { min: 1000 }, lost_transitions: { max: 0 }, duplicated_transitions: { max: 0 } };

process.env.ROUNDTABLE_ENCRYPTION_KEY ??= crypto.randomBytes(32).toString('base64');
process.env.DATABASE_POOL_SIZE ??= String(WORKERS + 5);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))], 1);
};

async function main() {
  const { openDatabase } = await import('../src/core/db/database');
  const { migrateModules, seedModules } = await import('../src/core/db/lifecycle');
  const { allModules } = await import('../src/modules');
  const { encrypt } = await import('../src/modules/intake/intake.crypto');
  const { worklist, dashboard } = await import('../src/modules/intake/intake.reports');
  const { transitionReferral } = await import('../src/modules/intake/intake.referrals');
  const { AppError } = await import('../src/core/http/errors');
  const { startSealer, stopSealer } = await import('../src/core/audit/audit.chain');
  type Actor = import('../src/core/accounts/actor').Actor;

  const clients = Math.round(1_000_000 * SCALE);
  const referrals = Math.round(5_000_000 * SCALE);
  console.log(`intake bench: ${clients.toLocaleString()} clients, ${referrals.toLocaleString()} referrals (scale ${SCALE}) on ${PG_ADMIN_URL.replace(/\/\/[^@]*@/, '//')}`);
  const reuse = process.env.BENCH_INTAKE_REUSE === '1' && (await bench.exists());
  if (!reuse) {
    await bench.drop();
    await bench.create();
  }
  const database = await openDatabase({ databaseUrl: bench.url });
  const figures: Record<string, number | null> = {};
  try {
    let t = now();
    await migrateModules(database, allModules);
    if (reuse) console.log(`reusing ${bench.url.replace(/\/\/[^@]*@/, '//')} (migrated: ${ms(t)} ms)`);
    else {
    await seedModules(database, allModules, { demo: true });
    console.log(`migrate + demo data: ${ms(t)} ms`);

    t = now();
    // Bulk generation on one connection, foreign-key triggers off (the generated rows are consistent by construction).
    const gen = new pg.Client({ connectionString: bench.url });
    await gen.connect();
    await gen.query(`SET session_replication_role = replica`);
    const q = async (s: string, p?: unknown[]) => (await gen.query(s, p as unknown[])).rows;
    await q(`INSERT INTO organizations (legal_name, sector) SELECT 'Bench Agency ' || i, (ARRAY['settlement','employment','housing','health','language'])[1 + i % 5] FROM generate_series(1, 200) i`);
    await q(`INSERT INTO users (email, name, password_hash, organization_id)
      SELECT 'worker' || i || '@bench.test', 'Bench Worker ' || i, 'x', o.id
      FROM generate_series(1, 2000) i JOIN LATERAL (SELECT id FROM organizations WHERE legal_name = 'Bench Agency ' || (1 + i % 200)) o ON true`);
    await q(`INSERT INTO role_assignments (user_id, role, scope_type, scope_id) SELECT id, 'staff', 'organization', organization_id FROM users WHERE email LIKE '%@bench.test'`);
    await q(`CREATE UNLOGGED TABLE bench_workers AS SELECT row_number() OVER (ORDER BY email) - 1 AS n, id, organization_id FROM users WHERE email LIKE '%@bench.test'`);
    await q(`CREATE UNLOGGED TABLE bench_orgs AS SELECT row_number() OVER (ORDER BY legal_name) - 1 AS n, id FROM organizations WHERE legal_name LIKE 'Bench Agency %'`);
    // A pool of really encrypted values, so reads decrypt as they would in production.
    const pool = Array.from({ length: 1000 }, (_, i) => [encrypt(`Bench Fictional-Person ${i}`), encrypt(`19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`), encrypt(`Bench referral reason ${i}`)]);
    await q(`CREATE UNLOGGED TABLE bench_pool (n int, name_enc text, dob_enc text, reason_enc text)`);
    await q(`INSERT INTO bench_pool SELECT i - 1, (string_to_array($1, '|'))[i], (string_to_array($2, '|'))[i], (string_to_array($3, '|'))[i] FROM generate_series(1, 1000) i`, [pool.map((p) => p[0]).join('|'), pool.map((p) => p[1]).join('|'), pool.map((p) => p[2]).join('|')]);
    // Triggers are off here, so the client's latest-assessment date (kept by trigger, 0051) is
    // written with the client, by the same rule as its assessment's date below.
    const at = new Date().toISOString();
    await q(`INSERT INTO intake_clients (id, home_organization_id, name_enc, birth_date_enc, name_index, birth_date_index, preferred_language, status, assigned_user_id, created_by, updated_at, last_assessed_at)
      SELECT g.id, w.organization_id, p.name_enc, p.dob_enc, ARRAY[md5(i::text)], md5('d' || (i % 20000)), 'en', 'active', w.id, w.id, now() - (i % 1000) * interval '1 hour',
        $1::timestamptz - (abs(hashtext(g.id::text)) % 200) * interval '1 day'
      FROM generate_series(0, ${clients - 1}) i CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id, i AS k) g JOIN bench_workers w ON w.n = i % 2000 JOIN bench_pool p ON p.n = i % 1000`, [at]);
    console.log(`clients: ${ms(t)} ms`);
    t = now();
    await q(`INSERT INTO intake_consents (client_id, purpose, data_categories, organization_ids, method)
      SELECT c.id, 'intake', ARRAY['identity','contact','demographics','assessment','referral','plan'], ARRAY[c.home_organization_id, o.id], 'signed_on_screen'
      FROM intake_clients c JOIN bench_orgs o ON o.n = abs(hashtext(c.id::text)) % 200`);
    const [inst] = await q(`SELECT id FROM intake_instruments LIMIT 1`) as { id: string }[];
    await q(`INSERT INTO intake_assessments (client_id, instrument_id, organization_id, answers_enc, acuity, needs, assessed_at)
      SELECT c.id, $1::uuid, c.home_organization_id, 'v1:x', '{"employment":2}', '[{"domain":"employment","needCode":"employment","urgency":"soon"}]', $2::timestamptz - (abs(hashtext(c.id::text)) % 200) * interval '1 day'
      FROM intake_clients c`, [inst.id, at]);
    console.log(`consents + assessments: ${ms(t)} ms`);
    t = now();
    await q(`CREATE UNLOGGED TABLE bench_clients AS SELECT row_number() OVER () - 1 AS n, id, home_organization_id, assigned_user_id FROM intake_clients`);
    await q(`CREATE INDEX ON bench_clients (n)`);
    const statuses = `(ARRAY['requested','received','accepted','rejected','in-progress','completed','completed','completed','cancelled','completed'])[1 + i % 10]`;
    await q(`INSERT INTO intake_referrals (client_id, from_organization_id, from_user_id, to_organization_id, service_name, need_code, reason_enc, urgency, shared_categories,
        status, outcome, municipality_id, from_sector, to_sector, sent_at, follow_up_due_at, accepted_at, closed_at)
      SELECT c.id, c.home_organization_id, c.assigned_user_id, o.id, 'Bench service', (ARRAY['employment','language','housing','food'])[1 + i % 4], bp.reason_enc,
        (ARRAY['routine','soon','urgent'])[1 + i % 3], ARRAY['identity','contact'], s.status,
        CASE WHEN s.status = 'completed' THEN 'service_received' END, NULL, 'settlement', 'employment',
        now() - (i % 365) * interval '1 day', now() - (i % 365) * interval '1 day' + interval '7 days',
        CASE WHEN s.status IN ('accepted','in-progress','completed') THEN now() - (i % 365) * interval '1 day' + interval '20 hours' END,
        CASE WHEN s.status IN ('rejected','completed','cancelled') THEN now() - (i % 365) * interval '1 day' + interval '5 days' END
      FROM generate_series(0, ${referrals - 1}) i
      JOIN bench_clients c ON c.n = i % ${clients}
      JOIN bench_orgs o ON o.n = (i * 7) % 200
      JOIN bench_pool bp ON bp.n = i % 1000
      CROSS JOIN LATERAL (SELECT ${statuses} AS status) s`);
    console.log(`referrals: ${ms(t)} ms`);
    t = now();
    await q(`VACUUM ANALYZE`);
    console.log(`analyze: ${ms(t)} ms`);
    await gen.end();
    }
    const gen = new pg.Client({ connectionString: bench.url });
    await gen.connect();
    const q = async (s: string, p?: unknown[]) => (await gen.query(s, p as unknown[])).rows;
    const workers = (await q(`SELECT w.id, w.organization_id, u.email FROM bench_workers w JOIN users u ON u.id = w.id`)) as { id: string; organization_id: string; email: string }[];
    const orgs = (await q(`SELECT id FROM bench_orgs`)) as { id: string }[];
    const reasonPool = (await q(`SELECT reason_enc FROM bench_pool WHERE n = 0`))[0].reason_enc as string;
    await gen.end();

    const actorOf = (w: { id: string; organization_id: string; email: string }): Actor => ({
      kind: 'user', userId: w.id, email: w.email, name: w.email, organizationId: w.organization_id, isDemo: false,
      roles: [{ role: 'staff', scopeType: 'organization', scopeId: w.organization_id }],
    });

    // The audit chain's sealer runs as it does in the server (every second, after commit), so
    // its cost is in the figures below.
    startSealer(database, (e) => console.error(`sealing: ${e.message}`));

    // Worklist
    const wl: number[] = [];
    for (let i = 0; i < 300; i++) {
      const w = workers[(i * 37) % workers.length];
      const s = performance.now();
      const r = await worklist(database, actorOf(w), {});
      wl.push(performance.now() - s);
      if (i === 0) console.log(`worklist sample: ${r.clients.length} clients, ${r.incoming.length} incoming, ${r.overdueFollowUps.length} overdue`);
    }
    figures.worklist_p50_ms = pct(wl, 50);
    figures.worklist_p95_ms = pct(wl, 95);
    console.log(`worklist: p50 ${figures.worklist_p50_ms} ms, p95 ${figures.worklist_p95_ms} ms (300 calls)`);

    const db: number[] = [];
    for (let i = 0; i < 100; i++) {
      const org = orgs[(i * 13) % orgs.length].id;
      const w = workers.find((x) => x.organization_id === org)!;
      const s = performance.now();
      await dashboard(database, actorOf(w), org);
      db.push(performance.now() - s);
    }
    figures.dashboard_p50_ms = pct(db, 50);
    figures.dashboard_p95_ms = pct(db, 95);
    console.log(`dashboard: p50 ${figures.dashboard_p50_ms} ms, p95 ${figures.dashboard_p95_ms} ms (100 calls)`);

    // Transitions: 3,000 received referrals to one organization, each sent by its client's worker
    // (as the app records a referral), 20 workers of the receiving organization racing.
    const target = orgs[0].id;
    const staffOf = workers.filter((w) => w.organization_id === target).slice(0, WORKERS);
    while (staffOf.length < WORKERS) staffOf.push(staffOf[staffOf.length % Math.max(1, staffOf.length)]);
    const q2 = (s: string, p?: unknown[]) => database.query(s, p);
    const ids = ((await q2(`INSERT INTO intake_referrals (client_id, from_organization_id, from_user_id, to_organization_id, reason_enc, urgency, status, sent_at, follow_up_due_at)
      SELECT c.id, c.home_organization_id, c.assigned_user_id, $1::uuid, '${reasonPool}', 'routine', 'received', now(), now() + interval '7 days'
      FROM intake_clients c JOIN intake_consents k ON k.client_id = c.id AND $1::uuid = ANY (k.organization_ids) LIMIT 3000 RETURNING id`, [target])) as { id: string }[]).map((r) => r.id);
    await q2(`INSERT INTO intake_referral_events (referral_id, to_status, actor_label) SELECT id, 'received', 'bench' FROM intake_referrals WHERE id::text = ANY ($1)`, [ids]);
    const NEXT: Record<string, string> = { received: 'accepted', accepted: 'in-progress', 'in-progress': 'completed' };
    const known = new Map(ids.map((id) => [id, 'received']));
    let ok = 0;
    let conflicts = 0;
    let errors = 0;
    // Completed referrals, by id: the worker that completed one and a worker refused on it both see it.
    const completed = new Set<string>();
    const until = Date.now() + DURATION_S * 1000;
    const postmaster = await postmasterOf({ query: (sql: string) => q2(sql) });
    const s0 = performance.now();
    const cpu = cpuMeter(postmaster);
    await Promise.all(staffOf.map(async (w, k) => {
      const actor = actorOf(w);
      let i = k;
      while (Date.now() < until) {
        // Overlapping picks, so workers race for the same referral.
        const id = ids[(i = (i * 1103515245 + 12345 + k) % 2147483647) % ids.length];
        const from = known.get(id)!;
        const to = NEXT[from];
        if (!to) {
          // Every referral is through its three steps: the pool is used up (a small scale); stop.
          if (completed.size >= ids.length) break;
          // Let the workers in flight finish theirs (a loop that never waits would starve them).
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        try {
          await transitionReferral(database, actor, {}, id, { to: to as 'accepted', outcome: to === 'completed' ? 'service_received' : undefined });
          ok++;
          known.set(id, to);
          if (to === 'completed') completed.add(id);
        } catch (e) {
          if (e instanceof AppError && e.status === 409) {
            conflicts++;
            const [r] = (await q2(`SELECT status FROM intake_referrals WHERE id = $1`, [id])) as { status: string }[];
            if (r.status === 'completed') completed.add(id);
            known.set(id, r.status);
          } else { errors++; if (errors < 3) console.error(e); }
        }
      }
    }));
    const seconds = (performance.now() - s0) / 1000;
    const used = cpu.stop();
    const [check] = (await q2(`SELECT
        (SELECT count(*)::int FROM intake_referral_events WHERE referral_id::text = ANY ($1) AND to_status <> 'received') AS events,
        (SELECT coalesce(sum(CASE status WHEN 'accepted' THEN 1 WHEN 'in-progress' THEN 2 WHEN 'completed' THEN 3 ELSE 0 END), 0)::int FROM intake_referrals WHERE id::text = ANY ($1)) AS steps,
        (SELECT count(*)::int FROM (SELECT referral_id, to_status FROM intake_referral_events WHERE referral_id::text = ANY ($1) GROUP BY 1, 2 HAVING count(*) > 1) d) AS dup`, [ids])) as { events: number; steps: number; dup: number }[];
    figures.transitions_per_s = round(ok / seconds, 0);
    figures.transitions_ok = ok;
    figures.transition_conflicts = conflicts;
    figures.transition_errors = errors;
    // Lost: a transition the service reported done that the rows do not show (or the reverse).
    figures.lost_transitions = Math.abs(check.steps - ok) + Math.abs(check.events - ok);
    figures.duplicated_transitions = check.dup;
    if (completed.size >= ids.length) console.log(`transitions: all ${ids.length} referrals completed before ${DURATION_S} s: the rate below is over the time they took`);
    console.log(`transitions: ${ok} in ${round(seconds, 1)} s = ${figures.transitions_per_s}/s with ${WORKERS} workers; ${conflicts} conflicts (409), ${errors} errors; rows show ${check.steps} steps and ${check.events} events; lost ${figures.lost_transitions}, duplicated ${check.dup}`);
    // Conflicts cost CPU too; per transition made is what the rate pays.
    figures.transition_node_cpu_ms = round(used.nodeMs / ok, 2);
    figures.transition_postgres_cpu_ms = Number.isNaN(used.postgresMs) ? null : round(used.postgresMs / ok, 2); // null: the server's processes are not visible here
    console.log(`transitions: CPU per transition ${figures.transition_node_cpu_ms} ms in Node, ${figures.transition_postgres_cpu_ms} ms in PostgreSQL (sealing included); ${Number.isNaN(used.postgresMs) ? 'PostgreSQL not measured: its processes are not visible here' : `${round((used.nodeMs + used.postgresMs) / seconds / 10, 0)} % of one core in all`}`);

    const sealStart = performance.now();
    await stopSealer(database);
    const [tail] = (await q2(`SELECT (SELECT count(*)::int FROM audit_events WHERE row_hash IS NULL) + (SELECT count(*)::int FROM intake_access_log WHERE row_hash IS NULL) AS n`)) as { n: number }[];
    figures.unsealed_after_bench = tail.n;
    console.log(`audit chain: the last seal took ${round(performance.now() - sealStart, 0)} ms; ${tail.n} rows left unsealed`);

    const reference = await referenceRun(bench.url);
    figures.reference_tps = reference.tps;
    figures.transitions_vs_reference = reference.tps ? round(ok / seconds / reference.tps, 2) : null;
    figures.reference_node_cpu_ms = reference.nodeCpuMs;
    figures.reference_postgres_cpu_ms = reference.postgresCpuMs;
    console.log(`reference (5-statement transaction of the same shape, ${WORKERS} clients, ${DURATION_S} s): ${figures.reference_tps}/s; transitions are ${figures.transitions_vs_reference} of it; CPU per transaction ${reference.nodeCpuMs} ms in Node, ${reference.postgresCpuMs} ms in PostgreSQL`);
  } finally {
    await database.close();
    if (!process.env.BENCH_KEEP_DB) await bench.drop();
  }
  const pass = Object.fromEntries(Object.entries(TARGETS).map(([k, tg]) => {
    const v = figures[k];
    if (v == null) return [k, null];
    return [k, ('max' in tg ? v <= tg.max : true) && ('min' in tg ? v >= (tg as { min: number }).min : true)];
  }));
  console.log(JSON.stringify({ bench: 'intake', config: { scale: SCALE, clients: Math.round(1_000_000 * SCALE), referrals: Math.round(5_000_000 * SCALE), workers: WORKERS, duration_s: DURATION_S }, results: figures, targets: TARGETS, pass }));
}

/**
 * pgbench-style reference: 20 connections, each looping BEGIN; SELECT by id; UPDATE…INSERT (the
 * transition's conditional update and its event row); INSERT an audit row; COMMIT. Logged tables,
 * so every commit flushes WAL as a transition does.
 */
async function referenceRun(url: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP TABLE IF EXISTS bench_ref_items, bench_ref_events, bench_ref_audit`); // a reused database keeps the last run's
  await admin.query(`CREATE TABLE bench_ref_items (id int PRIMARY KEY, status int NOT NULL DEFAULT 0, version int NOT NULL DEFAULT 0, note text)`);
  await admin.query(`CREATE TABLE bench_ref_events (id bigserial PRIMARY KEY, item_id int NOT NULL, to_status int NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
  await admin.query(`CREATE TABLE bench_ref_audit (id bigserial PRIMARY KEY, item_id int NOT NULL, action text NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
  await admin.query(`INSERT INTO bench_ref_items (id, note) SELECT i, 'item ' || i FROM generate_series(1, 100000) i`);
  await admin.query(`VACUUM ANALYZE bench_ref_items`);
  await admin.end();
  const clients = await Promise.all(Array.from({ length: WORKERS }, async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    return c;
  }));
  let done = 0;
  const until = Date.now() + DURATION_S * 1000;
  const postmaster = await postmasterOf(clients[0]);
  const s0 = performance.now();
  const cpu = cpuMeter(postmaster);
  await Promise.all(clients.map(async (c, k) => {
    let i = k;
    while (Date.now() < until) {
      const id = 1 + ((i = (i * 1103515245 + 12345 + k) % 2147483647) % 100000);
      await c.query('BEGIN');
      const [row] = (await c.query('SELECT status, version FROM bench_ref_items WHERE id = $1', [id])).rows as { status: number; version: number }[];
      await c.query(`WITH u AS (UPDATE bench_ref_items SET status = status + 1, version = version + 1 WHERE id = $1 AND status = $2 RETURNING id, status)
        INSERT INTO bench_ref_events (item_id, to_status) SELECT id, status FROM u`, [id, row.status]);
      await c.query(`INSERT INTO bench_ref_audit (item_id, action) VALUES ($1, 'step')`, [id]);
      await c.query('COMMIT');
      done++;
    }
  }));
  const seconds = (performance.now() - s0) / 1000;
  const used = cpu.stop();
  await Promise.all(clients.map((c) => c.end()));
  return { tps: round(done / seconds, 0), nodeCpuMs: round(used.nodeMs / done, 3), postgresCpuMs: Number.isNaN(used.postgresMs) ? null : round(used.postgresMs / done, 3) };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
