/**
 * A synthetic, deterministic HSDS 3.0 CSV datapackage at about the scale of Ontario's 211 data
 * (by default 60,000 services, 20,000 organizations, 30,000 locations), for the directory bench.
 *
 * Same file names and fields as test/fixtures/hsds/csv/ and what directory.package.ts reads.
 * Services are named from word lists across need domains (food, housing, language classes,
 * employment, counselling, child care…), about a quarter carry French translations; locations
 * cluster around Ontario towns with a denser cluster in Durham Region (the only ones with a
 * geography_code, and only codes the core geography seeds know).
 */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { syntheticOrganizations } from './synthetic-organizations';

/** Deterministic PRNG (mulberry32). */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic UUIDs, one 8-hex prefix per table, so they never meet the demo data's ids. */
const uuid = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const P = {
  taxonomy: 'be0000a0',
  term: 'be0000a1',
  org: 'be0000b0',
  service: 'be0000c0',
  location: 'be0000d0',
  sal: 'be0000d1',
  address: 'be0000d2',
  language: 'be0000e0',
  cost: 'be0000e1',
  schedule: 'be0000e2',
  attribute: 'be0000e3',
  phone: 'be0000e4',
  accessibility: 'be0000e5',
};

// ---------- word lists ----------

type Pair = [en: string, fr: string];
interface Domain {
  code: string;
  name: Pair;
  /** Child terms: [code suffix, en, fr]. */
  terms: [string, string, string][];
  /** Service names with their French; index i files under terms[i % terms.length]. */
  services: Pair[];
  descriptions: Pair[];
  ages?: [number | null, number | null][];
}

