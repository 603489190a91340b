/**
 * Disclosure control for every figure about people that service mapping publishes (front-line
 * needs and unmet needs). ONE function, so the platform's disclosure-control engine can replace
 * it when it lands: primary suppression of counts 1 to threshold-1, then complementary
 * suppression inside every group whose total a reader may know, until no hidden cell can be
 * worked out from the group's total, its published cells and the reason each cell was hidden.
 */
export type HiddenReason = 'primary' | 'complementary';

export interface DisclosureCell {
  value: number;
  /** Keys of the groups (row, column…) whose totals a reader may know. */
  groups: string[];
}

export interface Disclosed {
  value: number | null;
  display: string;
  reason: HiddenReason | null;
}

/** Is some hidden cell of this group pinned to one value by what a reader knows? */
function recoverable(members: number[], cells: DisclosureCell[], reasons: (HiddenReason | null)[], threshold: number): boolean {
  const hidden = members.filter((i) => reasons[i]);
  if (hidden.length === 0) return false;
  const hiddenSum = hidden.reduce((s, i) => s + cells[i].value, 0);
  // What a reader knows of each hidden cell: a primary one lies in 1..threshold-1; a complement
  // is a published-size count, threshold or more (bounded above only by the group's total).
  const lo = (i: number) => (reasons[i] === 'primary' ? 1 : threshold);
  const hi = (i: number) => (reasons[i] === 'primary' ? threshold - 1 : hiddenSum);
  const sumLo = hidden.reduce((s, i) => s + lo(i), 0);
  const sumHi = hidden.reduce((s, i) => s + hi(i), 0);
  return hidden.some((i) => {
    const low = Math.max(lo(i), hiddenSum - (sumHi - hi(i)));
    const high = Math.min(hi(i), hiddenSum - (sumLo - lo(i)));
    return low >= high;
  });
}

export function discloseCounts(cells: DisclosureCell[], threshold = 5): Disclosed[] {
  const reasons: (HiddenReason | null)[] = cells.map((c) => (c.value > 0 && c.value < threshold ? 'primary' : null));
  const groups = new Map<string, number[]>();
  cells.forEach((c, i) => c.groups.forEach((g) => groups.set(g, [...(groups.get(g) ?? []), i])));
  for (let changed = true; changed; ) {
    changed = false;
    for (const members of groups.values()) {
      while (recoverable(members, cells, reasons, threshold)) {
        const candidates = members.filter((i) => !reasons[i] && cells[i].value > 0).sort((a, b) => cells[a].value - cells[b].value);
        if (candidates.length === 0) break; // nothing left to hide in this group (documented limit)
        reasons[candidates[0]] = 'complementary';
        changed = true;
      }
    }
  }
  return cells.map((c, i) => ({
    value: reasons[i] ? null : c.value,
    display: reasons[i] === 'primary' ? `<${threshold}` : reasons[i] ? 'x' : String(c.value),
    reason: reasons[i],
  }));
}
