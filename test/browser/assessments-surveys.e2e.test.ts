import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPage, screenshot, signedInPage, startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('community survey (public, anonymous)', () => {
  it('answers the demo survey in French at 390 px without signing in, once', async () => {
    const coordinator = await signedInPage(h, 'coordinator@demo.roundtable.test');
    const collabs = (await (await coordinator.request.get('/api/v1/collaboratives')).json()) as { items: { id: string; shortName?: string | null }[] };
    let surveyId = '';
    for (const c of collabs.items) {
      const res = await coordinator.request.get(`/api/v1/assessments/surveys?collaborativeId=${c.id}`);
      if (res.ok()) surveyId = ((await res.json()) as { items: { id: string }[] }).items[0]?.id ?? surveyId;
    }
    expect(surveyId).not.toBe('');
    await coordinator.context().close();

    const page = await newPage(h, { width: 390, height: 844 });
    await page.goto(`/assessments/surveys/${surveyId}?lang=fr`);
    await page.getByRole('heading', { level: 1, name: 'Qu’est-ce qui rend Durham accueillante? (sondage de démonstration)' }).waitFor();
    await page.getByText('Vos réponses sont anonymes', { exact: false }).waitFor();
    await expectAccessible(page, 'community survey fr');
    const groups = page.locator('fieldset.assessments-question');
    expect(await groups.count()).toBe(5);
    await groups.first().getByRole('radio', { name: '5 – Très important' }).check();
    await groups.nth(1).getByRole('radio', { name: '4' }).check();
    await page.getByLabel('Autre chose à nous dire? (facultatif)').fill('Plus de logements, s’il vous plaît.');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
    await page.getByText('Merci : vos réponses ont été reçues.').waitFor();
    await screenshot(page, 'assessments-survey-fr');
    // The same browser again: the kept token makes the server refuse a second answer.
    await page.reload();
    await page.getByRole('button', { name: 'Envoyer mes réponses' }).waitFor();
    await groups.first().getByRole('radio', { name: '3' }).check();
    await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
    await page.getByText('Ce sondage a déjà été rempli depuis ce navigateur ou cet appareil.').waitFor();
    // Another language stored as data: Spanish questions, English for a UI string not translated.
    await page.goto(`/assessments/surveys/${surveyId}?lang=es`);
    await page.getByRole('radio', { name: '5 – Muy importante' }).first().waitFor();
    await page.getByText('Oportunidades de empleo').waitFor();
    await expectAccessible(page, 'community survey es');
  }, 180_000);
});
