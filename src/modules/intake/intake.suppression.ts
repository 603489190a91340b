/**
 * Disclosure control of the aggregate feed, through the one engine every published aggregate
 * uses (`protectTable` in the data module; docs/disclosure-control.md).
 *
 * The feed is one table set per month (`protectFeedByMonth`; no relation crosses months): every measure's cells, plus the totals it publishes
 * (each measure × month × municipality across categories and outcomes, and each measure × month
 * × category × outcome across municipalities), and the relations a reader knows between them:
 * - each total is the sum of its cells, and both kinds of totals add up to the same (unpublished)
 *   monthly total of the measure;
 * - a referral that is rejected or waitlisted is also an unmet need: the two cells are one count;
 * - every referral has one path: a municipality's paths in a month add up to its referrals.
 * Zero cells are not listed (a missing row is a zero). The engine hides counts 1–4, then more
 * cells — totals too, when every part of a total is hidden — until a reader who solves the whole
 * system cannot narrow a hidden count to fewer than 5 values, nor pin one down knowing what the
 * markers say.
 */
import { createHash } from 'node:crypto';
import { protectTable, type DisclosureCell, type DisclosureReason, type DisclosureRelation } from '../data/data.api';

export type SuppressionReason = 'primary' | 'complementary';

export interface FeedCell {
  measure: string;
  month: string;
  /** Municipality code or name; null when the client had none on record. */
  place: string | null;
  category: string;
  outcome: string | null;
  count: number;
}

export interface FeedTotal {
  measure: string;
  month: string;
  /** Across categories and outcomes of one place, or (place null, `across: 'places'`) across places. */
  across: 'categories' | 'places';
  place: string | null;
  category: string | null;
  outcome: string | null;
  count: number;
}

const key = (...parts: (string | null)[]) => JSON.stringify(parts);

type Protected = { reasons: (SuppressionReason | null)[]; totals: (FeedTotal & { reason: SuppressionReason | null })[] };

// The same cells always get the same decision: the last few are kept, so a feed read again
// before anything changed is not solved again.
const recent = new Map<string, Protected>();

/** Why each cell and each total is hidden (null: published). Deterministic. */
export function protectFeed(cells: readonly FeedCell[], threshold: number): Protected {
  const memo = JSON.stringify([threshold, cells]);
  const hit = recent.get(memo);
  if (hit) return structuredClone(hit);
  const out = decideFeed(cells, threshold);
  recent.set(memo, out);
  if (recent.size > 16) recent.delete(recent.keys().next().value!);
  return structuredClone(out);
}

/** A month's decision as stored: why each of its cells, then each of its totals, is hidden (never a count). */
export interface MonthDecision {
  month: string;
  /** SHA-256 of the threshold and the month's cells: the decision holds for exactly these cells. */
  fingerprint: string;
  cellReasons: (SuppressionReason | null)[];
  totalReasons: (SuppressionReason | null)[];
}

export function feedFingerprint(cells: readonly FeedCell[], threshold: number): string {
  return createHash('sha256').update(JSON.stringify([threshold, cells.map((c) => [c.measure, c.month, c.place, c.category, c.outcome, c.count])])).digest('hex');
}

/**
 * The feed decided month by month. Every relation of the feed (totals, the same count under two
 * measures, paths = referrals) is within one month, so the months are independent table sets:
 * a reader who solves them together learns nothing more than from each alone. A month whose
 * cells have the fingerprint of a `known` decision (keyed by fingerprint) reuses it; the others are decided and
 * returned in `decided`, for the caller to keep. Reasons are in the order of `cells`; totals
 * month by month.
 */
