import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInPage, startHarness, type Harness } from './helpers';
import { NO_DEMO_RECORD, NOT_WALKED, OWN_JOURNEY, ROLES, root, routerPatterns, settle, walk } from './walk';

/**
 * The pseudo-locale test. The app is switched to a pseudo language generated from en.json at
 * run time (web/src/core/pseudo.ts: letters accented, every string in ⟦ ⟧) and each page of the
 * router is walked. Visible text outside the brackets did not go through i18n, unless it is
 * data: every string the page's API answers carried is taken as data (names, descriptions,
 * motions…), as are numbers, dates and e-mail addresses. What remains is listed by route in
 * screenshots/pseudo/untranslated.txt; routes in CLEAN must have none. Every route of the
 * web router is reached, as each demo role that uses it (the same walk as the responsive tests).
 */
const OUT = path.join(root, 'screenshots/pseudo');

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
    // Addresses first: a short data string ("local") must not break a URL into pieces.
    let rest = t.replace(/⟦[^⟧]*⟧/g, ' ').replace(/https?:\/\/\S+/g, ' ');
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

const visited = new Set<string>();

describe('a pseudo language shows every string that did not go through i18n', () => {
  const report: string[] = [];
  for (const { role, email } of ROLES) {
    it(`walks what ${role} can reach`, async () => {
      const failures: string[] = [];
      const page = await signedInPage(h, email);
      await page.evaluate(() => localStorage.setItem('roundtable.pseudo', '1'));
      await page.reload();
      await settle(page);
      const data = new Set<string>();
      page.on('response', async (r) => {
        if (!r.url().includes('/api/') || !(r.headers()['content-type'] ?? '').includes('json')) return;
        try {
          strings(await r.json(), data);
        } catch {
          /* not JSON after all */
        }
      });
      let walked = 0;
      const seen = await walk(
        page,
        async (url, pattern) => {
          walked++;
          await page.waitForTimeout(200);
          const found = await leaks(page, data);
          if (found.length) {
            report.push(`${role} ${pattern}: ${found.join(' | ')}`);
            if (CLEAN.has(pattern)) failures.push(`${pattern}: ${found.join(' | ')}`);
          }
          if (walked <= 3) await page.screenshot({ path: path.join(OUT, `${role}${url.replace(/[^a-zA-Z0-9]+/g, '_')}.png`) });
        },
        role === 'admin' || role === 'staff' ? 80 : 30,
      );
      for (const p of seen) visited.add(p);
      await page.context().close();
      fs.writeFileSync(path.join(OUT, 'untranslated.txt'), report.join('\n') + '\n');
      expect(failures).toEqual([]);
    }, 600_000);
  }

  it('reached every route of the web router', () => {
    const missed = routerPatterns().filter((p) => !visited.has(p) && !NOT_WALKED.has(p) && !NO_DEMO_RECORD.has(p) && !OWN_JOURNEY.has(p) && p !== '/sign-in');
    expect(missed).toEqual([]);
  });
});
