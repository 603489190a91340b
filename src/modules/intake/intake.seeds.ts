import { sql } from 'drizzle-orm';
import type { SeedContext } from '../../core/module';
import type { Actor } from '../../core/accounts/actor';
import { rowsOf } from '../../core/db/database';
import { seedDemoAccount } from '../../core/accounts/accounts.seeds';
import { findUserByEmail } from '../../core/accounts/accounts.repository';
import { seededOrganizationId } from '../../core/organizations/organizations.seeds';
import type { InstrumentDefinition } from './intake.schema';
import { createInstrument } from './intake.screening';
import { createClient } from './intake.clients';
import { createAssessment } from './intake.screening';
import { createReferral, transitionReferral } from './intake.referrals';
import { savePlan } from './intake.reports';
import { bindDatabase, keyring } from './intake.crypto';
import { createBundle } from './intake.bundles';
import { seedId, servicesByIds } from '../directory/directory.api';

type Lang = { en: string; fr: string };
const d = (code: string, label: Lang, needCode: string, questions: [string, Lang][], crisisUrgency: 'urgent' | 'soon' = 'urgent') => ({
  code, label, needCode,
  questions: questions.map(([id, text]) => ({ id, text })),
  rules: [
    { when: { acuityAtMost: 1 }, needCode, urgency: crisisUrgency },
    { when: { acuityAtMost: 2 }, needCode, urgency: 'soon' as const },
    { when: { acuityAtMost: 3 }, needCode, urgency: 'routine' as const },
    ...questions.map(([id]) => ({ when: { question: id }, needCode, urgency: 'soon' as const })),
  ],
});

/**
 * The default common screening over the BRIEF's life domains (001:765, 000:1306 and the
 * front-line domains), acuity 1 (in crisis) to 5 (thriving) in the style of a
 * self-sufficiency matrix. Need codes are the directory's taxonomy codes.
 */
export const defaultInstrument: InstrumentDefinition = {
  domains: [
    d('housing', { en: 'Housing', fr: 'Logement' }, 'housing', [['at_risk', { en: 'At risk of losing housing in the next 30 days?', fr: 'Risque de perdre son logement dans les 30 prochains jours?' }]]),
    d('food', { en: 'Food and basic needs', fr: 'Alimentation et besoins de base' }, 'food', [['skipped_meals', { en: 'Skipped meals in the past week because of money?', fr: 'Repas sautés la semaine dernière faute d’argent?' }]]),
    d('income', { en: 'Income security', fr: 'Sécurité du revenu' }, 'income', [['no_income', { en: 'No income this month?', fr: 'Aucun revenu ce mois-ci?' }]]),
    d('employment', { en: 'Employment and training', fr: 'Emploi et formation' }, 'employment', [['wants_work', { en: 'Looking for work or better work?', fr: 'À la recherche d’un emploi ou d’un meilleur emploi?' }]], 'soon'),
    d('language', { en: 'Language', fr: 'Langue' }, 'language', [['needs_classes', { en: 'Wants English or French classes?', fr: 'Souhaite suivre des cours d’anglais ou de français?' }]], 'soon'),
    d('settlement', { en: 'Settlement and orientation', fr: 'Établissement et orientation' }, 'settlement', [['new_arrival', { en: 'Arrived in the last 12 months?', fr: 'Arrivé au cours des 12 derniers mois?' }]], 'soon'),
    d('health', { en: 'Health', fr: 'Santé' }, 'health', [['no_doctor', { en: 'No family doctor or nurse practitioner?', fr: 'Pas de médecin de famille ni d’infirmière praticienne?' }]]),
    d('mental-health', { en: 'Mental health and addictions', fr: 'Santé mentale et dépendances' }, 'mental-health', [['distress', { en: 'Feeling overwhelmed most days?', fr: 'Se sent dépassé la plupart des jours?' }]]),
    d('child-care', { en: 'Child care and early years', fr: 'Garde d’enfants et petite enfance' }, 'child-care', [['needs_care', { en: 'Needs child care to work or study?', fr: 'A besoin de garde d’enfants pour travailler ou étudier?' }]], 'soon'),
    d('legal', { en: 'Legal and justice', fr: 'Services juridiques et justice' }, 'legal', [['legal_issue', { en: 'An open legal or immigration matter?', fr: 'Une affaire juridique ou d’immigration en cours?' }]]),
    d('transportation', { en: 'Transportation', fr: 'Transport' }, 'transportation', [['no_transport', { en: 'Cannot get to appointments?', fr: 'Ne peut pas se rendre aux rendez-vous?' }]], 'soon'),
    d('social-connection', { en: 'Social connection', fr: 'Liens sociaux' }, 'social-connection', [['isolated', { en: 'Feels isolated?', fr: 'Se sent isolé?' }]], 'soon'),
  ],
};

export const DEMO_PARTNER = 'partner@demo.roundtable.test';
export const DEMO_PRIVACY = 'privacy@demo.roundtable.test';
const CDCD = 'Community Development Council Durham';
const NLC = 'Northern Lights Canada – Employment Services';
const DDSB = 'Durham District School Board – Durham Continuing Education';

