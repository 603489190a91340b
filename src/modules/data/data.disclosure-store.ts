/**
 * Stored disclosure decisions of the data repository. A table set is one indicator, one period
 * and one partition: every place of the geography hierarchy and every breakdown cell. Its
 * relations are what any reader knows — a place's figure is the sum of the places directly under
 * it (for the total and for each breakdown cell), and a cell is the sum of the cells that break it
 * down one dimension further. The engine (data.disclosure.ts) decides once; the decision is
 * stored in data_disclosure_decisions and every view reads it.
 *
 * Decided again whenever observations of the set are stored (imports, the No Wrong Door feed,
 * recordSystemObservations) in the same transaction, and on first read for sets loaded in bulk.
 */
import type { Db } from '../../core/db/database';
import { protectTable, type DisclosureCell, type DisclosureRelation } from './data.disclosure';
import * as store from './repository/disclosure.repository';
import type { SetRow, StoredReason } from './repository/disclosure.repository';

export type { StoredReason } from './repository/disclosure.repository';

/** The cells and relations of one table set. Pure; exported for the tests and the docs' example. */
export function tableOf(rows: SetRow[]): { cells: DisclosureCell[]; relations: DisclosureRelation[] } {
  const id = (g: string, k: string) => `${g}|${k}`;
  const has = new Set(rows.map((r) => id(r.geographyId, r.dkey)));
  const cells: DisclosureCell[] = rows.map((r) => ({ id: id(r.geographyId, r.dkey), value: r.value }));
  const relations: DisclosureRelation[] = [];
  // Places: parent = Σ children, for each breakdown key.
  const children = new Map<string, string[]>();
  for (const r of rows) {
    if (!r.parentId || !has.has(id(r.parentId, r.dkey))) continue;
    const k = id(r.parentId, r.dkey);
    children.set(k, [...(children.get(k) ?? []), id(r.geographyId, r.dkey)]);
  }
  for (const [total, parts] of children) relations.push({ total, parts: parts.sort() });
  // Breakdowns: a cell = Σ the cells one dimension further, per dimension.
  const byPlace = new Map<string, string[]>();
  for (const r of rows) byPlace.set(r.geographyId, [...(byPlace.get(r.geographyId) ?? []), r.dkey]);
  for (const [g, keys] of byPlace) {
    const groups = new Map<string, string[]>();
    const present = new Set(keys);
    for (const k of keys) {
      if (!k) continue;
      const parts = k.split(';');
      parts.forEach((part, i) => {
        const parentKey = parts.filter((_, j) => j !== i).join(';');
        const dim = part.split('=')[0];
        const gk = `${parentKey}\u0000${dim}`;
        groups.set(gk, [...(groups.get(gk) ?? []), k]);
      });
    }
    let linked = false;
    for (const [gk, ks] of groups) {
      const parentKey = gk.split('\u0000')[0];
      if (!present.has(parentKey)) continue;
      relations.push({ total: id(g, parentKey), parts: ks.sort().map((k) => id(g, k)) });
      if (parentKey === '') linked = true;
    }
    // Cells broken down by every dimension at once with no totals in between (the feed's
    // category × outcome): the place's total is their sum.
    if (!linked && present.has('')) {
      const depth = Math.max(...keys.map((k) => (k ? k.split(';').length : 0)));
      const leaves = keys.filter((k) => k && k.split(';').length === depth);
      if (depth > 1 && leaves.length) relations.push({ total: id(g, ''), parts: leaves.sort().map((k) => id(g, k)) });
    }
  }
  return { cells, relations };
}

/** Decides one table set again and stores the decision (in the caller's transaction). */
export async function decideTableSet(db: Db, ind: { id: string; suppressionThreshold: number }, period: string, collaborativeId: string | null) {
  const rows = await store.tableSetRows(db, ind.id, period, collaborativeId);
  const { cells, relations } = tableOf(rows);
  const { hidden, rounds } = protectTable({ threshold: ind.suppressionThreshold, cells, relations });
  const stored = [...hidden].filter(([, r]) => r === 'primary' || r === 'complementary') as [string, StoredReason][];
  const decisions = stored.map(([k, reason]) => ({ g: k.slice(0, k.indexOf('|')), k: k.slice(k.indexOf('|') + 1), reason }));
  await store.replaceDecision(db, { indicatorId: ind.id, period, collaborativeId, threshold: ind.suppressionThreshold }, decisions, { cells: cells.length, rounds });
  return { cells: cells.length, hidden: stored.length, rounds };
}

/** Decides every table set an import touched (counts only: other units have no small counts). */
export async function decideTouched(db: Db, touched: { indicatorId: string; period: string; collaborativeId: string | null }[]) {
  const seen = new Set<string>();
  const uniq = touched.filter((t) => {
    const k = `${t.indicatorId}|${t.period}|${t.collaborativeId ?? ''}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  if (!uniq.length) return;
  const inds = await store.indicatorThresholds(db, [...new Set(uniq.map((t) => t.indicatorId))]);
  const byId = new Map(inds.map((i) => [i.id, i]));
  for (const t of uniq) {
    const ind = byId.get(t.indicatorId);
    if (ind?.unit === 'count') await decideTableSet(db, ind, t.period, t.collaborativeId);
  }
}

/** Forgets every decision of an indicator (its threshold changed): decided again on next read. */
export async function forgetIndicator(db: Db, indicatorId: string) {
  await store.deleteDecisions(db, indicatorId);
}

/**
 * The stored decisions for some places of one indicator (key `geographyId|period|dkey`),
 * deciding first any of the given periods that has not been decided yet.
 */
export async function storedDecisions(db: Db, ind: { id: string; suppressionThreshold: number }, q: { collaborativeId: string | null; geographyIds: string[]; periods: string[] }): Promise<Map<string, StoredReason>> {
  const out = new Map<string, StoredReason>();
  if (!q.periods.length || !q.geographyIds.length) return out;
  const periods = [...new Set(q.periods)];
  const have = await store.decidedPeriods(db, ind.id, q.collaborativeId, periods);
  for (const p of periods) if (!have.has(p)) await db.transaction((tx) => decideTableSet(tx, ind, p, q.collaborativeId));
  for (const r of await store.decisionsFor(db, ind.id, { ...q, periods })) out.set(`${r.g}|${r.period}|${r.k}`, r.reason);
  return out;
}