const DOMAINS: Domain[] = [
  {
    code: 'food', name: ['Food', 'Alimentation'],
    terms: [['bank', 'Food banks', 'Banques alimentaires'], ['meals', 'Community meals', 'Repas communautaires'], ['garden', 'Community gardens', 'Jardins communautaires'], ['nutrition', 'Student nutrition', 'Nutrition des élèves']],
    services: [['Food Bank', 'Banque alimentaire'], ['Community Meals', 'Repas communautaires'], ['Community Garden', 'Jardin communautaire'], ['Student Nutrition Program', 'Programme de nutrition scolaire'], ['Emergency Food Bank', "Banque alimentaire d'urgence"], ['Good Food Box', 'Boîte de bons aliments'], ['Hot Lunch Program', 'Dîner chaud']],
    descriptions: [['Emergency groceries once a month for residents; bring ID and proof of address.', "Épicerie d'urgence une fois par mois pour les résidents; apportez une pièce d'identité."], ['Free hot meals, no questions asked. Everyone welcome.', 'Repas chauds gratuits, sans questions. Tout le monde est bienvenu.'], ['Fresh produce at low cost, delivered to community pick-up points.', 'Fruits et légumes frais à bas prix, livrés aux points de collecte.']],
  },
  {
    code: 'housing', name: ['Housing', 'Logement'],
    terms: [['shelter', 'Emergency shelters', "Refuges d'urgence"], ['help', 'Housing help', 'Aide au logement'], ['rent', 'Rent assistance', 'Aide au loyer'], ['supportive', 'Supportive housing', 'Logement avec services de soutien']],
    services: [['Emergency Shelter', "Refuge d'urgence"], ['Housing Help Centre', "Centre d'aide au logement"], ['Rent Bank', 'Banque de loyer'], ['Supportive Housing Program', 'Logement avec soutien'], ['Eviction Prevention Service', "Prévention des expulsions"], ['Transitional Housing for Youth', 'Logement de transition pour les jeunes']],
    descriptions: [['Help finding housing, applying for subsidized housing and avoiding eviction.', "Aide pour trouver un logement, demander un logement subventionné et éviter l'expulsion."], ['Short-term beds, meals and referrals for people experiencing homelessness.', "Lits à court terme, repas et orientation pour les personnes en situation d'itinérance."], ['Interest-free loans to cover rent arrears or a last month’s deposit.', 'Prêts sans intérêt pour couvrir les arriérés de loyer ou le dépôt du dernier mois.']],
  },
  {
    code: 'language', name: ['Language classes', 'Cours de langue'],
    terms: [['english', 'English classes', "Cours d'anglais"], ['french', 'French classes', 'Cours de français'], ['conversation', 'Conversation circles', 'Cercles de conversation']],
    services: [['English Language Classes (LINC)', "Cours de langue anglaise (CLIC)"], ['French Language Classes', 'Cours de langue française'], ['ESL Conversation Circle', "Cercle de conversation en anglais"], ['Language Classes for Adult Newcomers', 'Cours de langue pour adultes nouveaux arrivants'], ['Literacy and Basic Skills', 'Alphabétisation et formation de base']],
    descriptions: [['Free English classes for adult permanent residents and convention refugees, with child minding.', "Cours d'anglais gratuits pour résidents permanents adultes, avec garde d'enfants."], ['Evening and weekend language classes at all levels; assessment required.', 'Cours de langue le soir et la fin de semaine, à tous les niveaux; évaluation requise.']],
    ages: [[18, null]],
  },
  {
    code: 'employment', name: ['Employment', 'Emploi'],
    terms: [['search', 'Job search', "Recherche d'emploi"], ['training', 'Job training', 'Formation professionnelle'], ['youth', 'Youth employment', 'Emploi des jeunes'], ['newcomer', 'Newcomer careers', 'Carrières des nouveaux arrivants']],
    services: [['Employment Services', "Services d'emploi"], ['Job Search Workshops', "Ateliers de recherche d'emploi"], ['Resume Clinic', 'Clinique de CV'], ['Youth Employment Program', "Programme d'emploi pour les jeunes"], ['Newcomer Career Bridging', 'Transition de carrière pour nouveaux arrivants'], ['Employment Ontario Job Bank', "Emploi Ontario – guichet d'emplois"]],
    descriptions: [['One-on-one help with resumes, interviews and finding work; Employment Ontario provider.', "Aide individuelle pour le CV, les entrevues et la recherche d'emploi; fournisseur d'Emploi Ontario."], ['Paid placements and training for people looking for work.', "Stages rémunérés et formation pour les personnes à la recherche d'un emploi."]],
    ages: [[16, 65], [15, 30], [null, null]],
  },
  {
    code: 'counselling', name: ['Counselling and mental health', 'Counselling et santé mentale'],
    terms: [['individual', 'Individual counselling', 'Counselling individuel'], ['family', 'Family counselling', 'Counselling familial'], ['crisis', 'Crisis support', 'Soutien en cas de crise'], ['addiction', 'Addiction services', 'Services en dépendance']],
    services: [['Counselling Services', 'Services de counselling'], ['Family Counselling', 'Counselling familial'], ['Crisis Line', "Ligne d'écoute de crise"], ['Walk-in Mental Health Clinic', 'Clinique de santé mentale sans rendez-vous'], ['Addiction Counselling', 'Counselling en toxicomanie'], ['Grief Support Group', 'Groupe de soutien au deuil']],
    descriptions: [['Short-term counselling for individuals, couples and families; sliding scale fees.', 'Counselling à court terme pour personnes, couples et familles; tarifs selon le revenu.'], ['Confidential support 24 hours a day for anyone in distress.', 'Soutien confidentiel 24 heures sur 24 pour toute personne en détresse.']],
  },
  {
    code: 'childcare', name: ['Child care and families', 'Garde d’enfants et familles'],
    terms: [['licensed', 'Licensed child care', 'Garde d’enfants agréée'], ['earlyon', 'EarlyON centres', 'Centres ON y va'], ['afterschool', 'Before and after school', 'Avant et après l’école']],
    services: [['Licensed Child Care Centre', 'Service de garde agréé'], ['EarlyON Child and Family Centre', 'Centre ON y va pour l’enfance et la famille'], ['Before and After School Program', 'Programme avant et après l’école'], ['Child Care Fee Subsidy', 'Subvention pour frais de garde'], ['Parenting Workshops', 'Ateliers pour parents']],
    descriptions: [['Licensed care for infants, toddlers and preschoolers; fee subsidy available.', 'Garde agréée pour nourrissons, tout-petits et enfants d’âge préscolaire; subvention offerte.'], ['Free drop-in play and learning for children up to six and their caregivers.', 'Jeux et apprentissage gratuits pour les enfants de moins de six ans et leurs parents.']],
    ages: [[0, 12], [0, 6]],
  },
  {
    code: 'settlement', name: ['Newcomer settlement', 'Établissement des nouveaux arrivants'],
    terms: [['services', 'Settlement services', "Services d'établissement"], ['citizenship', 'Citizenship', 'Citoyenneté'], ['interpretation', 'Interpretation', 'Interprétation']],
    services: [['Newcomer Settlement Services', "Services d'établissement pour nouveaux arrivants"], ['Citizenship Test Preparation', "Préparation à l'examen de citoyenneté"], ['Interpretation and Translation Services', "Services d'interprétation et de traduction"], ['Refugee Support Program', 'Programme de soutien aux réfugiés']],
    descriptions: [['Help with forms, health cards, school registration and finding services in your language.', "Aide pour les formulaires, la carte santé, l'inscription à l'école et les services dans votre langue."]],
  },
  {
    code: 'health', name: ['Health', 'Santé'],
    terms: [['primary', 'Primary care', 'Soins primaires'], ['dental', 'Dental care', 'Soins dentaires'], ['seniors', 'Seniors’ health', 'Santé des aînés']],
    services: [['Community Health Centre', 'Centre de santé communautaire'], ['Dental Clinic', 'Clinique dentaire'], ['Foot Care for Seniors', 'Soins des pieds pour aînés'], ['Diabetes Education Program', "Programme d'éducation sur le diabète"], ['Sexual Health Clinic', 'Clinique de santé sexuelle']],
    descriptions: [['Doctors, nurse practitioners and dietitians for people without a family doctor.', 'Médecins, infirmières praticiennes et diététistes pour les personnes sans médecin de famille.']],
  },
  {
    code: 'legal', name: ['Legal and financial help', 'Aide juridique et financière'],
    terms: [['clinic', 'Legal clinics', 'Cliniques juridiques'], ['tax', 'Tax clinics', "Cliniques d'impôt"], ['assistance', 'Financial assistance', 'Aide financière']],
    services: [['Community Legal Clinic', 'Clinique juridique communautaire'], ['Free Tax Clinic', "Clinique d'impôt gratuite"], ['Tenant Rights Information', 'Information sur les droits des locataires'], ['Emergency Financial Assistance', 'Aide financière d’urgence'], ['Ontario Works Information', 'Information sur Ontario au travail']],
    descriptions: [['Free legal advice on housing, income support and employment law for low-income residents.', 'Conseils juridiques gratuits en logement, soutien du revenu et droit du travail.']],
  },
  {
    code: 'seniors', name: ['Seniors', 'Aînés'],
    terms: [['meals', 'Meals on wheels', 'Popote roulante'], ['day', 'Adult day programs', 'Programmes de jour pour adultes'], ['transport', 'Transportation', 'Transport']],
    services: [['Meals on Wheels', 'Popote roulante'], ['Adult Day Program', 'Programme de jour pour adultes'], ['Transportation for Seniors', 'Transport pour aînés'], ['Friendly Visiting', 'Visites amicales']],
    descriptions: [['Hot meals delivered to seniors and adults with disabilities living at home.', 'Repas chauds livrés aux aînés et aux adultes handicapés vivant à domicile.']],
    ages: [[55, null], [65, null]],
  },
  {
    code: 'youth', name: ['Youth', 'Jeunes'],
    terms: [['dropin', 'Youth drop-in', 'Accueil pour les jeunes'], ['tutoring', 'Tutoring and homework help', 'Tutorat et aide aux devoirs'], ['mentoring', 'Mentoring', 'Mentorat']],
    services: [['Youth Drop-in Centre', "Centre d'accueil pour les jeunes"], ['Homework Help and Tutoring', 'Aide aux devoirs et tutorat'], ['Youth Mentoring Program', 'Programme de mentorat pour les jeunes'], ['LGBTQ+ Youth Group', 'Groupe de jeunes LGBTQ+']],
    descriptions: [['A safe space after school with snacks, games and staff to talk to.', "Un espace sûr après l'école avec collations, jeux et intervenants."]],
    ages: [[12, 24], [6, 18]],
  },
];

