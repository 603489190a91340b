import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, saveScreenshot, SCREENSHOTS, signedInPage, startHarness, type Harness } from './helpers';
import { NO_DEMO_RECORD, NOT_WALKED, overflow, OWN_JOURNEY, patternOf, ROLES, root, routerPatterns, settle, links } from './walk';

/**
 * The route walk: every route of the web router, as each demo role that uses it, each page
 * opened once and read in three languages without reloading it:
 * - English at 390, 768 and 1366 px: the page never scrolls sideways, axe finds nothing
 *   serious (once per route), no code-like token (`word.word`, `snake_case`) on the routes
 *   cleared of them, and the menu never leads to a page the role may not open;
 * - French at 390 px, where longer words are likeliest to push a page sideways;
 * - a pseudo language generated from en.json (web/src/core/pseudo.ts: letters accented, every
 *   string in ⟦ ⟧): visible text outside the brackets did not go through i18n, unless it is
 *   data (every string the page's API answers carried), a number, a date or an address. What
 *   remains is listed by route in screenshots/walk/untranslated.txt; routes in I18N_CLEAN must
 *   have none.
 * Screenshots (English at 390 px whole page and 1366 px, French at 390 px whole page) land in
 * screenshots/walk (gitignored) to be looked at, when screenshots are on (not in CI unless
 * RT_SCREENSHOTS=1: helpers.ts); the checks are the same either way.
 */
const OUT = path.join(root, 'screenshots/walk');
let screenshotMs = 0;
async function screenshot(page: Page, file: string, fullPage: boolean) {
  const started = Date.now();
  await saveScreenshot(page, file, { fullPage });
  screenshotMs += Date.now() - started;
}
const WIDTHS = [1366, 768, 390] as const;

/** Routes whose text has been cleared of codes; a code found on them fails the walk. */
const CODE_FREE = new Set(['/', '/privacy', '/intake/ask', '/account', '/collaboratives/:id/meetings/:meetingId', '/strategy', '/data', '/admin/audit', '/admin/api-clients', '/admin/users', '/data/indicators', '/organizations', '/organizations/:id', '/collaboratives', '/collaboratives/:id', '/collaboratives/:id/members', '/collaboratives/:id/meetings', '/directory/taxonomy']);
/** Routes whose every visible string goes through i18n; a leak on them fails the walk. */
const I18N_CLEAN = new Set(['/collaboratives/:id/meetings/:meetingId', '/admin/audit', '/admin/api-clients']);

let h: Harness;
beforeAll(async () => {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  h = await startHarness();
}, 300_000);
afterAll(async () => {
  // Written here too, so a walk of one role (-t) leaves its list behind.
  if (leaks.length) fs.writeFileSync(path.join(OUT, 'untranslated.txt'), leaks.join('\n') + '\n');
  await h?.close();
});

/** Switches the running app's language in place, as the language switch does, and waits for the page. */
async function switchLanguage(page: Page, lng: 'en' | 'fr' | 'en-XA') {
  await page.evaluate(async (l) => {
    await (window as unknown as { roundtableI18n: { changeLanguage(l: string): Promise<unknown> } }).roundtableI18n.changeLanguage(l);
  }, lng);
  await page.waitForFunction((l) => document.documentElement.lang === l, lng, { timeout: 5000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForFunction(() => !document.querySelector('.loading'), undefined, { timeout: 5000 }).catch(() => undefined);
}

/**
 * Overflow once the page has had a moment to lay itself out again: charts follow their box
 * through a ResizeObserver a frame or two after the window changes width.
 */
async function settledOverflow(page: Page): Promise<string | null> {
  await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, undefined, { timeout: 1500, polling: 'raf' }).catch(() => undefined);
  return overflow(page);
}

async function codeTokens(page: Page): Promise<string[]> {
  // Text marked as code (<code>, <kbd>, <samp>: a term's code on the taxonomy admin page) is
  // shown as a code on purpose and not counted.
  const text = await page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return '';
    const marked = [...main.querySelectorAll<HTMLElement>('code, kbd, samp')];
    const before = marked.map((el) => el.style.display);
    for (const el of marked) el.style.display = 'none';
    const out = main.innerText;
    marked.forEach((el, i) => (el.style.display = before[i]));
    return out;
  });
  const cleaned = text.replace(/\S+@\S+/g, ' ').replace(/https?:\/\/\S+/g, ' ').replace(/\b[\w-]+\.(pdf|csv|ics|json|txt|xlsx|png|svg|gz|zip)\b/gi, ' ');
  // Segments of two letters or more, so "a.m." and "e.g." are not taken for codes.
  return [...new Set(cleaned.match(/\b[a-z]{2,}(?:\.[a-z_]{2,})+\b|\b[a-z]+_[a-z_]+\b/g) ?? [])];
}

