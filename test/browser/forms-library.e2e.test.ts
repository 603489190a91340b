import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPage, saveScreenshot, signedInPage, startHarness, type Harness } from './helpers';
import { overflow, useLanguage } from './walk';

/**
 * The forms moved onto the form library (web/src/core/form.tsx): a collaborative's members,
 * funding and documents, creating a user, adding an organization, the directory's capacity
 * form and the data import. For each: sent empty in French, the summary says what is missing
 * in French and focus moves to the first field at fault, axe clean; filled in, the submit
 * confirms. Screenshots of each form at 390 and 1366 px in both languages land in
 * /tmp/shots-webforms, to be looked at.
 */
const OUT = process.env.SHOTS_DIR ?? '/tmp/shots-webforms';
const ENGLISH = /Enter a value|Choose an option|Enter an email|Choose a CSV/;

let h: Harness;
let collab = '';
beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  h = await startHarness();
}, 300_000);
afterAll(async () => {
  await h?.close();
});

async function ldipc(page: Page): Promise<string> {
  if (!collab) {
    const items = (await (await page.request.get(`${h.url}/api/v1/collaboratives`)).json()).items as { id: string; shortName: string }[];
    collab = items.find((c) => c.shortName === 'LDIPC')!.id;
  }
  return collab;
}

