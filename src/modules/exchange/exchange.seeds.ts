/**
 * Demo data (only when demo is on): a network of five Ontario LIPs named in seed 001 (Durham,
 * Hamilton, Kingston, Huron County, Toronto West), their plans cloned from the LIP template,
 * a common template in two versions adopted with adaptations, two indicators shared by some
 * members (illustrative values, marked so), and a dozen practices drawn from the seeds'
 * examples (citations in docs/exchange.md). Idempotent.
 */
import type { SeedContext } from '../../core/module';
import { collaborativeIdByName, createCollaborative } from '../collaboratives/collaboratives.api';
import { findIndicators, recordSystemObservations } from '../data/data.api';
import { clonePlanFromTemplate, LIP_TEMPLATE_NAME } from '../strategy/strategy.api';
import { geographyByCode } from '../../core/geography/geography.service';
import * as repo from './exchange.repository';
import { addMember, createGrant, createNetwork } from './exchange.networks.service';
import { adoptTemplate, createTemplate, publishVersion } from './exchange.templates.service';
import { createPractice } from './exchange.practices.service';
import type { CommunityType, PracticeInput, TemplateContentT } from './exchange.schema';

export const NETWORK_NAME = 'Ontario LIP Network (demo)';
const DURHAM = 'Durham Region Local Diversity and Immigration Partnership Council';
export const LIPS: { name: string; shortName: string; type: CommunityType; place: string; plan: string | null }[] = [
  { name: DURHAM, shortName: 'LDIPC', type: 'urban', place: '3518', plan: null },
  { name: 'Hamilton Immigration Partnership Council', shortName: 'HIPC', type: 'urban', place: '35', plan: 'Hamilton Settlement Strategy 2025–2027 (demo)' },
  { name: 'Kingston Immigration Partnership', shortName: 'KIP', type: 'urban', place: '35', plan: 'Kingston Settlement Strategy 2025–2027 (demo)' },
  { name: 'Huron County Immigration Partnership', shortName: 'HCIP', type: 'rural', place: '35', plan: 'Huron County Settlement Strategy 2025–2027 (demo)' },
  { name: 'Toronto West Local Immigration Partnership', shortName: 'TWLIP', type: 'neighbourhood', place: '35', plan: 'Toronto West Settlement Strategy 2025–2027 (demo)' },
];

const V1: TemplateContentT = {
  indicators: [
    { code: 'exchange.newcomers-served', name: 'Newcomers served by settlement services', nameFr: 'Nouveaux arrivants servis par les services d’établissement' },
    { code: 'exchange.employment-rate', name: 'Employment rate of recent immigrants', nameFr: 'Taux d’emploi des immigrants récents' },
  ],
  measures: [
    { key: 'lip-m2', name: 'Referrals made through coordinated intake', nameFr: 'Aiguillages faits par l’accueil coordonné', unit: 'count' },
    { key: 'lip-m5', name: 'Sectors represented on the Partnership Council', nameFr: 'Secteurs représentés au conseil de partenariat', unit: 'count' },
  ],
  sections: [
    { key: 'highlights', title: 'Highlights of the year', titleFr: 'Faits saillants de l’année' },
    { key: 'results', title: 'Results by objective', titleFr: 'Résultats par objectif' },
  ],
  instruments: [],
};
const V2: TemplateContentT = {
  ...V1,
  measures: [...V1.measures, { key: 'lip-m6', name: 'Newcomers who feel welcome in the community', nameFr: 'Nouveaux arrivants qui se sentent bienvenus dans la collectivité', unit: 'percent' }],
  sections: [...V1.sections, { key: 'next-year', title: 'Priorities for next year', titleFr: 'Priorités pour l’an prochain' }],
};

// Illustrative values (not real data): newcomers served per year and employment rate, by LIP.
const SERVED: Record<string, number[]> = {
  LDIPC: [2140, 2310, 2480, 2655, 2790],
  HIPC: [3820, 3905, 4110, 4302, 4415],
  KIP: [910, 960, 1012, 1090, 1134],
  HCIP: [3, 41, 38, 52, 4],
};
const EMPLOYED: Record<string, number[]> = {
  LDIPC: [61.2, 62.8, 64.1, 65.0, 65.7],
  HIPC: [58.4, 60.1, 61.9, 62.5, 63.8],
  HCIP: [66.0, 67.5, 69.2, 70.1, 70.4],
};
const YEARS = ['2021', '2022', '2023', '2024', '2025'];

