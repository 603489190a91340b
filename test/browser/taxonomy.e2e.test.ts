import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, signedInPage, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('need categories (taxonomy admin)', () => {
  it('lets a directory admin add a bilingual term that the public finder then offers', async () => {
    const page = await signedInPage(h, 'admin@demo.roundtable.test');
    await page.goto('/directory');
    await page.getByRole('link', { name: 'Need categories' }).click();
    await page.getByRole('heading', { level: 1, name: 'Need categories' }).waitFor();
    await page.getByRole('rowheader', { name: 'Information and awareness services' }).waitFor();
    await page.getByLabel('Taxonomy').selectOption({ label: 'Roundtable need domains' });
    await page.getByRole('rowheader', { name: 'Food banks' }).waitFor();
    await expectAccessible(page, 'taxonomy admin');

    await page.getByRole('button', { name: 'Add a term' }).click();
    await page.getByRole('button', { name: 'Save term' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel(/Name \(English\)/).fill('Community meals');
    await page.getByLabel('Name (French)').fill('Repas communautaires');
    await page.getByLabel('Code').fill('food.meals');
    await page.getByLabel('Under').selectOption({ label: 'Food' });
    await page.getByRole('button', { name: 'Save term' }).click();
    await page.getByText('Saved Community meals.').waitFor();
    await page.getByRole('rowheader', { name: 'Community meals' }).waitFor();

    const res = await page.request.get(`${h.url}/api/v1/finder/categories?lang=fr`);
    const needs = (await res.json()).taxonomies.find((x: { name: string }) => x.name === 'Roundtable need domains');
    const food = needs.terms.find((x: { code: string }) => x.code === 'food');
    expect(food.children.map((c: { name: string }) => c.name)).toContain('Repas communautaires');

    await page.getByRole('button', { name: 'Edit Community meals' }).click();
    await page.getByLabel(/Name \(English\)/).fill('Community meals and soup kitchens');
    await page.getByRole('button', { name: 'Save term' }).click();
    await page.getByRole('rowheader', { name: 'Community meals and soup kitchens' }).waitFor();

    // In French the terms are named in French, the English name beside them, and the code
    // last, marked as code; outside <code> the table has no code-like token.
    await page.locator('button.language-switch:visible').first().click(); // the header's language switch, in place
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    const row = page.getByRole('row', { name: /Repas communautaires/ });
    await row.getByRole('rowheader', { name: 'Repas communautaires' }).waitFor();
    expect(await row.getByRole('rowheader').getAttribute('lang')).toBe('fr');
    expect(await row.locator('td[lang="en"]').innerText()).toBe('Community meals and soup kitchens');
    expect(await row.locator('code').innerText()).toBe('food.meals');
    const words = await page.locator('main table').evaluate((t) => {
      const c = t.cloneNode(true) as HTMLElement;
      c.querySelectorAll('code').forEach((x) => x.remove());
      return c.textContent ?? '';
    });
    expect(words).not.toMatch(/\b[a-z]{2,}\.[a-z_]{2,}\b|\b[a-z]+_[a-z_]+\b/);
    expect(await page.getByRole('columnheader', { name: 'Code (importations et API)' }).count()).toBe(1);
  });

  it('is not offered to organization staff', async () => {
    const page = await signedInPage(h, 'orgadmin@demo.roundtable.test');
    await page.goto('/directory');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Need categories' }).count()).toBe(0);
  });
});
