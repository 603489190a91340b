/**
 * Reference data (the indicator catalogue and the census mapping) always; demo observations
 * with the demo data: Durham figures (seed 002, lines 1-40), the LIP case-study community
 * profiles (seed 001, lines 183-205), 2016 and 2021 census populations of Durham's
 * municipalities, and one clearly-labelled illustrative small-count indicator. Idempotent.
 */
import type { SeedContext } from '../../core/module';
import { systemActor } from '../../core/accounts/actor';
import * as geoRepo from '../../core/geography/geography.repository';
import * as repo from './data.repository';
import type { IndicatorValues } from './data.repository';
import { storeObservations } from './data.service';
import type { RawObservation } from './data.observations';

const STATCAN = 'Statistics Canada';
const OGL = 'Statistics Canada Open Licence';

type Def = Partial<IndicatorValues> & Pick<IndicatorValues, 'code' | 'nameEn' | 'nameFr' | 'unit'>;

export const catalogue: Def[] = [
  { code: 'population.total', nameEn: 'Population', nameFr: 'Population', unit: 'count', direction: 'neutral', domain: 'population', frequency: 'census',
    definitionEn: 'People usually resident in the area.', definitionFr: 'Personnes qui résident habituellement dans le territoire.',
    source: `${STATCAN}, Census of Population; Ontario Ministry of Finance projections`, licence: OGL, sourceUrl: 'https://www12.statcan.gc.ca/census-recensement/2021/dp-pd/prof/index.cfm', dimensions: ['sex', 'age'] },
  { code: 'population.growth_decade_pct', nameEn: 'Population growth over the previous ten years', nameFr: 'Croissance de la population sur les dix années précédentes', unit: 'percent', direction: 'neutral', domain: 'population', frequency: 'irregular',
    definitionEn: 'Change in population over the ten years ending in the period, as a percentage of the population ten years before.', definitionFr: 'Variation de la population sur les dix années se terminant à la période, en pourcentage de la population dix ans plus tôt.' },
  { code: 'population.growth_5yr_pct', nameEn: 'Population growth over the previous five years', nameFr: 'Croissance de la population sur les cinq années précédentes', unit: 'percent', direction: 'neutral', domain: 'population', frequency: 'census',
    definitionEn: 'Change in population between two censuses five years apart, as a percentage.', definitionFr: 'Variation de la population entre deux recensements à cinq ans d’intervalle, en pourcentage.', source: STATCAN, licence: OGL },
  { code: 'immigrants.count', nameEn: 'Immigrants', nameFr: 'Immigrants', unit: 'count', direction: 'neutral', domain: 'settlement', frequency: 'census',
    definitionEn: 'People who are, or have ever been, landed immigrants or permanent residents.', definitionFr: 'Personnes qui sont ou ont déjà été immigrants reçus ou résidents permanents.', source: STATCAN, licence: OGL, dimensions: ['period_of_immigration'] },
  { code: 'immigrants.share_pct', nameEn: 'Immigrants as a share of the population', nameFr: 'Part des immigrants dans la population', unit: 'percent', direction: 'neutral', domain: 'settlement', frequency: 'census',
    definitionEn: 'Immigrants as a percentage of the population.', definitionFr: 'Immigrants en pourcentage de la population.', source: STATCAN, licence: OGL },
  { code: 'immigrants.share_of_growth_pct', nameEn: 'Immigrants’ share of population growth', nameFr: 'Part des immigrants dans la croissance démographique', unit: 'percent', direction: 'neutral', domain: 'settlement', frequency: 'census',
    definitionEn: 'Growth of the immigrant population as a percentage of total population growth between two censuses.', definitionFr: 'Croissance de la population immigrante en pourcentage de la croissance totale entre deux recensements.' },
  { code: 'immigrants.recent_share_pct', nameEn: 'Recent immigrants among immigrant growth', nameFr: 'Immigrants récents parmi la croissance immigrante', unit: 'percent', direction: 'neutral', domain: 'settlement', frequency: 'census',
    definitionEn: 'Share of the added immigrant population who arrived in Canada in the five years before the census.', definitionFr: 'Part de la population immigrante supplémentaire arrivée au Canada dans les cinq ans précédant le recensement.' },
  { code: 'immigrants.recent_count', nameEn: 'Recent immigrants', nameFr: 'Immigrants récents', unit: 'count', direction: 'neutral', domain: 'settlement', frequency: 'census',
    definitionEn: 'Immigrants who arrived in Canada within the stated number of years before the census.', definitionFr: 'Immigrants arrivés au Canada dans le nombre d’années indiqué avant le recensement.', source: STATCAN, licence: OGL, dimensions: ['years_in_canada'] },
  { code: 'community.latin_american_growth_pct', nameEn: 'Growth of the Latin American community', nameFr: 'Croissance de la communauté latino-américaine', unit: 'percent', direction: 'neutral', domain: 'settlement', frequency: 'census',
    definitionEn: 'Change in the Latin American population between two censuses, in percent.', definitionFr: 'Variation de la population latino-américaine entre deux recensements, en pourcentage.' },
  { code: 'visible_minority.share_pct', nameEn: 'Visible minority population share', nameFr: 'Part de la population des minorités visibles', unit: 'percent', direction: 'neutral', domain: 'population', frequency: 'census', source: STATCAN, licence: OGL,
    definitionEn: 'People who belong to a visible minority group, as a percentage of the population.', definitionFr: 'Personnes appartenant à un groupe de minorités visibles, en pourcentage de la population.' },
  { code: 'foreign_born.share_pct', nameEn: 'Foreign-born population share', nameFr: 'Part de la population née à l’étranger', unit: 'percent', direction: 'neutral', domain: 'settlement', frequency: 'census', source: STATCAN, licence: OGL,
    definitionEn: 'People born outside Canada, as a percentage of the population.', definitionFr: 'Personnes nées hors du Canada, en pourcentage de la population.' },
  { code: 'demo.youth_program_participants', nameEn: 'Newcomer youth program participants (illustrative)', nameFr: 'Participants aux programmes pour jeunes nouveaux arrivants (illustratif)', unit: 'count', direction: 'higher_is_better', domain: 'social-connection', frequency: 'annual',
    definitionEn: 'Illustrative demo figures, not real data: shows how small counts are suppressed.', definitionFr: 'Chiffres de démonstration fictifs : montrent comment les petits nombres sont masqués.', source: 'Roundtable demo data (illustrative, not real)', dimensions: ['sex'] },
  // Illustrative immigrant / non-immigrant breakdowns for the welcoming-community assessment's comparison (docs/assessments.md).
  { code: 'demo.employment_rate_pct', nameEn: 'Employment rate (illustrative)', nameFr: 'Taux d’emploi (illustratif)', unit: 'percent', direction: 'higher_is_better', domain: 'employment', frequency: 'census',
    definitionEn: 'Illustrative demo figures, not real data: employed people aged 15 and over as a percentage of that population, for immigrants and non-immigrants.', definitionFr: 'Chiffres de démonstration fictifs : personnes de 15 ans et plus occupées en pourcentage de cette population, immigrants et non-immigrants.', source: 'Roundtable demo data (illustrative, not real)', dimensions: ['immigrant_status'] },
  { code: 'demo.core_housing_need_count', nameEn: 'Households in core housing need (illustrative)', nameFr: 'Ménages ayant des besoins impérieux en matière de logement (illustratif)', unit: 'count', direction: 'lower_is_better', domain: 'housing', frequency: 'census',
    definitionEn: 'Illustrative demo figures, not real data: households in core housing need, by the immigrant status of the household maintainer; small counts are suppressed.', definitionFr: 'Chiffres de démonstration fictifs : ménages ayant des besoins impérieux en matière de logement, selon le statut d’immigrant du soutien du ménage; les petits nombres sont masqués.', source: 'Roundtable demo data (illustrative, not real)', dimensions: ['immigrant_status'] },
];