async function actorFor(ctx: SeedContext, email: string): Promise<Actor> {
  const u = await findUserByEmail(ctx.database.db, email);
  if (!u) throw new Error(`intake seed: no user ${email}`);
  const roles = await rowsOf<{ role: string; scope_type: string; scope_id: string | null }>(ctx.database.db, sql`SELECT role, scope_type, scope_id FROM role_assignments WHERE user_id = ${u.id}::uuid`);
  return { kind: 'user', userId: u.id, email: u.email, name: u.name, organizationId: u.organizationId, isDemo: true, roles: roles.map((r) => ({ role: r.role as never, scopeType: r.scope_type as never, scopeId: r.scope_id })) };
}

export async function seedIntake(ctx: SeedContext): Promise<void> {
  bindDatabase(ctx.database);
  const [inst] = await rowsOf<{ id: string }>(ctx.database.db, sql`SELECT id FROM intake_instruments WHERE code = 'common-screening' AND status = 'published' ORDER BY instrument_version DESC LIMIT 1`);
  let instrumentId = inst?.id;
  if (!instrumentId) {
    instrumentId = (await createInstrument(ctx.database, ctx.actor, {}, { code: 'common-screening', name: 'Common screening: life domains (Durham No Wrong Door)', definition: defaultInstrument }, { publish: true })).id;
    ctx.log('intake: default screening instrument published');
  }
  if (!ctx.demo) return;
  await seedBundles(ctx);
  try {
    keyring();
  } catch (e) {
    ctx.log(`intake: no demo clients (${(e as Error).message})`);
    return;
  }
  const cdcd = await seededOrganizationId(ctx, CDCD);
  const nlc = await seededOrganizationId(ctx, NLC);
  const ddsb = await seededOrganizationId(ctx, DDSB);
  if (!cdcd || !nlc || !ddsb) return;
  await seedDemoAccount(ctx, { email: DEMO_PARTNER, name: 'Demo Employment Counsellor (Northern Lights Canada)', organization: NLC, roles: (org) => [{ role: 'staff', scopeType: 'organization', scopeId: org }] });
  await seedDemoAccount(ctx, { email: DEMO_PRIVACY, name: 'Demo Privacy Officer (CDCD)', organization: CDCD, roles: (org) => [{ role: 'privacy_officer', scopeType: 'organization', scopeId: org }] });
  const [{ n }] = await rowsOf<{ n: number }>(ctx.database.db, sql`SELECT count(*)::int AS n FROM intake_clients WHERE is_fictional AND home_organization_id = ${cdcd}::uuid`);
  if (n > 0) return;

  const staff = await actorFor(ctx, 'staff@demo.roundtable.test');
  const partner = await actorFor(ctx, DEMO_PARTNER);
  const [oshawa] = await rowsOf<{ id: string }>(ctx.database.db, sql`SELECT id FROM geographies WHERE code = '3518013'`);
  const [ajax] = await rowsOf<{ id: string }>(ctx.database.db, sql`SELECT id FROM geographies WHERE code = '3518005'`);
  const services = await rowsOf<{ id: string; name: string; organization_id: string }>(ctx.database.db, sql`SELECT id, name, organization_id FROM directory_services
    WHERE organization_id IN (${nlc}::uuid, ${ddsb}::uuid) ORDER BY name`);
  const nlcService = services.find((s) => s.organization_id === nlc && /resource/i.test(s.name)) ?? services.find((s) => s.organization_id === nlc);
  const linc = services.find((s) => s.organization_id === ddsb && /LINC/.test(s.name));
  const consent = { method: 'signed_on_screen' as const, organizationIds: [nlc, ddsb], documentReference: 'Demo: signed on screen at CDCD Ajax office' };
  const people = [
    ['Amina Fictional-Haddad', '1988-04-12', 'ar', oshawa?.id], ['Bogdan Fictional-Kovalenko', '1979-11-02', 'uk', oshawa?.id],
    ['Carmen Fictional-Ruiz', '1992-07-23', 'es', ajax?.id], ['Dawit Fictional-Tesfaye', '1985-01-30', 'am', ajax?.id],
    ['Elif Fictional-Yilmaz', '1995-09-15', 'tr', oshawa?.id], ['Farhan Fictional-Rahman', '1990-03-08', 'bn', ajax?.id],
    ['Grace Fictional-Okafor', '1983-12-19', 'en', oshawa?.id], ['Hoa Fictional-Nguyen', '1998-06-05', 'vi', ajax?.id],
    // Two more, assessed but not referred: five fictional assessments in each of Oshawa and Ajax,
    // so the demo's front line (mapping) has some needs-identified cells of 5 to show, illustrative
    // like every demo figure; the referrals stay few, and their cells under 5 stay hidden.
    ['Ines Fictional-Moreau', '1987-02-14', 'fr', oshawa?.id], ['Joseph Fictional-Mensah', '1991-10-03', 'en', ajax?.id],
  ] as const;
  const ids: string[] = [];
  for (const [name, birthDate, lang, muni] of people) {
    const c = await createClient(ctx.database, staff, {}, {
      name, birthDate, preferredLanguage: lang, municipalityId: muni, settlementStage: 'immediate', phone: '555-0100 (fictional)',
      consent, confirmNotDuplicate: true, isFictional: true,
    });
    ids.push(c.id);
    await createAssessment(ctx.database, staff, {}, c.id, {
      instrumentId,
      answers: { employment: { acuity: 2, yes: ['wants_work'] }, language: { acuity: 2, yes: ['needs_classes'] }, housing: { acuity: 4, yes: [] }, settlement: { acuity: 3, yes: ['new_arrival'] } },
    });
  }
  await savePlan(ctx.database, staff, {}, ids[0], { version: 0, content: {
    goals: [{ term: 'short', text: 'Start LINC classes this season', steps: [{ text: 'Language assessment', who: 'CDCD settlement worker', done: true }] },
      { term: 'long', text: 'Work as a pharmacy assistant', steps: [{ text: 'Credential assessment', who: 'Client', done: false }] }],
    strengths: 'Fictional: motivated, speaks three languages', notes: 'Fictional demo plan', team: [{ name: 'Demo Settlement Worker', role: 'Case lead' }],
  } });
  if (!nlcService) return;
  // One referral in each state of the lifecycle.
  const path: ('received' | 'accepted' | 'rejected' | 'on-hold' | 'in-progress' | 'completed' | 'cancelled')[][] = [
    [], ['received'], ['received', 'accepted'], ['received', 'rejected'], ['received', 'accepted', 'in-progress'],
    ['received', 'accepted', 'in-progress', 'completed'], ['cancelled'], ['received', 'accepted', 'on-hold'],
  ];
  for (const [i, steps] of path.entries()) {
    const r = await createReferral(ctx.database, staff, {}, {
      clientId: ids[i], serviceId: nlcService.id, needCode: 'employment', reason: 'Fictional: looking for work in their field; warm referral by phone', urgency: i === 0 ? 'soon' : 'routine',
      sharedCategories: ['identity', 'contact'],
    });
    for (const to of steps) {
      await transitionReferral(ctx.database, to === 'cancelled' ? staff : partner, {}, r.id, {
        to, reason: to === 'rejected' ? 'Program full this intake; waitlisted' : to === 'cancelled' ? 'Client found work on their own' : to === 'on-hold' ? 'Next workshop intake is full; first place that opens' : undefined,
        outcome: to === 'completed' ? 'service_received' : undefined,
      });
    }
  }
  if (linc) {
    await createReferral(ctx.database, staff, {}, { clientId: ids[7], serviceId: linc.id, needCode: 'language', reason: 'Fictional: LINC placement after assessment', urgency: 'routine', sharedCategories: ['identity', 'contact'] });
  }
  ctx.log(`intake: ${ids.length} fictional clients with referrals in every state`);
}

