/** All SQL of the pathways module. Core's organizations are joined read-only for names (ADR 0009). */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../core/db/database';
import { arrayParam } from '../../core/db/params';
import type { Step } from './pathways.schema';
import type { DrawingStep } from './pathways.compare';

export interface PathwayRow {
  id: string;
  collaborativeId: string;
  name: string;
  nameFr: string;
  scenario: string;
  scenarioFr: string;
  population: string;
  geographyId: string | null;
  reviewDate: string | null;
  steps: Step[];
  basedOnId: string | null;
  basedOnVersion: number | null;
  publishedVersion: number | null;
  version: number;
}

const columns = sql`p.id, p.collaborative_id AS "collaborativeId", p.name, p.name_fr AS "nameFr", p.scenario, p.scenario_fr AS "scenarioFr", p.population,
  p.geography_id AS "geographyId", to_char(p.review_date, 'YYYY-MM-DD') AS "reviewDate", p.steps, p.based_on_id AS "basedOnId", p.based_on_version AS "basedOnVersion", p.version,
  (SELECT max(v.number) FROM pathway_versions v WHERE v.pathway_id = p.id) AS "publishedVersion"`;

/** Pathways, optionally of some collaboratives only ('all': no filter). */
export function listPathways(db: Db, f: { collaborativeIds: string[] | 'all'; collaborativeId?: string }): Promise<PathwayRow[]> {
  const scope = f.collaborativeIds === 'all' ? sql`true` : sql`p.collaborative_id = ANY(${arrayParam(f.collaborativeIds, 'uuid')})`;
  const one = f.collaborativeId ? sql`p.collaborative_id = ${f.collaborativeId}` : sql`true`;
  return rowsOf<PathwayRow>(db, sql`SELECT ${columns} FROM pathways p WHERE ${scope} AND ${one} ORDER BY p.name`);
}

export async function findPathway(db: Db, id: string): Promise<PathwayRow | undefined> {
  const [row] = await rowsOf<PathwayRow>(db, sql`SELECT ${columns} FROM pathways p WHERE p.id = ${id}`);
  return row;
}

export async function findPathwayByName(db: Db, collaborativeId: string, name: string): Promise<PathwayRow | undefined> {
  const [row] = await rowsOf<PathwayRow>(db, sql`SELECT ${columns} FROM pathways p WHERE p.collaborative_id = ${collaborativeId} AND lower(p.name) = lower(${name})`);
  return row;
}

export interface PathwayValues {
  name: string;
  nameFr: string;
  scenario: string;
  scenarioFr: string;
  population: string;
  geographyId: string | null;
  reviewDate: string | null;
  steps: Step[];
}

export async function insertPathway(db: Db, collaborativeId: string, v: PathwayValues, createdBy: string | null, base?: { id: string; version: number | null }): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(db, sql`
    INSERT INTO pathways (collaborative_id, name, name_fr, scenario, scenario_fr, population, geography_id, review_date, steps, based_on_id, based_on_version, created_by)
    VALUES (${collaborativeId}, ${v.name}, ${v.nameFr}, ${v.scenario}, ${v.scenarioFr}, ${v.population}, ${v.geographyId}, ${v.reviewDate}, ${JSON.stringify(v.steps)}::jsonb,
      ${base?.id ?? null}, ${base?.version ?? null}, ${createdBy}) RETURNING id`);
  return row!.id;
}

/** Saves the draft when `version` is still the current one; false when stale. */
export async function updatePathway(db: Db, id: string, version: number, v: PathwayValues): Promise<boolean> {
  const rows = await rowsOf<{ id: string }>(db, sql`
    UPDATE pathways SET name = ${v.name}, name_fr = ${v.nameFr}, scenario = ${v.scenario}, scenario_fr = ${v.scenarioFr}, population = ${v.population},
      geography_id = ${v.geographyId}, review_date = ${v.reviewDate}, steps = ${JSON.stringify(v.steps)}::jsonb, version = version + 1, updated_at = now()
    WHERE id = ${id} AND version = ${version} RETURNING id`);
  return rows.length === 1;
}

export async function bumpVersion(db: Db, id: string, version: number): Promise<boolean> {
  const rows = await rowsOf<{ id: string }>(db, sql`UPDATE pathways SET version = version + 1, updated_at = now() WHERE id = ${id} AND version = ${version} RETURNING id`);
  return rows.length === 1;
}

export async function acknowledgeBase(db: Db, id: string, baseVersion: number | null): Promise<void> {
  await rowsOf(db, sql`UPDATE pathways SET based_on_version = ${baseVersion}, version = version + 1, updated_at = now() WHERE id = ${id}`);
}

export async function deletePathway(db: Db, id: string): Promise<void> {
  await rowsOf(db, sql`DELETE FROM pathways WHERE id = ${id}`);
}

// ---------- Versions ----------

export interface VersionRow {
  number: number;
  name: string;
  nameFr: string;
  scenario: string;
  scenarioFr: string;
  population: string;
  reviewDate: string | null;
  steps: Step[];
  note: string;
  publishedAt: Date;
}

const versionColumns = sql`v.number, v.name, v.name_fr AS "nameFr", v.scenario, v.scenario_fr AS "scenarioFr", v.population, to_char(v.review_date, 'YYYY-MM-DD') AS "reviewDate", v.steps, v.note, v.published_at AS "publishedAt"`;

