import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInPage, startHarness, type Harness } from './helpers';
import { NO_DEMO_RECORD, NOT_WALKED, overflow, OWN_JOURNEY, ROLES, root, routerPatterns, useLanguage, walk } from './walk';

/**
 * The responsive walk in French, at a phone's width only: French runs longer than English
 * (“Indicateurs communautaires” where English says “Indicators”), so a page that fits in
 * English can still scroll sideways in French. Every route of the web router, as each demo
 * role that uses it, at 390 px: the page never scrolls sideways. The English walk
 * (responsive.e2e) covers the three widths and axe; this one keeps to what French changes, to
 * keep CI time down. Screenshots land in screenshots/responsive-fr (gitignored).
 */
const OUT = path.join(root, 'screenshots/responsive-fr');
const WIDTH = 390;

let h: Harness;
beforeAll(async () => {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  h = await startHarness();
}, 300_000);
afterAll(async () => {
  await h?.close();
});

const problems: string[] = [];
const visited = new Set<string>();

describe('every page in French at 390 px, as each role', () => {
  for (const { role, email } of ROLES) {
    it(`walks what ${role} can reach, in French`, async () => {
      const page = await signedInPage(h, email, { width: WIDTH, height: 900 });
      await useLanguage(page, 'fr');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
      const seen = await walk(
        page,
        async (url) => {
          await page.waitForTimeout(50);
          const o = await overflow(page);
          if (o) problems.push(`${role} ${url}: ${o}`);
          await page.screenshot({ path: path.join(OUT, `${role}${url.replace(/[^a-zA-Z0-9]+/g, '_')}-fr-${WIDTH}.png`), fullPage: true });
        },
        role === 'admin' || role === 'staff' ? 80 : 30,
      );
      for (const p of seen) visited.add(p);
      await page.context().close();
    }, 600_000);
  }

  it('reached every route of the router and none scrolls sideways in French', () => {
    const missed = routerPatterns().filter((p) => !visited.has(p) && !NOT_WALKED.has(p) && !NO_DEMO_RECORD.has(p) && !OWN_JOURNEY.has(p) && p !== '/sign-in');
    console.log(`walked ${visited.size} routes in French at ${WIDTH} px; screenshots in ${OUT}`);
    expect({ missed, problems }).toEqual({ missed: [], problems: [] });
  });
});