/**
 * Demo support bundles from the Durham directory demo (seed 002 Appendix B, seed 003: supports
 * bundled by need and acuity). Every demo client's latest needs (employment, language,
 * settlement at acuity 2) fit "Newcomer job start". Idempotent by name.
 */
const demoBundles = [
  { name: 'Newcomer job start', organization: CDCD, needCodes: ['employment', 'language'], maxAcuity: 3,
    description: 'For a newcomer looking for work who also wants English classes: a language assessment, LINC classes and job search help, started together.',
    services: ['cdcd-linc-assessment', 'ddsb-linc', 'nlc-resources', 'uhc-workshops'] },
  { name: 'Life stabilization', organization: null, needCodes: ['housing', 'income'], maxAcuity: 2,
    description: 'Housing, food and income help for a person in crisis or vulnerable. No one has to qualify for social assistance to get these supports.',
    services: ['region-housing-help', 'jhs-housing', 'uhc-food-bank'] },
];

async function seedBundles(ctx: SeedContext) {
  let added = 0;
  for (const b of demoBundles) {
    const organizationId = b.organization ? await seededOrganizationId(ctx, b.organization) : null;
    if (b.organization && !organizationId) continue;
    const [exists] = await rowsOf(ctx.database.db, sql`SELECT 1 FROM intake_bundles WHERE organization_id IS NOT DISTINCT FROM ${organizationId}::uuid AND lower(name) = lower(${b.name})`);
    if (exists) continue;
    const found = await servicesByIds(ctx.database.db, b.services.map((k) => seedId('service', k)));
    if (found.length === 0) continue;
    await createBundle(ctx.database, ctx.actor, {}, { name: b.name, description: b.description, needCodes: b.needCodes, maxAcuity: b.maxAcuity, serviceIds: b.services.map((k) => seedId('service', k)).filter((id) => found.some((s) => s.serviceId === id)), organizationId });
    added++;
  }
  if (added) ctx.log(`intake: ${added} demo support bundles`);
}
