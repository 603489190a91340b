import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, signedInPage, startHarness, type Harness } from './helpers';

const fixtureDir = path.resolve(__dirname, '../fixtures/hsds/csv');
const files = fs.readdirSync(fixtureDir).map((f) => path.join(fixtureDir, f));

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('directory import (admin UI)', () => {
  it('checks a CSV package, imports it with a progress bar, and the services reach the finder', async () => {
    const page = await signedInPage(h, 'admin@demo.roundtable.test');
    await page.goto('/directory');
    await page.getByRole('link', { name: 'Import HSDS data' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import HSDS data' }).waitFor();

    await page.getByRole('button', { name: 'Check package' }).click();
    await page.getByText('Choose the package files first.').first().waitFor();

    await page.getByLabel('Package files').setInputFiles(files);
    await page.getByRole('button', { name: 'Check package' }).click();
    await page.getByText('The package is valid. Nothing was saved.').waitFor();
    expect(await page.locator('table tbody tr').count()).toBeGreaterThan(10);
    await expectAccessible(page, 'directory import (dry run result)');

    await page.getByLabel(/Check only/).uncheck();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported 3 services.').waitFor();
    const serviceRow = page.locator('table tbody tr', { has: page.getByRole('rowheader', { name: 'Services', exact: true }) });
    expect((await serviceRow.locator('td').allTextContents())[0]).toBe('3');
    await screenshot(page, 'directory-import');

    const res = await page.request.get(`${h.url}/api/v1/finder/services?q=Ajax%20Community%20Food%20Bank`);
    expect((await res.json()).items[0].name).toBe('Ajax Community Food Bank');
  });

  it('lists every problem in a broken package and stores nothing', async () => {
    const page = await signedInPage(h, 'admin@demo.roundtable.test');
    const broken = path.join(fs.mkdtempSync('/tmp/rt-broken-'), 'services.csv');
    const original = fs.readFileSync(path.join(fixtureDir, 'services.csv'), 'utf8');
    fs.writeFileSync(broken, original.replace(/\n([0-9a-f-]{36}),/, '\nnot-a-uuid,'));
    await page.goto('/directory/import');
    await page.getByLabel('Package files').setInputFiles([...files.filter((f) => !f.endsWith('services.csv')), broken]);
    await page.getByLabel(/Check only/).uncheck();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Nothing was imported. Fix these problems and try again:').waitFor();
    // A sentence for people, the file, row and HSDS column kept to find the cell.
    expect(await page.locator('[role="alert"] li').first().textContent()).toBe('Service: Check this value. (services.csv, row 1, column id)');
    await expectAccessible(page, 'directory import (errors)');
  });
});
