import type { z } from 'zod';
import type { Database, Db } from '../../core/db/database';
import { sqlState } from '../../core/db/driver-error';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { organizationIdsWithRole } from '../../core/accounts/accounts.policy';
import { runCommand } from '../../core/command';
import { Errors, type FieldError } from '../../core/http/errors';
import { organizationExists } from '../../core/organizations/organizations.service';
import { knownTermCodes, servicesByIds, type ServiceMatchSummary as ServiceSummary } from '../directory/directory.api';
import type { BundleBody, UpdateBundleBody } from './intake.schema';
import { authorizeAction } from '../../core/policy';
import { can } from './intake.policy';
import * as repo from './repository/bundles';

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
  const rows = await repo.publishedInstrumentDefinitions(db);
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

async function presentAll(db: Db, rows: Row[], actor: Actor) {
  const found = await servicesByIds(db, [...new Set(rows.flatMap((r) => r.service_ids as string[]))]);
  const byId = new Map(found.map((s) => [s.serviceId, s]));
  return rows.map((r) => present(r, byId, actor));
}

async function loadBundle(db: Db, id: string) {
  const r = await repo.bundleRow(db, id);
  if (!r) throw Errors.notFound('Support bundle');
  return r;
}

/** Every bundle (they are not client data: any signed-in worker may read them). */
export async function listBundles(database: Database, actor: Actor) {
  const db = database.db;
  const rows = await repo.bundleRows(db);
  return { items: await presentAll(db, rows, actor), needOptions: await instrumentNeedCodes(db), canCreate: can(actor, 'intake.bundle.create', {}) };
}

export async function getBundle(database: Database, actor: Actor, id: string) {
  const [b] = await presentAll(database.db, [await loadBundle(database.db, id)], actor);
  return b;
}

const bundleValues = (input: Omit<BundleInput, 'organizationId'>): repo.BundleValues => ({
  name: input.name, description: input.description ?? '', needCodes: input.needCodes, maxAcuity: input.maxAcuity, serviceIds: input.serviceIds,
});

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
  if (await repo.bundleNameTaken(db, organizationId, input.name, exceptId)) throw Errors.conflict(NAME_TAKEN, 'name');
}

/** Two admins saving the same name at once: the unique index answers, and it still names `name`. */
function nameTakenOnRace(e: unknown): never {
  if (sqlState(e) === '23505') throw Errors.conflict(NAME_TAKEN, 'name');
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
  return runCommand({ database, actor, meta }, async (tx) => {
    if (organizationId) {
      if (!(await organizationExists(tx, organizationId))) throw Errors.validation([{ field: 'organizationId', message: 'No such organization' }]);
    }
    await validate(tx, input, organizationId);
    const newId = await repo.insertBundle(tx, organizationId, bundleValues(input)).catch(nameTakenOnRace);
    const [b] = await presentAll(tx, [await loadBundle(tx, newId)], actor);
    return {
      result: b,
      audit: {
        action: 'intake.bundle.create', entityType: 'intake_bundle', entityId: newId, organizationId,
        details: { name: input.name, needCodes: input.needCodes, maxAcuity: input.maxAcuity, serviceIds: input.serviceIds },
      },
    };
  });
}

export async function updateBundle(database: Database, actor: Actor, meta: RequestMeta, id: string, input: z.infer<typeof UpdateBundleBody>) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const before = await loadBundle(tx, id);
    const organizationId = (before.organization_id as string) ?? null;
    authorizeAction(can, actor, 'intake.bundle.update', { organizationId });
    await validate(tx, input, organizationId, id);
    const updated = await repo.updateBundleRow(tx, id, input.version, bundleValues(input)).catch(nameTakenOnRace);
    if (!updated) throw Errors.staleVersion((await presentAll(tx, [before], actor))[0]);
    const [b] = await presentAll(tx, [await loadBundle(tx, id)], actor);
    return {
      result: b,
      audit: {
        action: 'intake.bundle.update', entityType: 'intake_bundle', entityId: id, organizationId,
        details: { name: input.name, needCodes: input.needCodes, maxAcuity: input.maxAcuity, serviceIds: input.serviceIds, fromVersion: input.version },
      },
    };
  });
}

export async function deleteBundle(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  await runCommand({ database, actor, meta }, async (tx) => {
    const before = await loadBundle(tx, id);
    const organizationId = (before.organization_id as string) ?? null;
    authorizeAction(can, actor, 'intake.bundle.delete', { organizationId });
    await repo.deleteBundleRow(tx, id);
    return { result: undefined, audit: { action: 'intake.bundle.delete', entityType: 'intake_bundle', entityId: id, organizationId, details: { name: before.name } } };
  });
}
