/**
 * Reference data: the LIP settlement strategy template on the four IRCC LIP objectives
 * (seed 001:706-711). Demo data: the Durham LDIPC's settlement strategy with the three themes
 * its 2008 community consultation named (seed 002:1445-1452) and actions from the report's
 * recommendations (002:2471-2560); an action plan for 2026; measures with 2023–2025 values.
 * The themes, goals, strategies and actions are cited; every number is illustrative.
 */
import { sql } from 'drizzle-orm';
import type { SeedContext } from '../../core/module';
import { rowsOf } from '../../core/db/database';
import { seededOrganizationId } from '../../core/organizations/organizations.seeds';
import { collaborativeIdByName } from '../collaboratives/collaboratives.api';
import * as service from './strategy.service';
import type { TemplateContent } from './strategy.repository';

export const LIP_TEMPLATE_NAME = 'LIP settlement strategy (IRCC LIP objectives)';
export const DURHAM_PLAN_TITLE = 'Durham Local Settlement Strategy 2025–2027';
const LDIPC = 'Durham Region Local Diversity and Immigration Partnership Council';
const ILLUSTRATIVE = 'Illustrative demo value (not a published figure)';

export const lipTemplate: TemplateContent = {
  longTermOutcome: 'Immigrants integrate successfully into the local community', // source: seed 001:704
  elements: [
    { key: 'lip-o1', parentKey: null, kind: 'theme', title: 'Improve access to, and coordination of, effective services', titleFr: 'Améliorer l’accès à des services efficaces et leur coordination', description: 'IRCC LIP objective 1', position: 0 }, // source: seed 001:708
    { key: 'lip-o2', parentKey: null, kind: 'theme', title: 'Improve access to the labour market', titleFr: 'Améliorer l’accès au marché du travail', description: 'IRCC LIP objective 2', position: 1 }, // source: seed 001:709
    { key: 'lip-o3', parentKey: null, kind: 'theme', title: 'Strengthen local and regional awareness and capacity to integrate', titleFr: 'Renforcer la sensibilisation et la capacité locales et régionales d’intégration', description: 'IRCC LIP objective 3', position: 2 }, // source: seed 001:710
    { key: 'lip-o4', parentKey: null, kind: 'theme', title: 'Establish or enhance partnerships and participation of multiple stakeholders', titleFr: 'Établir ou renforcer les partenariats et la participation de multiples intervenants', description: 'IRCC LIP objective 4', position: 3 }, // source: seed 001:711
    { key: 'lip-g1', parentKey: 'lip-o1', kind: 'goal', title: 'Newcomers reach the services they need, coordinated across agencies', titleFr: 'Les nouveaux arrivants obtiennent les services dont ils ont besoin', description: null, position: 0 },
    { key: 'lip-g2', parentKey: 'lip-o2', kind: 'goal', title: 'Newcomers work in jobs that match their skills', titleFr: 'Les nouveaux arrivants occupent des emplois à la mesure de leurs compétences', description: null, position: 0 },
    { key: 'lip-g3', parentKey: 'lip-o3', kind: 'goal', title: 'The community is welcoming and ready to integrate newcomers', titleFr: 'La collectivité est accueillante', description: null, position: 0 },
    { key: 'lip-g4', parentKey: 'lip-o4', kind: 'goal', title: 'Stakeholders across sectors plan and act together', titleFr: 'Les intervenants de tous les secteurs planifient et agissent ensemble', description: null, position: 0 },
    { key: 'lip-s1', parentKey: 'lip-g1', kind: 'strategy', title: 'Coordinated intake and warm referral', titleFr: 'Accueil coordonné et aiguillage personnalisé', description: null, position: 0 },
    { key: 'lip-s2', parentKey: 'lip-g2', kind: 'strategy', title: 'Employer engagement', titleFr: 'Mobilisation des employeurs', description: null, position: 0 },
    { key: 'lip-s3', parentKey: 'lip-g3', kind: 'strategy', title: 'Public awareness of immigration and diversity', titleFr: 'Sensibilisation du public', description: null, position: 0 },
    { key: 'lip-s4', parentKey: 'lip-g4', kind: 'strategy', title: 'Broaden Partnership Council membership', titleFr: 'Élargir la composition du conseil de partenariat', description: null, position: 0 },
  ],
  measures: [
    { key: 'lip-m1', elementKey: 'lip-g1', kind: 'population', rbaType: null, name: 'Newcomers who report unmet settlement needs', nameFr: 'Nouveaux arrivants ayant des besoins d’établissement non comblés', unit: 'percent', direction: 'lower_is_better', frequency: 'annual' },
    { key: 'lip-m2', elementKey: 'lip-s1', kind: 'performance', rbaType: 'how_much', name: 'Referrals made through coordinated intake', nameFr: 'Aiguillages faits par l’accueil coordonné', unit: 'count', direction: 'higher_is_better', frequency: 'annual' },
    { key: 'lip-m3', elementKey: 'lip-s1', kind: 'performance', rbaType: 'better_off', name: 'Referred newcomers whose need was met', nameFr: 'Nouveaux arrivants aiguillés dont le besoin a été comblé', unit: 'percent', direction: 'higher_is_better', frequency: 'annual' },
    { key: 'lip-m4', elementKey: 'lip-g2', kind: 'population', rbaType: null, name: 'Employment rate of recent immigrants', nameFr: 'Taux d’emploi des immigrants récents', unit: 'percent', direction: 'higher_is_better', frequency: 'annual' },
    { key: 'lip-m5', elementKey: 'lip-s4', kind: 'performance', rbaType: 'how_well', name: 'Sectors represented on the Partnership Council', nameFr: 'Secteurs représentés au conseil de partenariat', unit: 'count', direction: 'higher_is_better', frequency: 'annual' },
  ],
};

