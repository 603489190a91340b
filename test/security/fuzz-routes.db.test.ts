import crypto from 'node:crypto';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { createTestApp, demo, type Agent, type TestApp } from '../helpers/test-app';

/**
 * Finding 14: bad input is a 4xx, never a 500. Drives EVERY route registered in the app with
 * values generated from its own zod schemas (valid ones first, so the request reaches the
 * service and the database), then with hostile values in each field in turn: NUL bytes,
 * huge strings, unusual Unicode, dates out of range, wrong types. As anonymous and as a
 * platform admin. Any 5xx fails, naming the route and the request.
 */
type Json = Record<string, unknown>;
type Catalogue = TestApp['app']['routeCatalogue'];

const HOSTILE: unknown[] = [
  'a\u0000b',
  '\u0000',
  'x'.repeat(200_000),
  '𝕌𝕟𝕚𝕔𝕠𝕕𝕖 😀 \u202Eevil\u202C \uFEFF Ω',
  '\uD800',
  '0000-01-01',
  '0000-00-00',
  '-271821-04-20T00:00:00Z',
  '275760-09-13',
  '9999-12-31T23:59:59.999Z',
  '2024-02-30',
  "' OR 1=1 --",
  '%',
  '\\',
  '../../../../etc/passwd',
  '1e309',
  -1,
  0,
  2 ** 63,
  1.5,
  true,
  null,
  [],
  {},
  [null],
];

function jsonSchemaOf(schema: unknown): Json | undefined {
  if (!schema) return undefined;
  if (schema instanceof z.ZodType) {
    try {
      return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
    } catch {
      return {};
    }
  }
  return schema as Json;
}

/** A value the schema accepts (as far as plain JSON Schema can tell), preferring real ids. */
function valid(s: Json | undefined, name = '', ids: (name: string) => string | undefined = () => undefined, depth = 0): unknown {
  if (!s || depth > 8) return 'x';
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (s.default !== undefined) return s.default;
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) if (Array.isArray(s[k])) return valid((s[k] as Json[]).find((x) => x.type !== 'null') ?? (s[k] as Json[])[0], name, ids, depth + 1);
  const type = Array.isArray(s.type) ? (s.type as string[]).find((t) => t !== 'null') : (s.type as string | undefined);
  switch (type) {
    case 'object': {
      const out: Json = {};
      const props = (s.properties ?? {}) as Record<string, Json>;
      for (const [k, v] of Object.entries(props)) out[k] = valid(v, k, ids, depth + 1);
      return out;
    }
    case 'array': {
      const n = Math.max(1, Number(s.minItems ?? 1));
      return Array.from({ length: Math.min(n, 3) }, () => valid(s.items as Json, name, ids, depth + 1));
    }
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : undefined);
      return typeof min === 'number' ? Math.max(min, Math.min(1, Number(s.maximum ?? 1))) : 1;
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'string':
    default: {
      const f = s.format as string | undefined;
      if (f === 'uuid' || /(^id$|Id$)/.test(name)) return ids(name) ?? crypto.randomUUID();
      if (f === 'email') return `fuzz${crypto.randomBytes(3).toString('hex')}@example.org`;
      if (f === 'date-time') return '2025-06-01T12:00:00Z';
      if (f === 'date') return '2025-06-01';
      if (f === 'uri' || f === 'url') return 'https://example.org/x';
      const min = Number(s.minLength ?? 1);
      return 'Fuzz ' + 'a'.repeat(Math.max(0, min - 5));
    }
  }
}

/** URL-encodes, sending a lone surrogate as the invalid UTF-8 it would be (%ED%A0%80). */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return s.split(/([\uD800-\uDFFF])/).map((part) => (/^[\uD800-\uDFFF]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part))).join('');
  }
}

function fillPath(url: string, params: Json): string {
  return url.replace(/:(\w+)/g, (_m, p: string) => enc(String(params[p] ?? crypto.randomUUID()))).replace('*', 'x');
}

