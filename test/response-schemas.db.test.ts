import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app';

/**
 * Responses are encoded through their zod schemas, and a schema with a transform (trimming,
 * say) fails to encode only when data reaches that field: a 500 that no happy-path test may
 * meet. This walks every route's response schemas and names any transform or pipe.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

type Def = { type: string; [k: string]: unknown };
const defOf = (s: unknown): Def | undefined => (s as { _zod?: { def?: Def } })?._zod?.def;

function transformsIn(schema: unknown, path: string, seen = new Set<unknown>()): string[] {
  const def = defOf(schema);
  if (!def || seen.has(schema)) return [];
  seen.add(schema);
  if (def.type === 'transform' || def.type === 'pipe') return [path];
  const children: [string, unknown][] = [];
  if (def.type === 'object') for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) children.push([`${path}.${k}`, v]);
  if (def.type === 'array') children.push([`${path}[]`, def.element]);
  if (def.type === 'record') children.push([`${path}{}`, def.valueType]);
  if (def.type === 'tuple') (def.items as unknown[]).forEach((v, i) => children.push([`${path}[${i}]`, v]));
  if (def.type === 'union') (def.options as unknown[]).forEach((v, i) => children.push([`${path}|${i}`, v]));
  if (def.type === 'intersection') children.push([path, def.left], [path, def.right]);
  if (def.type === 'lazy') children.push([path, (def.getter as () => unknown)()]);
  if ('innerType' in def) children.push([path, def.innerType]);
  return children.flatMap(([p, s]) => transformsIn(s, p, seen));
}

describe('response schemas', () => {
  it('are collected from every module', () => {
    const routes = new Set(t.app.responseSchemas.map((r) => r.route));
    for (const prefix of ['/api/v1/organizations', '/api/v1/collaboratives', '/api/v1/strategy', '/api/v1/data', '/api/v1/intake', '/api/v1/finder']) {
      expect([...routes].some((r) => r.includes(prefix)), prefix).toBe(true);
    }
  });

  it('contain no transform that would fail to encode a response', () => {
    const found = t.app.responseSchemas.flatMap((r) => transformsIn(r.schema, `${r.route} ${r.status}`));
    expect(found).toEqual([]);
  });
});
