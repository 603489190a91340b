import { eq } from 'drizzle-orm';
import type { SeedContext } from '../../core/module';
import { geographyByCode } from '../../core/geography/geography.service';
import { seededOrganizationId } from '../../core/organizations/organizations.seeds';
import { listUsers } from '../../core/accounts/accounts.service';
import { collaboratives, members, stageChanges } from './collaboratives.tables';
import { collaborativeIdByName, createCollaborative, changeStage, updateCollaborative } from './collaboratives.service';
import { seedDemoAccount } from '../../core/accounts/accounts.seeds';
import { createBody, createMember } from './collaboratives.members';
import { approveVersion, addVersion, createDocument } from './collaboratives.documents';
import { createActionItem, createMeetings, recordDecision, saveAgenda, saveAttendance, updateMeeting, getMeeting } from './meetings';
import { createEngagement, createFundingSource } from './collaboratives.funding';
import type { CreateMemberInput } from './collaboratives.schema';
import { addDaysToDate as addDays, torontoToday } from './collaboratives.rules';

export const LDIPC_NAME = 'Durham Region Local Diversity and Immigration Partnership Council';
export const CPT_NAME = 'Children’s Planning Table (Western Ontario case study)';

export async function seedCollaboratives(ctx: SeedContext): Promise<void> {
  if (!ctx.demo) return;
  const db = ctx.database.db;
  if (!(await collaborativeIdByName(db, LDIPC_NAME))) {
    const durham = await geographyByCode(db, '3518');
    await db.insert(collaboratives).values({
      name: LDIPC_NAME,
      shortName: 'LDIPC',
      type: 'lip_partnership_council',
      scope: 'regional',
      catchmentGeographyId: durham?.id ?? null,
      leadOrganizationId: (await seededOrganizationId(ctx, 'Regional Municipality of Durham')) ?? null,
      focus: 'Newcomers and immigrants in Durham Region',
      mission: 'Plan and coordinate settlement and integration services so that Durham is a welcoming community for newcomers.',
    });
    ctx.log('collaboratives: Durham LDIPC');
  }
  await seedCollaborativeAccounts(ctx);
  await seedLdipcDetails(ctx);
  await seedChildrenPlanningTable(ctx);
}

/** Demo coordinator and member of the LDIPC; their roles are scoped to the collaborative. */
export async function seedCollaborativeAccounts(ctx: SeedContext): Promise<void> {
  if (!ctx.demo) return;
  const id = await collaborativeIdByName(ctx.database.db, LDIPC_NAME);
  if (!id) return;
  await seedDemoAccount(ctx, {
    email: 'coordinator@demo.roundtable.test',
    name: 'Demo LIP Coordinator (LDIPC)',
    organization: 'Regional Municipality of Durham',
    roles: () => [{ role: 'coordinator', scopeType: 'collaborative', scopeId: id }],
  });
  await seedDemoAccount(ctx, {
    email: 'member@demo.roundtable.test',
    name: 'Demo Council Member (LDIPC)',
    organization: 'Durham Region Unemployed Help Centre',
    roles: () => [{ role: 'member', scopeType: 'collaborative', scopeId: id }],
  });
}

async function userId(ctx: SeedContext, email: string): Promise<string | null> {
  const { rows } = await listUsers(ctx.database, ctx.actor, { q: email, limit: 1, offset: 0 });
  return rows.find((r) => r.user.email === email)?.user.id ?? null;
}

/**
 * The LDIPC as the seeds describe it: established early 2008 with CDCD as lead partner for the
 * research (seed 002:74, 002:1445), a consultation in summer 2008 on three themes (002:1448),
 * the 2009 community research (002:1562-1580), and the Appendix B settlement organizations
 * (002:2727-2776) as partners. Meetings, minutes and amounts are illustrative demo content.
 */
