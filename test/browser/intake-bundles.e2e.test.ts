import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, signedInPage, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 180_000);
afterAll(async () => {
  await h?.close();
});

const BUNDLE = 'Browser newcomer work start';
const CLIENT = 'Amina Fictional-Haddad'; // demo client: employment and language needs at acuity 2, born 1988
const YOUTH = 'Job search workshops for newcomer youth'; // ages 15–30: she needs an override

describe('Support bundles', () => {
  it('an org admin creates a bundle; a worker sees it on a matching client and refers from it', async () => {
    const admin = await signedInPage(h, 'orgadmin@demo.roundtable.test');
    await admin.goto('/intake');
    await admin.getByRole('link', { name: 'Support bundles' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Support bundles' }).waitFor();
    await admin.getByRole('row', { name: /Newcomer job start/ }).waitFor(); // seeded
    await expectAccessible(admin, 'bundles list');

    await admin.getByRole('button', { name: 'New support bundle' }).click();
    await admin.getByRole('button', { name: 'Create the bundle' }).click();
    const summary = admin.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/Name: Enter a value/);
    expect(await summary.textContent()).toMatch(/Needs:/);
    await expectAccessible(admin, 'bundle form with errors');

    await admin.getByLabel(/^Name/).fill(BUNDLE);
    await admin.getByLabel(/^Description/).fill('Fictional browser test: job search and English together.');
    await admin.getByLabel('Employment and training').check();
    await admin.getByLabel('Language', { exact: true }).check();
    await admin.getByLabel(/^Up to acuity/).selectOption('3');
    await admin.getByLabel('Search directory services by name').fill('job search');
    await admin.getByRole('button', { name: 'Search', exact: true }).click();
    await admin.getByRole('button', { name: `Add ${YOUTH}` }).click();
    await admin.getByLabel('Search directory services by name').fill('LINC');
    await admin.getByRole('button', { name: 'Search', exact: true }).click();
    await admin.getByRole('button', { name: 'Add LINC and ESL classes' }).click();
    const chosen = admin.getByRole('list', { name: 'Chosen services' });
    expect(await chosen.textContent()).toContain(YOUTH);
    expect(await chosen.textContent()).toContain('LINC and ESL classes');
    await expectAccessible(admin, 'bundle form filled');
    await screenshot(admin, 'bundles-form');
    await admin.getByRole('button', { name: 'Create the bundle' }).click();
    await admin.getByText(`Support bundle “${BUNDLE}” created.`).waitFor();
    const row = admin.getByRole('row', { name: new RegExp(BUNDLE) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Employment and training, Language');
    expect(await row.textContent()).toContain('3 – safe');
    expect(await row.textContent()).toContain('Community Development Council Durham');
    await expectAccessible(admin, 'bundle created');
    await screenshot(admin, 'bundles-list');

    // Editing keeps the chosen services and saves with the version it opened.
    await admin.getByRole('button', { name: `Edit ${BUNDLE}` }).click();
    await admin.getByRole('heading', { name: `Edit ${BUNDLE}` }).waitFor();
    expect(await admin.getByRole('list', { name: 'Chosen services' }).textContent()).toContain('LINC and ESL classes');
    await admin.getByLabel(/^Description/).fill('Fictional browser test: job search and English classes, started together.');
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await admin.getByText(`Support bundle “${BUNDLE}” saved.`).waitFor();
    expect(await admin.getByRole('row', { name: new RegExp(BUNDLE) }).textContent()).toContain('English classes, started together');
    await admin.context().close();

    const staff = await signedInPage(h, 'staff@demo.roundtable.test');
    // Workers read bundles but do not change them.
    await staff.goto('/intake/bundles');
    await staff.getByRole('row', { name: new RegExp(BUNDLE) }).waitFor();
    expect(await staff.getByRole('button', { name: 'New support bundle' }).count()).toBe(0);
    expect(await staff.getByRole('button', { name: `Edit ${BUNDLE}` }).count()).toBe(0);
    await expectAccessible(staff, 'bundles list for a worker');
    await staff.goto('/intake');
    // The client's own record (the worklist's Sent list also names clients, linking to referrals).
    await staff.locator('a[href^="/intake/clients/"]', { hasText: CLIENT }).first().click();
    await staff.getByRole('heading', { level: 1, name: CLIENT }).waitFor();
    await staff.getByRole('heading', { name: 'Support bundles that fit' }).waitFor();
    await staff.getByRole('heading', { level: 4, name: BUNDLE }).waitFor();
    const services = staff.getByRole('list', { name: `Services in ${BUNDLE}` });
    expect(await services.textContent()).toContain('LINC and ESL classes');
    expect(await services.textContent()).toMatch(new RegExp(`${YOUTH}.*eligibility not met`));
    expect(await staff.getByText(/Fits because the client needs Employment and training, Language, and their lowest acuity \(2 – vulnerable\)/).first().isVisible()).toBe(true);
    await expectAccessible(staff, 'client page with bundles');
    await screenshot(staff, 'bundles-client');

    await staff.getByRole('button', { name: `Refer to ${YOUTH} (from ${BUNDLE})` }).click();
    await staff.getByLabel(/^Reason for the referral/).fill('Fictional: wants a first job in Canada; called the counsellor with the client present');
    await staff.getByRole('button', { name: 'Send the referral' }).click();
    await staff.locator('.error-summary').waitFor(); // not eligible: the override reason is required, as for any suggestion
    await staff.getByLabel(/^Why refer although eligibility is not met/).fill('Fictional: counsellor agreed to see her although she is over 30');
    await expectAccessible(staff, 'referral from a bundle');
    await staff.getByRole('button', { name: 'Send the referral' }).click();
    const sent = staff.getByRole('row', { name: new RegExp(YOUTH) });
    await sent.waitFor();
    expect(await sent.textContent()).toContain('Requested');
    await expectAccessible(staff, 'referral sent from a bundle');
  });
});
