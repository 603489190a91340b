/**
 * Reference data always: the scales, their crosswalks and the shipped instruments. Demo data
 * (when demo is on): the LDIPC with two closed rounds of the seed's five-level pair survey and
 * one open round. The answers are ILLUSTRATIVE (generated, marked so on every round); the
 * scale and its wording are the seed's (002:225-245). Idempotent.
 */
import { addDays as addDaysTo, format, parseISO } from 'date-fns';
import type { SeedContext } from '../../core/module';
import type { Db } from '../../core/db/database';
import { collaborativesInventory } from '../collaboratives/collaboratives.api';
import * as repo from './assessments.repository';
import { CROSSWALKS, INSTRUMENTS, PAIR_FIVE, SCALES } from './assessments.reference';
import { closeRound, openRound, torontoToday } from './assessments.rounds.service';
import { createProfile } from './assessments.welcoming.service';
import { createSurvey, setStatus } from './assessments.surveys.service';
import { findIndicators } from '../data/data.api';
import { collaborativePlanActions } from '../strategy/strategy.api';

const LDIPC = 'Durham Region Local Diversity and Immigration Partnership Council';

export async function seedReference(db: Db): Promise<void> {
  const ids = new Map<string, string>();
  for (const s of SCALES) {
    const id = (await repo.scaleIdByKey(db, s.key, s.version)) ?? (await repo.insertScale(db, s));
    ids.set(s.key, id);
  }
  for (const c of CROSSWALKS) await repo.upsertCrosswalk(db, ids.get(c.from)!, ids.get(c.to)!, c.mapping, c.note);
  for (const i of INSTRUMENTS) {
    if (await repo.instrumentIdByKey(db, i.key, i.version)) continue;
    await repo.insertInstrument(db, { key: i.key, version: i.version, kind: i.kind, nameEn: i.nameEn, nameFr: i.nameFr, descriptionEn: i.descriptionEn, descriptionFr: i.descriptionFr, source: i.source, scaleId: i.scale ? ids.get(i.scale)! : null, definition: i.definition }, null);
  }
}

/** A small deterministic generator, so the demo reads the same on every machine. */
function illustrativeLevel(from: number, to: number, round: number): number {
  const h = (from * 31 + to * 17 + round * 7 + from * to) % 11;
  const base = [0, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4][h];
  const closer = Math.abs(from - to) <= 2 ? 1 : 0; // neighbours on the roster work more together
  return Math.min(5, base + closer + (round > 1 && h % 3 === 0 ? 1 : 0));
}

interface DemoRound {
  title: string;
  opensOn: string;
  closesOn: string;
  skip: number[];
  close: boolean;
}

export async function seedAssessments(ctx: SeedContext): Promise<void> {
  await seedReference(ctx.database.db);
  if (!ctx.demo) return;
  const db = ctx.database.db;
  const ldipc = (await collaborativesInventory(ctx.database, ctx.actor)).find((c) => c.name === LDIPC);
  if (!ldipc) return;
  await seedWelcoming(ctx, ldipc.id);
  await seedSurvey(ctx, ldipc.id);
  if ((await repo.listRounds(db, [ldipc.id])).length) return;
  const instrumentId = (await repo.instrumentIdByKey(db, PAIR_FIVE, 1))!;
  const today = torontoToday();
  const addDays = (n: number) => format(addDaysTo(parseISO(today), n), 'yyyy-MM-dd');
  const rounds: DemoRound[] = [
    { title: 'Partner integration survey 2024 (illustrative answers)', opensOn: '2024-10-01', closesOn: '2024-10-31', skip: [8, 4], close: true },
    { title: 'Partner integration survey 2025 (illustrative answers)', opensOn: '2025-10-01', closesOn: '2025-10-31', skip: [8], close: true },
    { title: 'Partner integration survey 2026', opensOn: today, closesOn: addDays(30), skip: [], close: false },
  ];
  let n = 0;
  for (const r of rounds) {
    n++;
    const round = await openRound(ctx.database, ctx.actor, {}, { collaborativeId: ldipc.id, instrumentId, title: r.title, opensOn: r.opensOn, closesOn: r.closesOn }, { illustrative: r.close });
    if (!r.close) continue;
    const roster = await repo.roster(db, round.id);
    await db.transaction(async (tx) => {
      for (const [i, p] of roster.entries()) {
        if (r.skip.includes(i)) continue; // a partner who did not answer
        const answers = roster.filter((q) => q.id !== p.id).map((q) => ({ targetId: q.id, theme: '', item: 'level', value: illustrativeLevel(i, roster.indexOf(q), n) }));
        await repo.saveAnswers(tx, round.id, p.id, answers);
        await repo.markSubmitted(tx, p.id);
      }
    });
    await closeRound(ctx.database, ctx.actor, {}, round.id);
  }
  ctx.log('assessments: LDIPC partner integration rounds (2 closed with illustrative answers, 1 open)');
}

