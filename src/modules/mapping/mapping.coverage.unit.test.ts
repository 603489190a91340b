import { describe, expect, it } from 'vitest';
import { computeCoverage, coverageCsv, domainOf, gapQuestions, per10k, summariseFeed, sumsAsFeed } from './mapping.coverage';
import { discloseCounts } from './mapping.disclosure';

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

describe('disclosure control', () => {
  it('hides counts 1 to 4 and keeps zeros and counts of 5 or more', () => {
    const out = discloseCounts([{ value: 0, groups: [] }, { value: 3, groups: [] }, { value: 5, groups: [] }, { value: 12, groups: [] }]);
    expect(out.map((o) => o.display)).toEqual(['0', '<5', '5', '12']);
    expect(out[1].value).toBeNull();
  });
  it('hides the smallest other cell of a group when one hidden cell could be worked out from the total', () => {
    // Row total 3 + 9 + 20 = 32 is known: hiding only the 3 leaves 32 - 29 = 3.
    const out = discloseCounts([3, 9, 20].map((v) => ({ value: v, groups: ['row'] })));
    expect(out.map((o) => o.display)).toEqual(['<5', 'x', '20']);
    expect(out.map((o) => o.reason)).toEqual(['primary', 'complementary', null]);
  });
  it('treats two hidden 1s as recoverable (total of hidden = 2 forces 1 + 1)', () => {
    const out = discloseCounts([1, 1, 6, 8].map((v) => ({ value: v, groups: ['g'] })));
    expect(out.map((o) => o.display)).toEqual(['<5', '<5', 'x', '8']);
  });
  it('leaves two hidden cells alone when they cannot be told apart (2 and 3: hidden total 5 = 1+4, 2+3, …)', () => {
    const out = discloseCounts([2, 3, 6].map((v) => ({ value: v, groups: ['g'] })));
    expect(out.map((o) => o.display)).toEqual(['<5', '<5', '6']);
  });
  it('follows a complementary cell into its other group (rows and columns)', () => {
    //            p1  p2
    // housing     2  10
    // food       10  10
    // hiding 2 in row "housing" hides 10 (housing,p2); column p2 then has one hidden cell: hide (food,p2).
    // column p1: 2 hidden, (food,p1)=10 visible → hide it too; row food then holds two complements.
    const cells = [
      { value: 2, groups: ['d:housing', 'p:1'] }, { value: 10, groups: ['d:housing', 'p:2'] },
      { value: 10, groups: ['d:food', 'p:1'] }, { value: 10, groups: ['d:food', 'p:2'] },
    ];
    const out = discloseCounts(cells);
    expect(out.filter((o) => o.value !== null)).toEqual([]);
    expect(out[0].reason).toBe('primary');
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
    expect(csv).toBe('domain,domain_name,place,services,organizations,services_per_10k,needs,unmet_needs,unmet_per_10k\nhousing,Housing,"Ajax, ""east""",3,2,1.5,13,10,5\n');
  });
});
