/**
 * Demo data (only when demo is on): the Durham "moving trains" inventory from the tables and
 * networks the seeds name, a mapping profile for the LDIPC, the first gap and overlap
 * questions with a few fictional answers, and two published snapshots (before and after the
 * answers; the later one public). Idempotent.
 */
import type { SeedContext } from '../../core/module';
import { geographyByCode } from '../../core/geography/geography.service';
import { collaborativesInventory } from '../collaboratives/collaboratives.api';
import * as repo from './mapping.repository';
import { generateCandidates, labelCandidate } from './mapping.review.service';
import { publishSnapshot, shareSnapshot } from './mapping.snapshots.service';
import { refreshFeed } from './mapping.feed';

interface SeedTable {
  name: string;
  kind: 'planning_table' | 'network' | 'initiative' | 'committee' | 'other';
  mandate: string;
  domains: string[];
  populations: string[];
  places: string[];
  lead?: string;
  funder?: string;
  members: string[];
}

const CDCD = 'Community Development Council Durham';
const REGION = 'Regional Municipality of Durham';
const UHC = 'Durham Region Unemployed Help Centre';
const NLC = 'Northern Lights Canada – Employment Services';
const WMRCC = 'Women’s Multicultural Resource and Counselling Centre';
const JHS = 'John Howard Society of Durham Region';
const DDSB = 'Durham District School Board – Durham Continuing Education';
const DCDSB = 'Durham Catholic District School Board – Continuing and Alternative Education';
const CEDIW = 'Community Economic Development for Immigrant Women';

// Membership is illustrative: the seeds name the tables and what they do, not who sits at them in Durham.
const TABLES: SeedTable[] = [
  { name: 'Durham Youth Services Network', kind: 'network', mandate: 'Coalition of youth-serving agencies: shared referrals, joint programming and advocacy for young people (modelled on the Youth Network of seed 000:137).', domains: ['social-connection', 'mental-health', 'education', 'employment'], populations: ['youth'], places: ['3518'], lead: JHS, members: [JHS, CDCD, DDSB, DCDSB, UHC] },
  { name: 'Durham Poverty Reduction Network', kind: 'network', mandate: 'Poverty reduction: housing working group, income security and food access (modelled on the Poverty Network of seed 000:139, 000:365).', domains: ['housing', 'income', 'food'], populations: ['low-income households'], places: ['3518'], lead: CDCD, funder: 'United Way (illustrative)', members: [CDCD, REGION, UHC, WMRCC, JHS] },
  { name: 'Mental Health and Addictions Task Force', kind: 'committee', mandate: 'Coordinated access to mental health and addiction services (modelled on the Task Force of seed 000:138).', domains: ['mental-health', 'health'], populations: ['adults', 'youth'], places: ['3518'], lead: REGION, members: [REGION, WMRCC, JHS] },
  { name: 'Local Health Integration Network planning table', kind: 'planning_table', mandate: 'Health system planning for the region (the LHIN the seeds name, 000).', domains: ['health', 'mental-health'], populations: ['everyone'], places: ['3518'], funder: 'Province of Ontario', members: [REGION] },
  { name: 'Provincial-Municipal Social Assistance and Employment Committee', kind: 'committee', mandate: 'Social assistance and employment services integration (seed 003).', domains: ['income', 'employment'], populations: ['people on social assistance'], places: ['3518'], funder: 'Province of Ontario', members: [REGION, NLC, UHC] },
  { name: 'Newcomer Employment Roundtable', kind: 'initiative', mandate: 'Employers and employment services meeting on newcomer hiring and bridging programs.', domains: ['employment', 'language'], populations: ['newcomers', 'immigrant women'], places: ['3518010', '3518009'], lead: NLC, members: [NLC, UHC, CEDIW, CDCD, DDSB] },
  { name: 'Early Years and Child Care Network', kind: 'network', mandate: 'Early years programs, child care and school readiness (the children’s services planning of seed 000:679-681, applied to Durham).', domains: ['child-care', 'education'], populations: ['children 0-6', 'families'], places: ['3518'], lead: REGION, members: [REGION, DDSB, DCDSB, CDCD] },
];

const LDIPC_PROFILE = { domains: ['settlement', 'language', 'employment', 'social-connection'], populations: ['newcomers', 'immigrants', 'refugees'], funder: 'Immigration, Refugees and Citizenship Canada' };

