/**
 * Small-cell suppression for the aggregate feed. Primary: a count from 1 to threshold − 1 is
 * never published. Complementary: within each group of cells whose sum someone may know (a
 * measure's month × municipality across categories, or its month × category across
 * municipalities), the suppressed cells must not be recoverable by subtraction; while one is,
 * the smallest other non-zero cell of the group is suppressed too, until nothing changes.
 *
 * "Recoverable" is checked against an informed reader: they know each group's true total, every
 * published cell, and why each cell was suppressed (a primary cell is 1 … threshold − 1, a
 * complementary one is at least threshold, since it would otherwise be primary). Exactly one
 * suppressed cell in a group is always recoverable; two or more can still be (two primary cells
 * whose sum is 2, say), which the interval check below catches. Zero cells are published: a
 * zero reveals no one. The check is per group, as the brief and the data module do; it is not a
 * linear-programming audit across rows and columns together.
 */

export type SuppressionReason = 'primary' | 'complementary';

export interface GroupedCell {
  /** The true count. */
  count: number;
  /** Keys of the groups whose total someone may know (one per dimension summed over). */
  groups: string[];
}

/** The values a suppressed cell may take, as the informed reader knows them. */
export function bounds(reason: SuppressionReason, threshold: number): [number, number] {
  return reason === 'primary' ? [1, threshold - 1] : [threshold, Number.POSITIVE_INFINITY];
}

/**
 * The range each suppressed cell of one group can take, given the group's total, the published
 * cells and the bounds of the suppressed ones. With one sum and integer bounds the feasible
 * values of each cell form exactly this interval.
 */
export function feasibleRanges(counts: number[], reasons: (SuppressionReason | null)[], threshold: number): Map<number, [number, number]> {
  const hidden = counts.map((_, i) => i).filter((i) => reasons[i]);
  const rest = hidden.reduce((a, i) => a + counts[i], 0);
  const b = hidden.map((i) => bounds(reasons[i]!, threshold));
  const out = new Map<number, [number, number]>();
  hidden.forEach((i, k) => {
    const [lo, hi] = b[k];
    // Sums over the other hidden cells (not total − own bound: ∞ − ∞ is NaN).
    const othersLo = b.reduce((a, [l], j) => (j === k ? a : a + l), 0);
    const othersHi = b.reduce((a, [, h], j) => (j === k ? a : a + h), 0);
    out.set(i, [Math.max(lo, rest - othersHi), Math.min(hi, rest - othersLo)]);
  });
  return out;
}

/** True when some suppressed cell of the group could be worked out exactly. */
export function exposed(counts: number[], reasons: (SuppressionReason | null)[], threshold: number): boolean {
  for (const [lo, hi] of feasibleRanges(counts, reasons, threshold).values()) if (lo === hi) return true;
  return false;
}

/** Why each cell is suppressed (null: published). Pure; the cells keep their order. */
export function suppressCells(cells: readonly GroupedCell[], threshold: number): (SuppressionReason | null)[] {
  const reasons: (SuppressionReason | null)[] = cells.map((c) => (c.count > 0 && c.count < threshold ? 'primary' : null));
  const groups = new Map<string, number[]>();
  cells.forEach((c, i) => c.groups.forEach((g) => groups.set(g, [...(groups.get(g) ?? []), i])));
  for (let changed = true; changed; ) {
    changed = false;
    for (const members of groups.values()) {
      // A group may need several complements (e.g. primary 1 + 1 + the smallest other cell).
      while (members.some((i) => reasons[i]) && exposed(members.map((i) => cells[i].count), members.map((i) => reasons[i]), threshold)) {
        const candidate = members.filter((i) => !reasons[i] && cells[i].count > 0).sort((a, b) => cells[a].count - cells[b].count || a - b)[0];
        if (candidate === undefined) break; // every non-zero cell is already hidden; nothing more this group can do
        reasons[candidate] = 'complementary';
        changed = true;
      }
    }
  }
  return reasons;
}
