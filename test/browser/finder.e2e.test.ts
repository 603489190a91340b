import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newPage, screenshot, signedInPage, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const results = (page: Page) => page.locator('ol.service-list > li');
const resultNames = (page: Page) => page.locator('ol.service-list > li h3').allTextContents();

/** Waits until the results reflect the current address (the heading count is live). */
async function waitForResults(page: Page) {
  await page.getByRole('heading', { level: 2, name: /services? found/ }).waitFor();
  await page.waitForFunction(() => !document.querySelector('.loading') && !document.querySelector('.finder-results[aria-busy="true"]'));
}

async function search(page: Page, words: string) {
  await page.getByLabel('What do you need help with?').fill(words);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForURL((u) => u.searchParams.get('q') === words);
  await waitForResults(page);
}

describe('public service finder (no sign-in)', () => {
  it('is linked from the sign-in page, finds the food bank first, and shares the search in the address', async () => {
    const page = await newPage(h);
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(h.url)) external.push(r.url());
    });
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Find a service' }).click();
    await page.getByRole('heading', { level: 1, name: 'Find a service' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    await waitForResults(page);

    await search(page, 'food bank');
    await expect.poll(async () => (await resultNames(page))[0]).toBe('Emergency food bank');
    const first = results(page).first();
    expect(await first.textContent()).toContain('Durham Region Unemployed Help Centre');
    expect(await first.locator('.badge-free').textContent()).toBe('Free');
    expect(await first.textContent()).toMatch(/35 hampers this week available \(of 120\) · updated (today|yesterday|\d+ days ago)/);

    // The map draws a labelled, focusable dot per location, offline.
    const dots = page.locator('figure.services-map a.map-dot');
    await dots.first().waitFor();
    expect(await dots.first().getAttribute('aria-label')).toMatch(/^1\. Emergency food bank/);
    await dots.first().focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/Emergency food bank/);
    await expectAccessible(page, '/find?q=food+bank');
    await screenshot(page, 'finder-food-bank');

    // Back restores the previous search.
    await search(page, 'housing');
    await page.goBack();
    await page.waitForURL((u) => u.searchParams.get('q') === 'food bank');
    expect(await page.getByLabel('What do you need help with?').inputValue()).toBe('food bank');
    expect(external).toEqual([]);
    await page.context().close();
  });

  it('corrects a misspelling and says so', async () => {
    const page = await newPage(h);
    await page.goto('/find?q=langage%20clases');
    await waitForResults(page);
    const corrected = page.locator('p.corrected');
    await corrected.waitFor();
    expect(await corrected.textContent()).toBe('Showing results for language classes');
    expect((await resultNames(page)).some((n) => /LINC|ESL/.test(n))).toBe(true);
    await page.context().close();
  });

  it('filters by language, municipality, and distance from a postal code', async () => {
    const page = await newPage(h);
    await page.goto('/find');
    await waitForResults(page);
    await page.getByText('Filters', { exact: true }).click();

    await page.getByLabel('Language offered').selectOption({ label: 'French (6 services)' });
    await page.waitForURL(/language=fr/);
    await waitForResults(page);
    await expect.poll(() => results(page).count()).toBe(6);
    for (const text of await results(page).allTextContents()) expect(text).toMatch(/French/);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((u) => !u.search.includes('language'));
    await page.getByText('Filters', { exact: true }).click();
    await page.getByLabel('Municipality').selectOption({ label: 'Whitby' });
    await page.waitForURL(/municipality=/);
    await waitForResults(page);
    const whitby = await resultNames(page);
    expect(whitby.length).toBeGreaterThan(0);
    expect(whitby).toContain('Ontario Works financial and employment assistance');
    // Region-wide services serve every municipality, so they stay; the choice sticks across a reload.
    await page.reload();
    await waitForResults(page);
    expect(await page.getByLabel('Municipality').locator('option:checked').textContent()).toBe('Whitby');

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((u) => !u.search.includes('municipality'));
    await page.getByText('Filters', { exact: true }).click();
    await page.getByLabel('Near (postal code or place)').fill('ZZZ 999');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const near = page.getByLabel('Near (postal code or place)');
    await expect.poll(() => near.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.error-summary').textContent()).toContain('Unknown postal code or place');

    await near.fill('L1H 7K4');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/near=L1H/);
    await waitForResults(page);
    await page.getByText(/^Distances are from /).waitFor();
    const distances = await page.locator('.distance').allTextContents();
    expect(distances.length).toBeGreaterThan(0);
    for (const d of distances) expect(d).toMatch(/^\d+(\.\d)? km away$/);
    const km = distances.map((d) => parseFloat(d));
    expect(km).toEqual([...km].sort((a, b) => a - b));
    await page.context().close();
  });

  it('says what to do when nothing matches', async () => {
    const page = await newPage(h);
    await page.goto('/find?q=zzqxv%20nothing%20here&free=true&wheelchair=true&openNow=true');
    await page.getByRole('heading', { name: 'No services match' }).waitFor();
    expect(await page.locator('.empty-state a[href="tel:211"]').textContent()).toBe('call 211');
    await page.context().close();
  });

  it('shows a service page with how to apply, hours and contact, then switches to French', async () => {
    const page = await newPage(h);
    await page.goto('/find?q=newcomer%20settlement');
    await waitForResults(page);
    await page.getByRole('link', { name: 'Newcomer settlement services' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Newcomer settlement services' }).waitFor();
    await page.getByRole('heading', { name: 'How to apply' }).waitFor();
    expect(await page.locator('article').textContent()).toContain('a settlement worker books a first meeting');
    // Formatted by Intl (and rrule for the days); Intl spaces are normalised to plain ones.
    const hours = async () => (await page.locator('ul.hours').first().textContent())?.replace(/[\u202f\u00a0\u2009]/g, ' ');
    expect(await hours()).toBe('Monday–Friday, 9:00 a.m.–4:30 p.m.');
    expect(await page.locator('article').textContent()).toContain('Documents to bring');
    // Phones come from the service or its organization; when the server lists one it is a tel: link.
    const id = page.url().split('/').pop()!;
    const api = await page.evaluate(async (id) => (await fetch(`/api/v1/finder/services/${id}`)).json(), id);
    if (api.phones.length) expect(await page.locator('a[href^="tel:"]').first().textContent()).toBe(api.phones[0].number);
    await expectAccessible(page, '/find/services/:id');
    await screenshot(page, 'finder-service');

    await page.getByRole('link', { name: 'Back to results' }).click();
    await page.waitForURL(/q=newcomer/);

    await page.goto('/find?q=food%20bank');
    await waitForResults(page);
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trouver un service' }).waitFor();
    await page.locator('ol.service-list').getByRole('link', { name: 'Banque alimentaire d’urgence' }).click();
    await page.getByRole('heading', { level: 1, name: 'Banque alimentaire d’urgence' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await hours()).toBe('Lundi, mercredi et vendredi, 10 h 00 – 14 h 00');
    await page.getByRole('heading', { name: 'Comment faire une demande' }).waitFor();
    await page.context().close();
  });

  it('works at 375 px wide without sideways scrolling', async () => {
    const page = await newPage(h, { width: 375, height: 800 });
    await page.goto('/find?q=language%20classes');
    await waitForResults(page);
    await results(page).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    await expectAccessible(page, '/find at 375px');
    await screenshot(page, 'finder-375');
    await page.getByText('Filters', { exact: true }).click();
    await expectAccessible(page, '/find at 375px with filters open');
    await results(page).first().getByRole('link').click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'How to apply' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    await screenshot(page, 'finder-service-375');
    await page.context().close();
  });

  it('prints a clean resource list', async () => {
    const page = await newPage(h);
    await page.goto('/find?q=food%20bank');
    await waitForResults(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.finder-form').isVisible()).toBe(false);
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    const item = results(page).first();
    expect(await item.locator('.print-details').isVisible()).toBe(true);
    expect(await item.textContent()).toContain('Come during food bank hours');
    await page.context().close();
  });
});

describe('directory staff', () => {
  it('edits, verifies and updates capacity of a CDCD service; the public page shows it', async () => {
    const page = await signedInPage(h, 'orgadmin@demo.roundtable.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Service directory' }).click();
    await page.getByRole('heading', { level: 1, name: 'Service directory' }).waitFor();
    expect(await page.getByRole('link', { name: 'Open Referral HSDS API' }).getAttribute('href')).toBe('/hsds/services');
    await page.getByRole('link', { name: 'Find a service' }).click();
    await search(page, 'Newcomer settlement services');
    await page.getByRole('link', { name: 'Newcomer settlement services' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Newcomer settlement services' }).waitFor();
    const url = page.url();

    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const description = page.getByLabel('Description (English)');
    expect(await description.inputValue()).toContain('Settlement workers help newcomers');
    expect(await page.getByLabel('Name (French)').inputValue()).toBe('Services d’établissement pour les nouveaux arrivants');

    // A field error from the form, then the 409 when a colleague saved first.
    await page.getByLabel(/^Name \(English\)/).fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.getByLabel(/^Name \(English\)/).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel(/^Name \(English\)/).fill('Newcomer settlement services');

    const id = url.split('/').pop()!;
    const colleague = await page.evaluate(async (id) => {
      const s = await (await fetch('/api/v1/auth/session')).json();
      const current = await (await fetch(`/api/v1/finder/services/${id}`)).json();
      const res = await fetch(`/api/v1/directory/services/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': s.csrfToken },
        body: JSON.stringify({ version: current.version, eligibility_description: 'Permanent residents, protected persons and refugee claimants.' }),
      });
      return res.status;
    }, id);
    expect(colleague).toBe(200);
    const mine = 'Settlement workers help you settle in Durham: orientation, needs assessment and referrals. Updated by staff.';
    await description.fill(mine);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Someone else changed this service' }).waitFor();
    await page.getByRole('button', { name: 'Load the current version' }).click();
    // Loading the current version is a fetch; the notice goes when the form holds it.
    await page.getByRole('heading', { name: 'Someone else changed this service' }).waitFor({ state: 'detached' });
    expect(await page.getByLabel('Eligibility').inputValue()).toBe('Permanent residents, protected persons and refugee claimants.');
    await description.fill(mine);
    await expectAccessible(page, '/find/services/:id with the edit form');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved.').waitFor();

    await page.getByRole('button', { name: 'Mark as verified' }).click();
    await page.getByText('Marked as verified today.').waitFor();
    await page.getByText(/^Information checked on .* by /).waitFor();

    await page.getByLabel('What you count').fill('appointments per week');
    await page.getByLabel('Available now').fill('7');
    await page.getByLabel('Maximum (optional)').fill('5');
    await page.getByRole('button', { name: 'Update availability' }).click();
    await page.locator('.capacity-form .error-summary').waitFor();
    await page.getByLabel('Maximum (optional)').fill('10');
    await page.getByRole('button', { name: 'Update availability' }).click();
    await page.getByText('Availability updated.').waitFor();
    await page.context().close();

    // Anyone sees the changes.
    const visitor = await newPage(h);
    await visitor.goto(url);
    await visitor.getByRole('heading', { level: 1, name: 'Newcomer settlement services' }).waitFor();
    const article = visitor.locator('article');
    await visitor.getByText(mine).waitFor();
    expect(await article.textContent()).toContain('Permanent residents, protected persons and refugee claimants.');
    expect(await article.textContent()).toMatch(/7 appointments per week available \(of 10\) · updated today/);
    expect(await article.textContent()).toMatch(/Information checked on .* by /);
    expect(await visitor.getByRole('button', { name: 'Mark as verified' }).count()).toBe(0);
    await visitor.context().close();
  });

  it('lists services to review and verifies one from the queue', async () => {
    const page = await signedInPage(h, 'orgadmin@demo.roundtable.test');
    await page.goto('/directory');
    await page.getByRole('link', { name: 'Review queue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
    const rows = page.locator('table.review-table tbody tr');
    await rows.first().waitFor();
    const before = await rows.count();
    const name = (await rows.first().locator('td').first().textContent())!;
    expect(await page.locator('table.review-table').textContent()).toContain('Community Development Council Durham');
    await expectAccessible(page, '/directory/review');
    await rows.first().getByRole('button', { name: /^Mark as verified/ }).click();
    await page.getByText(`${name} marked as verified.`).waitFor();
    await expect.poll(() => rows.count()).toBe(before - 1);
    // Organization admins cannot change the review period.
    expect(await page.getByLabel('Review after (months)').count()).toBe(0);
    await page.context().close();
  });

  it('lets a platform admin change how many months before review', async () => {
    const page = await signedInPage(h, 'admin@demo.roundtable.test');
    await page.goto('/directory/review');
    await page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
    const months = page.getByLabel('Review after (months)');
    await months.fill('6');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Services not verified in the last 6 months.', { exact: false }).waitFor();
    await expectAccessible(page, '/directory/review as platform admin');
    await page.context().close();
  });
});
