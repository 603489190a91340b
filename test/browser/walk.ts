import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/**
 * What the route walk (walk.e2e) and the form journeys share: the web
 * router's path patterns read from the sources, the demo roles, and the checks of one page.
 */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The router's path patterns, read from the sources so a new page is walked without editing a test. */
export function routerPatterns(): string[] {
  const files = [path.join(root, 'web/src/core/App.tsx'), ...fs.readdirSync(path.join(root, 'web/src/modules')).map((m) => path.join(root, 'web/src/modules', m, 'routes.tsx'))];
  const out = new Set<string>();
  for (const f of files) {
    if (!fs.existsSync(f)) continue;
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/path="([^"]+)"/g)) if (m[1] !== '*') out.add(m[1]);
  }
  return [...out];
}

const matchers = routerPatterns().map((p) => ({ p, re: new RegExp(`^${p.replace(/:[A-Za-z]+/g, '[^/]+')}$`) }));
/** The most specific pattern a path matches (literal segments beat parameters). */
export function patternOf(pathname: string): string | undefined {
  const hits = matchers.filter((m) => m.re.test(pathname)).map((m) => m.p);
  return hits.sort((a, b) => (a.match(/:/g)?.length ?? 0) - (b.match(/:/g)?.length ?? 0))[0];
}

/** Reached only with a secret link sent to a partner. */
export const NOT_WALKED = new Set(['/intake/partner/:token', '/assessments/respond/:token']);
/** No demo record links to these yet; walked when one exists. */
export const NO_DEMO_RECORD = new Set(['/data/dashboards/:id', '/strategy/plans/:id/report-cards/:cardId', '/strategy/public/report-cards/:cardId']);
/** Reached by a link handed out of the app, or past a walk's page limit; their own journeys check them. */
export const OWN_JOURNEY = new Set([
  '/assessments/rounds/:id/answer', '/assessments/public/welcoming/:id', '/assessments/surveys/:id',
  // Coordinators' pages past the walk's page limit for their role: assessments-authoring.e2e checks them at 390 px, with axe, in English and French.
  '/assessments/community-surveys', '/assessments/community-surveys/:id', '/assessments/instruments/new',
  // Only a practice's author or coordinator sees its edit link: exchange-forms.e2e edits one at 390 px with axe and checks it fits.
  '/exchange/practices/:id/edit',
  // A public snapshot's link is shared out of the app: mapping.e2e opens one anonymously at 390 px with axe and checks it fits.
  '/mapping/public/snapshots/:id',
]);

export const ROLES = [
  { role: 'admin', email: 'admin@demo.roundtable.test' },
  { role: 'staff', email: 'staff@demo.roundtable.test' },
  { role: 'coordinator', email: 'coordinator@demo.roundtable.test' },
  { role: 'member', email: 'member@demo.roundtable.test' },
  { role: 'viewer', email: 'viewer@demo.roundtable.test' },
  { role: 'orgadmin', email: 'orgadmin@demo.roundtable.test' },
  { role: 'privacy', email: 'privacy@demo.roundtable.test' },
  { role: 'partner', email: 'partner@demo.roundtable.test' },
] as const;

export async function settle(page: Page, ms = 5000) {
  await page.locator('h1').first().waitFor({ timeout: ms }).catch(() => undefined);
  await page.waitForFunction(() => !document.querySelector('.loading'), undefined, { timeout: ms }).catch(() => undefined);
}

/** Null when the page fits the window; otherwise how wide it is and the elements that stick out. */
export async function overflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const w = window.innerWidth;
    const sw = document.documentElement.scrollWidth;
    if (sw <= w) return null;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-box, .table-wrap, .visually-hidden, thead'))
      .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > w + 1))
      .slice(0, 4)
      .map((e) => `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''} "${(e.textContent ?? '').trim().slice(0, 40)}" → ${Math.round(e.getBoundingClientRect().right)}px`);
    return `${sw}px wide at ${w}px: ${culprits.join('; ')}`;
  });
}

/** Internal links on the page that lead to a router page (not the API, not downloads). */
export async function links(page: Page, scope = 'body'): Promise<string[]> {
  const hrefs = await page.$$eval(`${scope} a[href^="/"]:not([download])`, (as) => as.map((a) => a.getAttribute('href') ?? ''));
  return [...new Set(hrefs.map((h) => h.split('#')[0].split('?')[0]).filter((h) => h && !h.startsWith('/api/') && !h.startsWith('/hsds') && !/\.(pdf|csv|ics|json|xlsx)$/.test(h)))];
}

/** Switches the app's language the way the language switch does, and waits for the page again. */
export async function useLanguage(page: Page, lng: 'en' | 'fr') {
  await page.evaluate((l) => localStorage.setItem('roundtable.language', l), lng);
  await page.reload();
  await settle(page);
}

/**
 * Walks what a signed-in page can reach from home and the menu, breadth first, each route
 * pattern once, calling `visit` on each page. Returns the patterns visited.
 */
export async function walk(page: Page, visit: (url: string, pattern: string, depth: number) => Promise<void>, limit: number): Promise<Set<string>> {
  const nav = await links(page, 'nav.primary-nav');
  const queue: { url: string; depth: number }[] = [{ url: '/', depth: 0 }, ...nav.map((url) => ({ url, depth: 1 }))];
  const seen = new Set<string>();
  while (queue.length && seen.size < limit) {
    const { url, depth } = queue.shift()!;
    const pattern = patternOf(url);
    if (!pattern || seen.has(pattern) || NOT_WALKED.has(pattern)) continue;
    seen.add(pattern);
    await page.goto(url);
    await settle(page);
    await visit(url, pattern, depth);
    if (depth < 4) for (const next of await links(page, depth === 0 ? 'body' : 'main')) queue.push({ url: next, depth: depth + 1 });
  }
  return seen;
}
