import crypto from 'node:crypto';
import pg from 'pg';
process.env.ROUNDTABLE_ENCRYPTION_KEY ??= crypto.randomBytes(32).toString('base64');
const times: { ms: number; sql: string }[] = [];
const orig = pg.Client.prototype.query as (...a: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: unknown }).query = function (this: unknown, ...args: unknown[]) {
  const t = performance.now();
  const r = orig.apply(this, args) as Promise<unknown>;
  const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text;
  if (r && typeof (r as Promise<unknown>).then === 'function') r.then(() => times.push({ ms: performance.now() - t, sql: text.replace(/\s+/g, ' ').slice(0, 140) }), () => undefined);
  return r;
};
async function main() {
  const { openDatabase } = await import('../src/core/db/database');
  const { worklist } = await import('../src/modules/intake/intake.reports');
  const database = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/rt_bench_intake' });
  const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/rt_bench_intake' });
  await c.connect();
  const ws = (await c.query(`SELECT w.id, w.organization_id, u.email FROM bench_workers w JOIN users u ON u.id = w.id ORDER BY random() LIMIT 20`)).rows;
  await c.end();
  const agg = new Map<string, number[]>();
  for (const w of ws) {
    times.length = 0;
    const actor = { kind: 'user', userId: w.id, email: w.email, name: w.email, organizationId: w.organization_id, isDemo: false, roles: [{ role: 'staff', scopeType: 'organization', scopeId: w.organization_id }] } as never;
    const t = performance.now();
    try { await worklist(database, actor, {}); } catch { /* decrypt with another key */ }
    const total = performance.now() - t;
    await new Promise((r) => setTimeout(r, 20));
    for (const q of times) { const k = q.sql; agg.set(k, [...(agg.get(k) ?? []), q.ms]); }
    agg.set('TOTAL', [...(agg.get('TOTAL') ?? []), total]);
  }
  for (const [k, v] of agg) { v.sort((a, b) => a - b); console.log(`${v[Math.floor(v.length / 2)].toFixed(1).padStart(7)} med ${v[v.length - 1].toFixed(1).padStart(7)} max  ${k}`); }
  await database.close();
}
main();