const PREFIXES = ['', '', '', 'Community ', 'Regional ', 'Neighbourhood ', 'Newcomer ', 'Family ', 'Downtown ', 'North ', 'South '];

/** Ontario towns (approximate centres) outside Durham, and Durham's municipalities with their SGC codes. */
const TOWNS: [string, number, number, number][] = [
  ['Toronto', 43.7, -79.4, 12], ['Mississauga', 43.59, -79.64, 5], ['Brampton', 43.73, -79.76, 4], ['Hamilton', 43.26, -79.87, 4],
  ['London', 42.98, -81.25, 3], ['Windsor', 42.31, -82.99, 2], ['Kitchener', 43.45, -80.49, 3], ['Guelph', 43.55, -80.25, 1],
  ['Barrie', 44.39, -79.69, 2], ['Kingston', 44.23, -76.49, 2], ['Peterborough', 44.3, -78.32, 2], ['Belleville', 44.16, -77.38, 1],
  ['Ottawa', 45.42, -75.7, 8], ['Cornwall', 45.02, -74.73, 1], ['Sudbury', 46.49, -80.99, 2], ['North Bay', 46.31, -79.46, 1],
  ['Orillia', 44.61, -79.42, 1], ['Niagara Falls', 43.09, -79.08, 1], ['St. Catharines', 43.16, -79.24, 2], ['Brantford', 43.14, -80.26, 1],
  ['Sarnia', 42.97, -82.4, 1], ['Owen Sound', 44.57, -80.94, 1], ['Cobourg', 43.96, -78.17, 1], ['Lindsay', 44.36, -78.74, 1],
  ['Markham', 43.86, -79.34, 3], ['Scarborough', 43.77, -79.23, 4], ['Chatham', 42.4, -82.19, 1], ['Pembroke', 45.83, -77.12, 1], ['Huntsville', 45.33, -79.22, 1],
];
const DURHAM: [string, number, number, string, string[], number][] = [
  ['Pickering', 43.84, -79.09, '3518001', ['L1V', 'L1W', 'L1X', 'L1Y'], 4], ['Ajax', 43.85, -79.03, '3518005', ['L1S', 'L1T', 'L1Z'], 4],
  ['Whitby', 43.88, -78.94, '3518009', ['L1M', 'L1N', 'L1P', 'L1R'], 5], ['Oshawa', 43.9, -78.86, '3518013', ['L1G', 'L1H', 'L1J', 'L1K', 'L1L'], 7],
  ['Clarington', 43.91, -78.69, '3518017', ['L1B', 'L1C', 'L1E'], 3], ['Scugog', 44.1, -78.95, '3518020', ['L9L'], 1],
  ['Uxbridge', 44.11, -79.12, '3518029', ['L9P'], 1], ['Brock', 44.43, -79.15, '3518039', ['L0E'], 1],
];
const STREETS = ['King St', 'Queen St', 'Main St', 'Simcoe St', 'Dundas St', 'Brock St', 'Centre St', 'Church St', 'Victoria St', 'Wellington St', 'Bloor St', 'Kingston Rd', 'Harwood Ave', 'Taunton Rd', 'Rossland Rd', 'Liberty St', 'Water St', 'Lakeshore Rd', 'Park Rd', 'Mill St'];
const LANGS: [string, string][] = [['fr', 'French'], ['ar', 'Arabic'], ['zh', 'Chinese'], ['es', 'Spanish'], ['pa', 'Punjabi'], ['ur', 'Urdu'], ['tl', 'Tagalog'], ['ta', 'Tamil'], ['fa', 'Persian'], ['so', 'Somali'], ['pt', 'Portuguese'], ['uk', 'Ukrainian']];
const DAYS = ['MO,TU,WE,TH,FR', 'MO,WE,FR', 'TU,TH', 'MO,TU,WE,TH,FR,SA', 'SA', 'WE'];
const HOURS: [string, string][] = [['09:00:00', '17:00:00'], ['08:30:00', '16:30:00'], ['10:00:00', '14:00:00'], ['13:00:00', '20:00:00'], ['18:00:00', '21:00:00']];

