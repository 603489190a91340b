/**
 * Community surveys for the welcoming-community assessment: public and anonymous. A coordinator
 * makes a survey (the characteristics to rate 1-5 for importance, with their text in English,
 * French and any other language added as data), opens and closes it. Anyone answers it without
 * signing in. No identity is kept: a repeat is refused by two keyed digests (the browser's random
 * token; the client address and agent on the day), stored only as SHA-256 hashes of HMACs.
 */
import crypto from 'node:crypto';
import type { Database } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorUserId, systemActor } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { runCommand } from '../../core/command';
import { Errors } from '../../core/http/errors';
import { collaborativeAccess, collaborativeExists } from '../collaboratives/collaboratives.api';
import { protectTable } from '../data/data.api';
import { can } from './assessments.policy';
import * as repo from './assessments.repository';
import { CHARACTERISTICS } from './assessments.welcoming.reference';
import { MIN_RESPONDENTS } from './assessments.scoring';
import type { Survey, SurveyLanguageInput, SurveyResults } from './assessments.schema';

const BUILT_IN = new Set(['en', 'fr']);

function present(row: repo.SurveyRow, actor: Actor): Survey {
  const access = collaborativeAccess(actor, row.collaborativeId);
  const manage = can(actor, 'assessments.survey.manage', { access });
  return {
    id: row.id, collaborativeId: row.collaborativeId, profileId: row.profileId, title: row.title, titleFr: row.titleFr, status: row.status,
    characteristics: row.characteristics.map((k) => { const c = CHARACTERISTICS.find((x) => x.key === k)!; return { key: k, en: c.en, fr: c.fr }; }),
    languages: Object.entries(row.languages).map(([lang, l]) => ({ lang, name: l.name, title: l.title, questions: l.questions, ui: l.ui })),
    responses: row.responses, illustrative: row.illustrative, createdAt: row.createdAt, openedAt: row.openedAt, closedAt: row.closedAt,
    actions: {
      'assessments.survey.open': manage && row.status !== 'open',
      'assessments.survey.close': manage && row.status === 'open',
      'assessments.survey.languages': manage && row.status !== 'closed',
      'assessments.survey.results': can(actor, 'assessments.survey.results', { access }),
    },
  };
}

function checkLanguage(l: SurveyLanguageInput, keys: string[], field: string) {
  const errors: { field: string; message: string }[] = [];
  if (BUILT_IN.has(l.lang)) errors.push({ field: `${field}.lang`, message: 'English and French are built in' });
  for (const k of keys) if (!l.questions[k]) errors.push({ field: `${field}.questions.${k}`, message: 'Translate every question' });
  for (const k of Object.keys(l.questions)) if (!keys.includes(k)) errors.push({ field: `${field}.questions.${k}`, message: 'Not a question of this survey' });
  return errors;
}

export interface SurveyInput {
  collaborativeId: string;
  profileId?: string;
  title: string;
  titleFr: string;
  characteristics?: string[];
  languages: SurveyLanguageInput[];
}

export async function createSurvey(database: Database, actor: Actor, meta: RequestMeta, input: SurveyInput, opts: { illustrative?: boolean } = {}) {
  const known = new Set(CHARACTERISTICS.map((c) => c.key));
  const errors: { field: string; message: string }[] = [];
  (input.characteristics ?? []).forEach((k, i) => { if (!known.has(k)) errors.push({ field: `characteristics.${i}`, message: 'Not a characteristic of the framework' }); });
  if (input.characteristics && new Set(input.characteristics).size !== input.characteristics.length) errors.push({ field: 'characteristics', message: 'Each characteristic once' });
  if (errors.length) throw Errors.validation(errors);
  return runCommand({ database, actor, meta }, async (tx) => {
    if (!(await collaborativeExists(tx, input.collaborativeId))) throw Errors.validation([{ field: 'collaborativeId', message: 'No such collaborative' }]);
    authorizeAction(can, actor, 'assessments.survey.manage', { access: collaborativeAccess(actor, input.collaborativeId) });
    let keys = input.characteristics;
    if (input.profileId) {
      const p = await repo.findProfile(tx, input.profileId);
      if (!p || p.collaborativeId !== input.collaborativeId) throw Errors.validation([{ field: 'profileId', message: 'No such profile in this collaborative' }]);
      keys ??= (p.content as { characteristics: { key: string }[] }).characteristics.map((c) => c.key);
    }
    keys = keys?.length ? keys : CHARACTERISTICS.map((c) => c.key);
    const langErrors = input.languages.flatMap((l, i) => checkLanguage(l, keys!, `languages.${i}`));
    if (new Set(input.languages.map((l) => l.lang)).size !== input.languages.length) langErrors.push({ field: 'languages', message: 'Each language once' });
    if (langErrors.length) throw Errors.validation(langErrors);
    const id = await repo.insertSurvey(tx, {
      collaborativeId: input.collaborativeId, profileId: input.profileId ?? null, title: input.title, titleFr: input.titleFr, characteristics: keys,
      languages: Object.fromEntries(input.languages.map((l) => [l.lang, { name: l.name, title: l.title, questions: l.questions, ui: l.ui }])),
      illustrative: !!opts.illustrative, createdBy: actorUserId(actor),
    });
    return { result: present((await repo.findSurvey(tx, id))!, actor), audit: { action: 'assessments.survey.create', entityType: 'assessments_survey', entityId: id, details: { characteristics: keys.length, languages: input.languages.length } } };
  });
}