/**
 * Names the browser's Intl gives, not i18n: languages (in English and in themselves) and
 * weekdays. The pseudo language has no Intl locale, so they show in English and are data here.
 */
function intlNames(): Set<string> {
  const out = new Set<string>();
  const english = new Intl.DisplayNames(['en'], { type: 'language' });
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (const a of letters)
    for (const b of letters) {
      const code = a + b;
      const name = english.of(code);
      if (!name || name === code) continue;
      out.add(name);
      try {
        const own = new Intl.DisplayNames([code], { type: 'language' }).of(code);
        if (own) out.add(own);
      } catch {
        /* no locale data for it */
      }
    }
  // Three-letter codes (fil, yue…), English names only.
  for (const a of letters) for (const b of letters) for (const c of letters) {
    const name = english.of(a + b + c);
    if (name && name !== a + b + c) out.add(name);
  }
  for (let d = 0; d < 7; d++) out.add(new Intl.DateTimeFormat('en', { weekday: 'long' }).format(new Date(Date.UTC(2026, 0, 4 + d, 12))));
  return out;
}
const INTL_NAMES = intlNames();

/** Every string value in a JSON document. */
function strings(v: unknown, out: Set<string>) {
  if (typeof v === 'string') {
    if (v.trim().length > 1) out.add(v.trim());
  } else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
}

/** Visible text of the page's main region that is neither bracketed pseudo text nor data. */
async function untranslated(page: Page, data: Set<string>): Promise<string[]> {
  const joined = await page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return '';
    const out: string[] = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('script, style, svg, .visually-hidden, [hidden], select, textarea')) continue;
      if (!el.checkVisibility()) continue;
      out.push(n.textContent ?? '');
    }
    // Text nodes of one element joined, so "⟦…⟧" split by markup stays whole.
    return out.join('\u0000');
  });
  // Addresses and shortened record ids first: a short data string ("local", "e1") must not
  // break a URL or an id into pieces.
  let rest = joined
    .replace(/⟦[^⟧]*⟧/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\b[0-9a-f]{4,}…/g, ' ');
  for (const d of [...data].sort((a, b) => b.length - a.length)) if (rest.includes(d)) rest = rest.split(d).join(' ');
  rest = rest
    .replace(/\S+@\S+/g, ' ')
    .replace(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\b/g, ' ')
    .replace(/\b(a\.m\.|p\.m\.|AM|PM)/g, ' ');
  const found = new Set<string>();
  for (const piece of rest.split('\u0000')) {
    const s = piece.trim();
    if (/[A-Za-z]{2,}/.test(s)) found.add(s.slice(0, 80));
  }
  return [...found];
}

const problems: string[] = [];
const codes = new Map<string, Set<string>>();
const leaks: string[] = [];
const visited = new Map<string, Set<string>>(); // pattern → roles

