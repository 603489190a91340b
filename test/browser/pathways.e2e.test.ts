import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPage, screenshot, signedInPage, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 240_000);
afterAll(async () => {
  await h?.close();
});

const COORDINATOR = 'coordinator@demo.roundtable.test';

describe('service pathways (coordinator journeys)', () => {
  it('builds a pathway with the keyboard, reads the observed flow and the workshop, and a resident answers the public page', async () => {
    const page = await signedInPage(h, COORDINATOR);
    await page.goto('/pathways');
    await page.getByRole('heading', { level: 1, name: 'Service pathways' }).waitFor();
    await page.getByRole('link', { name: 'Newcomer settlement: arrival to employment' }).click();
    await page.getByRole('heading', { level: 1, name: 'Newcomer settlement: arrival to employment' }).waitFor();
    await page.getByRole('region', { name: /Swimlane view/ }).waitFor();
    await expectAccessible(page, 'pathway (ideal)');
    const id = new URL(page.url()).pathname.split('/').pop();

    // keyboard: reach the first step, move to the second with an arrow key, select it
    await page.getByRole('button', { name: /^1\. Entry/ }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: /^Step 2: Needs assessment/ }).waitFor();
    await page.getByLabel('Target days from the previous step').fill('5');
    await page.getByRole('button', { name: 'Add a step' }).click();
    // In French, a step saved without its name: the message in French, focus on the name.
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByLabel('Nom (anglais)').fill('');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByRole('link', { name: /^Étape \d+ ?: Nom \(anglais\) ?: Entrez une valeur/ }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toMatch(/^field-steps-\d+-title$/);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('Name (English)').fill('Community meal');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved.' }).waitFor();
    await page.getByText('The steps as a list (text alternative)').click();
    await page.getByRole('heading', { name: /Community meal/ }).waitFor();
    await expectAccessible(page, 'pathway editor');
    await screenshot(page, 'pathways-editor');

    // ideal against observed: a diagram with its tables, counts through disclosure control
    await page.getByRole('link', { name: 'Ideal against observed' }).click();
    await page.getByRole('table', { name: 'People per step' }).waitFor();
    await page.getByRole('table', { name: 'Links between steps' }).waitFor();
    await page.getByRole('img', { name: /Flow of people between the steps/ }).waitFor();
    await expectAccessible(page, 'pathway observed flow');

    // the workshop's merged view
    await page.getByRole('link', { name: 'Workshop' }).click();
    await page.getByRole('table', { name: /Each step across the drawings/ }).waitFor();
    expect(await page.getByRole('columnheader', { name: /\(fictional\)/ }).count()).toBe(3);
    await expectAccessible(page, 'pathway workshop');

    // a resident, signed out, at 390 px
    const anon = await newPage(h, { width: 390, height: 844 });
    await anon.goto(`/pathways/public/${id}`);
    await anon.getByRole('heading', { level: 1, name: 'Newcomer settlement: arrival to employment' }).waitFor();
    await anon.getByRole('heading', { name: /Language assessment/ }).waitFor();
    expect(await anon.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(anon, 'pathway public page (390 px)');
    await anon.getByLabel('Partly').check();
    await anon.getByLabel('What was different (optional)').fill('The wait for classes was longer.');
    await anon.getByRole('button', { name: 'Send' }).click();
    await anon.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
    await screenshot(anon, 'pathways-public');

    // the answer reaches the owners
    await page.goto(`/pathways/${id}`);
    await page.getByRole('cell', { name: 'The wait for classes was longer.' }).waitFor();
  });
});
