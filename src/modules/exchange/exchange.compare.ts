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

/** Each item's panels, protected: counts of people under the item's threshold are hidden (and their complements). */
export function buildComparison(items: SharedItem[], series: SharedSeries[]) {
  return items.map((item) => {
    const mine = series.filter((s) => s.itemId === item.id).sort((a, b) => a.collaborativeName.localeCompare(b.collaborativeName));
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
        .sort((a, b) => a.period.localeCompare(b.period)),
    }));
    const periods = [...new Set(panels.flatMap((p) => p.points.map((x) => x.period)))].sort();
    const max = visible.length ? Math.max(...visible) : 1;
    const min = visible.length ? Math.min(0, ...visible) : 0;
    return { id: item.id, kind: item.kind, code: item.code, name: item.name, unit: item.unit, scale: { min, max: max === min ? min + 1 : max }, periods, panels };
  });
}
