import type { Database, Db } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorUserId } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { can, collaborativeActions } from './collaboratives.policy';
import { runCommand } from '../../core/command';
import { Errors, type FieldError } from '../../core/http/errors';
import { organizationExists } from '../../core/organizations/organizations.service';
import { findUserByEmail } from '../../core/accounts/accounts.repository';
import { partnerCategories, sectors } from '../../shared/contracts';
import type { MemberRow } from './collaboratives.tables';
import * as repo from './repository/members';
import { organizationNames } from './repository/collaboratives';
import { requireAccess } from './collaboratives.service';
import { representationGaps, torontoToday } from './collaboratives.rules';
import { memberListActions, type CreateBodyInput, type CreateMemberInput, type UpdateMemberInput } from './collaboratives.schema';

/** Organization names by id, in one query; '?' for an id that names no organization. */
export async function orgNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  const found = await organizationNames(db, wanted);
  return new Map(wanted.map((id) => [id, found.get(id) ?? '?']));
}

export function memberName(r: MemberRow, names: Map<string, string>): string {
  return r.organizationId ? (names.get(r.organizationId) ?? '?') : (r.individualName ?? '?');
}

/** A membership is active on a date when it has started and not ended. */
export function isActiveOn(r: { startDate: string; endDate: string | null }, day: string): boolean {
  return r.startDate <= day && (!r.endDate || r.endDate >= day);
}

export function presentMember(r: MemberRow, names: Map<string, string>, actor: Actor | null) {
  return {
    id: r.id,
    organizationId: r.organizationId,
    displayName: memberName(r, names),
    individualName: r.individualName,
    individualKind: r.individualKind,
    representativeName: r.representativeName,
    representativeEmail: r.representativeEmail,
    userId: r.userId,
    sector: r.sector,
    partnerCategory: r.partnerCategory,
    voting: r.voting,
    feeTier: r.feeTier,
    startDate: r.startDate,
    endDate: r.endDate,
    howJoined: r.howJoined,
    resourcesMoney: r.resourcesMoney === null ? null : Number(r.resourcesMoney),
    resourcesInKind: r.resourcesInKind,
    resourcesInKindValue: r.resourcesInKindValue === null ? null : Number(r.resourcesInKindValue),
    agreementSignedAt: r.agreementSignedAt?.toISOString() ?? null,
    agreementSignedByName: r.agreementSignedByName,
    agreementStatement: r.agreementStatement,
    active: isActiveOn(r, torontoToday()),
    isMe: !!actor && actor.kind === 'user' && r.userId === actor.userId,
    version: r.version,
  };
}

export { memberRows, activeMemberRows } from './repository/members';

export async function listMembers(database: Database, actor: Actor, collaborativeId: string) {
  await requireAccess(database.db, actor, collaborativeId, 'collaborative.members.read');
  const rows = await repo.memberRows(database.db, collaborativeId);
  const names = await orgNames(database.db, rows.map((r) => r.organizationId));
  const items = rows.map((r) => presentMember(r, names, actor)).sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { items, actions: collaborativeActions(actor, memberListActions, { collaborativeId }) };
}

/**
 * The platform account whose email is the representative's, if any: linking it puts the
 * membership's action items on that person's task list and lets them sign the agreement.
 * (Uses the core accounts lookup; there is no service-level "user by email" for modules.)
 */
async function linkedUser(db: Db, email: string | null | undefined): Promise<string | null> {
  if (!email?.trim()) return null;
  return (await findUserByEmail(db, email.trim()))?.id ?? null;
}

function checkMemberDates(input: { startDate?: string; endDate?: string | null }, errors: FieldError[]) {
  if (input.startDate && input.endDate && input.endDate < input.startDate) errors.push({ field: 'endDate', message: 'The end date cannot be before the start date' });
}

