import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInPage, startHarness, type Harness } from './helpers';

/**
 * The pseudo-locale test. The app is switched to a pseudo language generated from en.json at
 * run time (web/src/core/pseudo.ts: letters accented, every string in ⟦ ⟧) and each page of the
 * router is walked. Visible text outside the brackets did not go through i18n, unless it is
 * data: every string the page's API answers carried is taken as data (names, descriptions,
 * motions…), as are numbers, dates and e-mail addresses. What remains is listed by route in
 * screenshots/pseudo/untranslated.txt; routes in CLEAN must have none.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(root, 'screenshots/pseudo');

function routerPatterns(): string[] {
  const files = [path.join(root, 'web/src/core/App.tsx'), ...fs.readdirSync(path.join(root, 'web/src/modules')).map((m) => path.join(root, 'web/src/modules', m, 'routes.tsx'))];
  const out = new Set<string>();
  for (const f of files) if (fs.existsSync(f)) for (const m of fs.readFileSync(f, 'utf8').matchAll(/path="([^"]+)"/g)) if (m[1] !== '*') out.add(m[1]);
  return [...out];
}
const matchers = routerPatterns().map((p) => ({ p, re: new RegExp(`^${p.replace(/:[A-Za-z]+/g, '[^/]+')}$`) }));
const patternOf = (pathname: string) => matchers.filter((m) => m.re.test(pathname)).map((m) => m.p).sort((a, b) => (a.match(/:/g)?.length ?? 0) - (b.match(/:/g)?.length ?? 0))[0];

/** Routes whose every visible string goes through i18n; a leak on them fails the test. */
const CLEAN = new Set(['/collaboratives/:id/meetings/:meetingId', '/admin/audit', '/admin/api-clients']);

let h: Harness;
beforeAll(async () => {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  h = await startHarness();
}, 300_000);
afterAll(async () => {
  await h?.close();
});

/** Every string value in a JSON document. */
function strings(v: unknown, out: Set<string>) {
  if (typeof v === 'string') {
    if (v.trim().length > 1) out.add(v.trim());
  } else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
}

async function leaks(page: Page, data: Set<string>): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return [];
    const out: string[] = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('script, style, svg, .visually-hidden, [hidden], select, textarea')) continue;
      if (!el.checkVisibility()) continue;
      out.push(n.textContent ?? '');
    }
    // Join text nodes of one element, so "⟦…⟧" split by markup stays whole.
    return [out.join('\u0000')];
  });
  const found = new Set<string>();
  const sorted = [...data].sort((a, b) => b.length - a.length);
  for (const t of texts) {
    let rest = t.replace(/⟦[^⟧]*⟧/g, ' ');
    for (const d of sorted) if (rest.includes(d)) rest = rest.split(d).join(' ');
    rest = rest
      .replace(/\S+@\S+/g, ' ')
      // Record ids, shortened for display: data.
      .replace(/\b[0-9a-f]{4,}…/g, ' ')
      .replace(/https?:\/\/\S+/g, ' ')
      .replace(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\b/g, ' ')
      .replace(/\b(a\.m\.|p\.m\.|AM|PM)/g, ' ');
    for (const piece of rest.split('\u0000')) {
      const s = piece.trim();
      if (/[A-Za-z]{2,}/.test(s)) found.add(s.slice(0, 80));
    }
  }
  return [...found];
}

describe('a pseudo language shows every string that did not go through i18n', () => {
  const report: string[] = [];
  for (const email of ['admin@demo.roundtable.test', 'coordinator@demo.roundtable.test']) {
    it(`walks what ${email.split('@')[0]} can reach`, async () => {
      const failures: string[] = [];
      const page = await signedInPage(h, email);
      await page.evaluate(() => localStorage.setItem('roundtable.pseudo', '1'));
      const data = new Set<string>();
      page.on('response', async (r) => {
        if (!r.url().includes('/api/') || !(r.headers()['content-type'] ?? '').includes('json')) return;
        try {
          strings(await r.json(), data);
        } catch {
          /* not JSON after all */
        }
      });
      const queue = ['/'];
      const seen = new Set<string>();
      let walked = 0;
      while (queue.length && walked < 45) {
        const url = queue.shift()!;
        const pattern = patternOf(url);
        if (!pattern || seen.has(pattern) || pattern === '/intake/partner/:token') continue;
        seen.add(pattern);
        walked++;
        await page.goto(url);
        await page.locator('h1').first().waitFor({ timeout: 8000 }).catch(() => undefined);
        await page.waitForFunction(() => !document.querySelector('.loading'), undefined, { timeout: 8000 }).catch(() => undefined);
        await page.waitForTimeout(200);
        const found = await leaks(page, data);
        if (found.length) {
          report.push(`${email.split('@')[0]} ${pattern}: ${found.join(' | ')}`);
          if (CLEAN.has(pattern)) failures.push(`${pattern}: ${found.join(' | ')}`);
        }
        if (walked <= 3) await page.screenshot({ path: path.join(OUT, `${email.split('@')[0]}${url.replace(/[^a-zA-Z0-9]+/g, '_')}.png`) });
        const hrefs = await page.$$eval('a[href^="/"]:not([download])', (as) => as.map((a) => a.getAttribute('href') ?? ''));
        for (const href of hrefs) {
          const p = href.split('#')[0].split('?')[0];
          if (p && !p.startsWith('/api/') && !p.startsWith('/hsds') && !/\.(pdf|csv|ics|json)$/.test(p)) queue.push(p);
        }
      }
      await page.context().close();
      fs.writeFileSync(path.join(OUT, 'untranslated.txt'), report.join('\n') + '\n');
      expect(failures).toEqual([]);
    }, 600_000);
  }
});
