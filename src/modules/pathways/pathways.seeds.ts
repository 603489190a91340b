/**
 * Demo data (only when demo is on): two Durham pathways of the LDIPC from the seeds' own
 * scenarios, published, with three fictional workshop drawings. Idempotent (by name).
 * - Newcomer settlement, arrival to employment: the One Stop Shop services of seed 002:1860-1925.
 * - Life stabilization for a person applying for social assistance: seed 003:126-160.
 * Target days are illustrative, and the pathways say so.
 */
import type { SeedContext } from '../../core/module';
import { collaborativeIdByName } from '../collaboratives/collaboratives.api';
import { serviceIdByName } from '../directory/directory.api';
import * as repo from './pathways.repository';
import { addDrawing, createPathway, publishPathway } from './pathways.service';
import type { StepInput } from './pathways.schema';

const LDIPC = 'Durham Region Local Diversity and Immigration Partnership Council';
const meta = { ip: '127.0.0.1', userAgent: 'seed' };

type SeedStep = Omit<StepInput, 'serviceIds'> & { services?: string[] };

const NEWCOMER: SeedStep[] = [
  { key: 'arrival', kind: 'entry', title: 'First visit to the One Stop Shop', titleFr: 'Première visite au guichet unique', description: 'One central place, reached by public transit, where you are welcomed in your own language.', descriptionFr: 'Un lieu central, accessible en transport en commun, où l’on vous accueille dans votre langue.', toBring: 'Your immigration documents (PR card or confirmation of permanent residence) and any ID.', toBringFr: 'Vos documents d’immigration (carte de RP ou confirmation de résidence permanente) et une pièce d’identité.', domain: 'settlement', services: ['Newcomer settlement services'], targetDays: 0, responsibleRole: 'Settlement worker', next: [{ to: 'needs', condition: '' }] },
  { key: 'needs', kind: 'screening', title: 'Needs assessment and settlement plan', titleFr: 'Évaluation des besoins et plan d’établissement', description: 'A settlement worker asks about your family, language, work and income, and plans the next steps with you.', descriptionFr: 'Un travailleur d’établissement s’informe sur votre famille, votre langue, votre travail et votre revenu, et planifie les prochaines étapes avec vous.', domain: 'settlement', services: ['Newcomer settlement services'], conditions: [{ kind: 'eligibility', text: 'Permanent residents and protected persons', textFr: 'Résidents permanents et personnes protégées' }], targetDays: 7, responsibleRole: 'Settlement worker', next: [{ to: 'language-test', condition: '' }, { to: 'child-care', condition: 'A child under 6' }, { to: 'income', condition: 'No income' }] },
  { key: 'language-test', kind: 'referral', title: 'Language assessment', titleFr: 'Évaluation linguistique', description: 'Your English or French is assessed so you are placed in the right class.', descriptionFr: 'On évalue votre anglais ou votre français pour vous placer dans la bonne classe.', domain: 'language', services: ['LINC language assessment'], targetDays: 14, responsibleRole: 'Language assessor', next: [{ to: 'classes', condition: '' }] },
  { key: 'classes', kind: 'service', title: 'Language classes', titleFr: 'Cours de langue', description: 'LINC or ESL classes, day or evening.', descriptionFr: 'Cours CLIC ou d’anglais langue seconde, le jour ou le soir.', domain: 'language', services: ['LINC and ESL classes', 'LINC classes'], targetDays: 21, responsibleRole: 'Instructor', next: [{ to: 'jobs', condition: '' }] },
  { key: 'child-care', kind: 'service', title: 'Child care fee subsidy', titleFr: 'Subvention pour frais de garde', description: 'Help paying for child care so that you can go to classes or work.', descriptionFr: 'De l’aide pour payer la garde d’enfants afin de suivre des cours ou de travailler.', toBring: 'Proof of income and your child’s birth certificate.', toBringFr: 'Une preuve de revenu et l’acte de naissance de l’enfant.', domain: 'child-care', services: ['Child care fee subsidy'], conditions: [{ kind: 'eligibility', text: 'A child under 6 and a low income', textFr: 'Un enfant de moins de 6 ans et un faible revenu' }], targetDays: 30, responsibleRole: 'Child care subsidy worker', next: [{ to: 'classes', condition: '' }] },
  { key: 'income', kind: 'service', title: 'Income support while settling', titleFr: 'Soutien du revenu pendant l’établissement', description: 'Ontario Works financial and employment assistance.', descriptionFr: 'Aide financière et aide à l’emploi d’Ontario au travail.', toBring: 'ID, bank information, proof of rent.', toBringFr: 'Pièce d’identité, renseignements bancaires, preuve de loyer.', domain: 'income', services: ['Ontario Works financial and employment assistance'], conditions: [{ kind: 'eligibility', text: 'No income or low income', textFr: 'Aucun revenu ou faible revenu' }], targetDays: 10, responsibleRole: 'Caseworker', next: [{ to: 'jobs', condition: '' }] },
  { key: 'jobs', kind: 'service', title: 'Job search and skills', titleFr: 'Recherche d’emploi et compétences', description: 'Job search workshops, resumes, skills development, accreditation advice.', descriptionFr: 'Ateliers de recherche d’emploi, CV, développement des compétences, conseils sur la reconnaissance des titres.', domain: 'employment', services: ['Employment resource centre', 'Job search workshops', 'Skills development for immigrant women'], targetDays: 30, responsibleRole: 'Employment counsellor', next: [{ to: 'host', condition: '' }, { to: 'follow-up', condition: '' }] },
  { key: 'host', kind: 'service', title: 'HOST volunteer matching', titleFr: 'Jumelage avec des bénévoles HOST', description: 'A volunteer helps you make connections in the community.', descriptionFr: 'Un bénévole vous aide à créer des liens dans la communauté.', domain: 'social-connection', services: ['HOST program: volunteer matching'], targetDays: 30, responsibleRole: 'Volunteer coordinator', next: [{ to: 'follow-up', condition: '' }] },
  { key: 'follow-up', kind: 'follow_up', title: 'Follow-up with your settlement worker', titleFr: 'Suivi avec votre travailleur d’établissement', description: 'Your settlement worker checks in on how things went.', descriptionFr: 'Votre travailleur d’établissement fait le point avec vous.', domain: 'settlement', services: ['Newcomer settlement services'], targetDays: 90, responsibleRole: 'Settlement worker', next: [{ to: 'employed', condition: 'Working' }, { to: 'jobs', condition: 'Still looking for work' }] },
  { key: 'employed', kind: 'exit', title: 'Working in Canada', titleFr: 'Au travail au Canada', description: 'Employment in your field or on the way to it.', descriptionFr: 'Un emploi dans votre domaine ou en voie de l’être.', domain: 'employment', targetDays: null, responsibleRole: '', next: [] },
];

