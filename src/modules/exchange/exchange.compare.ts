/**
 * The comparison of a network, built from what its live grants let through: one small multiple
 * per collaborative and indicator, on one scale per indicator, with disclosure control applied
 * by the one engine (`protectTable`). No database; unit tested.
 */
import { markerOf, protectTable } from '../data/data.api';
import type { CommunityType } from './exchange.schema';

export interface SharedSeries {
  collaborativeId: string;
  collaborativeName: string;
  communityType: CommunityType;
  itemId: string;
  points: { period: string; value: number | null; status?: string }[];
}
export interface SharedItem {
  id: string;
  kind: 'indicator' | 'measure';
  code: string;
  name: { en: string; fr: string | null };
  unit: string;
  threshold: number;
}

export function formatValue(value: number, unit: string): string {
  const rounded = unit === 'count' ? Math.round(value) : Math.round(value * 10) / 10;
  return unit === 'percent' ? `${rounded}%` : String(rounded);
}

// One collator for every sort (String#localeCompare builds one per call: most of the CPU of a large comparison).
const byName = new Intl.Collator('en').compare;
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Each item's panels, protected: counts of people under the item's threshold are hidden (and their complements). */
export function buildComparison(items: SharedItem[], series: SharedSeries[]) {
  const byItem = new Map<string, SharedSeries[]>();
  for (const s of series) {
    const list = byItem.get(s.itemId);
    if (list) list.push(s);
    else byItem.set(s.itemId, [s]);
  }
  return items.map((item) => {
    const mine = (byItem.get(item.id) ?? []).sort((a, b) => byName(a.collaborativeName, b.collaborativeName));
    const cells = mine.flatMap((s) => s.points.map((p) => ({ id: `${s.collaborativeId}|${p.period}`, value: p.status === 'suppressed' ? null : p.value, count: item.unit === 'count' })));
    const decision = protectTable({ threshold: item.threshold, cells, relations: [] });
    const visible: number[] = [];
    const panels = mine.map((s) => ({
      collaborativeId: s.collaborativeId,
      collaborativeName: s.collaborativeName,
      communityType: s.communityType,
      points: s.points
        .map((p) => {
          const id = `${s.collaborativeId}|${p.period}`;
          const reason = decision.hidden.get(id) ?? (p.value === null || p.status === 'suppressed' ? 'source' : undefined);
          if (reason) return { period: p.period, value: null, display: markerOf(reason, item.threshold), suppressed: true };
          visible.push(p.value!);
          return { period: p.period, value: p.value, display: formatValue(p.value!, item.unit), suppressed: false };
        })
        .sort((a, b) => byCode(a.period, b.period)),
    }));
    const periods = [...new Set(panels.flatMap((p) => p.points.map((x) => x.period)))].sort(byCode);
    let max = visible.length ? -Infinity : 1;
    let min = 0;
    for (const v of visible) {
      if (v > max) max = v;
      if (v < min) min = v;
    }
    return { id: item.id, kind: item.kind, code: item.code, name: item.name, unit: item.unit, scale: { min, max: max === min ? min + 1 : max }, periods, panels };
  });
}
