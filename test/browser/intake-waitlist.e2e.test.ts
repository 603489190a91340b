import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, screenshot, signedInPage, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 180_000);
afterAll(async () => {
  await h?.close();
});

// A demo referral from CDCD that Northern Lights has received but not yet answered (intake.seeds.ts).
const CLIENT = 'Bogdan Fictional-Kovalenko';

describe('Waitlisted referrals, live on both sides', () => {
  it('the receiving partner puts a referral on the waitlist and the sender sees "Waitlisted" without reloading', async () => {
    const partner = await signedInPage(h, 'partner@demo.roundtable.test');
    await partner.goto('/intake');
    const link = partner.getByRole('region', { name: 'Incoming referrals to accept' }).getByRole('link', { name: CLIENT });
    await link.waitFor();
    await link.click();
    await partner.getByRole('heading', { level: 1, name: /^Referral/ }).waitFor();
    const referralPath = new URL(partner.url()).pathname;

    // The sender has the same referral open before anything changes.
    const staff = await signedInPage(h, 'staff@demo.roundtable.test');
    await staff.goto(referralPath);
    const staffStatus = staff.locator('dl.details');
    await staffStatus.getByText('Received', { exact: true }).waitFor();
    // Let the event stream open before the partner moves.
    await staff.waitForTimeout(500);

    await partner.getByRole('button', { name: 'Accept' }).click();
    await partner.getByText('The referral is now: Accepted.').waitFor();
    await partner.getByRole('button', { name: 'Put on the waitlist' }).click();
    await partner.getByLabel('When a place is expected (optional)').waitFor();
    await expectAccessible(partner, 'waitlist form');
    // A date in the past is refused, naming the field.
    await partner.getByLabel('When a place is expected (optional)').fill('2020-01-01');
    await partner.getByRole('button', { name: 'Put on the waitlist' }).last().click();
    await partner.locator('.error-summary').getByText(/expected date cannot be in the past/i).waitFor();
    const expected = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await partner.getByLabel('When a place is expected (optional)').fill(expected);
    await partner.getByLabel('Note for the referring worker (optional)').fill('Next workshop intake is full; first place that opens');
    await partner.getByRole('button', { name: 'Put on the waitlist' }).last().click();
    await partner.getByText('The referral is now: Waitlisted.').waitFor();
    expect(await partner.locator('dl.details').textContent()).toContain(expected);
    expect(await partner.getByRole('button', { name: 'Start the service' }).count()).toBe(1);
    expect(await partner.getByRole('button', { name: 'Decline' }).count()).toBe(0);
    await expectAccessible(partner, 'referral waitlisted (receiver)');
    await screenshot(partner, 'intake-waitlist-partner');

    // Live: well inside the 15 s fallback refetch, with no reload.
    await staffStatus.getByText('Waitlisted', { exact: true }).waitFor({ timeout: 8_000 });
    await staff.getByRole('status').getByText('The status changed: Waitlisted.').waitFor();
    expect(await staffStatus.textContent()).toContain('Next workshop intake is full');
    expect(await staff.getByRole('button', { name: 'Cancel the referral' }).count()).toBe(1);
    await expectAccessible(staff, 'referral waitlisted (sender, live)');
    await screenshot(staff, 'intake-waitlist-sender');

    await staff.goto('/intake');
    const waitlisted = staff.getByRole('region', { name: 'My referrals on a waitlist' });
    const row = waitlisted.getByRole('row', { name: new RegExp(CLIENT) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Waitlisted');
    await expectAccessible(staff, 'worklist with waitlisted referrals');
    await screenshot(staff, 'intake-waitlist-worklist');
    await partner.context().close();
    await staff.context().close();
  });

  it('a partner without an account answers "Accept, but waitlist" from the secure link', async () => {
    const staff = await signedInPage(h, 'staff@demo.roundtable.test');
    await staff.goto('/intake');
    const found = await api(staff, 'GET', '/intake/clients?q=Okafor');
    const clientId = found.body.items[0].id as string;
    expect((await api(staff, 'POST', `/intake/clients/${clientId}/consents`, { purpose: 'referral', dataCategories: ['identity', 'referral'], externalPartner: 'Fictional Community Kitchen', method: 'verbal_witnessed', witnessName: 'Demo witness' })).status).toBe(201);
    const ref = await api(staff, 'POST', '/intake/referrals', { clientId, externalPartner: 'Fictional Community Kitchen', toContactName: 'Pat Fictional', reason: 'Fictional: food support while job hunting', sharedCategories: ['identity'] });
    expect(ref.status).toBe(201);
    const link = await api(staff, 'POST', `/intake/referrals/${ref.body.id}/link`, {});
    expect(link.status).toBe(201);

    const outside = await h.browser.newContext({ baseURL: h.url, locale: 'en-CA' }).then((c) => c.newPage());
    await outside.goto(link.body.url);
    await outside.getByRole('heading', { name: 'Accept, decline or waitlist' }).waitFor();
    // Nothing chosen: the summary says what is missing and focus goes to the answer.
    await outside.getByRole('button', { name: 'Send my answer' }).click();
    await outside.locator('.error-summary').getByText('Your answer: Choose an option from the list.').waitFor();
    expect(await outside.evaluate(() => document.activeElement?.getAttribute('value'))).toBe('accept');
    // Declining needs a reason: said in French when the page is in French.
    await outside.getByRole('button', { name: 'Français' }).click();
    await outside.getByRole('radio', { name: 'Refuser' }).check();
    await outside.getByRole('button', { name: 'Envoyer ma réponse' }).click();
    await outside.locator('.error-summary').getByText('Raison en cas de refus, ou note si liste d’attente: Entrez une valeur').waitFor();
    expect(await outside.evaluate(() => document.activeElement?.id)).toBe('field-reason');
    await outside.getByRole('button', { name: 'English' }).click();
    await outside.getByLabel('Reason if you decline, or note if you waitlist').fill('Kitchen program full until the new year');
    await outside.getByRole('radio', { name: 'Accept, but waitlist (no place yet)' }).check();
    await expectAccessible(outside, 'partner link with waitlist choice');
    await outside.getByRole('button', { name: 'Send my answer' }).click();
    await outside.getByText('Thank you. The referring worker can see your answer.').waitFor();
    await outside.locator('dl.details').getByText('Waitlisted', { exact: true }).waitFor();
    // Once a place opens, the partner reports the outcome on the same link.
    await outside.getByRole('heading', { name: 'Report the outcome' }).waitFor();
    await expectAccessible(outside, 'partner link waitlisted');
    await screenshot(outside, 'intake-waitlist-partner-link');
    await outside.context().close();

    await staff.goto(`/intake/referrals/${ref.body.id}`);
    await staff.locator('dl.details').getByText('Waitlisted', { exact: true }).waitFor();
    expect(await staff.locator('dl.details').textContent()).toContain('Kitchen program full until the new year');
    await staff.context().close();
  });
});

async function api(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const s = await (await fetch('/api/v1/auth/session')).json();
      const res = await fetch(`/api/v1${path}`, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': s.csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: await res.json() };
    },
    { method, path, body },
  );
}
