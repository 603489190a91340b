import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPage, screenshot, signedInPage, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function ldipcId(): Promise<string> {
  const page = await signedInPage(h, 'coordinator@demo.roundtable.test');
  const res = await page.request.get(`${h.url}/api/v1/collaboratives`);
  const id = (await res.json()).items.find((c: { shortName: string }) => c.shortName === 'LDIPC').id;
  await page.context().close();
  return id;
}

describe('collaboratives', () => {
  it('lets a platform admin create a collaborative, then change its stage with the reason kept', async () => {
    const page = await signedInPage(h, 'admin@demo.roundtable.test');
    await page.goto('/collaboratives');
    await page.getByRole('heading', { level: 1, name: 'Collaboratives' }).waitFor();
    await page.getByRole('link', { name: /Durham Region Local Diversity/ }).waitFor();
    await expectAccessible(page, 'collaboratives list');
    await page.getByRole('link', { name: 'New collaborative' }).click();
    await page.getByRole('heading', { level: 1, name: 'New collaborative' }).waitFor();
    await page.getByRole('button', { name: 'New collaborative' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Name');
    await page.getByLabel(/^Name/).fill('Ajax Pickering Youth Network');
    await page.getByLabel('Short name').fill('APYN');
    await page.getByLabel('Type of collaborative').selectOption('network');
    await page.getByLabel('Focus population or issue').fill('Youth 12 to 24 in Ajax and Pickering');
    await page.getByLabel('Lead or contract-holder organization').selectOption({ label: 'Community Development Council Durham' });
    await page.getByLabel('Health', { exact: true }).check();
    await page.getByLabel('Education', { exact: true }).check();
    await expectAccessible(page, 'collaborative form');
    await page.getByRole('button', { name: 'New collaborative' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ajax Pickering Youth Network' }).waitFor();
    await page.getByRole('heading', { name: 'Membership gaps' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: /^Health$/ }).waitFor();
    await page.getByLabel('New stage').selectOption('council_formed');
    await page.getByLabel(/^Reason/).fill('Terms of reference adopted by the founding members');
    await page.getByRole('button', { name: 'Change stage' }).click();
    await page.getByRole('cell', { name: 'Terms of reference adopted by the founding members' }).waitFor();
    await expectAccessible(page, 'collaborative home');
    await screenshot(page, 'collaboratives-home-new');
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { name: 'Étapes du cycle de vie' }).waitFor();
    await page.getByRole('cell', { name: 'Conseil formé' }).waitFor();
    await page.getByRole('link', { name: 'Réunions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Réunions' }).waitFor();
    await page.getByRole('heading', { name: 'Planifier une réunion' }).waitFor();
    await expectAccessible(page, 'meetings (fr)');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('runs a meeting end to end: schedule, agenda with the decision warning, attendance and quorum, vote, action, minutes, exports', async () => {
    const id = await ldipcId();
    const page = await signedInPage(h, 'coordinator@demo.roundtable.test');
    await page.goto(`/collaboratives/${id}/meetings`);
    await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
    await page.getByLabel(/^Title/).fill('Special council meeting');
    await page.getByLabel(/^Date/).fill('2031-02-12');
    await page.getByRole('button', { name: 'Schedule a meeting' }).click();
    await page.getByText('1 meeting scheduled.').waitFor();
    await expectAccessible(page, 'meetings');
    await page.getByRole('link', { name: 'Special council meeting' }).click();
    await page.getByRole('heading', { level: 2, name: /Special council meeting/ }).waitFor();

    // agenda: information only → warning; then add a decision item → warning gone
    await page.getByRole('button', { name: 'Add an item' }).click();
    await page.getByLabel(/^Title/).first().fill('Updates from partners');
    await page.getByLabel('Type').first().selectOption('information');
    await page.getByRole('button', { name: 'Save agenda' }).click();
    await page.getByText('Earn the next meeting.').waitFor();
    await page.getByRole('button', { name: 'Add an item' }).click();
    await page.getByLabel(/^Title/).nth(1).fill('Adopt the newcomer welcome centre plan');
    await page.getByLabel('Type').nth(1).selectOption('decision');
    await page.getByRole('button', { name: 'Save agenda' }).click();
    await page.getByText('Earn the next meeting.').waitFor({ state: 'detached' });

    // attendance: quorum goes from not met to met
    await page.getByText(/^No quorum/).first().waitFor();
    const selects = page.getByRole('combobox', { name: /^Attendance of / });
    const n = await selects.count();
    for (let i = 0; i < n; i++) await selects.nth(i).selectOption('present');
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await page.getByText(/^Quorum met/).first().waitFor();

    // only decision items are offered for a decision
    expect(await page.getByLabel('Agenda item').locator('option').allTextContents()).toEqual(['2. Adopt the newcomer welcome centre plan (Decision)']);
    await page.getByLabel(/^Motion/).fill('Adopt the plan');
    await page.getByLabel('How it was decided').selectOption('vote');
    const votes = page.getByRole('combobox', { name: /^Vote of / });
    const v = await votes.count();
    for (let i = 0; i < v; i++) await votes.nth(i).selectOption(i === 0 ? 'against' : 'for');
    await page.getByRole('button', { name: 'Record a decision' }).click();
    await page.getByText('Decision recorded: Carried.').waitFor();
    await page.getByText(new RegExp(`for ${v - 1}, against 1, abstaining 0`)).first().waitFor();

    // action item for the DRUHC representative, then minutes published
    await page.getByRole('textbox', { name: /^Action item/ }).fill('Draft the welcome centre budget');
    await page.getByLabel(/^Owner/).selectOption({ label: 'Durham Region Unemployed Help Centre' });
    await page.getByLabel(/^Due date/).fill('2031-03-01');
    await page.getByRole('button', { name: 'Assign an action item' }).click();
    await page.getByText('Draft the welcome centre budget —').first().waitFor();
    await page.getByRole('textbox', { name: 'Minutes', exact: true }).fill('The council adopted the welcome centre plan.');
    await page.getByLabel('The meeting was held').check();
    await page.getByLabel('Publish these minutes on the public page').check();
    await page.getByRole('button', { name: 'Save minutes' }).click();
    await page.getByText('Minutes saved.').waitFor();
    await expectAccessible(page, 'meeting');
    await screenshot(page, 'collaboratives-meeting');

    const meetingPath = new URL(page.url()).pathname.replace('/collaboratives/', '/api/v1/collaboratives/');
    const ics = await page.request.get(`${h.url}${meetingPath}/meeting.ics`);
    expect((await ics.text()).replace(/\r\n[ \t]/g, '')).toContain('SUMMARY:Durham Region Local Diversity and Immigration Partnership Council: Special council meeting');
    const pdf = await page.request.get(`${h.url}${meetingPath}/minutes.pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    // the owner sees it on their task list; the public sees the published minutes
    const member = await signedInPage(h, 'member@demo.roundtable.test');
    await member.goto('/collaboratives/my-tasks');
    await member.getByRole('rowheader', { name: 'Draft the welcome centre budget' }).waitFor();
    await member.getByRole('cell', { name: 'Overdue' }).first().waitFor();
    await expectAccessible(member, 'my tasks');
    const anon = await newPage(h);
    await anon.goto(`/public/collaboratives/${id}`);
    await anon.getByText('The council adopted the welcome centre plan.').waitFor();
    await anon.getByRole('rowheader', { name: 'Community Development Council Durham' }).waitFor();
    await expectAccessible(anon, 'public collaborative page');
    await screenshot(anon, 'collaboratives-public');
  });

  it('lets a member sign their membership agreement, recording who and when', async () => {
    const id = await ldipcId();
    const page = await signedInPage(h, 'member@demo.roundtable.test');
    await page.goto(`/collaboratives/${id}/members`);
    await page.getByRole('heading', { name: 'Membership agreement of Durham Region Unemployed Help Centre' }).waitFor();
    await page.getByText(/^Statement of commitment/).waitFor();
    await expectAccessible(page, 'members');
    await page.getByRole('button', { name: 'Sign the agreement' }).click();
    await page.getByRole('link', { name: /Your name/ }).waitFor();
    await page.getByLabel(/^Your name/).fill('Demo Council Member');
    await page.getByLabel(/I agree to the statement of commitment/).check();
    await page.getByRole('button', { name: 'Sign the agreement' }).click();
    await page.getByText('Agreement signed.').waitFor();
    const row = page.getByRole('row', { name: /Durham Region Unemployed Help Centre/ });
    await row.getByText(/Signed by Demo Council Member on/).waitFor();
    expect(await page.getByRole('button', { name: 'Sign the agreement' }).count()).toBe(0);
    await page.getByRole('heading', { name: 'Representation' }).waitFor();
    await page.getByRole('heading', { name: 'Structure' }).waitFor();
    await screenshot(page, 'collaboratives-members');
    await page.goto(`/collaboratives/${id}/funding`);
    await page.getByRole('table', { name: /Funding by year and type/ }).waitFor();
    await expectAccessible(page, 'funding');
    await screenshot(page, 'collaboratives-funding');
    await page.goto(`/collaboratives/${id}/documents`);
    await page.getByRole('button', { name: 'Compare version 1 with 2' }).click();
    await page.getByText('in person or online').first().waitFor();
    await expectAccessible(page, 'documents');

    // the coordinator adds a working group to the structure tree
    const coord = await signedInPage(h, 'coordinator@demo.roundtable.test');
    await coord.goto(`/collaboratives/${id}/members`);
    await coord.getByRole('heading', { name: 'Add a committee or working group' }).waitFor();
    await coord.getByLabel('Name (required)', { exact: true }).fill('Health Access Working Group');
    await coord.getByLabel('Reports to').selectOption({ label: 'Partnership Council' });
    await coord.getByLabel('Organized by').selectOption('issue');
    await coord.getByLabel('Chair', { exact: true }).selectOption({ label: 'Women’s Multicultural Resource and Counselling Centre' });
    await coord.getByRole('button', { name: 'Add a committee or working group' }).click();
    await coord.getByText('Chair: Women’s Multicultural Resource and Counselling Centre · 1 member').waitFor();
    await expectAccessible(coord, 'members (coordinator)');
    await coord.getByRole('button', { name: 'Edit Northern Lights Canada – Employment Services' }).click();
    // The edit form's own field (its ids no longer collide with the add form's).
    await coord.locator('form', { has: coord.getByRole('heading', { name: /^Edit Northern Lights/ }) }).getByLabel(/^End date/).fill('2026-06-30');
    await coord.getByRole('button', { name: 'Save', exact: true }).click();
    await coord.getByRole('row', { name: /Northern Lights Canada/ }).getByText(/– Jun 30, 2026/).waitFor();
  });
});
