import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, screenshot, signedInPage, signIn, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('signing in', () => {
  it('sends visitors to sign-in, explains a wrong password, then returns them where they were going', async () => {
    const page = await newPage(h);
    await page.goto('/organizations');
    await page.waitForURL('**/sign-in?next=%2Forganizations');
    // The hint appears once /meta answers; wait for it rather than sampling the page once.
    await page.getByText('Demo data: accounts are listed in the README.').waitFor();
    await expect(page.locator('.demo-hint code').textContent()).resolves.toBe('roundtable-demo');

    await page.getByLabel('Email address').fill('admin@demo.roundtable.test');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The email address or password is not correct.');
    expect(page.url()).toContain('/sign-in');

    await page.getByLabel('Password').fill('roundtable-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/organizations');
    await page.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor();
    await page.context().close();
  });

  it('lands an admin on home with a greeting, the demo badge and the admin links', async () => {
    const page = await newPage(h);
    await signIn(page, 'admin@demo.roundtable.test');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Welcome, /);
    await expect(page.getByText('Demo account', { exact: true }).isVisible()).resolves.toBe(true);
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Home', 'Service directory', 'Collaboratives', 'Organizations', 'Places', 'Users', 'Audit log']) {
      await expect(nav.getByRole('link', { name, exact: true }).isVisible()).resolves.toBe(true);
    }
    await screenshot(page, 'home');
    await page.context().close();
  });

  it('hides admin links from a member', async () => {
    const page = await signedInPage(h, 'member@demo.roundtable.test');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Organizations', exact: true }).isVisible()).resolves.toBe(true);
    expect(await nav.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Users', exact: true }).count()).toBe(0);
    await page.context().close();
  });
});

