import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, signedInPage, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('recording a decision', () => {
  it('works right after the decision item is added to a new meeting’s agenda, without a reload', async () => {
    const page = await signedInPage(h, 'coordinator@demo.roundtable.test');
    const res = await page.request.get(`${h.url}/api/v1/collaboratives`);
    const id = (await res.json()).items.find((c: { shortName: string }) => c.shortName === 'LDIPC').id;
    await page.goto(`/collaboratives/${id}/meetings`);
    await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
    await page.getByLabel(/^Title/).fill('Budget meeting');
    await page.getByLabel(/^Date/).fill('2031-05-14');
    await page.getByRole('button', { name: 'Schedule a meeting' }).click();
    await page.getByRole('link', { name: 'Budget meeting' }).click();
    await page.getByRole('heading', { level: 2, name: /Budget meeting/ }).waitFor();

    // an empty agenda: no decision form yet, but a word on how to get one
    await page.getByText(/To record a decision, add an item/).waitFor();
    await page.getByRole('button', { name: 'Add an item' }).click();
    await page.getByLabel(/^Title/).first().fill('Approve the 2031 budget');
    await page.getByLabel('Type').first().selectOption('decision');
    await page.getByRole('button', { name: 'Save agenda' }).click();

    // quorum, so the decision can carry
    const selects = page.getByRole('combobox', { name: /^Attendance of / });
    const n = await selects.count();
    for (let i = 0; i < n; i++) await selects.nth(i).selectOption('present');
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await page.getByText(/^Quorum met/).first().waitFor();

    await page.getByLabel(/^Motion/).fill('Approve the budget as presented');
    await page.getByLabel('How it was decided').selectOption('consensus');
    await page.getByRole('button', { name: 'Record a decision' }).click();
    await page.getByText(/^Decision recorded/).or(page.locator('.error-summary')).first().waitFor();
    expect(await page.locator('.error-summary').allTextContents()).toEqual([]);
    await page.getByText(/^Decision recorded/).waitFor();
    expect(await page.getByText(/no longer exists/).count()).toBe(0);
    await page.getByText('Approve the budget as presented').first().waitFor();

    // a second decision item added later is offered too, still without a reload
    await page.getByRole('button', { name: 'Add an item' }).click();
    await page.getByLabel(/^Title/).nth(1).fill('Elect a co-chair');
    await page.getByLabel('Type').nth(1).selectOption('decision');
    await page.getByRole('button', { name: 'Save agenda' }).click();
    await page.getByLabel('Agenda item').locator('option', { hasText: 'Elect a co-chair' }).waitFor({ state: 'attached' });
    await page.getByLabel('Agenda item').selectOption({ label: '2. Elect a co-chair (Decision)' });
    await page.getByLabel(/^Motion/).fill('Elect Amira as co-chair');
    await page.getByLabel('How it was decided').selectOption('consensus');
    await page.getByRole('button', { name: 'Record a decision' }).click();
    await page.getByText('Elect Amira as co-chair').first().waitFor();
    await expectAccessible(page, 'meeting after two decisions');

    const meeting = await page.request.get(`${h.url}/api/v1${new URL(page.url()).pathname}`);
    const body = await meeting.json();
    expect(body.decisions.map((d: { motion: string }) => d.motion).sort()).toEqual(['Approve the budget as presented', 'Elect Amira as co-chair']);
  });
});
