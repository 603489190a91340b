/** SQL of screening instruments, assessments and service matching (intake.screening.ts). Organizations joined read-only for names (ADR 0009). */
import { sql } from 'drizzle-orm';
import type { Actor } from '../../../core/accounts/actor';
import { rowsOf, type Db } from '../../../core/db/database';
import { arrayParam } from '../../../core/db/params';
import { covers } from './consent';

type Row = Record<string, unknown>;

export function instrumentRows(db: Db): Promise<Row[]> {
  return rowsOf<Row>(db, sql`SELECT * FROM intake_instruments ORDER BY code, instrument_version DESC`);
}

export async function instrumentRow(db: Db, id: string): Promise<Row | undefined> {
  const [r] = await rowsOf<Row>(db, sql`SELECT * FROM intake_instruments WHERE id = ${id}::uuid`);
  return r;
}

/** The next version of `code`, published at once or as a draft. */
export async function insertInstrument(tx: Db, i: { code: string; name: string; definition: unknown; publish: boolean }): Promise<Row> {
  const [r] = await rowsOf<Row>(tx, sql`INSERT INTO intake_instruments (code, instrument_version, name, definition, status, published_at)
      VALUES (${i.code}, (SELECT coalesce(max(instrument_version), 0) + 1 FROM intake_instruments WHERE code = ${i.code}), ${i.name}, ${JSON.stringify(i.definition)}::jsonb,
        ${i.publish ? 'published' : 'draft'}, ${i.publish ? sql`now()` : sql`NULL`}) RETURNING *`);
  return r;
}

export async function updateInstrumentRow(tx: Db, id: string, version: number, input: { name?: string; definition?: unknown }): Promise<Row | undefined> {
  const [r] = await rowsOf<Row>(tx, sql`UPDATE intake_instruments SET name = coalesce(${input.name ?? null}, name),
      definition = coalesce(${input.definition ? JSON.stringify(input.definition) : null}::jsonb, definition), version = version + 1
      WHERE id = ${id}::uuid AND version = ${version} RETURNING *`);
  return r;
}

/** Moves a version from one status to the next: draft → published, published → retired. */
export async function setInstrumentStatus(tx: Db, id: string, to: 'published' | 'retired'): Promise<Row | undefined> {
  const [r] = to === 'published'
    ? await rowsOf<Row>(tx, sql`UPDATE intake_instruments SET status = 'published', published_at = now(), version = version + 1 WHERE id = ${id}::uuid AND status = 'draft' RETURNING *`)
    : await rowsOf<Row>(tx, sql`UPDATE intake_instruments SET status = 'retired', version = version + 1 WHERE id = ${id}::uuid AND status = 'published' RETURNING *`);
  return r;
}

export async function draftVersionOf(tx: Db, code: string): Promise<number | undefined> {
  const [draft] = await rowsOf<Row>(tx, sql`SELECT instrument_version FROM intake_instruments WHERE code = ${code} AND status = 'draft'`);
  return draft ? (draft.instrument_version as number) : undefined;
}

/** A draft copy of a version, numbered next for its code. */
export async function copyInstrumentAsDraft(tx: Db, id: string, code: string): Promise<Row> {
  const [r] = await rowsOf<Row>(tx, sql`INSERT INTO intake_instruments (code, instrument_version, name, definition, status)
      SELECT code, (SELECT max(instrument_version) + 1 FROM intake_instruments WHERE code = ${code}), name, definition, 'draft'
      FROM intake_instruments WHERE id = ${id}::uuid RETURNING *`);
  return r;
}

export async function deleteDraftInstrument(tx: Db, id: string): Promise<Row | undefined> {
  const [r] = await rowsOf<Row>(tx, sql`DELETE FROM intake_instruments WHERE id = ${id}::uuid AND status = 'draft' RETURNING code, instrument_version`);
  return r;
}

export async function insertAssessment(tx: Db, a: { clientId: string; instrumentId: string; instrumentVersion: number; organizationId: string | null; answersEnc: string; acuity: unknown; needs: unknown; municipalityId: string | null; userId: string | null }): Promise<Row> {
  const [r] = await rowsOf<Row>(tx, sql`INSERT INTO intake_assessments (client_id, instrument_id, organization_id, answers_enc, acuity, needs, municipality_id, assessed_by)
      VALUES (${a.clientId}::uuid, ${a.instrumentId}::uuid, ${a.organizationId}::uuid, ${a.answersEnc}, ${JSON.stringify(a.acuity)}::jsonb, ${JSON.stringify(a.needs)}::jsonb, ${a.municipalityId}::uuid, ${a.userId}::uuid)
      RETURNING *, ${a.instrumentVersion}::int AS instrument_version`);
  return r;
}

export function assessmentRows(tx: Db, clientId: string): Promise<Row[]> {
  return rowsOf<Row>(tx, sql`SELECT a.*, i.instrument_version FROM intake_assessments a JOIN intake_instruments i ON i.id = a.instrument_id
      WHERE a.client_id = ${clientId}::uuid ORDER BY a.assessed_at`);
}

/** The latest assessment's needs and acuity, only under a consent covering assessment data. */
export async function latestAssessment(tx: Db, actor: Actor, clientId: string): Promise<Row | undefined> {
  const [latest] = await rowsOf<Row>(tx, sql`SELECT a.needs, a.acuity FROM intake_assessments a WHERE a.client_id = ${clientId}::uuid AND ${covers(actor, sql`a.client_id`, 'assessment')} ORDER BY a.assessed_at DESC LIMIT 1`);
  return latest;
}

export function organizationNames(tx: Db, ids: string[]): Promise<Row[]> {
  return rowsOf<Row>(tx, sql`SELECT id, legal_name FROM organizations WHERE id::text = ANY (${arrayParam(ids, 'text')})`);
}

/** Bundles whose needs are all among `codes` and that fit a client of this acuity. */
export function fittingBundles(tx: Db, codes: string[], minAcuity: number): Promise<Row[]> {
  return rowsOf<Row>(tx, sql`SELECT id, name, description, need_codes, max_acuity, service_ids FROM intake_bundles WHERE need_codes <@ ${arrayParam(codes, 'text')} AND max_acuity >= ${minAcuity} ORDER BY name`);
}