describe('language', () => {
  it('switches the interface to French and back, and remembers the choice', async () => {
    const page = await signedInPage(h, 'admin@demo.roundtable.test');
    const nav = page.getByRole('navigation').first();
    await page.getByRole('button', { name: 'Français' }).click();
    await nav.getByRole('link', { name: 'Organismes' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await nav.getByRole('link', { name: "Journal d'audit" }).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Bienvenue, /);

    await page.reload();
    await nav.getByRole('link', { name: 'Organismes' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');

    await page.getByRole('button', { name: 'English' }).click();
    await nav.getByRole('link', { name: 'Organizations' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.context().close();
  });
});

async function csrfFetch(page: Page, method: string, path: string, body: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const s = await (await fetch('/api/v1/auth/session')).json();
      const res = await fetch(`/api/v1${path}`, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': s.csrfToken }, body: JSON.stringify(body) });
      return { status: res.status, body: await res.json() };
    },
    { method, path, body },
  );
}

describe('organizations', () => {
  it('creates an organization through the form, fixing a field error, and finds it in the audit log', async () => {
    const page = await signedInPage(h, 'admin@demo.roundtable.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations', exact: true }).click();
    await page.getByRole('link', { name: 'Add an organization' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add an organization' }).waitFor();

    const name = `Ajax Newcomer Welcome Hub ${Date.now()}`;
    await page.getByLabel(/^Legal name/).fill(name);
    await page.getByLabel('Other names').fill('ANWH');
    await page.getByLabel('Partner category').selectOption('voluntary_nonprofit');
    await page.getByLabel('Sector').selectOption('settlement');
    await page.getByLabel('Municipality').selectOption({ label: 'Ajax' });
    await page.getByLabel('Website').fill('www.ajax-welcome.example');
    await page.getByRole('button', { name: 'Add a phone number' }).click();
    await page.getByLabel(/^Number/).fill('905-555-0199');
    await page.getByRole('button', { name: 'Add an address' }).click();
    await page.getByLabel(/^Street address/).fill('1 Harwood Ave S');
    await page.getByLabel(/^City or town/).fill('Ajax');
    await page.getByLabel('Postal code').fill('L1S 2B9');
    await page.getByRole('button', { name: 'Add organization' }).click();

    // The server refuses the website; the message sits next to the field and in the summary.
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Start the website with http:// or https://');
    const website = page.getByLabel('Website');
    expect(await website.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await website.getAttribute('aria-describedby'))!.split(' ');
    const messages = await Promise.all(describedBy.map((id) => page.locator(`#${id}`).textContent()));
    expect(messages.join(' ')).toContain('Start the website with http:// or https://');

    await website.fill('https://www.ajax-welcome.example');
    await page.getByRole('button', { name: 'Add organization' }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const details = page.locator('dl.details');
    expect(await details.textContent()).toContain('https://www.ajax-welcome.example');
    expect(await details.textContent()).toContain('905-555-0199');
    expect(await details.textContent()).toContain('Voluntary and non-profit');
    await details.getByRole('link', { name: 'Ajax', exact: true }).waitFor();

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    const row = page.locator(`tr[data-action="organization.create"][data-entity-id="${id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Organization created');
    expect(await row.textContent()).toContain('admin@demo.roundtable.test');
    expect(await row.getByRole('link').textContent()).toBe(name);

    // Filtering by action keeps it and drops sign-ins.
    await page.getByLabel('Action').selectOption('organization.create');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL('**/admin/audit?action=organization.create');
    await row.waitFor();
    expect(await page.locator('tr[data-action="auth.login"]').count()).toBe(0);
    await page.context().close();
  });

  it('searches by name, shows an empty state, and keeps the query in the address', async () => {
    const page = await signedInPage(h, 'staff@demo.roundtable.test');
    await page.goto('/organizations');
    await page.locator('.record-list li').first().waitFor();
    await page.getByLabel('Search by name').fill('Community Development');
    await page.waitForURL(/q=Community\+Development/);
    await page.getByRole('link', { name: /Community Development Council Durham/ }).waitFor();
    await screenshot(page, 'organizations');
    await page.getByLabel('Search by name').fill('zzzz-no-such-organization');
    await page.getByRole('heading', { name: 'No matching organizations' }).waitFor();
    await page.context().close();
  });

  it('tells the editor when someone else saved first, and loads the current version', async () => {
    const page = await signedInPage(h, 'admin@demo.roundtable.test');
    await page.goto('/organizations?q=Community%20Development%20Council');
    await page.getByRole('link', { name: /Community Development Council Durham/ }).click();
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel(/^Legal name/).waitFor();
    const id = page.url().split('/').at(-2)!;

    const current = await page.evaluate(async (id) => (await fetch(`/api/v1/organizations/${id}`)).json(), id);
    const other = await csrfFetch(page, 'PATCH', `/organizations/${id}`, { version: current.version, description: 'Changed by a colleague' });
    expect(other.status).toBe(200);

    await page.getByLabel('Description').fill('My edit');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Someone else changed this organization' }).waitFor();
    await page.getByRole('button', { name: 'Load the current version' }).click();
    expect(await page.getByLabel('Description').inputValue()).toBe('Changed by a colleague');
    await page.getByLabel('Description').fill('My edit, on top of theirs');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(`**/organizations/${id}`);
    await page.getByText('My edit, on top of theirs').waitFor();
    await page.context().close();
  });
});

describe('places', () => {
  it('draws Durham municipalities as a labelled, focusable offline map', async () => {
    const page = await newPage(h);
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(h.url)) external.push(r.url());
    });
    await signIn(page, 'viewer@demo.roundtable.test');
    await page.goto('/places');
    await page.getByRole('navigation', { name: 'Places' }).getByRole('link', { name: /Durham/ }).click();
    const map = page.locator('figure.boundary-map svg');
    await map.waitFor();
    const areas = map.locator('a');
    expect(await areas.count()).toBe(8);
    const names = await areas.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(names).toContain('Oshawa');
    expect(names).toContain('Ajax');
    // Real Statistics Canada boundaries, credited as their NOTICE asks.
    expect(await page.locator('figure.boundary-map figcaption').textContent()).toContain('Open Government Licence – Canada');
    await areas.first().focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(names[0]);
    await screenshot(page, 'places');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: names[0]! }).waitFor();
    expect(external).toEqual([]);
    await page.context().close();
  });
});

describe('keyboard', () => {
  it('reaches the skip link first, and it moves focus to the main content', async () => {
    const page = await signedInPage(h, 'admin@demo.roundtable.test');
    await page.goto('/organizations');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    expect(await page.locator('.skip-link').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
    await page.context().close();
  });

  it('collapses the navigation behind a menu button on a phone', async () => {
    const page = await signedInPage(h, 'admin@demo.roundtable.test', { width: 375, height: 740 });
    const menu = page.getByRole('button', { name: 'Menu', exact: true });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    const navLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations', exact: true });
    expect(await navLink.isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await navLink.click();
    await page.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await page.context().close();
  });
});
