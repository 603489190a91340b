import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from 'date-fns';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';
import { rowsOf } from '../../core/db/database';
import { makeInstrument } from './assessments.factory';

let t: TestApp;
let admin: Agent, viewer: Agent, coordinator: Agent, member: Agent;
let ldipcId: string;
let pairInstrumentId: string;
const BAD = '00000000-0000-4000-8000-000000000000';
const TOKEN = 'x'.repeat(32);

interface RoundJson { id: string; status: string; title: string; illustrative: boolean; myRespondentId: string | null; progress: { rosterSize: number; submitted: number }; respondents: { id: string; displayName: string; hasAccount: boolean; submitted: boolean }[] | null; actions: Record<string, boolean> }

beforeAll(async () => {
  t = await createTestApp();
  [admin, viewer, coordinator, member] = await Promise.all([t.login(demo.admin), t.login(demo.viewer), t.login(demo.coordinator), t.login(demo.member)]);
  [{ id: ldipcId }] = await rowsOf<{ id: string }>(t.database.db, sql`SELECT id FROM collaboratives WHERE short_name = 'LDIPC'`);
  pairInstrumentId = (await admin.get('/api/v1/assessments/instruments')).json().items.find((i: { key: string }) => i.key === 'seed-five-level-pairs').id;
});
afterAll(() => t.close());