// ---------- the package ----------

export interface DirectoryScale {
  services: number;
  organizations: number;
  locations: number;
}
export const FULL_SCALE: DirectoryScale = { services: 60_000, organizations: 20_000, locations: 30_000 };
export const scaled = (services: number): DirectoryScale => ({ services, organizations: Math.max(1, Math.round(services / 3)), locations: Math.max(1, Math.round(services / 2)) });

export interface GeneratedPackage {
  dir: string;
  scale: DirectoryScale;
  /** Rows per CSV resource. */
  rows: Record<string, number>;
  totalRows: number;
  bytes: number;
  /** Term ids a filtered search can use: the parent term of each domain, by code. */
  termIds: Record<string, string>;
}

/** Writes CSV files a batch at a time with csv-stringify, header first. */
class CsvWriter {
  rows = 0;
  private buf: Record<string, unknown>[] = [];
  private fd: number;
  constructor(file: string, private columns: string[]) {
    this.fd = fs.openSync(file, 'w');
    fs.writeSync(this.fd, stringify([], { header: true, columns }));
  }
  add(row: Record<string, unknown>) {
    this.buf.push(row);
    this.rows++;
    if (this.buf.length >= 5000) this.flush();
  }
  flush() {
    if (this.buf.length) fs.writeSync(this.fd, stringify(this.buf, { columns: this.columns }));
    this.buf = [];
  }
  close() {
    this.flush();
    fs.closeSync(this.fd);
  }
}

