import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subDays } from 'date-fns';
import { extractText, getDocumentProxy } from 'unpdf';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';

let t: TestApp;
let admin: Agent;
let coordinator: Agent;
let member: Agent;
let staff: Agent;
let ldipc: { id: string; version: number };
let cpt: { id: string };
const base = () => `/api/v1/collaboratives/${ldipc.id}`;

beforeAll(async () => {
  t = await createTestApp();
  [admin, coordinator, member, staff] = await Promise.all([t.login(demo.admin), t.login(demo.coordinator), t.login(demo.member), t.login(demo.staff)]);
  const list = (await admin.get('/api/v1/collaboratives')).json().items as { id: string; shortName: string; version: number }[];
  ldipc = list.find((c) => c.shortName === 'LDIPC')!;
  cpt = list.find((c) => c.shortName === 'CPT')!;
});
afterAll(async () => {
  await t?.close();
});

function fields(res: { json(): { errors?: { field: string }[] } }) {
  return (res.json().errors ?? []).map((e) => e.field);
}

describe('demo data', () => {
  it('seeds the LDIPC with real partners, a structure, approved terms of reference and IRCC funding', async () => {
    const home = (await coordinator.get(`${base()}/home`)).json();
    expect(home.collaborative.stage).toBe('implementation');
    expect(home.collaborative.leadOrganizationName).toBe('Regional Municipality of Durham');
    expect(home.stageHistory.map((s: { toStage: string }) => s.toStage)).toEqual(['convening', 'council_formed', 'strategy_development', 'implementation']);
    const members = (await coordinator.get(`${base()}/members`)).json().items.map((m: { displayName: string }) => m.displayName);
    expect(members).toContain('Community Development Council Durham');
    expect(members).toContain('Women’s Multicultural Resource and Counselling Centre');
    expect(home.missingSectors).toEqual(expect.arrayContaining(['health', 'housing', 'business']));
    expect(home.overdueCount).toBeGreaterThanOrEqual(1);
    const funding = (await coordinator.get(`${base()}/funding`)).json();
    expect(funding.sources.map((s: { funderName: string }) => s.funderName)).toContain('Immigration, Refugees and Citizenship Canada (IRCC)');
    expect(funding.byYear.filter((b: { year: number }) => b.year === 2026).length).toBeGreaterThan(0);
    const bodies = (await member.get(`${base()}/bodies`)).json().items;
    expect(bodies.map((b: { kind: string }) => b.kind)).toEqual(['council', 'steering_committee', 'working_group']);
    expect(bodies[1].members.filter((m: { role: string }) => m.role === 'co_chair')).toHaveLength(2);
  });
});

