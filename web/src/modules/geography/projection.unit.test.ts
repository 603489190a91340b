import { describe, expect, it } from 'vitest';
import { project, type Feature } from './projection';

const square = (x: number, y: number, id: string): Feature => ({
  type: 'Feature',
  properties: { id },
  geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] },
});

describe('project', () => {
  it('fits features into the width, north up, and labels each at its centroid', () => {
    const out = project([square(-79, 43, 'a'), square(-78, 43, 'b')], 200, 0);
    expect(out.paths).toHaveLength(2);
    expect(out.width).toBe(200);
    // Two squares side by side: twice as wide as tall, after the cos(latitude) correction.
    expect(out.height).toBeGreaterThan(0);
    expect(out.height).toBeLessThan(200);
    const [a, b] = out.paths;
    expect(a.label[0]).toBeCloseTo(50, 0);
    expect(b.label[0]).toBeCloseTo(150, 0);
    expect(a.d.startsWith('M0 ')).toBe(true);
  });

  it('skips features without geometry and handles none', () => {
    expect(project([{ type: 'Feature', properties: {}, geometry: null }]).paths).toEqual([]);
  });
});
