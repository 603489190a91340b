import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPage, screenshot, signedInPage, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const COORDINATOR = 'coordinator@demo.roundtable.test';

describe('service mapping (coordinator journeys)', () => {
  it('walks the inventory, the coverage map, the review queue and a snapshot; the public page is readable signed out', async () => {
    const page = await signedInPage(h, COORDINATOR);
    await page.goto('/mapping');
    await page.getByRole('heading', { level: 1, name: 'Service mapping' }).waitFor();
    await page.getByRole('rowheader', { name: /Durham Poverty Reduction Network/ }).waitFor();
    await page.getByRole('heading', { name: 'Who sits where' }).waitFor();
    await page.getByRole('heading', { name: 'Mandates that may overlap' }).waitFor();
    await expectAccessible(page, 'mapping inventory');

    // add a table by hand
    await page.getByRole('button', { name: 'Add a table' }).click();
    await page.getByLabel(/^Name/).fill('Oshawa Housing Help Table');
    await page.getByLabel('Housing', { exact: true }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('rowheader', { name: /Oshawa Housing Help Table/ }).waitFor();

    // coverage: heatmap, a domain's map with its table beside it
    await page.getByRole('link', { name: 'Coverage' }).click();
    await page.getByRole('heading', { level: 1, name: 'Coverage: needs and services by place' }).waitFor();
    await page.getByRole('table', { name: /Services per 10,000 residents by need domain and municipality/ }).waitFor();
    await page.getByRole('button', { name: 'Housing' }).click();
    await page.getByRole('table', { name: 'Housing: supply and demand by municipality' }).waitFor();
    expect(await page.locator('.mapping-map path').count()).toBe(8);
    await expectAccessible(page, 'mapping coverage');
    await screenshot(page, 'mapping-coverage');

    // review: answer one open question
    await page.getByRole('link', { name: 'Gaps and overlaps' }).click();
    await page.getByRole('heading', { level: 1, name: /Gaps and overlaps/ }).waitFor();
    const first = page.locator('.mapping-question').first();
    await first.getByLabel('Not a gap').check();
    await first.getByLabel(/^Why/).fill('Served from the next town over; checked with the workers.');
    await first.getByRole('button', { name: 'Save the answer' }).click();
    await page.getByLabel('Show').selectOption('labelled');
    await page.getByText('Served from the next town over; checked with the workers.').waitFor();
    await expectAccessible(page, 'mapping review');

    // publish a snapshot, share it, read it signed out
    await page.getByRole('link', { name: 'Published maps' }).click();
    await page.getByLabel(/^Title/).fill('Durham map, browser test');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('heading', { level: 1, name: 'Durham map, browser test' }).waitFor();
    await page.getByText('Served from the next town over; checked with the workers.').waitFor();
    await page.getByRole('button', { name: 'Share by public link' }).click();
    await page.getByRole('link', { name: 'Public page' }).waitFor();
    await expectAccessible(page, 'mapping snapshot');
    const url = new URL(page.url());
    const id = url.pathname.split('/').pop();

    const anon = await newPage(h, { width: 390, height: 844 });
    await anon.goto(`/mapping/public/snapshots/${id}`);
    await anon.getByRole('heading', { level: 1, name: 'Durham map, browser test' }).waitFor();
    await expectAccessible(anon, 'mapping public snapshot (390 px)');
    expect(await anon.evaluate(() => document.documentElement.scrollWidth), 'the public snapshot fits a phone').toBeLessThanOrEqual(390);
    await screenshot(anon, 'mapping-public-snapshot');
  });
});