function queryString(q: Json): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) parts.push(`${enc(k)}=${enc(typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

interface Case {
  label: string;
  opts: InjectOptions;
}

/** The valid request, then each field of the path, query and body replaced by hostile values in turn. */
function casesFor(r: Catalogue[number], ids: (name: string) => string | undefined, thorough: boolean): Case[] {
  const ps = jsonSchemaOf(r.params);
  const qs = jsonSchemaOf(r.querystring);
  const bs = jsonSchemaOf(r.body);
  const params = (valid(ps, '', ids) ?? {}) as Json;
  const query = (qs ? valid(qs, '', ids) : {}) as Json;
  const body = bs ? valid(bs, '', ids) : r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
  const make = (label: string, p: Json, q: Json, b: unknown): Case => ({
    label,
    opts: { method: r.method as 'GET', url: fillPath(r.url, p) + queryString(q), ...(b === undefined ? {} : { payload: b as never }) },
  });
  const out: Case[] = [make('valid', params, query, body)];
  // Anonymous requests stop at the session check: three values suffice. Signed in, every
  // value is tried, a third of them on each field (rotating), the first three on all.
  const hostile = thorough ? HOSTILE : HOSTILE.slice(0, 3);
  for (const [i, h] of hostile.entries()) {
    if (i >= 3 && (i + r.url.length) % 3 !== 0) continue;
    for (const k of Object.keys(params)) if (typeof h !== 'object' || h === null) out.push(make(`param ${k}=${String(h).slice(0, 30)}`, { ...params, [k]: h }, query, body));
    for (const k of Object.keys(query)) out.push(make(`query ${k}=${JSON.stringify(h)?.slice(0, 30)}`, params, { ...query, [k]: h }, body));
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      for (const k of Object.keys(body as Json)) out.push(make(`body.${k}=${JSON.stringify(h)?.slice(0, 30)}`, params, query, { ...(body as Json), [k]: h }));
      // One level deeper for arrays of objects (e.g. role grants, answers).
      for (const [k, v] of Object.entries(body as Json)) {
        if (Array.isArray(v) && v[0] && typeof v[0] === 'object') for (const kk of Object.keys(v[0] as Json)) out.push(make(`body.${k}.0.${kk}=${JSON.stringify(h)?.slice(0, 30)}`, params, query, { ...(body as Json), [k]: [{ ...(v[0] as Json), [kk]: h }] }));
        else if (v && typeof v === 'object' && !Array.isArray(v) && i % 3 === 0) for (const kk of Object.keys(v as Json)) out.push(make(`body.${k}.${kk}=${JSON.stringify(h)?.slice(0, 30)}`, params, query, { ...(body as Json), [k]: { ...(v as Json), [kk]: h } }));
      }
    }
    if (r.method !== 'GET' && r.method !== 'DELETE' && i < 6) out.push(make(`body=${JSON.stringify(h)?.slice(0, 30)}`, params, query, h));
  }
  if (r.method !== 'GET' && r.method !== 'DELETE') {
    out.push({ label: 'raw text body', opts: { method: r.method as 'POST', url: fillPath(r.url, params), payload: 'a,b\n=1+1,"\u0000"\n', headers: { 'content-type': 'text/csv' } } });
    out.push({ label: 'broken JSON body', opts: { method: r.method as 'POST', url: fillPath(r.url, params), payload: '{"a":', headers: { 'content-type': 'application/json' } } });
  }
  return out;
}

// Streams that stay open by design are driven only anonymously (they answer 401 at once).
const STREAMING = new Set(['GET /api/v1/intake/referrals/events']);
// Signing out would end the admin's session for the rest of the run.
const SKIP_AS_ADMIN = new Set(['POST /api/v1/auth/logout', ...STREAMING]);

let t: TestApp;
let admin: Agent;
let pool: Map<string, string>;
let loginAddress = 0;

async function signIn(): Promise<Agent> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: `192.0.2.${(loginAddress++ % 250) + 1}`, payload: { email: demo.admin, password: demo.password } });
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = res.json().csrfToken as string;
  const request = (opts: InjectOptions) => t.app.inject({ ...opts, headers: { cookie, 'x-csrf-token': csrf, ...opts.headers } });
  return { csrfToken: csrf, cookie, request, get: (url) => request({ method: 'GET', url }), post: (url, payload) => request({ method: 'POST', url, payload: payload as never }), patch: (url, payload) => request({ method: 'PATCH', url, payload: payload as never }), put: (url, payload) => request({ method: 'PUT', url, payload: payload as never }) };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn();
  // One real id per table, so valid requests reach past "not found" into the database.
  const tables = await t.database.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id' AND data_type = 'uuid' ORDER BY table_name`,
  );
  pool = new Map();
  for (const { table_name } of tables) {
    const [row] = await t.database.query<{ id: string }>(`SELECT id::text FROM "${table_name}" LIMIT 1`);
    if (row) pool.set(table_name, row.id);
  }
}, 120_000);
afterAll(() => t.close());

/** A real id whose table's name matches the parameter or the path segment before it. */
function idsFor(url: string) {
  return (name: string) => {
    const segs = url.split('/');
    const at = segs.indexOf(`:${name}`);
    const word = (name === 'id' && at > 0 ? segs[at - 1] : name.replace(/Id$/, '')).replace(/-/g, '_').toLowerCase();
    if (!word) return undefined;
    const singular = word.replace(/ies$/, 'y').replace(/s$/, '');
    for (const [table, id] of pool) if (table === word || table.endsWith(`_${word}`) || table.endsWith(`_${singular}s`) || table === `${singular}s` || table.endsWith(`_${singular}ies`.replace('yies', 'ies'))) return id;
    return undefined;
  };
}

describe('every route, hostile input', () => {
  it('never answers 5xx, anonymous or signed in as a platform admin', { timeout: 900_000 }, async () => {
    const failures: string[] = [];
    let requests = 0;
    let reached = 0;
    const routes = t.app.routeCatalogue.filter((r) => !r.url.startsWith('/docs'));
    expect(routes.length).toBeGreaterThan(150);
    for (const r of routes) {
      const route = `${r.method} ${r.url}`;
      for (const who of ['anonymous', 'admin'] as const) {
        if (who === 'admin' && SKIP_AS_ADMIN.has(route)) continue;
        for (const c of casesFor(r, idsFor(r.url), who === 'admin')) {
          const res = who === 'admin' ? await admin.request(c.opts) : await t.app.inject(c.opts);
          requests++;
          if (res.statusCode < 300) reached++;
          if (res.statusCode >= 500) failures.push(`${who} ${route} [${c.label}] → ${res.statusCode} ${res.body.slice(0, 200)}`);
          if (who === 'admin' && res.statusCode === 401) admin = await signIn();
        }
      }
    }
    console.log(`fuzz: ${routes.length} routes, ${requests} requests, ${reached} answered 2xx, ${failures.length} answered 5xx`);
    expect(failures, failures.join('\n')).toEqual([]);
  });
});
