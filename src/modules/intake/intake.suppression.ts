/**
 * Disclosure control of the aggregate feed, through the one engine every published aggregate
 * uses (`protectTable` in the data module; docs/disclosure-control.md).
 *
 * The feed is one table set per request: every measure's cells, plus the totals it publishes
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

function decideFeed(cells: readonly FeedCell[], threshold: number): Protected {
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
  const { hidden } = protectTable({ threshold, cells: table, relations });
  const shown = (r: DisclosureReason | undefined): SuppressionReason | null => (r === 'primary' || r === 'complementary' ? r : null);
  return {
    reasons: cells.map((_, i) => shown(hidden.get(`c${i}`))),
    totals: [...totals.values()].map(({ id, parts: _p, ...t }) => ({ ...t, reason: shown(hidden.get(id)) })),
  };
}