/** A welcoming-community profile for Durham from the demo indicators (the values are the data repository's). */
async function seedWelcoming(ctx: SeedContext, collaborativeId: string) {
  const db = ctx.database.db;
  await seedActionLinks(ctx, collaborativeId);
  if ((await repo.listProfiles(db, [collaborativeId])).length) return;
  const [durham] = await repo.placesByCodes(db, ['3518']);
  if (!durham) return;
  const peers = await repo.placesByCodes(db, ['3525005', '521']);
  const byCode = new Map((await findIndicators(db, ctx.actor, { limit: 500 })).map((i) => [i.code, i.id]));
  const ids = (codes: string[]) => codes.map((c) => byCode.get(c)).filter((x): x is string => !!x);
  await createProfile(ctx.database, ctx.actor, {}, {
    collaborativeId, geographyId: durham.id, title: 'Welcoming Durham: profile 2026', peerIds: peers.map((p) => p.id),
    priorities: ['newcomer_agencies', 'employment', 'attitudes', 'social_engagement', 'housing'],
    choices: [
      { characteristic: 'newcomer_agencies', indicatorIds: ids(['immigrants.recent_count']), comparisons: ['over_time', 'peers'] },
      { characteristic: 'employment', indicatorIds: ids(['demo.employment_rate_pct']), comparisons: ['over_time', 'peers', 'immigrants'] },
      { characteristic: 'housing', indicatorIds: ids(['demo.core_housing_need_count']), comparisons: ['over_time', 'immigrants'] },
      { characteristic: 'attitudes', indicatorIds: ids(['immigrants.share_pct', 'visible_minority.share_pct']), comparisons: ['over_time', 'peers', 'immigrants'] },
      { characteristic: 'social_engagement', indicatorIds: ids(['demo.youth_program_participants']), comparisons: ['over_time'] },
    ],
  });
}

/** The Durham plan's actions linked to the characteristics they serve (by the action's title; the plan is strategy's demo). */
const DEMO_ACTION_LINKS: [string, string][] = [
  ['social_capital', 'Open a welcoming social space at the information centre or hub for immigrant and non-immigrant residents'],
  ['social_engagement', 'Open a welcoming social space at the information centre or hub for immigrant and non-immigrant residents'],
  ['newcomer_agencies', 'Standardized, coordinated intake and referral across organizations'],
  ['newcomer_agencies', 'Offer information and staff in various languages'],
  ['municipal_services', 'Bolster the Durham Immigration Portal'],
  ['municipal_services', 'Open a physical information centre for newcomers'],
  ['links_between_actors', 'Expand LDIPC committees to every stakeholder interested in integrated service delivery'],
  ['links_between_actors', 'Establish a regular planning meeting schedule'],
  ['transit', 'Co-locate services in a transit-accessible One Stop Shop or satellites'],
  ['political', 'Create a research plan so all relevant populations can be heard'],
];

async function seedActionLinks(ctx: SeedContext, collaborativeId: string) {
  const db = ctx.database.db;
  if ((await repo.listActionLinks(db, collaborativeId)).length) return;
  const actions = await collaborativePlanActions(db, collaborativeId);
  for (const [characteristicKey, title] of DEMO_ACTION_LINKS) {
    const a = actions.find((x) => x.title === title);
    if (a) await repo.linkAction(db, { collaborativeId, characteristicKey, actionId: a.id, createdBy: null });
  }
}

const SURVEY_KEYS = ['newcomer_agencies', 'employment', 'attitudes', 'social_engagement', 'housing'];
/** An open community survey on the demo profile's priorities, in English, French, Spanish, Arabic and Chinese (demo translations). */
async function seedSurvey(ctx: SeedContext, collaborativeId: string) {
  if ((await repo.listSurveys(ctx.database.db, collaborativeId)).length) return;
  const [profile] = await repo.listProfiles(ctx.database.db, [collaborativeId]);
  const q = (texts: string[]) => Object.fromEntries(SURVEY_KEYS.map((k, i) => [k, texts[i]]));
  const survey = await createSurvey(ctx.database, ctx.actor, {}, {
    collaborativeId, profileId: profile?.id, title: 'What makes Durham welcoming? (demo survey)', titleFr: 'Qu’est-ce qui rend Durham accueillante? (sondage de démonstration)', characteristics: SURVEY_KEYS,
    languages: [
      { lang: 'es', name: 'Español', title: '¿Qué hace que Durham sea acogedora? (encuesta de demostración)', questions: q(['Organizaciones que atienden a los recién llegados según sus necesidades', 'Oportunidades de empleo', 'Actitudes positivas hacia los inmigrantes, la diversidad cultural y los recién llegados', 'Oportunidades de participación social', 'Vivienda asequible y adecuada']), ui: { submit: 'Enviar mis respuestas', thanks: 'Gracias: recibimos sus respuestas.', notImportant: 'Nada importante', veryImportant: 'Muy importante' } },
      { lang: 'ar', name: 'العربية', title: 'ما الذي يجعل دورهام مرحِّبة؟ (استبيان تجريبي)', questions: q(['منظمات تخدم القادمين الجدد وتلبي احتياجاتهم', 'فرص العمل', 'مواقف إيجابية تجاه المهاجرين والتنوع الثقافي والقادمين الجدد', 'فرص المشاركة الاجتماعية', 'سكن ميسور التكلفة ومناسب']), ui: { submit: 'أرسل إجاباتي', notImportant: 'غير مهم', veryImportant: 'مهم جدًا' } },
      { lang: 'zh', name: '中文', title: '是什么让达勒姆成为一个热情接纳的社区？（演示调查）', questions: q(['满足新移民需求的服务机构', '就业机会', '对移民、文化多样性和新移民的积极态度', '社会参与机会', '可负担且合适的住房']), ui: { submit: '提交我的回答', notImportant: '不重要', veryImportant: '非常重要' } },
    ],
  }, { illustrative: true });
  await setStatus(ctx.database, ctx.actor, {}, survey.id, 'open');
}
