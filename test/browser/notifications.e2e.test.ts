import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, signedInPage, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 180_000);
afterAll(async () => {
  await h?.close();
});

const NAME = 'Loop Fictional-Okonkwo';
const NLC = 'Northern Lights Canada – Employment Services';
let referralPath = '';

describe('the referral loop, visible', () => {
  it('a worker refers: the form opens in view with focus, and sending confirms', async () => {
    const page = await signedInPage(h, 'staff@demo.roundtable.test');
    await page.goto('/intake/new');
    await page.getByRole('heading', { level: 1, name: 'Start an intake' }).waitFor();
    await page.getByLabel(NLC).waitFor();
    await page.getByLabel(/^Full name/).fill(NAME);
    await page.getByLabel(/^Date of birth/).fill('1984-06-21');
    await page.getByLabel(NLC).check();
    await page.getByRole('button', { name: 'Save the intake' }).click();
    await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
    await page.getByRole('button', { name: 'Start the screening' }).click();
    await page.getByLabel('Acuity').nth(3).selectOption('2');
    await page.getByLabel('Looking for work or better work?').check();
    await page.getByRole('button', { name: 'Save the screening' }).click();
    await page.getByRole('heading', { name: 'Suggested services' }).waitFor();

    await page.getByRole('button', { name: /^Refer to .*(resource centre|newcomer youth)/i }).first().click();
    const heading = page.getByRole('heading', { level: 3, name: /^Refer to / });
    await heading.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('refer-title');
    await expect.poll(() => heading.evaluate((e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; })).toBe(true);
    await page.getByLabel(/^Send to/).selectOption({ label: 'Demo Employment Counsellor (Northern Lights Canada)' });
    await page.getByLabel(/^Reason for the referral/).fill('Looking for work in logistics');
    await page.getByRole('button', { name: 'Send the referral' }).click();
    const confirmation = page.getByRole('status').filter({ hasText: 'Referral sent to' });
    await confirmation.waitFor();
    expect(await confirmation.textContent()).toContain('Northern Lights Canada');
    await expectAccessible(page, 'referral sent');
    await confirmation.getByRole('link', { name: 'Open the referral' }).click();
    await page.getByRole('heading', { level: 1, name: /^Referral/ }).waitFor();
    referralPath = new URL(page.url()).pathname;
    expect(await page.locator('dl').textContent()).toContain('Follow-up due');
    await page.context().close();
  });

  it('the receiver is told, accepts and completes it', async () => {
    const page = await signedInPage(h, 'partner@demo.roundtable.test');
    await expect.poll(async () => Number((await page.getByTestId('notification-count').textContent().catch(() => '0')) ?? 0), { timeout: 40_000 }).toBeGreaterThan(0);
    await page.getByRole('link', { name: /^Notifications: \d+ unread/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await page.getByRole('link', { name: /New referral from .*Notifications|New referral from/ }).first().click();
    await page.waitForURL((u) => u.pathname === referralPath);
    await page.getByRole('button', { name: 'Mark as received' }).click();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByText('The referral is now: Accepted.').waitFor();
    await page.getByRole('button', { name: 'Start the service' }).click();
    await page.getByText('The referral is now: In progress.').waitFor();
    await page.getByRole('button', { name: 'Complete with outcome' }).click();
    await page.getByLabel(/^Outcome for the client/).waitFor();
    await page.getByRole('button', { name: 'Complete with outcome' }).last().click();
    await page.getByText('The referral is now: Completed.').waitFor();
    await page.context().close();
  });

  it('the sender sees the bell count and the loop closed, on a phone, in both languages', async () => {
    const page = await signedInPage(h, 'staff@demo.roundtable.test', { width: 390, height: 844 });
    const bell = page.getByRole('link', { name: /^Notifications: \d+ unread/ });
    await bell.waitFor();
    expect(Number(await page.getByTestId('notification-count').textContent())).toBeGreaterThanOrEqual(4);
    await bell.click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    const closed = page.getByRole('link', { name: `Unread: The loop closed: ${NLC} completed your referral` }).first();
    await closed.waitFor();
    expect(await page.getByRole('list', { name: 'Notifications' }).textContent()).toContain(`Your referral to ${NLC} was accepted`);
    expect(await page.getByRole('list', { name: 'Notifications' }).textContent()).not.toContain('Okonkwo');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page, 'notification centre');
    await screenshot(page, 'notifications-390');

    await page.getByRole('button', { name: 'Français' }).click();
    // French puts a (no-break) space before the colon.
    await page.getByRole('link', { name: `Non lue\u00a0: La boucle est bouclée : ${NLC} a terminé votre aiguillage` }).first().waitFor();
    await expectAccessible(page, 'notification centre (fr)');
    await page.getByRole('button', { name: 'English' }).click();

    const before = Number(await page.getByTestId('notification-count').textContent());
    await closed.click();
    await page.waitForURL((u) => u.pathname === referralPath);
    await page.getByRole('heading', { level: 1, name: /^Referral/ }).waitFor();
    // A completed referral has no follow-up due.
    expect(await page.locator('dl').textContent()).not.toContain('Follow-up due');
    await expect.poll(async () => Number((await page.getByTestId('notification-count').textContent().catch(() => '0')) ?? 0)).toBe(before - 1);

    await page.goto('/notifications');
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByTestId('notification-count').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('link', { name: /^Notifications$/ }).count()).toBe(1);
    await page.context().close();
  });

  it('the sender finds it in the Sent list, filtered by state', async () => {
    const page = await signedInPage(h, 'staff@demo.roundtable.test');
    await page.goto('/intake');
    await page.getByRole('heading', { name: 'Sent referrals' }).waitFor();
    await page.getByLabel('State').selectOption({ label: 'Completed' });
    const sent = page.getByRole('region', { name: 'Sent referrals' });
    const row = sent.getByRole('row', { name: new RegExp(NAME) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Completed');
    expect(await row.textContent()).toContain('None: closed');
    await page.getByLabel('State').selectOption({ label: 'Requested' });
    await expect.poll(() => sent.getByRole('row', { name: new RegExp(NAME) }).count()).toBe(0);
    await expectAccessible(page, 'worklist with sent referrals');
    await page.context().close();
  });
});
