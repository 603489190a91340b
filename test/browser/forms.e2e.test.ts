import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, saveScreenshot, signedInPage, startHarness, type Harness } from './helpers';

/**
 * The forms and pages the "everyday use" work touched: a form says what is missing in the
 * reader's language and moves focus to the first field at fault, confirms a success; and the
 * staff pages (audit, users, organizations, API clients, directory tools, data, collaboratives)
 * show words, never codes, at 390, 768 and 1366 px in English and French, axe clean.
 * Screenshots land in screenshots/forms (gitignored).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(root, 'screenshots/forms');
const WIDTHS = [390, 768, 1366] as const;

let h: Harness;
beforeAll(async () => {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  h = await startHarness();
}, 300_000);
afterAll(async () => {
  await h?.close();
});

/** Waits for the page's heading, its data and its last request: CI runs this beside the PostgreSQL pass, where a page can take seconds. */
async function settle(page: Page) {
  await page.locator('h1').first().waitFor({ timeout: 15_000 }).catch(() => undefined);
  await page.waitForFunction(() => !document.querySelector('.loading'), undefined, { timeout: 15_000 }).catch(() => undefined);
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
}

async function language(page: Page, lng: 'en' | 'fr') {
  await page.evaluate((l) => localStorage.setItem('roundtable.language', l), lng);
  await page.reload();
  await settle(page);
}

/** Code-like tokens (`word.word`, `snake_case`) in what the page shows. */
async function codeTokens(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.querySelector('main')?.innerText ?? '');
  const cleaned = text.replace(/\S+@\S+/g, ' ').replace(/https?:\/\/\S+/g, ' ').replace(/\b[\w-]+\.(pdf|csv|ics|json|txt|xlsx|png|svg|gz|zip)\b/gi, ' ');
  return [...new Set(cleaned.match(/\b[a-z]{2,}(?:\.[a-z_]{2,})+\b|\b[a-z]+_[a-z_]+\b/g) ?? [])];
}

async function overflow(page: Page): Promise<string | null> {
  return page.evaluate(() => (document.documentElement.scrollWidth > window.innerWidth ? `${document.documentElement.scrollWidth}px wide at ${window.innerWidth}px` : null));
}

describe('a form on the shared form library', () => {
  it('says what is missing in the reader’s language, focuses the first field at fault, and confirms success', async () => {
    const page = await signedInPage(h, 'coordinator@demo.roundtable.test');
    const res = await page.request.get(`${h.url}/api/v1/collaboratives`);
    const id = (await res.json()).items.find((c: { shortName: string }) => c.shortName === 'LDIPC').id;
    await page.goto(`/collaboratives/${id}/meetings`);
    await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
    await page.getByLabel(/^Title/).fill('Forms meeting');
    await page.getByLabel(/^Date/).fill('2031-06-14');
    await page.getByRole('button', { name: 'Schedule a meeting' }).click();
    await page.getByRole('link', { name: 'Forms meeting' }).click();
    await page.getByRole('heading', { level: 2, name: /Forms meeting/ }).waitFor();

    const assign = page.locator('form', { has: page.getByRole('heading', { name: 'Assign an action item' }) });
    await assign.getByRole('button', { name: 'Assign an action item' }).click();
    await assign.locator('.error-summary').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-title');
    expect(await assign.locator('.error-summary li').allInnerTexts()).toEqual(['Action item: Enter a value', 'Owner: Choose an option from the list.', 'Due date: Enter a value']);
    await expectAccessible(page, 'meeting with form errors');
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      expect(await overflow(page)).toBeNull();
      await saveScreenshot(assign, path.join(OUT, `form-errors-en-${width}.png`));
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    await language(page, 'fr');
    const assignFr = page.locator('form', { has: page.getByRole('heading', { name: 'Assigner un suivi' }) });
    await assignFr.locator('button[type=submit]').click();
    await assignFr.locator('.error-summary').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-title');
    const fr = await assignFr.locator('.error-summary li').allInnerTexts();
    expect(fr).toHaveLength(3);
    for (const line of fr) expect(line).not.toMatch(/Enter a value|Choose an option/);
    await saveScreenshot(assignFr, path.join(OUT, 'form-errors-fr-390.png'));

    await language(page, 'en');
    const again = page.locator('form', { has: page.getByRole('heading', { name: 'Assign an action item' }) });
    await again.getByLabel(/^Action item/).fill('Circulate the budget');
    await again.getByLabel(/^Owner/).selectOption({ index: 1 });
    await again.getByLabel(/^Due date/).fill('2031-07-01');
    await again.getByRole('button', { name: 'Assign an action item' }).click();
    await again.getByText('Action item assigned').waitFor();
    expect(await again.locator('.error-summary').count()).toBe(0);
    await page.getByText(/Circulate the budget/).first().waitFor();
    await page.context().close();
  }, 120_000);
});

