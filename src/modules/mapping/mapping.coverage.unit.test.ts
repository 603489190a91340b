import { describe, expect, it } from 'vitest';
import { computeCoverage, coverageCsv, domainOf, gapQuestions, per10k, summariseFeed, sumsAsFeed } from './mapping.coverage';
import { discloseTable, gridId, gridTable, type CountTable } from './mapping.disclosure';
import { attack, type SeenCell } from '../../../test/security/disclosure-attacker';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';

describe('rates per 10,000', () => {
  it('computes by hand-checked figures and refuses a missing population', () => {
    expect(per10k(3, 20000)).toBe(1.5); // 3 × 10,000 / 20,000
    expect(per10k(7, 130000)).toBe(0.5); // 0.538… → 0.5
    expect(per10k(1, 3000)).toBe(3.3); // 3.333… → 3.3
    expect(per10k(0, 5000)).toBe(0);
    expect(per10k(4, null)).toBeNull();
    expect(per10k(4, 0)).toBeNull();
    expect(per10k(null, 1000)).toBeNull();
  });
  it('files a feed category under the domain before its first dot', () => {
    expect(domainOf('housing.help')).toBe('housing');
    expect(domainOf('food')).toBe('food');
  });
});

/** What a reader sees of a table set mapping decided: every cell (totals too, as if known from elsewhere) unless hidden. */
function seen(table: CountTable, shown: Map<string, { value: number | null; reason: string | null }>): Map<string, SeenCell> {
  return new Map(table.cells.map((c) => [c.id, { value: shown.get(c.id)!.value, reason: shown.get(c.id)!.reason }]));
}

describe('disclosure control (through the platform engine)', () => {
  const row = (values: number[]) => gridTable('m', ['r'], values.map((_, i) => `c${i}`), (_, c) => values[Number(c.slice(1))]);
  const displays = (t: CountTable, n: number) => {
    const out = discloseTable(t, 5);
    return Array.from({ length: n }, (_, i) => out.get(gridId('m', 'r', `c${i}`))!.display);
  };

  it('hides counts 1 to 4 and keeps zeros and counts of 5 or more', () => {
    const t = gridTable('m', ['r'], ['a'], (_, c) => ({ a: 3 })[c]!);
    const single = [0, 3, 5, 12].map((v) => discloseTable(gridTable('m', ['r'], ['a'], () => v), 5).get(gridId('m', 'r', 'a'))!);
    expect(single.map((o) => o.display)).toEqual(['0', '<5', '5', '12']);
    expect(single[1]).toMatchObject({ value: null, reason: 'primary' });
    expect(t.relations).toEqual([]); // one cell: no total to model
  });

  it('models a row total, and hides the smallest other cell when the hidden one could be worked out from it', () => {
    // Row total 3 + 9 + 20 = 32 is known: hiding only the 3 leaves 32 - 29 = 3.
    const t = row([3, 9, 20]);
    expect(t.relations).toEqual([{ total: gridId('m', 'r', '*'), parts: ['c0', 'c1', 'c2'].map((c) => gridId('m', 'r', c)) }]);
    expect(displays(t, 3)).toEqual(['<5', 'x', '20']);
  });

  it('treats two hidden 1s as recoverable (hidden total 2 forces 1 + 1)', () => {
    expect(displays(row([1, 1, 6, 8]), 4)).toEqual(['<5', '<5', 'x', '8']);
  });

  it('leaves two small cells alone when a reader cannot narrow them (2 and 3: hidden total 5 = 1+4, 2+3, …)', () => {
    expect(displays(row([2, 3, 6]), 3)).toEqual(['<5', '<5', '6']);
  });

  it('models rows, columns and the grand total of a domain × place grid', () => {
    const t = gridTable('m', ['housing', 'food'], ['p1', 'p2', 'p3'], () => 1);
    // 2 row totals, 3 column totals, the grand total twice (over rows, over columns)
    expect(t.relations).toHaveLength(2 + 3 + 2);
    expect(t.cells).toHaveLength(6 + 2 + 3 + 1);
    // a total over a count the source withheld is not known here either
    const withheld = gridTable('m', ['housing', 'food'], ['p1', 'p2'], (d, g) => (d === 'food' && g === 'p2' ? null : 8));
    expect(withheld.cells.filter((c) => c.value === null).map((c) => c.id).sort()).toEqual([gridId('m', 'food', 'p2'), gridId('m', 'food', '*'), gridId('m', '*', 'p2'), gridId('m', '*', '*')].sort());
  });

  it('follows complements through rows and columns: a reader knowing every total shown cannot pin down a hidden cell', () => {
    //            p1  p2
    // housing     2  10
    // food       10  10
    const v: Record<string, number> = { 'housing|p1': 2, 'housing|p2': 10, 'food|p1': 10, 'food|p2': 10 };
    const t = gridTable('m', ['housing', 'food'], ['p1', 'p2'], (d, g) => v[`${d}|${g}`]);
    const out = discloseTable(t, 5);
    expect(out.get(gridId('m', 'housing', 'p1'))).toMatchObject({ value: null, display: '<5', reason: 'primary' });
    expect([...out.values()].filter((o) => o.value !== null).every((o) => o.value === 0 || o.value! >= 5)).toBe(true);
    expect(attack(seen(t, out), t.relations, 5)).toEqual([]);
  });

  it('protects random domain × place grids against the attacker (no count under 5 shown, no hidden cell narrowed)', () => {
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let k = 0; k < 25; k++) {
      const rows = ['a', 'b', 'c'].slice(0, 2 + (k % 2));
      const cols = ['p1', 'p2', 'p3', 'p4'].slice(0, 2 + (k % 3));
      const values = new Map<string, number>();
      for (const r of rows) for (const c of cols) values.set(`${r}|${c}`, rand() < 0.4 ? Math.floor(rand() * 5) : Math.floor(rand() * 30));
      const t = gridTable('m', rows, cols, (r, c) => values.get(`${r}|${c}`)!);
      const out = discloseTable(t, 5);
      for (const o of out.values()) if (o.value !== null) expect(o.value === 0 || o.value >= 5).toBe(true);
      expect(attack(seen(t, out), t.relations, 5)).toEqual([]);
    }
  });
});