async function checkMember(db: Db, input: Partial<CreateMemberInput>, creating: boolean) {
  const errors: FieldError[] = [];
  if (creating && !input.organizationId && !input.individualName?.trim()) errors.push({ field: 'organizationId', message: 'Choose an organization or name an individual member' });
  if (input.organizationId && !(await organizationExists(db, input.organizationId))) errors.push({ field: 'organizationId', message: 'No such organization' });
  checkMemberDates(input, errors);
  if (errors.length) throw Errors.validation(errors);
}

export async function createMember(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, input: CreateMemberInput) {
  return runCommand({ database, actor, meta }, async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.members.create');
    await checkMember(tx, input, true);
    if (input.organizationId) {
      const dupe = await repo.overlappingMembership(tx, collaborativeId, input.organizationId, input.startDate);
      if (dupe) throw Errors.conflict('This organization is already a member', 'organizationId');
    }
    const userId = input.userId ?? (await linkedUser(tx, input.representativeEmail));
    const row = await repo.insertMember(tx, { ...input, userId, collaborativeId, resourcesMoney: input.resourcesMoney?.toString() ?? null, resourcesInKindValue: input.resourcesInKindValue?.toString() ?? null });
    return {
      result: presentMember(row, await orgNames(tx, [row.organizationId]), actor),
      audit: { action: 'collaborative.member.create', entityType: 'collaborative_member', entityId: row.id, organizationId: row.organizationId, details: { collaborativeId } },
    };
  });
}

export async function updateMember(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, memberId: string, input: UpdateMemberInput) {
  return runCommand({ database, actor, meta }, async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.members.update');
    const before = await repo.findMember(tx, collaborativeId, memberId);
    if (!before) throw Errors.notFound('Member');
    const { version, resourcesMoney, resourcesInKindValue, ...changes } = input;
    await checkMember(tx, { ...changes, startDate: changes.startDate ?? before.startDate, endDate: changes.endDate === undefined ? before.endDate : changes.endDate }, false);
    if (changes.representativeEmail !== undefined && changes.userId === undefined) changes.userId = await linkedUser(tx, changes.representativeEmail);
    const after = await repo.updateMemberIfVersion(tx, memberId, version, {
      ...changes,
      ...(resourcesMoney !== undefined ? { resourcesMoney: resourcesMoney?.toString() ?? null } : {}),
      ...(resourcesInKindValue !== undefined ? { resourcesInKindValue: resourcesInKindValue?.toString() ?? null } : {}),
    });
    const names = await orgNames(tx, [before.organizationId, after?.organizationId ?? null]);
    if (!after) throw Errors.staleVersion(presentMember(before, names, actor));
    return {
      result: presentMember(after, names, actor),
      audit: { action: 'collaborative.member.update', entityType: 'collaborative_member', entityId: memberId, organizationId: after.organizationId, details: { collaborativeId, changed: Object.keys(changes) } },
    };
  });
}

/**
 * Signs the membership agreement: the member's own representative (their linked account) or a
 * coordinator recording a signature. The statement of commitment signed is kept with the
 * signer and the time.
 */
export async function signAgreement(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, memberId: string, input: { signatureName: string }, statement: (tx: Db) => Promise<string | null>) {
  return runCommand({ database, actor, meta }, async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.agreement.sign');
    const row = await repo.findMember(tx, collaborativeId, memberId);
    if (!row) throw Errors.notFound('Member');
    const own = actor.kind === 'user' && row.userId === actor.userId;
    authorizeAction(can, actor, 'collaborative.agreement.sign', { collaborativeId, ownedByActor: own });
    if (row.agreementSignedAt) throw Errors.conflict('This membership agreement is already signed', 'signatureName');
    const text = await statement(tx);
    if (!text) throw Errors.conflict('The collaborative has no approved membership agreement to sign yet', 'signatureName');
    const after = (await repo.updateMemberIfVersion(tx, memberId, null, { agreementSignedAt: new Date(), agreementSignedByUserId: actorUserId(actor), agreementSignedByName: input.signatureName, agreementStatement: text }))!;
    return {
      result: presentMember(after, await orgNames(tx, [after.organizationId]), actor),
      audit: { action: 'collaborative.agreement.sign', entityType: 'collaborative_member', entityId: memberId, organizationId: row.organizationId, details: { collaborativeId, signatureName: input.signatureName } },
    };
  });
}

