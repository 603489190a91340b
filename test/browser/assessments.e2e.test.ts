import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPage, screenshot, signedInPage, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const MEMBER = 'member@demo.roundtable.test';

describe('assessments (member journeys)', () => {
  it('answers the open pair-rating survey with the keyboard alone, at 390 px', async () => {
    const page = await signedInPage(h, MEMBER, { width: 390, height: 844 });
    await page.goto('/assessments');
    await page.getByRole('heading', { level: 1, name: 'Assessments' }).waitFor();
    await page.getByRole('link', { name: 'Answer the survey' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partner integration survey 2026' }).waitFor();
    await expectAccessible(page, 'assessments answer');
    const groups = page.locator('fieldset.assessments-question');
    const n = await groups.count();
    expect(n).toBe(9);
    // Into the first group, then: arrows choose a level, Tab moves to the next partner.
    await groups.first().getByRole('radio').first().focus();
    for (let i = 0; i < n; i++) {
      for (let k = 0; k <= i % 5; k++) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Tab');
    }
    await page.getByText(`${n} of ${n} answered`).waitFor();
    // After the last partner: "Save for later", then "Submit my answers".
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Submit my answers');
    await page.keyboard.press('Enter');
    await page.getByText('Thank you: your answers are submitted.').waitFor();
    await page.getByText('You have submitted your answers; they can no longer change.').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'assessments-answer');
  });

  it('reads the results of a closed round: each chart with its table, pairs to discuss, round over round', async () => {
    const page = await signedInPage(h, MEMBER);
    await page.goto('/assessments');
    await page.getByRole('row', { name: /Partner integration survey 2025/ }).getByRole('link', { name: 'Read the results' }).click();
    await page.getByRole('heading', { level: 1, name: /Results: Partner integration survey 2025/ }).waitFor();
    await page.getByText('Demo round: the answers are illustrative, not real survey answers.').first().waitFor();
    await page.getByRole('table', { name: /Share of relationships reported at each level/ }).waitFor();
    await page.getByRole('img', { name: /Heatmap of pairs/ }).waitFor();
    await page.getByRole('table', { name: /Every pair/ }).waitFor();
    await page.getByRole('table', { name: /Centrality/ }).waitFor();
    await page.getByRole('heading', { name: 'Pairs to discuss' }).waitFor();
    await page.getByRole('table', { name: 'Density at each level or higher, by round' }).waitFor();
    expect(await page.getByRole('table', { name: 'Density at each level or higher, by round' }).getByRole('row').count()).toBe(3);
    await expectAccessible(page, 'assessments results');
    await screenshot(page, 'assessments-results');
    await page.getByRole('link', { name: 'Instruments and scales' }).click();
    await page.getByRole('rowheader', { name: 'Collaboration factors (Wilder-style)' }).waitFor();
    await expectAccessible(page, 'assessments instruments');
  });

  it('walks the welcoming-community wizard as the coordinator and reads the profile signed out at 390 px', async () => {
    const page = await signedInPage(h, 'coordinator@demo.roundtable.test');
    await page.goto('/assessments/welcoming');
    await page.getByRole('heading', { level: 1, name: 'Welcoming-community assessment' }).waitFor();
    await page.getByRole('link', { name: 'Welcoming Durham: profile 2026' }).waitFor();
    await page.getByRole('button', { name: 'Start a new assessment' }).click();
    const scan = page.getByRole('table', { name: 'What is known for each characteristic' });
    await scan.waitFor();
    // Plan actions of the collaborative's strategy plans, linked to the characteristics they serve.
    await scan.getByRole('row', { name: /Municipal features and services sensitive to newcomers/ }).getByText(/Bolster the Durham Immigration Portal/).waitFor();
    await page.getByLabel('Characteristic', { exact: true }).selectOption({ label: 'Affordable and suitable housing' });
    await page.getByText('No plan action linked to this characteristic yet.').waitFor();
    const coLocate = await page.locator('#as-link-action option', { hasText: 'Co-locate services' }).getAttribute('value');
    await page.getByLabel('Plan action', { exact: true }).selectOption(coLocate!);
    await page.getByRole('button', { name: 'Link the action' }).click();
    await page.getByText(/^Linked Co-locate services .* to Affordable and suitable housing\.$/).waitFor();
    await scan.getByRole('row', { name: /Affordable and suitable housing/ }).getByText(/Co-locate services/).waitFor();
    await expectAccessible(page, 'welcoming scan');
    await page.getByRole('button', { name: 'Next step' }).click();
    await page.getByLabel('Affordable and suitable housing').check();
    await page.getByLabel('Positive attitudes toward immigrants, cultural diversity and newcomers').check();
    await page.getByRole('button', { name: 'Move Positive attitudes toward immigrants, cultural diversity and newcomers up' }).click();
    await expectAccessible(page, 'welcoming priorities');
    await page.getByRole('button', { name: 'Next step' }).click();
    await page.getByLabel('Immigrants as a share of the population').check();
    await page.getByRole('group', { name: 'Positive attitudes toward immigrants, cultural diversity and newcomers' }).getByLabel('With peer communities').check();
    // Immigrants against non-immigrants, from the repository's breakdown (illustrative demo figures).
    const housing = page.getByRole('group', { name: 'Affordable and suitable housing' });
    await housing.getByLabel('Households in core housing need (illustrative) (immigrants and non-immigrants available)').check();
    await housing.getByLabel('Immigrants with non-immigrants').check();
    await page.getByLabel('Hamilton').check();
    // The title left empty: named, and focus goes to it.
    await page.getByRole('button', { name: 'Make the profile' }).click();
    await page.getByRole('link', { name: /^Title of the profile: Enter a value/ }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-title');
    await page.getByLabel(/^Title of the profile/).fill('Welcoming Durham, browser test');
    await expectAccessible(page, 'welcoming indicators');
    await page.getByRole('button', { name: 'Make the profile' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welcoming Durham, browser test' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '1. Positive attitudes toward immigrants, cultural diversity and newcomers' }).waitFor();
    await page.getByRole('table', { name: 'Immigrants as a share of the population compared with peer communities' }).waitFor();
    const split = page.getByRole('table', { name: 'Households in core housing need (illustrative): immigrants and non-immigrants, 2021' });
    await split.getByRole('row', { name: /^Immigrants 7,?285$/ }).waitFor();
    await split.getByRole('row', { name: /^Non-immigrants 14,?065$/ }).waitFor();
    await page.getByRole('listitem').filter({ hasText: /^Co-locate services in a transit-accessible One Stop Shop or satellites/ }).waitFor();
    await page.getByRole('button', { name: 'Publish as a public page' }).click();
    await page.getByRole('link', { name: 'Public page' }).click();
    const url = page.url();
    const anon = await newPage(h, { width: 390, height: 844 });
    await anon.goto(url);
    await anon.getByRole('heading', { level: 1, name: 'Welcoming Durham, browser test' }).waitFor();
    expect(await anon.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(anon, 'welcoming public profile (390 px)');
    await screenshot(anon, 'assessments-welcoming-public');
  }, 180_000);
});
