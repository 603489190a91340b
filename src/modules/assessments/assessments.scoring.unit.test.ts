import { describe, expect, it } from 'vitest';
import { scoreChecklist, scoreLikert, scorePairs, type PairRating } from './assessments.scoring';

// A hand-worked table (docs/assessments.md, "A worked example"): four partners on the seed's
// five-point scale (0 = not aware of them). D did not answer. A and B disagree about their
// relationship by two levels (A says collaboration, 4; B says communication, 2).
const roster = [
  { id: 'A', name: 'Agency A', sector: 'settlement' },
  { id: 'B', name: 'Agency B', sector: 'employment' },
  { id: 'C', name: 'Agency C', sector: 'employment' },
  { id: 'D', name: 'Agency D', sector: 'education' },
];
const r = (from: string, to: string, level: number): PairRating => ({ from, to, level });
const ratings = [
  r('A', 'B', 4), r('A', 'C', 2), r('A', 'D', 0),
  r('B', 'A', 2), r('B', 'C', 3), r('B', 'D', 1),
  r('C', 'A', 2), r('C', 'B', 3), r('C', 'D', 0),
];
const levels = [1, 2, 3, 4, 5];

describe('pair-rating scores against the hand-worked table', () => {
  const res = scorePairs({ roster, responded: ['A', 'B', 'C'], ratings, levels });

  it('counts respondents over the roster, the non-respondent included', () => {
    expect(res).toMatchObject({ rosterSize: 4, respondents: 3, responseRate: 0.75, suppressed: false, possibleRatings: 9 });
  });
  it('gives the share at each level and the density at each level or higher', () => {
    expect(res.levels.map((l) => [l.level, l.count, l.share, l.densityAtLeast])).toEqual([
      [0, 2, 0.2222, 1], [1, 1, 0.1111, 0.7778], [2, 3, 0.3333, 0.6667], [3, 2, 0.2222, 0.3333], [4, 1, 0.1111, 0.1111], [5, 0, 0, 0],
    ]);
  });
  it('computes HSIM extent, scope and depth as the mean over respondents', () => {
    // extent: A 2/3, B 3/3, C 2/3; scope: A 1/2, B 3/3, C 2/3; depth: A 3, B 2, C 2.5
    expect([res.extent, res.scope, res.depth]).toEqual([0.7778, 0.7222, 2.5]);
  });
  it('measures reciprocity over the pairs both sides rated, with the A-B mismatch', () => {
    expect(res.reciprocity).toEqual({ pairsRatedByBoth: 3, agreeing: 2, share: 0.6667, meanGap: 0.6667 });
    expect(res.discrepancies).toEqual([{ a: 'A', b: 'B', gap: 2 }]);
    const ab = res.pairs.find((p) => p.a === 'A' && p.b === 'B')!;
    expect(ab).toMatchObject({ ratings: 2, agreedLevel: 2, discrepant: true });
    // A pair with the non-respondent carries one rating and no level.
    expect(res.pairs.find((p) => p.a === 'A' && p.b === 'D')).toMatchObject({ ratings: 1, agreedLevel: null, discrepant: false });
  });
  it('shows centrality only for an organization rated by at least three respondents', () => {
    const byId = Object.fromEntries(res.organizations.map((o) => [o.id, o]));
    expect(byId.D).toMatchObject({ raters: 3, suppressed: false, centrality: 0.3333, meanLevelReceived: 0.3333 });
    for (const id of ['A', 'B', 'C']) expect(byId[id]).toMatchObject({ raters: 2, suppressed: true, centrality: null, meanLevelReceived: null });
    const lax = scorePairs({ roster, responded: ['A', 'B', 'C'], ratings, levels, minRespondents: 2 });
    expect(lax.organizations[0]).toMatchObject({ id: 'A', centrality: 1, meanLevelReceived: 2 });
  });
  it('ignores ratings from people who did not submit and of oneself', () => {
    const more = scorePairs({ roster, responded: ['A', 'B', 'C'], ratings: [...ratings, r('D', 'A', 5), r('A', 'A', 5)], levels });
    expect(more.levels).toEqual(res.levels);
  });
  it('hides every aggregate under three respondents', () => {
    const two = scorePairs({ roster, responded: ['A', 'B'], ratings, levels });
    expect(two).toMatchObject({ suppressed: true, extent: null, scope: null, depth: null, pairs: [], discrepancies: [] });
    expect(two.levels.every((l) => l.count === 0 && l.share === 0)).toBe(true);
    expect(two.reciprocity.share).toBeNull();
  });
  it('averages PARTNER-style trust received', () => {
    const trust = [r('A', 'D', 4), r('B', 'D', 3), r('C', 'D', 2)];
    expect(scorePairs({ roster, responded: ['A', 'B', 'C'], ratings, levels, trust }).organizations[3].trustReceived).toBe(3);
  });
});

describe('Likert factor scores', () => {
  const factors = [{ key: 'f1' }, { key: 'f2' }];
  const items = [{ key: 'i1', factor: 'f1' }, { key: 'i2', factor: 'f1' }, { key: 'i3', factor: 'f2' }];
  const responses: Record<string, number>[] = [{ i1: 5, i2: 4, i3: 2 }, { i1: 4, i2: 4, i3: 3 }, { i1: 3, i3: 4 }];
  it('averages each respondent over the items answered, then gives the mean, sample SD, range and band', () => {
    expect(scoreLikert({ factors, items, responses })).toEqual([
      { factor: 'f1', respondents: 3, suppressed: false, mean: 3.8333, sd: 0.7638, min: 3, max: 4.5, band: 'borderline' },
      { factor: 'f2', respondents: 3, suppressed: false, mean: 3, sd: 1, min: 2, max: 4, band: 'borderline' },
    ]);
  });
  it('hides a factor fewer than three people answered', () => {
    expect(scoreLikert({ factors, items, responses: responses.slice(0, 2) })[0]).toMatchObject({ suppressed: true, mean: null, sd: null });
  });
});

describe('checklist shares', () => {
  it('gives the share who checked each item, hidden under three respondents', () => {
    expect(scoreChecklist(['x', 'y'], [{ x: 1 }, { x: 1, y: 1 }, {}])).toEqual([
      { item: 'x', respondents: 3, suppressed: false, checked: 2, share: 0.6667 },
      { item: 'y', respondents: 3, suppressed: false, checked: 1, share: 0.3333 },
    ]);
    expect(scoreChecklist(['x'], [{ x: 1 }])[0].suppressed).toBe(true);
  });
});