describe('collaborative profile and lifecycle', () => {
  let id: string;
  it('lets a platform admin create one; 401 anonymous, 403 for staff, 400 naming the field', async () => {
    expect((await t.anonymous.post('/api/v1/collaboratives', { name: 'X', type: 'network', scope: 'local' })).statusCode).toBe(401);
    expect((await staff.post('/api/v1/collaboratives', { name: 'X', type: 'network', scope: 'local' })).statusCode).toBe(403);
    const bad = await admin.post('/api/v1/collaboratives', { name: ' ', type: 'club', scope: 'local' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(fields(bad)).toEqual(expect.arrayContaining(['name', 'type']));
    const res = await admin.post('/api/v1/collaboratives', { name: 'Oshawa Poverty Roundtable', type: 'roundtable', scope: 'local', focus: 'Poverty reduction', quorumKind: 'count', quorumValue: 2 });
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    expect(res.json().stage).toBe('convening');
    expect((await admin.post('/api/v1/collaboratives', { name: 'oshawa poverty roundtable', type: 'network', scope: 'local' })).statusCode).toBe(409);
  });
  it('keeps the stage history with date, reason and who; refuses a date before the last change', async () => {
    const c = (await admin.get(`/api/v1/collaboratives/${id}`)).json();
    const moved = await admin.post(`/api/v1/collaboratives/${id}/stage`, { stage: 'council_formed', changedOn: '2099-01-10', reason: 'Terms of reference adopted', version: c.version });
    expect(moved.statusCode).toBe(200);
    const early = await admin.post(`/api/v1/collaboratives/${id}/stage`, { stage: 'strategy_development', changedOn: '2099-01-01', reason: 'x', version: moved.json().version });
    expect(early.statusCode).toBe(400);
    expect(fields(early)).toEqual(['changedOn']);
    const stale = await admin.post(`/api/v1/collaboratives/${id}/stage`, { stage: 'strategy_development', changedOn: '2099-02-01', reason: 'x', version: c.version });
    expect(stale.statusCode).toBe(409);
    const history = (await admin.get(`/api/v1/collaboratives/${id}/stages`)).json().items;
    expect(history.map((h: { fromStage: string | null; toStage: string }) => [h.fromStage, h.toStage])).toEqual([
      [null, 'convening'],
      ['convening', 'council_formed'],
    ]);
    expect(history[1]).toMatchObject({ changedOn: '2099-01-10', reason: 'Terms of reference adopted', actorLabel: demo.admin });
  });
  it('lets the coordinator edit the LDIPC but not a member; stale versions get 409', async () => {
    const c = (await coordinator.get(`/api/v1/collaboratives/${ldipc.id}`)).json();
    expect(c.actions).toMatchObject({ 'collaborative.read': true, 'collaborative.update': true, 'collaborative.stage': true });
    expect((await member.get(`/api/v1/collaboratives/${ldipc.id}`)).json().actions).toMatchObject({ 'collaborative.read': true, 'collaborative.update': false });
    expect((await member.patch(`/api/v1/collaboratives/${ldipc.id}`, { version: c.version, vision: 'x' })).statusCode).toBe(403);
    const ok = await coordinator.patch(`/api/v1/collaboratives/${ldipc.id}`, { version: c.version, vision: 'A welcoming Durham' });
    expect(ok.statusCode).toBe(200);
    expect((await coordinator.patch(`/api/v1/collaboratives/${ldipc.id}`, { version: c.version, vision: 'lost' })).statusCode).toBe(409);
    const pct = await coordinator.patch(`/api/v1/collaboratives/${ldipc.id}`, { version: ok.json().version, quorumKind: 'percent', quorumValue: 150 });
    expect(fields(pct)).toContain('quorumValue');
  });
});

describe('membership', () => {
  it('refuses an end date before the start date, naming the field', async () => {
    const res = await coordinator.post(`${base()}/members`, { individualName: 'Volunteer', individualKind: 'volunteer', sector: 'community', partnerCategory: 'grassroots_lived_experience', voting: false, startDate: '2026-05-01', endDate: '2026-04-01', howJoined: 'open_call' });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['endDate']);
  });
  it('links the representative’s account by email, and ends a membership with an end date', async () => {
    const linked = await coordinator.post(`${base()}/members`, { individualName: 'Viewer as volunteer', individualKind: 'volunteer', representativeEmail: 'VIEWER@demo.roundtable.test', sector: 'community', partnerCategory: 'grassroots_lived_experience', voting: false, startDate: '2026-01-01', howJoined: 'open_call' });
    expect(linked.statusCode).toBe(201);
    expect(linked.json().userId).toMatch(/^[0-9a-f-]{36}$/);
    const unknown = await coordinator.post(`${base()}/members`, { individualName: 'Someone', representativeEmail: 'nobody@example.org', sector: 'community', partnerCategory: 'grassroots_lived_experience', voting: false, startDate: '2026-01-01', howJoined: 'open_call' });
    expect(unknown.json().userId).toBeNull();
    const ended = await coordinator.patch(`${base()}/members/${unknown.json().id}`, { version: unknown.json().version, endDate: '2026-02-01' });
    expect(ended.json()).toMatchObject({ endDate: '2026-02-01', active: false });
    expect(fields(await coordinator.patch(`${base()}/members/${unknown.json().id}`, { version: ended.json().version, endDate: '2025-12-31' }))).toEqual(['endDate']);
    expect((await coordinator.patch(`${base()}/members/${unknown.json().id}`, { version: unknown.json().version, feeTier: 'x' })).statusCode).toBe(409);
  });
  it('lets a member sign their own agreement once, recording signer and time; not someone else’s', async () => {
    const items = (await member.get(`${base()}/members`)).json().items as { id: string; isMe: boolean; agreementSignedAt: string | null }[];
    const mine = items.find((m) => m.isMe)!;
    const other = items.find((m) => !m.isMe)!;
    expect(mine.agreementSignedAt).toBeNull();
    expect((await member.post(`${base()}/members/${other.id}/sign`, { signatureName: 'Me', agree: true })).statusCode).toBe(403);
    expect(fields(await member.post(`${base()}/members/${mine.id}/sign`, { signatureName: 'Me' }))).toEqual(['agree']);
    const signed = await member.post(`${base()}/members/${mine.id}/sign`, { signatureName: 'Demo Council Member', agree: true });
    expect(signed.statusCode).toBe(200);
    expect(signed.json().agreementSignedByName).toBe('Demo Council Member');
    expect(Date.now() - Date.parse(signed.json().agreementSignedAt)).toBeLessThan(60_000);
    expect(signed.json().agreementStatement).toContain('Statement of commitment');
    expect((await member.post(`${base()}/members/${mine.id}/sign`, { signatureName: 'Again', agree: true })).statusCode).toBe(409);
  });
});

describe('meetings', () => {
  let meetingId: string;
  let version: number;
  it('schedules a recurring series and refuses an end before the start or a bad rule', async () => {
    const bad = await coordinator.post(`${base()}/meetings`, { title: 'Council', startsAt: '2030-03-11T18:00:00-04:00', endsAt: '2030-03-11T17:00:00-04:00' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['endsAt']);
    expect(fields(await coordinator.post(`${base()}/meetings`, { title: 'Council', startsAt: '2030-03-11T18:00:00-04:00', endsAt: '2030-03-11T20:00:00-04:00', recurrence: 'FREQ=SOMETIMES' }))).toEqual(['recurrence']);
    const res = await coordinator.post(`${base()}/meetings`, { title: 'Test council', startsAt: '2030-03-13T18:00:00-04:00', endsAt: '2030-03-13T20:00:00-04:00', recurrence: 'FREQ=MONTHLY;BYDAY=2WE;COUNT=4' });
    expect(res.statusCode).toBe(201);
    const items = res.json().items;
    expect(items).toHaveLength(4);
    expect(items.map((m: { startsAt: string }) => m.startsAt.slice(0, 10))).toEqual(['2030-03-13', '2030-04-10', '2030-05-08', '2030-06-12']);
    meetingId = items[0].id;
    expect((await member.post(`${base()}/meetings`, { title: 'x', startsAt: '2030-03-13T18:00:00-04:00', endsAt: '2030-03-13T20:00:00-04:00' })).statusCode).toBe(403);
  });
  it('warns when an agenda seeks no decision, and gives 409 to the second of two concurrent editors', async () => {
    const m = (await coordinator.get(`${base()}/meetings/${meetingId}`)).json();
    version = m.version;
    const a = await coordinator.put(`${base()}/meetings/${meetingId}/agenda`, { version, items: [{ title: 'Updates', kind: 'information' }] });
    expect(a.statusCode).toBe(200);
    expect((await coordinator.get(`${base()}/meetings/${meetingId}`)).json().seeksNoDecision).toBe(true);
    const b = await admin.put(`${base()}/meetings/${meetingId}/agenda`, { version, items: [{ title: 'Other', kind: 'discussion' }] });
    expect(b.statusCode).toBe(409);
    expect(b.json().current.agenda.map((i: { title: string }) => i.title)).toEqual(['Updates']);
    const after = (await coordinator.get(`${base()}/meetings/${meetingId}`)).json();
    expect(after.agenda.map((i: { title: string }) => i.title)).toEqual(['Updates']);
    version = a.json().version;
    const c = await coordinator.put(`${base()}/meetings/${meetingId}/agenda`, { version, items: [{ id: after.agenda[0].id, title: 'Updates', kind: 'information' }, { title: 'Adopt the action plan', kind: 'decision' }] });
    expect(c.statusCode).toBe(200);
    expect((await coordinator.get(`${base()}/meetings/${meetingId}`)).json().seeksNoDecision).toBe(false);
  });
  it('computes quorum from attendance and the terms of reference; decisions need quorum, decision items and present voting voters', async () => {
    let m = (await coordinator.get(`${base()}/meetings/${meetingId}`)).json();
    const voting = m.attendance.filter((a: { voting: boolean }) => a.voting);
    const nonVoting = m.attendance.find((a: { voting: boolean }) => !a.voting);
    const info = m.agenda.find((i: { kind: string }) => i.kind === 'information');
    const decisionItem = m.agenda.find((i: { kind: string }) => i.kind === 'decision');
    expect(m.quorum).toMatchObject({ votingMembers: voting.length, votingPresent: 0, met: false });
    const noQuorum = await coordinator.post(`${base()}/meetings/${meetingId}/decisions`, { agendaItemId: decisionItem.id, motion: 'Adopt', method: 'consensus' });
    expect(fields(noQuorum)).toEqual(['quorum']);
    const required = m.quorum.required;
    const presentIds = voting.slice(0, required).map((a: { memberId: string }) => a.memberId);
    const absentVoter = voting[required].memberId;
    await coordinator.put(`${base()}/meetings/${meetingId}/attendance`, { entries: [...presentIds.map((id: string) => ({ memberId: id, status: 'present' })), { memberId: absentVoter, status: 'regrets' }, { memberId: nonVoting.memberId, status: 'present' }] });
    m = (await coordinator.get(`${base()}/meetings/${meetingId}`)).json();
    expect(m.quorum).toMatchObject({ votingPresent: required, required, met: true });

    const onInfo = await coordinator.post(`${base()}/meetings/${meetingId}/decisions`, { agendaItemId: info.id, motion: 'x', method: 'consensus' });
    expect(onInfo.statusCode).toBe(400);
    expect(fields(onInfo)).toEqual(['agendaItemId']);
    const byNonVoting = await coordinator.post(`${base()}/meetings/${meetingId}/decisions`, { agendaItemId: decisionItem.id, motion: 'x', method: 'vote', votes: [{ memberId: nonVoting.memberId, vote: 'for' }] });
    expect(fields(byNonVoting)).toEqual(['votes.0.memberId']);
    expect(byNonVoting.json().errors[0].message).toContain('non-voting');
    const byAbsent = await coordinator.post(`${base()}/meetings/${meetingId}/decisions`, { agendaItemId: decisionItem.id, motion: 'x', method: 'vote', votes: [{ memberId: presentIds[0], vote: 'for' }, { memberId: absentVoter, vote: 'for' }] });
    expect(fields(byAbsent)).toEqual(['votes.1.memberId']);

    const votes = presentIds.map((id: string, i: number) => ({ memberId: id, vote: i === 0 ? 'against' : i === 1 ? 'abstain' : 'for' }));
    const ok = await coordinator.post(`${base()}/meetings/${meetingId}/decisions`, { agendaItemId: decisionItem.id, motion: 'Adopt the action plan', method: 'vote', votes });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ votesFor: required - 2, votesAgainst: 1, abstentions: 1, result: required - 2 > 1 ? 'carried' : 'defeated' });
  });
  it('exports the meeting as iCalendar and the minutes as PDF', async () => {
    await coordinator.patch(`${base()}/meetings/${meetingId}`, { version: (await coordinator.get(`${base()}/meetings/${meetingId}`)).json().version, minutes: 'The council adopted the action plan.' });
    const ics = await member.get(`${base()}/meetings/${meetingId}/meeting.ics`);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('BEGIN:VEVENT');
    expect(ics.body).toContain('DTSTART;TZID=America/Toronto:20300313T180000');
    expect(ics.body).toContain('Test council');
    const pdf = await member.get(`${base()}/meetings/${meetingId}/minutes.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true });
    expect(text).toContain('The council adopted the action plan.');
    expect(text).toContain('Adopt the action plan');
  });
});

describe('action items and overdue', () => {
  it('shows overdue items on the owner’s task list; the owner may mark their own done, not others’', async () => {
    const tasks = (await member.get('/api/v1/collaboratives/my-tasks')).json().items as { id: string; overdue: boolean; dueOn: string; version: number; collaborativeId: string }[];
    expect(tasks.length).toBeGreaterThanOrEqual(2);
    const overdue = tasks.find((x) => x.overdue)!;
    expect(overdue).toBeTruthy();
    expect(tasks.filter((x) => !x.overdue).every((x) => x.dueOn >= subDays(new Date(), 1).toISOString().slice(0, 10))).toBe(true);
    const all = (await coordinator.get(`${base()}/action-items?overdue=true`)).json().items as { id: string; ownerName: string; version: number }[];
    expect(all.map((a) => a.id)).toContain(overdue.id);
    const notMine = all.find((a) => !tasks.some((x) => x.id === a.id))!;
    expect((await member.patch(`${base()}/action-items/${notMine.id}`, { status: 'done', version: notMine.version })).statusCode).toBe(403);
    expect((await member.patch(`${base()}/action-items/${overdue.id}`, { dueOn: '2099-01-01', version: overdue.version })).statusCode).toBe(403);
    const done = await member.patch(`${base()}/action-items/${overdue.id}`, { status: 'done', version: overdue.version });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', overdue: false });
    expect((await member.get('/api/v1/collaboratives/my-tasks')).json().items.map((x: { id: string }) => x.id)).not.toContain(overdue.id);
  });
  it('refuses an owner who is not a member', async () => {
    const res = await coordinator.post(`${base()}/action-items`, { title: 'x', ownerMemberId: '00000000-0000-4000-8000-000000000000', dueOn: '2030-01-01' });
    expect(fields(res)).toEqual(['ownerMemberId']);
  });
});

describe('governance documents', () => {
  it('versions a document, diffs versions, and approves a draft only by a decision that carried', async () => {
    const docs = (await coordinator.get(`${base()}/documents`)).json().items as { id: string; kind: string; current: { number: number } | null; versions: { id: string; number: number; status: string }[] }[];
    const tor = docs.find((d) => d.kind === 'terms_of_reference')!;
    expect(tor.current?.number).toBe(1);
    expect(tor.versions.map((v) => [v.number, v.status])).toEqual([
      [2, 'draft'],
      [1, 'approved'],
    ]);
    const diff = (await member.get(`${base()}/documents/${tor.id}/diff?from=1&to=2`)).json();
    expect(diff.parts.find((p: { added: boolean }) => p.added).value).toContain('in person or online');
    expect(diff.parts.find((p: { removed: boolean }) => p.removed).value).toContain('Quorum is a majority of voting members.');
    expect(fields(await member.get(`${base()}/documents/${tor.id}/diff?from=1&to=9`))).toEqual(['to']);

    const decisions = (await coordinator.get(`${base()}/decisions`)).json().items as { id: string; result: string }[];
    const v2 = tor.versions.find((v) => v.number === 2)!;
    const defeated = decisions.find((d) => d.result === 'defeated');
    if (defeated) expect(fields(await coordinator.post(`${base()}/documents/${tor.id}/versions/${v2.id}/approve`, { decisionId: defeated.id }))).toEqual(['decisionId']);
    const carried = decisions.find((d) => d.result === 'carried')!;
    expect((await member.post(`${base()}/documents/${tor.id}/versions/${v2.id}/approve`, { decisionId: carried.id })).statusCode).toBe(403);
    const ok = await coordinator.post(`${base()}/documents/${tor.id}/versions/${v2.id}/approve`, { decisionId: carried.id });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().current.number).toBe(2);
    expect(ok.json().versions.map((v: { number: number; status: string }) => [v.number, v.status])).toEqual([
      [2, 'approved'],
      [1, 'superseded'],
    ]);
    expect((await coordinator.post(`${base()}/documents/${tor.id}/versions/${v2.id}/approve`, { decisionId: carried.id })).statusCode).toBe(409);
    const pub = (await t.anonymous.get(`/api/v1/public/collaboratives/${ldipc.id}`)).json();
    expect(pub.documents.find((d: { kind: string }) => d.kind === 'terms_of_reference').version).toBe(2);
    const pdf = await t.anonymous.get(`/api/v1/public/collaboratives/${ldipc.id}/documents/${tor.id}/pdf`);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true });
    expect(text).toContain('in person or online');
  });
});

describe('permission boundaries', () => {
  let cptMeeting: string;
  beforeAll(async () => {
    const res = await admin.post(`/api/v1/collaboratives/${cpt.id}/meetings`, { title: 'CPT closed session', startsAt: '2030-01-10T10:00:00-05:00', endsAt: '2030-01-10T12:00:00-05:00' });
    cptMeeting = res.json().items[0].id;
    const m = (await admin.get(`/api/v1/collaboratives/${cpt.id}/meetings/${cptMeeting}`)).json();
    await admin.patch(`/api/v1/collaboratives/${cpt.id}/meetings/${cptMeeting}`, { version: m.version, minutes: 'Confidential discussion of funding' });
  });
  it('hides another collaborative’s member-only minutes from a member of the LDIPC (404, not listed)', async () => {
    expect((await member.get(`/api/v1/collaboratives/${cpt.id}/meetings/${cptMeeting}`)).statusCode).toBe(404);
    expect((await member.get(`/api/v1/collaboratives/${cpt.id}/meetings/${cptMeeting}/minutes.pdf`)).statusCode).toBe(404);
    expect((await member.get(`/api/v1/collaboratives/${cpt.id}/meetings`)).json().items).toEqual([]);
    expect((await member.get(`/api/v1/collaboratives/${cpt.id}/members`)).statusCode).toBe(403);
    expect((await member.get(`/api/v1/collaboratives/${cpt.id}/funding`)).statusCode).toBe(403);
    expect((await coordinator.get(`/api/v1/collaboratives/${cpt.id}/home`)).statusCode).toBe(403);
    expect((await t.anonymous.get(`/api/v1/public/collaboratives/${cpt.id}/meetings/${cptMeeting}/minutes.pdf`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/collaboratives/${cpt.id}/meetings/${cptMeeting}`)).json().minutes).toBe('Confidential discussion of funding');
  });
  it('shows the public the members list, approved documents and public minutes only', async () => {
    const pub = await t.anonymous.get(`/api/v1/public/collaboratives/${ldipc.id}`);
    expect(pub.statusCode).toBe(200);
    const body = pub.json();
    expect(body.members.length).toBeGreaterThan(5);
    expect(body.members[0]).not.toHaveProperty('representativeEmail');
    expect(body.meetings.every((m: { minutesPublic: boolean }) => m.minutesPublic)).toBe(true);
    expect(body.meetings.length).toBeGreaterThanOrEqual(1);
    expect(body.documents.every((d: { body: string }) => d.body.length > 0)).toBe(true);
    expect(body.collaborative).not.toHaveProperty('quorumKind');
    const staffView = (await staff.get(`/api/v1/collaboratives/${ldipc.id}/meetings`)).json().items;
    expect(staffView.every((m: { minutesPublic: boolean }) => m.minutesPublic)).toBe(true);
    expect((await t.anonymous.get(`/api/v1/collaboratives/${ldipc.id}/meetings`)).statusCode).toBe(401);
  });
});

