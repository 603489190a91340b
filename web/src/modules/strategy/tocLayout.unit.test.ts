import { describe, expect, it } from 'vitest';
import { layoutToc, wrap } from './tocLayout';

const nodes = [
  { id: 'o', kind: 'outcome', label: 'Newcomers settle successfully' },
  { id: 'p1', kind: 'precondition', label: 'Services are easy to find' },
  { id: 'p2', kind: 'precondition', label: 'Providers refer to one another' },
  { id: 'a1', kind: 'action', label: 'Publish a resource book' },
  { id: 'a2', kind: 'action', label: 'Common intake form' },
  { id: 'a3', kind: 'action', label: 'Shared referral protocol' },
];
const edges = [
  { from: 'a1', to: 'p1' },
  { from: 'a2', to: 'p2' },
  { from: 'a3', to: 'p2' },
  { from: 'p1', to: 'o' },
  { from: 'p2', to: 'o' },
];

describe('theory of change layout (dagre)', () => {
  const out = layoutToc(nodes, edges);
  const at = (id: string) => out.nodes.find((n) => n.id === id)!;

  it('reads left to right: actions, then preconditions, then the outcome', () => {
    for (const a of ['a1', 'a2', 'a3']) expect(at(a).x).toBeLessThan(at('p1').x);
    expect(at('p1').x).toBe(at('p2').x);
    expect(at('p2').x).toBeLessThan(at('o').x);
  });

  it('never overlaps two nodes, and fits them all inside the drawing', () => {
    for (const a of out.nodes)
      for (const b of out.nodes) {
        if (a === b) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.id} and ${b.id}`).toBe(true);
      }
    for (const n of out.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.x + n.width).toBeLessThanOrEqual(out.width);
      expect(n.y + n.height).toBeLessThanOrEqual(out.height);
    }
  });

  /** On the box's outline, on the given side of its centre. */
  const onOutline = (p: { x: number; y: number }, n: { x: number; y: number; width: number; height: number }) => {
    const inX = p.x >= n.x - 0.5 && p.x <= n.x + n.width + 0.5;
    const inY = p.y >= n.y - 0.5 && p.y <= n.y + n.height + 0.5;
    const edge = Math.min(Math.abs(p.x - n.x), Math.abs(p.x - n.x - n.width), Math.abs(p.y - n.y), Math.abs(p.y - n.y - n.height));
    return inX && inY && edge < 0.5;
  };
  it('routes each link from its source’s outline, rightwards, to its target’s outline', () => {
    expect(out.edges).toHaveLength(5);
    for (const e of out.edges) {
      const first = e.points[0];
      const last = e.points[e.points.length - 1];
      expect(onOutline(first, at(e.from)), `${e.from} start`).toBe(true);
      expect(onOutline(last, at(e.to)), `${e.to} end`).toBe(true);
      expect(last.x).toBeGreaterThan(first.x);
    }
  });

  it('drops links to unknown nodes and loops instead of failing', () => {
    expect(layoutToc(nodes, [...edges, { from: 'a1', to: 'gone' }, { from: 'o', to: 'o' }]).edges).toHaveLength(5);
    expect(layoutToc([], []).nodes).toEqual([]);
  });

  it('wraps long labels into at most three lines', () => {
    expect(wrap('Open a welcoming social space at the information centre or hub for immigrant and non-immigrant residents')).toHaveLength(3);
    expect(wrap('Open a welcoming social space at the information centre or hub for immigrant and non-immigrant residents')[2].endsWith('…')).toBe(true);
    expect(wrap('Short label')).toEqual(['Short label']);
  });
});
