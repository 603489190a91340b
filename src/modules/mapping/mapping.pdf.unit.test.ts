import { describe, expect, it } from 'vitest';
import { drawChoropleth, shadeFor } from './mapping.pdf';

/** Records the drawing calls pdfkit would receive. */
function recorder() {
  const calls: { op: string; args: unknown[] }[] = [];
  const doc: Record<string, (...a: unknown[]) => unknown> = {};
  for (const op of ['moveTo', 'lineTo', 'closePath', 'lineWidth', 'fillAndStroke', 'fillColor', 'strokeColor', 'arc']) {
    doc[op] = (...args: unknown[]) => { calls.push({ op, args }); return doc; };
  }
  return { doc, calls };
}

const square = (x: number, y: number) => ({ type: 'Polygon', coordinates: [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]] });

describe('the drawn map of a published snapshot', () => {
  it('fits every boundary inside the box and shades each place by its value', () => {
    const { doc, calls } = recorder();
    const places = [
      { id: 'west', boundary: square(-79.0, 43.9) },
      { id: 'east', boundary: square(-78.8, 43.9) },
      { id: 'unknown', boundary: null },
    ];
    const values: Record<string, number | null> = { west: 10, east: null };
    const box = { x: 40, y: 100, width: 300, height: 200 };
    const drawn = drawChoropleth(doc as never, places, (id) => values[id], 10, box);
    expect(drawn).toBe(2);
    const points = calls.filter((c) => c.op === 'moveTo' || c.op === 'lineTo').map((c) => c.args as [number, number]);
    expect(points.length).toBeGreaterThanOrEqual(8);
    for (const [x, y] of points) {
      expect(x).toBeGreaterThanOrEqual(box.x - 0.5);
      expect(x).toBeLessThanOrEqual(box.x + box.width + 0.5);
      expect(y).toBeGreaterThanOrEqual(box.y - 0.5);
      expect(y).toBeLessThanOrEqual(box.y + box.height + 0.5);
    }
    // West is drawn left of east: the projection keeps geography's orientation.
    const firstX = (i: number) => (calls.filter((c) => c.op === 'moveTo')[i].args[0] as number);
    expect(firstX(0)).toBeLessThan(firstX(1));
    const fills = calls.filter((c) => c.op === 'fillAndStroke').map((c) => c.args[0]);
    expect(fills).toEqual([shadeFor(10, 10), '#eeeeee']);
  });

  it('draws nothing when no place has a boundary', () => {
    const { doc, calls } = recorder();
    expect(drawChoropleth(doc as never, [{ id: 'a', boundary: null }], () => 1, 1, { x: 0, y: 0, width: 10, height: 10 })).toBe(0);
    expect(calls).toEqual([]);
  });

  it('shades darker for more services and grey when unknown', () => {
    expect(shadeFor(null, 5)).toBe('#eeeeee');
    const level = (c: string) => parseInt(c.slice(1, 3), 16);
    expect(level(shadeFor(5, 5))).toBeLessThan(level(shadeFor(1, 5)));
    expect(shadeFor(50, 5)).toBe(shadeFor(5, 5));
  });
});

describe('the shades a PDF is drawn in', () => {
  it('are colours pdfkit draws as given: light for few, darker for more, never black', async () => {
    const { default: PDFDocument } = await import('pdfkit');
    const doc = new PDFDocument({ compress: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((resolve) => doc.on('end', resolve));
    doc.rect(10, 10, 10, 10).fill(shadeFor(1, 10));
    doc.rect(30, 10, 10, 10).fill(shadeFor(10, 10));
    doc.end();
    await done;
    const fills = [...Buffer.concat(chunks).toString('latin1').matchAll(/([\d.]+) ([\d.]+) ([\d.]+) scn/g)].map((m) => m.slice(1, 4).map(Number));
    expect(fills).toHaveLength(2);
    const [light, dark] = fills.map(([r, g, b]) => r + g + b);
    expect(light).toBeGreaterThan(dark);
    expect(dark).toBeGreaterThan(1); // black would be 0 0 0
    for (const [, , b] of fills) expect(b).toBe(1);
  }, 30_000);
});
