import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, newPage, screenshot, signedInPage, startHarness, type Harness } from './helpers';

let h: Harness;
let admin: Page;
let orgId: string;
let durhamId: string;

beforeAll(async () => {
  h = await startHarness();
  admin = await signedInPage(h, 'admin@demo.roundtable.test');
  const ids = await admin.evaluate(async () => {
    const orgs = await (await fetch('/api/v1/organizations?q=Community%20Development%20Council%20Durham')).json();
    const geos = await (await fetch('/api/v1/geographies?level=upper_tier')).json();
    return { org: orgs.items[0].id as string, durham: geos.items.find((g: { code: string }) => g.code === '3518').id as string };
  });
  orgId = ids.org;
  durhamId = ids.durham;
});
afterAll(async () => {
  await h?.close();
});

/** Opens a page, waits for its heading (and optionally a piece of content), then runs axe. */
async function check(page: Page, path: string, heading: string | RegExp, waitFor?: string) {
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  if (waitFor) await page.locator(waitFor).first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.loading'));
  await expectAccessible(page, path);
}

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  it('sign-in page, including its error state', async () => {
    const page = await newPage(h);
    await check(page, '/sign-in', 'Sign in', '.demo-hint');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.error-summary').waitFor();
    await expectAccessible(page, '/sign-in with errors');
    await page.context().close();
  });

  // Collaboratives, strategy, data and intake pages are checked in their own browser tests.
  it('home and the module pages', async () => {
    await check(admin, '/', /^Welcome/, '.card-grid');
    await check(admin, '/directory', 'Service directory', '.card-grid');
    expect(await admin.locator('.card-grid').textContent()).toContain('Open Referral HSDS API');
    await check(admin, '/mapping', 'Service mapping', 'table');
    await check(admin, '/mapping/coverage', /Coverage/, '.mapping-heatmap');
  });

  it('organizations: list, detail, users tab, new (with errors) and edit', async () => {
    await check(admin, '/organizations', 'Organizations', '.record-list');
    await check(admin, `/organizations/${orgId}`, 'Community Development Council Durham', 'dl.details');
    await check(admin, `/organizations/${orgId}/users`, 'Community Development Council Durham', 'table');
    await check(admin, '/organizations/new', 'Add an organization');
    await admin.getByRole('button', { name: 'Add a phone number' }).click();
    await admin.getByRole('button', { name: 'Add an address' }).click();
    await admin.getByRole('button', { name: 'Add organization' }).click();
    await admin.locator('.error-summary li').first().waitFor();
    await expectAccessible(admin, '/organizations/new with errors');
    await screenshot(admin, 'organization-form-errors');
    await check(admin, `/organizations/${orgId}/edit`, /^Edit /);
  });

  it('places with the map', async () => {
    await check(admin, '/places', 'Places', '.place-tree a');
    await check(admin, `/places/${durhamId}`, 'Places', 'figure.boundary-map');
  });

  it('admin pages and account', async () => {
    await check(admin, '/admin/audit', 'Audit log', 'table');
    await screenshot(admin, 'audit');
    await check(admin, '/admin/users', 'Users', 'table');
    await admin.getByRole('button', { name: 'Add a user' }).click();
    await admin.getByRole('heading', { name: 'Create an account' }).waitFor();
    await expectAccessible(admin, '/admin/users with the create form');
    await check(admin, '/account', 'Your account');
  });

  it('in French', async () => {
    await admin.goto('/');
    await admin.getByRole('button', { name: 'Français' }).click();
    await admin.getByRole('heading', { level: 1, name: /^Bienvenue/ }).waitFor();
    await check(admin, '/organizations', 'Organismes', '.record-list');
    await admin.getByRole('button', { name: 'English' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor();
  });

  it('at 375 px wide, with the menu open', async () => {
    const phone = await signedInPage(h, 'admin@demo.roundtable.test', { width: 375, height: 740 });
    await check(phone, '/organizations', 'Organizations', '.record-list');
    await phone.getByRole('button', { name: 'Menu', exact: true }).click();
    await expectAccessible(phone, '/organizations at 375px with the menu open');
    await screenshot(phone, 'organizations-375-menu');
    await phone.context().close();
  });
});
