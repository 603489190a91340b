import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database, Db } from '../../core/db/database';
import { rowsOf } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { hasOrganizationRole, isPlatformAdmin, organizationIdsWithRole } from '../../core/accounts/accounts.policy';
import { recordAudit } from '../../core/audit/audit.service';
import { Errors, type FieldError } from '../../core/http/errors';
import { organizationExists } from '../../core/organizations/organizations.service';
import { knownTermCodes, servicesByIds, type ServiceMatchSummary as ServiceSummary } from '../directory/directory.api';
import type { BundleBody, UpdateBundleBody } from './intake.schema';
import { authorizeAction } from '../../core/policy';
import { can } from './intake.policy';
import { arrayParam } from '../../core/db/params';

/**
 * Support bundles: saved sets of directory services that answer a common combination of needs
 * up to a given acuity (issue 7; BRIEF "No Wrong Door", seed 003). Matching is in
 * intake.screening.ts (matchServices); this file lists, validates and changes them.
 */
type Row = Record<string, unknown>;
type BundleInput = z.infer<typeof BundleBody>;
type BundleAction = 'update' | 'delete';

/** Need codes the published screening instruments produce (domains and rules), in their order. */
async function instrumentNeedCodes(db: Db): Promise<string[]> {
  const rows = await rowsOf<{ definition: { domains?: { needCode?: string; rules?: { needCode?: string }[] }[] } }>(db,
    sql`SELECT definition FROM intake_instruments WHERE status = 'published' ORDER BY code, instrument_version DESC`);
  const codes: string[] = [];
  for (const r of rows) {
    for (const d of r.definition.domains ?? []) {
      for (const c of [d.needCode, ...(d.rules ?? []).map((x) => x.needCode)]) if (c && !codes.includes(c)) codes.push(c);
    }
  }
  return codes;
}

function present(r: Row, services: Map<string, ServiceSummary>, actor: Actor) {
  const organizationId = (r.organization_id as string) ?? null;
  const actions: BundleAction[] = can(actor, 'intake.bundle.update', { organizationId }) ? ['update', 'delete'] : [];
  return {
    id: r.id as string, name: r.name as string, description: (r.description as string) ?? '',
    needCodes: r.need_codes as string[], maxAcuity: r.max_acuity as number,
    organizationId, organizationName: (r.organization_name as string) ?? null,
    // A service removed from the directory since drops out here rather than breaking the bundle.
    services: (r.service_ids as string[]).flatMap((id) => {
      const s = services.get(id);
      return s ? [{ serviceId: s.serviceId, name: s.name, organizationId: s.organizationId, organizationName: s.organizationName, active: s.active }] : [];
    }),
    version: r.version as number, updatedAt: new Date(r.updated_at as string).toISOString(), actions,
  };
}

const selectBundles = sql`SELECT b.*, o.legal_name AS organization_name FROM intake_bundles b LEFT JOIN organizations o ON o.id = b.organization_id`;

async function presentAll(db: Db, rows: Row[], actor: Actor) {
  const found = await servicesByIds(db, [...new Set(rows.flatMap((r) => r.service_ids as string[]))]);
  const byId = new Map(found.map((s) => [s.serviceId, s]));
  return rows.map((r) => present(r, byId, actor));
}

async function loadBundle(db: Db, id: string) {
  const [r] = await rowsOf<Row>(db, sql`${selectBundles} WHERE b.id = ${id}::uuid`);
  if (!r) throw Errors.notFound('Support bundle');
  return r;
}

/** Every bundle (they are not client data: any signed-in worker may read them). */
export async function listBundles(database: Database, actor: Actor) {
  const db = database.db;
  const rows = await rowsOf<Row>(db, sql`${selectBundles} ORDER BY lower(b.name), o.legal_name NULLS FIRST`);
  return { items: await presentAll(db, rows, actor), needOptions: await instrumentNeedCodes(db), canCreate: can(actor, 'intake.bundle.create', {}) };
}

export async function getBundle(database: Database, actor: Actor, id: string) {
  const [b] = await presentAll(database.db, [await loadBundle(database.db, id)], actor);
  return b;
}

const NAME_TAKEN = 'A support bundle with this name already exists in this organization';