export async function insertVersion(db: Db, p: PathwayRow, note: string, by: string | null): Promise<number> {
  const [row] = await rowsOf<{ number: number }>(db, sql`
    INSERT INTO pathway_versions (pathway_id, number, name, name_fr, scenario, scenario_fr, population, review_date, steps, note, published_by)
    SELECT ${p.id}, coalesce(max(number), 0) + 1, ${p.name}, ${p.nameFr}, ${p.scenario}, ${p.scenarioFr}, ${p.population}, ${p.reviewDate}, ${JSON.stringify(p.steps)}::jsonb, ${note}, ${by}
    FROM pathway_versions WHERE pathway_id = ${p.id} RETURNING number`);
  return row!.number;
}

export function listVersions(db: Db, pathwayId: string): Promise<VersionRow[]> {
  return rowsOf<VersionRow>(db, sql`SELECT ${versionColumns} FROM pathway_versions v WHERE v.pathway_id = ${pathwayId} ORDER BY v.number DESC`);
}

export async function findVersion(db: Db, pathwayId: string, number?: number): Promise<VersionRow | undefined> {
  const which = number === undefined ? sql`true` : sql`v.number = ${number}`;
  const [row] = await rowsOf<VersionRow>(db, sql`SELECT ${versionColumns} FROM pathway_versions v WHERE v.pathway_id = ${pathwayId} AND ${which} ORDER BY v.number DESC LIMIT 1`);
  return row;
}

export function listCopies(db: Db, baseId: string): Promise<{ id: string; name: string; collaborativeId: string }[]> {
  return rowsOf(db, sql`SELECT id, name, collaborative_id AS "collaborativeId" FROM pathways WHERE based_on_id = ${baseId} ORDER BY name`);
}

// ---------- Public ----------

export interface PublishedRow extends VersionRow {
  id: string;
  collaborativeId: string;
}

/** Published pathways (their latest version), optionally only those whose steps name a service. */
export function listPublished(db: Db, f: { serviceId?: string }): Promise<PublishedRow[]> {
  const service = f.serviceId ? sql`EXISTS (SELECT 1 FROM jsonb_array_elements(v.steps) s WHERE s->'serviceIds' ? ${f.serviceId})` : sql`true`;
  return rowsOf<PublishedRow>(db, sql`
    SELECT p.id, p.collaborative_id AS "collaborativeId", ${versionColumns}
    FROM pathways p JOIN LATERAL (SELECT * FROM pathway_versions x WHERE x.pathway_id = p.id ORDER BY x.number DESC LIMIT 1) v ON true
    WHERE ${service} ORDER BY v.name`);
}

// ---------- Workshop ----------

export interface DrawingRow { id: string; participant: string; steps: DrawingStep[]; createdAt: Date }

export function listDrawings(db: Db, pathwayId: string): Promise<DrawingRow[]> {
  return rowsOf<DrawingRow>(db, sql`SELECT id, participant, steps, created_at AS "createdAt" FROM pathway_drawings WHERE pathway_id = ${pathwayId} ORDER BY created_at, id`);
}

export async function insertDrawing(db: Db, pathwayId: string, participant: string, steps: DrawingStep[], by: string | null): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(db, sql`INSERT INTO pathway_drawings (pathway_id, participant, steps, created_by) VALUES (${pathwayId}, ${participant}, ${JSON.stringify(steps)}::jsonb, ${by}) RETURNING id`);
  return row!.id;
}

// ---------- Feedback ----------

export interface FeedbackRow { id: string; answer: 'yes' | 'partly' | 'no'; comment: string; stepKey: string | null; lang: string; versionNumber: number | null; createdAt: Date }

export async function insertFeedback(db: Db, pathwayId: string, v: { answer: string; comment: string; stepKey: string | null; lang: string; versionNumber: number | null }): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(db, sql`
    INSERT INTO pathway_feedback (pathway_id, version_number, answer, comment, step_key, lang) VALUES (${pathwayId}, ${v.versionNumber}, ${v.answer}, ${v.comment}, ${v.stepKey}, ${v.lang}) RETURNING id`);
  return row!.id;
}

export function listFeedback(db: Db, pathwayId: string): Promise<FeedbackRow[]> {
  return rowsOf<FeedbackRow>(db, sql`SELECT id, answer, comment, step_key AS "stepKey", lang, version_number AS "versionNumber", created_at AS "createdAt" FROM pathway_feedback WHERE pathway_id = ${pathwayId} ORDER BY created_at DESC LIMIT 200`);
}

// ---------- Reference names ----------

export async function organizationNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await rowsOf<{ id: string; name: string }>(db, sql`SELECT id, legal_name AS name FROM organizations WHERE id = ANY(${arrayParam(ids, 'uuid')})`);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function organizationIdByName(db: Db, name: string): Promise<string | undefined> {
  const [row] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM organizations WHERE lower(legal_name) = lower(${name}) LIMIT 1`);
  return row?.id;
}

export async function geographyExists(db: Db, id: string): Promise<boolean> {
  return (await rowsOf(db, sql`SELECT 1 FROM geographies WHERE id = ${id}`)).length === 1;
}

export async function geographyIdByCode(db: Db, code: string): Promise<string | undefined> {
  const [row] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM geographies WHERE code = ${code}`);
  return row?.id;
}
