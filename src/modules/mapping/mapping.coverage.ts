/**
 * The coverage arithmetic, pure: supply (directory services) and demand (population, and the
 * front line's needs and unmet needs) per need domain × place, ratios per 10,000 residents,
 * and front-line counts through disclosure control. No database, no I/O.
 */
import { discloseTable, gridId, gridTable } from './mapping.disclosure';
import type { CoverageCell } from './mapping.schema';

export const SUPPRESSION_THRESHOLD = 5;

/** What the directory offers in one domain and place (counts of services). */
export interface SupplyFigures {
  domain: string;
  geographyId: string;
  services: number;
  organizations: number;
  free?: number;
  inFrench?: number;
  otherLanguages?: number;
  eveningsWeekends?: number;
  openToAll?: number;
  full?: number;
}

/** The service features counted beside the number of services. */
export const SUPPLY_FEATURES = ['free', 'inFrench', 'otherLanguages', 'eveningsWeekends', 'openToAll', 'full'] as const;

export interface CoverageInput {
  places: { id: string; code: string; population: number | null }[];
  domains: string[];
  supply: SupplyFigures[];
  /** Feed rows as published by intake (already suppressed there: value null when hidden). */
  feed: FeedRow[];
  /** First month counted, 'YYYY-MM'. */
  fromMonth: string;
}

/** Rate per 10,000 residents, one decimal; null without a population. */
export function per10k(count: number | null, population: number | null): number | null {
  if (count === null || population === null || population <= 0) return null;
  return Math.round((count * 10000 * 10) / population) / 10;
}

/** A feed category ('housing.help', 'housing') belongs to the domain before its first dot. */
export function domainOf(category: string): string {
  return category.split('.')[0];
}

export interface FeedRow {
  measure: string;
  month: string;
  municipalityCode: string | null;
  category: string;
  value: number | null;
}

export interface FrontLineSum {
  municipalityCode: string;
  domain: string;
  month: string;
  measure: 'needs_identified' | 'unmet_needs';
  visible: number;
  hidden: boolean;
}

/** Intake's feed summed by municipality × domain × month × measure, keeping whether a count was hidden at source. */
export function summariseFeed(rows: FeedRow[]): FrontLineSum[] {
  const out = new Map<string, FrontLineSum>();
  for (const r of rows) {
    if (!r.municipalityCode || (r.measure !== 'needs_identified' && r.measure !== 'unmet_needs')) continue;
    const domain = domainOf(r.category);
    const k = `${r.municipalityCode}|${domain}|${r.month}|${r.measure}`;
    const e = out.get(k) ?? { municipalityCode: r.municipalityCode, domain, month: r.month, measure: r.measure, visible: 0, hidden: false };
    if (r.value === null) e.hidden = true;
    else e.visible += r.value;
    out.set(k, e);
  }
  return [...out.values()];
}

/** Stored sums back into feed rows for computeCoverage (a hidden part becomes a null row). */
export function sumsAsFeed(rows: FrontLineSum[]): FeedRow[] {
  return rows.flatMap((r) => [
    { measure: r.measure, month: r.month, municipalityCode: r.municipalityCode, category: r.domain, value: r.visible },
    ...(r.hidden ? [{ measure: r.measure, month: r.month, municipalityCode: r.municipalityCode, category: r.domain, value: null }] : []),
  ]);
}

