/** SQL of client records, consent directives, break-the-glass grants, merges and the privacy tools (intake.clients.ts). */
import { sql } from 'drizzle-orm';
import type { Actor } from '../../../core/accounts/actor';
import { rowsOf, type Db } from '../../../core/db/database';
import { arrayParam } from '../../../core/db/params';
import { coveredCategories, covers } from './consent';
import type { DataCategory } from '../intake.schema';

type Row = Record<string, unknown>;
const uuidArray = (ids: readonly string[]) => arrayParam(ids, 'uuid');

/** Category flags computed in SQL; personal columns come back NULL where consent does not cover them. */
function clientSelect(actor: Actor) {
  const cov = (k: DataCategory) => sql`${k} = ANY (cv.cats)`;
  return sql`SELECT c.id, c.home_organization_id, c.preferred_language, c.municipality_id, c.settlement_stage, c.is_fictional,
      c.status, c.closed_at, c.closed_reason, c.merged_into, c.version, c.created_at,
      CASE WHEN ${cov('identity')} THEN c.name_enc END AS name_enc,
      CASE WHEN ${cov('identity')} THEN c.preferred_name_enc END AS preferred_name_enc,
      CASE WHEN ${cov('identity')} THEN c.birth_date_enc END AS birth_date_enc,
      CASE WHEN ${cov('identity')} THEN c.identifiers_enc END AS identifiers_enc,
      CASE WHEN ${cov('contact')} THEN c.contact_enc END AS contact_enc,
      CASE WHEN ${cov('demographics')} THEN c.household_enc END AS household_enc,
      CASE WHEN ${cov('demographics')} THEN c.immigration_category_enc END AS immigration_category_enc,
      cv.cats AS categories,
      ${actor.kind === 'user' ? sql`EXISTS (SELECT 1 FROM intake_emergency_access e WHERE e.client_id = c.id AND e.user_id = ${actor.userId}::uuid AND e.expires_at > now())` : sql`false`} AS emergency
    FROM intake_clients c CROSS JOIN LATERAL (SELECT ${coveredCategories(actor, sql.raw('c.id'))} AS cats OFFSET 0) cv`;
}

/** One client as the actor may see it, only if some consent (or emergency grant) covers identity. */
export async function visibleClientRow(tx: Db, actor: Actor, id: string): Promise<Row | undefined> {
  const [row] = await rowsOf<Row>(tx, sql`${clientSelect(actor)} WHERE c.id = ${id}::uuid AND ${covers(actor, sql`c.id`, 'identity')}`);
  return row;
}

/** Clients with this date-of-birth index sharing a name token, among those the actor may see, best match first. */
export function duplicateRows(tx: Db, actor: Actor, tokens: string[], birthDateIndex: string | null, homeOrganizationId?: string): Promise<Row[]> {
  return rowsOf<Row>(tx, sql`${clientSelect(actor)} WHERE c.birth_date_index = ${birthDateIndex} AND c.status <> 'merged'
    AND c.name_index && ${arrayParam(tokens, 'text')} AND ${covers(actor, sql`c.id`, 'identity')}
    ${homeOrganizationId ? sql`AND c.home_organization_id = ${homeOrganizationId}::uuid` : sql``}
    ORDER BY cardinality(ARRAY(SELECT unnest(c.name_index) INTERSECT SELECT unnest(${arrayParam(tokens, 'text')}))) DESC LIMIT 10`);
}

/** The search of the client list: consent in the query, merged records left out, newest first. */
export function clientListRows(tx: Db, actor: Actor, f: { exact?: string[]; phonetic?: string[]; birthDateIndex?: string | null }): Promise<Row[]> {
  const where = [sql`${covers(actor, sql`c.id`, 'identity')}`, sql`c.status <> 'merged'`];
  if (f.exact?.length) where.push(sql`(c.name_index && ${arrayParam(f.exact, 'text')} OR c.name_index @> ${arrayParam(f.phonetic ?? [], 'text')})`);
  if (f.birthDateIndex !== undefined) where.push(sql`c.birth_date_index = ${f.birthDateIndex}`);
  return rowsOf<Row>(tx, sql`${clientSelect(actor)} WHERE ${sql.join(where, sql` AND `)} ORDER BY c.created_at DESC LIMIT 50`);
}

