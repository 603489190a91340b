import { describe, expect, it } from 'vitest';
import { bounds, suppressCells, type GroupedCell, type SuppressionReason } from './intake.suppression';

const T = 5;

/** A table of municipalities × categories: each cell is in its row group and its column group. */
function table(counts: number[][]): GroupedCell[] {
  return counts.flatMap((row, m) => row.map((count, c) => ({ count, groups: [`muni:${m}`, `cat:${c}`] })));
}

/**
 * Brute force, independent of the implementation's interval arithmetic: every assignment of the
 * suppressed cells that an informed reader cannot rule out (within the bounds their reason
 * gives, adding up to the group's known total minus the published cells). Returns, per
 * suppressed cell, the set of values it could have.
 */
function possibleValues(counts: number[], reasons: (SuppressionReason | null)[]): Map<number, Set<number>> {
  const hidden = counts.map((_, i) => i).filter((i) => reasons[i]);
  const total = counts.reduce((a, b) => a + b, 0);
  const published = counts.reduce((a, n, i) => a + (reasons[i] ? 0 : n), 0);
  const remainder = total - published;
  const seen = new Map(hidden.map((i) => [i, new Set<number>()]));
  const pick: number[] = [];
  (function walk(k: number, left: number) {
    if (k === hidden.length) {
      if (left === 0) hidden.forEach((i, j) => seen.get(i)!.add(pick[j]));
      return;
    }
    const [lo, hi] = bounds(reasons[hidden[k]]!, T);
    for (let v = lo; v <= Math.min(hi, left); v++) {
      pick[k] = v;
      walk(k + 1, left - v);
    }
  })(0, remainder);
  return seen;
}

function groupsOf(cells: GroupedCell[]) {
  const g = new Map<string, number[]>();
  cells.forEach((c, i) => c.groups.forEach((k) => g.set(k, [...(g.get(k) ?? []), i])));
  return g;
}

describe('feed suppression', () => {
  it('suppresses counts from 1 to 4 and publishes 0 and 5+', () => {
    const r = suppressCells([{ count: 0, groups: [] }, { count: 1, groups: [] }, { count: 4, groups: [] }, { count: 5, groups: [] }], T);
    expect(r).toEqual([null, 'primary', 'primary', null]);
  });

  it('one suppressed cell in a group: the smallest other non-zero cell is suppressed too', () => {
    // Total 100 = 3 + 40 + 20 + 37: without the complement, 100 − 97 gives the 3 back.
    const r = suppressCells([3, 40, 20, 37, 0].map((count) => ({ count, groups: ['g'] })), T);
    expect(r).toEqual(['primary', null, 'complementary', null, null]);
    const seen = possibleValues([3, 40, 20, 37, 0], r);
    expect(seen.get(0)!.size).toBeGreaterThan(1);
    expect([...seen.get(0)!]).toEqual([1, 2, 3, 4]);
  });

  it('two suppressed cells that only one split explains (1 + 1) get a complement as well', () => {
    const counts = [1, 1, 9, 30];
    const r = suppressCells(counts.map((count) => ({ count, groups: ['g'] })), T);
    expect(r).toEqual(['primary', 'primary', 'complementary', null]);
    for (const values of possibleValues(counts, r).values()) expect(values.size).toBeGreaterThan(1);
  });

  it('repeats across rows and columns until stable', () => {
    // The complement chosen in row 0 (the 6) leaves column 1 with one hidden cell, so column 1 needs one.
    const counts = [[2, 6, 50], [10, 7, 50]];
    const cells = table(counts);
    const r = suppressCells(cells, T);
    expect(r[0]).toBe('primary');
    expect(r[1]).toBe('complementary');
    expect(r[3]).toBe('complementary'); // column 0: the 2 needs a partner
    expect(r.filter(Boolean).length).toBeGreaterThanOrEqual(3);
  });

  it('no suppressed cell can be recovered from the published cells of any of its groups and the group totals (random tables)', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    let checked = 0;
    let limits = 0;
    for (let trial = 0; trial < 300; trial++) {
      const rows = 2 + rand(3);
      const cols = 2 + rand(3);
      const counts = Array.from({ length: rows }, () => Array.from({ length: cols }, () => [0, 1, 2, 3, 4, 5, 6, 8, 12, 20][rand(10)]));
      const cells = table(counts);
      const reasons = suppressCells(cells, T);
      // Never a published count from 1 to 4.
      cells.forEach((c, i) => { if (!reasons[i]) expect(c.count === 0 || c.count >= T).toBe(true); });
      for (const members of groupsOf(cells).values()) {
        const counts1 = members.map((i) => cells[i].count);
        const reasons1 = members.map((i) => reasons[i]);
        if (!reasons1.some(Boolean)) continue;
        // The known limit: when every non-zero cell of a group is already hidden (say two 4s and
        // zeros, total 8), nothing is left in the group to hide; the docs say so.
        const exhausted = !members.some((i) => !reasons[i] && cells[i].count > 0);
        for (const [i, values] of possibleValues(counts1, reasons1)) {
          if (exhausted && values.size === 1) { limits++; continue; }
          expect(values.size, `cell ${counts1[i]} in ${JSON.stringify(counts)} → ${JSON.stringify(reasons)}`).toBeGreaterThan(1);
          expect(values.has(counts1[i])).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
    // Dense random small counts make the limit common here (about 1 in 10); real feeds have far more large cells.
    expect(limits).toBeLessThan(checked / 5);
  });
});
