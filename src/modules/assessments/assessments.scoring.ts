/**
 * The scores of an assessment round, as pure functions over answers (no database). Formulas and
 * their sources are in docs/assessments.md; every figure is an aggregate, and an aggregate is
 * kept only when at least `minRespondents` people answered it (otherwise it is null and flagged).
 */

export const MIN_RESPONDENTS = 3;

export interface RosterEntry {
  id: string;
  name: string;
  sector: string | null;
}

/** One respondent's rating of another on the pair scale; 0 means "not aware of them / no relationship". */
export interface PairRating {
  from: string;
  to: string;
  level: number;
}

export interface PairInput {
  roster: RosterEntry[];
  /** Respondents who submitted. Ratings from anyone else are ignored. */
  responded: string[];
  ratings: PairRating[];
  /** The scale's values, ascending (e.g. 1..5); 0 is always "no relationship". */
  levels: number[];
  /** Optional PARTNER-style items: ratings of how much the rater trusts / values the other (1-4). */
  trust?: PairRating[];
  value?: PairRating[];
  minRespondents?: number;
}

export interface LevelShare {
  level: number;
  /** Ratings at exactly this level. */
  count: number;
  /** Share of the ratings given that are at exactly this level (the stacked bar). */
  share: number;
  /** Density: ratings at this level or higher, over every possible rating by the respondents. */
  densityAtLeast: number;
}

export interface OrganizationScore {
  id: string;
  name: string;
  /** Other respondents who could rate it. */
  raters: number;
  suppressed: boolean;
  /** In-degree centrality: share of its raters who report any relationship with it. */
  centrality: number | null;
  /** Mean level it receives from its raters (0 counted). */
  meanLevelReceived: number | null;
  trustReceived: number | null;
  valueReceived: number | null;
}

export interface PairCell {
  a: string;
  b: string;
  /** How many of the two rated the pair (0, 1 or 2). */
  ratings: number;
  /** The level both sides at least report (the lower of the two ratings), when both rated. */
  agreedLevel: number | null;
  /** The two ratings differ by two levels or more (Frey): for discussion. Direction is never shown. */
  discrepant: boolean;
  gap: number | null;
}

export interface PairResults {
  rosterSize: number;
  respondents: number;
  responseRate: number;
  suppressed: boolean;
  minRespondents: number;
  possibleRatings: number;
  levels: LevelShare[];
  extent: number | null;
  scope: number | null;
  depth: number | null;
  reciprocity: { pairsRatedByBoth: number; agreeing: number; share: number | null; meanGap: number | null };
  organizations: OrganizationScore[];
  pairs: PairCell[];
  discrepancies: { a: string; b: string; gap: number }[];
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

/**
 * Pair-rating scores: density at each level, HSIM extent, scope and depth, reciprocity,
 * centrality of each organization, and the pairs whose ratings differ by two levels or more.
 */
export function scorePairs(input: PairInput): PairResults {
  const min = input.minRespondents ?? MIN_RESPONDENTS;
  const ids = input.roster.map((r) => r.id);
  const inRoster = new Set(ids);
  const responded = new Set(input.responded.filter((id) => inRoster.has(id)));
  const n = ids.length;
  const R = responded.size;
  const valid = (r: PairRating) => responded.has(r.from) && inRoster.has(r.to) && r.from !== r.to;
  const rating = new Map<string, number>();
  for (const r of input.ratings) if (valid(r)) rating.set(`${r.from}|${r.to}`, r.level);
  const given = [...rating.values()];
  const possible = R * Math.max(0, n - 1);
  const suppressed = R < min;
  const all = [0, ...input.levels.filter((l) => l !== 0)];
  const levels: LevelShare[] = all.map((level) => {
    const count = given.filter((v) => v === level).length;
    return {
      level,
      count: suppressed ? 0 : count,
      share: suppressed || given.length === 0 ? 0 : round4(count / given.length),
      densityAtLeast: suppressed || possible === 0 ? 0 : round4(given.filter((v) => v >= level).length / possible),
    };
  });

  // HSIM, per respondent then averaged: extent = partners linked / others; scope = sectors linked /
  // sectors among others; depth = mean level over its links.
  const sectorOf = new Map(input.roster.map((r) => [r.id, r.sector]));
  const extents: number[] = [];
  const scopes: number[] = [];
  const depths: number[] = [];
  for (const from of responded) {
    const others = ids.filter((id) => id !== from);
    const links = others.filter((to) => (rating.get(`${from}|${to}`) ?? 0) > 0);
    extents.push(others.length ? links.length / others.length : 0);
    const sectors = new Set(others.map((o) => sectorOf.get(o)).filter(Boolean));
    const linked = new Set(links.map((o) => sectorOf.get(o)).filter(Boolean));
    scopes.push(sectors.size ? linked.size / sectors.size : 0);
    const d = mean(links.map((to) => rating.get(`${from}|${to}`)!));
    if (d !== null) depths.push(d);
  }

  // Pairs: unordered, in roster order.
  const pairs: PairCell[] = [];
  const gaps: number[] = [];
  let agreeing = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = ids[i], b = ids[j];
      const ab = rating.get(`${a}|${b}`);
      const ba = rating.get(`${b}|${a}`);
      const both = ab !== undefined && ba !== undefined;
      const gap = both ? Math.abs(ab - ba) : null;
      if (both) {
        gaps.push(gap!);
        if (gap === 0) agreeing++;
      }
      pairs.push({ a, b, ratings: (ab !== undefined ? 1 : 0) + (ba !== undefined ? 1 : 0), agreedLevel: both ? Math.min(ab, ba) : null, discrepant: both && gap! >= 2, gap });
    }
  }

  const scoreOf = (items: PairRating[] | undefined, to: string) => {
    if (!items) return null;
    const vals = items.filter((r) => valid(r) && r.to === to).map((r) => r.level);
    const m = mean(vals);
    return m === null ? null : round4(m);
  };
  const organizations: OrganizationScore[] = input.roster.map((o) => {
    const raters = [...responded].filter((r) => r !== o.id);
    const small = raters.length < min;
    const received = raters.map((r) => rating.get(`${r}|${o.id}`)).filter((v): v is number => v !== undefined);
    return {
      id: o.id, name: o.name, raters: raters.length, suppressed: small,
      centrality: small ? null : round4(received.filter((v) => v > 0).length / raters.length),
      meanLevelReceived: small || !received.length ? null : round4(mean(received)!),
      trustReceived: small ? null : scoreOf(input.trust, o.id),
      valueReceived: small ? null : scoreOf(input.value, o.id),
    };
  });

  const hide = <T,>(x: T) => (suppressed ? null : x);
  return {
    rosterSize: n, respondents: R, responseRate: n ? round4(R / n) : 0, suppressed, minRespondents: min, possibleRatings: possible, levels,
    extent: hide(extents.length ? round4(mean(extents)!) : null),
    scope: hide(scopes.length ? round4(mean(scopes)!) : null),
    depth: hide(depths.length ? round4(mean(depths)!) : null),
    reciprocity: {
      pairsRatedByBoth: suppressed ? 0 : gaps.length, agreeing: suppressed ? 0 : agreeing,
      share: hide(gaps.length ? round4(agreeing / gaps.length) : null),
      meanGap: hide(gaps.length ? round4(mean(gaps)!) : null),
    },
    organizations,
    pairs: suppressed ? [] : pairs,
    discrepancies: suppressed ? [] : pairs.filter((p) => p.discrepant).map((p) => ({ a: p.a, b: p.b, gap: p.gap! })),
  };
}