export async function seedMapping(ctx: SeedContext): Promise<void> {
  if (!ctx.demo) return;
  const db = ctx.database.db;
  const durham = await geographyByCode(db, '3518');
  if (!durham) return;
  let added = 0;
  for (const t of TABLES) {
    if (await repo.findTableByName(db, t.name)) continue;
    await db.transaction(async (tx) => {
      // One after another: a transaction is one connection, which runs one statement at a time.
      const geographyIds: string[] = [];
      for (const p of t.places) {
        const id = await repo.geographyIdByCodeOrName(tx, p);
        if (id) geographyIds.push(id);
      }
      const members: string[] = [];
      for (const m of t.members) {
        const id = await repo.organizationIdByName(tx, m);
        if (id) members.push(id);
      }
      const id = await repo.insertTable(tx, { name: t.name, kind: t.kind, mandate: t.mandate, domains: t.domains, populations: t.populations, geographyIds, leadOrganizationId: t.lead ? ((await repo.organizationIdByName(tx, t.lead)) ?? null) : null, funder: t.funder ?? null }, 'seed');
      await repo.setTableMembers(tx, id, [...new Set(members)]);
    });
    added++;
  }
  const collaboratives = await collaborativesInventory(ctx.database, ctx.actor);
  const ldipc = collaboratives.find((c) => c.name.includes('Local Diversity and Immigration Partnership Council'));
  if (ldipc && !(await repo.findTableByCollaborative(db, ldipc.id))) {
    await repo.insertTable(db, { collaborativeId: ldipc.id, name: ldipc.name, kind: 'other', mandate: '', ...LDIPC_PROFILE, geographyIds: [], leadOrganizationId: null }, 'seed');
  }
  const cpt = collaboratives.find((c) => c.name.startsWith('Children’s Planning Table'));
  if (cpt && !(await repo.findTableByCollaborative(db, cpt.id))) {
    await repo.insertTable(db, { collaborativeId: cpt.id, name: cpt.name, kind: 'other', mandate: '', domains: ['child-care', 'education', 'health', 'social-connection'], populations: ['children', 'families'], geographyIds: [], leadOrganizationId: null, funder: 'Local public foundation' }, 'seed');
  }

  if ((await repo.listSnapshots(db, { regionId: durham.id })).length > 0) {
    ctx.log(`mapping: ${added} tables added; snapshot already published`);
    return;
  }
  await refreshFeed(ctx.database, ctx.actor, {}, 'skip');
  await generateCandidates(ctx.database, ctx.actor, {}, { regionId: durham.id, minSimilarity: 0.3 });
  const open = await repo.listCandidates(db, { regionId: durham.id, status: 'open' });
  // An earlier map, published before the first answers, so the demo can show what changed.
  await publishSnapshot(ctx.database, ctx.actor, {}, { title: 'Durham service map, first questions (demo)', regionId: durham.id, months: 12 });
  const answers: { pick: (c: repo.CandidateRow) => boolean; label: 'gap_confirmed' | 'not_a_gap' | 'complementary' | 'to_discuss'; rationale: string }[] = [
    { pick: (c) => c.kind === 'gap' && c.domain === 'transportation', label: 'gap_confirmed', rationale: 'Fictional demo answer: the Partnership Council confirmed that getting to services is a gap outside Oshawa and Ajax; raised at the March meeting.' },
    { pick: (c) => c.kind === 'gap' && c.domain === 'legal', label: 'not_a_gap', rationale: 'Fictional demo answer: the legal clinic serves the whole region from Oshawa and by phone; the directory lists it only at its office.' },
    { pick: (c) => c.kind === 'gap' && c.domain === 'child-care', label: 'to_discuss', rationale: 'Fictional demo answer: the early years network will check licensed spaces against the waitlist before the next meeting.' },
    { pick: (c) => c.kind === 'overlap', label: 'complementary', rationale: 'Fictional demo answer: the two programs serve different levels and refer to each other; not a duplication.' },
  ];
  for (const a of answers) {
    const c = open.find(a.pick);
    if (c) await labelCandidate(ctx.database, ctx.actor, {}, c.id, { label: c.kind === 'overlap' || a.label !== 'complementary' ? a.label : 'to_discuss', rationale: a.rationale, version: c.version });
  }
  const snap = await publishSnapshot(ctx.database, ctx.actor, {}, { title: 'Durham service map (demo)', regionId: durham.id, months: 12 });
  await shareSnapshot(ctx.database, ctx.actor, {}, snap.id, true);
  ctx.log(`mapping: ${added} tables, ${open.length} questions, two snapshots (one public)`);
}