/** Saved Census Profile mapping: characteristic id (2021 profile) → indicator. */
export const censusMappings = [
  { characteristicId: 1, characteristicName: 'Population, 2021', columnName: 'C1_COUNT_TOTAL', indicatorCode: 'population.total' },
  { characteristicId: 3, characteristicName: 'Population percentage change, 2016 to 2021', columnName: 'C1_COUNT_TOTAL', indicatorCode: 'population.growth_5yr_pct' },
  { characteristicId: 1529, characteristicName: 'Immigrants', columnName: 'C1_COUNT_TOTAL', indicatorCode: 'immigrants.count' },
  { characteristicId: 1529, characteristicName: 'Immigrants', columnName: 'C10_RATE_TOTAL', indicatorCode: 'immigrants.share_pct' },
];

async function seedCatalogue() {
  return catalogue;
}

const caseStudyPlaces = [
  { code: '3521', level: 'upper_tier' as const, nameEn: 'Regional Municipality of Peel', nameFr: 'Municipalité régionale de Peel', lat: 43.75, lon: -79.78 },
  // A comparison place, not a municipality of Durham: kept out of every municipality list.
  { code: '3525005', level: 'custom' as const, nameEn: 'Hamilton', nameFr: 'Hamilton', lat: 43.2557, lon: -79.8711 },
  { code: '521', level: 'custom' as const, nameEn: 'Kingston Census Metropolitan Area', nameFr: 'Région métropolitaine de recensement de Kingston', lat: 44.2312, lon: -76.486 },
  { code: '3540', level: 'upper_tier' as const, nameEn: 'Huron County', nameFr: 'Comté de Huron', lat: 43.6, lon: -81.5 },
  { code: '595', level: 'custom' as const, nameEn: 'Thunder Bay Census Metropolitan Area', nameFr: 'Région métropolitaine de recensement de Thunder Bay', lat: 48.3809, lon: -89.2477 },
  { code: 'west-toronto', level: 'custom' as const, nameEn: 'West Toronto (21 neighbourhoods)', nameFr: 'Ouest de Toronto (21 quartiers)', lat: 43.65, lon: -79.44 },
];

