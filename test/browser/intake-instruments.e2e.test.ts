import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, signedInPage, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 180_000);
afterAll(async () => {
  await h?.close();
});

const DEFAULT = 'Common screening: life domains (Durham No Wrong Door)';

/** A staff worker's page on a new client record (intake with the default consent). */
async function intake(name: string, birthDate: string) {
  const staff = await signedInPage(h, 'staff@demo.roundtable.test');
  await staff.goto('/intake/new');
  await staff.getByRole('heading', { level: 1, name: 'Start an intake' }).waitFor();
  await staff.getByLabel(/^Full name/).fill(name);
  await staff.getByLabel(/^Date of birth/).fill(birthDate);
  await staff.getByRole('button', { name: 'Save the intake' }).click();
  await staff.getByRole('heading', { level: 1, name }).waitFor();
  return staff;
}

// Long journeys (authoring, versions, screening as a worker, axe on each page): the first takes
// 22 s alone and went past 60 s in CI, where the PostgreSQL pass runs beside the browser tests.
describe('Screening instrument authoring', { timeout: 180_000 }, () => {
  it('an org admin makes, edits and publishes a new version; a worker screens with it and its new rule produces the need', async () => {
    const admin = await signedInPage(h, 'orgadmin@demo.roundtable.test');
    await admin.goto('/intake');
    await admin.getByRole('link', { name: 'Screening instruments' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Screening instruments' }).waitFor();
    const versions = admin.getByRole('table', { name: 'Versions of the instrument “common-screening”' });
    await versions.waitFor();
    expect(await versions.getByRole('row').nth(1).textContent()).toContain('Published');
    await expectAccessible(admin, 'instrument list');
    await screenshot(admin, 'instruments-list');

    await admin.getByRole('button', { name: `New version from ${DEFAULT}, version 1` }).click();
    await admin.getByRole('heading', { level: 1, name: `${DEFAULT}, version 2` }).waitFor();
    // Domains fold; open the first one.
    await admin.locator('summary').filter({ hasText: 'Domain 1: Housing' }).click();
    const housing = admin.getByRole('group', { name: 'Domain 1: Housing' });
    await housing.getByRole('button', { name: 'Add a question to Domain 1' }).click();
    const question = housing.getByRole('group', { name: 'Question 2' });
    await question.getByLabel(/^Question id/).fill('unsafe_home');
    await question.getByLabel(/^Question in English/).fill('Feels unsafe at home?');
    await housing.getByRole('button', { name: 'Add a rule to Domain 1' }).click();
    const rule = housing.getByRole('group', { name: 'Rule 5' });
    await rule.getByLabel('When the acuity is at most').selectOption('');
    await rule.getByLabel('Or when this question is answered yes').selectOption('unsafe_home');
    await rule.getByLabel(/^Need code/).fill('mental-health');
    await rule.getByLabel('Urgency').selectOption('urgent');

    // The French text is missing: the server's error shows next to that input and in the summary,
    // and opens the folded domain it belongs to.
    await admin.locator('summary').filter({ hasText: 'Domain 1: Housing' }).click();
    await housing.waitFor({ state: 'hidden' });
    await admin.getByRole('button', { name: 'Save the draft' }).click();
    const french = question.getByLabel(/^Question in French/);
    await expect.poll(() => french.getAttribute('aria-invalid')).toBe('true');
    expect(await admin.locator('.error-summary').textContent()).toContain('Domain 1, question 2: Question in French');
    expect(await admin.locator('#field-definition-domains-0-questions-1-text-fr-error').textContent()).toContain('Enter a value');
    await expectAccessible(admin, 'instrument editor with errors');
    await french.fill('Se sent en danger à la maison?');
    await admin.getByRole('button', { name: 'Save the draft' }).click();
    await admin.getByRole('status').filter({ hasText: 'The draft was saved.' }).waitFor();
    await expectAccessible(admin, 'instrument editor');
    await screenshot(admin, 'instrument-editor');

    await admin.getByRole('button', { name: 'Publish this version…' }).click();
    await admin.getByRole('heading', { name: `Publish version 2 of ${DEFAULT}?` }).waitFor();
    expect(await admin.getByRole('region', { name: `Publish version 2 of ${DEFAULT}?` }).textContent()).toContain('can never change again');
    await admin.getByRole('button', { name: 'Yes, publish version 2' }).click();
    await admin.getByText('This version is published and never changes.', { exact: false }).waitFor();
    const rules = admin.getByRole('table', { name: 'Rules of the domain “Housing”: when a need is identified' });
    expect(await rules.textContent()).toContain('“Feels unsafe at home?” is answered yes');
    expect(await admin.getByRole('button', { name: 'Save the draft' }).count()).toBe(0);
    await expectAccessible(admin, 'published instrument');
    await screenshot(admin, 'instrument-published');

    await admin.getByRole('link', { name: 'Back to the screening instruments' }).click();
    await versions.waitFor();
    const rows = await versions.getByRole('row').allTextContents();
    expect(rows.slice(1).map((r) => r.replace(/\s+/g, ' '))).toEqual([expect.stringMatching(/^Version 2 ?Published/), expect.stringMatching(/^Version 1 ?Published/)]);

    // The worker gets the latest published version without being asked (only one instrument code is published).
    const staff = await intake('Browser Fictional-Okafor', '1979-09-09');
    await staff.getByRole('button', { name: 'Start the screening' }).click();
    expect(await staff.getByLabel('Screening instrument').count()).toBe(0);
    // Nothing answered: the summary says so and focus goes to the first domain's acuity.
    await staff.getByRole('button', { name: 'Save the screening' }).click();
    await staff.locator('.error-summary').getByText('Acuity: Choose the acuity of at least one domain.').waitFor();
    expect(await staff.evaluate(() => document.activeElement?.id)).toBe('field-answers-0-acuity');
    await staff.getByLabel('Acuity').first().selectOption('5');
    await staff.getByLabel('Feels unsafe at home?').check();
    await staff.getByRole('button', { name: 'Save the screening' }).click();
    await staff.getByText('Screening saved.').waitFor();
    await staff.getByRole('heading', { name: 'Needs identified at the latest screening' }).waitFor();
    const needs = staff.getByRole('region', { name: 'Screening' }).getByRole('listitem');
    expect(await needs.allTextContents()).toEqual(['Mental health and addictions · Urgent']);
    expect(await staff.getByRole('table', { name: 'Acuity by domain at each screening' }).textContent()).toContain('(v2)');
  });

  it('with two instruments published the worker chooses one; retiring one and deleting a draft from the list', async () => {
    const admin = await signedInPage(h, 'orgadmin@demo.roundtable.test');
    await admin.goto('/intake/instruments');
    await admin.getByRole('heading', { name: 'Create a new instrument' }).waitFor();
    await admin.getByLabel(/^Instrument code/).fill('youth-check');
    await admin.getByLabel(/^Name \(required\)$/).fill('Youth check-in');
    await admin.getByLabel(/^Domain code/).fill('school');
    await admin.getByLabel(/^Name in English/).fill('School');
    await admin.getByLabel(/^Name in French/).fill('École');
    await admin.getByLabel(/^Need code/).fill('education');
    await admin.getByRole('button', { name: 'Create the draft' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Youth check-in, version 1' }).waitFor();
    await admin.getByRole('button', { name: 'Add a rule to Domain 1' }).click();
    await admin.getByRole('group', { name: 'Rule 1' }).getByLabel('When the acuity is at most').selectOption('2');
    await admin.getByRole('button', { name: 'Save the draft' }).click();
    await admin.getByRole('status').filter({ hasText: 'The draft was saved.' }).waitFor();

    // Someone else saves the same draft meanwhile: saving again says so and offers their version.
    const other = await signedInPage(h, 'orgadmin@demo.roundtable.test');
    await other.goto(admin.url());
    await other.getByLabel(/^Name \(required\)$/).fill('Youth check-in (ages 12–17)');
    await other.getByRole('button', { name: 'Save the draft' }).click();
    await other.getByRole('status').filter({ hasText: 'The draft was saved.' }).waitFor();
    await other.context().close();
    await admin.getByRole('group', { name: 'Rule 1' }).getByLabel('Urgency').selectOption('urgent');
    await admin.getByRole('button', { name: 'Save the draft' }).click();
    await admin.getByText('Someone else saved this draft after you opened it.', { exact: false }).waitFor();
    await admin.getByRole('button', { name: 'Load the latest version of the draft' }).click();
    expect(await admin.getByLabel(/^Name \(required\)$/).inputValue()).toBe('Youth check-in (ages 12–17)');
    expect(await admin.getByRole('group', { name: 'Rule 1' }).getByLabel('Urgency').inputValue()).toBe('soon');
    await admin.getByRole('link', { name: 'Back to the screening instruments' }).click();
    await admin.getByRole('button', { name: 'Publish Youth check-in (ages 12–17), version 1' }).click();
    await admin.getByRole('button', { name: 'Yes, publish version 1' }).click();
    await admin.getByRole('status').filter({ hasText: 'Version 1 of Youth check-in (ages 12–17) is published.' }).waitFor();

    const staff = await intake('Browser Fictional-Adeyemi', '2008-01-15');
    await staff.getByRole('button', { name: 'Start the screening' }).click();
    const choose = staff.getByLabel('Screening instrument');
    expect(await choose.locator('option:checked').textContent()).toBe(`${DEFAULT} (version 2)`);
    await choose.selectOption({ label: 'Youth check-in (ages 12–17) (version 1)' });
    await staff.getByRole('group', { name: 'School' }).getByLabel('Acuity').selectOption('1');
    await expectAccessible(staff, 'screening with a choice of instrument');
    await staff.getByRole('button', { name: 'Save the screening' }).click();
    await staff.getByRole('columnheader', { name: /\(v1\)/ }).waitFor();
    const needs = staff.getByRole('region', { name: 'Screening' }).getByRole('listitem');
    expect(await needs.allTextContents()).toEqual(['Education · Soon']);

    // Retire it, then start a new version and think better of it.
    await admin.goto('/intake/instruments');
    const youth = admin.getByRole('table', { name: 'Versions of the instrument “youth-check”' });
    await youth.waitFor();
    await admin.getByRole('button', { name: 'Retire Youth check-in (ages 12–17), version 1' }).click();
    expect(await admin.getByRole('region', { name: 'Retire version 1 of Youth check-in (ages 12–17)?' }).textContent()).toContain('keep it');
    await expectAccessible(admin, 'retire confirmation');
    await admin.getByRole('button', { name: 'Yes, retire version 1' }).click();
    await admin.getByRole('status').filter({ hasText: 'Version 1 of Youth check-in (ages 12–17) is retired.' }).waitFor();
    // The status message can come before the refetched list: wait for the table itself.
    await expect.poll(() => youth.getByRole('row').nth(1).textContent()).toContain('Retired');
    await admin.getByRole('button', { name: 'New version from Youth check-in (ages 12–17), version 1' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Youth check-in (ages 12–17), version 2' }).waitFor();
    await admin.getByRole('link', { name: 'Back to the screening instruments' }).click();
    await admin.getByRole('button', { name: 'Delete the draft Youth check-in (ages 12–17), version 2' }).click();
    await admin.getByRole('button', { name: 'Yes, delete the draft' }).click();
    await admin.getByRole('status').filter({ hasText: 'The draft version 2 of Youth check-in (ages 12–17) was deleted.' }).waitFor();
    await expect.poll(() => youth.getByRole('row').count()).toBe(2);

    // The worker no longer gets a choice: only the default instrument is published.
    await staff.reload();
    await staff.getByRole('button', { name: 'Reassess' }).click();
    await staff.getByRole('button', { name: 'Save the screening' }).waitFor();
    expect(await staff.getByLabel('Screening instrument').count()).toBe(0);
  });
});