async function seedLdipcDetails(ctx: SeedContext) {
  const db = ctx.database.db;
  const id = await collaborativeIdByName(db, LDIPC_NAME);
  if (!id) return;
  const existing = await db.select({ id: members.id }).from(members).where(eq(members.collaborativeId, id)).limit(1);
  if (existing.length) return;
  const { database, actor } = ctx;
  const meta = {};
  const [row] = await db.select().from(collaboratives).where(eq(collaboratives.id, id));
  await db.insert(stageChanges).values({ collaborativeId: id, fromStage: null, toStage: 'convening', changedOn: '2008-01-01', reason: 'Convened early in 2008.', actorLabel: 'seed' }); // source: seed 002:1445
  let c = await updateCollaborative(database, actor, meta, id, {
    version: row.version,
    vision: 'Durham is a welcoming community where newcomers and immigrants settle, belong and thrive.',
    mandate:
      'Help the community focus on strategies and action plans that address the information and settlement needs of newcomers and prospective immigrants.', // source: seed 002:1445-1448
    guidingPrinciples: 'Inclusivity awareness\nService enhancement\nCollaborative infrastructure\nThe client tells their story once',
    quorumKind: 'majority',
    voteRule: 'simple_majority',
    checklistPartnerCategories: ['voluntary_nonprofit', 'government_public_sector', 'population_specific', 'grassroots_lived_experience', 'private_sector', 'data_research'],
    checklistSectors: ['settlement', 'employment', 'education', 'language', 'health', 'housing', 'justice_policing', 'business', 'ethno_cultural', 'faith'],
  });
  c = await changeStage(database, actor, meta, id, { stage: 'council_formed', changedOn: '2008-03-01', reason: 'Partnership council established in Durham early in 2008.', version: c.version }); // source: seed 002:1445
  c = await changeStage(database, actor, meta, id, { stage: 'strategy_development', changedOn: '2008-09-01', reason: 'Summer 2008 community consultation found three themes for action strategies.', version: c.version }); // source: seed 002:1448-1451
  await changeStage(database, actor, meta, id, { stage: 'implementation', changedOn: '2010-01-15', reason: 'Integrated service delivery research completed; next steps under way.', version: c.version }); // source: seed 002:2485-2500

  const coordinator = await userId(ctx, 'coordinator@demo.roundtable.test');
  const member = await userId(ctx, 'member@demo.roundtable.test');
  const partners: [string, Partial<CreateMemberInput>][] = [
    ['Regional Municipality of Durham', { sector: 'municipal_government', partnerCategory: 'government_public_sector', userId: coordinator, representativeName: 'Demo LIP Coordinator', howJoined: 'invitation', resourcesInKind: 'Meeting space and backbone staff time', resourcesInKindValue: 25000 }],
    ['Community Development Council Durham', { sector: 'settlement', partnerCategory: 'voluntary_nonprofit', howJoined: 'invitation', feeTier: 'Large agency' }],
    ['Community Economic Development for Immigrant Women', { sector: 'employment', partnerCategory: 'population_specific', howJoined: 'open_call', feeTier: 'Small agency' }],
    ['Durham Catholic District School Board – Continuing and Alternative Education', { sector: 'education', partnerCategory: 'government_public_sector', howJoined: 'invitation' }],
    ['Durham District School Board – Durham Continuing Education', { sector: 'education', partnerCategory: 'government_public_sector', howJoined: 'invitation' }],
    ['Durham Region Unemployed Help Centre', { sector: 'employment', partnerCategory: 'voluntary_nonprofit', userId: member, representativeName: 'Demo Council Member', howJoined: 'open_call', feeTier: 'Small agency' }],
    ['Northern Lights Canada – Employment Services', { sector: 'employment', partnerCategory: 'voluntary_nonprofit', howJoined: 'open_call' }],
    ['Women’s Multicultural Resource and Counselling Centre', { sector: 'settlement', partnerCategory: 'population_specific', howJoined: 'invitation' }],
    ['John Howard Society of Durham Region', { sector: 'justice_policing', partnerCategory: 'voluntary_nonprofit', howJoined: 'selection_committee', voting: false }],
  ];
  const ids: Record<string, string> = {};
  for (const [name, extra] of partners) {
    const orgId = await seededOrganizationId(ctx, name);
    if (!orgId) continue;
    const m = await createMember(database, actor, meta, id, { organizationId: orgId, voting: true, startDate: '2008-03-01', howJoined: 'invitation', sector: 'other', partnerCategory: 'voluntary_nonprofit', ...extra } as CreateMemberInput);
    ids[name] = m.id;
  }
  const resident = await createMember(database, actor, meta, id, {
    individualName: 'Newcomer resident representative',
    individualKind: 'lived_experience',
    sector: 'community',
    partnerCategory: 'grassroots_lived_experience',
    voting: true,
    startDate: '2009-01-01',
    howJoined: 'open_call',
  });
  const region = ids['Regional Municipality of Durham'];
  const cdcd = ids['Community Development Council Durham'];
  const druhc = ids['Durham Region Unemployed Help Centre'];
  const allIds = Object.values(ids).concat(resident.id);

  await createBody(database, actor, meta, id, { name: 'Partnership Council', kind: 'council', mandate: 'All partners: sets direction and approves the settlement strategy and annual action plans.', members: allIds.map((m) => ({ memberId: m, role: m === region ? 'chair' : 'member' })) });
  const { items: bodiesNow } = await import('./collaboratives.members').then((x) => x.listBodies(database, actor, id));
  const council = bodiesNow[0].id;
  await createBody(database, actor, meta, id, { name: 'Steering Committee', kind: 'steering_committee', parentId: council, mandate: 'Prepares council meetings and oversees the backbone work between them.', members: [{ memberId: region, role: 'co_chair' }, { memberId: cdcd, role: 'co_chair' }, { memberId: druhc, role: 'member' }] });
  await createBody(database, actor, meta, id, {
    name: 'Integrated Service Delivery Working Group',
    kind: 'working_group',
    basis: 'issue',
    parentId: council,
    mandate: 'Include all stakeholders interested in creating a more integrated service delivery model for immigrant and settlement services in Durham.', // source: seed 002:2493-2496
    members: [{ memberId: cdcd, role: 'chair' as const }, { memberId: ids['Women’s Multicultural Resource and Counselling Centre'], role: 'member' as const }, { memberId: resident.id, role: 'member' as const }].filter((m) => m.memberId),
  });

  // Governance documents: terms of reference and the membership agreement, approved at the first meeting.
  const tor = await createDocument(database, actor, meta, id, {
    kind: 'terms_of_reference',
    title: 'LDIPC Terms of Reference',
    body: TOR_V1,
    changeNote: 'First draft',
  });
  const agreement = await createDocument(database, actor, meta, id, { kind: 'membership_agreement', title: 'LDIPC Membership Agreement', body: AGREEMENT, changeNote: 'First draft' });

  const { items: [first] } = await createMeetings(database, actor, meta, id, { title: 'Partnership Council', startsAt: '2026-01-14T18:00:00-05:00', endsAt: '2026-01-14T20:00:00-05:00', location: 'Regional Headquarters, 605 Rossland Road East, Whitby' });
  await saveAgenda(database, actor, meta, id, first.id, {
    version: 1,
    items: [
      { title: 'Welcome and land acknowledgement', kind: 'information' },
      { title: 'Approve the terms of reference', kind: 'decision', presenter: 'Steering Committee' },
      { title: 'Approve the membership agreement', kind: 'decision', presenter: 'Steering Committee' },
      { title: 'What we heard: integrated service delivery research', kind: 'discussion', presenter: 'CDCD' },
    ],
  });
  await saveAttendance(database, actor, meta, id, first.id, allIds.map((m, i) => ({ memberId: m, status: i === 2 ? 'regrets' : 'present' })));
  let m1 = await getMeeting(database, actor, id, first.id);
  const voters = m1.attendance.filter((a) => a.voting && a.status === 'present').map((a) => a.memberId);
  const torDecision = await recordDecision(database, actor, meta, id, first.id, {
    agendaItemId: m1.agenda[1].id,
    motion: 'That the Partnership Council adopt the Terms of Reference, version 1.',
    method: 'vote',
    movedByMemberId: cdcd,
    secondedByMemberId: druhc,
    votes: voters.map((v, i) => ({ memberId: v, vote: i === voters.length - 1 ? 'abstain' : 'for' })),
  });
  const agreementDecision = await recordDecision(database, actor, meta, id, first.id, { agendaItemId: m1.agenda[2].id, motion: 'That the Partnership Council adopt the Membership Agreement and its statement of commitment.', method: 'consensus', votes: [] });
  await approveVersion(database, actor, meta, id, tor.id, tor.versions[0].id, torDecision.id);
  await approveVersion(database, actor, meta, id, agreement.id, agreement.versions[0].id, agreementDecision.id);
  await addVersion(database, actor, meta, id, tor.id, { body: TOR_V1.replace('Quorum is a majority of voting members.', 'Quorum is a majority of voting members, present in person or online.'), changeNote: 'Allow online attendance to count toward quorum' });
  m1 = await getMeeting(database, actor, id, first.id);
  await updateMeeting(database, actor, meta, id, first.id, {
    version: m1.version,
    status: 'held',
    minutesPublic: true,
    minutes: 'The Chair welcomed members. The Council adopted its Terms of Reference and the Membership Agreement. CDCD presented what partners said in the integrated service delivery research: a “One Stop Shop” and better coordinated information, outreach and referral.', // source: seed 002:1450, 002:1857
  });
  await createActionItem(database, actor, meta, id, { title: 'Circulate the adopted Terms of Reference to all partners', ownerMemberId: region, dueOn: '2026-01-31', meetingId: first.id });
  const today = torontoToday();
  await createActionItem(database, actor, meta, id, { title: 'Share employment services data for the annual progress report', ownerMemberId: druhc, dueOn: addDays(today, -5), meetingId: first.id });
  await createActionItem(database, actor, meta, id, { title: 'Map employment workshops for newcomer youth', ownerMemberId: druhc, dueOn: addDays(today, 21), meetingId: first.id });

  // The next council meetings: a monthly series on the second Wednesday.
  const nextMonth = new Date(Date.parse(today + 'T00:00:00Z'));
  nextMonth.setUTCDate(1);
  nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
  const start = `${nextMonth.toISOString().slice(0, 10)}T18:00:00-05:00`;
  const end = `${nextMonth.toISOString().slice(0, 10)}T20:00:00-05:00`;
  const { items: series } = await createMeetings(database, actor, meta, id, { title: 'Partnership Council', startsAt: start, endsAt: end, location: 'Regional Headquarters, Whitby', recurrence: 'FREQ=MONTHLY;BYDAY=2WE;COUNT=3' });
  await saveAgenda(database, actor, meta, id, series[0].id, {
    version: 1,
    items: [
      { title: 'Progress on the action plan', kind: 'information' },
      { title: 'Welcome centre options', kind: 'discussion' },
    ],
  });

  const cdcdOrg = await seededOrganizationId(ctx, 'Community Development Council Durham');
  const regionOrg = await seededOrganizationId(ctx, 'Regional Municipality of Durham');
  await createFundingSource(database, actor, meta, id, {
    funderName: 'Immigration, Refugees and Citizenship Canada (IRCC)',
    type: 'contribution_agreement',
    amount: 450000,
    currency: 'CAD',
    startsOn: '2025-04-01',
    endsOn: '2028-03-31',
    leadRecipientOrganizationId: regionOrg ?? null,
    purpose: 'backbone',
    purposeNote: 'LIP backbone: coordination, research and the settlement strategy. Amount is illustrative; the seeds do not state it.',
    obligations: [
      { title: 'Annual progress report 2025-26', dueOn: '2026-04-30', submittedOn: null },
      { title: 'Annual progress report 2026-27', dueOn: '2027-04-30', submittedOn: null },
      { title: 'Final report', dueOn: '2028-05-31', submittedOn: null },
    ],
  });
  await createFundingSource(database, actor, meta, id, { funderName: 'Regional Municipality of Durham', type: 'in_kind', amount: 25000, currency: 'CAD', startsOn: '2026-01-01', endsOn: '2026-12-31', leadRecipientOrganizationId: regionOrg ?? null, purpose: 'backbone', purposeNote: 'Meeting space and staff time', obligations: [] });
  await createFundingSource(database, actor, meta, id, { funderName: 'Citizenship and Immigration Canada (CIC)', type: 'contribution_agreement', amount: 60000, currency: 'CAD', startsOn: '2008-04-01', endsOn: '2009-03-31', leadRecipientOrganizationId: cdcdOrg ?? null, purpose: 'project', purposeNote: 'Research on integrated service delivery models. Amount is illustrative.', obligations: [{ title: 'Research report', dueOn: '2009-03-31', submittedOn: '2009-03-31' }] }); // source: seed 002:82-86, 002:2588

  await createEngagement(database, actor, meta, id, {
    title: 'Community consultation on settlement needs',
    heldOn: '2008-07-15',
    place: 'Durham Region',
    method: 'consultation',
    audience: 'Community organizations',
    participantCount: null,
    themes: ['Inclusivity awareness', 'Service enhancement', 'Collaborative infrastructure', 'A welcome centre', 'Coordinated information, outreach and referral'],
    goalRefs: [],
    summary: 'Organizations were interested in action strategies in three broad themes.', // source: seed 002:1448-1453
  });
  await createEngagement(database, actor, meta, id, {
    title: 'Integrated service delivery interviews and focus groups',
    heldOn: '2009-06-30',
    place: 'Durham Region',
    method: 'focus_group',
    audience: 'Settlement workers, library staff, ethno-cultural organizations, specialized social services',
    participantCount: 27,
    themes: ['One Stop Shop', 'Coordinated referral'],
    goalRefs: [],
    summary: '15 in-depth interviews and 2 focus groups with 27 participants.', // source: seed 002:1567-1580
  });
  ctx.log('collaboratives: LDIPC members, structure, governance documents, meetings, funding, engagement');
}