/** Encrypted values and blind indexes of a client record, as the service computed them. */
export interface SealedClient {
  nameEnc: string | null; preferredNameEnc: string | null; birthDateEnc: string | null; contactEnc: string | null; identifiersEnc: string | null;
  householdEnc: string | null; immigrationCategoryEnc: string | null; nameIndex: string[]; birthDateIndex: string | null;
  preferredLanguage: string | null; municipalityId: string | null; settlementStage: string | null;
}

export async function insertClient(tx: Db, c: SealedClient & { homeOrganizationId: string; isFictional: boolean; userId: string | null }): Promise<string> {
  const [row] = await rowsOf<Row>(tx, sql`INSERT INTO intake_clients (home_organization_id, name_enc, preferred_name_enc, birth_date_enc, contact_enc, identifiers_enc, household_enc,
        immigration_category_enc, name_index, birth_date_index, preferred_language, municipality_id, settlement_stage, is_fictional, assigned_user_id, created_by)
      VALUES (${c.homeOrganizationId}::uuid, ${c.nameEnc}, ${c.preferredNameEnc}, ${c.birthDateEnc},
        ${c.contactEnc}, ${c.identifiersEnc},
        ${c.householdEnc}, ${c.immigrationCategoryEnc},
        ${arrayParam(c.nameIndex, 'text')}, ${c.birthDateIndex},
        ${c.preferredLanguage}, ${c.municipalityId}::uuid, ${c.settlementStage}, ${c.isFictional}, ${c.userId}::uuid, ${c.userId}::uuid)
      RETURNING id`);
  return row.id as string;
}

/** Optimistic update: false when the version moved on. */
export async function updateClientRow(tx: Db, id: string, version: number, c: SealedClient): Promise<boolean> {
  const rows = await rowsOf<Row>(tx, sql`UPDATE intake_clients SET name_enc = ${c.nameEnc}, preferred_name_enc = ${c.preferredNameEnc},
        birth_date_enc = ${c.birthDateEnc}, contact_enc = ${c.contactEnc},
        identifiers_enc = ${c.identifiersEnc}, household_enc = ${c.householdEnc}, immigration_category_enc = ${c.immigrationCategoryEnc},
        name_index = ${arrayParam(c.nameIndex, 'text')}, birth_date_index = ${c.birthDateIndex},
        preferred_language = ${c.preferredLanguage}, municipality_id = ${c.municipalityId}::uuid, settlement_stage = ${c.settlementStage},
        version = version + 1, updated_at = now()
      WHERE id = ${id}::uuid AND version = ${version} RETURNING id`);
  return rows.length > 0;
}

/** Closes an active record; false when it was not active. */
export async function closeClientRow(tx: Db, id: string, reason: string, noteEnc: string | null): Promise<boolean> {
  const rows = await rowsOf<Row>(tx, sql`UPDATE intake_clients SET status = 'closed', closed_at = now(), closed_reason = ${reason}, closed_note_enc = ${noteEnc},
        version = version + 1, updated_at = now()
      WHERE id = ${id}::uuid AND status = 'active' RETURNING id`);
  return rows.length > 0;
}

/** Reopens a closed record; false when it was not closed. */
export async function reopenClientRow(tx: Db, id: string): Promise<boolean> {
  const rows = await rowsOf<Row>(tx, sql`UPDATE intake_clients SET status = 'active', closed_at = NULL, closed_reason = NULL, closed_note_enc = NULL,
        version = version + 1, updated_at = now()
      WHERE id = ${id}::uuid AND status = 'closed' RETURNING id`);
  return rows.length > 0;
}

/** The home organization of a client, whatever the reader may see of it (for authorization only). */
export async function clientHomeOrganization(tx: Db, clientId: string): Promise<string | undefined> {
  const [c] = await rowsOf<Row>(tx, sql`SELECT home_organization_id FROM intake_clients WHERE id = ${clientId}::uuid`);
  return c ? (c.home_organization_id as string) : undefined;
}

// Consents

export interface ConsentValues {
  purpose: string; dataCategories: string[]; organizationIds: string[]; collaborativeId: string | null; externalPartner: string | null;
  method: string; witnessName: string | null; documentReference: string | null; startsAt: string | null; expiresAt: string | null; recordedBy: string | null;
}