describe('coverage table', () => {
  const places = [{ id: A, code: 'A1', population: 20000 }, { id: B, code: 'B1', population: 5000 }, { id: C, code: 'C1', population: null }];
  const feed = [
    { measure: 'needs_identified', month: '2026-01', municipalityCode: 'A1', category: 'housing', value: 6 },
    { measure: 'needs_identified', month: '2026-02', municipalityCode: 'A1', category: 'housing.help', value: 7 },
    { measure: 'needs_identified', month: '2025-01', municipalityCode: 'A1', category: 'housing', value: 50 }, // before the window
    { measure: 'needs_identified', month: '2026-02', municipalityCode: 'B1', category: 'housing', value: null }, // suppressed at source
    { measure: 'needs_identified', month: '2026-02', municipalityCode: 'B1', category: 'food', value: 9 },
    { measure: 'unmet_needs', month: '2026-02', municipalityCode: 'A1', category: 'housing', value: 10 },
    { measure: 'unmet_needs', month: '2026-03', municipalityCode: 'A1', category: 'food', value: 8 },
    { measure: 'unmet_needs', month: '2026-03', municipalityCode: 'B1', category: 'food', value: 9 },
    { measure: 'referral_paths', month: '2026-03', municipalityCode: 'B1', category: 'food', value: 99 }, // not a demand measure
    { measure: 'unmet_needs', month: '2026-03', municipalityCode: null, category: 'food', value: 40 }, // no place
  ];
  const supply = [
    { domain: 'housing', geographyId: A, services: 3, organizations: 2 },
    { domain: 'housing', geographyId: B, services: 1, organizations: 1 },
    { domain: 'food', geographyId: A, services: 4, organizations: 4 },
    { domain: 'food', geographyId: C, services: 2, organizations: 1 },
  ];
  const cells = computeCoverage({ places, domains: ['housing', 'food'], supply, feed, fromMonth: '2026-01' });
  const cell = (d: string, g: string) => cells.find((c) => c.domain === d && c.geographyId === g)!;

  it('matches the hand-computed table', () => {
    // domain × place: services, per 10k, needs, unmet
    expect(cell('housing', A)).toMatchObject({ services: 3, organizations: 2, servicesPer10k: 1.5, needs: 13, unmet: 10, unmetPer10k: 5 });
    // B's housing needs had a count hidden at source: the cell is hidden, not shown as 0
    expect(cell('housing', B)).toMatchObject({ services: 1, servicesPer10k: 2, needs: null, display: { needs: 'x', unmet: '0' }, unmet: 0, unmetPer10k: 0 });
    expect(cell('housing', C)).toMatchObject({ services: 0, servicesPer10k: null, needs: 0, unmet: 0, unmetPer10k: null });
    expect(cell('food', A)).toMatchObject({ services: 4, servicesPer10k: 2, needs: 0, unmet: 8, unmetPer10k: 4 });
    expect(cell('food', B)).toMatchObject({ services: 0, servicesPer10k: 0, needs: 9, unmet: 9, unmetPer10k: 18 });
    expect(cell('food', C)).toMatchObject({ services: 2, servicesPer10k: null, needs: 0 });
    expect(cells).toHaveLength(6);
  });

  it('asks gap questions where unmet need is published, where a populated place has no service, or supply is under half the median', () => {
    const qs = gapQuestions(cells).map((q) => `${q.domain}:${q.geographyId === A ? 'A' : q.geographyId === B ? 'B' : 'C'}:${q.reason}`).sort();
    // housing rates 1.5, 2 → median 1.75, half 0.875: none low. food rates 2, 0 → median 1; B has no service and 9 unmet.
    expect(qs).toEqual(['food:A:unmet_need', 'food:B:unmet_need', 'housing:A:unmet_need'].sort());
  });

  it('never lets a count under 5 through, even when the sources send one', () => {
    const small = computeCoverage({ places, domains: ['housing', 'food'], supply: [], fromMonth: '2026-01',
      feed: [{ measure: 'unmet_needs', month: '2026-02', municipalityCode: 'A1', category: 'housing', value: 3 }, { measure: 'unmet_needs', month: '2026-02', municipalityCode: 'B1', category: 'housing', value: 7 }, { measure: 'unmet_needs', month: '2026-02', municipalityCode: 'A1', category: 'food', value: 6 }] });
    for (const c of small) {
      if (c.unmet !== null) expect(c.unmet === 0 || c.unmet >= 5).toBe(true);
    }
    expect(small.find((c) => c.domain === 'housing' && c.geographyId === A)!.display.unmet).toBe('<5');
    // its row (housing) and column (A) each lose another cell, so 3 cannot be worked out
    expect(small.find((c) => c.domain === 'housing' && c.geographyId === B)!.display.unmet).toBe('x');
    expect(small.find((c) => c.domain === 'food' && c.geographyId === A)!.display.unmet).toBe('x');
  });

  it('gives the same table from the stored sums as from the feed itself', () => {
    const stored = summariseFeed(feed);
    expect(stored.find((r) => r.municipalityCode === 'A1' && r.domain === 'housing' && r.month === '2026-02' && r.measure === 'needs_identified')).toMatchObject({ visible: 7, hidden: false });
    expect(stored.find((r) => r.municipalityCode === 'B1' && r.domain === 'housing')).toMatchObject({ visible: 0, hidden: true });
    expect(stored.some((r) => r.municipalityCode === null || (r.measure as string) === 'referral_paths')).toBe(false);
    expect(computeCoverage({ places, domains: ['housing', 'food'], supply, feed: sumsAsFeed(stored), fromMonth: '2026-01' })).toEqual(cells);
  });

  it('writes the CSV with the displayed (suppressed) figures', () => {
    const csv = coverageCsv(cells.slice(0, 1), new Map([[A, 'Ajax, "east"']]), new Map([['housing', 'Housing']]));
    expect(csv).toBe('domain,domain_name,place,services,organizations,free,in_french,other_languages,evenings_weekends,open_to_all,full,services_per_10k,needs,unmet_needs,unmet_per_10k\nhousing,Housing,"Ajax, ""east""",3,2,0,0,0,0,0,0,1.5,13,10,5\n');
  });

  it('carries what the services offer beside their number, and asks about places where every service is full', () => {
    const withFeatures = [
      { domain: 'housing', geographyId: A, services: 3, organizations: 2, free: 2, inFrench: 1, otherLanguages: 1, eveningsWeekends: 0, openToAll: 1, full: 3 },
      { domain: 'housing', geographyId: B, services: 1, organizations: 1, free: 1, inFrench: 0, otherLanguages: 0, eveningsWeekends: 1, openToAll: 1, full: 0 },
    ];
    const out = computeCoverage({ places, domains: ['housing'], supply: withFeatures, feed: [], fromMonth: '2026-01' });
    expect(out.find((c) => c.geographyId === A)).toMatchObject({ services: 3, free: 2, inFrench: 1, otherLanguages: 1, eveningsWeekends: 0, openToAll: 1, full: 3 });
    expect(out.find((c) => c.geographyId === C)).toMatchObject({ services: 0, free: 0, full: 0 });
    // A: 1.5 per 10k, B: 2 → median 1.75: neither is low, but all three of A's services are full.
    expect(gapQuestions(out).map((q) => `${q.geographyId === A ? 'A' : 'B'}:${q.reason}`)).toEqual(['A:all_full']);
  });
});
