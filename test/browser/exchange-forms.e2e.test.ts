import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, signedInPage, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const PHONE = { width: 390, height: 844 };
const fits = async (page: Page, what: string) => expect(await page.evaluate(() => document.documentElement.scrollWidth), what).toBeLessThanOrEqual(390);

describe('knowledge exchange forms (390 px)', () => {
  it('a platform admin creates a network, adds a member with its community type and removes it', async () => {
    const page = await signedInPage(h, 'admin@demo.roundtable.test', PHONE);
    await page.goto('/exchange');
    const create = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Create a network' }) });
    await create.getByRole('button', { name: 'Create a network' }).click();
    await create.getByRole('alert').getByText(/Name/).waitFor();
    await expectAccessible(page, 'exchange create network, with an error (390 px)');
    await fits(page, 'networks page');
    await create.getByLabel(/^Name/).first().fill('Eastern Ontario planning tables');
    await create.getByLabel(/^Description/).fill('Planning tables east of Toronto');
    await create.getByRole('button', { name: 'Create a network' }).click();
    await page.getByRole('heading', { level: 1, name: 'Comparison' }).waitFor();
    await page.getByText('Eastern Ontario planning tables').first().waitFor();

    const add = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Add a member' }) });
    const choices = await add.getByLabel(/^Collaborative/).locator('option').allTextContents();
    const durham = choices.find((c) => /Durham/.test(c)) ?? choices[1];
    await add.getByLabel(/^Collaborative/).selectOption({ label: durham });
    await add.getByLabel(/^Community type/).selectOption({ label: 'Rural' });
    await add.getByRole('button', { name: 'Add a member' }).click();
    await page.getByRole('status').filter({ hasText: 'is now a member of the network' }).waitFor();
    await page.getByRole('region', { name: 'Members' }).or(page.locator('section', { has: page.getByRole('heading', { name: 'Members' }) })).getByText(`${durham} · Rural`).waitFor();
    await expectAccessible(page, 'exchange network members (390 px)');
    await fits(page, 'network page');

    // …and takes it out again, with the reason.
    await page.locator('summary', { hasText: `Remove ${durham}` }).click();
    await page.getByLabel(new RegExp(`^Why ${durham} leaves the network`)).fill('Joined by mistake');
    await page.getByRole('button', { name: `Remove ${durham}` }).click();
    await page.getByRole('status').filter({ hasText: `${durham} left the network.` }).waitFor();
    await expectAccessible(page, 'exchange member removed (390 px)');
  });

  it('a coordinator writes a practice in English and French, then shares a measure of their plan', async () => {
    const page = await signedInPage(h, 'coordinator@demo.roundtable.test', PHONE);
    await page.goto('/exchange/practices');
    await page.getByRole('link', { name: 'Write up a practice' }).click();
    await page.getByRole('heading', { level: 1, name: 'Write up a practice' }).waitFor();
    await page.getByLabel(/^Title \(English\)/).fill('Newcomer youth mentors in the libraries');
    await page.getByLabel(/^Title \(French\)/).fill('Des mentors pour les jeunes nouveaux arrivants dans les bibliothèques');
    await page.getByLabel(/^The problem \(English\)/).fill('Newcomer youth had no one to ask about school.');
    await page.getByLabel(/^The problem \(French\)/).fill("Les jeunes nouveaux arrivants n'avaient personne à qui parler de l'école.");
    await page.getByLabel(/^What was done \(English\)/).fill('Trained twenty mentors who meet youth in branch libraries.');
    await page.getByLabel(/^Need/).selectOption({ label: 'Education' });
    await page.getByLabel(/^Community type/).selectOption({ label: 'Urban' });
    await page.getByLabel(/^Populations/).fill('youth, newcomers');
    await expectAccessible(page, 'exchange practice form (390 px)');
    await fits(page, 'practice form');
    await page.getByRole('button', { name: 'Publish the practice' }).click();
    await page.getByRole('heading', { level: 1, name: 'Newcomer youth mentors in the libraries' }).waitFor();

    // Share a measure of the Durham plan.
    await page.goto('/exchange');
    await page.getByRole('link', { name: 'Ontario LIP Network (demo)' }).click();
    await page.getByRole('link', { name: 'Sharing' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sharing' }).waitFor();
    await page.getByLabel('A measure of a plan').check();
    const plan = page.getByLabel(/^Plan/);
    await expect.poll(() => plan.locator('option').count()).toBeGreaterThan(1);
    await plan.selectOption({ index: 1 });
    const measure = page.getByLabel(/^Measure/);
    await expect.poll(() => measure.locator('option').count()).toBeGreaterThan(1);
    const name = (await measure.locator('option').nth(1).textContent()) ?? '';
    await measure.selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'is now shared with the network' }).waitFor();
    await page.getByRole('row').filter({ hasText: name }).filter({ hasText: '(measure)' }).first().waitFor();
    await expectAccessible(page, 'exchange share a measure (390 px)');
    await fits(page, 'sharing page');
  });

  it('a coordinator links evidence to a practice, edits it with a note and sees the revision, in English and French', async () => {
    const page = await signedInPage(h, 'coordinator@demo.roundtable.test', PHONE);
    await page.goto('/exchange/practices/new');
    await page.getByRole('heading', { level: 1, name: 'Write up a practice' }).waitFor();
    await page.getByLabel(/^Title \(English\)/).fill('Homework clubs in the branch libraries');
    await page.getByLabel(/^The problem \(English\)/).fill('Newcomer youth had no one to ask about school.');
    await page.getByLabel(/^What was done \(English\)/).fill('Trained twenty mentors who meet youth in branch libraries.');
    // Evidence links: an indicator picked from the list, and a web address.
    await page.getByRole('button', { name: 'Add an evidence link' }).click();
    const first = page.getByRole('group', { name: 'Evidence link 1' });
    await first.getByLabel(/^Kind/).selectOption({ label: 'Indicator' });
    await first.getByLabel(/^Indicator/).selectOption({ label: 'Newcomers served by settlement services' });
    await expect.poll(() => first.getByLabel(/^Label/).inputValue()).toBe('Newcomers served by settlement services');
    await page.getByRole('button', { name: 'Add an evidence link' }).click();
    const second = page.getByRole('group', { name: 'Evidence link 2' });
    await second.getByLabel(/^Kind/).selectOption({ label: 'Link' });
    await second.getByLabel(/^Web address/).fill('javascript:alert(1)');
    await second.getByLabel(/^Label/).fill('The library evaluation');
    await page.getByRole('button', { name: 'Publish the practice' }).click();
    await page.getByRole('alert').getByText(/Evidence link 2: Web address.*web address starting with http/).first().waitFor();
    await expectAccessible(page, 'exchange practice form with evidence links and an error (390 px)');
    await fits(page, 'practice form with evidence');
    await second.getByLabel(/^Web address/).fill('https://example.org/library-evaluation');
    await page.getByRole('button', { name: 'Publish the practice' }).click();
    await page.getByRole('heading', { level: 1, name: 'Homework clubs in the branch libraries' }).waitFor();
    await page.getByRole('link', { name: 'Newcomers served by settlement services' }).waitFor();
    await page.getByRole('link', { name: 'The library evaluation' }).waitFor();
    await page.getByText('Not edited since it was published.').waitFor();

    // Its author edits it: a document of their collaborative as evidence, new results, a note; the edit is kept.
    await page.getByRole('link', { name: 'Edit this practice' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit this practice' }).waitFor();
    await page.getByLabel(/^Results \(English\)/).fill('Forty youth met a mentor in the first year.');
    await page.getByRole('button', { name: 'Add an evidence link' }).click();
    const third = page.getByRole('group', { name: 'Evidence link 3' });
    await third.getByLabel(/^Kind/).selectOption({ label: 'Document' });
    const docs = third.getByLabel(/^Document/);
    await expect.poll(() => docs.locator('option').count()).toBeGreaterThan(1);
    await docs.selectOption({ index: 1 });
    await page.getByLabel(/^What changed, for those who adapted it/).fill('Added the first year results');
    await expectAccessible(page, 'exchange practice edit form (390 px)');
    await fits(page, 'practice edit form');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Homework clubs in the branch libraries' }).waitFor();
    await page.getByText(/^Edit 1, by Demo LIP Coordinator \(LDIPC\) on \d{4}-\d{2}-\d{2}$/).waitFor();
    await page.getByText('Added the first year results').waitFor();
    await page.getByText(/^What changed: results \(English\), evidence links$/).click();
    await page.getByText('Forty youth met a mentor in the first year.').first().waitFor();
    await expectAccessible(page, 'exchange practice with a revision (390 px)');
    await fits(page, 'practice page');
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 2, name: 'Modifications' }).waitFor();
    await page.getByText(/^Modification 1, par Demo LIP Coordinator \(LDIPC\) le /).waitFor();
    await page.getByRole('link', { name: 'Modifier cette pratique' }).click();
    await page.getByRole('group', { name: 'Lien vers une preuve 1' }).waitFor();
    await expectAccessible(page, 'exchange practice edit form in French (390 px)');
    await fits(page, 'practice edit form, French');
    await page.getByRole('button', { name: 'English' }).click();
  }, 240_000);

  it('the steward publishes a new template version with an added indicator and a renamed section', async () => {
    const page = await signedInPage(h, 'orgadmin@demo.roundtable.test', PHONE);
    await page.goto('/exchange');
    await page.getByRole('link', { name: 'Ontario LIP Network (demo)' }).click();
    await page.getByRole('link', { name: 'Common templates' }).click();
    await page.getByText('Publish a new version', { exact: true }).first().click();
    const form = page.locator('details').filter({ hasText: 'Publish a new version' }).first();
    const groups = form.getByRole('group', { name: /^Indicator \d+$/ });
    await form.getByRole('button', { name: 'Add an indicator' }).waitFor();
    const n = (await groups.count()) + 1;
    await form.getByRole('button', { name: 'Add an indicator' }).click();
    const last = form.getByRole('group', { name: `Indicator ${n}`, exact: true });
    await last.getByLabel(/^Code/).fill('NEW-01');
    await last.getByLabel(/^Name/).first().fill('Newcomers who feel welcome');
    const section = form.getByRole('group', { name: 'Section 1' });
    await section.getByLabel(/^Name/).first().fill('Belonging and welcome');
    await form.getByRole('button', { name: 'Publish a new version' }).click();
    await form.getByRole('alert').getByText(/What changed/).waitFor();
    await form.getByLabel(/^What changed/).fill('Adds a welcome indicator; renames the first section.');
    await form.getByRole('button', { name: 'Publish a new version' }).click();
    await page.getByRole('status').filter({ hasText: /Version \d+ is published/ }).waitFor();
    await expectAccessible(page, 'exchange publish a template version (390 px)');
    await fits(page, 'templates page');
  });
});