const STABILIZATION: SeedStep[] = [
  { key: 'apply', kind: 'entry', title: 'Apply for social assistance', titleFr: 'Demander l’aide sociale', description: 'Apply online or by phone; the Province handles financial assistance and aims to make it quick and easy.', descriptionFr: 'Faites une demande en ligne ou par téléphone; la Province gère l’aide financière et vise à la rendre simple et rapide.', toBring: 'ID, SIN, proof of income, rent and bank information.', toBringFr: 'Pièce d’identité, NAS, preuve de revenu, loyer et renseignements bancaires.', domain: 'income', services: ['Ontario Works financial and employment assistance'], targetDays: 0, responsibleRole: 'Provincial intake', next: [{ to: 'caseworker', condition: '' }] },
  { key: 'caseworker', kind: 'intake', title: 'First meeting with a caseworker', titleFr: 'Première rencontre avec un travailleur social', description: 'A municipal caseworker meets you to understand your situation: qualifying for assistance is not required to get support.', descriptionFr: 'Un travailleur social municipal vous rencontre pour comprendre votre situation : il n’est pas nécessaire d’être admissible à l’aide pour obtenir du soutien.', domain: 'income', services: ['Ontario Works financial and employment assistance'], targetDays: 4, responsibleRole: 'Caseworker', next: [{ to: 'plan', condition: '' }] },
  { key: 'plan', kind: 'screening', title: 'Life stabilization plan', titleFr: 'Plan de stabilisation', description: 'Supports are bundled around you and your family based on needs and acuity.', descriptionFr: 'Les soutiens sont regroupés autour de vous et de votre famille selon vos besoins et leur intensité.', domain: 'income', services: ['Ontario Works financial and employment assistance'], conditions: [{ kind: 'acuity', text: 'Needs and acuity assessed together', textFr: 'Besoins et intensité évalués ensemble' }], targetDays: 14, responsibleRole: 'Caseworker', next: [{ to: 'housing', condition: 'Housing at risk' }, { to: 'food', condition: 'No food this week' }, { to: 'counselling', condition: 'High acuity: mental health or addictions' }, { to: 'job-ready', condition: 'Ready for work' }] },
  { key: 'housing', kind: 'referral', title: 'Housing stability', titleFr: 'Stabilité du logement', description: 'Help to keep or find housing: Housing Stability Fund, rent supplements, subsidised housing.', descriptionFr: 'De l’aide pour garder ou trouver un logement : fonds de stabilité, suppléments au loyer, logement subventionné.', domain: 'housing', services: ['Housing help and subsidised housing applications', 'Housing and community justice support'], targetDays: 7, responsibleRole: 'Housing worker', next: [{ to: 'review', condition: '' }] },
  { key: 'food', kind: 'referral', title: 'Emergency food', titleFr: 'Aide alimentaire d’urgence', description: 'Groceries from a food bank this week.', descriptionFr: 'Des provisions d’une banque alimentaire cette semaine.', domain: 'food', services: ['Emergency food bank'], targetDays: 2, responsibleRole: 'Caseworker', next: [{ to: 'review', condition: '' }] },
  { key: 'counselling', kind: 'referral', title: 'Counselling and crisis support', titleFr: 'Counseling et soutien en cas de crise', description: 'Counselling, addictions and mental health services.', descriptionFr: 'Counseling, services de santé mentale et de dépendances.', domain: 'mental-health', services: ['Counselling and crisis intervention for women', 'Counselling and referrals'], conditions: [{ kind: 'acuity', text: 'High acuity', textFr: 'Intensité élevée' }], targetDays: 7, responsibleRole: 'Counsellor', next: [{ to: 'review', condition: '' }] },
  { key: 'job-ready', kind: 'service', title: 'Job readiness and skills training', titleFr: 'Préparation à l’emploi et formation', description: 'Job-readiness programs and skills training.', descriptionFr: 'Programmes de préparation à l’emploi et formation professionnelle.', domain: 'employment', services: ['Employment resource centre', 'Job search workshops'], targetDays: 21, responsibleRole: 'Employment counsellor', next: [{ to: 'review', condition: '' }] },
  { key: 'review', kind: 'follow_up', title: 'Case plan review', titleFr: 'Révision du plan', description: 'You and your caseworker look at what worked and what is next.', descriptionFr: 'Vous et votre travailleur social examinez ce qui a fonctionné et la suite.', domain: 'income', services: ['Ontario Works financial and employment assistance'], targetDays: 60, responsibleRole: 'Caseworker', next: [{ to: 'stable', condition: 'Stable' }, { to: 'plan', condition: 'New needs' }] },
  { key: 'stable', kind: 'exit', title: 'Stable: work or other income', titleFr: 'Stabilité : emploi ou autre revenu', description: 'Employment, or another stable income, and the supports you still need.', descriptionFr: 'Un emploi ou un autre revenu stable, et les soutiens dont vous avez encore besoin.', domain: 'employment', targetDays: null, responsibleRole: '', next: [] },
];

