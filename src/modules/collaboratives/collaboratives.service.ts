import type { Database, Db } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorLabel, actorUserId } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { runCommand } from '../../core/command';
import { Errors } from '../../core/http/errors';
import { organizationExists, organizationName } from '../../core/organizations/organizations.service';
import { geographyExists, getGeography } from '../../core/geography/geography.service';
import type { CollaborativeRow } from './collaboratives.tables';
import * as repo from './repository/collaboratives';
import { can, canCreateCollaborative, collaborativeAccess, collaborativeActions, type CollaborativeAccess, type CollaborativeAction } from './collaboratives.policy';
import { torontoToday } from './collaboratives.rules';
import { collaborativeListActions, collaborativeRecordActions, type CreateCollaborativeInput, type UpdateCollaborativeInput } from './collaboratives.schema';

export { collaborativeExists, collaborativeIdByName } from './repository/collaboratives';

/** The collaborative and what the actor may do in it; 404 when it does not exist. */
export async function loadCollaborative(db: Db, actor: Actor | null, id: string): Promise<{ row: CollaborativeRow; access: CollaborativeAccess }> {
  const row = await repo.findCollaborative(db, id);
  if (!row) throw Errors.notFound('Collaborative');
  return { row, access: collaborativeAccess(actor, id) };
}

/** The collaborative, when the policy lets the actor take `action` in it (403 naming the action otherwise). */
export async function requireAccess(db: Db, actor: Actor | null, id: string, action: CollaborativeAction) {
  const loaded = await loadCollaborative(db, actor, id);
  if (!actor) throw Errors.forbidden(action);
  authorizeAction(can, actor, action, { collaborativeId: id });
  return loaded;
}

/** Everyone signed in sees the list of tables; each says what the caller may do in it. */
export async function listCollaboratives(database: Database, actor: Actor) {
  const rows = await repo.allCollaboratives(database.db);
  return { items: rows.map((r) => present(r, actor)), actions: collaborativeActions(actor, collaborativeListActions, {}) };
}

export async function getCollaborative(database: Database, actor: Actor | null, id: string) {
  const { row } = await loadCollaborative(database.db, actor, id);
  return presentWithNames(database, row, actor);
}

async function checkReferences(db: Db, input: Partial<Omit<CreateCollaborativeInput, 'establishedOn'>>) {
  const errors = [];
  if (input.catchmentGeographyId && !(await geographyExists(db, input.catchmentGeographyId))) errors.push({ field: 'catchmentGeographyId', message: 'No such place' });
  if (input.leadOrganizationId && !(await organizationExists(db, input.leadOrganizationId))) errors.push({ field: 'leadOrganizationId', message: 'No such organization' });
  if (input.quorumKind === 'percent' && input.quorumValue !== undefined && (input.quorumValue < 1 || input.quorumValue > 100)) {
    errors.push({ field: 'quorumValue', message: 'A percent quorum must be between 1 and 100' });
  }
  if (input.quorumKind === 'count' && input.quorumValue !== undefined && input.quorumValue < 1) errors.push({ field: 'quorumValue', message: 'A quorum count must be at least 1' });
  if (errors.length) throw Errors.validation(errors);
}

export async function createCollaborative(database: Database, actor: Actor, meta: RequestMeta, input: CreateCollaborativeInput) {
  if (!canCreateCollaborative(actor, input.leadOrganizationId ?? null)) {
    if (canCreateCollaborative(actor)) throw Errors.validation([{ field: 'leadOrganizationId', message: 'Choose an organization you administer as the lead' }]);
    authorizeAction(can, actor, 'collaborative.create', { leadOrganizationId: input.leadOrganizationId ?? null });
  }
  return runCommand({ database, actor, meta }, async (tx) => {
    await checkReferences(tx, input);
    if (await repo.collaborativeIdByName(tx, input.name)) throw Errors.conflict('A collaborative with this name already exists', 'name');
    const { establishedOn, ...fields } = input;
    const row = await repo.insertCollaborative(tx, fields);
    await repo.insertStageChange(tx, {
      collaborativeId: row.id,
      fromStage: null,
      toStage: row.stage,
      changedOn: establishedOn ?? torontoToday(),
      reason: 'Collaborative created',
      actorUserId: actorUserId(actor),
      actorLabel: actorLabel(actor),
    });
    return { result: present(row, actor), audit: { action: 'collaborative.create', entityType: 'collaborative', entityId: row.id, organizationId: row.leadOrganizationId, details: { name: row.name } } };
  });
}