describe('funding and engagement', () => {
  it('refuses an end before the start and summarizes by year and type', async () => {
    const bad = await coordinator.post(`${base()}/funding`, { funderName: 'Foundation', type: 'foundation', amount: 1000, startsOn: '2027-01-01', endsOn: '2026-01-01', purpose: 'project' });
    expect(fields(bad)).toEqual(['endsOn']);
    const ok = await coordinator.post(`${base()}/funding`, { funderName: 'Ontario Trillium Foundation', type: 'grant', amount: 73000, startsOn: '2031-01-01', endsOn: '2031-12-31', purpose: 'project', obligations: [{ title: 'Final report', dueOn: '2032-01-31' }] });
    expect(ok.statusCode).toBe(201);
    const s = (await coordinator.get(`${base()}/funding`)).json();
    expect(s.byYear.find((b: { year: number; type: string }) => b.year === 2031 && b.type === 'grant').amount).toBe(73000);
  });
  it('records engagement and serves it to the strategy module by id', async () => {
    const res = await coordinator.post(`${base()}/engagements`, { title: 'Town hall on housing', heldOn: '2026-10-01', method: 'town_hall', participantCount: 80, themes: ['Affordable housing'], goalRefs: ['Goal 2'] });
    expect(res.statusCode).toBe(201);
    const { engagementRecordsByIds } = await import('./collaboratives.api');
    const found = await engagementRecordsByIds(t.database.db, ldipc.id, [res.json().id, 'not-a-uuid']);
    expect(found).toEqual([{ id: res.json().id, collaborativeId: ldipc.id, title: 'Town hall on housing', method: 'town_hall', heldOn: '2026-10-01' }]);
    expect(await engagementRecordsByIds(t.database.db, cpt.id, [res.json().id])).toEqual([]);
    expect(fields(await coordinator.post(`${base()}/engagements`, { title: 'x', heldOn: '2026-13-01', method: 'survey', participantCount: -1 }))).toEqual(expect.arrayContaining(['heldOn', 'participantCount']));
  });
});
