import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, signedInPage, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 180_000);
afterAll(async () => {
  await h?.close();
});

const NAME = 'Browser Fictional-Mensah';

describe('No Wrong Door', () => {
  it('a settlement worker does an intake with consent, screens, and makes a warm referral', async () => {
    const page = await signedInPage(h, 'staff@demo.roundtable.test');
    await page.goto('/intake');
    await page.getByRole('heading', { level: 1, name: 'No Wrong Door' }).waitFor();
    await page.getByRole('heading', { name: 'Incoming referrals to accept' }).waitFor();
    await expectAccessible(page, 'intake worklist');
    await screenshot(page, 'intake-worklist');

    await page.getByRole('link', { name: 'Start an intake' }).click();
    await page.getByRole('heading', { level: 1, name: 'Start an intake' }).waitFor();
    await page.getByLabel('Northern Lights Canada – Employment Services').waitFor();
    await page.getByLabel(/^Full name/).fill(NAME);
    await page.getByLabel(/^Date of birth/).fill('1987-03-14');
    await page.getByLabel(/^Preferred language/).fill('tw');
    await page.getByLabel('Northern Lights Canada – Employment Services').check();
    await expectAccessible(page, 'new intake');
    await page.getByRole('button', { name: 'Save the intake' }).click();
    await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
    await page.getByRole('heading', { name: 'Consent directives' }).waitFor();
    expect(await page.getByRole('table').first().textContent()).toContain('Northern Lights Canada');

    await page.getByRole('button', { name: 'Start the screening' }).click();
    await page.getByLabel('Acuity').nth(3).selectOption('2'); // employment is the fourth domain
    await page.getByLabel('Looking for work or better work?').check();
    await page.getByRole('button', { name: 'Save the screening' }).click();
    await page.getByRole('heading', { name: 'Needs identified at the latest screening' }).waitFor();
    await page.getByRole('heading', { name: 'Suggested services' }).waitFor();
    await expectAccessible(page, 'client record');
    await screenshot(page, 'intake-client');
    // Suggestions in words: the need named, not its code; in French, the directory's French
    // names, each marked with the language it is in.
    const matches = page.locator('section[aria-labelledby="matches-title"]');
    expect(await matches.innerText()).not.toMatch(/\b[a-z]{2,}\.[a-z_]{2,}\b|\b[a-z]+_[a-z_]+\b/);
    // The header's language switch, in place (no reload).
    const switchTo = async (l: string) => {
      await page.locator('button.language-switch:visible').first().click();
      await page.waitForFunction((lng) => document.documentElement.lang === lng, l);
    };
    await switchTo('fr');
    await page.getByRole('heading', { name: 'Services suggérés' }).waitFor();
    expect(await matches.locator('strong[lang="fr"]').count()).toBeGreaterThan(0);
    expect(await matches.locator('strong:not([lang])').count()).toBe(0);
    await switchTo('en');
    await page.getByRole('heading', { name: 'Suggested services' }).waitFor();

    const refer = page.getByRole('button', { name: /^Refer to .*(resource centre|newcomer youth)/i }).first();
    await refer.click();
    // Warm: to the counsellor the worker just called, by name.
    await page.getByLabel(/^Send to/).selectOption({ label: 'Demo Employment Counsellor (Northern Lights Canada)' });
    await page.getByLabel(/^Reason for the referral/).fill('Wants work as an accountant; called the counsellor with the client present');
    await page.getByRole('button', { name: 'Send the referral' }).click();
    await page.getByRole('heading', { name: 'Referrals', exact: true }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(NAME) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Requested');
    expect(await row.textContent()).toContain('(Demo Employment Counsellor (Northern Lights Canada))');

    // One shared plan: a goal, who is on the team, a step and who does it, a case conference.
    await page.getByRole('button', { name: 'Edit the plan' }).click();
    await page.getByRole('button', { name: 'Add a goal' }).click();
    await page.getByLabel(/^Goal 1/).fill('Work as an accountant in Canada');
    await page.getByLabel('Term of goal 1').selectOption('long');
    await page.getByRole('button', { name: 'Add a team member' }).click();
    await page.getByLabel('Team member 1', { exact: true }).fill('Employment counsellor');
    await page.getByLabel('Role of team member 1').fill('Job search and credentials');
    await page.getByRole('button', { name: 'Save the plan' }).click();
    await page.getByText('The plan was saved.').waitFor();
    await page.getByRole('button', { name: 'Edit the plan' }).click();
    await page.getByRole('button', { name: 'Add a step to goal 1' }).click();
    await page.getByRole('textbox', { name: /^Step 1 of goal 1/ }).fill('Get credentials assessed');
    await page.getByLabel('Who does step 1 of goal 1').fill('Client, with the counsellor');
    // A second goal added by mistake, then removed before saving.
    await page.getByRole('button', { name: 'Add a goal' }).click();
    await page.getByLabel(/^Goal 2/).fill('Temporary goal');
    await expectAccessible(page, 'plan editor');
    await screenshot(page, 'intake-plan-editor');
    await page.getByRole('button', { name: 'Remove goal 2' }).click();
    await page.getByRole('button', { name: 'Save the plan' }).click();
    const step = page.getByRole('checkbox', { name: /Get credentials assessed \(Client, with the counsellor\)/ });
    await step.waitFor();
    // Ticking a step saves the plan; the box shows done once the server has it.
    await step.click();
    await expect.poll(() => step.isChecked(), { timeout: 10_000 }).toBe(true);
    const planText = await page.getByRole('region', { name: 'Shared plan' }).textContent();
    expect(planText).toContain('Employment counsellor — Job search and credentials');
    expect(planText).not.toContain('Temporary goal');

    await page.getByRole('button', { name: 'Record a case conference' }).click();
    await page.getByRole('button', { name: 'Save the case conference' }).click();
    await page.locator('.error-summary').waitFor();
    await page.getByLabel(/^When it was held/).fill('2026-11-20T10:00');
    await page.getByLabel(/^Attendees/).fill('Settlement worker\nEmployment counsellor\nThe client');
    await expectAccessible(page, 'case conference form');
    await page.getByRole('button', { name: 'Save the case conference' }).click();
    await page.getByText('The case conference was recorded.').waitFor();
    expect(await page.getByRole('region', { name: 'Shared plan' }).textContent()).toContain('Settlement worker, Employment counsellor, The client');
    await page.context().close();
  });

  it('the receiving organization sees it in its worklist and accepts it', async () => {
    const page = await signedInPage(h, 'partner@demo.roundtable.test');
    await page.goto('/intake');
    const link = page.getByRole('link', { name: NAME });
    await link.waitFor();
    await link.click();
    await page.getByRole('heading', { level: 1, name: /^Referral/ }).waitFor();
    await page.getByRole('button', { name: 'Mark as received' }).click();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByText('The referral is now: Accepted.').waitFor();
    await expect.poll(() => page.locator('dl').textContent()).toContain('Accepted');
    expect(await page.getByRole('list').filter({ hasText: 'partner@demo.roundtable.test' }).textContent()).toContain('Received');
    await expectAccessible(page, 'referral');
    await screenshot(page, 'intake-referral');
    await page.context().close();
  });

  it('an organization without consent sees no trace of the client', async () => {
    const page = await signedInPage(h, 'viewer@demo.roundtable.test');
    await page.goto('/intake');
    await page.getByRole('heading', { level: 1, name: 'No Wrong Door' }).waitFor();
    await page.getByLabel('Name').fill('Mensah');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No clients to show.').first().waitFor();
    expect(await page.content()).not.toContain('Mensah</');
    await page.goto('/intake/reports');
    await page.getByRole('heading', { name: 'De-identified feed to planning' }).waitFor();
    await page.getByRole('table').last().waitFor();
    expect(await page.content()).not.toContain('Fictional');
    await expectAccessible(page, 'intake reports');
    await screenshot(page, 'intake-reports');
    await page.context().close();
  });

  it('a person asks a settlement agency to contact them from the finder, and the agency sees it', async () => {
    const page = await h.browser.newContext({ baseURL: h.url, locale: 'en-CA' }).then((c) => c.newPage());
    const found = await (await page.request.get('/api/v1/finder/services?q=settlement')).json();
    const svc = found.items.find((s: { organization: { name: string } }) => s.organization.name === 'Community Development Council Durham');
    expect(svc, 'a CDCD settlement service in the finder').toBeTruthy();
    await page.goto(`/intake/ask?service=${svc.id}`);
    await page.getByRole('heading', { level: 1, name: 'Ask to be contacted' }).waitFor();
    await page.getByLabel(/^First name/).fill('Kofi');
    await page.getByLabel(/^Phone or email/).fill('555-0142');
    await expectAccessible(page, 'self-referral');
    await page.getByRole('button', { name: 'Ask to be contacted' }).click();
    await page.getByText('Thank you. Community Development Council Durham will contact you.').waitFor();
    await page.context().close();
    const staff = await signedInPage(h, 'staff@demo.roundtable.test');
    await staff.goto('/intake');
    await staff.getByRole('heading', { name: 'Self-referrals from the finder' }).waitFor();
    const request = staff.getByRole('row', { name: /Kofi.*555-0142/ });
    await request.waitFor();
    await expectAccessible(staff, 'worklist with self-referrals');
    // The worker calls back and starts the intake from the request: what the person gave is filled in.
    await staff.getByRole('link', { name: 'Start the intake for Kofi' }).click();
    await staff.getByText("This intake answers Kofi's request").waitFor();
    await expect.poll(() => staff.getByLabel(/^Phone/).inputValue()).toBe('555-0142');
    await staff.getByLabel(/^Full name/).fill('Kofi Fictional-Asante');
    await staff.getByRole('button', { name: 'Save the intake' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Kofi Fictional-Asante' }).waitFor();
    await staff.goto('/intake');
    await staff.getByRole('heading', { name: 'My clients' }).waitFor();
    expect(await staff.getByRole('row', { name: /Kofi.*555-0142/ }).count()).toBe(0);
    await staff.context().close();
  });

  it('a worker corrects a record, adds the household, closes it with a reason, and reopens it', async () => {
    const page = await signedInPage(h, 'staff@demo.roundtable.test');
    await page.goto('/intake');
    await page.getByLabel('Name').fill('Mensah');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: NAME }).first().click();
    await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
    await page.getByRole('button', { name: 'Edit the details' }).click();
    await page.getByLabel(/^Preferred name/).fill('Abena');
    await page.getByRole('button', { name: 'Add a household member' }).click();
    await page.getByLabel('Household member 1', { exact: true }).fill('Kojo Fictional-Mensah');
    await page.getByLabel('Relationship of household member 1').fill('son');
    await expectAccessible(page, 'edit client');
    await page.getByRole('button', { name: 'Save the details' }).click();
    await page.getByText('The details were saved.').waitFor();
    const record = page.getByRole('region', { name: 'Record' });
    expect(await record.textContent()).toContain('Kojo Fictional-Mensah (son)');
    expect(await record.textContent()).toContain('Abena');

    await page.getByRole('button', { name: 'Close the record' }).click();
    // The form's own button, once the form is there (until then "last" is the one just clicked).
    await page.getByLabel(/^Why it is closed/).waitFor();
    await page.getByRole('button', { name: 'Close the record' }).last().click();
    await page.locator('.error-summary').waitFor();
    await page.getByLabel(/^Why it is closed/).selectOption('moved_away');
    await page.getByRole('button', { name: 'Close the record' }).last().click();
    await page.getByText('The record was closed.').waitFor();
    expect(await record.textContent()).toContain('Moved away');
    await expectAccessible(page, 'closed client');
    await screenshot(page, 'intake-client-closed');
    await page.getByRole('button', { name: 'Reopen the record' }).click();
    await page.getByText('The record is active again.').waitFor();
    await page.getByRole('button', { name: 'Edit the details' }).waitFor();
    await page.context().close();
  });
  it('a worker adds a goal and a step to the shared plan: an empty goal is named and focused, saving confirms', async () => {
    const page = await signedInPage(h, 'staff@demo.roundtable.test');
    await page.goto('/intake');
    await page.getByLabel('Name').fill('Mensah');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: NAME }).first().click();
    await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
    await page.getByRole('button', { name: 'Edit the plan' }).click();
    // The first journey left goals (and a step) in this plan: address the new goal by its number,
    // never as "the last input", which is an earlier one until the new goal has rendered.
    await page.getByRole('button', { name: 'Add a goal' }).waitFor();
    const n = (await page.getByRole('button', { name: /^Remove goal \d+$/ }).count()) + 1;
    await page.getByRole('button', { name: 'Add a goal' }).click();
    const goal = page.getByRole('textbox', { name: new RegExp(`^Goal ${n}\\b`) });
    const goalId = await goal.getAttribute('id');
    await page.getByRole('button', { name: 'Save the plan' }).click();
    await page.locator('.error-summary').getByText(`Goal ${n}: Enter a value`, { exact: true }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(goalId);
    await goal.fill('Fictional: find a family doctor');
    await page.getByRole('button', { name: `Add a step to goal ${n}` }).click();
    await page.getByRole('textbox', { name: new RegExp(`^Step 1 of goal ${n}\\b`) }).fill('Fictional: call Health Care Connect');
    await expectAccessible(page, 'plan editor');
    await page.getByRole('button', { name: 'Save the plan' }).click();
    await page.getByText('The plan was saved.').waitFor();
    const plan = page.getByRole('region', { name: 'Shared plan' });
    expect(await plan.textContent()).toContain('Fictional: find a family doctor');
    expect(await plan.textContent()).toContain('Fictional: call Health Care Connect');
    await page.context().close();
  });
});
