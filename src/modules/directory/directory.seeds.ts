import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SeedContext } from '../../core/module';
import { seededOrganizationId } from '../../core/organizations/organizations.seeds';
import { importPackage } from './directory.import';

/** Stable UUIDs from names, so re-seeding updates in place instead of duplicating. */
export function seedId(...parts: string[]): string {
  const h = crypto.createHash('sha1').update('roundtable-directory:' + parts.join('/')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type Term = { code: string; en: string; fr: string; description: string; children?: Term[] };

/** Need domains from the brief (001:765, 000:1306 and the front-line domains), with French names. */
export const needDomains: Term[] = [
  { code: 'settlement', en: 'Settlement', fr: 'Établissement', description: 'Help settling in: orientation, needs assessment and referral, citizenship', children: [
    { code: 'settlement.orientation', en: 'Orientation and information', fr: 'Orientation et information', description: 'Information about life in Canada and local services' },
    { code: 'settlement.needs-assessment', en: 'Needs assessment and referral', fr: 'Évaluation des besoins et aiguillage', description: 'A settlement worker reviews needs and refers to services' },
    { code: 'settlement.citizenship', en: 'Citizenship preparation', fr: 'Préparation à la citoyenneté', description: 'Classes for the citizenship test' },
  ] },
  { code: 'language', en: 'Language', fr: 'Langue', description: 'Learning English or French, language assessment, interpretation', children: [
    { code: 'language.classes', en: 'Language classes (ESL, LINC)', fr: 'Cours de langue (ALS, CLIC)', description: 'English as a second language and Language Instruction for Newcomers to Canada' },
    { code: 'language.assessment', en: 'Language assessment', fr: 'Évaluation linguistique', description: 'Assessment of language level before classes' },
    { code: 'language.interpretation', en: 'Interpretation and translation', fr: 'Interprétation et traduction', description: 'Interpreters and document translation' },
  ] },
  { code: 'employment', en: 'Employment and training', fr: 'Emploi et formation', description: 'Finding work, job search help, skills training, mentoring', children: [
    { code: 'employment.job-search', en: 'Job search help', fr: 'Aide à la recherche d’emploi', description: 'Workshops, resumes, interviews, job boards' },
    { code: 'employment.training', en: 'Skills training', fr: 'Formation professionnelle', description: 'Skills development and occupation-specific language training' },
  ] },
  { code: 'housing', en: 'Housing', fr: 'Logement', description: 'Emergency shelter, finding and keeping housing', children: [
    { code: 'housing.help', en: 'Housing help', fr: 'Aide au logement', description: 'Help finding housing, subsidised housing applications' },
  ] },
  { code: 'income', en: 'Income security', fr: 'Sécurité du revenu', description: 'Social assistance, benefits, tax clinics', children: [
    { code: 'income.social-assistance', en: 'Social assistance (Ontario Works)', fr: 'Aide sociale (Ontario au travail)', description: 'Financial and employment assistance' },
  ] },
  { code: 'food', en: 'Food', fr: 'Alimentation', description: 'Food banks, community meals, good food boxes', children: [
    { code: 'food.bank', en: 'Food banks', fr: 'Banques alimentaires', description: 'Emergency groceries' },
  ] },
  { code: 'health', en: 'Health', fr: 'Santé', description: 'Primary care, public health, dental care' },
  { code: 'mental-health', en: 'Mental health and addictions', fr: 'Santé mentale et dépendances', description: 'Counselling, crisis support, addiction services', children: [
    { code: 'mental-health.counselling', en: 'Counselling', fr: 'Counseling', description: 'Individual and family counselling' },
    { code: 'mental-health.crisis', en: 'Crisis support', fr: 'Soutien en situation de crise', description: 'Help in a crisis, safety planning' },
  ] },
  { code: 'child-care', en: 'Child care and early years', fr: 'Garde d’enfants et petite enfance', description: 'Child care, fee subsidy, early years programs' },
  { code: 'education', en: 'Education', fr: 'Éducation', description: 'School enrolment, adult education, credentials' },
  { code: 'legal', en: 'Legal and justice', fr: 'Services juridiques et justice', description: 'Legal clinics, justice support, rights' },
  { code: 'transportation', en: 'Transportation', fr: 'Transport', description: 'Getting to services: transit, rides' },
  { code: 'social-connection', en: 'Social connection', fr: 'Liens sociaux', description: 'Mentoring, community programs, youth and women’s groups', children: [
    { code: 'social-connection.mentoring', en: 'Mentoring and HOST', fr: 'Mentorat et programme d’accueil', description: 'Volunteers matched with newcomers' },
    { code: 'social-connection.youth', en: 'Youth programs', fr: 'Programmes pour les jeunes', description: 'Programs for young people' },
  ] },
];

/** IRCC settlement program streams (seed 002:1495-1505). */
export const irccStreams: Term[] = [
  { code: 'information-awareness', en: 'Information and awareness services', fr: 'Services d’information et de sensibilisation', description: 'Information and orientation for newcomers' },
  { code: 'language-skills', en: 'Language learning and skills development', fr: 'Apprentissage linguistique et développement des compétences', description: 'Language training and assessment' },
  { code: 'employment-related', en: 'Employment-related services', fr: 'Services liés à l’emploi', description: 'Job search, bridging, mentoring' },
  { code: 'community-connections', en: 'Community connections', fr: 'Liens communautaires', description: 'Connecting newcomers with communities' },
  { code: 'needs-assessment', en: 'Needs assessment and referrals', fr: 'Évaluation des besoins et aiguillage', description: 'Assessing needs and referring to services' },
  { code: 'support-services', en: 'Support services', fr: 'Services de soutien', description: 'Child care, transportation, interpretation, crisis counselling' },
];

const NEEDS = 'Roundtable need domains';
const IRCC = 'IRCC settlement program streams';

interface DemoService {
  key: string;
  org: string;
  name: string;
  nameFr: string;
  description: string;
  descriptionFr: string;
  terms: string[];
  streams?: string[];
  at: string[];
  languages: string[];
  free?: boolean;
  /** A fee, when the service is not free: what people read, and the amount in dollars. */
  fee?: { en: string; fr: string; amount: number };
  /** Municipalities served (SGC codes); the whole region when absent. */
  area?: string[];
  minAge?: number;
  maxAge?: number;
  apply: string;
  applyFr?: string;
  eligibilityFr?: string;
  documents?: string[];
  documentsFr?: string[];
  eligibility?: string;
  residency?: string[];
  capacity?: { unit: string; available: number; maximum?: number; description: string };
  hours?: { byday: string; opens: string; closes: string; text: string };
}

/**
 * Sites: organization, municipality code, label, coordinates (approximate, in town centres).
 * Where they are: seed 002 Appendix B says in which town each organization is ("Located in
 * Pickering, Ontario"), nothing more, so most sites have no street address (HSDS requires a
 * street and postal code for an address: none is made up). The two street addresses below are
 * not from the seeds: they are the organizations' own published addresses (CDCD's office, the
 * Region's headquarters), kept as the only ones; docs/directory.md lists what comes from where.
 */
const sites: Record<string, { org: string; geo: string; name: string; lat: number; lon: number; wheelchair?: boolean; address?: [string, string, string] }> = {
  'cdcd-ajax': { org: 'Community Development Council Durham', geo: '3518005', name: 'CDCD Ajax office', lat: 43.8502, lon: -79.0326, wheelchair: true, address: ['458 Fairall Street', 'Ajax', 'L1S 1R6'] },
  'cediw-pickering': { org: 'Community Economic Development for Immigrant Women', geo: '3518001', name: 'CEDIW Pickering', lat: 43.8354, lon: -79.0869 },
  'dcdsb-oshawa': { org: 'Durham Catholic District School Board – Continuing and Alternative Education', geo: '3518013', name: 'Continuing Education, Oshawa', lat: 43.8975, lon: -78.8658, wheelchair: true },
  'ddsb-oshawa': { org: 'Durham District School Board – Durham Continuing Education', geo: '3518013', name: 'Durham Continuing Education, Oshawa', lat: 43.9005, lon: -78.8530, wheelchair: true },
  'uhc-oshawa': { org: 'Durham Region Unemployed Help Centre', geo: '3518013', name: 'Unemployed Help Centre, Oshawa', lat: 43.8930, lon: -78.8620 },
  'uhc-pickering': { org: 'Durham Region Unemployed Help Centre', geo: '3518001', name: 'Unemployed Help Centre, Pickering', lat: 43.8390, lon: -79.0810 },
  'nlc-oshawa': { org: 'Northern Lights Canada – Employment Services', geo: '3518013', name: 'Northern Lights Canada, Oshawa', lat: 43.8960, lon: -78.8640, wheelchair: true },
  'nlc-ajax': { org: 'Northern Lights Canada – Employment Services', geo: '3518005', name: 'Northern Lights Canada, Ajax', lat: 43.8570, lon: -79.0250 },
  'wmrcc-pickering': { org: 'Women’s Multicultural Resource and Counselling Centre', geo: '3518001', name: 'WMRCC Pickering', lat: 43.8400, lon: -79.0880 },
  'region-whitby': { org: 'Regional Municipality of Durham', geo: '3518009', name: 'Regional Headquarters', lat: 43.9170, lon: -78.9250, wheelchair: true, address: ['605 Rossland Road East', 'Whitby', 'L1N 6A3'] },
  'jhs-oshawa': { org: 'John Howard Society of Durham Region', geo: '3518013', name: 'John Howard Society, Oshawa', lat: 43.8990, lon: -78.8600 },
};

/** Durham's municipalities (SGC codes). */
const PICKERING = '3518001';
const AJAX = '3518005';
const WHITBY = '3518009';
const OSHAWA = '3518013';
const CLARINGTON = '3518017';
const SCUGOG = '3518020';
const UXBRIDGE = '3518029';
const BROCK = '3518039';

/** Each organization's website, as seed 002 Appendix B lists it. */
const WEBSITES: Record<string, string> = {
  'Community Development Council Durham': 'https://www.cdcd.org',
  'Community Economic Development for Immigrant Women': 'https://www.ced4iw-wo.org',
  'Durham Catholic District School Board – Continuing and Alternative Education': 'https://www.con-ed.ca',
  'Durham District School Board – Durham Continuing Education': 'http://dce.ddsbschools.ca',
  'Durham Region Unemployed Help Centre': 'https://www.unemployedhelp.on.ca',
  'Northern Lights Canada – Employment Services': 'https://www.northernlightsosh.com',
  'Women’s Multicultural Resource and Counselling Centre': 'https://www.wmrccdurham.com',
  'Regional Municipality of Durham': 'https://www.durham.ca',
};

const MUNICIPALITY_NAMES: Record<string, string> = { [PICKERING]: 'Pickering', [AJAX]: 'Ajax', [WHITBY]: 'Whitby', [OSHAWA]: 'Oshawa', [CLARINGTON]: 'Clarington', [SCUGOG]: 'Scugog', [UXBRIDGE]: 'Uxbridge', [BROCK]: 'Brock' };

const weekdays = { byday: 'MO,TU,WE,TH,FR', opens: '09:00:00', closes: '16:30:00', text: 'Monday to Friday, 9:00 to 4:30' };
const irccEligible = ['permanent_resident', 'convention_refugee', 'protected_person'];

/**
 * Durham's settlement services (seed 002, Appendix B, lines 2727-2776) and the One Stop Shop
 * core services (002:1883-1925). Organizations, programs and places are from the seed; hours,
 * languages and capacities are illustrative.
 */
export const demoServices: DemoService[] = [
  { key: 'cdcd-settlement', org: 'Community Development Council Durham', name: 'Newcomer settlement services', nameFr: 'Services d’établissement pour les nouveaux arrivants',
    description: 'Settlement workers help newcomers with orientation, needs assessment and referrals to services across Durham Region, including housing, health and employment.',
    descriptionFr: 'Des intervenants en établissement aident les nouveaux arrivants : orientation, évaluation des besoins et aiguillage vers les services de la région de Durham.',
    terms: ['settlement.needs-assessment', 'settlement.orientation'], streams: ['needs-assessment', 'information-awareness'], at: ['cdcd-ajax'], languages: ['en', 'fr', 'ar', 'ur', 'es', 'zh'], free: true,
    apply: 'Call or walk in during office hours; a settlement worker books a first meeting within the week.', applyFr: 'Appelez ou passez pendant les heures de bureau; un intervenant fixe un premier rendez-vous dans la semaine.', documents: ['Immigration document (PR card, confirmation of permanent residence or refugee document)'], documentsFr: ['Document d’immigration (carte de RP, confirmation de résidence permanente ou document de réfugié)'], hours: weekdays },
  { key: 'cdcd-linc-assessment', org: 'Community Development Council Durham', name: 'LINC language assessment', nameFr: 'Évaluation linguistique CLIC',
    description: 'Assessment of English language level (Canadian Language Benchmarks) and referral to LINC or ESL classes.',
    descriptionFr: 'Évaluation du niveau d’anglais (Niveaux de compétence linguistique canadiens) et aiguillage vers les cours CLIC ou ALS.',
    terms: ['language.assessment'], streams: ['language-skills'], at: ['cdcd-ajax'], languages: ['en'], free: true, minAge: 18, residency: irccEligible,
    apply: 'Book an assessment by phone. Bring your immigration document.', applyFr: 'Prenez rendez-vous par téléphone. Apportez votre document d’immigration.', documents: ['PR card or confirmation of permanent residence'], documentsFr: ['Carte de RP ou confirmation de résidence permanente'], eligibility: 'Permanent residents and protected persons, 18 and over.', eligibilityFr: 'Résidents permanents et personnes protégées, 18 ans et plus.', hours: weekdays,
    capacity: { unit: 'appointments per week', available: 6, maximum: 20, description: 'Assessment appointments open this week' } },
  { key: 'cdcd-host', org: 'Community Development Council Durham', name: 'HOST program: volunteer matching', nameFr: 'Programme HOST : jumelage avec des bénévoles',
    description: 'Newcomers are matched with volunteers who help them practise English, learn about the community and build social connections.',
    descriptionFr: 'Les nouveaux arrivants sont jumelés à des bénévoles pour pratiquer l’anglais, découvrir la communauté et créer des liens.',
    terms: ['social-connection.mentoring'], streams: ['community-connections'], at: ['cdcd-ajax'], languages: ['en', 'fr'], free: true, apply: 'Register with a settlement worker.', applyFr: 'Inscrivez-vous auprès d’un intervenant en établissement.', hours: weekdays },
  { key: 'cdcd-swis', org: 'Community Development Council Durham', name: 'Settlement Workers in Schools', nameFr: 'Travailleurs d’établissement dans les écoles',
    description: 'Settlement workers in Durham schools help newcomer students and parents with school enrolment, the school system and community services.',
    descriptionFr: 'Des travailleurs d’établissement dans les écoles de Durham aident les élèves et les parents nouvellement arrivés : inscription scolaire, système scolaire, services.',
    terms: ['education', 'settlement.orientation'], streams: ['information-awareness'], at: ['cdcd-ajax'], languages: ['en', 'ar', 'ur', 'ta'], free: true, minAge: 4, maxAge: 18,
    apply: 'Ask at your child’s school office for the settlement worker.', applyFr: 'Demandez l’intervenant en établissement au secrétariat de l’école de votre enfant.', hours: weekdays },
  { key: 'cdcd-counselling', area: [AJAX, PICKERING], org: 'Community Development Council Durham', name: 'Counselling and referrals', nameFr: 'Counseling et aiguillage',
    description: 'Short-term counselling for newcomers and families, and referrals to specialised mental health services.',
    descriptionFr: 'Counseling de courte durée pour les nouveaux arrivants et les familles, et aiguillage vers des services spécialisés en santé mentale.',
    terms: ['mental-health.counselling'], streams: ['support-services'], at: ['cdcd-ajax'], languages: ['en', 'ar'], free: true, apply: 'Call to book a first appointment.', applyFr: 'Appelez pour un premier rendez-vous.', hours: weekdays },
  { key: 'cediw-skills', area: [PICKERING, AJAX, WHITBY], fee: { en: '$25 registration, waived for people on social assistance', fr: 'Inscription de 25 $, sans frais pour les personnes à l’aide sociale', amount: 25 }, org: 'Community Economic Development for Immigrant Women', name: 'Skills development for immigrant women', nameFr: 'Développement des compétences pour les femmes immigrantes',
    description: 'Social enterprise training and skills development that helps immigrant women start businesses and find work.',
    descriptionFr: 'Formation en entreprise sociale et développement des compétences pour aider les femmes immigrantes à lancer une entreprise et trouver un emploi.',
    terms: ['employment.training'], streams: ['employment-related'], at: ['cediw-pickering'], languages: ['en', 'es', 'tl'], minAge: 18,
    eligibility: 'Immigrant women, 18 and over.', eligibilityFr: 'Femmes immigrantes, 18 ans et plus.', apply: 'Fill in the intake form on the website, or visit the Pickering office.', applyFr: 'Remplissez le formulaire d’inscription sur le site Web ou passez au bureau de Pickering.', hours: weekdays },
  { key: 'dcdsb-esl', org: 'Durham Catholic District School Board – Continuing and Alternative Education', name: 'ESL classes for adults', nameFr: 'Cours d’anglais langue seconde pour adultes',
    description: 'English as a Second Language classes for adults, day and evening, at all levels.',
    descriptionFr: 'Cours d’anglais langue seconde pour adultes, le jour et le soir, tous niveaux.',
    terms: ['language.classes'], streams: ['language-skills'], at: ['dcdsb-oshawa'], languages: ['en'], free: true, minAge: 18, apply: 'Register in person with a language assessment result.', applyFr: 'Inscrivez-vous en personne avec un résultat d’évaluation linguistique.', documents: ['Language assessment result'], documentsFr: ['Résultat d’évaluation linguistique'],
    hours: { byday: 'MO,TU,WE,TH', opens: '09:00:00', closes: '21:00:00', text: 'Monday to Thursday, 9:00 to 9:00 pm' },
    capacity: { unit: 'spaces', available: 12, maximum: 30, description: 'Spaces in evening classes' } },
  { key: 'dcdsb-linc', org: 'Durham Catholic District School Board – Continuing and Alternative Education', name: 'LINC classes', nameFr: 'Cours CLIC (Cours de langue pour les immigrants au Canada)',
    description: 'Language Instruction for Newcomers to Canada: free English classes for permanent residents, with child minding.',
    descriptionFr: 'Cours de langue pour les immigrants au Canada : cours d’anglais gratuits pour les résidents permanents, avec garde d’enfants.',
    terms: ['language.classes', 'child-care'], streams: ['language-skills', 'support-services'], at: ['dcdsb-oshawa'], languages: ['en'], free: true, minAge: 18, residency: irccEligible,
    eligibility: 'Permanent residents and protected persons, 18 and over.', eligibilityFr: 'Résidents permanents et personnes protégées, 18 ans et plus.', apply: 'Get a LINC assessment first, then register.', applyFr: 'Passez d’abord une évaluation CLIC, puis inscrivez-vous.', documents: ['PR card', 'LINC assessment result'], documentsFr: ['Carte de RP', 'Résultat d’évaluation CLIC'], hours: weekdays },
  { key: 'dcdsb-citizenship', fee: { en: '$40 for the study guide and materials', fr: '40 $ pour le guide d’étude et le matériel', amount: 40 }, org: 'Durham Catholic District School Board – Continuing and Alternative Education', name: 'Citizenship preparation course', nameFr: 'Cours de préparation à la citoyenneté',
    description: 'Evening course to prepare for the Canadian citizenship test.', descriptionFr: 'Cours du soir pour préparer l’examen de citoyenneté canadienne.',
    terms: ['settlement.citizenship'], streams: ['information-awareness'], at: ['dcdsb-oshawa'], languages: ['en'], minAge: 18, apply: 'Register online or in person.', applyFr: 'Inscrivez-vous en ligne ou en personne.',
    hours: { byday: 'TU,TH', opens: '18:30:00', closes: '20:30:00', text: 'Tuesday and Thursday evenings' } },
  { key: 'dcdsb-intl-languages', org: 'Durham Catholic District School Board – Continuing and Alternative Education', name: 'International Languages for children', nameFr: 'Langues internationales pour enfants',
    description: 'Saturday classes where children keep and learn heritage languages.', descriptionFr: 'Cours du samedi où les enfants apprennent et conservent leur langue d’origine.',
    terms: ['education', 'language'], at: ['dcdsb-oshawa'], languages: ['es', 'pt', 'tl', 'pl'], free: true, minAge: 4, maxAge: 18, apply: 'Register through your school.', applyFr: 'Inscrivez-vous par l’intermédiaire de votre école.',
    hours: { byday: 'SA', opens: '09:00:00', closes: '11:30:00', text: 'Saturday mornings' } },
  { key: 'ddsb-linc', org: 'Durham District School Board – Durham Continuing Education', name: 'LINC and ESL classes', nameFr: 'Cours CLIC et d’anglais langue seconde',
    description: 'Free English language classes for adult newcomers (LINC) and ESL for everyone, full-time and part-time.',
    descriptionFr: 'Cours d’anglais gratuits pour adultes nouvellement arrivés (CLIC) et anglais langue seconde pour tous, à temps plein ou partiel.',
    terms: ['language.classes'], streams: ['language-skills'], at: ['ddsb-oshawa'], languages: ['en'], free: true, minAge: 18, residency: irccEligible,
    apply: 'Bring your assessment result to register.', applyFr: 'Apportez votre résultat d’évaluation pour vous inscrire.', documents: ['Language assessment result'], documentsFr: ['Résultat d’évaluation linguistique'], hours: weekdays,
    capacity: { unit: 'spaces', available: 0, maximum: 40, description: 'Daytime LINC spaces (waitlist open)' } },
  { key: 'ddsb-elt', org: 'Durham District School Board – Durham Continuing Education', name: 'Enhanced Language Training (ELT)', nameFr: 'Cours de langue de niveau avancé (CLNA)',
    description: 'Occupation-specific English and job search skills for internationally trained professionals.',
    descriptionFr: 'Anglais propre à une profession et techniques de recherche d’emploi pour les professionnels formés à l’étranger.',
    terms: ['employment.training', 'language.classes'], streams: ['language-skills', 'employment-related'], at: ['ddsb-oshawa'], languages: ['en'], free: true, minAge: 18, residency: irccEligible,
    apply: 'Apply with your resume; an interview follows.', applyFr: 'Envoyez votre CV; une entrevue suit.', hours: weekdays,
    capacity: { unit: 'waitlist length', available: 14, description: 'People waiting for the next intake' } },
  { key: 'uhc-workshops', area: [OSHAWA, WHITBY, PICKERING, AJAX, CLARINGTON], org: 'Durham Region Unemployed Help Centre', name: 'Job search workshops', nameFr: 'Ateliers de recherche d’emploi',
    description: 'Free workshops on resumes, interviews and the Canadian job market, with an employment resource centre.',
    descriptionFr: 'Ateliers gratuits sur le CV, les entrevues et le marché du travail canadien, avec un centre de ressources pour l’emploi.',
    terms: ['employment.job-search'], streams: ['employment-related'], at: ['uhc-oshawa', 'uhc-pickering'], languages: ['en'], free: true, minAge: 16, apply: 'Drop in, or book a workshop on the website.', applyFr: 'Passez sans rendez-vous, ou réservez un atelier sur le site Web.', hours: weekdays },
  { key: 'uhc-food-bank', area: [OSHAWA, CLARINGTON], org: 'Durham Region Unemployed Help Centre', name: 'Emergency food bank', nameFr: 'Banque alimentaire d’urgence',
    description: 'Emergency groceries for individuals and families in need.', descriptionFr: 'Épicerie d’urgence pour les personnes et les familles dans le besoin.',
    terms: ['food.bank'], at: ['uhc-oshawa'], languages: ['en'], free: true, apply: 'Come during food bank hours with ID for each household member.', applyFr: 'Venez pendant les heures de la banque alimentaire avec une pièce d’identité pour chaque membre du ménage.', documents: ['Photo ID', 'Proof of address'], documentsFr: ['Pièce d’identité avec photo', 'Preuve d’adresse'],
    hours: { byday: 'MO,WE,FR', opens: '10:00:00', closes: '14:00:00', text: 'Monday, Wednesday and Friday, 10 to 2' },
    capacity: { unit: 'hampers this week', available: 35, maximum: 120, description: 'Food hampers left this week' } },
  { key: 'nlc-youth', area: [OSHAWA, AJAX, WHITBY, PICKERING], org: 'Northern Lights Canada – Employment Services', name: 'Job search workshops for newcomer youth', nameFr: 'Ateliers de recherche d’emploi pour jeunes nouveaux arrivants',
    description: 'Workshops and coaching that help newcomer youth find their first job in Canada.', descriptionFr: 'Ateliers et accompagnement pour aider les jeunes nouveaux arrivants à trouver un premier emploi au Canada.',
    terms: ['employment.job-search', 'social-connection.youth'], streams: ['employment-related'], at: ['nlc-oshawa', 'nlc-ajax'], languages: ['en', 'fr'], free: true, minAge: 15, maxAge: 30,
    eligibility: 'Newcomer youth, 15 to 30.', eligibilityFr: 'Jeunes nouveaux arrivants, de 15 à 30 ans.', apply: 'Register online or at either office.', applyFr: 'Inscrivez-vous en ligne ou à l’un des deux bureaux.', hours: weekdays },
  { key: 'nlc-resources', area: [OSHAWA, AJAX], org: 'Northern Lights Canada – Employment Services', name: 'Employment resource centre', nameFr: 'Centre de ressources pour l’emploi',
    description: 'Computers, job boards and staff help for anyone looking for work.', descriptionFr: 'Ordinateurs, babillards d’emplois et aide du personnel pour toute personne à la recherche d’un emploi.',
    terms: ['employment.job-search'], at: ['nlc-oshawa', 'nlc-ajax'], languages: ['en'], free: true, apply: 'Drop in.', applyFr: 'Passez sans rendez-vous.', hours: weekdays },
  { key: 'wmrcc-counselling', area: [PICKERING, AJAX, WHITBY, UXBRIDGE], fee: { en: 'Sliding scale from $0, by household income', fr: 'Tarif selon le revenu du ménage, à partir de 0 $', amount: 10 }, org: 'Women’s Multicultural Resource and Counselling Centre', name: 'Counselling and crisis intervention for women', nameFr: 'Counseling et intervention en situation de crise pour les femmes',
    description: 'Culturally responsive counselling, crisis intervention and safety planning for women, with referrals.',
    descriptionFr: 'Counseling adapté à la culture, intervention en situation de crise et plan de sécurité pour les femmes, avec aiguillage.',
    terms: ['mental-health.counselling', 'mental-health.crisis'], streams: ['support-services'], at: ['wmrcc-pickering'], languages: ['en', 'fa', 'ur', 'es'], minAge: 16,
    eligibility: 'Women, 16 and over.', eligibilityFr: 'Femmes, 16 ans et plus.', apply: 'Contact the centre through its website or visit the Pickering office; crisis requests are answered the same day.', applyFr: 'Communiquez avec le centre par son site Web ou passez au bureau de Pickering; les demandes urgentes reçoivent une réponse le jour même.', hours: weekdays },
  { key: 'wmrcc-youth-host', area: [PICKERING, AJAX], org: 'Women’s Multicultural Resource and Counselling Centre', name: 'Youth HOST and mentorship', nameFr: 'Programme HOST et mentorat pour les jeunes',
    description: 'Newcomer youth are matched with mentors and join group activities.', descriptionFr: 'Les jeunes nouveaux arrivants sont jumelés à des mentors et participent à des activités de groupe.',
    terms: ['social-connection.mentoring', 'social-connection.youth'], streams: ['community-connections'], at: ['wmrcc-pickering'], languages: ['en'], free: true, minAge: 13, maxAge: 24, apply: 'Register through the website.', applyFr: 'Inscrivez-vous sur le site Web.', hours: weekdays },
  { key: 'region-ontario-works', org: 'Regional Municipality of Durham', name: 'Ontario Works financial and employment assistance', nameFr: 'Ontario au travail : aide financière et aide à l’emploi',
    description: 'Financial help for basic needs and shelter, with employment supports, for people in financial need. Life stabilization supports do not require qualifying for assistance.',
    descriptionFr: 'Aide financière pour les besoins essentiels et le logement, avec soutien à l’emploi, pour les personnes dans le besoin.',
    terms: ['income.social-assistance'], at: ['region-whitby'], languages: ['en', 'fr'], free: true, minAge: 16, apply: 'Apply online or by phone; a caseworker calls you back.', applyFr: 'Faites une demande en ligne ou par téléphone; un agent vous rappelle.', documents: ['Photo ID', 'SIN', 'Proof of income', 'Rent receipt'], documentsFr: ['Pièce d’identité avec photo', 'NAS', 'Preuve de revenu', 'Reçu de loyer'], hours: weekdays },
  { key: 'region-child-care-subsidy', org: 'Regional Municipality of Durham', name: 'Child care fee subsidy', nameFr: 'Subvention pour frais de garde d’enfants',
    description: 'Help paying licensed child care costs for eligible families.', descriptionFr: 'Aide pour payer les frais de garde d’enfants agréée pour les familles admissibles.',
    terms: ['child-care'], streams: ['support-services'], at: ['region-whitby'], languages: ['en', 'fr'], free: true, apply: 'Apply online; bring proof of income.', applyFr: 'Faites une demande en ligne; apportez une preuve de revenu.', documents: ['Notice of assessment', 'Proof of residency'], documentsFr: ['Avis de cotisation', 'Preuve de résidence'], hours: weekdays },
  { key: 'region-housing-help', org: 'Regional Municipality of Durham', name: 'Housing help and subsidised housing applications', nameFr: 'Aide au logement et demandes de logement subventionné',
    description: 'Help finding housing, applying for subsidised housing and preventing eviction.', descriptionFr: 'Aide pour trouver un logement, demander un logement subventionné et éviter l’expulsion.',
    terms: ['housing.help'], at: ['region-whitby'], languages: ['en', 'fr'], free: true, minAge: 16, apply: 'Call the Region and ask for housing help.', applyFr: 'Appelez la Région et demandez l’aide au logement.', hours: weekdays },
  { key: 'jhs-housing', area: [OSHAWA, WHITBY, CLARINGTON, SCUGOG, BROCK], org: 'John Howard Society of Durham Region', name: 'Housing and community justice support', nameFr: 'Soutien au logement et justice communautaire',
    description: 'Support to find and keep housing, and help for people involved with the justice system.', descriptionFr: 'Soutien pour trouver et garder un logement, et aide aux personnes aux prises avec le système de justice.',
    terms: ['housing.help', 'legal'], at: ['jhs-oshawa'], languages: ['en'], free: true, minAge: 16, apply: 'Walk in during office hours.', applyFr: 'Passez pendant les heures de bureau.', hours: weekdays },
];

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', fr: 'French', ar: 'Arabic', ur: 'Urdu', es: 'Spanish', zh: 'Chinese', ta: 'Tamil', tl: 'Tagalog', pt: 'Portuguese', pl: 'Polish', fa: 'Persian (Farsi)' };

/** The demo directory as an HSDS JSON datapackage (resources with inline rows). */
export async function durhamPackage(ctx: SeedContext): Promise<Record<string, unknown>> {
  const rows: Record<string, Record<string, unknown>[]> = {};
  const add = (table: string, row: Record<string, unknown>) => (rows[table] ??= []).push(row);

  const termIds = new Map<string, string>();
  for (const [name, description, terms] of [
    [NEEDS, 'Need and service domains used across Roundtable: the directory, intake screening and community data.', needDomains],
    [IRCC, 'The settlement program streams of Immigration, Refugees and Citizenship Canada.', irccStreams],
  ] as const) {
    const taxonomyId = seedId('taxonomy', name);
    add('taxonomy', { id: taxonomyId, name, description, version: '2026' });
    const walk = (list: readonly Term[], parent: string | null) => {
      for (const t of list) {
        const id = seedId('term', name, t.code);
        termIds.set(`${name}:${t.code}`, id);
        add('taxonomy_term', { id, code: t.code, name: t.en, description: t.description, parent_id: parent, taxonomy: name, taxonomy_id: taxonomyId, language: 'en', translations: { fr: { name: t.fr } } });
        if (t.children) walk(t.children, id);
      }
    };
    walk(terms, null);
  }

  const orgIds = new Map<string, string>();
  for (const s of [...demoServices.map((d) => d.org), ...Object.values(sites).map((x) => x.org)]) {
    if (orgIds.has(s)) continue;
    const id = await seededOrganizationId(ctx, s);
    if (!id) throw new Error(`Demo organization missing: ${s}`);
    orgIds.set(s, id);
  }

  const units = new Map<string, string>();
  for (const [key, site] of Object.entries(sites)) {
    const id = seedId('location', key);
    add('location', { id, location_type: 'physical', organization_id: orgIds.get(site.org), name: site.name, latitude: site.lat, longitude: site.lon, geography_code: site.geo });
    if (site.address) add('address', { id: seedId('address', key), location_id: id, address_1: site.address[0], city: site.address[1], state_province: 'ON', postal_code: site.address[2], country: 'CA', address_type: 'physical' });
    if (site.wheelchair) add('accessibility', { id: seedId('accessibility', key), location_id: id, description: 'Wheelchair accessible', details: 'Step-free entrance and accessible washroom' });
  }
  // Phones: CDCD's is the one number the seeds give (seed 002 Appendix B, lines 2724-2727, the
  // main line without the manager's extension); the Region's switchboard is its published
  // number, not from the seeds. No other organization gets a phone: the seeds give none, and
  // the services that say "call" are CDCD's and the Region's.
  add('phone', { id: seedId('phone', 'cdcd'), organization_id: orgIds.get('Community Development Council Durham'), number: '905-686-2661', type: 'voice', description: 'Main line' });
  add('phone', { id: seedId('phone', 'region'), organization_id: orgIds.get('Regional Municipality of Durham'), number: '905-668-7711', type: 'voice', description: 'Regional switchboard' });

  const durhamCode = '3518';
  for (const s of demoServices) {
    const id = seedId('service', s.key);
    add('service', {
      id,
      organization_id: orgIds.get(s.org),
      name: s.name,
      description: s.description,
      status: 'active',
      application_process: s.apply,
      eligibility_description: s.eligibility ?? null,
      minimum_age: s.minAge ?? null,
      maximum_age: s.maxAge ?? null,
      fees_description: s.free ? 'Free' : (s.fee?.en ?? null),
      url: WEBSITES[s.org] ?? null,
      translations: {
        fr: {
          name: s.nameFr,
          description: s.descriptionFr,
          application_process: s.applyFr ?? null,
          eligibility_description: s.eligibilityFr ?? null,
          fees_description: s.free ? 'Gratuit' : (s.fee?.fr ?? null),
          // The required documents in French, keyed by the English text of each required_document row.
          ...(s.documentsFr && s.documents ? { required_documents: Object.fromEntries(s.documents.map((d, i) => [d, s.documentsFr![i] ?? d])) } : {}),
        },
      },
      eligibility: s.residency ? { residency: s.residency } : {},
    });
    for (const [i, at] of s.at.entries()) {
      const salId = seedId('sal', s.key, at);
      add('service_at_location', { id: salId, service_id: id, location_id: seedId('location', at) });
      if (s.hours) {
        add('schedule', { id: seedId('schedule', s.key, String(i)), service_at_location_id: salId, freq: 'WEEKLY', wkst: 'MO', interval: 1, byday: s.hours.byday, opens_at: s.hours.opens, closes_at: s.hours.closes, description: s.hours.text, timezone: -5 });
      }
    }
    if (s.area) for (const code of s.area) add('service_area', { id: seedId('area', s.key, code), service_id: id, name: MUNICIPALITY_NAMES[code], geography_code: code });
    else add('service_area', { id: seedId('area', s.key), service_id: id, name: 'Regional Municipality of Durham', geography_code: durhamCode });
    for (const code of s.languages) add('language', { id: seedId('language', s.key, code), service_id: id, name: LANGUAGE_NAMES[code] ?? code, code });
    if (s.free) add('cost_option', { id: seedId('cost', s.key), service_id: id, option: 'Free', currency: 'CAD', amount: 0 });
    else if (s.fee) add('cost_option', { id: seedId('cost', s.key), service_id: id, option: s.fee.en, currency: 'CAD', amount: s.fee.amount });
    for (const [i, d] of (s.documents ?? []).entries()) add('required_document', { id: seedId('document', s.key, String(i)), service_id: id, document: d });
    for (const code of s.terms) add('attribute', { id: seedId('attribute', s.key, code), link_id: id, link_entity: 'service', link_type: 'need', taxonomy_term_id: termIds.get(`${NEEDS}:${code}`) });
    for (const code of s.streams ?? []) add('attribute', { id: seedId('attribute', s.key, 'ircc', code), link_id: id, link_entity: 'service', link_type: 'ircc_stream', taxonomy_term_id: termIds.get(`${IRCC}:${code}`) });
    if (s.capacity) {
      let unitId = units.get(s.capacity.unit);
      if (!unitId) {
        unitId = seedId('unit', s.capacity.unit);
        units.set(s.capacity.unit, unitId);
        add('unit', { id: unitId, name: s.capacity.unit });
      }
      add('service_capacity', { id: seedId('capacity', s.key), service_id: id, unit_id: unitId, available: s.capacity.available, maximum: s.capacity.maximum ?? null, description: s.capacity.description, updated: `${new Date().toISOString().slice(0, 10)}T08:00:00Z` });
    }
  }
  return { name: 'roundtable-durham-directory', profile: 'data-package', resources: Object.entries(rows).map(([name, data]) => ({ name, data })) };
}

/** Taxonomies always; the Durham services with demo data. Both through the HSDS importer. */
export async function seedDirectory(ctx: SeedContext): Promise<void> {
  if (!ctx.demo) return;
  const pkg = await durhamPackage(ctx);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-directory-seed-'));
  try {
    const file = path.join(dir, 'datapackage.json');
    fs.writeFileSync(file, JSON.stringify(pkg));
    const summary = await importPackage(ctx.database, ctx.actor, file);
    ctx.log(`directory: ${summary.services} Durham services in ${Object.keys(summary.tables).length} HSDS tables`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
