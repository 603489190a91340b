import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPage, screenshot, signedInPage, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('community data', () => {
  it('shows a choropleth of Durham with its table, suppressed places, a trend chart and CSV exports', async () => {
    const page = await signedInPage(h, 'viewer@demo.roundtable.test');
    await page.goto('/data');
    await page.getByRole('heading', { level: 1, name: 'Community data' }).waitFor();
    await page.getByRole('table', { name: /Population by place, 2021/ }).waitFor();
    const oshawa = page.getByRole('row', { name: /Oshawa/ }).first();
    expect(await oshawa.textContent()).toContain('175,383');
    expect(await page.locator('figure.data-map svg path').count()).toBe(8);
    await page.getByRole('img', { name: /Population by place, 2021/ }).waitFor();
    // The chart and its table.
    await page.locator('.data-chart .recharts-line').first().waitFor();
    await page.getByRole('table', { name: /Population over time/ }).waitFor();
    await page.getByText(/Added up from 8 of 8 places: 696,867/).waitFor();
    await screenshot(page, 'data-explore');
    await expectAccessible(page, 'data explore');

    // Small counts: the illustrative indicator hides Scugog (<5) and one complement.
    await page.getByLabel('Indicator').selectOption({ label: 'Newcomer youth program participants (illustrative)' });
    await page.getByRole('table', { name: /Newcomer youth program participants \(illustrative\) by place, 2025/ }).waitFor();
    const scugog = page.getByRole('row', { name: /Scugog/ }).first();
    expect(await scugog.textContent()).toContain('<5');
    expect(await page.getByRole('row', { name: /Uxbridge/ }).first().textContent()).toMatch(/x.*hidden to protect another figure/);
    await page.getByText(/The sum is hidden/).waitFor();
    // The breakdown by sex, with shares; a small place's cells are all hidden.
    await page.getByRole('table', { name: /Ajax, 2025, by group/ }).waitFor();
    expect(await page.getByRole('row', { name: /sex: men\+/ }).textContent()).toMatch(/27.*47\.4%/);
    await page.getByLabel('Place', { exact: true }).selectOption({ label: 'Scugog' });
    await page.getByRole('table', { name: /Scugog, 2025, by group/ }).waitFor();
    expect(await page.getByRole('row', { name: /sex: women\+/ }).textContent()).not.toMatch(/2/);
    await expectAccessible(page, 'data breakdown');
    await screenshot(page, 'data-suppressed');

    const csvHref = await page.getByRole('link', { name: 'Download as CSV' }).first().getAttribute('href');
    const csv = await (await page.request.get(`${h.url}${csvHref}`)).text();
    expect(csv, csv).toMatch(/3518020,Scugog,2025,,,,<5,suppressed,true/);

    // Rates cannot be rolled up.
    await page.getByLabel('Indicator').selectOption({ label: 'Immigrants as a share of the population' });
    await page.getByText(/cannot be added up/).waitFor();

    // An indicator with no data yet: the period says so rather than staying blank.
    await page.getByLabel('Indicator').selectOption({ label: 'Employment rate of recent immigrants' });
    await page.getByText('There is no data for this indicator in this region yet.').waitFor();
    expect(await page.getByLabel('Period').locator('option').allTextContents()).toEqual(['No data yet']);
    expect(await page.getByLabel('Period').isDisabled()).toBe(true);

    await page.getByRole('link', { name: 'Oshawa' }).first().click().catch(() => undefined);
  });

  it('shows a printable community profile to anyone, in French too', async () => {
    const page = await newPage(h);
    const geos = await (await page.request.get(`${h.url}/api/v1/geographies?level=upper_tier`)).json();
    const durham = geos.items.find((g: { code: string }) => g.code === '3518');
    await page.goto(`/data/places/${durham.id}`);
    await page.getByRole('heading', { level: 1, name: /Community profile: Regional Municipality of Durham/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Growth of the Latin American community' }).waitFor();
    expect(await page.getByRole('table', { name: /Population, Regional Municipality of Durham/ }).textContent()).toMatch(/2036.*1,028,780.*Projection|2036.*1,028,780/);
    await expectAccessible(page, 'community profile');
    await screenshot(page, 'data-profile');
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 1, name: /Profil communautaire : Municipalité régionale de Durham/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Croissance de la communauté latino-américaine' }).waitFor();
    expect(await page.getByRole('table', { name: /Population, Municipalité régionale de Durham/ }).textContent()).toMatch(/1\s028\s780/);
    await expectAccessible(page, 'community profile (French)');
  });

  it('lets a coordinator save a dashboard, share it, and the public see it', async () => {
    const page = await signedInPage(h, 'coordinator@demo.roundtable.test');
    await page.goto('/data/dashboards');
    await page.getByRole('heading', { level: 2, name: 'Save a dashboard' }).waitFor();
    await page.getByRole('button', { name: 'Save dashboard' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel(/^Title/).fill('Durham growth');
    await page.getByLabel('Population', { exact: true }).check();
    await page.getByLabel('Regional Municipality of Durham').check();
    await page.getByLabel('Oshawa').check();
    await page.getByRole('button', { name: 'Save dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Durham growth' }).waitFor();
    await page.getByText('Only members of the collaborative can see this dashboard.').waitFor();
    await page.getByRole('table', { name: /Population over time/ }).waitFor();
    await expectAccessible(page, 'dashboard (members)');
    const url = page.url();

    const anon = await newPage(h);
    await anon.goto(url);
    await anon.getByText('We could not find this record.', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Share publicly' }).click();
    await page.getByText('Anyone with this link can see this dashboard:').waitFor();
    await screenshot(page, 'data-dashboard');
    await anon.goto(url);
    await anon.getByRole('heading', { level: 1, name: 'Durham growth' }).waitFor();
    await anon.getByRole('table', { name: /Population over time/ }).waitFor();
    await expectAccessible(anon, 'public dashboard');

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Delete dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboards' }).waitFor();
    await page.getByText('No dashboards yet.').waitFor();
  });

  it('imports a tidy CSV with a dry run, then for real, and lists bad rows by line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-data-'));
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, 'indicator_code,geography_code,period,value,status\npopulation.total,3518013,2011,149607,final\n');
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'indicator_code,geography_code,period,value,status\npopulation.total,3518013,2011,many,final\npopulation.total,0000,2011,1,final\n');
    const page = await signedInPage(h, 'admin@demo.roundtable.test');
    await page.goto('/data/import');
    await page.getByRole('heading', { level: 1, name: 'Import data' }).waitFor();
    await page.getByLabel('CSV file').setInputFiles(bad);
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByRole('table', { name: 'Rows that cannot be imported' }).waitFor();
    expect(await page.getByRole('row', { name: /^2 value/ }).count()).toBe(1);
    expect(await page.getByRole('row', { name: /^3 geography_code/ }).count()).toBe(1);
    await expectAccessible(page, 'data import errors');
    await page.getByLabel('CSV file').setInputFiles(good);
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByText(/Dry run: 1 rows checked\. 1 would be added/).waitFor();
    await page.getByLabel(/Dry run/).uncheck();
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText(/Imported 1 rows: 1 added/).waitFor();
    await screenshot(page, 'data-import');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("lets a coordinator import the collaborative's private data and see its small counts, which stay hidden from others", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-data-'));
    const file = path.join(dir, 'private.csv');
    fs.writeFileSync(file, 'indicator_code,geography_code,period,value\ndemo.youth_program_participants,3518020,2023,3\ndemo.youth_program_participants,3518013,2023,40\n');
    const page = await signedInPage(h, 'coordinator@demo.roundtable.test');
    await page.goto('/data/import');
    await page.getByLabel('Where the data goes').waitFor();
    expect(await page.getByLabel('Where the data goes').inputValue()).not.toBe('');
    await page.getByLabel('CSV file').setInputFiles(file);
    await page.getByLabel(/Dry run/).uncheck();
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText(/Imported 2 rows: 2 added/).waitFor();

    await page.goto('/data');
    await page.getByLabel('Data set').waitFor();
    // Both choices in one go, as a quick hand on a busy phone makes them: the second change comes
    // before the page has rendered the first one's address, and must not undo it.
    await page.evaluate(([indicator, dataSet]) => {
      const choose = (label: string, text: string) => {
        const select = [...document.querySelectorAll('label')].find((l) => l.textContent === label)!.control as HTMLSelectElement;
        select.value = [...select.options].find((o) => o.textContent === text)!.value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      };
      choose('Indicator', indicator);
      choose('Data set', dataSet);
    }, ['Newcomer youth program participants (illustrative)', 'Private to Durham Region Local Diversity and Immigration Partnership Council']);
    await page.getByRole('table', { name: /by place, 2023/ }).waitFor();
    expect(await page.getByRole('row', { name: /Scugog/ }).first().textContent()).toMatch(/Scugog\s*3\s*Final/);
    await expectAccessible(page, 'private data set');

    const viewer = await signedInPage(h, 'viewer@demo.roundtable.test');
    await viewer.goto('/data');
    await viewer.getByLabel('Indicator').waitFor();
    expect(await viewer.getByLabel('Data set').count()).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lets a platform admin add an indicator and map a census characteristic to it', async () => {
    const page = await signedInPage(h, 'admin@demo.roundtable.test');
    await page.goto('/data/indicators');
    await page.getByRole('table', { name: 'Saved census characteristic mappings' }).waitFor();
    expect(await page.getByRole('row', { name: /^1529 Immigrants Rate, everyone Immigrant/ }).count()).toBe(1);
    await page.getByLabel(/^Code/).fill('land.area_km2');
    await page.getByLabel(/^Name in English/).fill('Land area (km²)');
    await page.getByLabel('Name in French').fill('Superficie (km²)');
    await page.getByLabel('Unit', { exact: true }).selectOption({ label: 'Index' });
    await page.getByRole('button', { name: 'Add indicator' }).click();
    await page.getByText('The indicator was added.').waitFor();
    await page.getByRole('rowheader', { name: 'Land area (km²)' }).waitFor();
    await page.getByLabel(/^Characteristic id/).fill('7');
    await page.getByLabel(/^Characteristic name/).fill('Land area in square kilometres');
    await page.getByLabel('Column', { exact: true }).selectOption('C1_COUNT_TOTAL');
    await page.getByLabel('Indicator', { exact: true }).selectOption({ label: 'Land area (km²)' });
    await page.getByRole('button', { name: 'Save a mapping' }).click();
    await page.getByText('The mapping was saved.').waitFor();
    await page.getByRole('row', { name: /7 Land area in square kilometres Count, everyone Land area \(km²\)/ }).waitFor();
    await expectAccessible(page, 'catalogue and census mapping');
    await screenshot(page, 'data-catalogue');
  });
});
