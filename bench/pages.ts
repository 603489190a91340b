/**
 * Pages people open: every page of the web router, opened in headless Chromium as the demo
 * role that uses it, on the embedded database with demo data. Per page: time to content and the
 * JavaScript it loaded; then totals.
 *
 * Time to content: from the document's navigation start (performance.timeOrigin, so it includes
 * the HTML request, the JavaScript, the session check and the page's API calls) to the first
 * moment the page's main heading (`h1`) is in the DOM, laid out (checkVisibility) with text,
 * while no loading indicator is (`.loading`, the shared <Loading/>, or `[aria-busy="true"]`).
 * A MutationObserver added before any page script checks that condition after every DOM change
 * and records performance.now() when it becomes true; it counts once it has held for 500 ms
 * (so a heading shown while more is still loading does not count). That is layout time, just
 * before the frame is painted.
 *
 * One uncounted load of /sign-in first warms up the browser and the server. Each page opens in
 * a new browser context (empty HTTP cache, like following a link into the app), then once more
 * in the same context (`warm`: assets from the cache, as on a return visit).
 * JavaScript: every response the browser classed as a script on the cold load, until the page
 * settled and the network was idle: how many, the bytes as sent to the browser
 * (`content-length`, with the `accept-encoding` Chromium sent) and the brotli bytes of the same
 * files (fetched once more with `accept-encoding: br`).
 *
 * Env: BENCH_WARM (1; 0 skips the warm loads), BENCH_PAGE_TIMEOUT_MS (15000), BENCH_ONLY
 * (substrings of the paths to open, comma-separated, for a quick look).
 *
 * A script, not a test: exits 0 whether or not the targets are met and ends with one JSON line.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Response } from 'playwright-core';
import { num, round } from './lib/common';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'roundtable-demo';
const WARM = process.env.BENCH_WARM !== '0';
const PAGE_TIMEOUT_MS = num('BENCH_PAGE_TIMEOUT_MS', 15_000, 2_000, 60_000);
const ONLY = process.env.BENCH_ONLY;
const SETTLE_MS = 500;

const TARGETS = {
  'pages.max_ttc_ms': { max: 1000 },
  'pages.failed': { max: 0 },
  'first_page.js_br_kb': { max: 200 },
  'home.js_br_kb': { max: 200 },
} as const;

type Role = 'public' | 'admin' | 'orgadmin' | 'coordinator' | 'staff';
const EMAILS: Record<Exclude<Role, 'public'>, string> = {
  admin: 'admin@demo.roundtable.test',
  orgadmin: 'orgadmin@demo.roundtable.test',
  coordinator: 'coordinator@demo.roundtable.test',
  staff: 'staff@demo.roundtable.test',
};

interface PageSpec {
  route: string;
  path: string | null;
  role: Role;
  why?: string;
}

interface PageResult {
  route: string;
  path: string;
  role: Role;
  h1: string | null;
  ttc_ms: number | null;
  warm_ttc_ms: number | null;
  dom_content_loaded_ms: number | null;
  /** Last script, and last API answer, that arrived before the content showed (from navigation start). */
  js_done_ms: number | null;
  api_done_ms: number | null;
  slowest_api: string | null;
  js_count: number;
  js_kb: number;
  js_br_kb: number;
  encoding: string;
  api_calls: number;
  api_errors: string[];
  error?: string;
}

// ---------- the API, as the bench sees it ----------