async function managed(database: Database, actor: Actor, id: string, tx = database.db) {
  const row = await repo.findSurvey(tx, id);
  const access = row ? collaborativeAccess(actor, row.collaborativeId) : 'public';
  if (!row || !(access === 'manage' || access === 'member')) throw Errors.notFound('Survey');
  return { row, access };
}

export async function listSurveys(database: Database, actor: Actor, collaborativeId: string) {
  const access = collaborativeAccess(actor, collaborativeId);
  if (access !== 'manage' && access !== 'member') throw Errors.notFound('Collaborative');
  authorizeAction(can, actor, 'assessments.survey.manage', { access });
  const rows = await repo.listSurveys(database.db, collaborativeId);
  return { items: rows.map((r) => present(r, actor)), characteristics: CHARACTERISTICS.map(({ key, en, fr }) => ({ key, en, fr })), actions: { 'assessments.survey.create': true } };
}

export async function getSurvey(database: Database, actor: Actor, id: string) {
  const { row, access } = await managed(database, actor, id);
  authorizeAction(can, actor, 'assessments.survey.manage', { access });
  return present(row, actor);
}

export async function addLanguage(database: Database, actor: Actor, meta: RequestMeta, id: string, l: SurveyLanguageInput) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { row, access } = await managed(database, actor, id, tx);
    authorizeAction(can, actor, 'assessments.survey.manage', { access });
    const errors = checkLanguage(l, row.characteristics, 'body');
    if (errors.length) throw Errors.validation(errors.map((e) => ({ ...e, field: e.field.replace(/^body\./, '') })));
    if (row.status === 'closed') throw Errors.conflict('The survey is closed');
    await repo.setSurveyLanguages(tx, id, { ...row.languages, [l.lang]: { name: l.name, title: l.title, questions: l.questions, ui: l.ui } });
    return { result: present((await repo.findSurvey(tx, id))!, actor), audit: { action: 'assessments.survey.language', entityType: 'assessments_survey', entityId: id, details: { lang: l.lang } } };
  });
}

export async function setStatus(database: Database, actor: Actor, meta: RequestMeta, id: string, status: 'open' | 'closed') {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { row, access } = await managed(database, actor, id, tx);
    authorizeAction(can, actor, 'assessments.survey.manage', { access });
    if (status === 'open' && row.status === 'open') throw Errors.conflict('The survey is already open');
    if (status === 'closed' && row.status !== 'open') throw Errors.conflict('Only an open survey closes');
    await repo.setSurveyStatus(tx, id, status);
    return { result: present((await repo.findSurvey(tx, id))!, actor), audit: { action: `assessments.survey.${status === 'open' ? 'open' : 'close'}`, entityType: 'assessments_survey', entityId: id } };
  });
}

/** Counts and mean importance per characteristic, only once at least MIN_RESPONDENTS have answered. */
export async function surveyResults(database: Database, actor: Actor, id: string): Promise<SurveyResults> {
  const { row, access } = await managed(database, actor, id);
  authorizeAction(can, actor, 'assessments.survey.results', { access });
  const suppressed = row.responses < MIN_RESPONDENTS;
  const aggregates = suppressed ? [] : await repo.surveyAggregates(database.db, id);
  // Each characteristic's count of raters goes through the disclosure control: under the minimum, hidden with its mean.
  const { hidden } = protectTable({ threshold: MIN_RESPONDENTS, relations: [], cells: aggregates.map((a) => ({ id: a.key, value: a.count, count: true })) });
  const items = row.characteristics.map((k) => {
    const c = CHARACTERISTICS.find((x) => x.key === k)!;
    const a = aggregates.find((x) => x.key === k);
    const shown = a && !hidden.has(k);
    return { key: k, en: c.en, fr: c.fr, count: shown ? a.count : null, mean: shown ? a.mean : null };
  });
  return { surveyId: id, responses: row.responses, minimum: MIN_RESPONDENTS, suppressed, items, comments: suppressed ? [] : await repo.surveyComments(database.db, id) };
}

