import { describe, expect, it } from 'vitest';
import { buildComparison } from './exchange.compare';

const item = { id: 'i', kind: 'indicator' as const, code: 'c', name: { en: 'Newcomers served', fr: null }, unit: 'count', threshold: 5 };
const series = (id: string, values: (number | null)[]) => ({
  collaborativeId: id, collaborativeName: id.toUpperCase(), communityType: 'urban' as const, itemId: 'i',
  points: values.map((v, k) => ({ period: String(2020 + k), value: v })),
});

describe('comparison of shared values', () => {
  it('puts every panel on one scale', () => {
    const [c] = buildComparison([item], [series('a', [10, 20]), series('b', [100, 40])]);
    expect(c.scale).toEqual({ min: 0, max: 100 });
    expect(c.panels.map((p) => p.collaborativeName)).toEqual(['A', 'B']);
    expect(c.periods).toEqual(['2020', '2021']);
  });

  it('hides small counts with the disclosure marker and leaves them off the scale', () => {
    const [c] = buildComparison([item], [series('a', [3, 200])]);
    expect(c.panels[0].points[0]).toEqual({ period: '2020', value: null, display: '<5', suppressed: true });
    expect(c.panels[0].points[1].display).toBe('200');
    expect(c.scale.max).toBe(200);
  });

  it('shows values the source withheld as withheld', () => {
    const [c] = buildComparison([item], [series('a', [null])]);
    expect(c.panels[0].points[0]).toMatchObject({ value: null, display: 'x', suppressed: true });
  });

  it('does not suppress percentages', () => {
    const [c] = buildComparison([{ ...item, unit: 'percent' }], [series('a', [3.25])]);
    expect(c.panels[0].points[0].display).toBe('3.3%');
  });
});