// ---------- Likert (Wilder-style factors) ----------

export interface LikertInput {
  factors: { key: string }[];
  items: { key: string; factor: string }[];
  /** One map of item → value (1-5) per respondent who submitted. */
  responses: Record<string, number>[];
  minRespondents?: number;
}

export interface FactorScore {
  factor: string;
  respondents: number;
  suppressed: boolean;
  mean: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
  /** Wilder's reading: 4.0 or more a strength, 3.0-3.9 borderline, under 3.0 a concern. */
  band: 'strength' | 'borderline' | 'concern' | null;
}

export function band(score: number): FactorScore['band'] {
  return score >= 4 ? 'strength' : score >= 3 ? 'borderline' : 'concern';
}

/** Factor score: each respondent's mean over the factor's items they answered, then the mean and sample SD over respondents. */
export function scoreLikert(input: LikertInput): FactorScore[] {
  const min = input.minRespondents ?? MIN_RESPONDENTS;
  return input.factors.map(({ key }) => {
    const items = input.items.filter((i) => i.factor === key).map((i) => i.key);
    const perPerson = input.responses
      .map((r) => mean(items.map((i) => r[i]).filter((v): v is number => typeof v === 'number')))
      .filter((v): v is number => v !== null);
    const k = perPerson.length;
    if (k < min) return { factor: key, respondents: k, suppressed: true, mean: null, sd: null, min: null, max: null, band: null };
    const m = mean(perPerson)!;
    const sd = k > 1 ? Math.sqrt(perPerson.reduce((s, x) => s + (x - m) ** 2, 0) / (k - 1)) : 0;
    return { factor: key, respondents: k, suppressed: false, mean: round4(m), sd: round4(sd), min: Math.min(...perPerson), max: Math.max(...perPerson), band: band(round4(m)) };
  });
}

// ---------- Checklist ----------

export interface ChecklistScore {
  item: string;
  respondents: number;
  suppressed: boolean;
  checked: number | null;
  share: number | null;
}

export function scoreChecklist(items: string[], responses: Record<string, number>[], minRespondents = MIN_RESPONDENTS): ChecklistScore[] {
  const k = responses.length;
  return items.map((item) => {
    if (k < minRespondents) return { item, respondents: k, suppressed: true, checked: null, share: null };
    const checked = responses.filter((r) => r[item] === 1).length;
    return { item, respondents: k, suppressed: false, checked, share: round4(checked / k) };
  });
}

// ---------- Crosswalks ----------

/** Reads a level on another scale through a crosswalk; levels the crosswalk does not name stay null. */
export function crosswalk(mapping: Record<string, number>, level: number): number | null {
  const v = mapping[String(level)];
  return typeof v === 'number' ? v : null;
}