/** Pages walked, as the role that uses them. `:collab`/`:meeting`/`:org` are filled from the demo data. */
const PAGES: { role: string; paths: string[] }[] = [
  { role: 'admin', paths: ['/admin/audit', '/admin/users', '/admin/api-clients', '/organizations', '/organizations/new', '/organizations/:org', '/organizations/:org/edit', '/organizations/:org/users', '/directory', '/directory/review', '/directory/import', '/directory/taxonomy', '/data', '/data/indicators', '/data/import', '/data/dashboards', '/account'] },
  { role: 'coordinator', paths: ['/collaboratives', '/collaboratives/new', '/collaboratives/my-tasks', '/collaboratives/:collab', '/collaboratives/:collab/edit', '/collaboratives/:collab/members', '/collaboratives/:collab/meetings', '/collaboratives/:collab/meetings/:meeting', '/collaboratives/:collab/documents', '/collaboratives/:collab/funding', '/collaboratives/:collab/engagement'] },
];

describe('the pages this work owns show words, not codes, at three widths in both languages', () => {
  for (const { role, paths } of PAGES) {
    it(`as ${role}`, async () => {
      const found: string[] = [];
      const page = await signedInPage(h, `${role}@demo.roundtable.test`);
      const collabs = (await (await page.request.get(`${h.url}/api/v1/collaboratives`)).json()).items as { id: string; shortName: string }[];
      const collab = collabs.find((c) => c.shortName === 'LDIPC')?.id ?? collabs[0]?.id;
      const meetings = collab ? ((await (await page.request.get(`${h.url}/api/v1/collaboratives/${collab}/meetings`)).json()).items ?? []) : [];
      const orgs = (await (await page.request.get(`${h.url}/api/v1/organizations`)).json()).items ?? [];
      const fill = (p: string) => p.replace(':collab', collab ?? '').replace(':meeting', meetings[0]?.id ?? '').replace(':org', orgs[0]?.id ?? '');
      for (const lng of ['en', 'fr'] as const) {
        for (const p of paths) {
          const url = fill(p);
          await page.setViewportSize({ width: 1366, height: 900 });
          await page.goto(url);
          if (lng === 'fr') await language(page, 'fr');
          await settle(page);
          const codes = await codeTokens(page);
          if (codes.length) found.push(`${role} ${lng} ${p}: ${codes.join(', ')}`);
          for (const width of WIDTHS) {
            await page.setViewportSize({ width, height: 900 });
            // A layout that follows the width (charts redraw on ResizeObserver) settles within a
            // few frames, more on a loaded machine: an overflow must be gone within seconds.
            await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, undefined, { timeout: 5000, polling: 'raf' }).catch(() => undefined);
            const o = await overflow(page);
            if (o) found.push(`${role} ${lng} ${p}: ${o}`);
            await saveScreenshot(page, path.join(OUT, `${role}-${lng}${p.replace(/[^a-zA-Z0-9]+/g, '_')}-${width}.png`), { fullPage: width !== 1366 });
          }
          if (lng === 'en') {
            try {
              await expectAccessible(page, `${role} ${p}`);
            } catch (e) {
              found.push(`${role} ${p}: axe ${String(e).split('\n')[0]}`);
            }
          }
        }
        if (lng === 'fr') await language(page, 'en');
      }
      await page.context().close();
      // Joined, so the first line of a failure (all a long CI log's summary keeps) says what was found.
      expect(found.join(' | ')).toBe('');
    }, 600_000);
  }
});