export function computeCoverage(input: CoverageInput): CoverageCell[] {
  const codeToPlace = new Map(input.places.map((p) => [p.code, p.id]));
  const domains = new Set(input.domains);
  const key = (d: string, g: string) => `${d}|${g}`;
  const needs = new Map<string, number>();
  const unmet = new Map<string, number>();
  // A cell built from any count the source hid is hidden too: showing the sum of what was
  // published would read as a (wrong) total, e.g. "0 needs" where 3 were hidden.
  const hiddenAtSource = new Set<string>();
  for (const r of input.feed) {
    if (!r.municipalityCode || r.month < input.fromMonth) continue;
    const place = codeToPlace.get(r.municipalityCode);
    const domain = domainOf(r.category);
    if (!place || !domains.has(domain)) continue;
    const measure = r.measure === 'needs_identified' ? 'needs' : r.measure === 'unmet_needs' ? 'unmet' : null;
    if (!measure) continue;
    if (r.value === null) { hiddenAtSource.add(`${measure}|${key(domain, place)}`); continue; }
    const target = measure === 'needs' ? needs : unmet;
    target.set(key(domain, place), (target.get(key(domain, place)) ?? 0) + r.value);
  }
  const supply = new Map(input.supply.map((s) => [key(s.domain, s.geographyId), s]));
  const cells = input.domains.flatMap((domain) => input.places.map((place) => ({ domain, place })));
  // One table set for both measures (no equality links them: unmet ≤ needs is not modelled).
  // A cell built from any count the source hid goes in as withheld by the source (value null):
  // showing the sum of what was published would read as a (wrong) total, e.g. "0" where 3 were hidden.
  const placeIds = input.places.map((p) => p.id);
  const grid = (measure: 'needs' | 'unmet', sums: Map<string, number>) =>
    gridTable(measure, input.domains, placeIds, (d, g) => (hiddenAtSource.has(`${measure}|${key(d, g)}`) ? null : sums.get(key(d, g)) ?? 0));
  const needsGrid = grid('needs', needs);
  const unmetGrid = grid('unmet', unmet);
  const shown = discloseTable({ cells: [...needsGrid.cells, ...unmetGrid.cells], relations: [...needsGrid.relations, ...unmetGrid.relations] }, SUPPRESSION_THRESHOLD);
  return cells.map((c) => {
    const s = supply.get(key(c.domain, c.place.id));
    const services = s?.services ?? 0;
    const n = shown.get(gridId('needs', c.domain, c.place.id))!;
    const u = shown.get(gridId('unmet', c.domain, c.place.id))!;
    return {
      domain: c.domain,
      geographyId: c.place.id,
      services,
      organizations: s?.organizations ?? 0,
      ...Object.fromEntries(SUPPLY_FEATURES.map((f) => [f, s?.[f] ?? 0])),
      servicesPer10k: per10k(services, c.place.population),
      needs: n.value,
      unmet: u.value,
      unmetPer10k: per10k(u.value, c.place.population),
      display: { needs: n.display, unmet: u.display },
    };
  });
}

export interface GapQuestion {
  domain: string;
  geographyId: string;
  reason: 'unmet_need' | 'no_service' | 'low_supply' | 'all_full';
}

/**
 * Where to ask "is this a gap?": unmet need reported at the front line (a published count),
 * no service at all for a populated place, supply per 10,000 under half the region's median
 * for the domain, or services that all report their capacity taken.
 */
export function gapQuestions(cells: CoverageCell[]): GapQuestion[] {
  const out: GapQuestion[] = [];
  const byDomain = new Map<string, CoverageCell[]>();
  for (const c of cells) byDomain.set(c.domain, [...(byDomain.get(c.domain) ?? []), c]);
  for (const [domain, list] of byDomain) {
    const rates = list.map((c) => c.servicesPer10k).filter((r): r is number => r !== null).sort((a, b) => a - b);
    const median = rates.length ? (rates.length % 2 ? rates[(rates.length - 1) / 2] : (rates[rates.length / 2 - 1] + rates[rates.length / 2]) / 2) : null;
    for (const c of list) {
      if (c.unmet !== null && c.unmet >= SUPPRESSION_THRESHOLD) out.push({ domain, geographyId: c.geographyId, reason: 'unmet_need' });
      else if (c.services === 0 && c.servicesPer10k !== null) out.push({ domain, geographyId: c.geographyId, reason: 'no_service' });
      else if (median !== null && median > 0 && c.servicesPer10k !== null && c.servicesPer10k < median / 2) out.push({ domain, geographyId: c.geographyId, reason: 'low_supply' });
      else if (c.services > 0 && c.full === c.services && c.servicesPer10k !== null) out.push({ domain, geographyId: c.geographyId, reason: 'all_full' });
    }
  }
  return out;
}

/** Cells as CSV, the same figures the page shows (suppressed cells as '<5' or 'x'). */
export function coverageCsv(cells: CoverageCell[], placeNames: Map<string, string>, domainNames: Map<string, string>): string {
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['domain,domain_name,place,services,organizations,free,in_french,other_languages,evenings_weekends,open_to_all,full,services_per_10k,needs,unmet_needs,unmet_per_10k'];
  for (const c of cells) {
    lines.push([c.domain, domainNames.get(c.domain) ?? c.domain, placeNames.get(c.geographyId) ?? c.geographyId, c.services, c.organizations, ...SUPPLY_FEATURES.map((f) => c[f] ?? ''), c.servicesPer10k ?? '', c.display.needs, c.display.unmet, c.unmetPer10k ?? '']
      .map((v) => q(String(v))).join(','));
  }
  return lines.join('\n') + '\n';
}
