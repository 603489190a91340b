/** All SQL of the assessments module. Individual answers are read here and only by this module's services. */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../core/db/database';
import { arrayParam } from '../../core/db/params';
import type { Definition, InstrumentKind } from './assessments.schema';
import type { ScaleLevel } from './assessments.reference';

// ---------- Scales and instruments ----------

export interface ScaleRow {
  id: string;
  key: string;
  version: number;
  nameEn: string;
  nameFr: string;
  source: string;
  levels: ScaleLevel[];
}

const SCALE_COLS = sql`id, key, version, name_en AS "nameEn", name_fr AS "nameFr", source, levels`;

export async function listScales(db: Db): Promise<ScaleRow[]> {
  return rowsOf<ScaleRow>(db, sql`SELECT ${SCALE_COLS} FROM assessments_scales ORDER BY key, version`);
}

export async function findScale(db: Db, id: string): Promise<ScaleRow | undefined> {
  const [row] = await rowsOf<ScaleRow>(db, sql`SELECT ${SCALE_COLS} FROM assessments_scales WHERE id = ${id}`);
  return row;
}

export async function scaleIdByKey(db: Db, key: string, version: number): Promise<string | undefined> {
  const [row] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM assessments_scales WHERE key = ${key} AND version = ${version}`);
  return row?.id;
}

export async function insertScale(db: Db, s: Omit<ScaleRow, 'id'>): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(db, sql`
    INSERT INTO assessments_scales (key, version, name_en, name_fr, source, levels)
    VALUES (${s.key}, ${s.version}, ${s.nameEn}, ${s.nameFr}, ${s.source}, ${JSON.stringify(s.levels)}::jsonb) RETURNING id`);
  return row.id;
}

export interface CrosswalkRow {
  fromScaleId: string;
  toScaleKey: string;
  mapping: Record<string, number>;
  note: string;
}

export async function listCrosswalks(db: Db): Promise<CrosswalkRow[]> {
  return rowsOf<CrosswalkRow>(db, sql`
    SELECT c.from_scale_id AS "fromScaleId", t.key AS "toScaleKey", c.mapping, c.note
    FROM assessments_crosswalks c JOIN assessments_scales t ON t.id = c.to_scale_id ORDER BY t.key`);
}

export async function upsertCrosswalk(db: Db, fromId: string, toId: string, mapping: Record<string, number>, note: string): Promise<void> {
  await db.execute(sql`
    INSERT INTO assessments_crosswalks (from_scale_id, to_scale_id, mapping, note) VALUES (${fromId}, ${toId}, ${JSON.stringify(mapping)}::jsonb, ${note})
    ON CONFLICT (from_scale_id, to_scale_id) DO NOTHING`);
}

export interface InstrumentRow {
  id: string;
  key: string;
  version: number;
  kind: InstrumentKind;
  nameEn: string;
  nameFr: string;
  descriptionEn: string;
  descriptionFr: string;
  source: string;
  scaleId: string | null;
  definition: Definition;
}

const INSTRUMENT_COLS = sql`id, key, version, kind, name_en AS "nameEn", name_fr AS "nameFr", description_en AS "descriptionEn",
  description_fr AS "descriptionFr", source, scale_id AS "scaleId", definition`;

export async function listInstruments(db: Db): Promise<InstrumentRow[]> {
  return rowsOf<InstrumentRow>(db, sql`SELECT ${INSTRUMENT_COLS} FROM assessments_instruments ORDER BY key, version DESC`);
}

export async function findInstrument(db: Db, id: string): Promise<InstrumentRow | undefined> {
  const [row] = await rowsOf<InstrumentRow>(db, sql`SELECT ${INSTRUMENT_COLS} FROM assessments_instruments WHERE id = ${id}`);
  return row;
}

export async function instrumentIdByKey(db: Db, key: string, version?: number): Promise<string | undefined> {
  const [row] = await rowsOf<{ id: string }>(db, version === undefined
    ? sql`SELECT id FROM assessments_instruments WHERE key = ${key} ORDER BY version DESC LIMIT 1`
    : sql`SELECT id FROM assessments_instruments WHERE key = ${key} AND version = ${version}`);
  return row?.id;
}

export async function nextInstrumentVersion(db: Db, key: string): Promise<number> {
  const [row] = await rowsOf<{ v: number }>(db, sql`SELECT COALESCE(MAX(version), 0) + 1 AS v FROM assessments_instruments WHERE key = ${key}`);
  return Number(row.v);
}

export async function insertInstrument(db: Db, i: Omit<InstrumentRow, 'id'>, createdBy: string | null): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(db, sql`
    INSERT INTO assessments_instruments (key, version, kind, name_en, name_fr, description_en, description_fr, source, scale_id, definition, created_by)
    VALUES (${i.key}, ${i.version}, ${i.kind}, ${i.nameEn}, ${i.nameFr}, ${i.descriptionEn}, ${i.descriptionFr}, ${i.source}, ${i.scaleId}, ${JSON.stringify(i.definition)}::jsonb, ${createdBy})
    RETURNING id`);
  return row.id;
}

// ---------- Rounds and roster ----------

export interface RoundRow {
  id: string;
  collaborativeId: string;
  instrumentId: string;
  title: string;
  opensOn: string;
  closesOn: string;
  status: 'open' | 'closed';
  illustrative: boolean;
  version: number;
  rosterSize: number;
  submitted: number;
}

const ROUND_COLS = sql`r.id, r.collaborative_id AS "collaborativeId", r.instrument_id AS "instrumentId", r.title, r.opens_on::text AS "opensOn",
  r.closes_on::text AS "closesOn", r.status, r.illustrative, r.version,
  (SELECT count(*)::int FROM assessments_respondents p WHERE p.round_id = r.id) AS "rosterSize",
  (SELECT count(*)::int FROM assessments_respondents p WHERE p.round_id = r.id AND p.submitted_at IS NOT NULL) AS submitted`;

/** Rounds of the collaboratives given ('all' for everyone's). */
export async function listRounds(db: Db, collaborativeIds: string[] | 'all', collaborativeId?: string): Promise<RoundRow[]> {
  const scope = collaborativeIds === 'all' ? sql`TRUE` : sql`r.collaborative_id = ANY(${arrayParam(collaborativeIds, 'uuid')})`;
  const one = collaborativeId ? sql`AND r.collaborative_id = ${collaborativeId}` : sql``;
  return rowsOf<RoundRow>(db, sql`SELECT ${ROUND_COLS} FROM assessments_rounds r WHERE ${scope} ${one} ORDER BY r.opens_on DESC, r.created_at DESC`);
}

/** Rounds where this user is on the roster (whatever their role in the collaborative). */
export async function roundIdsAnsweredBy(db: Db, userId: string): Promise<string[]> {
  const rows = await rowsOf<{ id: string }>(db, sql`SELECT DISTINCT round_id AS id FROM assessments_respondents WHERE user_id = ${userId}`);
  return rows.map((r) => r.id);
}

export async function roundsByIds(db: Db, ids: string[]): Promise<RoundRow[]> {
  if (!ids.length) return [];
  return rowsOf<RoundRow>(db, sql`SELECT ${ROUND_COLS} FROM assessments_rounds r WHERE r.id = ANY(${arrayParam(ids, 'uuid')}) ORDER BY r.opens_on DESC`);
}

export async function findRound(db: Db, id: string): Promise<RoundRow | undefined> {
  const [row] = await rowsOf<RoundRow>(db, sql`SELECT ${ROUND_COLS} FROM assessments_rounds r WHERE r.id = ${id}`);
  return row;
}

export async function insertRound(db: Db, r: { collaborativeId: string; instrumentId: string; title: string; opensOn: string; closesOn: string; illustrative: boolean; createdBy: string | null }): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(db, sql`
    INSERT INTO assessments_rounds (collaborative_id, instrument_id, title, opens_on, closes_on, illustrative, created_by)
    VALUES (${r.collaborativeId}, ${r.instrumentId}, ${r.title}, ${r.opensOn}, ${r.closesOn}, ${r.illustrative}, ${r.createdBy}) RETURNING id`);
  return row.id;
}

export async function markRoundClosed(db: Db, id: string): Promise<void> {
  await db.execute(sql`UPDATE assessments_rounds SET status = 'closed', closed_at = now(), version = version + 1 WHERE id = ${id}`);
}

/** Open rounds whose closing day has passed. */
export async function dueRoundIds(db: Db, today: string): Promise<string[]> {
  const rows = await rowsOf<{ id: string }>(db, sql`SELECT id FROM assessments_rounds WHERE status = 'open' AND closes_on < ${today}`);
  return rows.map((r) => r.id);
}

export interface RespondentRow {
  id: string;
  roundId: string;
  memberId: string | null;
  organizationId: string | null;
  userId: string | null;
  displayName: string;
  sector: string | null;
  submittedAt: string | null;
  hasToken: boolean;
  lastReminderAt: string | null;
}

const RESPONDENT_COLS = sql`p.id, p.round_id AS "roundId", p.member_id AS "memberId", p.organization_id AS "organizationId", p.user_id AS "userId",
  p.display_name AS "displayName", p.sector, p.submitted_at::text AS "submittedAt", (p.token_hash IS NOT NULL) AS "hasToken",
  (SELECT max(m.sent_at)::text FROM assessments_reminders m WHERE m.respondent_id = p.id) AS "lastReminderAt"`;

export async function insertRespondent(db: Db, roundId: string, p: { memberId: string | null; organizationId: string | null; userId: string | null; displayName: string; sector: string | null; position: number }): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(db, sql`
    INSERT INTO assessments_respondents (round_id, member_id, organization_id, user_id, display_name, sector, position)
    VALUES (${roundId}, ${p.memberId}, ${p.organizationId}, ${p.userId}, ${p.displayName}, ${p.sector}, ${p.position}) RETURNING id`);
  return row.id;
}

export async function roster(db: Db, roundId: string): Promise<RespondentRow[]> {
  return rowsOf<RespondentRow>(db, sql`SELECT ${RESPONDENT_COLS} FROM assessments_respondents p WHERE p.round_id = ${roundId} ORDER BY p.position, p.display_name`);
}

export async function respondentForUser(db: Db, roundId: string, userId: string): Promise<RespondentRow | undefined> {
  const [row] = await rowsOf<RespondentRow>(db, sql`SELECT ${RESPONDENT_COLS} FROM assessments_respondents p WHERE p.round_id = ${roundId} AND p.user_id = ${userId} LIMIT 1`);
  return row;
}

export async function respondentByTokenHash(db: Db, hash: string): Promise<RespondentRow | undefined> {
  const [row] = await rowsOf<RespondentRow>(db, sql`SELECT ${RESPONDENT_COLS} FROM assessments_respondents p WHERE p.token_hash = ${hash}`);
  return row;
}

export async function setTokenHash(db: Db, respondentId: string, hash: string): Promise<void> {
  await db.execute(sql`UPDATE assessments_respondents SET token_hash = ${hash} WHERE id = ${respondentId}`);
}

export async function markSubmitted(db: Db, respondentId: string): Promise<void> {
  await db.execute(sql`UPDATE assessments_respondents SET submitted_at = now() WHERE id = ${respondentId} AND submitted_at IS NULL`);
}

// ---------- Answers (never leave the module) ----------

export interface AnswerRow {
  respondentId: string;
  targetId: string | null;
  theme: string;
  item: string;
  value: number;
}

export async function answersOf(db: Db, respondentId: string): Promise<AnswerRow[]> {
  return rowsOf<AnswerRow>(db, sql`SELECT respondent_id AS "respondentId", target_id AS "targetId", theme, item, value FROM assessments_answers WHERE respondent_id = ${respondentId}`);
}

/** Every answer of a round: read only to compute the aggregates at close. */
export async function answersOfRound(db: Db, roundId: string): Promise<AnswerRow[]> {
  return rowsOf<AnswerRow>(db, sql`SELECT respondent_id AS "respondentId", target_id AS "targetId", theme, item, value FROM assessments_answers WHERE round_id = ${roundId}`);
}

/**
 * A respondent's answers, in one statement whatever their number: a new answer is added, an
 * answer to the same item (and partner) replaces the one before. When an item comes twice in
 * one save, the last one counts.
 */
export async function saveAnswers(db: Db, roundId: string, respondentId: string, answers: { targetId: string | null; theme: string; item: string; value: number }[]): Promise<void> {
  const last = new Map(answers.map((a) => [JSON.stringify([a.targetId, a.theme, a.item]), a]));
  if (!last.size) return;
  const rows = JSON.stringify([...last.values()].map((a) => ({ target_id: a.targetId, theme: a.theme, item: a.item, value: a.value })));
  await db.execute(sql`
    INSERT INTO assessments_answers (round_id, respondent_id, target_id, theme, item, value)
    SELECT ${roundId}, ${respondentId}, x.target_id, x.theme, x.item, x.value FROM json_to_recordset(${rows}::json) AS x(target_id uuid, theme text, item text, value integer)
    ON CONFLICT (respondent_id, COALESCE(target_id, '00000000-0000-0000-0000-000000000000'::uuid), theme, item)
    DO UPDATE SET round_id = EXCLUDED.round_id, value = EXCLUDED.value, answered_at = EXCLUDED.answered_at`);
}

// ---------- Results ----------

export interface ResultRow {
  roundId: string;
  computedAt: string;
  method: { version: number; minRespondents: number; en: string; fr: string };
  results: Record<string, unknown>;
}

export async function insertResults(db: Db, roundId: string, method: unknown, results: unknown): Promise<void> {
  await db.execute(sql`INSERT INTO assessments_results (round_id, method, results) VALUES (${roundId}, ${JSON.stringify(method)}::jsonb, ${JSON.stringify(results)}::jsonb)`);
}

export async function findResults(db: Db, roundId: string): Promise<ResultRow | undefined> {
  const [row] = await rowsOf<ResultRow>(db, sql`SELECT round_id AS "roundId", computed_at::text AS "computedAt", method, results FROM assessments_results WHERE round_id = ${roundId}`);
  return row;
}

export async function closedResultsFor(db: Db, collaborativeId: string, instrumentKey: string): Promise<(ResultRow & { title: string; closesOn: string; illustrative: boolean })[]> {
  return rowsOf(db, sql`
    SELECT x.round_id AS "roundId", x.computed_at::text AS "computedAt", x.method, x.results, r.title, r.closes_on::text AS "closesOn", r.illustrative
    FROM assessments_results x JOIN assessments_rounds r ON r.id = x.round_id JOIN assessments_instruments i ON i.id = r.instrument_id
    WHERE r.collaborative_id = ${collaborativeId} AND i.key = ${instrumentKey} ORDER BY r.closes_on, r.created_at`);
}

// ---------- Reminders and follow-ups ----------

export async function insertReminder(db: Db, roundId: string, respondentId: string, sentBy: string): Promise<void> {
  await db.execute(sql`INSERT INTO assessments_reminders (round_id, respondent_id, sent_by) VALUES (${roundId}, ${respondentId}, ${sentBy})`);
}

export async function insertFollowUp(db: Db, f: { roundId: string; kind: string; targetId: string; finding: string; createdBy: string | null }) {
  const [row] = await rowsOf<{ id: string; kind: 'meeting_agenda' | 'strategy_action'; targetId: string; finding: string; createdAt: string }>(db, sql`
    INSERT INTO assessments_follow_ups (round_id, kind, target_id, finding, created_by) VALUES (${f.roundId}, ${f.kind}, ${f.targetId}, ${f.finding}, ${f.createdBy})
    RETURNING id, kind, target_id AS "targetId", finding, created_at::text AS "createdAt"`);
  return row;
}

// ---------- Welcoming-community profiles ----------

export interface ProfileRow {
  id: string;
  collaborativeId: string;
  geographyId: string;
  title: string;
  framework: { key: string; version: number; en: string; fr: string };
  content: Record<string, unknown>;
  isPublic: boolean;
  illustrative: boolean;
  createdAt: string;
}

const PROFILE_COLS = sql`id, collaborative_id AS "collaborativeId", geography_id AS "geographyId", title, framework, content, is_public AS "isPublic", illustrative, created_at::text AS "createdAt"`;

export async function insertProfile(db: Db, p: Omit<ProfileRow, 'id' | 'createdAt' | 'isPublic'> & { createdBy: string | null }): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(db, sql`
    INSERT INTO assessments_welcoming_profiles (collaborative_id, geography_id, title, framework, content, illustrative, created_by)
    VALUES (${p.collaborativeId}, ${p.geographyId}, ${p.title}, ${JSON.stringify(p.framework)}::jsonb, ${JSON.stringify(p.content)}::jsonb, ${p.illustrative}, ${p.createdBy}) RETURNING id`);
  return row.id;
}

export async function findProfile(db: Db, id: string): Promise<ProfileRow | undefined> {
  const [row] = await rowsOf<ProfileRow>(db, sql`SELECT ${PROFILE_COLS} FROM assessments_welcoming_profiles WHERE id = ${id}`);
  return row;
}

export async function listProfiles(db: Db, collaborativeIds: string[] | 'all'): Promise<ProfileRow[]> {
  const scope = collaborativeIds === 'all' ? sql`TRUE` : sql`collaborative_id = ANY(${arrayParam(collaborativeIds, 'uuid')})`;
  return rowsOf<ProfileRow>(db, sql`SELECT ${PROFILE_COLS} FROM assessments_welcoming_profiles WHERE ${scope} ORDER BY created_at DESC`);
}

export async function setProfilePublic(db: Db, id: string, isPublic: boolean): Promise<void> {
  await db.execute(sql`UPDATE assessments_welcoming_profiles SET is_public = ${isPublic} WHERE id = ${id}`);
}

export interface PlaceName {
  id: string;
  code: string;
  nameEn: string;
  nameFr: string;
}

/** Names of places (core reference table, read-only). */
export async function placesByIds(db: Db, ids: string[]): Promise<PlaceName[]> {
  if (!ids.length) return [];
  return rowsOf<PlaceName>(db, sql`SELECT id, code, name_en AS "nameEn", coalesce(name_fr, name_en) AS "nameFr" FROM geographies WHERE id = ANY(${arrayParam(ids, 'uuid')})`);
}

export async function placesByCodes(db: Db, codes: string[]): Promise<PlaceName[]> {
  if (!codes.length) return [];
  return rowsOf<PlaceName>(db, sql`SELECT id, code, name_en AS "nameEn", coalesce(name_fr, name_en) AS "nameFr" FROM geographies WHERE code = ANY(${arrayParam(codes, 'text')}) ORDER BY name_en`);
}

// ---------- Community surveys ----------

export interface SurveyRow {
  id: string;
  collaborativeId: string;
  profileId: string | null;
  title: string;
  titleFr: string;
  status: 'draft' | 'open' | 'closed';
  characteristics: string[];
  languages: Record<string, { name: string; title: string; questions: Record<string, string>; ui: Record<string, string> }>;
  illustrative: boolean;
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
  responses: number;
}

const SURVEY_COLS = sql`s.id, s.collaborative_id AS "collaborativeId", s.profile_id AS "profileId", s.title, s.title_fr AS "titleFr", s.status, s.characteristics, s.languages,
  s.illustrative, s.created_at::text AS "createdAt", s.opened_at::text AS "openedAt", s.closed_at::text AS "closedAt",
  (SELECT count(*)::int FROM assessments_survey_responses r WHERE r.survey_id = s.id) AS responses`;

export async function insertSurvey(db: Db, s: Pick<SurveyRow, 'collaborativeId' | 'profileId' | 'title' | 'titleFr' | 'characteristics' | 'languages' | 'illustrative'> & { createdBy: string | null }): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(db, sql`
    INSERT INTO assessments_surveys (collaborative_id, profile_id, title, title_fr, characteristics, languages, illustrative, created_by)
    VALUES (${s.collaborativeId}, ${s.profileId}, ${s.title}, ${s.titleFr}, ${JSON.stringify(s.characteristics)}::jsonb, ${JSON.stringify(s.languages)}::jsonb, ${s.illustrative}, ${s.createdBy}) RETURNING id`);
  return row.id;
}

export async function findSurvey(db: Db, id: string): Promise<SurveyRow | undefined> {
  const [row] = await rowsOf<SurveyRow>(db, sql`SELECT ${SURVEY_COLS} FROM assessments_surveys s WHERE s.id = ${id}`);
  return row;
}

export async function listSurveys(db: Db, collaborativeId: string): Promise<SurveyRow[]> {
  return rowsOf<SurveyRow>(db, sql`SELECT ${SURVEY_COLS} FROM assessments_surveys s WHERE s.collaborative_id = ${collaborativeId} ORDER BY s.created_at DESC`);
}

export async function setSurveyLanguages(db: Db, id: string, languages: SurveyRow['languages']): Promise<void> {
  await db.execute(sql`UPDATE assessments_surveys SET languages = ${JSON.stringify(languages)}::jsonb WHERE id = ${id}`);
}

export async function setSurveyStatus(db: Db, id: string, status: 'open' | 'closed'): Promise<void> {
  await db.execute(status === 'open'
    ? sql`UPDATE assessments_surveys SET status = 'open', opened_at = COALESCE(opened_at, now()) WHERE id = ${id}`
    : sql`UPDATE assessments_surveys SET status = 'closed', closed_at = now() WHERE id = ${id}`);
}

/** Records the submission digests; false when either was already there (a repeat). */
export async function claimSubmission(db: Db, surveyId: string, digests: { kind: 'browser' | 'client_day'; digest: string }[]): Promise<boolean> {
  for (const d of digests) {
    const rows = await rowsOf<{ digest: string }>(db, sql`
      INSERT INTO assessments_survey_submissions (survey_id, kind, digest) VALUES (${surveyId}, ${d.kind}, ${d.digest})
      ON CONFLICT DO NOTHING RETURNING digest`);
    if (!rows.length) return false;
  }
  return true;
}

export async function insertSurveyResponse(db: Db, r: { surveyId: string; lang: string; ratings: Record<string, number>; comment: string | null }): Promise<void> {
  await db.execute(sql`INSERT INTO assessments_survey_responses (survey_id, lang, ratings, comment) VALUES (${r.surveyId}, ${r.lang}, ${JSON.stringify(r.ratings)}::jsonb, ${r.comment})`);
}

export async function surveyAggregates(db: Db, surveyId: string): Promise<{ key: string; count: number; mean: number }[]> {
  return rowsOf(db, sql`
    SELECT e.key, count(*)::int AS count, round(avg(e.value::int), 2)::float8 AS mean
    FROM assessments_survey_responses r, jsonb_each_text(r.ratings) e
    WHERE r.survey_id = ${surveyId} GROUP BY e.key`);
}

export async function surveyComments(db: Db, surveyId: string): Promise<string[]> {
  const rows = await rowsOf<{ comment: string }>(db, sql`SELECT comment FROM assessments_survey_responses WHERE survey_id = ${surveyId} AND comment IS NOT NULL AND comment <> '' ORDER BY random()`);
  return rows.map((r) => r.comment);
}

// ---------- Plan actions linked to welcoming characteristics ----------

export async function listActionLinks(db: Db, collaborativeId: string): Promise<{ characteristicKey: string; actionId: string }[]> {
  return rowsOf(db, sql`SELECT characteristic_key AS "characteristicKey", action_id AS "actionId" FROM assessments_characteristic_actions WHERE collaborative_id = ${collaborativeId} ORDER BY created_at`);
}

export async function linkAction(db: Db, v: { collaborativeId: string; characteristicKey: string; actionId: string; createdBy: string | null }): Promise<void> {
  await db.execute(sql`INSERT INTO assessments_characteristic_actions (collaborative_id, characteristic_key, action_id, created_by)
    VALUES (${v.collaborativeId}, ${v.characteristicKey}, ${v.actionId}, ${v.createdBy}) ON CONFLICT DO NOTHING`);
}

export async function unlinkAction(db: Db, v: { collaborativeId: string; characteristicKey: string; actionId: string }): Promise<void> {
  await db.execute(sql`DELETE FROM assessments_characteristic_actions WHERE collaborative_id = ${v.collaborativeId} AND characteristic_key = ${v.characteristicKey} AND action_id = ${v.actionId}`);
}