class Session {
  constructor(
    readonly origin: string,
    readonly cookies: { name: string; value: string }[],
    readonly csrf: string | null,
  ) {}
  get cookieHeader() {
    return this.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  }
  async get<T = unknown>(p: string): Promise<T> {
    const res = await fetch(`${this.origin}/api/v1${p}`, { headers: { cookie: this.cookieHeader, accept: 'application/json' } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`GET ${p} answered ${res.status}: ${body.slice(0, 200)}`);
    return JSON.parse(body) as T;
  }
  async post<T = unknown>(p: string, data: unknown): Promise<T> {
    const res = await fetch(`${this.origin}/api/v1${p}`, {
      method: 'POST',
      headers: { cookie: this.cookieHeader, accept: 'application/json', 'content-type': 'application/json', ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}) },
      body: JSON.stringify(data),
    });
    const body = await res.text();
    if (res.status !== 200 && res.status !== 201) throw new Error(`POST ${p} answered ${res.status}: ${body.slice(0, 300)}`);
    return JSON.parse(body) as T;
  }
}

async function signIn(origin: string, email: string): Promise<Session> {
  const res = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`sign-in as ${email} answered ${res.status}: ${body.slice(0, 200)}`);
  const cookies = res.headers.getSetCookie().map((c) => {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    return { name: pair.slice(0, i), value: pair.slice(i + 1) };
  });
  const s = new Session(origin, cookies, null);
  const session = await s.get<{ csrfToken: string | null }>('/auth/session');
  return new Session(origin, cookies, session.csrfToken);
}

/** The first `id` in the first non-empty array of objects found in a response body. */
function firstId(body: unknown, pred: (x: Record<string, unknown>) => unknown = () => true): string | null {
  if (Array.isArray(body)) {
    for (const x of body) if (x && typeof x === 'object' && typeof x.id === 'string' && pred(x)) return x.id;
    return null;
  }
  if (body && typeof body === 'object') {
    for (const v of Object.values(body)) {
      const id = firstId(v, pred);
      if (id) return id;
    }
  }
  return null;
}

/** Runs a lookup; a failure leaves the id unresolved and the pages that need it are skipped with the reason. */
async function attempt<T>(notes: string[], what: string, fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (err) {
    notes.push(`${what}: ${(err as Error).message}`);
    return null;
  }
}

// ---------- the pages ----------