// The line numbers say where each figure is cited in seeds 002_8bd119a0ed5452fb.txt and
// 001_acca9ae47b5ce534.txt; people see only the source itself.
const s002 = (_lines: string, who: string) => who;
const s001 = (_line: number) => 'Statistics Canada, 2006 Census';
const census = (year: number) => `Statistics Canada, ${year} Census of Population, Census Profile (entered by hand from the published profile; re-import the download to verify)`;

type Row = Omit<RawObservation, 'line'>;

function demoRows(): Row[] {
  const rows: Row[] = [
    // Durham (seed 002, lines 1-40)
    { indicatorCode: 'population.growth_decade_pct', geographyCode: '3518', period: '2009', value: 29, status: 'final', source: s002('4-6', 'Ontario Ministry of Finance, 2009'), notes: 'Growth between 2000 and 2009' },
    { indicatorCode: 'population.total', geographyCode: '3518', period: '2010', value: 624250, status: 'provisional', projection: true, source: s002('5-6', 'Ontario Ministry of Finance, 2009'), notes: 'Projection' },
    { indicatorCode: 'population.total', geographyCode: '3518', period: '2036', value: 1028780, status: 'provisional', projection: true, source: s002('7-8', 'Ontario Ministry of Finance, 2009'), notes: 'Projection: about 2% a year over 25 years' },
    { indicatorCode: 'immigrants.share_pct', geographyCode: '3518', period: '2010', value: 20, status: 'final', source: s002('8-9', 'Local Immigration Partnership report'), notes: '“Currently, immigrants make up 20% of the overall population in Durham”' },
    { indicatorCode: 'immigrants.share_of_growth_pct', geographyCode: '3518', period: '2006', value: 34, status: 'final', source: s002('11-13', 'Earle, 2010'), notes: 'Share of the 2001-2006 population increase' },
    { indicatorCode: 'immigrants.recent_share_pct', geographyCode: '3518', period: '2006', value: 53.5, status: 'final', source: s002('13-14', 'Earle, 2010'), notes: 'Arrived in Canada 2001-2006' },
    { indicatorCode: 'community.latin_american_growth_pct', geographyCode: '3518', period: '2006', value: 700, status: 'final', source: s002('21-23', 'Earle, 2008'), notes: '“grew by nearly 700% between 2001 and 2006”' },
    // LIP case-study community profiles (seed 001, lines 183-205)
    { indicatorCode: 'immigrants.count', geographyCode: 'west-toronto', period: '2006', value: 119472, status: 'final', source: s001(183) },
    { indicatorCode: 'immigrants.share_pct', geographyCode: 'west-toronto', period: '2006', value: 43, status: 'final', source: s001(183) },
    { indicatorCode: 'immigrants.recent_count', geographyCode: 'west-toronto', period: '2006', value: 35613, status: 'final', disaggregation: 'years_in_canada=less than 10', source: s001(183) },
    { indicatorCode: 'immigrants.recent_count', geographyCode: 'west-toronto', period: '2006', value: 21897, status: 'final', disaggregation: 'years_in_canada=less than 5', source: s001(183) },
    { indicatorCode: 'population.total', geographyCode: '3521', period: '2006', value: 1159405, status: 'final', source: s001(187) },
    { indicatorCode: 'population.growth_5yr_pct', geographyCode: '3521', period: '2006', low: 17, status: 'final', source: s001(187), notes: '“over 17%”' },
    { indicatorCode: 'immigrants.share_pct', geographyCode: '3521', period: '2006', high: 50, low: 45, status: 'final', source: s001(187), notes: '“almost 50%”: shown as a range' },
    { indicatorCode: 'population.total', geographyCode: '3525005', period: '2006', value: 504559, status: 'final', source: s001(191) },
    { indicatorCode: 'foreign_born.share_pct', geographyCode: '3525005', period: '2006', value: 25, status: 'final', source: s001(191), notes: '“one quarter”' },
    { indicatorCode: 'population.total', geographyCode: '521', period: '2006', value: 152358, status: 'final', source: s001(195) },
    { indicatorCode: 'population.growth_decade_pct', geographyCode: '521', period: '2006', value: 1.6, status: 'final', source: s001(195), notes: 'Growth between 1996 and 2006' },
    { indicatorCode: 'immigrants.share_pct', geographyCode: '521', period: '2006', low: 12, high: 13, status: 'final', source: s001(195), notes: '“just over 12%”' },
    { indicatorCode: 'visible_minority.share_pct', geographyCode: '521', period: '2006', value: 5.8, status: 'final', source: s001(195) },
    { indicatorCode: 'population.total', geographyCode: '3540', period: '2006', value: 59325, status: 'final', source: s001(201) },
    { indicatorCode: 'population.growth_5yr_pct', geographyCode: '3540', period: '2001', value: -0.87, status: 'final', source: s001(201), notes: 'Change between 1996 and 2001' },
    { indicatorCode: 'immigrants.share_pct', geographyCode: '3540', period: '2006', value: 10, status: 'final', source: s001(201) },
    { indicatorCode: 'population.total', geographyCode: '595', period: '2006', value: 122907, status: 'final', source: s001(205) },
    { indicatorCode: 'population.growth_5yr_pct', geographyCode: '595', period: '2006', value: 0.8, status: 'final', source: s001(205), notes: 'Change from 2001' },
    { indicatorCode: 'immigrants.share_pct', geographyCode: '595', period: '2006', low: 0, high: 10, status: 'final', source: s001(205), notes: '“fewer than 10%”' },
  ];
  // Durham and its municipalities, 2016 and 2021 censuses. The region's total includes the
  // Mississaugas of Scugog Island First Nation reserve, which has no boundary here.
  const pops: [string, number, number][] = [
    ['3518', 645862, 696992], ['3518001', 91771, 99186], ['3518005', 119677, 126666], ['3518009', 128377, 138501], ['3518013', 159458, 175383],
    ['3518017', 92013, 101427], ['3518020', 21617, 21581], ['3518029', 21176, 21556], ['3518039', 11642, 12567],
  ];
  for (const [code, p2016, p2021] of pops) {
    rows.push({ indicatorCode: 'population.total', geographyCode: code, period: '2016', value: p2016, status: 'final', source: census(2016) });
    rows.push({ indicatorCode: 'population.total', geographyCode: code, period: '2021', value: p2021, status: 'final', source: census(2021) });
  }
  // Illustrative small counts, to show suppression on the map (not real data).
  const youth: [string, number, number, number][] = [
    ['3518001', 42, 20, 22], ['3518005', 57, 30, 27], ['3518009', 38, 17, 21], ['3518013', 96, 51, 45], ['3518017', 21, 12, 9], ['3518020', 3, 2, 1], ['3518029', 8, 4, 4], ['3518039', 12, 6, 6],
  ];
  const src = 'Roundtable demo data (illustrative, not real)';
  let total = 0;
  for (const [code, all, women, men] of youth) {
    total += all;
    rows.push({ indicatorCode: 'demo.youth_program_participants', geographyCode: code, period: '2025', value: all, status: 'final', source: src });
    rows.push({ indicatorCode: 'demo.youth_program_participants', geographyCode: code, period: '2025', value: women, status: 'final', source: src, disaggregation: 'sex=women+' });
    rows.push({ indicatorCode: 'demo.youth_program_participants', geographyCode: code, period: '2025', value: men, status: 'final', source: src, disaggregation: 'sex=men+' });
    rows.push({ indicatorCode: 'demo.youth_program_participants', geographyCode: code, period: '2024', value: Math.round(all * 0.8), status: 'final', source: src });
  }
  rows.push({ indicatorCode: 'demo.youth_program_participants', geographyCode: '3518', period: '2025', value: total, status: 'final', source: src });
  rows.push({ indicatorCode: 'demo.youth_program_participants', geographyCode: '3518', period: '2024', value: youth.reduce((a, y) => a + Math.round(y[1] * 0.8), 0), status: 'final', source: src });
  // Illustrative immigrant / non-immigrant breakdowns (not real data): [place, period, total, immigrants, non-immigrants].
  const employment: [string, string, number, number, number][] = [
    ['3518', '2016', 61.2, 57.9, 62.4], ['3518', '2021', 58.6, 55.3, 59.8], ['3525005', '2021', 56.9, 52.4, 58.7], ['521', '2021', 57.5, 53.8, 58.1],
  ];
  for (const [code, period, all, imm, non] of employment) {
    rows.push({ indicatorCode: 'demo.employment_rate_pct', geographyCode: code, period, value: all, status: 'final', source: src });
    rows.push({ indicatorCode: 'demo.employment_rate_pct', geographyCode: code, period, value: imm, status: 'final', source: src, disaggregation: 'immigrant_status=immigrant' });
    rows.push({ indicatorCode: 'demo.employment_rate_pct', geographyCode: code, period, value: non, status: 'final', source: src, disaggregation: 'immigrant_status=non_immigrant' });
  }
  // Every municipality of Durham in 2021, adding up to Durham: Brock (3518039) has 3 immigrant households, under the
  // threshold of 5, so the disclosure control suppresses that cell and what would give it away, not Durham's figures.
  const housing: [string, string, number, number, number][] = [
    ['3518', '2016', 19840, 6410, 13430], ['3518', '2021', 21350, 7285, 14065],
    ['3518001', '2021', 4630, 2150, 2480], ['3518005', '2021', 4030, 2020, 2010], ['3518009', '2021', 3510, 1180, 2330], ['3518013', '2021', 5590, 1240, 4350],
    ['3518017', '2021', 2370, 520, 1850], ['3518020', '2021', 515, 95, 420], ['3518029', '2021', 395, 77, 318], ['3518039', '2021', 310, 3, 307],
  ];
  for (const [code, period, all, imm, non] of housing) {
    rows.push({ indicatorCode: 'demo.core_housing_need_count', geographyCode: code, period, value: all, status: 'final', source: src });
    rows.push({ indicatorCode: 'demo.core_housing_need_count', geographyCode: code, period, value: imm, status: 'final', source: src, disaggregation: 'immigrant_status=immigrant' });
    rows.push({ indicatorCode: 'demo.core_housing_need_count', geographyCode: code, period, value: non, status: 'final', source: src, disaggregation: 'immigrant_status=non_immigrant' });
  }
  return rows;
}