// Practices drawn from the LIP start-up report (seed 001); the line of each source is in docs/exchange.md.
const PRACTICES: (Omit<PracticeInput, 'evidence' | 'populationTags' | 'authorCollaborativeId'> & { author: string; tags: string[] })[] = [
  { author: 'HIPC', titleEn: 'Consulting 400 newcomers before writing the strategy', titleFr: 'Consulter 400 nouveaux arrivants avant d’écrire la stratégie', problemEn: 'A settlement strategy written by agencies alone misses what newcomers live.', problemFr: 'Une stratégie écrite par les seuls organismes passe à côté du vécu des nouveaux arrivants.', doneEn: 'Before drafting the strategic plan, the partnership held focus groups with over 400 recent immigrants and refugees, and many discussions with local stakeholder groups.', doneFr: 'Avant de rédiger le plan, le partenariat a tenu des groupes de discussion avec plus de 400 immigrants récents et réfugiés.', byWhom: 'LIP staff and partner agencies', forWhom: 'Recent immigrants and refugees', place: 'Hamilton', resources: 'Facilitators, interpreters, meeting space', resultsEn: 'A plan grounded in newcomers’ own priorities, and trust that lasted past the plan.', resultsFr: 'Un plan fondé sur les priorités des nouveaux arrivants.', communityType: 'urban', needDomain: 'settlement', welcomingCharacteristic: 'social_engagement', tags: ['refugees', 'recent immigrants'] },
  { author: 'HIPC', titleEn: 'A community-wide declaration of intent', titleFr: 'Une déclaration d’intention à l’échelle de la collectivité', problemEn: 'Institutions agree in meetings but do not commit publicly.', problemFr: 'Les institutions sont d’accord en réunion sans s’engager publiquement.', doneEn: 'The LIP gathered signatures on a declaration of intent: the Mayor, all of Council, lead businesses, organizations and educational institutions signed.', doneFr: 'Le PLI a recueilli des signatures sur une déclaration d’intention : maire, conseil, entreprises et établissements.', byWhom: 'LIP leadership', forWhom: 'The whole community', place: 'Hamilton', resources: 'Staff time, a signing event', resultsEn: 'Institutional endorsement on the record.', resultsFr: 'Un appui institutionnel consigné.', communityType: 'urban', needDomain: 'civic-participation', welcomingCharacteristic: 'municipal_features', tags: ['newcomers'] },
  { author: 'KIP', titleEn: 'A year-long public consultation with open assemblies', titleFr: 'Une consultation publique d’un an avec assemblées ouvertes', problemEn: 'Goals set by a council alone lack legitimacy in the community.', problemFr: 'Des objectifs fixés par le seul conseil manquent de légitimité.', doneEn: 'An advisory committee led open assemblies and about 13 focus groups, ending in a public event that mapped themes into the goals of the strategic plan.', doneFr: 'Un comité consultatif a mené des assemblées ouvertes et environ 13 groupes de discussion, puis un événement public.', byWhom: 'Advisory committee', forWhom: 'Residents, newcomers and partners', place: 'Kingston', resources: 'A year of facilitation', resultsEn: 'Themes and goals that the council commits not to change.', resultsFr: 'Des thèmes et objectifs que le conseil s’engage à ne pas changer.', communityType: 'urban', needDomain: 'civic-participation', welcomingCharacteristic: 'political_participation', tags: ['residents', 'newcomers'] },
  { author: 'KIP', titleEn: 'A report card at a public assembly every year', titleFr: 'Un bulletin présenté en assemblée publique chaque année', problemEn: 'Partners lose sight of progress between plans.', problemFr: 'Les partenaires perdent de vue les progrès entre deux plans.', doneEn: 'Each year the council reports back to the community with a report card at a public assembly, where the community helps set next year’s priorities.', doneFr: 'Chaque année, le conseil présente un bulletin en assemblée publique où la collectivité aide à fixer les priorités.', byWhom: 'Partnership council', forWhom: 'The community', place: 'Kingston', resources: 'Report-card preparation, an annual event', resultsEn: 'An annual planning cycle with public accountability.', resultsFr: 'Un cycle annuel de planification redevable au public.', communityType: 'urban', needDomain: 'civic-participation', welcomingCharacteristic: 'links_between_actors', tags: ['newcomers'] },
  { author: 'HCIP', titleEn: 'Borrowing settlement expertise from a nearby city', titleFr: 'Emprunter l’expertise d’établissement d’une ville voisine', problemEn: 'A rural county without any settlement agency lacked knowledge of immigration issues.', problemFr: 'Un comté rural sans organisme d’établissement manquait de connaissances sur l’immigration.', doneEn: 'The steering committee linked with experienced settlement workers from London and researchers of the University of Guelph to build awareness among council members.', doneFr: 'Le comité directeur s’est lié à des intervenants de London et à des chercheurs de l’Université de Guelph.', byWhom: 'Steering committee, county lead', forWhom: 'Council members and employers', place: 'Huron County', resources: 'Travel, guest speakers', resultsEn: 'A shared vision and the case for immigration made locally.', resultsFr: 'Une vision commune et un argumentaire local.', communityType: 'rural', needDomain: 'settlement', welcomingCharacteristic: 'newcomer_serving_agencies', tags: ['employers'] },
  { author: 'HCIP', titleEn: 'Inviting economic development to the table', titleFr: 'Inviter le développement économique à la table', problemEn: 'With no settlement providers, who should sit on the council?', problemFr: 'Sans fournisseurs d’établissement, qui doit siéger au conseil?', doneEn: 'Invitations followed existing relationships around economic development, bringing sectors beyond settlement to the council.', doneFr: 'Les invitations ont suivi les relations existantes en développement économique.', byWhom: 'County', forWhom: 'Newcomer workers and employers', place: 'Huron County', resources: 'Existing networks', resultsEn: 'A council built on strong local social capital.', resultsFr: 'Un conseil fondé sur un fort capital social local.', communityType: 'rural', needDomain: 'employment', welcomingCharacteristic: 'employment_opportunities', tags: ['workers', 'employers'] },
  { author: 'TWLIP', titleEn: 'Narrowing 100 strategies to a doable few', titleFr: 'Ramener 100 stratégies à quelques-unes réalisables', problemEn: 'An inherited plan had over 80 strategic directions: too many to act on.', problemFr: 'Un plan hérité comptait plus de 80 orientations : trop pour agir.', doneEn: 'The strategies went through a “critical thinking process” of interviews, focus groups and council discussions to generate a doable set of priorities.', doneFr: 'Les stratégies ont passé par un processus de réflexion critique : entrevues, groupes de discussion et débats du conseil.', byWhom: 'Independent consultant with the council', forWhom: 'Settlement agencies', place: 'Toronto West', resources: 'A consultant', resultsEn: 'A short list of priorities the council could own.', resultsFr: 'Une courte liste de priorités.', communityType: 'neighbourhood', needDomain: 'settlement', welcomingCharacteristic: 'newcomer_serving_agencies', tags: ['newcomers'] },
  { author: 'TWLIP', titleEn: 'An open call to every settlement organization', titleFr: 'Un appel ouvert à tous les organismes d’établissement', problemEn: 'Many agencies in a dense area felt left out of planning.', problemFr: 'Beaucoup d’organismes d’un quartier dense se sentaient exclus.', doneEn: 'An open call went to all settlement organizations; the council grew to over 100 participants from 60 organizations, and working groups carried the detail.', doneFr: 'Un appel ouvert a réuni plus de 100 participants de 60 organismes.', byWhom: 'Steering committee of eight organizations', forWhom: 'Settlement organizations', place: 'Toronto West', resources: 'United Way funding for a part-time coordinator', resultsEn: 'Broad inclusion, with a cost in efficacy to manage.', resultsFr: 'Une large inclusion, au prix d’une efficacité à gérer.', communityType: 'neighbourhood', needDomain: 'settlement', welcomingCharacteristic: 'links_between_actors', tags: ['agencies'] },
  { author: 'LDIPC', titleEn: 'Members turning plan actions into their own objectives', titleFr: 'Des membres qui font des actions du plan leurs propres objectifs', problemEn: 'Soft outcomes of a partnership are hard to show.', problemFr: 'Les retombées « douces » d’un partenariat sont difficiles à montrer.', doneEn: 'Council members translated action items of the strategic plan into their own organizations’ objectives, and reported back on them.', doneFr: 'Les membres ont intégré des actions du plan aux objectifs de leur organisation.', byWhom: 'Council member organizations', forWhom: 'Newcomers using mainstream services', place: 'Several LIP communities', resources: 'None beyond staff time', resultsEn: 'Inter-organizational learning visible in members’ plans.', resultsFr: 'Un apprentissage entre organisations visible dans leurs plans.', communityType: 'urban', needDomain: 'settlement', welcomingCharacteristic: 'links_between_actors', tags: ['newcomers'] },
  { author: 'HIPC', titleEn: 'Researching the informal economy newcomers rely on', titleFr: 'Étudier l’économie informelle dont dépendent les nouveaux arrivants', problemEn: 'Planning ignored the informal sector where many newcomers first work.', problemFr: 'La planification ignorait le secteur informel où beaucoup commencent à travailler.', doneEn: 'Community-based research studied the informal sector and argued for its inclusion in policy and service deliberations.', doneFr: 'Une recherche communautaire a étudié le secteur informel et plaidé pour son inclusion.', byWhom: 'LIP with community researchers', forWhom: 'Newcomer workers', place: 'Hamilton', resources: 'A research partnership', resultsEn: 'Evidence to bring the informal sector into the plan.', resultsFr: 'Des données pour intégrer le secteur informel au plan.', communityType: 'urban', needDomain: 'employment', welcomingCharacteristic: 'employment_opportunities', tags: ['workers', 'recent immigrants'] },
  { author: 'KIP', titleEn: 'A health centre convening before the call for proposals', titleFr: 'Un centre de santé qui rassemble avant l’appel de propositions', problemEn: 'A partnership started from scratch when funding arrives loses a year.', problemFr: 'Un partenariat qui part de zéro à l’arrivée du financement perd un an.', doneEn: 'The community health centre’s director convened stakeholders a year before the call; the centre became a lead organization of the partnership.', doneFr: 'La direction du centre de santé communautaire a réuni les parties un an avant l’appel.', byWhom: 'Community health centre', forWhom: 'Newcomers needing health care', place: 'Kingston', resources: 'Convening time', resultsEn: 'A ready partnership and contract when funding came.', resultsFr: 'Un partenariat prêt à l’arrivée du financement.', communityType: 'urban', needDomain: 'health', welcomingCharacteristic: 'health_care', tags: ['newcomers'] },
  { author: 'HIPC', titleEn: 'Setting aside “duplication of services” to build trust', titleFr: 'Écarter la « duplication des services » pour bâtir la confiance', problemEn: 'Agencies with a history of competing for funds would not collaborate under a mandate to cut duplication.', problemFr: 'Des organismes en concurrence ne collaboraient pas sous un mandat de réduire la duplication.', doneEn: 'Local members struck the duplication objective from their plan and worked first on trust and respect across sectors.', doneFr: 'Les membres ont retiré l’objectif de duplication et travaillé d’abord la confiance.', byWhom: 'Partnership council', forWhom: 'Partner agencies', place: 'Two LIP communities', resources: 'Facilitated dialogue', resultsEn: 'A culture of collaboration instead of competition.', resultsFr: 'Une culture de collaboration plutôt que de concurrence.', communityType: 'urban', needDomain: 'settlement', welcomingCharacteristic: 'positive_attitudes', tags: ['agencies'] },
];