/** Resolves each route's parameters from the demo data and says which role opens it. */
async function pagesToOpen(sessions: Record<Exclude<Role, 'public'>, Session>, notes: string[]): Promise<PageSpec[]> {
  const { admin, coordinator, staff } = sessions;

  const collaboratives = await attempt(notes, 'collaboratives', () => coordinator.get('/collaboratives'));
  const collab = firstId(collaboratives, (c) => Array.isArray(c.myRoles) && c.myRoles.length > 0) ?? firstId(collaboratives);
  // Any collaborative has a public page; take one the coordinator is not a member of, as a visitor would.
  const publicCollab = firstId(collaboratives, (c) => !Array.isArray(c.myRoles) || c.myRoles.length === 0) ?? collab;
  const meeting = collab ? firstId(await attempt(notes, 'meetings', () => coordinator.get(`/collaboratives/${collab}/meetings`))) : null;

  const plans = await attempt(notes, 'plans', () => coordinator.get<{ items: { id: string; publicScorecard: boolean }[] }>('/strategy/plans'));
  const plan = firstId(plans);
  const publicPlan = firstId(plans, (p) => p.publicScorecard);
  const planDetail = plan ? await attempt(notes, 'plan', () => coordinator.get<{ measures: { id: string }[] }>(`/strategy/plans/${plan}`)) : null;
  const measure = planDetail?.measures?.[0]?.id ?? null;
  const actionPlan = plan ? firstId(await attempt(notes, 'action plans', () => coordinator.get(`/strategy/plans/${plan}/action-plans`))) : null;
  const cards = plan ? await attempt(notes, 'report cards', () => coordinator.get(`/strategy/plans/${plan}/report-cards`)) : null;
  let card = firstId(cards);
  let publishedCard = firstId(cards, (c) => c.status === 'published');
  if (plan && !publishedCard) {
    // The demo plan has no report card: start this year's and publish it, as a coordinator would.
    const made = await attempt(notes, 'publishing a report card', async () => {
      const draft = await coordinator.post<{ id: string; version: number }>(`/strategy/plans/${plan}/report-cards`, { year: new Date().getFullYear() });
      return coordinator.post<{ id: string }>(`/strategy/report-cards/${draft.id}/publish`, { version: draft.version });
    });
    if (made) {
      card ??= made.id;
      publishedCard = made.id;
      notes.push('published one report card (the demo plan has none) for the report card pages');
    }
  }
  const template = firstId(await attempt(notes, 'templates', () => coordinator.get('/strategy/templates')));

  const durham = firstId(await attempt(notes, 'geographies', () => admin.get('/geographies?q=durham&level=upper_tier')));
  const oshawa = firstId(await attempt(notes, 'geographies', () => admin.get('/geographies?q=oshawa')));
  const indicator = firstId(await attempt(notes, 'indicators', () => coordinator.get('/data/indicators')));
  let dashboard = firstId(await attempt(notes, 'dashboards', () => coordinator.get('/data/dashboards')), (d) => d.visibility === 'public');
  if (!dashboard && collab && indicator && durham) {
    // The demo data has no dashboard: save a public one, as a coordinator would.
    const made = await attempt(notes, 'creating a dashboard', () =>
      coordinator.post<{ id: string }>('/data/dashboards', { collaborativeId: collab, title: 'Durham at a glance (bench)', visibility: 'public', indicatorIds: [indicator], geographyIds: [durham, oshawa].filter(Boolean) }),
    );
    dashboard = made?.id ?? null;
    if (dashboard) notes.push('created one public dashboard (the demo data has none) for /data/dashboards/:id');
  }

  const snapshots = await attempt(notes, 'snapshots', () => coordinator.get('/mapping/snapshots'));
  const snapshot = firstId(snapshots);
  const publicSnapshot = firstId(snapshots, (s) => s.isPublic);
  // Comparing needs two published maps; the demo data has one, so a second is published.
  let compare: string | null = null;
  const snapshotIds = ((snapshots as { items?: { id: string; regionId: string; title: string }[] } | null)?.items ?? []).map((x) => x.id);
  if (snapshotIds.length < 2 && snapshot) {
    const s0 = (snapshots as { items: { regionId: string }[] }).items[0];
    const made = await attempt(notes, 'publishing a second map', () => coordinator.post<{ id: string }>('/mapping/snapshots', { title: 'Durham service map (bench)', regionId: s0.regionId }));
    if (made) {
      snapshotIds.push(made.id);
      notes.push('published a second service map (the demo data has one) for /mapping/snapshots/compare');
    }
  }
  if (snapshotIds.length >= 2) compare = `/mapping/snapshots/compare?a=${snapshotIds[0]}&b=${snapshotIds[1]}`;

  const worklist = await attempt(notes, 'worklist', () => staff.get('/intake/worklist'));
  const client = firstId((worklist as { clients?: unknown } | null)?.clients);
  const referral =
    firstId(await attempt(notes, 'referrals', () => staff.get('/intake/referrals?direction=outgoing'))) ??
    firstId(await attempt(notes, 'referrals', () => staff.get('/intake/referrals?direction=incoming')));
  const instrument = firstId(await attempt(notes, 'instruments', () => staff.get('/intake/instruments')));
  // A partner without an account answers from a secure link; the demo data has none, so one is made.
  const partnerLink = client
    ? await attempt(notes, 'creating a partner link', async () => {
        await staff.post(`/intake/clients/${client}/consents`, { purpose: 'referral', dataCategories: ['identity', 'referral'], externalPartner: 'Fictional Community Kitchen', method: 'verbal_witnessed', witnessName: 'Demo witness' });
        const ref = await staff.post<{ id: string }>('/intake/referrals', { clientId: client, externalPartner: 'Fictional Community Kitchen', toContactName: 'Pat Fictional', reason: 'Fictional: food support (bench)', sharedCategories: ['identity'] });
        const link = await staff.post<{ url: string }>(`/intake/referrals/${ref.id}/link`, {});
        return new URL(link.url, staff.origin).pathname;
      })
    : null;
  if (partnerLink) notes.push('created one referral to an outside partner and its secure link for /intake/partner/:token');

  const service = firstId(await attempt(notes, 'finder services', () => admin.get('/finder/services?perPage=5')));
  const organization = firstId(await attempt(notes, 'organizations', () => admin.get('/organizations?perPage=5')));

  const at = (route: string, role: Role, ...ids: (string | null)[]): PageSpec => {
    if (ids.some((id) => !id)) return { route, path: null, role, why: 'no id in the demo data' };
    let i = 0;
    return { route, role, path: route.replace(/:[A-Za-z]+/g, () => ids[i++]!) };
  };
  const given = (route: string, role: Role, path: string | null, why: string): PageSpec => ({ route, role, path, ...(path ? {} : { why }) });
  return [
    // The pages everyone starts on: signed out, then home as each kind of user lands on it.
    at('/sign-in', 'public'),
    at('/', 'admin'),
    at('/', 'staff'),
    at('/', 'coordinator'),
    at('/account', 'staff'),
    at('*', 'admin'),
    // Service finder and directory
    at('/find', 'public'),
    at('/find/services/:id', 'public', service),
    at('/directory', 'admin'),
    at('/directory/review', 'admin'),
    at('/directory/import', 'admin'),
    at('/directory/taxonomy', 'admin'),
    // Collaboratives
    at('/collaboratives', 'coordinator'),
    at('/collaboratives/new', 'coordinator'),
    at('/collaboratives/my-tasks', 'coordinator'),
    at('/collaboratives/:id', 'coordinator', collab),
    at('/collaboratives/:id/edit', 'coordinator', collab),
    at('/collaboratives/:id/members', 'coordinator', collab),
    at('/collaboratives/:id/meetings', 'coordinator', collab),
    at('/collaboratives/:id/meetings/:meetingId', 'coordinator', collab, meeting),
    at('/collaboratives/:id/documents', 'coordinator', collab),
    at('/collaboratives/:id/funding', 'coordinator', collab),
    at('/collaboratives/:id/engagement', 'coordinator', collab),
    at('/public/collaboratives/:id', 'public', publicCollab),
    // Strategy
    at('/strategy', 'coordinator'),
    at('/strategy/plans/:id', 'coordinator', plan),
    at('/strategy/plans/:id/measures/:measureId', 'coordinator', plan, measure),
    at('/strategy/plans/:id/action-plans', 'coordinator', plan),
    at('/strategy/plans/:id/action-plans/:apId', 'coordinator', plan, actionPlan),
    at('/strategy/plans/:id/scorecard', 'coordinator', plan),
    at('/strategy/plans/:id/report-cards', 'coordinator', plan),
    at('/strategy/plans/:id/report-cards/:cardId', 'coordinator', plan, card),
    at('/strategy/plans/:id/import', 'coordinator', plan),
    at('/strategy/plans/:id/theory-of-change', 'coordinator', plan),
    at('/strategy/templates/:templateId/compare', 'coordinator', template),
    at('/strategy/public/plans/:id', 'public', publicPlan),
    at('/strategy/public/report-cards/:cardId', 'public', publishedCard),
    // Community data
    at('/data', 'coordinator'),
    at('/data/indicators', 'admin'),
    at('/data/import', 'admin'),
    at('/data/dashboards', 'coordinator'),
    at('/data/dashboards/:id', 'public', dashboard),
    at('/data/places/:id', 'public', durham),
    // No Wrong Door intake
    at('/intake', 'staff'),
    at('/intake/new', 'staff'),
    at('/intake/clients/:id', 'staff', client),
    at('/intake/referrals/:id', 'staff', referral),
    at('/intake/reports', 'staff'),
    at('/intake/bundles', 'staff'),
    at('/intake/instruments', 'staff'),
    at('/intake/instruments/:id', 'staff', instrument),
    at('/intake/ask', 'public'),
    given('/intake/partner/:token', 'public', partnerLink, 'could not make a partner link'),
    // Service mapping
    at('/mapping', 'coordinator'),
    at('/mapping/coverage', 'coordinator'),
    at('/mapping/review', 'coordinator'),
    at('/mapping/snapshots', 'coordinator'),
    given('/mapping/snapshots/compare', 'coordinator', compare, 'needs two published maps'),
    at('/mapping/snapshots/:id', 'coordinator', snapshot),
    at('/mapping/public/snapshots/:id', 'public', publicSnapshot),
    // Organizations, places, administration
    at('/organizations', 'admin'),
    at('/organizations/new', 'admin'),
    at('/organizations/:id', 'admin', organization),
    at('/organizations/:id/users', 'admin', organization),
    at('/organizations/:id/edit', 'admin', organization),
    at('/places', 'admin'),
    at('/places/:id', 'admin', durham),
    at('/admin/users', 'admin'),
    at('/admin/audit', 'admin'),
    at('/admin/api-clients', 'orgadmin'),
  ].map((p) => (p.route === '*' ? { ...p, path: '/no-such-page' } : p));
}

