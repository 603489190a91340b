/**
 * Request mixes for the finder's load, beside the bench's few fixed URLs per scenario:
 *
 * - **zipf** (realistic): 211 finder traffic is heavy-tailed (a few needs, places and phrasings
 *   are asked again and again, a long tail once). Each request is drawn from a pool of
 *   ZIPF_POOL distinct URLs of the scenario with probability ∝ 1/rank (Zipf, s = 1): the most
 *   popular URL is ~13 % of requests, the top 10 ~39 %, the top 100 ~69 %.
 * - **distinct** (cold cache): every request is a URL asked nowhere else in the run (not in the
 *   fixed URLs, not in the zipf pool, not earlier in the same list), so an answer cache never
 *   hits; the list is long enough for the run (the bench says so if it wraps).
 *
 * Deterministic (seeded); the same package and seed give the same URLs.
 */

const TERMS = [
  'food', 'food bank', 'meals', 'community garden', 'nutrition', 'housing', 'shelter', 'rent', 'eviction', 'housing help',
  'language classes', 'english', 'french classes', 'conversation circle', 'employment', 'job search', 'resume', 'job training',
  'counselling', 'family counselling', 'crisis', 'addiction', 'mental health', 'child care', 'earlyon', 'after school',
  'settlement', 'citizenship', 'interpretation', 'health', 'dental', 'foot care', 'diabetes', 'legal clinic', 'tax clinic',
  'tenant rights', 'financial assistance', 'meals on wheels', 'day program', 'transportation', 'seniors', 'youth', 'drop-in',
  'tutoring', 'homework help', 'mentoring', 'banque alimentaire', 'logement', 'emploi', 'cours de langue', 'garde enfants',
  'aide juridique', 'clinique', 'sante mentale', 'aines', 'jeunes', 'refuge', 'repas', 'impot', 'newcomer', 'help', 'clinic',
];
const MODIFIERS = ['', 'newcomer', 'family', 'community', 'free', 'north', 'downtown', 'regional', 'seniors', 'oshawa', 'whitby', 'ajax', 'emergency'];
const LANGS = ['fr', 'ar', 'zh', 'es', 'pa', 'ur', 'tl', 'ta', 'fa', 'so', 'pt', 'uk'];
const AGES = ['8', '16', '25', '40', '70'];
const FSAS = ['L1S', 'L1T', 'L1Z', 'L1V', 'L1W', 'L1X', 'L1Y', 'L1M', 'L1N', 'L1P', 'L1R', 'L1G', 'L1H', 'L1J', 'L1K', 'L1L', 'L1B', 'L1C', 'L1E', 'L9L', 'L9P'];
const TOWNS = ['Oshawa', 'Whitby', 'Ajax', 'Pickering', 'Clarington', 'Scugog', 'Uxbridge', 'Brock'];

export const ZIPF_POOL = 1000;
export const ZIPF_S = 1;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(xs: T[], r: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

const finder = (params: Record<string, string>) => `/api/v1/finder/services?${new URLSearchParams({ ...params, perPage: '20' })}`;

/** Every distinct URL of a scenario the mixes draw from. */
function candidates(scenario: string, termIds: string[]): string[] {
  const out: string[] = [];
  const phrases = TERMS.flatMap((t) => MODIFIERS.map((m) => (m ? `${m} ${t}` : t)));
  if (scenario === 'text') {
    for (const q of phrases) for (const page of ['1', '2', '3']) out.push(finder(page === '1' ? { q } : { q, page }));
  } else if (scenario === 'filtered') {
    for (const q of TERMS) {
      for (const language of LANGS) out.push(finder({ q, language }), finder({ q, language, free: 'true' }));
      for (const age of AGES) out.push(finder({ q, age }), finder({ q, age, free: 'true' }));
      for (const termId of termIds) out.push(finder({ q, termId }));
      out.push(finder({ q, free: 'true' }), finder({ q, wheelchair: 'true' }));
    }
    for (const termId of termIds) for (const language of LANGS) out.push(finder({ termId, language }));
  } else if (scenario === 'proximity') {
    const places = [...FSAS.map((f) => `${f} 1A1`), ...TOWNS];
    for (const near of places) {
      for (let km = 2; km <= 30; km += 1) {
        out.push(finder({ near, radiusKm: String(km) }));
        for (const q of TERMS.slice(0, 12)) out.push(finder({ near, radiusKm: String(km), q }));
      }
    }
  } else if (scenario === 'hsds_proximity') {
    for (const fsa of FSAS) {
      for (let m = 2000; m <= 30000; m += 500) {
        out.push(`/hsds/services?postcode=${fsa}1A1&proximity=${m}&per_page=20`);
        for (const search of ['food', 'housing', 'counselling', 'employment']) out.push(`/hsds/services?postcode=${fsa}1A1&proximity=${m}&per_page=20&search=${search}`);
      }
    }
  }
  return out;
}

/** Narrower phrasings (two modifiers; language and age together), for the distinct mix only. */
function moreDistinct(scenario: string): string[] {
  const out: string[] = [];
  if (scenario === 'text') {
    for (const t of TERMS) for (const a of MODIFIERS) for (const b of MODIFIERS) if (a && b && a !== b) out.push(finder({ q: `${a} ${b} ${t}` }));
  } else if (scenario === 'filtered') {
    for (const q of TERMS) for (const language of LANGS) for (const age of AGES) out.push(finder({ q, language, age }));
  }
  return out;
}

export interface Mixes {
  /** Requests in order, drawn by Zipf from the pool (long enough for any run; the load client goes round). */
  zipf: string[];
  zipfPool: number;
  distinct: string[];
}

export function mixesFor(scenario: string, fixed: string[], termIds: string[], seed = 12): Mixes {
  const r = rng(seed + scenario.length * 7919);
  const seen = new Set(fixed);
  const unique = shuffle(
    [...new Set(candidates(scenario, termIds))].filter((u) => !seen.has(u)),
    r,
  );
  const pool = unique.slice(0, ZIPF_POOL);
  // More URLs for the distinct mix only, after the first ones, so the pool (and the zipf
  // figures) stay what they were: a paced run after a saturated one needs thousands.
  const taken = new Set(unique);
  const distinct = [...unique.slice(ZIPF_POOL), ...shuffle(moreDistinct(scenario).filter((u) => !seen.has(u) && !taken.has(u)), r)];
  // Inverse-CDF sampling of Zipf(s) over the pool.
  const weights = pool.map((_, i) => 1 / Math.pow(i + 1, ZIPF_S));
  const sum = weights.reduce((a, b) => a + b, 0);
  const cdf: number[] = [];
  let acc = 0;
  for (const w of weights) cdf.push((acc += w / sum));
  const zipf: string[] = [];
  for (let i = 0; i < 50_000; i++) {
    const x = r();
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    zipf.push(pool[lo]);
  }
  return { zipf, zipfPool: pool.length, distinct };
}