// ---------- the public side ----------

/** The reader's language among those offered: an exact match, then the base language, else English. */
export function pickLanguage(wanted: string, offered: string[]): string {
  const list = wanted.toLowerCase().split(/[,;\s]+/).filter(Boolean);
  for (const w of list) {
    const exact = offered.find((o) => o.toLowerCase() === w);
    if (exact) return exact;
    const base = offered.find((o) => o.toLowerCase() === w.split('-')[0]);
    if (base) return base;
  }
  return 'en';
}

export async function publicSurvey(database: Database, id: string, wanted: string) {
  const row = await repo.findSurvey(database.db, id);
  if (!row || row.status === 'draft') throw Errors.notFound('Survey');
  const offered = ['en', 'fr', ...Object.keys(row.languages)];
  const lang = pickLanguage(wanted, offered);
  const extra = row.languages[lang];
  const text = (k: string) => { const c = CHARACTERISTICS.find((x) => x.key === k)!; return extra?.questions[k] ?? (lang === 'fr' ? c.fr : c.en); };
  return {
    id: row.id, status: row.status, lang,
    languages: [{ lang: 'en', name: 'English' }, { lang: 'fr', name: 'Français' }, ...Object.entries(row.languages).map(([l, v]) => ({ lang: l, name: v.name }))],
    title: extra?.title ?? (lang === 'fr' ? row.titleFr : row.title),
    questions: row.characteristics.map((k) => ({ key: k, text: text(k) })),
    ui: extra?.ui ?? {},
  };
}

let processSecret: string | undefined;
/** The server's secret for the digests: configured, else random for this process (documented). */
export function surveySecret(configured?: string): string {
  if (configured) return configured;
  processSecret ??= crypto.randomBytes(32).toString('hex');
  return processSecret;
}

/** SHA-256 of an HMAC: what the submissions table keeps. Neither input can be read back. */
export function digestOf(secret: string, ...parts: string[]): string {
  const mac = crypto.createHmac('sha256', secret).update(parts.join('\u0000')).digest();
  return crypto.createHash('sha256').update(mac).digest('hex');
}

export async function submitResponse(
  database: Database, secret: string, meta: RequestMeta, id: string,
  body: { token: string; lang: string; ratings: Record<string, number>; comment?: string },
) {
  const row = await repo.findSurvey(database.db, id);
  if (!row || row.status === 'draft') throw Errors.notFound('Survey');
  const errors = Object.keys(body.ratings).filter((k) => !row.characteristics.includes(k)).map((k) => ({ field: `ratings.${k}`, message: 'Not a question of this survey' }));
  if (!Object.keys(body.ratings).length && !body.comment?.trim()) errors.push({ field: 'ratings', message: 'Answer at least one question' });
  if (errors.length) throw Errors.validation(errors);
  if (row.status !== 'open') throw Errors.conflict('The survey is closed');
  const day = new Date().toISOString().slice(0, 10);
  const digests = [
    { kind: 'browser' as const, digest: digestOf(secret, 'browser', id, body.token) },
    { kind: 'client_day' as const, digest: digestOf(secret, 'client', id, meta.ip ?? '', meta.userAgent ?? '', day) },
  ];
  const lang = pickLanguage(body.lang, ['en', 'fr', ...Object.keys(row.languages)]);
  // Audited without the request's address or agent: the audit log keeps no identity either.
  return runCommand({ database, actor: systemActor('public survey'), meta: { requestId: meta.requestId } }, async (tx) => {
    if (!(await repo.claimSubmission(tx, id, digests))) throw Errors.conflict('This survey has already been answered from this browser or device today');
    await repo.insertSurveyResponse(tx, { surveyId: id, lang, ratings: body.ratings, comment: body.comment?.trim() || null });
    return { result: { received: true }, audit: { action: 'assessments.survey.respond', entityType: 'assessments_survey', entityId: id } };
  });
}