/** Field errors for needs outside the vocabulary and services not in the directory; checks the name is free. */
async function validate(db: Db, input: Omit<BundleInput, 'organizationId'>, organizationId: string | null, exceptId?: string) {
  const errors: FieldError[] = [];
  const instrumentCodes = await instrumentNeedCodes(db);
  const terms = await knownTermCodes(db, input.needCodes);
  input.needCodes.forEach((c, i) => {
    if (!instrumentCodes.includes(c) && !terms.includes(c)) errors.push({ field: `needCodes.${i}`, message: `Not a need the screening or the directory knows: ${c}` });
    else if (input.needCodes.indexOf(c) !== i) errors.push({ field: `needCodes.${i}`, message: 'Listed twice' });
  });
  const services = await servicesByIds(db, input.serviceIds);
  input.serviceIds.forEach((id, i) => {
    if (!services.some((s) => s.serviceId === id)) errors.push({ field: `serviceIds.${i}`, message: 'No such service in the directory' });
    else if (input.serviceIds.indexOf(id) !== i) errors.push({ field: `serviceIds.${i}`, message: 'Listed twice' });
  });
  if (errors.length) throw Errors.validation(errors);
  const [taken] = await rowsOf<Row>(db, sql`SELECT id FROM intake_bundles WHERE organization_id IS NOT DISTINCT FROM ${organizationId}::uuid
    AND lower(name) = lower(${input.name}) AND id IS DISTINCT FROM ${exceptId ?? null}::uuid`);
  if (taken) throw Errors.conflict(NAME_TAKEN, 'name');
}

/** Two admins saving the same name at once: the unique index answers, and it still names `name`. */
function nameTakenOnRace(e: unknown): never {
  const code = (e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code;
  if (code === '23505') throw Errors.conflict(NAME_TAKEN, 'name');
  throw e;
}

/** Which organization a new bundle belongs to: the one asked for, else the one the actor administers, else region-wide (platform admin). */
function owningOrganization(actor: Actor, asked: string | null | undefined): string | null {
  if (asked !== undefined) return asked;
  const mine = organizationIdsWithRole(actor, 'org_admin');
  return mine[0] ?? null;
}

export async function createBundle(database: Database, actor: Actor, meta: RequestMeta, input: BundleInput) {
  const organizationId = owningOrganization(actor, input.organizationId);
  authorizeAction(can, actor, 'intake.bundle.create', { organizationId });
  return database.db.transaction(async (tx) => {
    if (organizationId) {
      if (!(await organizationExists(tx, organizationId))) throw Errors.validation([{ field: 'organizationId', message: 'No such organization' }]);
    }
    await validate(tx, input, organizationId);
    const [r] = await rowsOf<Row>(tx, sql`INSERT INTO intake_bundles (organization_id, name, description, need_codes, max_acuity, service_ids)
      VALUES (${organizationId}::uuid, ${input.name}, ${input.description ?? ''}, ${arrayParam(input.needCodes, 'text')}, ${input.maxAcuity},
        ${arrayParam(input.serviceIds, 'uuid')}) RETURNING id`).catch(nameTakenOnRace);
    await recordAudit(tx, actor, meta, {
      action: 'intake.bundle.create', entityType: 'intake_bundle', entityId: r.id as string, organizationId,
      details: { name: input.name, needCodes: input.needCodes, maxAcuity: input.maxAcuity, serviceIds: input.serviceIds },
    });
    const [b] = await presentAll(tx, [await loadBundle(tx, r.id as string)], actor);
    return b;
  });
}

export async function updateBundle(database: Database, actor: Actor, meta: RequestMeta, id: string, input: z.infer<typeof UpdateBundleBody>) {
  return database.db.transaction(async (tx) => {
    const before = await loadBundle(tx, id);
    const organizationId = (before.organization_id as string) ?? null;
    authorizeAction(can, actor, 'intake.bundle.update', { organizationId });
    await validate(tx, input, organizationId, id);
    const [r] = await rowsOf<Row>(tx, sql`UPDATE intake_bundles SET name = ${input.name}, description = ${input.description ?? ''},
      need_codes = ${arrayParam(input.needCodes, 'text')}, max_acuity = ${input.maxAcuity},
      service_ids = ${arrayParam(input.serviceIds, 'uuid')}, version = version + 1, updated_at = now()
      WHERE id = ${id}::uuid AND version = ${input.version} RETURNING id`).catch(nameTakenOnRace);
    if (!r) throw Errors.staleVersion((await presentAll(tx, [before], actor))[0]);
    await recordAudit(tx, actor, meta, {
      action: 'intake.bundle.update', entityType: 'intake_bundle', entityId: id, organizationId,
      details: { name: input.name, needCodes: input.needCodes, maxAcuity: input.maxAcuity, serviceIds: input.serviceIds, fromVersion: input.version },
    });
    const [b] = await presentAll(tx, [await loadBundle(tx, id)], actor);
    return b;
  });
}

export async function deleteBundle(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  await database.db.transaction(async (tx) => {
    const before = await loadBundle(tx, id);
    const organizationId = (before.organization_id as string) ?? null;
    authorizeAction(can, actor, 'intake.bundle.delete', { organizationId });
    await rowsOf(tx, sql`DELETE FROM intake_bundles WHERE id = ${id}::uuid`);
    await recordAudit(tx, actor, meta, { action: 'intake.bundle.delete', entityType: 'intake_bundle', entityId: id, organizationId, details: { name: before.name } });
  });
}