export function protectFeedByMonth(
  cells: readonly FeedCell[], threshold: number, known: ReadonlyMap<string, MonthDecision>,
): Protected & { decided: MonthDecision[]; reused: number } {
  const months = new Map<string, number[]>();
  cells.forEach((c, i) => {
    const m = months.get(c.month);
    if (m) m.push(i);
    else months.set(c.month, [i]);
  });
  const reasons: (SuppressionReason | null)[] = cells.map(() => null);
  const totals: Protected['totals'] = [];
  const decided: MonthDecision[] = [];
  let reused = 0;
  for (const [month, idx] of months) {
    const monthCells = idx.map((i) => cells[i]);
    const fingerprint = feedFingerprint(monthCells, threshold);
    const k = known.get(fingerprint);
    let d: MonthDecision;
    if (k && k.month === month && k.cellReasons.length === monthCells.length) {
      d = k;
      reused++;
      const set = feedTableSet(monthCells);
      if (set.totals.length !== d.totalReasons.length) throw new Error('Stored feed decision does not match its cells');
      set.totals.forEach(({ id: _i, parts: _p, ...t }, j) => totals.push({ ...t, reason: d.totalReasons[j] }));
    } else {
      const p = protectFeed(monthCells, threshold);
      d = { month, fingerprint, cellReasons: p.reasons, totalReasons: p.totals.map((t) => t.reason) };
      decided.push(d);
      totals.push(...p.totals);
    }
    idx.forEach((i, j) => (reasons[i] = d.cellReasons[j]));
  }
  return { reasons, totals, decided, reused };
}

/** The table set of some cells: cells, the totals published, and the relations a reader knows. */
function feedTableSet(cells: readonly FeedCell[]) {
  const table: DisclosureCell[] = [];
  const relations: DisclosureRelation[] = [];
  const totals = new Map<string, FeedTotal & { id: string; parts: string[] }>();
  const grand = new Map<string, { byPlace: string[]; byCategory: string[]; value: number }>();
  const addTo = (id: string, t: FeedTotal, part: string) => {
    const tot = totals.get(id) ?? { ...t, id, count: 0, parts: [] };
    tot.count += t.count;
    tot.parts.push(part);
    totals.set(id, tot);
  };
  cells.forEach((c, i) => {
    const id = `c${i}`;
    table.push({ id, value: c.count });
    addTo(key('place', c.measure, c.month, c.place), { measure: c.measure, month: c.month, across: 'categories', place: c.place, category: null, outcome: null, count: c.count }, id);
    addTo(key('category', c.measure, c.month, c.category, c.outcome), { measure: c.measure, month: c.month, across: 'places', place: null, category: c.category, outcome: c.outcome, count: c.count }, id);
  });
  for (const t of totals.values()) {
    table.push({ id: t.id, value: t.count });
    relations.push({ total: t.id, parts: t.parts });
    const gk = key('all', t.measure, t.month);
    const g = grand.get(gk) ?? { byPlace: [], byCategory: [], value: 0 };
    if (t.across === 'categories') {
      g.byPlace.push(t.id);
      g.value += t.count;
    } else g.byCategory.push(t.id);
    grand.set(gk, g);
  }
  for (const [gk, g] of grand) {
    table.push({ id: gk, value: g.value, publish: false });
    relations.push({ total: gk, parts: g.byPlace }, { total: gk, parts: g.byCategory });
  }
  // The same count under two measures.
  const index = new Map(cells.map((c, i) => [key(c.measure, c.month, c.place, c.category, c.outcome), i]));
  cells.forEach((c, i) => {
    if (c.measure !== 'referrals' || (c.outcome !== 'rejected' && c.outcome !== 'waitlisted')) return;
    const j = index.get(key('unmet_needs', c.month, c.place, c.category, c.outcome));
    if (j !== undefined && cells[j].count === c.count) relations.push({ total: `c${i}`, parts: [`c${j}`] });
  });
  for (const t of totals.values()) {
    if (t.measure !== 'referral_paths' || t.across !== 'categories') continue;
    const refs = totals.get(key('place', 'referrals', t.month, t.place));
    if (refs && refs.count === t.count) relations.push({ total: refs.id, parts: [t.id] });
  }
  return { table, relations, totals: [...totals.values()] };
}

function decideFeed(cells: readonly FeedCell[], threshold: number): Protected {
  const { table, relations, totals } = feedTableSet(cells);
  const { hidden } = protectTable({ threshold, cells: table, relations });
  const shown = (r: DisclosureReason | undefined): SuppressionReason | null => (r === 'primary' || r === 'complementary' ? r : null);
  return {
    reasons: cells.map((_, i) => shown(hidden.get(`c${i}`))),
    totals: totals.map(({ id, parts: _p, ...t }) => ({ ...t, reason: shown(hidden.get(id)) })),
  };
}
