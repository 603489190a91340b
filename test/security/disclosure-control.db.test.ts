/**
 * Attacker tests for disclosure control (issue 11, finding 6). A patient reader gathers every
 * published cell of a table set through the real HTTP routes — maps, series, breakdowns,
 * roll-ups, profiles, CSV downloads, the No Wrong Door feed, the public scorecard — builds the
 * linear system anyone knows (places add up to their region, breakdowns to their total, the
 * feed's measures to each other) and solves it with an LP solver for each hidden cell's
 * smallest and largest value. Any hidden count narrowed below the threshold fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createTestApp, demo, type Agent, type TestApp } from '../helpers/test-app';
import { systemActor } from '../../src/core/accounts/actor';
import { recordSystemObservations } from '../../src/modules/data/data.api';
import { protectFeed, type FeedCell } from '../../src/modules/intake/intake.suppression';
import { attack, repositoryRelations, type SeenCell } from './disclosure-attacker';

const T = 5;
let t: TestApp;
let parentOf: Map<string, string | null>;
let durham: string;
let munis: { id: string; code: string }[];

beforeAll(async () => {
  t = await createTestApp();
  // The geography tree is public (the places API and every map show it).
  const geos = await t.database.query<{ id: string; parent_id: string | null; code: string }>('SELECT id, parent_id, code FROM geographies');
  parentOf = new Map(geos.map((g) => [g.id, g.parent_id]));
  durham = geos.find((g) => g.code === '3518')!.id;
  munis = geos.filter((g) => g.parent_id === durham).map((g) => ({ id: g.id, code: g.code }));
});
afterAll(() => t.close());

type Cell = { value: number | null; suppressed: boolean; reason: string | null; display: string } | null;

/** Everything the public can see of one indicator, merged by cell: a number any view shows is known. */
async function gather(agent: Agent, indicatorId: string): Promise<Map<string, SeenCell>> {
  const seen = new Map<string, SeenCell>();
  const note = (g: string, period: string, dkey: string, c: Cell) => {
    if (!c || (c.value === null && !c.suppressed)) return;
    const k = `${g}|${period}|${dkey}`;
    const prev = seen.get(k);
    if (c.value !== null) seen.set(k, { value: c.value, reason: null });
    else if (!prev) seen.set(k, { value: null, reason: c.reason });
  };
  const places = [...parentOf.keys()];
  const parents = [...new Set([...parentOf.values()].filter((p): p is string => !!p))];
  const periods = new Set<string>();
  for (const g of places) {
    const s = await agent.get(`/api/v1/data/series?indicatorId=${indicatorId}&geographyIds=${g}`);
    expect(s.statusCode, s.body).toBe(200);
    for (const p of s.json().series[0].points) {
      periods.add(p.period);
      note(g, p.period, '', p);
    }
    const csv = parse((await agent.get(`/api/v1/data/series.csv?indicatorId=${indicatorId}&geographyIds=${g}`)).body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    for (const r of csv) note(g, r.period, '', { value: r.value === '' ? null : Number(r.value), suppressed: r.suppressed === 'true', reason: r.display.startsWith('<') ? 'threshold' : 'complementary', display: r.display });
  }
  for (const period of periods) {
    for (const parent of parents) {
      const m = await agent.get(`/api/v1/data/map?indicatorId=${indicatorId}&parentId=${parent}&period=${period}`);
      if (m.statusCode !== 200) continue;
      const map = m.json();
      if (map.period !== period) continue;
      note(parent, period, '', map.parent.cell);
      for (const p of map.places) note(p.geographyId, period, '', p.cell);
      const r = await agent.get(`/api/v1/data/rollup?indicatorId=${indicatorId}&parentId=${parent}&period=${period}`);
      // A roll-up that covers every place is the parent's figure a second time.
      if (r.statusCode === 200 && r.json().complete && r.json().placesWithData > 0 && r.json().rollup.value !== null && !seen.has(`${parent}|${period}|`)) note(parent, period, '', r.json().rollup);
    }
    for (const g of places) {
      const b = await agent.get(`/api/v1/data/breakdown?indicatorId=${indicatorId}&geographyId=${g}&period=${period}`);
      if (b.statusCode !== 200) continue;
      for (const c of b.json().cells) note(g, period, c.key, c.cell);
      const csv = parse((await agent.get(`/api/v1/data/breakdown.csv?indicatorId=${indicatorId}&geographyId=${g}&period=${period}`)).body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
      for (const r of csv) note(g, period, r.disaggregation, { value: r.value === '' ? null : Number(r.value), suppressed: r.suppressed === 'true', reason: r.display.startsWith('<') ? 'threshold' : 'complementary', display: r.display });
    }
  }
  return seen;
}

async function countIndicators() {
  const list = (await t.anonymous.get('/api/v1/data/indicators')).json() as { id: string; code: string; unit: string }[] | { items: { id: string; code: string; unit: string }[] };
  const items = Array.isArray(list) ? list : list.items;
  return items.filter((i) => i.unit === 'count');
}

function findings(seen: Map<string, SeenCell>) {
  return attack(seen, repositoryRelations(seen, parentOf), T);
}

describe('the data repository against a reader who solves every published table', () => {
  it('no hidden count of the demo data can be narrowed below 5 across maps, series, breakdowns, roll-ups and CSV files', async () => {
    let hidden = 0;
    for (const ind of await countIndicators()) {
      const seen = await gather(t.anonymous, ind.id);
      hidden += [...seen.values()].filter((c) => c.value === null).length;
      expect(findings(seen), ind.code).toEqual([]);
    }
    expect(hidden).toBeGreaterThan(0); // the demo does hide small counts
  }, 120_000);

  it("a region's breakdown minus its other places does not give a place's small cell back (random tables, two levels, by sex)", async () => {
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const small = () => (rand() < 0.3 ? 1 + Math.floor(rand() * 4) : Math.floor(rand() * 40));
    const code = 'test.random_people';
    const rows: Parameters<typeof recordSystemObservations>[3]['rows'] = [];
    const years = ['2001', '2002', '2003', '2004', '2005', '2006'];
    for (const period of years) {
      let f = 0;
      let m = 0;
      for (const mu of munis) {
        const a = small();
        const b = small();
        f += a;
        m += b;
        rows.push({ indicatorCode: code, geographyCode: mu.code, period, value: a + b, status: 'final' });
        rows.push({ indicatorCode: code, geographyCode: mu.code, period, value: a, status: 'final', disaggregation: { sex: 'f' } });
        rows.push({ indicatorCode: code, geographyCode: mu.code, period, value: b, status: 'final', disaggregation: { sex: 'm' } });
      }
      rows.push({ indicatorCode: code, geographyCode: '3518', period, value: f + m, status: 'final' });
      rows.push({ indicatorCode: code, geographyCode: '3518', period, value: f, status: 'final', disaggregation: { sex: 'f' } });
      rows.push({ indicatorCode: code, geographyCode: '3518', period, value: m, status: 'final', disaggregation: { sex: 'm' } });
    }
    await recordSystemObservations(t.database, systemActor('test'), {}, {
      source: 'test', indicators: [{ code, name: { en: 'Random people', fr: null }, unit: 'count', direction: 'neutral', dimensions: ['sex'] }], rows,
    });
    const [{ id }] = await t.database.query<{ id: string }>('SELECT id FROM data_indicators WHERE code = $1', [code]);
    const seen = await gather(t.anonymous, id);
    const primaries = rows.filter((r) => r.value! > 0 && r.value! < T).length;
    expect(primaries).toBeGreaterThan(20);
    // Every small count is hidden…
    expect([...seen.values()].filter((c) => c.value !== null && c.value > 0 && c.value < T)).toEqual([]);
    // …and none can be worked out from everything else that is published.
    expect(findings(seen)).toEqual([]);
  });

  it("the issue's tables: a region's sex=f minus its other places, and two small cells that add up to 2", async () => {
    const code = 'test.issue_people';
    const rows: Parameters<typeof recordSystemObservations>[3]['rows'] = [];
    // Ajax: 2 women, 18 men; every other place and the region publish both sexes.
    const [ajax, ...others] = munis;
    const f = [2, ...others.map((_, i) => 10 + i)];
    const m = [18, ...others.map((_, i) => 30 + i)];
    munis.forEach((mu, i) => {
      rows.push({ indicatorCode: code, geographyCode: mu.code, period: '2024', value: f[i] + m[i], status: 'final' });
      rows.push({ indicatorCode: code, geographyCode: mu.code, period: '2024', value: f[i], status: 'final', disaggregation: { sex: 'f' } });
      rows.push({ indicatorCode: code, geographyCode: mu.code, period: '2024', value: m[i], status: 'final', disaggregation: { sex: 'm' } });
    });
    const sf = f.reduce((a, b) => a + b, 0);
    const sm = m.reduce((a, b) => a + b, 0);
    rows.push({ indicatorCode: code, geographyCode: '3518', period: '2024', value: sf + sm, status: 'final' });
    rows.push({ indicatorCode: code, geographyCode: '3518', period: '2024', value: sf, status: 'final', disaggregation: { sex: 'f' } });
    rows.push({ indicatorCode: code, geographyCode: '3518', period: '2024', value: sm, status: 'final', disaggregation: { sex: 'm' } });
    // Ajax's age groups in 2025: 1 + 1 + 20 = 22.
    for (const [age, v] of [['0-14', 1], ['15-24', 1], ['25-64', 20]] as const) rows.push({ indicatorCode: code, geographyCode: ajax.code, period: '2025', value: v, status: 'final', disaggregation: { age } });
    rows.push({ indicatorCode: code, geographyCode: ajax.code, period: '2025', value: 22, status: 'final' });
    await recordSystemObservations(t.database, systemActor('test'), {}, {
      source: 'test', indicators: [{ code, name: { en: 'Issue people', fr: null }, unit: 'count', direction: 'neutral', dimensions: ['sex', 'age'] }], rows,
    });
    const [{ id }] = await t.database.query<{ id: string }>('SELECT id FROM data_indicators WHERE code = $1', [code]);
    const seen = await gather(t.anonymous, id);
    expect(seen.get(`${ajax.id}|2024|sex=f`)?.value).toBe(null);
    expect(findings(seen)).toEqual([]);
  });

  it('every view shows a hidden cell the same way (one stored decision)', async () => {
    const [{ id }] = await t.database.query<{ id: string }>("SELECT id FROM data_indicators WHERE code = 'demo.youth_program_participants'");
    const decided = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM data_disclosure_decisions WHERE indicator_id = $1', [id]);
    expect(decided[0].n).toBeGreaterThan(0);
    const seen = await gather(t.anonymous, id);
    const [{ n }] = await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM data_disclosure_decisions WHERE indicator_id = $1", [id]);
    expect([...seen.values()].filter((c) => c.value === null).length).toBe(n);
  });
});

describe('the No Wrong Door feed against a reader who solves all its measures together', () => {
  type Row = { measure: string; month: string; municipalityCode: string | null; municipality: string | null; category: string; outcome: string | null; value: number | null; reason: string | null };
  type Total = Row & { across: 'categories' | 'places'; category: string | null };

  /** The feed as published: cells, totals, and the relations between its measures. */
  function feedSystem(rows: Row[], totals: Total[]) {
    const cells = new Map<string, SeenCell>();
    const place = (r: { municipalityCode: string | null; municipality: string | null }) => r.municipalityCode ?? r.municipality ?? '-';
    const id = (r: Row) => JSON.stringify([r.measure, r.month, place(r), r.category, r.outcome]);
    for (const r of rows) cells.set(id(r), { value: r.value, reason: r.reason });
    const relations: { total: string; parts: string[] }[] = [];
    const groups = new Map<string, string[]>();
    for (const r of rows) {
      for (const g of [JSON.stringify(['categories', r.measure, r.month, place(r)]), JSON.stringify(['places', r.measure, r.month, r.category, r.outcome])]) groups.set(g, [...(groups.get(g) ?? []), id(r)]);
    }
    for (const tot of totals) {
      const g = tot.across === 'categories' ? JSON.stringify(['categories', tot.measure, tot.month, place(tot)]) : JSON.stringify(['places', tot.measure, tot.month, tot.category, tot.outcome]);
      cells.set(g, { value: tot.value, reason: tot.reason });
      relations.push({ total: g, parts: groups.get(g) ?? [] });
    }
    // Referrals rejected or waitlisted are the unmet needs of the same kind: one count, two names.
    for (const r of rows) {
      if (r.measure !== 'referrals' || (r.outcome !== 'rejected' && r.outcome !== 'waitlisted')) continue;
      const twin = id({ ...r, measure: 'unmet_needs' });
      if (cells.has(twin)) relations.push({ total: id(r), parts: [twin] });
    }
    // Every referral has one path: a place's paths add up to its referrals in a month.
    const months = new Set(rows.map((r) => `${r.month}\u0000${place(r)}`));
    for (const mp of months) {
      const [month, p] = mp.split('\u0000');
      const refs = JSON.stringify(['categories', 'referrals', month, p]);
      const paths = JSON.stringify(['categories', 'referral_paths', month, p]);
      if (cells.has(refs) && cells.has(paths)) relations.push({ total: refs, parts: [paths] });
      else if (groups.has(refs) && groups.has(paths)) {
        // Without published totals the two sums still match: Σ referrals − Σ paths = 0.
        const r0 = `sumref:${mp}`;
        cells.set(r0, { value: null, reason: 'unpublished' });
        relations.push({ total: r0, parts: groups.get(refs)! }, { total: r0, parts: groups.get(paths)! });
      }
    }
    return { cells, relations };
  }

  it('the demo feed, read by any signed-in user, leaves no hidden count to be worked out', async () => {
    const viewer = await t.login(demo.viewer);
    const res = await viewer.get('/api/v1/intake/feed');
    expect(res.statusCode).toBe(200);
    const feed = res.json() as { rows: Row[]; totals?: Total[] };
    const { cells, relations } = feedSystem(feed.rows, feed.totals ?? []);
    expect(attack(cells, relations, T)).toEqual([]);
  });

  it('random feeds: referrals, unmet needs and paths protected together, totals included', () => {
    let seed = 5;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let trial = 0; trial < 8; trial++) {
      const cells: FeedCell[] = [];
      for (const place of ['A', 'B', 'C'].slice(0, 2 + Math.floor(rand() * 2))) {
        let refs = 0;
        for (const category of ['housing', 'employment']) {
          for (const outcome of ['completed', 'rejected', 'waitlisted']) {
            const n = rand() < 0.4 ? 1 + Math.floor(rand() * 4) : Math.floor(rand() * 25);
            if (!n) continue;
            refs += n;
            cells.push({ measure: 'referrals', month: '2026-05', place, category, outcome, count: n });
            if (outcome !== 'completed') cells.push({ measure: 'unmet_needs', month: '2026-05', place, category, outcome, count: n });
          }
        }
        const a = Math.floor(rand() * refs);
        if (a) cells.push({ measure: 'referral_paths', month: '2026-05', place, category: 'settlement→housing', outcome: null, count: a });
        if (refs - a) cells.push({ measure: 'referral_paths', month: '2026-05', place, category: 'settlement→employment', outcome: null, count: refs - a });
      }
      const { reasons, totals } = protectFeed(cells, T);
      const rows: Row[] = cells.map((c, i) => ({ measure: c.measure, month: c.month, municipalityCode: c.place, municipality: c.place, category: c.category, outcome: c.outcome, value: reasons[i] ? null : c.count, reason: reasons[i] }));
      const tots: Total[] = totals.map((x) => ({ measure: x.measure, month: x.month, across: x.across, municipalityCode: x.place, municipality: x.place, category: x.category as string, outcome: x.outcome, value: x.reason ? null : x.count, reason: x.reason }));
      const { cells: seen, relations } = feedSystem(rows, tots);
      expect(attack(seen, relations, T), JSON.stringify(cells)).toEqual([]);
    }
  }, 120_000);
});

describe('public scorecards and report cards', () => {
  it('a hand-entered count of 4 is never shown publicly', async () => {
    const coordinator = await t.login(demo.coordinator);
    const plans = (await coordinator.get('/api/v1/strategy/plans')).json();
    const plan = (Array.isArray(plans) ? plans : plans.items).find((p: { publicScorecard: boolean }) => p.publicScorecard);
    const full = (await coordinator.get(`/api/v1/strategy/plans/${plan.id}`)).json();
    const m = full.measures.find((x: { unit: string }) => x.unit === 'count');
    expect(m, 'a count measure in the demo plan').toBeTruthy();
    const put = await coordinator.put(`/api/v1/strategy/measures/${m.id}/values/2025`, { value: 4, source: 'test' });
    expect(put.statusCode, put.body).toBe(200);
    // Members see their own figure…
    const own = (await coordinator.get(`/api/v1/strategy/plans/${plan.id}`)).json().measures.find((x: { id: string }) => x.id === m.id);
    expect(own.values.some((v: { period: string; value: number }) => v.period === '2025' && v.value === 4)).toBe(true);
    // …the public does not, anywhere in the scorecard.
    const pub = await t.anonymous.get(`/api/v1/strategy/public/plans/${plan.id}/scorecard`);
    expect(pub.statusCode).toBe(200);
    const pm = pub.json().goals.flatMap((g: { measures: unknown[] }) => g.measures).find((x: { id: string }) => x.id === m.id);
    expect(pm.suppressedPeriods).toContain('2025');
    expect(pm.latest?.period === '2025' ? pm.latest.value : null).toBe(null);
    expect(pm.curve.find((r: { period: string }) => r.period === '2025')?.actual ?? null).toBe(null);
    // A report card published now carries no 4 for that measure either.
    const card = await coordinator.post(`/api/v1/strategy/plans/${plan.id}/report-cards`, { year: 2025 });
    expect(card.statusCode, card.body).toBeLessThan(300);
    const rc = card.json();
    const published = await coordinator.post(`/api/v1/strategy/report-cards/${rc.id}/publish`, { version: rc.version });
    expect(published.statusCode, published.body).toBe(200);
    const pubCard = (await t.anonymous.get(`/api/v1/strategy/public/report-cards/${rc.id}`)).json();
    const cm = pubCard.content.measures.find((x: { name: string }) => x.name === m.name);
    expect(cm).toMatchObject({ actual: null, actualSuppressed: true });
  });
});