/** Screenshots of one form (or the page) at a phone's and a laptop's width; the page never scrolls sideways. */
async function shots(page: Page, name: string, target?: Locator) {
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    // Charts follow the window's width a moment after it changes.
    await page.waitForTimeout(400);
    expect(await overflow(page), `${name} at ${width}`).toBeNull();
    const file = path.join(OUT, `${name}-${width}.png`);
    if (target) await saveScreenshot(target, file);
    else await saveScreenshot(page, file, { fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Sends the form empty (in French): a summary in French, focus on `firstId`, axe clean. */
async function emptyInFrench(page: Page, form: Locator, name: string, firstId: string, expected: string[]) {
  await form.locator('button[type=submit]').click();
  await form.locator('.error-summary').waitFor();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe(firstId);
  const lines = await form.locator('.error-summary li').allInnerTexts();
  for (const e of expected) expect(lines.join('\n')).toContain(e);
  expect(lines.join('\n')).not.toMatch(ENGLISH);
  // Each message sits beside its field too.
  expect(await form.locator(`#${firstId}`).getAttribute('aria-invalid')).toBe('true');
  await expectAccessible(page, `${name} with errors, in French`);
  await shots(page, `${name}-errors-fr`, form);
}

describe('forms on the form library say what is missing in French, move focus, and confirm', () => {
  it('signs in: empty fields named in French with focus on the first, a wrong password in the summary', async () => {
    const page = await newPage(h);
    await page.goto('/sign-in');
    await useLanguage(page, 'fr');
    const form = page.locator('form.sign-in-form');
    await emptyInFrench(page, form, 'sign-in', 'field-email', ['Entrez votre adresse courriel', 'Entrez votre mot de passe']);
    await form.locator('#field-email').fill('admin@demo.roundtable.test');
    await form.locator('#field-password').fill('not-the-password');
    await form.locator('button[type=submit]').click();
    await form.locator('.error-summary p').waitFor();
    expect(await form.locator('.error-summary').innerText()).not.toMatch(/not correct/);
    await form.locator('#field-password').fill('roundtable-demo');
    await form.locator('button[type=submit]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await page.context().close();
  });

  it('adds a member to a collaborative', async () => {
    const page = await signedInPage(h, 'coordinator@demo.roundtable.test');
    await page.goto(`/collaboratives/${await ldipc(page)}/members`);
    await useLanguage(page, 'fr');
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Ajouter un membre' }) });
    await form.getByLabel(/^Date de début/).fill('');
    await emptyInFrench(page, form, 'members-add', 'field-individualName', ['Entrez le nom du membre ou choisissez un organisme.', 'Entrez une valeur']);

    await useLanguage(page, 'en');
    const en = page.locator('form', { has: page.getByRole('heading', { name: 'Add a member' }) });
    await en.getByLabel(/^Name of the individual member/).fill('Forms Test Resident');
    await en.getByLabel(/^Start date/).fill('2026-01-15');
    await en.getByLabel(/^Representative’s email|^Representative's email|email/i).first().fill('not-an-email');
    await en.getByRole('button', { name: 'Add a member' }).click();
    await en.locator('.error-summary').getByText(/Enter an email address like name@example.org/).waitFor();
    await en.getByLabel(/email/i).first().fill('');
    await en.getByRole('button', { name: 'Add a member' }).click();
    await en.getByText('Forms Test Resident added.').waitFor();
    await page.getByRole('row', { name: /Forms Test Resident/ }).waitFor();
    await shots(page, 'members-add-done-en', en);
    await expectAccessible(page, 'members after adding');
    await page.context().close();
  }, 120_000);

  it('signs a membership agreement only when the box is ticked', async () => {
    const page = await signedInPage(h, 'member@demo.roundtable.test');
    await page.goto(`/collaboratives/${await ldipc(page)}/members`);
    await useLanguage(page, 'fr');
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Signer l’entente' }) });
    await emptyInFrench(page, form, 'members-sign', 'field-signatureName', ['Votre nom', 'Cochez la case pour confirmer votre accord.']);
    await form.getByLabel(/^Votre nom/).fill('Membre Démo');
    await form.getByRole('button', { name: 'Signer l’entente' }).click();
    await form.locator('.error-summary').getByText('Cochez la case pour confirmer votre accord.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-agree');
    await form.getByLabel(/J’accepte/).check();
    await form.getByRole('button', { name: 'Signer l’entente' }).click();
    await page.getByText(/Signée? par Membre Démo|Membre Démo/).first().waitFor();
    await shots(page, 'members-signed-fr');
    await page.context().close();
  }, 120_000);

  it('adds a funding source', async () => {
    const page = await signedInPage(h, 'coordinator@demo.roundtable.test');
    await page.goto(`/collaboratives/${await ldipc(page)}/funding`);
    await useLanguage(page, 'fr');
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Ajouter une source de financement' }) });
    await emptyInFrench(page, form, 'funding-add', 'field-funderName', ['Bailleur de fonds', 'Entrez une valeur']);

    await useLanguage(page, 'en');
    const en = page.locator('form', { has: page.getByRole('heading', { name: 'Add a funding source' }) });
    await en.getByLabel(/^Funder/).fill('Forms Test Foundation');
    await en.getByLabel(/^Amount/).fill('12500');
    await en.getByLabel(/^Start date/).fill('2027-04-01');
    await en.getByLabel(/^End date/).fill('2026-03-31');
    await en.getByRole('button', { name: 'Add a funding source' }).click();
    await en.locator('.error-summary').getByText('The end date must be on or after the start date.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-endsOn');
    await en.getByLabel(/^End date/).fill('2028-03-31');
    await en.getByRole('button', { name: 'Add a funding source' }).click();
    await en.getByText('Funding source added.').waitFor();
    await page.getByRole('heading', { name: /Forms Test Foundation/ }).waitFor();
    await shots(page, 'funding-add-done-en', en);
    await page.context().close();
  }, 120_000);

  it('saves a new governance document', async () => {
    const page = await signedInPage(h, 'coordinator@demo.roundtable.test');
    await page.goto(`/collaboratives/${await ldipc(page)}/documents`);
    await useLanguage(page, 'fr');
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Nouveau document de gouvernance' }) });
    await emptyInFrench(page, form, 'documents-new', 'field-title', ['Entrez une valeur']);

    await useLanguage(page, 'en');
    const en = page.locator('form', { has: page.getByRole('heading', { name: 'New governance document' }) });
    await en.getByLabel(/^Title/).fill('Forms test policy');
    await en.getByLabel(/^Text/).fill('Members treat one another with respect.');
    await en.getByRole('button', { name: 'Save draft' }).click();
    await en.getByText('Draft of “Forms test policy” saved.').waitFor();
    await page.getByRole('heading', { level: 2, name: /Forms test policy/ }).waitFor();
    await shots(page, 'documents-new-done-en', en);
    await expectAccessible(page, 'documents after saving');
    await page.context().close();
  }, 120_000);

  it('creates a user account', async () => {
    const page = await signedInPage(h, 'admin@demo.roundtable.test');
    await page.goto('/admin/users');
    await useLanguage(page, 'fr');
    await page.getByRole('button', { name: 'Ajouter un utilisateur' }).click();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Créer un compte' }) });
    await emptyInFrench(page, form, 'users-create', 'field-email', ['Adresse courriel', 'Entrez une valeur']);
    await form.getByLabel(/^Adresse courriel/).fill('pas-un-courriel');
    await form.locator('button[type=submit]').click();
    await form.locator('.error-summary').getByText('Entrez une adresse courriel comme nom@exemple.org').waitFor();

    await useLanguage(page, 'en');
    await page.getByRole('button', { name: 'Add a user' }).click();
    const en = page.locator('form', { has: page.getByRole('heading', { name: 'Create an account' }) });
    await en.getByLabel(/^Email address/).fill('forms.test@example.org');
    await en.getByLabel(/^Name/).fill('Forms Test User');
    await en.getByLabel(/^Organization/).selectOption({ label: 'Community Development Council Durham' });
    await en.getByLabel(/^Initial password/).fill('short');
    await en.getByRole('button', { name: 'Create account' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-password');
    await en.getByLabel(/^Initial password/).fill('a-long-enough-password-2026');
    await shots(page, 'users-create-en', en);
    await en.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Account created for Forms Test User.').waitFor();
    await page.context().close();
  }, 120_000);

  it('adds an organization with a phone number', async () => {
    const page = await signedInPage(h, 'admin@demo.roundtable.test');
    await page.goto('/organizations/new');
    await useLanguage(page, 'fr');
    await page.getByRole('button', { name: /numéro de téléphone/ }).click();
    const form = page.locator('main form');
    await emptyInFrench(page, form, 'organization-new', 'field-legalName', ['Entrez une valeur']);
    expect((await form.locator('.error-summary li').allInnerTexts()).join('\n')).toMatch(/1.*: .*Entrez une valeur/);

    await useLanguage(page, 'en');
    const name = `Forms Test Organization ${Date.now()}`;
    await page.getByLabel(/^Legal name/).fill(name);
    await page.getByRole('button', { name: 'Add a phone number' }).click();
    await page.getByLabel(/^Number/).fill('call us');
    await page.getByRole('button', { name: 'Add organization' }).click();
    await form.locator('.error-summary').getByText(/Phone 1: Number: Use digits/).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-phones-0-number');
    await page.getByLabel(/^Number/).fill('905-555-0142');
    await shots(page, 'organization-new-en', form);
    await page.getByRole('button', { name: 'Add organization' }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    expect(await page.locator('dl.details').textContent()).toContain('905-555-0142');
    await page.context().close();
  }, 120_000);

  it('updates a service’s availability from the directory staff tools', async () => {
    const page = await signedInPage(h, 'orgadmin@demo.roundtable.test');
    const found = await (await page.request.get(`${h.url}/api/v1/finder/services?q=${encodeURIComponent('Newcomer settlement services')}`)).json();
    const list = (found.items ?? found.results ?? []) as { id: string; name: string }[];
    const service = list.find((s) => s.name === 'Newcomer settlement services') ?? list[0];
    await page.goto(`/find/services/${service.id}`);
    await useLanguage(page, 'fr');
    const form = page.locator('.capacity-form form');
    await form.locator('#field-unit').fill('');
    await form.locator('#field-available').fill('');
    await emptyInFrench(page, form, 'staff-capacity', 'field-unit', ['Entrez une valeur']);
    await page.getByRole('button', { name: 'Modifier', exact: true }).click();
    const edit = page.locator('#service-edit form');
    await edit.locator('#field-name').fill('');
    await edit.locator('#field-minimumAge').fill('200');
    await edit.locator('button[type=submit]').click();
    await edit.locator('.error-summary').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-name');
    expect((await edit.locator('.error-summary li').allInnerTexts()).join('\n')).not.toMatch(ENGLISH);
    await shots(page, 'staff-edit-errors-fr', edit);

    await useLanguage(page, 'en');
    const en = page.locator('.capacity-form form');
    await en.locator('#field-unit').fill('spaces');
    await en.locator('#field-available').fill('4');
    await en.getByRole('button', { name: 'Update availability' }).click();
    await page.getByText('Availability updated.').waitFor();
    await shots(page, 'staff-capacity-done-en', page.locator('.staff-tools'));
    await page.context().close();
  }, 120_000);

  it('imports data: a file is required, and a dry run reports what it would do', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-forms-'));
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, 'indicator_code,geography_code,period,value,status\npopulation.total,3518013,2011,149607,final\n');
    const page = await signedInPage(h, 'admin@demo.roundtable.test');
    await page.goto('/data/import');
    await useLanguage(page, 'fr');
    const form = page.locator('main form');
    await emptyInFrench(page, form, 'data-import', 'field-file', ['Choisissez un fichier CSV']);
    // The format is a pair of radios, each beside its label.
    const radio = await form.getByLabel(/Recensement|recensement/).first().boundingBox();
    expect(radio).not.toBeNull();

    await useLanguage(page, 'en');
    await page.getByLabel(/^CSV file/).setInputFiles(good);
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByText(/Dry run: 1 rows checked\. 1 would be added/).waitFor();
    await shots(page, 'data-import-done-en');
    await expectAccessible(page, 'data import after a dry run');
    fs.rmSync(dir, { recursive: true, force: true });
    await page.context().close();
  }, 120_000);
});