/** A children's planning table like the one in seed 000 (000:135, 000:389-396, 000:669-683). */
async function seedChildrenPlanningTable(ctx: SeedContext) {
  const db = ctx.database.db;
  if (await collaborativeIdByName(db, CPT_NAME)) return;
  const { database, actor } = ctx;
  const c = await createCollaborative(database, actor, {}, {
    name: CPT_NAME,
    shortName: 'CPT',
    type: 'planning_table',
    scope: 'regional',
    focus: 'The developmental health of children', // source: seed 000:679-681
    establishedOn: '2010-01-01',
    incorporated: false,
    mission: 'Members see their organization in at least one of the Table’s common goals.', // source: seed 000:671-673
    guidingPrinciples: 'Shared philosophy\nCommon goals tested against members’ own plans\nTheory of change',
    quorumKind: 'percent',
    quorumValue: 50,
    voteRule: 'two_thirds',
    checklistPartnerCategories: ['voluntary_nonprofit', 'government_public_sector', 'data_research'],
    checklistSectors: ['children_youth', 'education', 'health', 'municipal_government'],
  });
  await changeStage(database, actor, {}, c.id, { stage: 'implementation', changedOn: '2015-01-01', reason: 'Theory of change adopted under the collective impact framework.', version: c.version }); // source: seed 000:677
  await createFundingSource(database, actor, {}, c.id, { funderName: 'Local public foundation', type: 'foundation', amount: 180000, currency: 'CAD', startsOn: '2024-01-01', endsOn: '2026-12-31', purpose: 'backbone', purposeNote: 'Three years of backbone support. Amount is illustrative.', obligations: [{ title: 'Final report to the foundation', dueOn: '2027-02-28', submittedOn: null }] }); // source: seed 000:391-396
  await createFundingSource(database, actor, {}, c.id, { funderName: 'Upper-tier municipality', type: 'in_kind', amount: 15000, currency: 'CAD', startsOn: '2026-01-01', endsOn: '2026-12-31', purpose: 'backbone', purposeNote: 'In-kind support.', obligations: [] }); // source: seed 000:394
  ctx.log('collaboratives: children’s planning table');
}

const TOR_V1 = `1. Purpose
The Local Diversity and Immigration Partnership Council (LDIPC) helps Durham focus on strategies and action plans that address the information and settlement needs of newcomers and prospective immigrants.

2. Guiding principles
Inclusivity awareness; service enhancement; collaborative infrastructure.

3. Membership
Organizations that provide settlement services directly, organizations that serve newcomers among others, and residents with lived experience. Members join by open call, invitation or the selection committee.

4. Voting
Each voting member has one vote. Motions carry by a simple majority of votes cast; abstentions are not counted as votes cast.
Quorum is a majority of voting members.

5. Term of office
Members serve two-year terms, renewable.

6. Committees
A Steering Committee prepares council meetings. Working groups are formed by the council with a written mandate.`;

const AGREEMENT = `Statement of commitment
As a member of the Durham Local Diversity and Immigration Partnership Council, our organization commits to:
- attend council meetings and send a representative with authority to speak for the organization;
- share information and data that help the council plan;
- see our organization in at least one of the council's common goals and take it back to our own plans;
- contribute the resources listed in our membership, money or in-kind.`;