export async function seedStrategy(ctx: SeedContext): Promise<void> {
  const db = ctx.database.db;
  await service.insertTemplateContent(db, LIP_TEMPLATE_NAME, 'Themes are the four objectives of the CIC/IRCC call for proposals for Local Immigration Partnerships. Clone it so plans can be compared on the same measures.', lipTemplate, 'system'); // source: seed 001:706-711
  if (!ctx.demo) return;
  const collaborativeId = await collaborativeIdByName(db, LDIPC);
  if (!collaborativeId) return;
  const [exists] = await rowsOf(db, sql`SELECT 1 FROM strategy_plans WHERE collaborative_id = ${collaborativeId} AND title = ${DURHAM_PLAN_TITLE}`);
  if (exists) return;
  // One transaction for the whole demo plan: the services' own transactions become savepoints,
  // which spares a commit per call (a real cost on the embedded database at first start).
  await db.transaction(async (tx) => seedDurhamPlan({ ...ctx, database: { ...ctx.database, db: tx } }, collaborativeId));
  ctx.log('strategy: Durham LDIPC settlement strategy 2025–2027, action plan 2026');
}

async function seedDurhamPlan(ctx: SeedContext, collaborativeId: string) {
  const { database, actor } = ctx;
  const meta = {};
  const plan = await service.createPlan(database, actor, meta, {
    collaborativeId,
    title: DURHAM_PLAN_TITLE,
    titleFr: 'Stratégie locale d’établissement de Durham 2025-2027',
    description: 'Themes from the LDIPC community consultation of summer 2008; strategies and actions from the recommendations of the integrated service delivery report.', // source: seed 002:1445-1452; seed 002:2471-2560
    startYear: 2025,
    endYear: 2027,
    longTermOutcome: 'Durham is a welcoming community where newcomers settle successfully through a truly integrated service system', // source: seed 002:2474-2478
  });
  const el = async (kind: 'theme' | 'goal' | 'strategy' | 'action', parentId: string | null, title: string, titleFr: string | null, description: string | null) =>
    (await service.createElement(database, actor, meta, plan.id, { kind, parentId, title, titleFr, description })).id;

  const t1 = await el('theme', null, 'Inclusivity awareness', 'Sensibilisation à l’inclusion', 'Consultation theme'); // source: seed 002:1450
  const t2 = await el('theme', null, 'Service enhancement', 'Amélioration des services', 'Consultation theme'); // source: seed 002:1450
  const t3 = await el('theme', null, 'Collaborative infrastructure', 'Infrastructure de collaboration', 'Consultation theme'); // source: seed 002:1451

  const g1 = await el('goal', t1, 'Immigrant and non-immigrant residents meet, mix and feel they belong', 'Les résidents immigrants et non immigrants se côtoient et se sentent chez eux', null); // source: seed 002:2546-2560
  const g2 = await el('goal', t2, 'Newcomers find and reach the services they need through any door', 'Les nouveaux arrivants trouvent les services dont ils ont besoin, peu importe la porte', null); // source: seed 002:1451-1452, 002:2520-2545
  const g3 = await el('goal', t3, 'A community-based planning mechanism engages all relevant stakeholders', 'Un mécanisme de planification communautaire mobilise tous les intervenants', null); // source: seed 002:2480-2503

  const s11 = await el('strategy', g1, 'Increase intercultural interaction', 'Favoriser les échanges interculturels', null); // source: seed 002:2546
  const s12 = await el('strategy', g1, 'Make sure all populations are heard', 'Veiller à ce que toutes les populations soient entendues', null); // source: seed 002:2499-2502
  const s21 = await el('strategy', g2, 'Improve communication between organizations', 'Améliorer la communication entre organismes', null); // source: seed 002:2520
  const s22 = await el('strategy', g2, 'Improve access to services and programs for newcomers', 'Améliorer l’accès des nouveaux arrivants aux services', null); // source: seed 002:2531
  const s31 = await el('strategy', g3, 'Expand and sustain the LDIPC planning committees', 'Élargir et soutenir les comités de planification du CPLDI', null); // source: seed 002:2493-2506

  const a = {
    space: await el('action', s11, 'Open a welcoming social space at the information centre or hub for immigrant and non-immigrant residents', null, null), // source: seed 002:2548-2560
    research: await el('action', s12, 'Create a research plan so all relevant populations can be heard', null, null), // source: seed 002:2499-2502
    sustain: await el('action', s12, 'Create a plan to sustain community-wide input', null, null), // source: seed 002:2503-2504
    portal: await el('action', s21, 'Bolster the Durham Immigration Portal', 'Renforcer le Portail d’immigration de Durham', null), // source: seed 002:2522
    centre: await el('action', s21, 'Open a physical information centre for newcomers', null, null), // source: seed 002:2524-2526
    book: await el('action', s21, 'Publish a regularly updated community resource and contact book', null, null), // source: seed 002:2527-2529
    intake: await el('action', s22, 'Standardized, coordinated intake and referral across organizations', 'Accueil et aiguillage normalisés et coordonnés', null), // source: seed 002:2533
    colocate: await el('action', s22, 'Co-locate services in a transit-accessible One Stop Shop or satellites', null, null), // source: seed 002:2535-2537
    languages: await el('action', s22, 'Offer information and staff in various languages', null, null), // source: seed 002:2540-2542
    expand: await el('action', s31, 'Expand LDIPC committees to every stakeholder interested in integrated service delivery', null, null), // source: seed 002:2493-2497
    meetings: await el('action', s31, 'Establish a regular planning meeting schedule', null, null), // source: seed 002:2506
    toolkit: await el('action', s31, 'Use collaboration toolkits to set shared values and principles', null, null), // source: seed 002:2508-2510
  };
  await service.addEvidence(database, actor, meta, t1, { kind: 'document', label: 'LDIPC community consultation, summer 2008', refId: null }); // source: seed 002:1447-1452
  await service.addEvidence(database, actor, meta, g2, { kind: 'url', label: 'Durham Immigration Portal', refId: 'https://www.durhamimmigration.ca' });

  const measure = async (elementId: string, kind: 'population' | 'performance', rbaType: 'how_much' | 'how_well' | 'better_off' | null, name: string, nameFr: string, unit: 'count' | 'percent', direction: 'higher_is_better' | 'lower_is_better', baseline: number, values: [string, number][], targets: [string, number][]) => {
    const m = await service.createMeasure(database, actor, meta, plan.id, { elementId, kind, rbaType, name, nameFr, unit, direction, frequency: 'annual', baselineValue: baseline, baselinePeriod: '2023' });
    for (const [p, v] of targets) await service.setTarget(database, actor, meta, m.id, p, v);
    for (const [p, v] of values) await service.setValue(database, actor, meta, m.id, p, { value: v, source: ILLUSTRATIVE, illustrative: true });
    return m.id;
  };
  await measure(g1, 'population', null, 'Newcomers who feel a strong sense of belonging to their community', 'Nouveaux arrivants ayant un fort sentiment d’appartenance', 'percent', 'higher_is_better', 48, [['2024', 50], ['2025', 53]], [['2025', 52], ['2026', 55], ['2027', 58]]);
  await measure(s11, 'performance', 'how_much', 'Intercultural gatherings held', 'Rencontres interculturelles tenues', 'count', 'higher_is_better', 4, [['2024', 6], ['2025', 9]], [['2025', 8], ['2026', 12], ['2027', 12]]);
  await measure(g2, 'population', null, 'Newcomers who report an unmet settlement need', 'Nouveaux arrivants ayant un besoin d’établissement non comblé', 'percent', 'lower_is_better', 31, [['2024', 30], ['2025', 27]], [['2025', 28], ['2026', 25], ['2027', 22]]);
  await measure(s22, 'performance', 'how_much', 'Referrals made through coordinated intake', 'Aiguillages faits par l’accueil coordonné', 'count', 'higher_is_better', 0, [['2024', 120], ['2025', 410]], [['2025', 400], ['2026', 800], ['2027', 1200]]);
  await measure(s22, 'performance', 'how_well', 'Warm referrals followed up within one week', 'Aiguillages personnalisés suivis dans la semaine', 'percent', 'higher_is_better', 40, [['2024', 52], ['2025', 61]], [['2025', 65], ['2026', 75], ['2027', 85]]);
  await measure(s22, 'performance', 'better_off', 'Referred newcomers whose need was met', 'Nouveaux arrivants aiguillés dont le besoin a été comblé', 'percent', 'higher_is_better', 55, [['2024', 58], ['2025', 57]], [['2025', 62], ['2026', 66], ['2027', 70]]);
  await measure(s31, 'performance', 'how_much', 'Organizations taking part in LDIPC committees', 'Organismes participant aux comités du CPLDI', 'count', 'higher_is_better', 18, [['2024', 22]], [['2025', 25], ['2026', 28], ['2027', 30]]);
  await measure(s31, 'performance', 'better_off', 'Member organizations that adopted a plan action into their own plans', 'Organismes membres ayant intégré une action du plan à leur propre plan', 'count', 'higher_is_better', 2, [['2024', 4], ['2025', 7]], [['2025', 6], ['2026', 9], ['2027', 12]]);

  // Theory of change: the long-term outcome, one precondition per theme, the actions that lead there.
  const node = async (kind: 'outcome' | 'precondition' | 'action', label: string, elementId?: string) =>
    (await service.addTocNode(database, actor, meta, plan.id, { kind, label, elementId })).nodes.find((n) => n.label === label)!.id;
  const outcome = await node('outcome', 'Newcomers settle successfully in a welcoming Durham');
  const p1 = await node('precondition', 'Residents meet across cultures');
  const p2 = await node('precondition', 'Newcomers reach the right service');
  const p3 = await node('precondition', 'All stakeholders plan together');
  const links: [string, string][] = [[p1, outcome], [p2, outcome], [p3, outcome], [p3, p2]];
  links.push([await node('action', 'Welcoming social space', a.space), p1]);
  links.push([await node('action', 'Coordinated intake and referral', a.intake), p2]);
  links.push([await node('action', 'Durham Immigration Portal', a.portal), p2]);
  links.push([await node('action', 'Expand LDIPC committees', a.expand), p3]);
  for (const [from, to] of links) await service.addTocEdge(database, actor, meta, plan.id, from, to);

  let current = await service.getPlan(database, actor, plan.id);
  current = await service.updatePlan(database, actor, meta, plan.id, { version: current.version, status: 'adopted' });
  await service.updatePlan(database, actor, meta, plan.id, { version: current.version, status: 'active', publicScorecard: true });

  const org = (name: string) => seededOrganizationId(ctx, name);
  const cdcd = await org('Community Development Council Durham');
  const region = await org('Regional Municipality of Durham');
  const cediw = await org('Community Economic Development for Immigrant Women');
  const wmrcc = await org('Women’s Multicultural Resource and Counselling Centre');
  const druhc = await org('Durham Region Unemployed Help Centre');
  const ids = (...xs: (string | undefined)[]) => xs.filter((x): x is string => !!x);

  let ap = await service.createActionPlan(database, actor, meta, plan.id, { year: 2026, stalledAfterDays: 60 });
  const item = async (actionId: string, v: Omit<Parameters<typeof service.addItem>[4], 'actionId'>, notes: string[] = []) => {
    ap = await service.addItem(database, actor, meta, ap.id, { actionId, ...v });
    const it = ap.items.find((i) => i.actionId === actionId)!;
    for (const n of notes) ap = await service.addNote(database, actor, meta, it.id, { note: n });
  };
  await item(a.portal, { champion: 'Regional Municipality of Durham, Immigration Portal team', championOrganizationId: region, partnerOrganizationIds: ids(cdcd), startDate: '2026-01-15', dueDate: '2026-12-15', status: 'in_progress', percentComplete: 60, resources: 'Portal budget line; in-kind web staff', adoptedByPartners: true }, ['Service listings refreshed from the directory; French pages under review.']);
  await item(a.intake, { champion: 'Intake working group chair', championOrganizationId: cdcd, partnerOrganizationIds: ids(cediw, wmrcc, druhc), startDate: '2026-02-01', dueDate: '2026-09-30', status: 'in_progress', percentComplete: 45, resources: 'Working group time; shared intake form', adoptedByPartners: false }, ['Common intake form agreed by three partners.']);
  await item(a.book, { champion: 'CDCD community information staff', championOrganizationId: cdcd, partnerOrganizationIds: ids(region), startDate: '2026-01-10', dueDate: '2026-06-30', status: 'completed', percentComplete: 100, resources: 'Printing donated by the Region', adoptedByPartners: true }, ['2026 edition printed and sent to 42 subscribing organizations.']);
  await item(a.meetings, { champion: 'LDIPC coordinator', championOrganizationId: region, partnerOrganizationIds: [], startDate: '2026-01-01', dueDate: '2026-12-31', status: 'in_progress', percentComplete: 80, resources: 'Coordinator time', adoptedByPartners: false }, ['Quarterly schedule set; attendance steady.']);
  await item(a.research, { champion: 'Research sub-committee', championOrganizationId: cdcd, partnerOrganizationIds: ids(wmrcc), startDate: '2026-03-01', dueDate: '2026-08-31', status: 'not_started', percentComplete: 0, resources: 'To be confirmed', adoptedByPartners: false });
}
