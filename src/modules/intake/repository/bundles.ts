/** SQL of support bundles (intake.bundles.ts). Organizations joined read-only for names (ADR 0009). */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../core/db/database';
import { arrayParam } from '../../../core/db/params';

type Row = Record<string, unknown>;
type InstrumentDefinitionRow = { definition: { domains?: { needCode?: string; rules?: { needCode?: string }[] }[] } };

/** Definitions of the published screening instruments, in code order, newest version first. */
export function publishedInstrumentDefinitions(db: Db): Promise<InstrumentDefinitionRow[]> {
  return rowsOf<InstrumentDefinitionRow>(db, sql`SELECT definition FROM intake_instruments WHERE status = 'published' ORDER BY code, instrument_version DESC`);
}

const selectBundles = sql`SELECT b.*, o.legal_name AS organization_name FROM intake_bundles b LEFT JOIN organizations o ON o.id = b.organization_id`;

export async function bundleRow(db: Db, id: string): Promise<Row | undefined> {
  const [r] = await rowsOf<Row>(db, sql`${selectBundles} WHERE b.id = ${id}::uuid`);
  return r;
}

export function bundleRows(db: Db): Promise<Row[]> {
  return rowsOf<Row>(db, sql`${selectBundles} ORDER BY lower(b.name), o.legal_name NULLS FIRST`);
}

/** Whether another bundle of the same organization (or region-wide) has this name, whatever its case. */
export async function bundleNameTaken(db: Db, organizationId: string | null, name: string, exceptId?: string): Promise<boolean> {
  const rows = await rowsOf<Row>(db, sql`SELECT id FROM intake_bundles WHERE organization_id IS NOT DISTINCT FROM ${organizationId}::uuid
    AND lower(name) = lower(${name}) AND id IS DISTINCT FROM ${exceptId ?? null}::uuid`);
  return rows.length > 0;
}

export interface BundleValues { name: string; description: string; needCodes: string[]; maxAcuity: number; serviceIds: string[] }

export async function insertBundle(tx: Db, organizationId: string | null, b: BundleValues): Promise<string> {
  const [r] = await rowsOf<Row>(tx, sql`INSERT INTO intake_bundles (organization_id, name, description, need_codes, max_acuity, service_ids)
      VALUES (${organizationId}::uuid, ${b.name}, ${b.description}, ${arrayParam(b.needCodes, 'text')}, ${b.maxAcuity},
        ${arrayParam(b.serviceIds, 'uuid')}) RETURNING id`);
  return r.id as string;
}

/** Optimistic update: false when the version moved on. */
export async function updateBundleRow(tx: Db, id: string, version: number, b: BundleValues): Promise<boolean> {
  const rows = await rowsOf<Row>(tx, sql`UPDATE intake_bundles SET name = ${b.name}, description = ${b.description},
      need_codes = ${arrayParam(b.needCodes, 'text')}, max_acuity = ${b.maxAcuity},
      service_ids = ${arrayParam(b.serviceIds, 'uuid')}, version = version + 1, updated_at = now()
      WHERE id = ${id}::uuid AND version = ${version} RETURNING id`);
  return rows.length > 0;
}

export async function deleteBundleRow(tx: Db, id: string): Promise<void> {
  await rowsOf(tx, sql`DELETE FROM intake_bundles WHERE id = ${id}::uuid`);
}