/** Which partner categories and sectors are at the table (active members) against the checklist. */
export async function representation(db: Db, collaborativeId: string, checklist: { partnerCategories: string[]; sectors: string[] }) {
  const today = torontoToday();
  const rows = await repo.activeMemberRows(db, collaborativeId, today);
  const count = (key: 'partnerCategory' | 'sector', v: string) => rows.filter((r) => r[key] === v).length;
  return {
    partnerCategories: partnerCategories.map((v) => ({ value: v, members: count('partnerCategory', v), wanted: checklist.partnerCategories.includes(v) })),
    sectors: sectors.map((v) => ({ value: v, members: count('sector', v), wanted: checklist.sectors.includes(v) })),
    missingPartnerCategories: representationGaps(checklist.partnerCategories, rows.map((r) => r.partnerCategory)),
    missingSectors: representationGaps(checklist.sectors, rows.map((r) => r.sector)),
  };
}

export async function getRepresentation(database: Database, actor: Actor, collaborativeId: string) {
  const { row } = await requireAccess(database.db, actor, collaborativeId, 'collaborative.members.read');
  return representation(database.db, collaborativeId, { partnerCategories: row.checklistPartnerCategories, sectors: row.checklistSectors });
}

// ---------- structure ----------

export async function listBodies(database: Database, actor: Actor, collaborativeId: string) {
  await requireAccess(database.db, actor, collaborativeId, 'collaborative.structure.read');
  const rows = await repo.bodiesOf(database.db, collaborativeId);
  const links = await repo.bodyMembersOf(database.db, rows.map((r) => r.id));
  const mrows = await repo.memberRows(database.db, collaborativeId);
  const names = await orgNames(database.db, mrows.map((m) => m.organizationId));
  const byId = new Map(mrows.map((m) => [m.id, memberName(m, names)]));
  const roleOrder = { chair: 0, co_chair: 1, member: 2 } as Record<string, number>;
  return {
    items: rows.map((b) => ({
      id: b.id,
      parentId: b.parentId,
      name: b.name,
      kind: b.kind,
      basis: b.basis,
      mandate: b.mandate,
      members: links
        .filter((l) => l.bodyId === b.id)
        .map((l) => ({ memberId: l.memberId, displayName: byId.get(l.memberId) ?? '?', role: l.role }))
        .sort((a, c) => roleOrder[a.role] - roleOrder[c.role] || a.displayName.localeCompare(c.displayName)),
    })),
  };
}

export async function createBody(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, input: CreateBodyInput) {
  return runCommand({ database, actor, meta }, async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.structure.create');
    const errors: FieldError[] = [];
    if (input.parentId) {
      if (!(await repo.bodyExists(tx, collaborativeId, input.parentId))) errors.push({ field: 'parentId', message: 'No such body in this collaborative' });
    }
    const ids = input.members.map((m) => m.memberId);
    if (new Set(ids).size !== ids.length) errors.push({ field: 'members', message: 'A member is listed twice' });
    if (ids.length) {
      const ok = await repo.memberIdsIn(tx, collaborativeId, ids);
      input.members.forEach((m, i) => {
        if (!ok.has(m.memberId)) errors.push({ field: `members.${i}.memberId`, message: 'Not a member of this collaborative' });
      });
    }
    if (input.members.filter((m) => m.role === 'chair').length > 1) errors.push({ field: 'members', message: 'A body has one chair; use co-chairs to share the role' });
    if (errors.length) throw Errors.validation(errors);
    const row = await repo.insertBody(tx, { collaborativeId, name: input.name, kind: input.kind, parentId: input.parentId ?? null, basis: input.basis ?? null, mandate: input.mandate ?? null }, input.members);
    return { result: row.id, audit: { action: 'collaborative.body.create', entityType: 'collaborative_body', entityId: row.id, details: { collaborativeId, name: row.name } } };
  });
}