export async function updateCollaborative(database: Database, actor: Actor, meta: RequestMeta, id: string, input: UpdateCollaborativeInput) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { row: before } = await requireAccess(tx, actor, id, 'collaborative.update');
    const { version, ...changes } = input;
    await checkReferences(tx, { quorumKind: before.quorumKind, ...changes, quorumValue: changes.quorumValue ?? before.quorumValue });
    if (changes.name && changes.name.toLowerCase() !== before.name.toLowerCase()) {
      const other = await repo.collaborativeIdByName(tx, changes.name);
      if (other && other !== id) throw Errors.conflict('A collaborative with this name already exists', 'name');
    }
    const after = await repo.updateCollaborativeIfVersion(tx, id, version, changes);
    if (!after) throw Errors.staleVersion(present(before, actor));
    const changed = Object.keys(changes).filter((k) => JSON.stringify(before[k as keyof CollaborativeRow]) !== JSON.stringify(after[k as keyof CollaborativeRow]));
    return { result: present(after, actor), audit: { action: 'collaborative.update', entityType: 'collaborative', entityId: id, organizationId: after.leadOrganizationId, details: { changed, version: after.version } } };
  });
}

/** Moves the collaborative to another lifecycle stage and keeps the history with date, reason and who. */
export async function changeStage(database: Database, actor: Actor, meta: RequestMeta, id: string, input: { stage: CollaborativeRow['stage']; changedOn: string; reason: string; version: number }) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { row: before } = await requireAccess(tx, actor, id, 'collaborative.stage');
    if (before.stage === input.stage) throw Errors.validation([{ field: 'stage', message: 'The collaborative is already at this stage' }]);
    const last = await repo.lastStageChange(tx, id);
    if (last && input.changedOn < last.changedOn) throw Errors.validation([{ field: 'changedOn', message: `The date cannot be before the previous stage change (${last.changedOn})` }]);
    const after = await repo.updateCollaborativeIfVersion(tx, id, input.version, { stage: input.stage });
    if (!after) throw Errors.staleVersion(present(before, actor));
    await repo.insertStageChange(tx, {
      collaborativeId: id,
      fromStage: before.stage,
      toStage: input.stage,
      changedOn: input.changedOn,
      reason: input.reason,
      actorUserId: actorUserId(actor),
      actorLabel: actorLabel(actor),
    });
    return { result: present(after, actor), audit: { action: 'collaborative.stage', entityType: 'collaborative', entityId: id, organizationId: after.leadOrganizationId, details: { from: before.stage, to: input.stage, reason: input.reason } } };
  });
}

export async function stageHistory(db: Db, id: string) {
  const rows = await repo.stageChangesOf(db, id);
  return rows.map((r) => ({ id: r.id, fromStage: r.fromStage, toStage: r.toStage, changedOn: r.changedOn, reason: r.reason, actorLabel: r.actorLabel }));
}

export async function listStageHistory(database: Database, actor: Actor, id: string) {
  await requireAccess(database.db, actor, id, 'collaborative.read');
  return { items: await stageHistory(database.db, id) };
}

export function present(r: CollaborativeRow, actor: Actor | null) {
  const myRoles = actor?.kind === 'user' ? actor.roles.filter((g) => g.scopeType === 'collaborative' && g.scopeId === r.id).map((g) => g.role) : [];
  return {
    id: r.id,
    name: r.name,
    shortName: r.shortName,
    type: r.type,
    scope: r.scope,
    catchmentGeographyId: r.catchmentGeographyId,
    leadOrganizationId: r.leadOrganizationId,
    focus: r.focus,
    mission: r.mission,
    incorporated: r.incorporated,
    vision: r.vision,
    mandate: r.mandate,
    guidingPrinciples: r.guidingPrinciples,
    stage: r.stage,
    quorumKind: r.quorumKind,
    quorumValue: r.quorumValue,
    voteRule: r.voteRule,
    checklistPartnerCategories: r.checklistPartnerCategories,
    checklistSectors: r.checklistSectors,
    version: r.version,
    myRoles,
    actions: collaborativeActions(actor, collaborativeRecordActions, { collaborativeId: r.id }),
  };
}

export async function presentWithNames(database: Database, r: CollaborativeRow, actor: Actor | null) {
  const geo = r.catchmentGeographyId ? await getGeography(database, r.catchmentGeographyId).catch(() => null) : null;
  return {
    ...present(r, actor),
    catchmentName: geo ? geo.nameEn : null,
    leadOrganizationName: r.leadOrganizationId ? ((await organizationName(database.db, r.leadOrganizationId)) ?? null) : null,
  };
}
