import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';
import { rowsOf } from '../../core/db/database';

let t: TestApp;
let coordinator: Agent, member: Agent;
let ldipcId: string;
const BAD = '00000000-0000-4000-8000-000000000000';
const KEYS = ['employment', 'housing', 'safety'];
const fieldsOf = (res: { json(): { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);
const lang = (code: string, name: string, word: string) => ({ lang: code, name, title: `${word} survey`, questions: Object.fromEntries(KEYS.map((k) => [k, `${word} ${k}`])), ui: { submit: `${word} send` } });
const token = (n: number) => `tok-${String(n).padStart(20, '0')}`;
const answer = (id: string, n: number, body: Record<string, unknown> = {}) => t.anonymous.request({
  method: 'POST', url: `/api/v1/assessments/public/surveys/${id}/responses`,
  headers: { 'user-agent': `browser-${n}` }, payload: { token: token(n), lang: 'fr', ratings: { employment: 5, housing: 4 }, comment: `note ${n}`, ...body },
});

beforeAll(async () => {
  t = await createTestApp();
  [coordinator, member] = await Promise.all([t.login(demo.coordinator), t.login(demo.member)]);
  [{ id: ldipcId }] = await rowsOf<{ id: string }>(t.database.db, sql`SELECT id FROM collaboratives WHERE short_name = 'LDIPC'`);
});
afterAll(() => t.close());

describe('community surveys', () => {
  let surveyId: string;

  it('refuses anonymous callers on the coordinator routes (401)', async () => {
    for (const [method, url] of [
      ['GET', `/api/v1/assessments/surveys?collaborativeId=${ldipcId}`], ['POST', '/api/v1/assessments/surveys'], ['GET', `/api/v1/assessments/surveys/${BAD}`],
      ['PUT', `/api/v1/assessments/surveys/${BAD}/languages`], ['POST', `/api/v1/assessments/surveys/${BAD}/open`], ['POST', `/api/v1/assessments/surveys/${BAD}/close`],
      ['GET', `/api/v1/assessments/surveys/${BAD}/results`],
    ] as const) {
      expect((await t.anonymous.request({ method, url, payload: method === 'GET' ? undefined : {} })).statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('names the field at fault (400)', async () => {
    expect(fieldsOf(await coordinator.post('/api/v1/assessments/surveys', { collaborativeId: 'x', title: '' })).sort()).toEqual(['collaborativeId', 'title', 'titleFr']);
    expect(fieldsOf(await coordinator.post('/api/v1/assessments/surveys', { collaborativeId: ldipcId, title: 'T', titleFr: 'T', characteristics: ['nope'] }))).toEqual(['characteristics.0']);
    const missing = { ...lang('es', 'Español', 'es'), questions: { employment: 'x' } };
    expect(fieldsOf(await coordinator.post('/api/v1/assessments/surveys', { collaborativeId: ldipcId, title: 'T', titleFr: 'T', characteristics: KEYS, languages: [missing] })).sort()).toEqual(['languages.0.questions.housing', 'languages.0.questions.safety']);
  });

  it('lets the coordinator make, translate and open a survey (200) and nobody else (403)', async () => {
    const made = await coordinator.post('/api/v1/assessments/surveys', { collaborativeId: ldipcId, title: 'What makes Durham welcoming?', titleFr: 'Durham accueillante?', characteristics: KEYS, languages: [lang('es', 'Español', 'es'), lang('ar', 'العربية', 'ar')] });
    expect(made.statusCode, made.body).toBe(201);
    surveyId = made.json().id;
    expect(made.json().status).toBe('draft');
    expect((await member.post('/api/v1/assessments/surveys', { collaborativeId: ldipcId, title: 'Mine', titleFr: 'M', characteristics: KEYS })).statusCode).toBe(403);
    expect((await member.post(`/api/v1/assessments/surveys/${surveyId}/open`)).statusCode).toBe(403);
    expect((await member.get(`/api/v1/assessments/surveys/${surveyId}/results`)).statusCode).toBe(403);
    const zh = await coordinator.put(`/api/v1/assessments/surveys/${surveyId}/languages`, lang('zh', '中文', 'zh'));
    expect(zh.statusCode, zh.body).toBe(200);
    expect(zh.json().languages.map((l: { lang: string }) => l.lang).sort()).toEqual(['ar', 'es', 'zh']);
    // A draft is not public yet.
    expect((await t.anonymous.get(`/api/v1/assessments/public/surveys/${surveyId}`)).statusCode).toBe(404);
    const opened = await coordinator.post(`/api/v1/assessments/surveys/${surveyId}/open`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json().status).toBe('open');
    expect((await coordinator.get(`/api/v1/assessments/surveys?collaborativeId=${ldipcId}`)).json().items.map((s: { id: string }) => s.id)).toContain(surveyId);
  });

  it('serves the survey in the reader’s language without sign-in, falling back to English', async () => {
    const fr = (await t.anonymous.get(`/api/v1/assessments/public/surveys/${surveyId}?lang=fr-CA`)).json();
    expect(fr.lang).toBe('fr');
    expect([fr.title, fr.questions[0].text]).toEqual(['Durham accueillante?', 'Possibilités d’emploi']);
    const es = (await t.anonymous.get(`/api/v1/assessments/public/surveys/${surveyId}?lang=es-MX,en`)).json();
    expect([es.lang, es.title, es.questions[1].text, es.ui.submit]).toEqual(['es', 'es survey', 'es housing', 'es send']);
    expect(es.languages).toHaveLength(5);
    const de = (await t.anonymous.get(`/api/v1/assessments/public/surveys/${surveyId}?lang=de`)).json();
    expect([de.lang, de.questions[0].text]).toEqual(['en', 'Employment opportunities']);
  });

  it('takes anonymous answers, refuses a repeat (409) and hides results under 3 responses', async () => {
    expect((await answer(surveyId, 1)).statusCode).toBe(201);
    // The same browser token again, even from another agent: refused.
    const again = await t.anonymous.request({ method: 'POST', url: `/api/v1/assessments/public/surveys/${surveyId}/responses`, headers: { 'user-agent': 'other' }, payload: { token: token(1), lang: 'fr', ratings: { employment: 1 } } });
    expect(again.statusCode).toBe(409);
    // A new token from the same address and agent the same day: refused too.
    expect((await t.anonymous.request({ method: 'POST', url: `/api/v1/assessments/public/surveys/${surveyId}/responses`, headers: { 'user-agent': 'browser-1' }, payload: { token: token(99), ratings: { employment: 1 } } })).statusCode).toBe(409);
    expect(fieldsOf(await answer(surveyId, 2, { ratings: { nope: 3 } }))).toEqual(['ratings.nope']);
    expect(fieldsOf(await answer(surveyId, 2, { ratings: { employment: 9 } }))).toEqual(['ratings.employment']);
    expect((await answer(surveyId, 2)).statusCode).toBe(201);
    const hidden = (await coordinator.get(`/api/v1/assessments/surveys/${surveyId}/results`)).json();
    expect([hidden.responses, hidden.suppressed, hidden.items[0].mean, hidden.comments]).toEqual([2, true, null, []]);
    expect((await answer(surveyId, 3, { ratings: { employment: 2, housing: 4, safety: 5 } })).statusCode).toBe(201);
    const shown = (await coordinator.get(`/api/v1/assessments/surveys/${surveyId}/results`)).json();
    expect(shown.suppressed).toBe(false);
    expect(shown.items.map((i: { key: string; count: number | null; mean: number | null }) => [i.key, i.count, i.mean])).toEqual([['employment', 3, 4], ['housing', 3, 4], ['safety', null, null]]);
    expect(shown.comments.sort()).toEqual(['note 1', 'note 2', 'note 3']);
  });

  it('stores no address, agent or token in clear, not even in the audit log', async () => {
    const subs = await rowsOf<{ digest: string }>(t.database.db, sql`SELECT digest FROM assessments_survey_submissions WHERE survey_id = ${surveyId}`);
    expect(subs).toHaveLength(6);
    const dump = JSON.stringify(subs) + JSON.stringify(await rowsOf(t.database.db, sql`SELECT * FROM assessments_survey_responses WHERE survey_id = ${surveyId}`));
    for (const secret of [token(1), token(2), 'browser-1', '127.0.0.1']) expect(dump).not.toContain(secret);
    for (const s of subs) expect(s.digest).toMatch(/^[0-9a-f]{64}$/);
    const audit = await rowsOf<{ ip: string | null; user_agent: string | null }>(t.database.db, sql`SELECT ip, user_agent FROM audit_events WHERE action = 'assessments.survey.respond'`);
    expect(audit).toHaveLength(3);
    expect(audit.every((a) => a.ip === null && a.user_agent === null)).toBe(true);
  });

  it('closes: no more answers (409)', async () => {
    expect((await coordinator.post(`/api/v1/assessments/surveys/${surveyId}/close`)).json().status).toBe('closed');
    expect((await answer(surveyId, 4)).statusCode).toBe(409);
    expect((await t.anonymous.get(`/api/v1/assessments/public/surveys/${surveyId}`)).json().status).toBe('closed');
  });
});
