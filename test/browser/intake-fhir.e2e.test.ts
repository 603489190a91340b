import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, signedInPage, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 180_000);
afterAll(async () => {
  await h?.close();
});

const FIXTURES = path.resolve(__dirname, '../fixtures/fhir');

describe('FHIR referrals from other systems', () => {
  it('a worker imports a FHIR file: preview of the client, need and state, then confirm; a bad file names the element; at 390 px', async () => {
    const page = await signedInPage(h, 'staff@demo.roundtable.test', { width: 390, height: 844 });
    await page.goto('/intake');
    const section = page.getByRole('region', { name: 'Import a referral from another system (FHIR)' });
    await section.waitFor();
    // Nothing chosen: the summary says so and focus goes to the file input.
    await section.getByRole('button', { name: 'Import the referral' }).click();
    await section.locator('.error-summary').getByText('Choose a FHIR file, or drop it here: Choose a FHIR file to import.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-fhir-file');
    // A bundle with an error: the element at fault is named, nothing is saved.
    await section.getByLabel('Choose a FHIR file, or drop it here').setInputFiles(path.join(FIXTURES, 'invalid-no-subject.json'));
    await section.getByText('entry[0].resource.subject').waitFor();
    await expectAccessible(page, 'FHIR import error');

    await section.getByLabel('Choose a FHIR file, or drop it here').setInputFiles(path.join(FIXTURES, 'food-insecurity-accepted.json'));
    await section.getByRole('heading', { name: /What importing food-insecurity-accepted.json will do/ }).waitFor();
    expect(await section.textContent()).toContain('New client: Adaeze Fictional-Okafor');
    expect(await section.textContent()).toContain('Accepted');
    await expectAccessible(page, 'FHIR import preview');
    await screenshot(page, 'intake-fhir-preview');
    // The import panel adds no sideways scrolling at 390 px (the worklist's own tables already
    // make the page wider with the demo data; that is measured with and without the panel).
    const [withPanel, withoutPanel] = await page.evaluate(() => {
      const panel = document.querySelector<HTMLElement>('section[aria-labelledby=fhir-import-title]')!;
      const w = document.documentElement.scrollWidth;
      panel.style.display = 'none';
      const wo = document.documentElement.scrollWidth;
      panel.style.display = '';
      return [w, wo];
    });
    expect(withPanel).toBeLessThanOrEqual(withoutPanel);
    await section.getByRole('button', { name: 'Import the referral' }).click();
    await section.getByText('The referral was imported.').waitFor();
    await section.getByRole('link', { name: 'Open the referral' }).click();
    await page.getByRole('heading', { level: 1, name: /^Referral/ }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Needs food support for a family of four this week');

    // The same file again: nothing new to import.
    await page.goto('/intake');
    await section.getByLabel('Choose a FHIR file, or drop it here').setInputFiles({ name: 'again.json', mimeType: 'application/fhir+json', buffer: fs.readFileSync(path.join(FIXTURES, 'food-insecurity-accepted.json')) });
    await section.getByText('This was already imported and nothing has changed.').waitFor();
  });

  it('an organization admin creates an API client (token shown once) and revokes it', async () => {
    const page = await signedInPage(h, 'orgadmin@demo.roundtable.test');
    await page.goto('/admin/api-clients');
    await page.getByRole('heading', { level: 1, name: 'API clients' }).waitFor();
    await page.getByLabel('Name').fill('Fictional hospital referral system');
    await page.getByLabel(/Update a task's status/).check();
    await page.getByRole('button', { name: 'Create the API client' }).click();
    const token = await page.getByLabel('Token').inputValue();
    expect(token).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{40,}$/);
    await expectAccessible(page, 'API client token shown once');
    // The token works on /fhir, then stops when revoked.
    const call = () => page.evaluate(async (tk) => (await fetch('/fhir/Task', { headers: { authorization: `Bearer ${tk}` } })).status, token);
    expect(await call()).toBe(200);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    expect(await page.getByLabel('Token').count()).toBe(0);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Revoke Fictional hospital referral system' }).click();
    await page.getByText(/^Revoked /).waitFor();
    expect(await call()).toBe(401);
    await expectAccessible(page, 'API clients list');
  });
});