async function resolve(ctx: SeedContext, steps: SeedStep[]): Promise<StepInput[]> {
  const out: StepInput[] = [];
  for (const { services, ...s } of steps) {
    const ids: string[] = [];
    for (const name of services ?? []) {
      const id = await serviceIdByName(ctx.database.db, name);
      if (id) ids.push(id);
    }
    out.push({ ...s, serviceIds: ids });
  }
  return out;
}

export async function seedPathways(ctx: SeedContext): Promise<void> {
  if (!ctx.demo) return;
  const db = ctx.database.db;
  const collaborativeId = await collaborativeIdByName(db, LDIPC);
  if (!collaborativeId) return;
  const durham = (await repo.geographyIdByCode(db, '3518')) ?? null;
  const demo = [
    { name: 'Newcomer settlement: arrival to employment', nameFr: 'Établissement des nouveaux arrivants : de l’arrivée à l’emploi',
      scenario: 'A newcomer family with a child under 6 and no income, from arrival in Durham to work (the One Stop Shop of seed 002). Target days are illustrative.',
      scenarioFr: 'Une famille nouvellement arrivée avec un enfant de moins de 6 ans et sans revenu, de l’arrivée à Durham jusqu’à l’emploi (le guichet unique du document 002). Les délais cibles sont illustratifs.',
      population: 'Newcomers (permanent residents, protected persons)', steps: NEWCOMER },
    { name: 'Life stabilization: applying for social assistance', nameFr: 'Stabilisation : demander l’aide sociale',
      scenario: 'A person applying for social assistance, supported to stabilize (housing, food, mental health) and move towards work (seed 003). Target days are illustrative.',
      scenarioFr: 'Une personne qui demande l’aide sociale, soutenue pour se stabiliser (logement, alimentation, santé mentale) et avancer vers l’emploi (document 003). Les délais cibles sont illustratifs.',
      population: 'Adults applying for Ontario Works', steps: STABILIZATION },
  ];
  for (const d of demo) {
    if (await repo.findPathwayByName(db, collaborativeId, d.name)) continue;
    const p = await createPathway(ctx.database, ctx.actor, meta, { collaborativeId, name: d.name, nameFr: d.nameFr, scenario: d.scenario, scenarioFr: d.scenarioFr, population: d.population, geographyId: durham, reviewDate: '2027-06-30', steps: await resolve(ctx, d.steps) });
    await publishPathway(ctx.database, ctx.actor, meta, p.id, { version: p.version, note: 'First version, from the seeds’ scenario' });
    if (d.steps === NEWCOMER) {
      // Fictional workshop: three participants draw how the scenario goes today.
      const drawings: { participant: string; steps: { kind: StepInput['kind']; title: string; stepKey: string | null }[] }[] = [
        { participant: 'Settlement worker (fictional)', steps: [
          { kind: 'entry', title: 'Walk-in at the settlement office', stepKey: 'arrival' }, { kind: 'screening', title: 'Needs assessment', stepKey: 'needs' },
          { kind: 'referral', title: 'Language assessment', stepKey: 'language-test' }, { kind: 'service', title: 'Language classes', stepKey: 'classes' }, { kind: 'service', title: 'Job search', stepKey: 'jobs' }] },
        { participant: 'Ontario Works caseworker (fictional)', steps: [
          { kind: 'entry', title: 'Applies for Ontario Works', stepKey: 'income' }, { kind: 'referral', title: 'Sent to the settlement office', stepKey: 'arrival' },
          { kind: 'screening', title: 'Needs assessment', stepKey: 'needs' }, { kind: 'service', title: 'Job search', stepKey: 'jobs' }, { kind: 'service', title: 'Language classes', stepKey: 'classes' }] },
        { participant: 'Parent with lived experience (fictional)', steps: [
          { kind: 'entry', title: 'Friend from the mosque explains what to do', stepKey: null }, { kind: 'entry', title: 'Walk-in at the settlement office', stepKey: 'arrival' },
          { kind: 'service', title: 'Waitlist for child care', stepKey: 'child-care' }, { kind: 'service', title: 'Language classes', stepKey: 'classes' }] },
      ];
      for (const drawing of drawings) await addDrawing(ctx.database, ctx.actor, meta, p.id, drawing);
    }
  }
  ctx.log('pathways: two Durham demo pathways, published, with a fictional workshop');
}