export async function seedData(ctx: SeedContext): Promise<void> {
  const db = ctx.database.db;
  for (const d of await seedCatalogue()) {
    if (await repo.findIndicatorByCode(db, d.code)) continue;
    await repo.insertIndicator(db, {
      definitionEn: null, definitionFr: null, direction: 'neutral', domain: 'population', source: null, licence: null, sourceUrl: null, frequency: 'annual', dimensions: [], suppressionThreshold: 5,
      ...d,
    });
  }
  const existing = await repo.listCensusMappings(db);
  for (const m of censusMappings) {
    if (existing.some((e) => e.characteristicId === m.characteristicId && e.columnName === m.columnName)) continue;
    const ind = await repo.findIndicatorByCode(db, m.indicatorCode);
    if (ind) await repo.upsertCensusMapping(db, { ...m, indicatorId: ind.id });
  }
  if (!ctx.demo) return;
  const ontario = await geoRepo.findByCode(db, '35');
  if (!ontario || !(await geoRepo.findByCode(db, '3518'))) return;
  for (const p of caseStudyPlaces) {
    if (await geoRepo.findByCode(db, p.code)) continue;
    await geoRepo.insert(db, { code: p.code, sgcCode: /^\d+$/.test(p.code) ? p.code : null, level: p.level, nameEn: p.nameEn, nameFr: p.nameFr, parentId: ontario.id, latitude: p.lat, longitude: p.lon });
  }
  const rows = demoRows().map((r, i) => ({ ...r, line: i + 1 }));
  const s = await storeObservations(ctx.database, systemActor('seed'), {}, rows, { collaborativeId: null, dryRun: false, source: 'seed' });
  ctx.log(`data: ${catalogue.length} indicators, ${s.created} observations added, ${s.updated} updated`);
}