const RESOURCES: [name: string, file: string, columns: string[]][] = [
  ['organization', 'organizations.csv', ['id', 'name', 'alternate_name', 'description', 'email', 'website', 'year_incorporated', 'translations']],
  ['service', 'services.csv', ['id', 'organization_id', 'name', 'alternate_name', 'description', 'url', 'email', 'status', 'application_process', 'fees_description', 'eligibility_description', 'minimum_age', 'maximum_age', 'last_modified', 'translations', 'last_verified_at', 'last_verified_by']],
  ['location', 'locations.csv', ['id', 'location_type', 'organization_id', 'name', 'latitude', 'longitude', 'geography_code', 'translations']],
  ['service_at_location', 'service_at_location.csv', ['id', 'service_id', 'location_id', 'description']],
  ['address', 'addresses.csv', ['id', 'location_id', 'address_1', 'city', 'state_province', 'postal_code', 'country', 'address_type']],
  ['phone', 'phones.csv', ['id', 'service_id', 'number', 'type', 'description']],
  ['schedule', 'schedules.csv', ['id', 'service_id', 'freq', 'byday', 'opens_at', 'closes_at', 'description']],
  ['language', 'languages.csv', ['id', 'service_id', 'name', 'code']],
  ['accessibility', 'accessibility.csv', ['id', 'location_id', 'description', 'details']],
  ['cost_option', 'cost_options.csv', ['id', 'service_id', 'option', 'currency', 'amount', 'amount_description']],
  ['taxonomy', 'taxonomies.csv', ['id', 'name', 'description', 'uri', 'version']],
  ['taxonomy_term', 'taxonomy_terms.csv', ['id', 'code', 'name', 'description', 'parent_id', 'taxonomy_id', 'translations']],
  ['attribute', 'attributes.csv', ['id', 'link_id', 'taxonomy_term_id', 'link_type', 'link_entity']],
];

