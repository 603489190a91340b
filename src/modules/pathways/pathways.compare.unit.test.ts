import { describe, expect, it } from 'vitest';
import { diffSteps, mergeDrawings } from './pathways.compare';
import { makeStep as step } from './pathways.factory';

describe('version and base/copy diffs', () => {
  it('names added, removed and changed steps with their fields, and moves', () => {
    const before = [step('a'), step('b', { targetDays: 5 }), step('c')];
    const after = [step('b', { targetDays: 7 }), step('a'), step('d')];
    expect(diffSteps(before, after)).toEqual([
      { key: 'b', change: 'changed', fields: ['targetDays', 'position'], title: 'B' },
      { key: 'a', change: 'changed', fields: ['position'], title: 'A' },
      { key: 'd', change: 'added', fields: [], title: 'D' },
      { key: 'c', change: 'removed', fields: [], title: 'C' },
    ]);
    expect(diffSteps(before, before)).toEqual([]);
  });
});

describe('merged workshop view', () => {
  it('counts how often each step appears and where the drawings differ', () => {
    const pathway = [step('a'), step('b'), step('c')];
    const d = (id: string, steps: { title: string; stepKey: string | null }[]) => ({ id, participant: id, createdAt: '', steps: steps.map((s) => ({ kind: 'service' as const, ...s })) });
    const m = mergeDrawings(pathway, [
      d('1', [{ title: 'A', stepKey: 'a' }, { title: 'B', stepKey: 'b' }]),
      d('2', [{ title: 'B', stepKey: 'b' }, { title: 'A', stepKey: 'a' }, { title: 'Waiting list', stepKey: null }]),
      d('3', [{ title: 'A', stepKey: 'a' }, { title: 'waiting  LIST', stepKey: null }]),
    ]);
    const row = (id: string) => m.rows.find((r) => r.id === id)!;
    expect(row('a')).toMatchObject({ count: 3, common: true, positions: [1, 2, 1] });
    expect(row('b')).toMatchObject({ count: 2, common: false, share: 0.67, positions: [2, 1, null] });
    expect(row('c')).toMatchObject({ count: 0, inPathway: true });
    expect(row('~waiting list')).toMatchObject({ count: 2, inPathway: false, positions: [null, 3, 2] });
    expect(m.orderDiffers).toEqual([{ a: 'a', b: 'b', aFirst: 1, bFirst: 1 }]);
  });
});