export async function insertConsentRow(tx: Db, clientId: string, c: ConsentValues): Promise<Row> {
  const [row] = await rowsOf<Row>(tx, sql`INSERT INTO intake_consents (client_id, purpose, data_categories, organization_ids, collaborative_id, external_partner, method, witness_name, document_reference, starts_at, expires_at, recorded_by)
    VALUES (${clientId}::uuid, ${c.purpose}, ${arrayParam(c.dataCategories, 'text')}, ${uuidArray(c.organizationIds)}, ${c.collaborativeId}::uuid, ${c.externalPartner},
      ${c.method}, ${c.witnessName}, ${c.documentReference}, coalesce(${c.startsAt}::timestamptz, now()), ${c.expiresAt}::timestamptz, ${c.recordedBy}::uuid)
    RETURNING *`);
  return row;
}

/**
 * A client's directives, newest first. `namingOnly` (another organization) keeps those that
 * name, or named, one of these organizations or collaboratives; null keeps them all.
 */
export function consentRows(tx: Db, clientId: string, namingOnly: { organizationIds: string[]; collaborativeIds: string[] } | null): Promise<Row[]> {
  const mine = namingOnly === null ? sql`true` : sql`(k.organization_ids && ${uuidArray(namingOnly.organizationIds)} OR k.relinquished_organization_ids && ${uuidArray(namingOnly.organizationIds)} OR k.collaborative_id = ANY (${uuidArray(namingOnly.collaborativeIds)}))`;
  return rowsOf<Row>(tx, sql`SELECT * FROM intake_consents k WHERE k.client_id = ${clientId}::uuid AND ${mine} ORDER BY k.created_at DESC`);
}

export async function withdrawConsentRow(tx: Db, clientId: string, consentId: string, userId: string | null): Promise<Row | undefined> {
  const [row] = await rowsOf<Row>(tx, sql`UPDATE intake_consents SET withdrawn_at = now(), withdrawn_by = ${userId}::uuid
      WHERE id = ${consentId}::uuid AND client_id = ${clientId}::uuid AND withdrawn_at IS NULL RETURNING *`);
  return row;
}

/** Takes `orgs` out of an active directive that names one of them; withdrawn when it names nobody left. */
export async function relinquishConsentRow(tx: Db, clientId: string, consentId: string, orgs: string[], userId: string | null): Promise<Row | undefined> {
  const [row] = await rowsOf<Row>(tx, sql`UPDATE intake_consents SET
        organization_ids = ARRAY(SELECT o FROM unnest(organization_ids) o WHERE NOT o = ANY (${uuidArray(orgs)})),
        relinquished_organization_ids = relinquished_organization_ids || ARRAY(SELECT o FROM unnest(organization_ids) o WHERE o = ANY (${uuidArray(orgs)})),
        relinquished_at = now(),
        withdrawn_at = CASE WHEN organization_ids <@ ${uuidArray(orgs)} AND collaborative_id IS NULL AND external_partner IS NULL THEN now() END,
        withdrawn_by = CASE WHEN organization_ids <@ ${uuidArray(orgs)} AND collaborative_id IS NULL AND external_partner IS NULL THEN ${userId}::uuid END
      WHERE id = ${consentId}::uuid AND client_id = ${clientId}::uuid AND withdrawn_at IS NULL AND organization_ids && ${uuidArray(orgs)} RETURNING *`);
  return row;
}

export async function activeConsentExists(tx: Db, clientId: string, consentId: string): Promise<boolean> {
  const rows = await rowsOf<Row>(tx, sql`SELECT 1 FROM intake_consents WHERE id = ${consentId}::uuid AND client_id = ${clientId}::uuid AND withdrawn_at IS NULL`);
  return rows.length > 0;
}

// Break the glass

export async function insertEmergencyAccess(tx: Db, g: { clientId: string; userId: string | null; organizationId: string | null; reason: string; expiresAt: string }): Promise<string> {
  const [grant] = await rowsOf<Row>(tx, sql`INSERT INTO intake_emergency_access (client_id, user_id, organization_id, reason, expires_at)
      VALUES (${g.clientId}::uuid, ${g.userId}::uuid, ${g.organizationId}::uuid, ${g.reason}, ${g.expiresAt}::timestamptz) RETURNING id`);
  return grant.id as string;
}

export async function insertAlert(tx: Db, a: { organizationId: string; kind: string; clientId: string; actorLabel: string; message: string }): Promise<void> {
  await rowsOf(tx, sql`INSERT INTO intake_alerts (organization_id, kind, client_id, actor_label, message)
        VALUES (${a.organizationId}::uuid, ${a.kind}, ${a.clientId}::uuid, ${a.actorLabel}, ${a.message})`);
}

