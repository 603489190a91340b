import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPage, screenshot, signedInPage, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const COORDINATOR = 'coordinator@demo.roundtable.test';
const PHONE = { width: 390, height: 844 };
const fitsPhone = (page: import('playwright-core').Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** An anonymous answer from its own "browser" (its own token and agent), as the public page sends it. */
async function answer(surveyId: string, n: number, ratings: Record<string, number>, comment?: string) {
  const res = await fetch(`${h.url}/api/v1/assessments/public/surveys/${surveyId}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': `journey-browser-${n}` },
    body: JSON.stringify({ token: `journey-token-${String(n).padStart(16, '0')}`, lang: 'en', ratings, comment }),
  });
  expect(res.status).toBe(201);
}

describe('community surveys: the coordinator page', () => {
  it('makes a survey, adds a language, opens it, copies its link and reads its results only from 3 answers, at 390 px', async () => {
    const page = await signedInPage(h, COORDINATOR, PHONE);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.url });
    await page.goto('/assessments/welcoming');
    await page.getByRole('link', { name: /^Community surveys: make, translate/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Community surveys' }).waitFor();
    await page.getByRole('link', { name: 'What makes Durham welcoming? (demo survey)' }).waitFor();
    await expectAccessible(page, 'community surveys (coordinator)');

    // The server names the fields at fault.
    await page.getByRole('button', { name: 'Make the survey' }).click();
    await page.getByRole('link', { name: /Title \(English\)/ }).waitFor();
    await page.getByLabel(/^Title \(English\)/).fill('Welcoming Durham 2027');
    await page.getByLabel(/^Title \(French\)/).fill('Durham accueillante 2027');
    for (const name of ['Employment opportunities', 'Affordable and suitable housing', 'Safety']) await page.getByLabel(name).check();
    expect(await fitsPhone(page)).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Make the survey' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welcoming Durham 2027' }).waitFor();
    const surveyId = page.url().split('/').pop()!;
    await page.getByText('Draft', { exact: true }).waitFor();
    await page.getByText('The link works once the survey is open.').waitFor();

    // A language other than English and French, with its questions and one UI string.
    await page.getByLabel(/^Language \(/).fill('Spanish');
    await page.getByLabel(/^The language’s own name/).fill('Español');
    await page.getByLabel(/^Title in this language/).fill('Durham acogedora 2027');
    await page.getByRole('button', { name: 'Save the language' }).click();
    await page.getByRole('link', { name: /^Employment opportunities:/ }).waitFor();
    await page.getByLabel(/^Employment opportunities/).fill('Oportunidades de empleo');
    await page.getByLabel(/^Affordable and suitable housing/).fill('Vivienda asequible y adecuada');
    await page.getByLabel(/^Safety/).fill('Seguridad');
    await page.getByLabel(/^Send button/).fill('Enviar mis respuestas');
    await page.getByRole('button', { name: 'Save the language' }).click();
    await page.getByText('Español saved.').waitFor();
    await page.getByRole('button', { name: 'Edit Español' }).waitFor();
    await expectAccessible(page, 'community survey (coordinator, draft)');

    await page.getByRole('button', { name: 'Open the survey' }).click();
    await page.getByText('Anyone with the link can answer, without signing in.').waitFor();
    await page.getByRole('button', { name: 'Copy the public link' }).click();
    await page.getByText(/^(Link copied\.|The link is selected)/).waitFor();
    const link = await page.getByLabel('Public link').inputValue();
    expect(link).toBe(`${h.url}/assessments/surveys/${surveyId}`);

    // The public link serves the added language without signing in.
    const anon = await newPage(h, PHONE);
    await anon.goto(`${new URL(link).pathname}?lang=es`);
    await anon.getByRole('heading', { level: 1, name: 'Durham acogedora 2027' }).waitFor();
    await anon.getByRole('button', { name: 'Enviar mis respuestas' }).waitFor();
    await anon.context().close();

    // Two answers: results stay hidden; the third shows them.
    await answer(surveyId, 1, { employment: 5, housing: 4 }, 'More affordable housing.');
    await answer(surveyId, 2, { employment: 4, housing: 5, safety: 3 });
    await page.reload();
    await page.getByText('2 responses so far: results appear once at least 3 people have answered.').waitFor();
    expect(await page.getByRole('table', { name: /Importance of each characteristic/ }).count()).toBe(0);
    await answer(surveyId, 3, { employment: 3, housing: 5 });
    await page.reload();
    const table = page.getByRole('table', { name: 'Importance of each characteristic (3 responses)' });
    await table.waitFor();
    // Cells' own text (at 390 px each row is a card whose cells also show their column heading).
    const cells = (scope: import('playwright-core').Locator, row: string) => scope.locator('tbody tr', { hasText: row }).locator('th, td').allTextContents();
    expect(await cells(table, 'Employment opportunities')).toEqual(['Employment opportunities', '3', '4']);
    expect(await cells(table, 'Affordable and suitable housing')).toEqual(['Affordable and suitable housing', '3', '4.7']);
    // Safety was rated by one person only: hidden, with its mean.
    expect(await cells(table, 'Safety')).toEqual(['Safety', 'Hidden (fewer than 3)', 'Hidden (fewer than 3)']);
    await page.getByText('More affordable housing.').waitFor();
    expect(await fitsPhone(page)).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'community survey results (coordinator)');
    await screenshot(page, 'assessments-community-survey-coordinator');

    await page.getByRole('button', { name: 'Close the survey' }).click();
    await page.getByText('Closed', { exact: true }).waitFor();

    // The same page in French.
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 1, name: 'Durham accueillante 2027' }).waitFor();
    await page.getByRole('table', { name: 'Importance de chaque caractéristique (3 réponses)' }).waitFor();
    expect(await fitsPhone(page)).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'community survey results (coordinator, fr)');
    await page.getByRole('link', { name: 'Retour aux sondages communautaires' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sondages communautaires' }).waitFor();
    await page.getByRole('table', { name: 'Sondages communautaires de la collaboration' }).waitFor();
    expect((await cells(page.locator('main'), 'Durham accueillante 2027')).slice(0, 3)).toEqual(['Durham accueillante 2027', 'Fermé', '3']);
    await expectAccessible(page, 'community surveys (coordinator, fr)');
    await page.getByRole('button', { name: 'English' }).click();
    await page.context().close();
  }, 240_000);
});

describe('instruments: the authoring form', () => {
  it('authors a Likert instrument in English and French, then a new version, at 390 px', async () => {
    const page = await signedInPage(h, COORDINATOR, PHONE);
    await page.goto('/assessments/instruments');
    await page.getByRole('link', { name: 'Author a new instrument' }).click();
    await page.getByRole('heading', { level: 1, name: 'New instrument' }).waitFor();
    await expectAccessible(page, 'instrument form (empty)');
    await page.getByRole('button', { name: 'Publish the instrument' }).click();
    await page.getByRole('link', { name: /^Key:/ }).waitFor();
    await page.getByRole('link', { name: /^Name \(English\):/ }).waitFor();

    await page.getByLabel(/^Key/).first().fill('table-health');
    await page.getByRole('radio', { name: /^Likert items/ }).check();
    await page.getByLabel(/^Name \(English\)/).fill('Table health');
    await page.getByLabel(/^Name \(French\)/).fill('Santé de la table');
    await page.getByLabel(/^Scale/).selectOption({ label: 'Five-point agreement' });
    await page.getByRole('button', { name: 'Add a factor' }).click();
    const factor = page.getByRole('group', { name: 'Factor 1' });
    await factor.getByLabel(/^English/).fill('Mutual respect');
    await factor.getByLabel(/^French/).fill('Respect mutuel');
    await page.getByRole('button', { name: 'Add an item' }).click();
    const item = page.getByRole('group', { name: 'Item 1' });
    await item.getByLabel(/^English/).fill('Members respect each other’s organizations.');
    await item.getByLabel(/^French/).fill('Les membres respectent les organismes des autres.');
    // The factor is missing: named before sending, the same check as the server's.
    await page.getByRole('button', { name: 'Publish the instrument' }).click();
    await page.getByRole('link', { name: /^Item 1: Factor: Choose an option from the list/ }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-definition-items-0-factor');
    await item.getByLabel(/^Factor/).selectOption({ label: 'Mutual respect' });
    expect(await fitsPhone(page)).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'instrument form (filled)');
    await page.getByRole('button', { name: 'Publish the instrument' }).click();
    await page.getByText('Published: Table health, version 1.').waitFor();
    await page.getByRole('rowheader', { name: 'Table health' }).waitFor();

    // Editing makes version 2; version 1 stays as it was.
    await page.getByRole('link', { name: 'New version of Table health (version 1)' }).click();
    await page.getByRole('heading', { level: 1, name: 'New version of an instrument' }).waitFor();
    expect(await page.getByLabel(/^Key/).first().inputValue()).toBe('table-health');
    expect(await page.getByLabel(/^Key/).first().getAttribute('readonly')).not.toBeNull();
    await page.getByRole('button', { name: 'Add an item' }).click();
    const item2 = page.getByRole('group', { name: 'Item 2' });
    await item2.getByLabel(/^English/).fill('Members share information freely.');
    await item2.getByLabel(/^French/).fill('Les membres partagent l’information librement.');
    await item2.getByLabel(/^Factor/).selectOption({ label: 'Mutual respect' });
    await page.getByRole('button', { name: 'Publish the new version' }).click();
    await page.getByText('Published: Table health, version 2.').waitFor();
    expect(await page.getByRole('rowheader', { name: 'Table health' }).count()).toBe(2);
    const versions = await page.request.get('/api/v1/assessments/instruments').then((r) => r.json()) as { items: { key: string; version: number; definition: { items?: unknown[] } }[] };
    expect(versions.items.filter((i) => i.key === 'table-health').map((i) => [i.version, i.definition.items?.length]).sort()).toEqual([[1, 1], [2, 2]]);
    expect(await fitsPhone(page)).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'instruments with versions');

    // The form in French.
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('link', { name: 'Rédiger un nouvel instrument' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvel instrument' }).waitFor();
    // Required fields left empty: the messages in French, focus on the first field at fault.
    await page.getByRole('button', { name: 'Publier l’instrument' }).click();
    await page.getByRole('heading', { name: 'Il y a un problème' }).waitFor();
    await page.getByRole('link', { name: /^Clé ?:/ }).waitFor();
    await page.getByRole('link', { name: /^Nom \(français\) ?: Entrez une valeur/ }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-key');
    await page.getByRole('radio', { name: /^Liste de contrôle/ }).check();
    await page.getByRole('button', { name: 'Ajouter un énoncé' }).click();
    await page.getByRole('group', { name: 'Énoncé 1' }).waitFor();
    expect(await fitsPhone(page)).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'instrument form (fr)');
    await screenshot(page, 'assessments-instrument-form-fr');
    await page.getByRole('button', { name: 'English' }).click();
    await page.context().close();
  }, 180_000);
});