/** The checks of one page, in pseudo language (as loaded), then English, then French. */
async function check(page: Page, role: string, url: string, pattern: string, depth: number, data: Set<string>, pending: { count: number }) {
  // The API answers' strings are data: wait until every answer the page received has been read.
  for (let i = 0; i < 100 && pending.count > 0; i++) await new Promise((r) => setTimeout(r, 20));
  const shot = (suffix: string) => path.join(OUT, `${role}${url.replace(/[^a-zA-Z0-9]+/g, '_')}-${suffix}.png`);
  const found = await untranslated(page, data);
  if (found.length) {
    leaks.push(`${role} ${pattern}: ${found.join(' | ')}`);
    if (I18N_CLEAN.has(pattern)) problems.push(`${role} ${pattern} did not go through i18n: ${found.join(' | ')}`);
  }

  await switchLanguage(page, 'en');
  const forbidden = await page.getByText(/You do not have access to this page|Your account does not have permission/).count();
  if (forbidden && depth === 1) problems.push(`${role}: the menu entry ${url} leads to a page they may not open`);
  const tokens = await codeTokens(page);
  if (tokens.length) codes.set(pattern, new Set([...(codes.get(pattern) ?? []), ...tokens]));
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const o = await settledOverflow(page);
    if (o) problems.push(`${role} ${url}: ${o}`);
    if (width !== 768) await screenshot(page, shot(`${width}`), width === 390);
  }
  if (!visited.has(pattern)) visited.set(pattern, new Set());
  const roles = visited.get(pattern)!;
  roles.add(role);
  if (roles.size === 1) {
    try {
      await expectAccessible(page, `${role} ${url} at 390 px`);
    } catch (e) {
      problems.push(`${role} ${url}: axe ${String(e).split('\n')[0]}`);
    }
  }

  await switchLanguage(page, 'fr');
  const fr = await settledOverflow(page);
  if (fr) problems.push(`${role} ${url} in French: ${fr}`);
  await screenshot(page, shot('fr-390'), true);
}

describe('every page as each role: 390, 768 and 1366 px, French, and a pseudo language', () => {
  for (const { role, email } of ROLES) {
    // Two roles at a time (maxConcurrency of the browser project), each in its own page.
    it.concurrent(`walks what ${role} can reach`, async () => {
      const page = await signedInPage(h, email, { width: 390, height: 900 });
      await page.evaluate(() => localStorage.setItem('roundtable.pseudo', '1'));
      await page.reload();
      await settle(page);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-XA');
      const data = new Set<string>(INTL_NAMES);
      /** API answers whose JSON is still being read for data strings. */
      const pending = { count: 0 };
      page.on('response', async (r) => {
        if (!r.url().includes('/api/') || !(r.headers()['content-type'] ?? '').includes('json')) return;
        pending.count++;
        try {
          strings(await r.json(), data);
        } catch {
          /* not JSON after all */
        } finally {
          pending.count--;
        }
      });
      const nav = await links(page, 'nav.primary-nav');
      const queue: { url: string; depth: number }[] = [{ url: '/', depth: 0 }, ...nav.map((url) => ({ url, depth: 1 }))];
      const seen = new Set<string>();
      const limit = role === 'admin' || role === 'staff' ? 80 : 30;
      while (queue.length && seen.size < limit) {
        const { url, depth } = queue.shift()!;
        const pattern = patternOf(url);
        if (!pattern || seen.has(pattern) || NOT_WALKED.has(pattern)) continue;
        seen.add(pattern);
        await page.setViewportSize({ width: 390, height: 900 });
        await page.goto(url);
        await settle(page);
        await check(page, role, url, pattern, depth, data, pending);
        if (depth < 4) for (const next of await links(page, depth === 0 ? 'body' : 'main')) queue.push({ url: next, depth: depth + 1 });
      }
      await page.context().close();
    }, 900_000);
  }

  it('reached every route of the router and found nothing wrong', () => {
    const missed = routerPatterns().filter((p) => !visited.has(p) && !NOT_WALKED.has(p) && !NO_DEMO_RECORD.has(p) && !OWN_JOURNEY.has(p) && p !== '/sign-in');
    console.log(`walked ${visited.size} routes; ${SCREENSHOTS ? `screenshots in ${OUT} (${Math.round(screenshotMs / 1000)} s taking them)` : 'no screenshots (off in CI or with RT_SCREENSHOTS=0; RT_SCREENSHOTS=1 takes them)'}`);
    fs.writeFileSync(path.join(OUT, 'code-tokens.txt'), [...codes].map(([route, found]) => `${route}: ${[...found].join(', ')}`).join('\n') + '\n');
    fs.writeFileSync(path.join(OUT, 'untranslated.txt'), leaks.join('\n') + '\n');
    for (const [route, found] of codes) if (CODE_FREE.has(route)) problems.push(`${route} shows codes instead of words: ${[...found].join(', ')}`);
    expect({ missed, problems }).toEqual({ missed: [], problems: [] });
  });
});
