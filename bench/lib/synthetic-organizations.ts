/** Synthetic, deterministic Ontario-looking organizations for benches. */

/** Deterministic PRNG (mulberry32) so every run generates the same organizations. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------- synthetic organizations ----------

const TOWNS = [
  'Durham', 'Oshawa', 'Whitby', 'Ajax', 'Pickering', 'Clarington', 'Bowmanville', 'Courtice', 'Uxbridge',
  'Scugog', 'Port Perry', 'Brock', 'Beaverton', 'Cannington', 'Scarborough', 'Markham', 'Peterborough',
  'Kingston', 'Belleville', 'Cobourg', 'Port Hope', 'Lindsay', 'Barrie', 'Hamilton', 'Mississauga',
  'Brampton', 'Ottawa', 'London', 'Windsor', 'Sudbury', 'Thunder Bay', 'Kitchener', 'Waterloo', 'Guelph',
  'Niagara', 'Sault Ste. Marie', 'Timmins', 'North Bay', 'Orillia', 'Brantford',
];
const QUALIFIERS = ['Community', 'Regional', 'Family', 'Newcomer', 'Immigrant', 'Youth', 'Multicultural', 'Neighbourhood', 'Women\'s', 'Seniors', 'Indigenous', 'Francophone', 'Catholic', 'United'];
const DOMAINS: [string, string][] = [
  ['Employment', 'employment'], ['Housing', 'housing'], ['Settlement', 'settlement'], ['Health', 'health'],
  ['Mental Health', 'mental_health'], ['Language', 'language'], ['Learning', 'education'], ['Legal', 'justice_policing'],
  ['Child and Family', 'children_youth'], ['Social', 'social_services'], ['Food', 'community'], ['Arts', 'community'],
  ['Business', 'business'], ['Faith', 'faith'], ['Research', 'research'],
];
const KINDS = ['Services', 'Centre', 'Association', 'Network', 'Council', 'Society', 'Coalition', 'Alliance', 'Foundation', 'Hub', 'Collective', 'Agency', 'Support Services'];
const FRENCH = ['Centre communautaire', 'Services communautaires', 'Association francophone', 'Réseau régional'];
const CATEGORIES = ['voluntary_nonprofit', 'data_research', 'grassroots_lived_experience', 'private_sector', 'media', 'government_public_sector', 'population_specific'];

/**
 * Search terms no one has typed before, made from the words the synthetic names use, as people
 * type them: a word, its first letters, a slip of the keyboard (a letter left out or two
 * swapped), and two words together, whole or the second one half typed. Deterministic and
 * distinct (lower case, since the search folds case); shuffled so kinds mix.
 */
export function newSearchTerms(): string[] {
  const phrases = [...TOWNS, ...QUALIFIERS, ...DOMAINS.map(([d]) => d), ...KINDS, ...FRENCH];
  const words = [...new Set(phrases.flatMap((p) => p.toLowerCase().replace(/[’']s\b/g, 's').split(/[\s.]+/)).filter((w) => w.length >= 4))];
  const slips = (w: string) => {
    const out: string[] = [];
    for (let i = 1; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
    for (let i = 1; i < w.length - 1; i++) out.push(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
    return out;
  };
  const terms = new Set<string>();
  for (const w of words) {
    terms.add(w);
    for (let n = 3; n < w.length; n++) terms.add(w.slice(0, n));
    for (const s of slips(w)) terms.add(s);
  }
  const lower = (xs: readonly string[]) => xs.map((x) => x.toLowerCase());
  const pairs: [string[], string[]][] = [
    [lower(TOWNS), lower(DOMAINS.map(([d]) => d))],
    [lower(TOWNS), lower(KINDS)],
    [lower(QUALIFIERS), lower(DOMAINS.map(([d]) => d))],
    [lower(QUALIFIERS), lower(KINDS)],
  ];
  for (const [as, bs] of pairs) for (const a of as) for (const b of bs) {
    terms.add(`${a} ${b}`);
    terms.add(`${a} ${b.slice(0, Math.max(3, Math.ceil(b.length / 2)))}`);
  }
  const out = [...terms];
  const r = rng(20261207);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export interface SyntheticOrg {
  legal_name: string;
  alternate_names: string[];
  partner_category: string | null;
  sector: string | null;
}

function acronym(name: string) {
  return name
    .split(/[\s-]+/)
    .filter((w) => /^[A-Z]/.test(w) && !['And', 'Of', 'The'].includes(w))
    .map((w) => w[0])
    .join('');
}

export function syntheticOrganizations(count: number, startIndex: number): SyntheticOrg[] {
  const r = rng(20260101 + startIndex);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const out: SyntheticOrg[] = [];
  for (let i = startIndex; i < startIndex + count; i++) {
    const town = pick(TOWNS);
    const [domain, sector] = pick(DOMAINS);
    const kind = pick(KINDS);
    const qual = pick(QUALIFIERS);
    const shape = r();
    let name: string;
    if (shape < 0.3) name = `${town} ${qual} ${domain} ${kind}`;
    else if (shape < 0.55) name = `${qual} ${domain} ${kind} of ${town}`;
    else if (shape < 0.75) name = `${town} ${domain} ${kind}`;
    else if (shape < 0.9) name = `${qual} ${kind} ${town}`;
    else if (shape < 0.95) name = `${pick(FRENCH)} de ${town}`;
    else name = `${town} ${qual} ${kind} ${domain} Program`;
    // Several agencies share a pattern, as branches do; the index keeps names distinct.
    name = `${name} ${r() < 0.5 ? '–' : 'Site'} ${i + 1}`;
    const alternates: string[] = [];
    if (r() < 0.35) alternates.push(acronym(name.replace(/ (–|Site) \d+$/, '')));
    if (r() < 0.1) alternates.push(`${town} ${qual} ${pick(KINDS)}`);
    out.push({
      legal_name: name,
      alternate_names: alternates.filter((a) => a.length > 1),
      partner_category: r() < 0.85 ? pick(CATEGORIES) : null,
      sector: r() < 0.9 ? sector : null,
    });
  }
  return out;
}

