import { describe, expect, it } from 'vitest';
import { audit, feasibleIntervals, protectTable, readerSystem, type DisclosureTable } from './data.disclosure';

const T = 5;
const cells = (o: Record<string, number | null>) => Object.entries(o).map(([id, value]) => ({ id, value }));
const hiddenIds = (t: DisclosureTable) => [...protectTable(t).hidden.keys()].sort();

describe('disclosure-control engine', () => {
  it('hides counts 1–4, publishes zero and counts of 5 or more', () => {
    const d = protectTable({ threshold: T, cells: cells({ a: 0, b: 3, c: 5, d: 4 }), relations: [] });
    expect([...d.hidden]).toEqual([['b', 'primary'], ['d', 'primary']]);
  });

  it('one hidden cell under a published total gets the smallest other cell as its complement', () => {
    // total 30 = 3 + 8 + 19: hiding 3 alone gives it away as 30 − 8 − 19.
    const t: DisclosureTable = { threshold: T, cells: cells({ total: 30, a: 3, b: 8, c: 19 }), relations: [{ total: 'total', parts: ['a', 'b', 'c'] }] };
    const d = protectTable(t);
    expect(d.hidden.get('a')).toBe('primary');
    expect(d.hidden.get('b')).toBe('complementary');
    expect(d.hidden.has('c')).toBe(false);
    // The reader now knows a + b = 11: a lies anywhere in 0–11.
    const iv = feasibleIntervals(readerSystem(t, d.hidden), () => ({ min: 0, max: Infinity }));
    expect(iv.get('a')).toEqual({ min: 0, max: 11 });
    expect(audit(t, d.hidden)).toEqual([]);
  });

  it('two primary cells adding up to 2 are not protected by each other', () => {
    // 1 + 1 + 20 = 22: hiding the two 1s leaves a + b = 2, an interval 2 wide.
    const t: DisclosureTable = { threshold: T, cells: cells({ total: 22, a: 1, b: 1, c: 20 }), relations: [{ total: 'total', parts: ['a', 'b', 'c'] }] };
    expect(hiddenIds(t)).toEqual(['a', 'b', 'c']);
  });

  it('when every part is hidden, the total is hidden too (the known limit of the old per-group check)', () => {
    // 4 + 4 = 8 and its region: hiding both 4s under a published 8 pins each to 0–8 with
    // markers saying 1–4 each, so a + b = 8 leaves each exactly 4.
    const t: DisclosureTable = {
      threshold: T,
      cells: cells({ region: 50, place: 8, other: 42, a: 4, b: 4 }),
      relations: [{ total: 'place', parts: ['a', 'b'] }, { total: 'region', parts: ['place', 'other'] }],
    };
    const d = protectTable(t);
    expect(d.hidden.get('place')).toBe('complementary');
    expect(d.hidden.get('other')).toBe('complementary'); // else region − other gives the place back
    expect(audit(t, d.hidden)).toEqual([]);
  });

  it("a region's sex=f minus its other places: protected across places and breakdowns at once", () => {
    // Two places, each with a total and f/m cells; the region too. Place p1 has f = 2.
    const t: DisclosureTable = {
      threshold: T,
      cells: cells({ R: 60, 'R.f': 30, 'R.m': 30, p1: 20, 'p1.f': 2, 'p1.m': 18, p2: 40, 'p2.f': 28, 'p2.m': 12 }),
      relations: [
        { total: 'R', parts: ['R.f', 'R.m'] },
        { total: 'p1', parts: ['p1.f', 'p1.m'] },
        { total: 'p2', parts: ['p2.f', 'p2.m'] },
        { total: 'R', parts: ['p1', 'p2'] },
        { total: 'R.f', parts: ['p1.f', 'p2.f'] },
        { total: 'R.m', parts: ['p1.m', 'p2.m'] },
      ],
    };
    const d = protectTable(t);
    expect(d.hidden.get('p1.f')).toBe('primary');
    expect(audit(t, d.hidden)).toEqual([]);
    // Hiding only within p1 (the old per-view rule) is not enough: R.f − p2.f = 2.
    const naive = new Map([['p1.f', 'primary' as const], ['p1.m', 'complementary' as const]]);
    expect(audit(t, naive).map((b) => b.id)).toContain('p1.f');
  });

  it('a count published twice under two measures is one cell to a reader', () => {
    // referrals rejected = unmet needs rejected; hiding it as a complement in one measure only would undo it.
    const t: DisclosureTable = {
      threshold: T,
      cells: [...cells({ refTotal: 20, 'ref.rejected': 7, 'ref.completed': 10, 'ref.waitlisted': 3, unmetTotal: 10, 'unmet.rejected': 7, 'unmet.waitlisted': 3 })],
      relations: [
        { total: 'refTotal', parts: ['ref.rejected', 'ref.completed', 'ref.waitlisted'] },
        { total: 'unmetTotal', parts: ['unmet.rejected', 'unmet.waitlisted'] },
        { total: 'ref.rejected', parts: ['unmet.rejected'] },
        { total: 'ref.waitlisted', parts: ['unmet.waitlisted'] },
      ],
    };
    const d = protectTable(t);
    expect(audit(t, d.hidden)).toEqual([]);
    expect(d.hidden.has('ref.waitlisted') && d.hidden.has('unmet.waitlisted')).toBe(true);
  });

  it('a total nobody publishes links cells without being known', () => {
    // paths and referrals of one month add up to the same (unpublished) number of referrals.
    const t: DisclosureTable = {
      threshold: T,
      cells: [{ id: 'R', value: 12, publish: false }, ...cells({ 'path.a': 9, 'path.b': 3, 'ref.x': 12 })],
      relations: [{ total: 'R', parts: ['path.a', 'path.b'] }, { total: 'R', parts: ['ref.x'] }],
    };
    const d = protectTable(t);
    expect(d.hidden.get('R')).toBe('withheld');
    expect(d.hidden.get('path.b')).toBe('primary');
    expect(audit(t, d.hidden)).toEqual([]);
  });

  it('is deterministic and leaves tables without small counts alone', () => {
    const t: DisclosureTable = { threshold: T, cells: cells({ total: 30, a: 10, b: 20 }), relations: [{ total: 'total', parts: ['a', 'b'] }] };
    expect(protectTable(t).hidden.size).toBe(0);
    const u: DisclosureTable = { threshold: T, cells: cells({ total: 30, a: 3, b: 9, c: 9, d: 9 }), relations: [{ total: 'total', parts: ['a', 'b', 'c', 'd'] }] };
    expect([...protectTable(u).hidden]).toEqual([...protectTable(u).hidden]);
    expect(protectTable(u).hidden.get('b')).toBe('complementary');
  });

  it('random two-level tables with breakdowns: no hidden cell can be narrowed below the threshold', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let n = 0; n < 40; n++) {
      const places = 2 + Math.floor(rand() * 4);
      const cs: Record<string, number> = {};
      const relations: DisclosureTable['relations'] = [];
      let rf = 0;
      let rm = 0;
      for (let p = 0; p < places; p++) {
        const f = rand() < 0.35 ? Math.floor(rand() * 5) : Math.floor(rand() * 30);
        const m = rand() < 0.35 ? Math.floor(rand() * 5) : Math.floor(rand() * 30);
        Object.assign(cs, { [`p${p}`]: f + m, [`p${p}.f`]: f, [`p${p}.m`]: m });
        relations.push({ total: `p${p}`, parts: [`p${p}.f`, `p${p}.m`] });
        rf += f;
        rm += m;
      }
      Object.assign(cs, { R: rf + rm, 'R.f': rf, 'R.m': rm });
      const ps = Array.from({ length: places }, (_, p) => `p${p}`);
      relations.push({ total: 'R', parts: ['R.f', 'R.m'] }, { total: 'R', parts: ps }, { total: 'R.f', parts: ps.map((p) => `${p}.f`) }, { total: 'R.m', parts: ps.map((p) => `${p}.m`) });
      const t: DisclosureTable = { threshold: T, cells: cells(cs), relations };
      const d = protectTable(t);
      expect(audit(t, d.hidden)).toEqual([]);
      for (const [id, v] of Object.entries(cs)) if (v > 0 && v < T) expect(d.hidden.has(id)).toBe(true);
    }
  });
});
