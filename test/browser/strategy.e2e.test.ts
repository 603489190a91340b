import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
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

/** Opens an item's action menu on the plan tree and chooses one of its entries. */
async function choose(page: Page, title: string, item: string) {
  await page.getByRole('button', { name: `Actions for “${title}”` }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}
const DURHAM = 'Durham Local Settlement Strategy 2025–2027';

describe('strategy (coordinator journeys)', () => {
  it('builds a plan, adds a measure, sees the output-only warning, enters values and sees the chart', async () => {
    const page = await signedInPage(h, COORDINATOR);
    await page.goto('/strategy');
    await page.getByRole('heading', { level: 1, name: 'Strategy & results' }).waitFor();
    await page.getByRole('link', { name: DURHAM }).waitFor();
    await expectAccessible(page, 'strategy home');

    await page.getByLabel(/^Plan title/).first().fill('Browser test strategy');
    await page.getByLabel(/^First year/).first().fill('2025');
    await page.getByLabel(/^Last year/).first().fill('2027');
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Browser test strategy' }).waitFor();

    await page.getByLabel('New theme').fill('Service enhancement');
    await page.getByRole('button', { name: 'Add theme' }).click();
    await choose(page, 'Service enhancement', 'Add a goal');
    await page.getByLabel('New goal under “Service enhancement”').fill('Newcomers reach services');
    await page.getByRole('button', { name: 'Add goal' }).click();
    await choose(page, 'Newcomers reach services', 'Add a strategy');
    await page.getByLabel('New strategy under “Newcomers reach services”').fill('Coordinated intake');
    await page.getByRole('button', { name: 'Add strategy' }).click();
    await choose(page, 'Coordinated intake', 'Add an action');
    await page.getByLabel('New action under “Coordinated intake”').fill('Common intake form');
    await page.getByRole('button', { name: 'Add action' }).click();
    await page.getByText('Common intake form', { exact: true }).waitFor();

    await choose(page, 'Coordinated intake', 'Add a performance measure');
    await page.getByLabel(/^Measure name/).fill('Referrals made');
    await page.getByLabel('RBA question').selectOption('how_much');
    await page.getByLabel('Unit').selectOption('count');
    await page.getByLabel('Baseline value').fill('100');
    await page.getByLabel('Baseline period').fill('2024');
    await page.getByRole('button', { name: 'Save measure' }).click();
    await page.getByRole('heading', { name: 'This plan only counts outputs' }).waitFor();
    await expectAccessible(page, 'plan builder');
    await screenshot(page, 'strategy-plan-builder');

    // Adopt: goals freeze.
    await page.getByRole('button', { name: 'Adopt the plan' }).click();
    await page.getByText('Frozen').first().waitFor();
    await page.getByRole('button', { name: 'Actions for “Newcomers reach services”' }).click();
    await page.getByRole('menu', { name: 'Actions for “Newcomers reach services”' }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'Edit the title' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Actions for “Coordinated intake”' }).click();
    expect(await page.getByRole('menuitem', { name: 'Edit the title' }).count()).toBe(1);
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Referrals made' }).click();
    await page.getByRole('heading', { level: 1, name: 'Referrals made' }).waitFor();
    await page.getByRole('textbox', { name: /^Period/ }).nth(1).fill('2030');
    await page.getByRole('textbox', { name: /^Target/ }).fill('150');
    await page.getByRole('button', { name: 'Save target' }).click();
    await page.getByText("Targets are for periods inside the plan's horizon, 2025–2027").first().waitFor();
    await page.getByRole('textbox', { name: /^Period/ }).nth(1).fill('2026');
    await page.getByRole('button', { name: 'Save target' }).click();
    await page.getByRole('cell', { name: '150' }).first().waitFor();

    await page.getByRole('textbox', { name: /^Period/ }).first().fill('2025');
    await page.getByRole('textbox', { name: /^Value/ }).fill('12.5');
    await page.getByRole('button', { name: 'Save value' }).click();
    await page.getByText('A count is a whole number, 0 or more').first().waitFor();
    await page.getByRole('textbox', { name: /^Value/ }).fill('130');
    await page.getByRole('textbox', { name: /^Source/ }).fill('Intake logs');
    await page.getByRole('button', { name: 'Save value' }).click();
    await page.getByRole('cell', { name: 'Intake logs' }).waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    expect(await page.locator('.recharts-line').count()).toBeGreaterThanOrEqual(2);
    const row2025 = page.locator('table').first().locator('tr', { has: page.getByRole('rowheader', { name: '2025', exact: true }) });
    expect(await row2025.locator('td').allTextContents()).toEqual(['–', '100', '–', '130']);
    await page.getByText('Progressing').first().waitFor();
    await expectAccessible(page, 'measure page');
    await screenshot(page, 'strategy-measure');
  });

  it('shows the demo action plan with overdue actions and the scorecard, private and public', async () => {
    const page = await signedInPage(h, COORDINATOR);
    await page.goto('/strategy');
    await page.getByRole('link', { name: DURHAM }).click();
    await page.getByRole('heading', { level: 1, name: DURHAM }).waitFor();
    await page.getByRole('link', { name: 'Action plans' }).click();
    await page.getByRole('link', { name: 'Action plan 2026' }).click();
    await page.getByRole('heading', { level: 1, name: 'Action plan 2026' }).waitFor();
    expect(await page.locator('.flag-overdue').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'action plan');
    await screenshot(page, 'strategy-action-plan');

    await page.getByRole('link', { name: 'Scorecard' }).click();
    await page.getByRole('heading', { name: 'Newcomers find and reach the services they need through any door' }).waitFor();
    await page.getByLabel('Theme').selectOption({ label: 'Collaborative infrastructure' });
    await page.getByRole('heading', { name: 'Newcomers find and reach the services they need through any door' }).waitFor({ state: 'detached' });
    await expectAccessible(page, 'scorecard');
    await screenshot(page, 'strategy-scorecard');

    const planUrl = new URL(page.url()).pathname.split('/')[3];
    const anon = await newPage(h);
    await anon.goto(`/strategy/public/plans/${planUrl}`);
    await anon.getByRole('heading', { level: 1, name: `Scorecard: ${DURHAM}` }).waitFor();
    await expectAccessible(anon, 'public scorecard');
    await anon.getByRole('button', { name: 'Français' }).click();
    await anon.getByRole('heading', { level: 1, name: 'Tableau de bord : Stratégie locale d’établissement de Durham 2025-2027' }).waitFor();
    await anon.getByRole('heading', { name: 'Les nouveaux arrivants trouvent les services dont ils ont besoin, peu importe la porte' }).waitFor();
    await expectAccessible(anon, 'public scorecard (French)');
    await screenshot(anon, 'strategy-public-scorecard-fr');
  });

  it('checks a CSV of updates before applying it', async () => {
    const page = await signedInPage(h, COORDINATOR);
    await page.goto('/strategy');
    await page.getByRole('link', { name: DURHAM }).click();
    await page.getByRole('link', { name: 'Bulk update' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bulk update from CSV' }).waitFor();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rt-csv-')), 'updates.csv');
    fs.writeFileSync(file, 'type,ref,year,status,percent_complete,note,period,value,source,notes\naction,Bolster the Durham Immigration Portal,2026,,75,French pages live,,,,\nmeasure,Intercultural gatherings held,,,,,2026,x,,\n');
    await page.getByLabel('CSV file').setInputFiles(file);
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByText('Nothing was saved. Fix these rows and try again:').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Row 3,');
    const fixed = path.join(path.dirname(file), 'updates-fixed.csv');
    fs.writeFileSync(fixed, 'type,ref,year,status,percent_complete,note,period,value,source,notes\naction,Bolster the Durham Immigration Portal,2026,,75,French pages live,,,,\nmeasure,Intercultural gatherings held,,,,,2026,11,Hub calendar,\n');
    await page.getByLabel('CSV file').setInputFiles(fixed);
    await page.getByText('updates-fixed.csv').waitFor();
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByText('The file is valid: 3 changes would be made. Nothing was saved.').waitFor();
    await expectAccessible(page, 'bulk update (dry run)');
    await page.getByLabel(/^Check only/).uncheck();
    await page.getByRole('button', { name: 'Apply updates' }).click();
    await page.getByText('Applied 3 changes.').waitFor();
  });

  it('publishes a report card, which then stays frozen, with HTML and PDF', async () => {
    const page = await signedInPage(h, COORDINATOR);
    await page.goto('/strategy');
    await page.getByRole('link', { name: DURHAM }).click();
    await page.getByRole('link', { name: 'Report cards' }).click();
    await page.getByRole('heading', { level: 1, name: 'Report cards' }).waitFor();
    await page.getByLabel('Year').fill('2025');
    await page.getByRole('button', { name: 'Start the report card for this year' }).click();
    await page.getByRole('heading', { level: 1, name: 'Annual report card 2025' }).waitFor();
    await page.getByRole('textbox', { name: 'Highlights', exact: true }).fill('The 2025 resource book reached every partner.');
    await page.getByRole('button', { name: 'Save texts' }).click();
    await page.getByText('Saved.').waitFor();
    await expectAccessible(page, 'report card (draft)');
    await page.getByRole('button', { name: 'Publish and freeze' }).click();
    await page.getByText('This report card is published and frozen').waitFor();
    expect(await page.getByRole('button', { name: 'Save texts' }).count()).toBe(0);
    await page.getByText('The 2025 resource book reached every partner.').waitFor();
    await expectAccessible(page, 'report card (published)');
    await screenshot(page, 'strategy-report-card');
    const pdfHref = await page.getByRole('link', { name: 'Download the PDF' }).getAttribute('href');
    const pdf = await page.request.get(`${h.url}${pdfHref}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('draws a theory of change, refuses a circular link, and links evidence to a plan element', async () => {
    const page = await signedInPage(h, COORDINATOR);
    await page.goto('/strategy');
    await page.getByRole('link', { name: DURHAM }).click();
    await page.getByRole('heading', { level: 1, name: DURHAM }).waitFor();
    await choose(page, 'Service enhancement', 'Link evidence');
    await page.getByLabel('Kind of evidence').selectOption('url');
    await page.getByLabel(/^Label/).fill('Settlement services map');
    await page.getByLabel('Id or address').fill('not an address');
    await page.getByRole('button', { name: 'Add link' }).click();
    await page.getByText('Start the address with http:// or https://').first().waitFor();
    await page.getByLabel('Id or address').fill('https://example.org/map');
    await page.getByRole('button', { name: 'Add link' }).click();
    await page.getByRole('link', { name: 'Settlement services map' }).waitFor();

    await page.getByRole('link', { name: 'Theory of change' }).click();
    await page.getByRole('heading', { level: 1, name: 'Theory of change' }).waitFor();
    await page.getByLabel('Kind', { exact: true }).selectOption('outcome');
    await page.getByLabel(/^Label/).fill('Newcomers thrive in Durham');
    await page.getByRole('button', { name: 'Add box' }).click();
    await page.getByRole('region', { name: 'Outcome' }).getByText('Newcomers thrive in Durham', { exact: true }).waitFor();
    await page.getByLabel('Kind', { exact: true }).selectOption('precondition');
    await page.getByLabel(/^Label/).fill('Agencies share one intake');
    await page.getByRole('button', { name: 'Add box' }).click();
    await page.getByRole('region', { name: 'Precondition' }).getByText('Agencies share one intake', { exact: true }).waitFor();
    await page.getByLabel(/^From/).selectOption({ label: 'Precondition: Agencies share one intake' });
    await page.getByLabel(/^Leads to/).selectOption({ label: 'Outcome: Newcomers thrive in Durham' });
    const linesBefore = await page.locator('.toc-graph path[marker-end]').count();
    expect(linesBefore).toBe(8); // the demo plan's theory of change
    await page.getByRole('button', { name: 'Add link' }).click();
    await page.getByRole('button', { name: 'Remove the link Agencies share one intake → Newcomers thrive in Durham' }).waitFor();
    expect(await page.locator('.toc-graph path[marker-end]').count()).toBe(linesBefore + 1);
    await page.getByLabel(/^From/).selectOption({ label: 'Outcome: Newcomers thrive in Durham' });
    await page.getByLabel(/^Leads to/).selectOption({ label: 'Precondition: Agencies share one intake' });
    await page.getByRole('button', { name: 'Add link' }).click();
    await page.getByText('This link would make a circle').first().waitFor();
    await expectAccessible(page, 'theory of change');
    await screenshot(page, 'strategy-theory-of-change');
  });
});
