import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, signedInPage, startHarness, type Harness } from './helpers';
import { NO_DEMO_RECORD, NOT_WALKED, OWN_JOURNEY, patternOf, ROLES, routerPatterns } from './walk';

/**
 * Every route of the web router, as each demo role that uses it, at a phone, a tablet and a
 * laptop width: the page never scrolls sideways, axe finds nothing serious, the menu never
 * leads to a page the role may not open, and screenshots at 390 px (the whole page) and 1366 px
 * land in screenshots/responsive (gitignored) to be looked at.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(root, 'screenshots/responsive');
const WIDTHS = [390, 768, 1366] as const;

const patterns = routerPatterns();

let h: Harness;
beforeAll(async () => {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function settle(page: Page) {
  await page.locator('h1').first().waitFor({ timeout: 5000 }).catch(() => undefined);
  await page.waitForFunction(() => !document.querySelector('.loading'), undefined, { timeout: 5000 }).catch(() => undefined);
}

async function overflow(page: Page) {
  return page.evaluate(() => {
    const w = window.innerWidth;
    const sw = document.documentElement.scrollWidth;
    if (sw <= w) return null;
    const culprits = [...document.querySelectorAll('main *')]
      .filter((e) => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-box, .table-wrap, .visually-hidden, thead'))
      .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > w + 1))
      .slice(0, 4)
      .map((e) => `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''} → ${Math.round(e.getBoundingClientRect().right)}px`);
    return `${sw}px wide at ${w}px: ${culprits.join('; ')}`;
  });
}

/** Internal links on the page that lead to a router page (not the API, not downloads). */
async function links(page: Page, scope = 'body'): Promise<string[]> {
  const hrefs = await page.$$eval(`${scope} a[href^="/"]:not([download])`, (as) => as.map((a) => a.getAttribute('href') ?? ''));
  return [...new Set(hrefs.map((h) => h.split('#')[0].split('?')[0]).filter((h) => h && !h.startsWith('/api/') && !h.startsWith('/hsds') && !/\.(pdf|csv|ics|json|xlsx)$/.test(h)))];
}

const problems: string[] = [];
/** Code-like tokens (`word.word`, `snake_case`) in what a page shows, by route. */
const codes = new Map<string, Set<string>>();
/** Routes whose text has been cleared of codes; a code found on them fails the walk. */
const CODE_FREE = new Set(['/', '/privacy', '/intake/ask', '/account', '/collaboratives/:id/meetings/:meetingId', '/strategy', '/data', '/admin/audit', '/admin/api-clients', '/admin/users', '/data/indicators', '/organizations', '/organizations/:id', '/collaboratives', '/collaboratives/:id', '/collaboratives/:id/members', '/collaboratives/:id/meetings']);

async function codeTokens(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.querySelector('main')?.innerText ?? '');
  const cleaned = text.replace(/\S+@\S+/g, ' ').replace(/https?:\/\/\S+/g, ' ').replace(/\b[\w-]+\.(pdf|csv|ics|json|txt|xlsx|png|svg|gz|zip)\b/gi, ' ');
  // Segments of two letters or more, so "a.m." and "e.g." are not taken for codes.
  return [...new Set(cleaned.match(/\b[a-z]{2,}(?:\.[a-z_]{2,})+\b|\b[a-z]+_[a-z_]+\b/g) ?? [])];
}
const visited = new Map<string, Set<string>>(); // pattern → roles

async function check(page: Page, role: string, url: string, withAxe: boolean) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(50);
    const o = await overflow(page);
    if (o) problems.push(`${role} ${url}: ${o}`);
    if (width === 768) continue; // checked for overflow; the phone and laptop pictures are the ones people read
    const name = `${role}${url.replace(/[^a-zA-Z0-9]+/g, '_')}-${width}.png`;
    await page.screenshot({ path: path.join(OUT, name), fullPage: width === 390 });
  }
  if (withAxe) {
    await page.setViewportSize({ width: 390, height: 900 });
    try {
      await expectAccessible(page, `${role} ${url} at 390 px`);
    } catch (e) {
      problems.push(`${role} ${url}: axe ${String(e).split('\n')[0]}`);
    }
  }
}

describe('every page at 390, 768 and 1366 px, as each role', () => {
  for (const { role, email } of ROLES) {
    it(`walks what ${role} can reach`, async () => {
      const page = await signedInPage(h, email);
      await settle(page);
      // The menu: every entry opens without a "not allowed" page.
      const nav = await links(page, 'nav.primary-nav');
      const queue: { url: string; depth: number }[] = [{ url: '/', depth: 0 }, ...nav.map((url) => ({ url, depth: 1 }))];
      const seen = new Set<string>();
      const limit = role === 'admin' || role === 'staff' ? 80 : 30;
      let walked = 0;
      while (queue.length && walked < limit) {
        const { url, depth } = queue.shift()!;
        const pattern = patternOf(url);
        if (!pattern || seen.has(pattern) || NOT_WALKED.has(pattern)) continue;
        seen.add(pattern);
        walked++;
        await page.setViewportSize({ width: 1366, height: 900 });
        await page.goto(url);
        await settle(page);
        const forbidden = await page.getByText(/You do not have access to this page|Your account does not have permission/).count();
        if (forbidden && depth === 1) problems.push(`${role}: the menu entry ${url} leads to a page they may not open`);
        const found = await codeTokens(page);
        if (found.length) codes.set(pattern, new Set([...(codes.get(pattern) ?? []), ...found]));
        if (!visited.has(pattern)) visited.set(pattern, new Set());
        visited.get(pattern)!.add(role);
        await check(page, role, url, visited.get(pattern)!.size === 1);
        if (depth < 4) for (const next of await links(page, depth === 0 ? 'body' : 'main')) queue.push({ url: next, depth: depth + 1 });
      }
      await page.context().close();
    }, 600_000);
  }

  it('reached every route of the router and found nothing wrong', () => {
    const missed = patterns.filter((p) => !visited.has(p) && !NOT_WALKED.has(p) && !NO_DEMO_RECORD.has(p) && !OWN_JOURNEY.has(p) && p !== '/sign-in');
    console.log(`walked ${visited.size} routes; screenshots in ${OUT}`);
    const report = [...codes].map(([route, found]) => `${route}: ${[...found].join(', ')}`);
    fs.writeFileSync(path.join(OUT, 'code-tokens.txt'), report.join('\n') + '\n');
    for (const [route, found] of codes) if (CODE_FREE.has(route)) problems.push(`${route} shows codes instead of words: ${[...found].join(', ')}`);
    expect({ missed, problems }).toEqual({ missed: [], problems: [] });
  });
});