export async function seedExchange(ctx: SeedContext): Promise<void> {
  if (!ctx.demo) return;
  const { database, actor } = ctx;
  const db = database.db;
  if (await repo.findNetworkByName(db, NETWORK_NAME)) return;
  const meta = {};

  const ids = new Map<string, string>();
  for (const lip of LIPS) {
    let id = await collaborativeIdByName(db, lip.name);
    if (!id) {
      const place = await geographyByCode(db, lip.place);
      id = (await createCollaborative(database, actor, meta, { name: lip.name, shortName: lip.shortName, type: 'lip_partnership_council', scope: 'local', catchmentGeographyId: place?.id ?? null, focus: 'Newcomer settlement and integration (demo)' })).id as string;
    }
    ids.set(lip.shortName, id);
    if (lip.plan) await clonePlanFromTemplate(database, actor, meta, { templateName: LIP_TEMPLATE_NAME, collaborativeId: id, title: lip.plan, startYear: 2025, endYear: 2027 });
  }
  const steward = await repo.userIdByEmail(db, 'orgadmin@demo.roundtable.test');
  const network = await createNetwork(database, actor, meta, {
    name: NETWORK_NAME, nameFr: 'Réseau ontarien des PLI (démo)', description: 'Five Local Immigration Partnerships comparing what they choose to share, on a common template (demo).', stewardUserId: steward ?? null,
  });
  for (const lip of LIPS) await addMember(database, actor, meta, network.id, { collaborativeId: ids.get(lip.shortName)!, communityType: lip.type });

  // Common template: v1, then v2; Kingston and Huron County stay on v1 (behind).
  const t = await createTemplate(database, actor, meta, network.id, { name: 'Ontario LIP common template', nameFr: 'Gabarit commun des PLI de l’Ontario', content: V1 });
  await adoptTemplate(database, actor, meta, t.id, { collaborativeId: ids.get('KIP')!, versionNumber: 1, adaptations: [{ op: 'add', item: 'Newcomers attending the annual public assembly', reason: 'Our report card is presented at a public assembly' }] });
  await adoptTemplate(database, actor, meta, t.id, { collaborativeId: ids.get('HCIP')!, versionNumber: 1, adaptations: [{ op: 'drop', item: 'lip-m2', reason: 'No settlement agency in the county: there is no coordinated intake to count' }] });
  await publishVersion(database, actor, meta, t.id, { content: V2, changeNote: 'Adds a welcome measure and a "next year" section to the report card.' });
  await adoptTemplate(database, actor, meta, t.id, { collaborativeId: ids.get('LDIPC')!, versionNumber: 2, adaptations: [] });
  await adoptTemplate(database, actor, meta, t.id, { collaborativeId: ids.get('HIPC')!, versionNumber: 2, adaptations: [{ op: 'rename', item: 'lip-m5', to: 'Sectors that signed the declaration of intent', reason: 'Our council counts signatories of the declaration' }] });

  // Illustrative indicator values in each member's private partition, then grants one by one.
  const source = 'Illustrative demo values (not real data)';
  const indicators = [
    { code: 'exchange.newcomers-served', name: { en: 'Newcomers served by settlement services', fr: 'Nouveaux arrivants servis par les services d’établissement' }, unit: 'count' as const, direction: 'higher_is_better' as const, domain: 'settlement' },
    { code: 'exchange.employment-rate', name: { en: 'Employment rate of recent immigrants', fr: 'Taux d’emploi des immigrants récents' }, unit: 'percent' as const, direction: 'higher_is_better' as const, domain: 'employment' },
  ];
  for (const lip of LIPS) {
    const rows = [
      ...(SERVED[lip.shortName] ?? []).map((v, i) => ({ indicatorCode: 'exchange.newcomers-served', geographyCode: lip.place, period: YEARS[i], value: v, status: 'provisional' as const, notes: source })),
      ...(EMPLOYED[lip.shortName] ?? []).map((v, i) => ({ indicatorCode: 'exchange.employment-rate', geographyCode: lip.place, period: YEARS[i], value: v, status: 'provisional' as const, notes: source })),
    ];
    if (rows.length) await recordSystemObservations(database, actor, meta, { source, collaborativeId: ids.get(lip.shortName)!, indicators, rows });
  }
  const byCode = new Map((await findIndicators(db, null, { q: 'exchange.', limit: 50 })).map((i) => [i.code, i.id]));
  const share = async (lip: string, code: string, aggregateConsent: boolean) =>
    createGrant(database, actor, meta, network.id, { collaborativeId: ids.get(lip)!, kind: 'indicator', indicatorId: byCode.get(code)!, aggregateConsent, validUntil: null });
  // Toronto West shares nothing: private by default. Kingston keeps its employment rate to itself.
  await share('LDIPC', 'exchange.newcomers-served', true);
  await share('LDIPC', 'exchange.employment-rate', false);
  await share('HIPC', 'exchange.newcomers-served', true);
  await share('HIPC', 'exchange.employment-rate', false);
  await share('KIP', 'exchange.newcomers-served', false);
  await share('HCIP', 'exchange.newcomers-served', true);
  await share('HCIP', 'exchange.employment-rate', false);

  for (const p of PRACTICES) {
    const { author, tags, ...fields } = p;
    if (await repo.findPracticeByTitle(db, p.titleEn)) continue;
    await createPractice(database, actor, meta, { ...fields, authorCollaborativeId: ids.get(author)!, populationTags: tags, evidence: [] });
  }
}