// ---------- one page in the browser ----------

/** Added before any page script: records when the page first shows its content (see the header). */
const CONTENT_WATCH = `(() => {
  const st = { ok: false, t: null };
  Object.defineProperty(window, '__rtContent', { value: st });
  const check = () => {
    const h1 = document.querySelector('h1');
    const ok = !!h1 && h1.checkVisibility() && (h1.textContent || '').trim() !== '' && !document.querySelector('.loading, [aria-busy="true"]');
    if (ok && !st.ok) st.t = performance.now();
    st.ok = ok;
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`;

interface Load {
  ttc: number | null;
  h1: string | null;
  dcl: number | null;
  jsDone?: number | null;
  apiDone?: number | null;
  slowestApi?: string | null;
  error?: string;
}

async function loadOnce(page: import('playwright-core').Page, url: string): Promise<Load> {
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: PAGE_TIMEOUT_MS });
    await page.waitForFunction(
      (settle) => {
        const st = (window as unknown as { __rtContent?: { ok: boolean; t: number | null } }).__rtContent;
        return !!st && st.ok && st.t !== null && performance.now() - st.t >= settle;
      },
      SETTLE_MS,
      { timeout: PAGE_TIMEOUT_MS, polling: 50 },
    );
    return await page.evaluate(() => {
      const st = (window as unknown as { __rtContent: { t: number } }).__rtContent;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const before = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.responseEnd <= st.t);
      const api = before.filter((r) => new URL(r.name).pathname.startsWith('/api/'));
      const js = before.filter((r) => r.initiatorType === 'script' || /\.m?js$/.test(new URL(r.name).pathname));
      const slowest = api.reduce<PerformanceResourceTiming | null>((a, r) => (!a || r.duration > a.duration ? r : a), null);
      return {
        ttc: st.t,
        h1: document.querySelector('h1')?.textContent?.trim() ?? null,
        dcl: nav ? nav.domContentLoadedEventEnd : null,
        jsDone: js.length ? Math.max(...js.map((r) => r.responseEnd)) : null,
        apiDone: api.length ? Math.max(...api.map((r) => r.responseEnd)) : null,
        slowestApi: slowest ? `${new URL(slowest.name).pathname} ${Math.round(slowest.duration)} ms` : null,
      };
    });
  } catch (err) {
    const h1 = await page.evaluate(() => document.querySelector('h1')?.textContent?.trim() ?? null).catch(() => null);
    const loading = await page.evaluate(() => !!document.querySelector('.loading, [aria-busy="true"]')).catch(() => null);
    return { ttc: null, h1, dcl: null, error: `no content within ${PAGE_TIMEOUT_MS} ms (h1: ${JSON.stringify(h1)}, loading indicator shown: ${loading}): ${(err as Error).message.split('\n')[0]}` };
  }
}

