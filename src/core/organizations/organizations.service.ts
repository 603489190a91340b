import type { Database, Db } from '../db/database';
import type { Actor, RequestMeta } from '../accounts/actor';
import { authorize } from '../accounts/accounts.policy';
import { recordAudit } from '../audit/audit.service';
import { Errors } from '../http/errors';
import * as repo from './organizations.repository';
import { can } from './organizations.policy';
import type { CreateOrganizationInput } from './organizations.schema';
import { present } from './organizations.presenter';
import { listFromMemory } from './organizations.cache';
import { geographyExists } from '../geography/geography.service';

export { can as canOrganization } from './organizations.policy';
export { moveVersionPastRestore } from './organizations.repository';

/** Other modules check references through this, never through the table. */
export function organizationExists(db: Db, id: string): Promise<boolean> {
  return repo.exists(db, id);
}

/** Legal name for display in other modules; undefined when the organization does not exist. */
export async function organizationName(db: Db, id: string): Promise<string | undefined> {
  return (await repo.findById(db, id))?.legalName;
}

export async function listOrganizations(database: Database, actor: Actor, f: repo.ListFilter) {
  const { rows, total } = await listFromMemory(database, f);
  return { items: rows.map((r) => present(r, actor)), total, actions: { create: can(actor, 'organization.create') } };
}

export async function getOrganization(database: Database, actor: Actor, id: string) {
  const row = await repo.findById(database.db, id);
  if (!row) throw Errors.notFound('Organization');
  return present(row, actor);
}

async function checkReferences(db: Db, id: string | null, input: Partial<CreateOrganizationInput>) {
  if (input.parentId) {
    if (!(await repo.exists(db, input.parentId))) throw Errors.validation([{ field: 'parentId', message: 'No such organization' }]);
    if (id && (input.parentId === id || (await repo.wouldCycle(db, id, input.parentId)))) {
      throw Errors.validation([{ field: 'parentId', message: 'An organization cannot be its own parent or ancestor' }]);
    }
  }
  if (input.geographyId && !(await geographyExists(db, input.geographyId))) {
    throw Errors.validation([{ field: 'geographyId', message: 'No such geography' }]);
  }
}

export async function createOrganization(database: Database, actor: Actor, meta: RequestMeta, input: CreateOrganizationInput) {
  authorize(can(actor, 'organization.create'), 'organization.create');
  return database.db.transaction(async (tx) => {
    await checkReferences(tx, null, input);
    const row = await repo.insert(tx, { ...input });
    await recordAudit(tx, actor, meta, {
      action: 'organization.create',
      entityType: 'organization',
      entityId: row.id,
      organizationId: row.id,
      details: { legalName: row.legalName },
    });
    return present((await repo.findById(tx, row.id))!, actor);
  });
}

export async function updateOrganization(database: Database, actor: Actor, meta: RequestMeta, id: string, input: Partial<CreateOrganizationInput> & { version: number }) {
  return database.db.transaction(async (tx) => {
    const before = await repo.findById(tx, id);
    if (!before) throw Errors.notFound('Organization');
    authorize(can(actor, 'organization.update', id), 'organization.update');
    const { version, ...changes } = input;
    await checkReferences(tx, id, changes);
    const after = await repo.updateIfVersion(tx, id, version, changes);
    if (!after) throw Errors.staleVersion(present(before, actor));
    const changed = Object.keys(changes).filter(
      (k) => JSON.stringify(before[k as keyof typeof before]) !== JSON.stringify(after[k as keyof typeof after]),
    );
    await recordAudit(tx, actor, meta, {
      action: 'organization.update',
      entityType: 'organization',
      entityId: id,
      organizationId: id,
      details: { changed, version: after.version },
    });
    return present((await repo.findById(tx, id))!, actor);
  });
}
