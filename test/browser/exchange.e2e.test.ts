import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, signedInPage, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const COORDINATOR = 'coordinator@demo.roundtable.test';
const SERVED_TABLE = 'Newcomers served by settlement services: values by collaborative and period';

describe('knowledge exchange (Durham coordinator journeys)', () => {
  it('revokes and shares an indicator, then sees the comparison in small multiples with its table, faceted by community type', async () => {
    const page = await signedInPage(h, COORDINATOR, { width: 390, height: 844 });
    await page.goto('/exchange');
    await page.getByRole('heading', { level: 1, name: 'Knowledge exchange' }).waitFor();
    await page.getByRole('link', { name: 'Ontario LIP Network (demo)' }).click();

    await page.getByRole('heading', { level: 1, name: 'Comparison' }).waitFor();
    await page.getByRole('table', { name: SERVED_TABLE }).waitFor();
    expect(await page.locator('.exchange-panel').count()).toBe(4 + 3);
    // Huron County's small count for 2021 is suppressed.
    await page.getByRole('table', { name: SERVED_TABLE }).getByRole('cell', { name: '<5' }).first().waitFor();
    await expectAccessible(page, 'exchange comparison (390 px)');
    await screenshot(page, 'exchange-comparison');

    // Sharing: revoke the employment rate, then share it again until a date.
    await page.getByRole('link', { name: 'Sharing' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sharing' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Employment rate of recent immigrants' }).filter({ hasText: 'Durham' }).filter({ has: page.getByRole('button', { name: 'Revoke' }) });
    await row.getByLabel('Reason').fill('Council asked to review the figures first');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('status').filter({ hasText: 'Employment rate of recent immigrants is no longer shared.' }).waitFor();
    await page.getByText(/Revoked on .* Council asked to review the figures first/).waitFor();
    await page.getByLabel(/^Indicator/).selectOption({ label: 'Employment rate of recent immigrants' });
    await page.getByLabel(/^Until/).fill('2099-12-31');
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Employment rate of recent immigrants is now shared with the network.' }).waitFor();
    await expectAccessible(page, 'exchange sharing (390 px)');

    // Back to the comparison, rural only.
    await page.getByRole('link', { name: 'Comparison' }).click();
    await page.getByLabel('Community type').selectOption('rural');
    await page.getByRole('table', { name: SERVED_TABLE }).getByRole('rowheader', { name: 'Huron County Immigration Partnership' }).waitFor();
    await expect.poll(() => page.locator('.exchange-panel').count()).toBe(2);

    // The adoption grid shows who is behind.
    await page.getByRole('link', { name: 'Common templates' }).click();
    await page.getByRole('table', { name: 'Who uses which version of Ontario LIP common template' }).getByText('Version 1: 1 version behind').first().waitFor();
    await expectAccessible(page, 'exchange templates (390 px)');
  });

  it('searches the practice library in French and adapts a practice into the plan', async () => {
    const page = await signedInPage(h, COORDINATOR);
    await page.goto('/exchange/practices');
    await page.getByRole('heading', { level: 1, name: 'Practice library' }).waitFor();
    await page.getByRole('status').filter({ hasText: '12 practices' }).waitFor();
    await page.getByLabel('Search practices').fill('assemblées publiques');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'A year-long public consultation with open assemblies' }).waitFor();
    await page.getByLabel('Community type').selectOption('urban');
    await expectAccessible(page, 'exchange practice library');
    await page.getByRole('link', { name: 'A year-long public consultation with open assemblies' }).click();
    await page.getByRole('heading', { level: 1, name: 'A year-long public consultation with open assemblies' }).waitFor();
    await page.getByRole('button', { name: 'Adapt into my plan' }).click();
    await page.getByText('Added to your plan as a draft action.').waitFor();
    // The collaborative that adapted it sees its own adaptation, and whether the practice changed since.
    await page.getByRole('listitem').filter({ hasText: /^Durham Region Local Diversity and Immigration Partnership Council on \d{4}-\d{2}-\d{2} Not changed since\.$/ }).waitFor();
    await expectAccessible(page, 'exchange practice');
    await screenshot(page, 'exchange-practice');
  });

  it("gives the steward their view, and every exchange page fits a 390 px phone", async () => {
    const page = await signedInPage(h, 'orgadmin@demo.roundtable.test', { width: 390, height: 844 });
    await page.goto('/exchange');
    await page.getByRole('link', { name: 'Ontario LIP Network (demo)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Comparison' }).waitFor();
    const base = new URL(page.url()).pathname;
    await page.getByRole('link', { name: "Steward's view" }).click();
    await page.getByRole('heading', { level: 1, name: "Steward's view" }).waitFor();
    await page.getByRole('table', { name: /Who reported for/ }).getByRole('rowheader', { name: 'Toronto West Local Immigration Partnership' }).waitFor();
    await page.getByText(/Newcomers served by settlement services, \d{4}: .* \(3 collaboratives\)/).waitFor();
    await expectAccessible(page, 'exchange steward (390 px)');
    for (const path of [base, `${base}/sharing`, `${base}/templates`, `${base}/steward`, '/exchange', '/exchange/practices']) {
      await page.goto(path);
      await page.locator('h1').first().waitFor();
      await page.waitForFunction(() => !document.querySelector('.loading'));
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(wide, path).toBeLessThanOrEqual(390);
    }
    await page.getByRole('link', { name: 'Narrowing 100 strategies to a doable few' }).click();
    await page.getByRole('heading', { level: 1, name: 'Narrowing 100 strategies to a doable few' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'exchange practice (390 px)');
  });
});