/** The brotli size of a file as the server sends it to a browser that accepts br (cached by URL). */
const brSizes = new Map<string, Promise<number>>();
function brSize(url: string): Promise<number> {
  let p = brSizes.get(url);
  if (!p) {
    p = new Promise<number>((resolve, reject) => {
      http
        .get(url, { headers: { 'accept-encoding': 'br' } }, (res) => {
          let n = 0;
          res.on('data', (c: Buffer) => (n += c.length));
          res.on('end', () => resolve(n));
          res.on('error', reject);
        })
        .on('error', reject);
    });
    brSizes.set(url, p);
  }
  return p;
}

async function openPage(browser: Browser, origin: string, spec: PageSpec & { path: string }, session: Session | null): Promise<PageResult> {
  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1280, height: 900 }, locale: 'en-CA' });
  try {
    if (session) await context.addCookies(session.cookies.map((c) => ({ ...c, url: origin })));
    await context.addInitScript(CONTENT_WATCH);
    const page = await context.newPage();
    const scripts: Response[] = [];
    const apiErrors: string[] = [];
    let apiCalls = 0;
    let recording = true;
    page.on('response', (r) => {
      if (!recording) return;
      const u = new URL(r.url());
      if (r.request().resourceType() === 'script') scripts.push(r);
      if (u.pathname.startsWith('/api/')) {
        apiCalls++;
        if (r.status() >= 400) apiErrors.push(`${r.status()} ${r.request().method()} ${u.pathname}`);
      }
    });
    const cold = await loadOnce(page, spec.path);
    // Late chunks (lazy imports after the heading) still count as the page's JavaScript.
    await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => undefined);
    recording = false;

    let bytes = 0;
    let br = 0;
    const encodings = new Set<string>();
    for (const r of scripts) {
      const h = await r.allHeaders().catch(() => ({}) as Record<string, string>);
      const len = Number(h['content-length']);
      bytes += Number.isFinite(len) && h['content-length'] !== undefined ? len : ((await r.request().sizes().catch(() => null))?.responseBodySize ?? 0);
      encodings.add(h['content-encoding'] ?? 'identity');
      br += await brSize(r.url());
    }

    const warm = WARM && cold.ttc !== null ? await loadOnce(page, spec.path) : null;
    return {
      route: spec.route,
      path: spec.path,
      role: spec.role,
      h1: cold.h1,
      ttc_ms: cold.ttc === null ? null : Math.round(cold.ttc),
      warm_ttc_ms: warm?.ttc == null ? null : Math.round(warm.ttc),
      dom_content_loaded_ms: cold.dcl === null ? null : Math.round(cold.dcl),
      js_done_ms: cold.jsDone == null ? null : Math.round(cold.jsDone),
      api_done_ms: cold.apiDone == null ? null : Math.round(cold.apiDone),
      slowest_api: cold.slowestApi ?? null,
      js_count: scripts.length,
      js_kb: round(bytes / 1000, 1),
      js_br_kb: round(br / 1000, 1),
      encoding: [...encodings].join('+') || '-',
      api_calls: apiCalls,
      api_errors: apiErrors,
      ...(cold.error ? { error: cold.error } : warm?.error ? { error: `warm: ${warm.error}` } : {}),
    };
  } finally {
    await context.close();
  }
}