// Merge

export const MERGED_TABLES = ['intake_consents', 'intake_referrals', 'intake_assessments', 'intake_case_conferences'] as const;
type MergedTable = (typeof MERGED_TABLES)[number];

/** Moves a client's rows of one table to another client; the ids moved. */
export async function moveClientRows(tx: Db, table: MergedTable, fromClientId: string, toClientId: string): Promise<string[]> {
  const rows = await rowsOf<Row>(tx, sql`UPDATE ${sql.raw(table)} SET client_id = ${toClientId}::uuid WHERE client_id = ${fromClientId}::uuid RETURNING id`);
  return rows.map((r) => String(r.id));
}

/** Gives rows of one table (by id) back to a client. */
export async function moveRowsBack(tx: Db, table: string, ids: string[], clientId: string): Promise<void> {
  if (!(MERGED_TABLES as readonly string[]).includes(table)) throw new Error(`Not a merged table: ${table}`);
  await rowsOf(tx, sql`UPDATE ${sql.raw(table)} SET client_id = ${clientId}::uuid WHERE id::text = ANY (${arrayParam(ids, 'text')})`);
}

export async function markClientMerged(tx: Db, sourceId: string, intoId: string): Promise<void> {
  await rowsOf(tx, sql`UPDATE intake_clients SET status = 'merged', merged_into = ${intoId}::uuid, version = version + 1 WHERE id = ${sourceId}::uuid`);
}

export async function markClientUnmerged(tx: Db, sourceId: string): Promise<void> {
  await rowsOf(tx, sql`UPDATE intake_clients SET status = 'active', merged_into = NULL, version = version + 1 WHERE id = ${sourceId}::uuid`);
}

export async function insertMerge(tx: Db, m: { sourceId: string; targetId: string; moved: Record<string, string[]>; reason: string; userId: string | null }): Promise<Row> {
  const [row] = await rowsOf<Row>(tx, sql`INSERT INTO intake_merges (source_id, target_id, moved, reason, merged_by)
      VALUES (${m.sourceId}::uuid, ${m.targetId}::uuid, ${JSON.stringify(m.moved)}::jsonb, ${m.reason}, ${m.userId}::uuid) RETURNING *`);
  return row;
}

/** A merge not yet undone, locked for the undo. */
export async function lockOpenMerge(tx: Db, mergeId: string): Promise<Row | undefined> {
  const [m] = await rowsOf<Row>(tx, sql`SELECT * FROM intake_merges WHERE id = ${mergeId}::uuid AND undone_at IS NULL FOR UPDATE`);
  return m;
}

export async function markMergeUndone(tx: Db, mergeId: string, userId: string | null): Promise<Row> {
  const [u] = await rowsOf<Row>(tx, sql`UPDATE intake_merges SET undone_at = now(), undone_by = ${userId}::uuid WHERE id = ${mergeId}::uuid RETURNING *`);
  return u;
}

// Privacy tools

/** The per-client rows of list views (intake_access_log), newest first. */
export function accessLogRows(tx: Db, clientId: string): Promise<Row[]> {
  return rowsOf<Row>(tx, sql`SELECT occurred_at, actor_label, action, purpose, organization_id FROM intake_access_log WHERE client_id = ${clientId}::uuid ORDER BY id DESC LIMIT 1000`);
}

/** Everything held about a client beyond the record itself, for an access request (values still encrypted). */
export async function clientHoldings(tx: Db, clientId: string) {
  const consents = await rowsOf<Row>(tx, sql`SELECT * FROM intake_consents WHERE client_id = ${clientId}::uuid`);
  const assessments = await rowsOf<Row>(tx, sql`SELECT id, assessed_at, acuity, needs, answers_enc FROM intake_assessments WHERE client_id = ${clientId}::uuid`);
  const referrals = await rowsOf<Row>(tx, sql`SELECT id, service_name, status, outcome, sent_at, reason_enc FROM intake_referrals WHERE client_id = ${clientId}::uuid`);
  const [plan] = await rowsOf<Row>(tx, sql`SELECT content_enc FROM intake_plans WHERE client_id = ${clientId}::uuid`);
  return { consents, assessments, referrals, plan };
}