/** Writes datapackage.json and the CSV files into `dir` (created if missing). Deterministic for a given scale. */
export function writeDirectoryPackage(dir: string, scale: DirectoryScale = FULL_SCALE, seed = 211): GeneratedPackage {
  fs.mkdirSync(dir, { recursive: true });
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const weighted = <T extends unknown[]>(xs: readonly T[], w: (x: T) => number) => {
    const total = xs.reduce((a, x) => a + w(x), 0);
    let v = r() * total;
    for (const x of xs) if ((v -= w(x)) < 0) return x;
    return xs[xs.length - 1];
  };
  const w = Object.fromEntries(RESOURCES.map(([name, file, cols]) => [name, new CsvWriter(path.join(dir, file), cols)])) as Record<string, CsvWriter>;

  // Taxonomy: one per package, a parent term per domain with 3–4 children (~45 terms).
  const taxonomyId = uuid(P.taxonomy, 1);
  w.taxonomy.add({ id: taxonomyId, name: 'Bench Needs', description: 'A two-level needs taxonomy for the directory bench.', uri: 'https://roundtable.example/bench-taxonomy', version: '1' });
  let termN = 0;
  const termIds: Record<string, string> = {};
  const childTerms: string[][] = [];
  for (const d of DOMAINS) {
    const parent = uuid(P.term, ++termN);
    termIds[d.code] = parent;
    w.taxonomy_term.add({ id: parent, code: d.code, name: d.name[0], description: d.name[0], parent_id: null, taxonomy_id: taxonomyId, translations: JSON.stringify({ fr: { name: d.name[1] } }) });
    childTerms.push(
      d.terms.map(([code, en, fr]) => {
        const id = uuid(P.term, ++termN);
        w.taxonomy_term.add({ id, code: `${d.code}.${code}`, name: en, description: en, parent_id: parent, taxonomy_id: taxonomyId, translations: JSON.stringify({ fr: { name: fr } }) });
        return id;
      }),
    );
  }

  // Organizations: the organization bench's names; each has its home town.
  type Place = { town: string; lat: number; lon: number; code?: string; fsas?: string[] };
  const orgHome: Place[] = [];
  const names = syntheticOrganizations(scale.organizations, 0);
  for (let i = 0; i < scale.organizations; i++) {
    const o = names[i];
    let home: Place;
    if (r() < 0.2) {
      const [town, lat, lon, code, fsas] = weighted(DURHAM, (x) => x[5]);
      home = { town, lat, lon, code, fsas };
    } else if (r() < 0.9) {
      const [town, lat, lon] = weighted(TOWNS, (x) => x[3]);
      home = { town, lat, lon };
    } else {
      home = { town: pick(TOWNS)[0], lat: 42.0 + r() * 4.5, lon: -83.0 + r() * 8.5 };
    }
    orgHome.push(home);
    const slug = `org${i + 1}`;
    w.organization.add({
      id: uuid(P.org, i + 1),
      name: o.legal_name,
      alternate_name: o.alternate_names[0] ?? null,
      description: `Community services in ${home.town} and the surrounding area.`,
      email: r() < 0.7 ? `info@${slug}.example.org` : null,
      website: r() < 0.8 ? `https://${slug}.example.org` : null,
      year_incorporated: r() < 0.6 ? 1950 + Math.floor(r() * 75) : null,
      translations: o.legal_name.startsWith('Centre') || o.legal_name.startsWith('Services') || r() < 0.1 ? JSON.stringify({ fr: { name: o.legal_name } }) : null,
    });
  }

  // Locations: every organization has one; the rest go to random organizations.
  const orgLocations: number[][] = Array.from({ length: scale.organizations }, () => []);
  for (let i = 0; i < scale.locations; i++) {
    const orgIdx = i < scale.organizations ? i : Math.floor(r() * scale.organizations);
    const home = orgHome[orgIdx];
    const durham = !!home.code;
    const spread = durham ? 0.04 : 0.12;
    const lat = Math.min(46.5, Math.max(42.0, home.lat + (r() - 0.5) * 2 * spread));
    const lon = Math.min(-74.5, Math.max(-83.0, home.lon + (r() - 0.5) * 2 * spread * 1.4));
    const id = uuid(P.location, i + 1);
    orgLocations[orgIdx].push(i + 1);
    const street = `${1 + Math.floor(r() * 2000)} ${pick(STREETS)}`;
    w.location.add({
      id,
      location_type: 'physical',
      organization_id: uuid(P.org, orgIdx + 1),
      name: `${home.town} – ${street}`,
      latitude: lat.toFixed(5),
      longitude: lon.toFixed(5),
      geography_code: home.code ?? null,
      translations: null,
    });
    const fsa = home.fsas ? pick(home.fsas) : `${pick(['K', 'L', 'M', 'N', 'P'])}${Math.floor(r() * 10)}${pick(['A', 'B', 'C', 'E', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'T'])}`;
    w.address.add({ id: uuid(P.address, i + 1), location_id: id, address_1: street, city: home.town, state_province: 'ON', postal_code: `${fsa} ${Math.floor(r() * 10)}${pick(['A', 'B', 'C', 'E', 'H', 'K'])}${Math.floor(r() * 10)}`, country: 'CA', address_type: 'physical' });
    if (r() < 0.4) w.accessibility.add({ id: uuid(P.accessibility, w.accessibility.rows + 1), location_id: id, description: r() < 0.8 ? 'Wheelchair accessible entrance' : 'Elevator to all floors', details: null });
  }

  // Services, each at one or two of its organization's locations.
  let salN = 0;
  let langN = 0;
  let attrN = 0;
  const verified = Date.UTC(2025, 0, 1);
  for (let i = 0; i < scale.services; i++) {
    const orgIdx = i < scale.organizations ? i : Math.floor(r() * scale.organizations);
    const home = orgHome[orgIdx];
    const di = Math.floor(r() * DOMAINS.length);
    const d = DOMAINS[di];
    const si = Math.floor(r() * d.services.length);
    const [nameEn, nameFr] = d.services[si];
    const prefix = pick(PREFIXES);
    const [descEn, descFr] = pick(d.descriptions);
    const [minAge, maxAge] = d.ages ? pick(d.ages) : r() < 0.15 ? [18, null] : [null, null];
    const id = uuid(P.service, i + 1);
    const french = r() < 0.25;
    const status = r() < 0.95 ? 'active' : pick(['inactive', 'temporarily closed']);
    w.service.add({
      id,
      organization_id: uuid(P.org, orgIdx + 1),
      name: `${home.town} ${prefix}${nameEn}${r() < 0.3 ? ` – Site ${1 + Math.floor(r() * 20)}` : ''}`,
      alternate_name: null,
      description: `${descEn} Serving ${home.town} and area.`,
      url: r() < 0.5 ? `https://org${orgIdx + 1}.example.org/services/${i + 1}` : null,
      email: r() < 0.4 ? `intake${i + 1}@org${orgIdx + 1}.example.org` : null,
      status,
      application_process: pick(['Walk in.', 'Call to book an appointment.', 'Apply online.', 'Referral needed from a doctor or agency.']),
      fees_description: null,
      eligibility_description: minAge !== null ? `Ages ${minAge}${maxAge !== null ? `–${maxAge}` : ' and over'}` : null,
      minimum_age: minAge,
      maximum_age: maxAge,
      last_modified: new Date(verified + Math.floor(r() * 400) * 86_400_000).toISOString(),
      translations: french ? JSON.stringify({ fr: { name: `${nameFr} – ${home.town}`, description: `${descFr} Pour ${home.town} et les environs.` } }) : null,
      last_verified_at: r() < 0.7 ? new Date(verified + Math.floor(r() * 400) * 86_400_000).toISOString() : null,
      last_verified_by: null,
    });
    const locs = orgLocations[orgIdx];
    const atCount = locs.length > 1 && r() < 0.35 ? 2 : 1;
    const first = Math.floor(r() * locs.length);
    for (let k = 0; k < atCount; k++) {
      w.service_at_location.add({ id: uuid(P.sal, ++salN), service_id: id, location_id: uuid(P.location, locs[(first + k) % locs.length]), description: null });
    }
    // Languages: usually English, a quarter French (all with French translations), some others.
    const langs: [string, string][] = [];
    if (r() < 0.95) langs.push(['en', 'English']);
    if (french) langs.push(['fr', 'French']);
    const extra = r() < 0.4 ? 1 + (r() < 0.3 ? 1 : 0) : 0;
    for (let k = 0; k < extra && langs.length < 3; k++) {
      const l = pick(LANGS);
      if (!langs.some(([c]) => c === l[0])) langs.push(l);
    }
    if (langs.length === 0) langs.push(['en', 'English']);
    for (const [code, name] of langs) w.language.add({ id: uuid(P.language, ++langN), service_id: id, name, code });
    // Cost: a quarter say free, a sixth charge something, the rest say nothing.
    const c = r();
    if (c < 0.25) w.cost_option.add({ id: uuid(P.cost, w.cost_option.rows + 1), service_id: id, option: 'Free', currency: 'CAD', amount: 0, amount_description: null });
    else if (c < 0.42) w.cost_option.add({ id: uuid(P.cost, w.cost_option.rows + 1), service_id: id, option: 'Fee', currency: 'CAD', amount: (5 + Math.floor(r() * 200)).toFixed(2), amount_description: pick(['Per visit', 'Per term', 'Sliding scale', 'Per month']) });
    // Weekly hours.
    const [opens, closes] = pick(HOURS);
    w.schedule.add({ id: uuid(P.schedule, i + 1), service_id: id, freq: 'WEEKLY', byday: pick(DAYS), opens_at: opens, closes_at: closes, description: null });
    if (r() < 0.3) w.phone.add({ id: uuid(P.phone, w.phone.rows + 1), service_id: id, number: `905-555-${String(Math.floor(r() * 10000)).padStart(4, '0')}`, type: 'voice', description: 'Intake line' });
    // Categories: the domain's term for this kind of service, sometimes a second from another domain.
    w.attribute.add({ id: uuid(P.attribute, ++attrN), link_id: id, taxonomy_term_id: childTerms[di][si % childTerms[di].length], link_type: 'service_type', link_entity: 'service' });
    if (r() < 0.35) {
      const dj = (di + 1 + Math.floor(r() * (DOMAINS.length - 1))) % DOMAINS.length;
      w.attribute.add({ id: uuid(P.attribute, ++attrN), link_id: id, taxonomy_term_id: pick(childTerms[dj]), link_type: 'service_type', link_entity: 'service' });
    }
  }

  for (const x of Object.values(w)) x.close();
  const descriptor = {
    name: 'roundtable-bench-directory',
    profile: 'tabular-data-package',
    resources: RESOURCES.map(([name, file]) => ({ name, path: file, profile: 'tabular-data-resource' })),
  };
  fs.writeFileSync(path.join(dir, 'datapackage.json'), JSON.stringify(descriptor, null, 2));
  const rows = Object.fromEntries(RESOURCES.map(([name]) => [name, w[name].rows]));
  const bytes = fs.readdirSync(dir).reduce((a, f) => a + fs.statSync(path.join(dir, f)).size, 0);
  return { dir, scale, rows, totalRows: Object.values(rows).reduce((a, b) => a + b, 0), bytes, termIds };
}
