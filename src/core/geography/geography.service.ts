import type { Database, Db } from '../db/database';
import type { Actor, RequestMeta } from '../accounts/actor';
import { authorizeAction } from '../policy';
import { can } from './geography.policy';
import { recordAudit } from '../audit/audit.service';
import { Errors } from '../http/errors';
import * as repo from './geography.repository';
import type { GeographyLevel, GeographyRow } from './geography.tables';
import type { CreateGeographyInput, UpdateGeographyInput } from './geography.schema';

/** Which level may sit under which: province → upper tier / service manager area → municipality → neighbourhood or custom. */
const allowedParents: Record<GeographyLevel, GeographyLevel[]> = {
  province: [],
  upper_tier: ['province'],
  service_manager_area: ['province'],
  municipality: ['upper_tier', 'service_manager_area', 'province'],
  neighbourhood: ['municipality'],
  custom: ['province', 'upper_tier', 'service_manager_area', 'municipality', 'custom'],
};

export function geographyExists(db: Db, id: string): Promise<boolean> {
  return repo.findById(db, id).then(Boolean);
}

/** For other modules: a geography by its SGC or custom code. */
export function geographyByCode(db: Db, code: string) {
  return repo.findByCode(db, code).then((g) => g && present(g));
}

/** For other modules: the geographies under a parent, with their boundaries, for maps. */
export async function boundariesUnder(db: Db, f: { parentId?: string; level?: GeographyLevel }) {
  const rows = await repo.list(db, { ...f, withBoundary: true });
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((g) => ({
      type: 'Feature' as const,
      id: g.id,
      geometry: g.boundary!,
      properties: { id: g.id, code: g.code, nameEn: g.nameEn, nameFr: g.nameFr, level: g.level, approximate: g.boundaryApproximate },
    })),
  };
}

export function present(g: GeographyRow) {
  return {
    id: g.id,
    code: g.code,
    sgcCode: g.sgcCode,
    level: g.level,
    nameEn: g.nameEn,
    nameFr: g.nameFr,
    parentId: g.parentId,
    latitude: g.latitude,
    longitude: g.longitude,
    hasBoundary: g.boundary != null,
    boundaryApproximate: g.boundaryApproximate,
    version: g.version,
  };
}

export async function listGeographies(database: Database, f: { level?: GeographyLevel; parentId?: string; q?: string }) {
  return (await repo.list(database.db, f)).map(present);
}

export async function getGeography(database: Database, id: string) {
  const g = await repo.findById(database.db, id);
  if (!g) throw Errors.notFound('Geography');
  const [ancestors, children] = await Promise.all([repo.ancestors(database.db, id), repo.list(database.db, { parentId: id })]);
  return {
    ...present(g),
    boundary: g.boundary ?? null,
    ancestors: ancestors.map((a) => ({ id: a.id, code: a.code, nameEn: a.nameEn, nameFr: a.nameFr, level: a.level })),
    children: children.map(present),
  };
}

export async function createGeography(database: Database, actor: Actor, meta: RequestMeta, input: CreateGeographyInput) {
  authorizeAction(can, actor, 'geography.create', {});
  return database.db.transaction(async (tx) => {
    if (await repo.findByCode(tx, input.code)) throw Errors.conflict('A geography with this code already exists', 'code');
    if (input.level === 'province' && input.parentId) throw Errors.validation([{ field: 'parentId', message: 'A province has no parent' }]);
    if (input.level !== 'province') {
      const parent = input.parentId ? await repo.findById(tx, input.parentId) : undefined;
      if (!parent) throw Errors.validation([{ field: 'parentId', message: 'Choose the area this one is part of' }]);
      if (!allowedParents[input.level].includes(parent.level)) {
        throw Errors.validation([{ field: 'parentId', message: `A ${input.level} cannot be inside a ${parent.level}` }]);
      }
    }
    const row = await repo.insert(tx, { ...input, parentId: input.parentId ?? null });
    await recordAudit(tx, actor, meta, { action: 'geography.create', entityType: 'geography', entityId: row.id, details: { code: row.code } });
    return present(row);
  });
}

export async function updateGeography(database: Database, actor: Actor, meta: RequestMeta, id: string, input: UpdateGeographyInput) {
  authorizeAction(can, actor, 'geography.update', {});
  return database.db.transaction(async (tx) => {
    const before = await repo.findById(tx, id);
    if (!before) throw Errors.notFound('Geography');
    const { version, ...changes } = input;
    const after = await repo.updateIfVersion(tx, id, version, changes);
    if (!after) throw Errors.staleVersion(present(before));
    await recordAudit(tx, actor, meta, { action: 'geography.update', entityType: 'geography', entityId: id, details: { changed: Object.keys(changes) } });
    return present(after);
  });
}