const fieldsOf = (res: { json(): { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);
const rounds = async (agent: Agent): Promise<RoundJson[]> => (await agent.get(`/api/v1/assessments/rounds?collaborativeId=${ldipcId}`)).json().items;
const nextMonth = () => addDays(new Date(), 30).toISOString().slice(0, 10);

describe('every assessments endpoint', () => {
  it('refuses anonymous callers (401) except the single-use link', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/assessments/scales'], ['GET', '/api/v1/assessments/instruments'], ['POST', '/api/v1/assessments/instruments'],
      ['GET', '/api/v1/assessments/rounds'], ['POST', '/api/v1/assessments/rounds'], ['GET', `/api/v1/assessments/rounds/${BAD}`],
      ['POST', `/api/v1/assessments/rounds/${BAD}/links`], ['POST', `/api/v1/assessments/rounds/${BAD}/reminders`], ['POST', `/api/v1/assessments/rounds/${BAD}/close`],
      ['GET', `/api/v1/assessments/rounds/${BAD}/my-answers`], ['PUT', `/api/v1/assessments/rounds/${BAD}/my-answers`],
      ['GET', `/api/v1/assessments/rounds/${BAD}/results`], ['GET', `/api/v1/assessments/rounds/${BAD}/results.csv`],
      ['GET', `/api/v1/assessments/trends?collaborativeId=${BAD}&instrumentKey=x`], ['POST', `/api/v1/assessments/rounds/${BAD}/follow-ups`],
    ] as const) {
      const res = await t.anonymous.request({ method, url, payload: method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
    expect((await t.anonymous.get(`/api/v1/assessments/respond/${TOKEN}`)).statusCode).toBe(404);
  });

  it('names the field at fault (400)', async () => {
    expect(fieldsOf(await admin.post('/api/v1/assessments/rounds', { collaborativeId: 'x', instrumentId: pairInstrumentId, title: '', closesOn: 'soon' })).sort()).toEqual(['closesOn', 'collaborativeId', 'title']);
    expect(fieldsOf(await admin.post('/api/v1/assessments/rounds', { collaborativeId: ldipcId, instrumentId: BAD, title: 'T', closesOn: nextMonth() }))).toEqual(['instrumentId']);
    expect(fieldsOf(await admin.post('/api/v1/assessments/rounds', { collaborativeId: ldipcId, instrumentId: pairInstrumentId, title: 'T', opensOn: '2026-05-01', closesOn: '2026-04-01' }))).toEqual(['closesOn']);
    expect(fieldsOf(await admin.post('/api/v1/assessments/instruments', { key: 'x y', kind: 'likert', nameEn: 'L', nameFr: 'L', definition: {} })).sort()).toEqual(['key']);
    expect(fieldsOf(await admin.post('/api/v1/assessments/instruments', { key: 'my-likert', kind: 'likert', nameEn: 'L', nameFr: 'L', definition: { factors: [{ key: 'a', en: 'A', fr: 'A' }], items: [{ key: 'i', en: 'I', fr: 'I', factor: 'zz' }] } })).sort()).toEqual(['definition.items.0.factor', 'scaleId']);
    const [open] = (await rounds(member)).filter((r) => r.status === 'open');
    expect(fieldsOf(await member.put(`/api/v1/assessments/rounds/${open.id}/my-answers`, { answers: [{ targetId: open.myRespondentId, item: 'level', value: 3 }] }))).toEqual(['answers.0.targetId']);
    const q = (await member.get(`/api/v1/assessments/rounds/${open.id}/my-answers`)).json();
    expect(fieldsOf(await member.put(`/api/v1/assessments/rounds/${open.id}/my-answers`, { answers: [{ targetId: q.targets[0].id, item: 'level', value: 9 }] }))).toEqual(['answers.0.value']);
    expect(fieldsOf(await admin.get(`/api/v1/assessments/trends?collaborativeId=${ldipcId}`))).toEqual(['instrumentKey']);
  });

  it('refuses writes to those without the role (403) and lets members read (200)', async () => {
    const all = await rounds(member);
    const open = all.find((r) => r.status === 'open')!;
    const closed = all.find((r) => r.status === 'closed')!;
    for (const [method, url, payload] of [
      ['POST', '/api/v1/assessments/instruments', { key: 'member-made', kind: 'checklist', nameEn: 'C', nameFr: 'C', definition: { items: [{ key: 'a', en: 'A', fr: 'A' }] } }],
      ['POST', '/api/v1/assessments/rounds', { collaborativeId: ldipcId, instrumentId: pairInstrumentId, title: 'Mine', closesOn: nextMonth() }],
      ['POST', `/api/v1/assessments/rounds/${open.id}/links`, {}],
      ['POST', `/api/v1/assessments/rounds/${open.id}/reminders`, undefined],
      ['POST', `/api/v1/assessments/rounds/${open.id}/close`, undefined],
      ['POST', `/api/v1/assessments/rounds/${closed.id}/follow-ups`, { kind: 'meeting_agenda', targetId: ldipcId, finding: 'x' }],
    ] as const) {
      const res = await member.request({ method, url, payload: payload as never });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await member.get(`/api/v1/assessments/rounds/${open.id}/results`)).statusCode).toBe(403);
    for (const url of ['/api/v1/assessments/scales', '/api/v1/assessments/instruments', `/api/v1/assessments/rounds/${open.id}`, `/api/v1/assessments/rounds/${closed.id}/results`, `/api/v1/assessments/trends?collaborativeId=${ldipcId}&instrumentKey=seed-five-level-pairs`]) {
      expect((await member.get(url)).statusCode, url).toBe(200);
    }
    // Someone with no part in the collaborative sees none of its rounds.
    expect(await rounds(viewer)).toEqual([]);
    expect((await viewer.get(`/api/v1/assessments/rounds/${closed.id}`)).statusCode).toBe(404);
    expect((await viewer.get(`/api/v1/assessments/rounds/${closed.id}/results`)).statusCode).toBe(404);
  });
});

describe('instruments as data', () => {
  it('ships the five scales with crosswalks, and the seed pair survey, a Wilder-style instrument and a checklist', async () => {
    const scales = (await viewer.get('/api/v1/assessments/scales')).json().items as { key: string; levels: { key: string }[]; crosswalks: { toScaleKey: string }[] }[];
    expect(scales.map((s) => s.key).sort()).toEqual(['agreement-5', 'frey', 'himmelman', 'hsim', 'integration-continuum', 'seed-five-levels']);
    expect(scales.find((s) => s.key === 'seed-five-levels')!.levels.map((l) => l.key)).toEqual(['awareness', 'communication', 'cooperation', 'collaboration', 'integration']);
    expect(scales.find((s) => s.key === 'hsim')!.crosswalks.map((c) => c.toScaleKey)).toEqual(['seed-five-levels']);
    const items = (await viewer.get('/api/v1/assessments/instruments')).json().items as { key: string; kind: string; definition: { factors?: unknown[] } }[];
    expect(items.find((i) => i.key === 'wilder-style-factors')).toMatchObject({ kind: 'likert' });
    expect(items.find((i) => i.key === 'wilder-style-factors')!.definition.factors).toHaveLength(20);
    expect(items.find((i) => i.key === 'plan-adoption')).toMatchObject({ kind: 'checklist' });
  });

  it('makes a new version when a key is reused', async () => {
    const body = { key: 'council-check', kind: 'checklist', nameEn: 'Council check', nameFr: 'Vérification', definition: { items: [{ key: 'a', en: 'A', fr: 'A' }] } };
    const v1 = (await coordinator.post('/api/v1/assessments/instruments', body)).json();
    const v2 = await coordinator.post('/api/v1/assessments/instruments', { ...body, nameEn: 'Council check (revised)' });
    expect(v2.statusCode).toBe(201);
    expect([v1.version, v2.json().version]).toEqual([1, 2]);
  });
});

describe('the demo LDIPC rounds', () => {
  it('has two closed rounds with illustrative answers and one open round', async () => {
    const all = await rounds(admin);
    expect(all.filter((r) => r.status === 'closed').map((r) => r.illustrative)).toEqual([true, true]);
    const open = all.filter((r) => r.status === 'open' && r.title === 'Partner integration survey 2026');
    expect(open).toHaveLength(1);
    expect(open[0].progress.rosterSize).toBe(10);
    const trends = (await member.get(`/api/v1/assessments/trends?collaborativeId=${ldipcId}&instrumentKey=seed-five-level-pairs`)).json().items;
    expect(trends).toHaveLength(2);
    expect(trends[0].respondents).toBe(8);
    expect(trends[1].respondents).toBe(9);
    expect(trends[1].densityAtLeast['1']).toBeGreaterThan(0);
  });

  it('serves results with aggregates, centrality, pairs and discussion points; the CSV carries aggregates only', async () => {
    const closed = (await rounds(member)).find((r) => r.status === 'closed')!;
    const r = (await member.get(`/api/v1/assessments/rounds/${closed.id}/results`)).json();
    const b = r.pairs[0];
    expect(b.suppressed).toBe(false);
    expect(b.levels.map((l: { level: number }) => l.level)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(b.organizations).toHaveLength(10);
    expect(b.pairs).toHaveLength(45);
    expect(r.round.respondents).toBeNull(); // a member does not see who submitted
    const csv = (await member.get(`/api/v1/assessments/rounds/${closed.id}/results.csv`)).body;
    expect(csv).toContain('extent');
    expect(csv).not.toMatch(/respondent_id|target_id|"value"/);
  });

  it('keeps results immutable and refuses answers to a closed round, whoever asks', async () => {
    const closed = (await rounds(admin)).find((r) => r.status === 'closed')!;
    const failure = async (p: Promise<unknown>) => p.then(() => 'no error', (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ''}`);
    expect(await failure(t.database.db.execute(sql`UPDATE assessments_results SET results = '{}'::jsonb WHERE round_id = ${closed.id}`))).toMatch(/immutable/);
    expect(await failure(t.database.db.execute(sql`DELETE FROM assessments_results WHERE round_id = ${closed.id}`))).toMatch(/immutable/);
    expect(await failure(t.database.db.execute(sql`UPDATE assessments_answers SET value = 5 WHERE round_id = ${closed.id}`))).toMatch(/closed/);
  });
});

describe('answering', () => {
  it('lets a member answer, save, then submit once; the coordinator sees who submitted but never what', async () => {
    const open = (await rounds(member)).find((r) => r.status === 'open')!;
    const q = (await member.get(`/api/v1/assessments/rounds/${open.id}/my-answers`)).json();
    expect(q.targets).toHaveLength(9);
    const answers = q.targets.map((x: { id: string }, i: number) => ({ targetId: x.id, item: 'level', value: i % 6 }));
    expect((await member.put(`/api/v1/assessments/rounds/${open.id}/my-answers`, { answers: answers.slice(0, 3) })).json().answers).toHaveLength(3);
    // Saving again replaces an answer; an item given twice in one save keeps the last value.
    const again = (await member.put(`/api/v1/assessments/rounds/${open.id}/my-answers`, { answers: [{ ...answers[0], value: 5 }, { ...answers[1], value: 4 }, { ...answers[1], value: 2 }] })).json();
    const valueOf = (body: { answers: { targetId: string; item: string; value: number }[] }, targetId: string) => body.answers.filter((a) => a.targetId === targetId && a.item === 'level').map((a) => a.value);
    expect(again.answers).toHaveLength(3);
    expect(valueOf(again, answers[0].targetId)).toEqual([5]);
    expect(valueOf(again, answers[1].targetId)).toEqual([2]);
    expect(valueOf(again, answers[2].targetId)).toEqual([answers[2].value]);
    const done = (await member.put(`/api/v1/assessments/rounds/${open.id}/my-answers`, { answers, submit: true })).json();
    expect(done.respondent.submitted).toBe(true);
    expect(done.answers).toHaveLength(9);
    expect((await member.put(`/api/v1/assessments/rounds/${open.id}/my-answers`, { answers })).statusCode).toBe(409);

    const seen = (await coordinator.get(`/api/v1/assessments/rounds/${open.id}`)).json() as RoundJson;
    expect(seen.respondents!.find((p) => p.submitted)!.displayName).toBe('Durham Region Unemployed Help Centre');
    // The coordinator's own questionnaire holds only the coordinator's answers (none yet).
    expect((await coordinator.get(`/api/v1/assessments/rounds/${open.id}/my-answers`)).json().answers).toEqual([]);
    // Someone not on the roster has no questionnaire.
    expect((await admin.get(`/api/v1/assessments/rounds/${open.id}/my-answers`)).statusCode).toBe(404);
  });

  it('never returns one person’s answers to anyone else, on any route', async () => {
    const open = (await rounds(admin)).find((r) => r.status === 'open')!;
    const closed = (await rounds(admin)).find((r) => r.status === 'closed')!;
    const bodies = [];
    for (const agent of [admin, coordinator, viewer]) {
      for (const url of [`/api/v1/assessments/rounds?collaborativeId=${ldipcId}`, `/api/v1/assessments/rounds/${open.id}`, `/api/v1/assessments/rounds/${closed.id}`, `/api/v1/assessments/rounds/${closed.id}/results`, `/api/v1/assessments/rounds/${closed.id}/results.csv`, `/api/v1/assessments/rounds/${open.id}/my-answers`, `/api/v1/assessments/trends?collaborativeId=${ldipcId}&instrumentKey=seed-five-level-pairs`]) {
        bodies.push((await agent.get(url)).body);
      }
    }
    const memberRespondent = (await rounds(member)).find((r) => r.id === open.id)!.myRespondentId!;
    for (const body of bodies) {
      expect(body).not.toContain(memberRespondent + '","item"');
      expect(body).not.toMatch(/"answers":\[\{/);
    }
    // The member's answers are stored, and only the member reads them back.
    expect((await member.get(`/api/v1/assessments/rounds/${open.id}/my-answers`)).json().answers.length).toBe(9);
  });

  it('gives people without an account a single-use link, keeping only a hash of it', async () => {
    const res = await coordinator.post('/api/v1/assessments/rounds', { collaborativeId: ldipcId, instrumentId: pairInstrumentId, title: 'Link round', closesOn: nextMonth() });
    expect(res.statusCode).toBe(201);
    const round = res.json() as RoundJson;
    expect(round.respondents!.filter((p) => !p.hasAccount)).toHaveLength(8);
    const links = (await coordinator.post(`/api/v1/assessments/rounds/${round.id}/links`, {})).json().items as { respondentId: string; token: string }[];
    expect(links).toHaveLength(8);
    const [{ token, respondentId }] = links;
    const stored = await rowsOf<{ h: string }>(t.database.db, sql`SELECT token_hash AS h FROM assessments_respondents WHERE id = ${respondentId}`);
    expect(stored[0].h).toBe(createHash('sha256').update(token).digest('hex'));
    const hits = await rowsOf<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM assessments_respondents WHERE token_hash = ${token}`);
    expect(hits[0].n).toBe(0);

    const q = (await t.anonymous.get(`/api/v1/assessments/respond/${token}`)).json();
    expect(q.targets).toHaveLength(9);
    const answers = q.targets.map((x: { id: string }) => ({ targetId: x.id, item: 'level', value: 2 }));
    expect((await t.anonymous.put(`/api/v1/assessments/respond/${token}`, { answers, submit: true })).statusCode).toBe(200);
    expect((await t.anonymous.put(`/api/v1/assessments/respond/${token}`, { answers })).statusCode).toBe(409);

    const reminded = (await coordinator.post(`/api/v1/assessments/rounds/${round.id}/reminders`)).json();
    expect(reminded.recipients).toHaveLength(9);

    // Closing with one respondent: every aggregate is hidden (fewer than 3).
    const after = (await coordinator.post(`/api/v1/assessments/rounds/${round.id}/close`)).json() as RoundJson;
    expect(after.status).toBe('closed');
    const results = (await coordinator.get(`/api/v1/assessments/rounds/${round.id}/results`)).json();
    expect(results.pairs[0]).toMatchObject({ suppressed: true, respondents: 1, extent: null, pairs: [], discrepancies: [] });
    expect(results.pairs[0].organizations.every((o: { centrality: number | null }) => o.centrality === null)).toBe(true);
    expect((await t.anonymous.put(`/api/v1/assessments/respond/${links[1].token}`, { answers })).statusCode).toBe(409);
    expect((await coordinator.post(`/api/v1/assessments/rounds/${round.id}/close`)).statusCode).toBe(403);
  });

  it('scores a Likert round into factor scores with their spread', async () => {
    const id = await makeInstrument(t.database.db, 'likert', { factors: [{ key: 'trust', en: 'Trust', fr: 'Confiance' }], items: [{ key: 't1', factor: 'trust', en: 'T1', fr: 'T1' }, { key: 't2', factor: 'trust', en: 'T2', fr: 'T2' }] }, 'agreement-5');
    const round = (await admin.post('/api/v1/assessments/rounds', { collaborativeId: ldipcId, instrumentId: id, title: 'Factors', closesOn: nextMonth() })).json() as RoundJson;
    const links = (await admin.post(`/api/v1/assessments/rounds/${round.id}/links`, {})).json().items as { token: string }[];
    const given = [[5, 4], [4, 4], [3, 3]];
    for (const [i, [a, b]] of given.entries()) {
      expect((await t.anonymous.put(`/api/v1/assessments/respond/${links[i].token}`, { answers: [{ item: 't1', value: a }, { item: 't2', value: b }], submit: true })).statusCode).toBe(200);
    }
    await admin.post(`/api/v1/assessments/rounds/${round.id}/close`);
    const r = (await admin.get(`/api/v1/assessments/rounds/${round.id}/results`)).json();
    expect(r.factors).toEqual([{ factor: 'trust', respondents: 3, suppressed: false, mean: 3.8333, sd: 0.7638, min: 3, max: 4.5, band: 'borderline' }]);
  });

  it('hands a finding on to the collaborative’s agenda', async () => {
    const closed = (await rounds(coordinator)).find((r) => r.status === 'closed')!;
    expect(fieldsOf(await coordinator.post(`/api/v1/assessments/rounds/${closed.id}/follow-ups`, { kind: 'meeting_agenda', targetId: BAD, finding: 'Discuss' }))).toEqual(['targetId']);
    const res = await coordinator.post(`/api/v1/assessments/rounds/${closed.id}/follow-ups`, { kind: 'meeting_agenda', targetId: ldipcId, finding: 'Discuss the pairs flagged for discussion' });
    expect(res.statusCode).toBe(201);
  });
});

describe('welcoming-community assessment', () => {
  it('scans, makes a dated immutable profile, and publishes it as a public page', async () => {
    const [{ id: durham }] = await rowsOf<{ id: string }>(t.database.db, sql`SELECT id FROM geographies WHERE code = '3518'`);
    expect((await t.anonymous.get(`/api/v1/assessments/welcoming/scan?collaborativeId=${ldipcId}&geographyId=${durham}`)).statusCode).toBe(401);
    expect(fieldsOf(await member.get(`/api/v1/assessments/welcoming/scan?collaborativeId=${ldipcId}&geographyId=x`))).toEqual(['geographyId']);
    expect((await viewer.get(`/api/v1/assessments/welcoming/scan?collaborativeId=${ldipcId}&geographyId=${durham}`)).statusCode).toBe(403);
    const scan = (await member.get(`/api/v1/assessments/welcoming/scan?collaborativeId=${ldipcId}&geographyId=${durham}`)).json();
    expect(scan.characteristics).toHaveLength(17);
    const attitudes = scan.characteristics.find((c: { key: string }) => c.key === 'attitudes');
    expect(attitudes.indicators.map((i: { code: string }) => i.code).sort()).toEqual(['immigrants.share_pct', 'visible_minority.share_pct']);
    expect(scan.peers.length).toBeGreaterThan(0);

    const body = { collaborativeId: ldipcId, geographyId: durham, title: 'Test profile', priorities: ['attitudes', 'housing'], choices: [{ characteristic: 'attitudes', indicatorIds: [attitudes.indicators[0].id], comparisons: ['over_time', 'peers'] }], peerIds: [scan.peers[0].id] };
    expect((await member.post('/api/v1/assessments/welcoming/profiles', body)).statusCode).toBe(403);
    expect(fieldsOf(await coordinator.post('/api/v1/assessments/welcoming/profiles', { ...body, priorities: ['nope'] })).sort()).toEqual(['choices.0.characteristic', 'priorities.0']);
    const res = await coordinator.post('/api/v1/assessments/welcoming/profiles', body);
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p.framework).toMatchObject({ key: 'esses-2010', version: 1 });
    expect(p.content.characteristics.map((c: { key: string; rank: number }) => [c.key, c.rank])).toEqual([['attitudes', 1], ['housing', 2]]);
    expect(p.content.characteristics[0].indicators[0].overTime.length).toBeGreaterThan(0);
    expect(p.content.characteristics[0].indicators[0].peers).toHaveLength(1);

    const failure = async (q: Promise<unknown>) => q.then(() => 'no error', (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ''}`);
    expect(await failure(t.database.db.execute(sql`UPDATE assessments_welcoming_profiles SET content = '{}'::jsonb WHERE id = ${p.id}`))).toMatch(/immutable/);

    expect((await t.anonymous.get(`/api/v1/assessments/public/welcoming/${p.id}`)).statusCode).toBe(404);
    expect((await member.put(`/api/v1/assessments/welcoming/profiles/${p.id}/public`, { isPublic: true })).statusCode).toBe(403);
    expect((await coordinator.put(`/api/v1/assessments/welcoming/profiles/${p.id}/public`, { isPublic: true })).json().isPublic).toBe(true);
    expect((await t.anonymous.get(`/api/v1/assessments/public/welcoming/${p.id}`)).json().title).toBe('Test profile');
    const pdf = await t.anonymous.get(`/api/v1/assessments/public/welcoming/${p.id}/pdf?lang=fr`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
  });

  it('has the demo Durham profile', async () => {
    const items = (await member.get(`/api/v1/assessments/welcoming/profiles?collaborativeId=${ldipcId}`)).json().items;
    const demoProfile = items.find((x: { title: string }) => x.title === 'Welcoming Durham: profile 2026');
    expect(demoProfile.content.placeEn).toMatch(/Durham/);
    expect(demoProfile.content.characteristics[0].key).toBe('newcomer_agencies');
  });
});