// ---------- main ----------

const pct = (xs: number[], p: number) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function main() {
  const started = performance.now();
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`pages bench: Node ${process.version}, ${os.cpus().length} CPUs, load ${load()}`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`node scripts/ensure-chromium.mjs\` as root (the bench never downloads a browser)`);

  let t = performance.now();
  execFileSync(process.execPath, [path.join(root, 'scripts/web-build.mjs')], { cwd: root, stdio: 'inherit' });
  console.log(`  web build up to date (${Math.round(performance.now() - t)} ms)`);

  const { startServer } = await import('../src/server');
  const { loadConfig } = await import('../src/config');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-bench-pages-'));
  t = performance.now();
  const server = await startServer(loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ROUNDTABLE_DEMO: 'true', LOG_LEVEL: 'warn' }), { quiet: true });
  const origin = server.url.replace('//localhost:', '//127.0.0.1:');
  console.log(`  server with demo data on ${origin} (${Math.round(performance.now() - t)} ms; data dir ${dataDir})`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const notes: string[] = [];
  const results: PageResult[] = [];
  const skipped: { route: string; role: Role; why: string }[] = [];
  try {
    const sessions = {} as Record<Exclude<Role, 'public'>, Session>;
    for (const [role, email] of Object.entries(EMAILS)) sessions[role as Exclude<Role, 'public'>] = await signIn(origin, email);
    const pages = await pagesToOpen(sessions, notes);
    // A browser people use is already running and the server has answered before: one page load,
    // not counted, so the first measured page does not pay for starting the renderer and JIT.
    await openPage(browser, origin, { route: 'warm-up', path: '/sign-in', role: 'public' }, null);
    console.log(`  ${pages.length} pages (${browser.version()}, ${WARM ? 'cold then warm' : 'cold only'}; time to content = navigation start → h1 shown, no loading indicator)\n`);
    console.log(`  ${'page'.padEnd(46)} ${'role'.padEnd(11)} ${'cold ms'.padStart(7)} ${'warm ms'.padStart(7)} ${'JS'.padStart(3)} ${'sent KB'.padStart(8)} ${'br KB'.padStart(7)}  h1`);
    for (const spec of pages) {
      if (ONLY && !ONLY.split(',').some((o) => (spec.path ?? spec.route).includes(o))) continue;
      if (!spec.path) {
        skipped.push({ route: spec.route, role: spec.role, why: spec.why ?? 'no path' });
        console.log(`  ${spec.route.padEnd(46)} ${spec.role.padEnd(11)} skipped: ${spec.why}`);
        continue;
      }
      const r = await openPage(browser, origin, spec as PageSpec & { path: string }, spec.role === 'public' ? null : sessions[spec.role]);
      results.push(r);
      const flag = r.ttc_ms === null || r.ttc_ms > TARGETS['pages.max_ttc_ms'].max ? ' !!' : '';
      console.log(
        `  ${spec.route.padEnd(46)} ${spec.role.padEnd(11)} ${String(r.ttc_ms ?? '—').padStart(7)} ${String(r.warm_ttc_ms ?? '—').padStart(7)} ${String(r.js_count).padStart(3)} ${r.js_kb.toFixed(1).padStart(8)} ${r.js_br_kb.toFixed(1).padStart(7)}  ${JSON.stringify(r.h1)}${flag}`,
      );
      if (r.ttc_ms !== null) console.log(`      html+JS parsed ${r.dom_content_loaded_ms} · last JS ${r.js_done_ms ?? '—'} · last API answer ${r.api_done_ms ?? '—'} ms; slowest API ${r.slowest_api ?? '—'}`);
      if (r.api_errors.length) console.log(`      API answers ≥ 400: ${r.api_errors.join(', ')}`);
      if (r.error) console.log(`      !! ${r.error}`);
    }
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const measured = results.filter((r) => r.ttc_ms !== null);
  const ttcs = measured.map((r) => r.ttc_ms!);
  const warms = results.filter((r) => r.warm_ttc_ms !== null).map((r) => r.warm_ttc_ms!);
  const first = results.find((r) => r.route === '/sign-in') ?? null;
  const home = results.find((r) => r.route === '/') ?? null;
  const allScripts = [...brSizes.entries()];
  let appJsBr = 0;
  for (const [, p] of allScripts) appJsBr += await p;
  const totals = {
    pages: results.length,
    skipped: skipped.length,
    failed: results.length - measured.length,
    over_target: measured.filter((r) => r.ttc_ms! > TARGETS['pages.max_ttc_ms'].max).map((r) => `${r.route} ${r.ttc_ms}`),
    ttc_p50_ms: pct(ttcs, 50),
    ttc_p95_ms: pct(ttcs, 95),
    max_ttc_ms: ttcs.length ? Math.max(...ttcs) : null,
    slowest: measured.length ? measured.reduce((a, b) => (b.ttc_ms! > a.ttc_ms! ? b : a)).route : null,
    warm_p50_ms: pct(warms, 50),
    warm_max_ms: warms.length ? Math.max(...warms) : null,
    js_files_all_pages: allScripts.length,
    js_br_kb_all_pages: round(appJsBr / 1000, 1),
    js_br_kb_max_page: results.length ? Math.max(...results.map((r) => r.js_br_kb)) : null,
    browser_encoding: [...new Set(results.map((r) => r.encoding))].join(', '),
  };
  const figures: Record<string, number | null> = {
    'pages.max_ttc_ms': totals.max_ttc_ms,
    'pages.failed': results.length ? totals.failed : null,
    // The first page anyone opens: signed out, the app sends them to /sign-in.
    'first_page.js_br_kb': first?.js_br_kb ?? null,
    // Where they land after signing in.
    'home.js_br_kb': home?.js_br_kb ?? null,
  };
  const pass: Record<string, boolean | null> = {};
  for (const [k, target] of Object.entries(TARGETS)) pass[k] = figures[k] === null ? null : figures[k]! <= target.max;

  console.log(`\n  ${results.length} pages opened, ${skipped.length} skipped, ${totals.failed} without content within ${PAGE_TIMEOUT_MS} ms`);
  console.log(`  time to content (cold): p50 ${totals.ttc_p50_ms} ms · p95 ${totals.ttc_p95_ms} ms · max ${totals.max_ttc_ms} ms (${totals.slowest}); warm p50 ${totals.warm_p50_ms} ms · max ${totals.warm_max_ms} ms`);
  if (totals.over_target.length) console.log(`  over ${TARGETS['pages.max_ttc_ms'].max} ms: ${totals.over_target.join(', ')}`);
  if (first && home) console.log(`  first page (/sign-in): ${first.js_count} JS files, ${first.js_br_kb} KB brotli (${first.js_kb} KB as sent, ${first.encoding}); home (/): ${home.js_count} files, ${home.js_br_kb} KB brotli`);
  console.log(`  all pages together: ${totals.js_files_all_pages} distinct JS files, ${totals.js_br_kb_all_pages} KB brotli; heaviest page ${totals.js_br_kb_max_page} KB`);
  for (const n of notes) console.log(`  note: ${n}`);
  console.log('\nTargets:');
  for (const [k, target] of Object.entries(TARGETS)) console.log(`  ${k.padEnd(22)} ${String(figures[k]).padStart(8)}  (target ≤ ${target.max})  ${pass[k] === null ? 'not measured' : pass[k] ? 'PASS' : 'FAIL'}`);
  const runS = Math.round((performance.now() - started) / 1000);
  console.log(`  (bench ran ${runS} s; load ${load()})`);

  console.log(
    JSON.stringify({
      bench: 'pages',
      config: { warm: WARM, page_timeout_ms: PAGE_TIMEOUT_MS, settle_ms: SETTLE_MS, viewport: '1280x900', only: ONLY ?? null, node: process.version, cpus: os.cpus().length, load: os.loadavg().map((l) => round(l, 2)), run_s: runS },
      results: { figures, totals, first_page: first, home, pages: results, skipped },
      targets: TARGETS,
      pass,
      ...(notes.length ? { notes } : {}),
    }),
  );
}

const deadline = setTimeout(() => {
  console.error('pages bench: gave up after 10 minutes');
  process.exit(2);
}, 10 * 60_000);
deadline.unref();

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`pages bench failed: ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
