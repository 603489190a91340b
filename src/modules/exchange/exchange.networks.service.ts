/** Networks, members, share grants, the comparison and the steward's view. */
import type { Database, Db } from '../../core/db/database';
import { actorUserId, type Actor, type RequestMeta } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { runCommand } from '../../core/command';
import { Errors } from '../../core/http/errors';
import { collaborativeAccess, collaborativeExists, collaborativeIdsWithAccess, collaborativeSummaries } from '../collaboratives/collaboratives.api';
import { findIndicators, sharedPartitionTotals } from '../data/data.api';
import { freshnessByCollaborative, measuresWithValues } from '../strategy/strategy.api';
import { protectTable, markerOf } from '../data/data.api';
import { can } from './exchange.policy';
import * as repo from './exchange.repository';
import { buildComparison, formatValue, type SharedItem, type SharedSeries } from './exchange.compare';
import { presentGrant, presentNetwork } from './exchange.presenter';
import type { CommunityType, Comparison } from './exchange.schema';

/** Who is looking, for the queries: everything, or the user and the collaboratives they belong to. */
export function viewerOf(actor: Actor): repo.Viewer {
  const ids = collaborativeIdsWithAccess(actor, 'member');
  return ids === 'all' ? { all: true } : { all: false, userId: actorUserId(actor), collaboratives: ids };
}

/** The facts the policy needs about a network the actor sees. */
export async function networkFacts(db: Db, actor: Actor, id: string) {
  // One after the other (`db` may be a transaction, which is one connection); the members are
  // returned only when the viewer may see the network.
  const network = await repo.findNetwork(db, id, viewerOf(actor));
  const members = await repo.listMembers(db, id);
  if (!network) throw Errors.notFound('Network');
  const mine = collaborativeIdsWithAccess(actor, 'member');
  const inNetwork = mine === 'all' || members.some((m) => mine.includes(m.collaborativeId));
  const steward = !!network.stewardUserId && network.stewardUserId === actorUserId(actor);
  return { network, members, inNetwork, steward, mine };
}

async function loadNetwork(db: Db, actor: Actor, id: string) {
  const f = await networkFacts(db, actor, id);
  const names = await collaborativeSummaries(db, f.members.map((m) => m.collaborativeId));
  return presentNetwork(f.network, f.members, names, actor, f);
}

export async function listNetworks(database: Database, actor: Actor) {
  const rows = await repo.listNetworks(database.db, viewerOf(actor));
  return {
    items: rows.map((n) => ({
      id: n.id, name: { en: n.name, fr: n.nameFr }, description: n.description, stewardUserId: n.stewardUserId, stewardName: n.stewardName, memberCount: n.memberCount,
      actions: { 'exchange.network.manage': can(actor, 'exchange.network.manage', { steward: !!n.stewardUserId && n.stewardUserId === actorUserId(actor) }) },
    })),
    actions: { 'exchange.network.create': can(actor, 'exchange.network.create', {}) },
  };
}

export async function getNetwork(database: Database, actor: Actor, id: string) {
  const n = await loadNetwork(database.db, actor, id);
  authorizeAction(can, actor, 'exchange.network.read', { inNetwork: true });
  return n;
}

export async function createNetwork(database: Database, actor: Actor, meta: RequestMeta, input: { name: string; nameFr?: string | null; description?: string | null; stewardUserId?: string | null }) {
  authorizeAction(can, actor, 'exchange.network.create', {});
  return runCommand({ database, actor, meta }, async (tx) => {
    if (input.stewardUserId && !(await repo.userExists(tx, input.stewardUserId))) throw Errors.validation([{ field: 'stewardUserId', message: 'No such user' }]);
    if (await repo.findNetworkByName(tx, input.name)) throw Errors.conflict('A network with this name already exists', 'name');
    const id = await repo.insertNetwork(tx, input);
    return { result: await loadNetwork(tx, actor, id), audit: { action: 'exchange.network.create', entityType: 'exchange_network', entityId: id, details: { name: input.name } } };
  });
}

export async function addMember(database: Database, actor: Actor, meta: RequestMeta, networkId: string, input: { collaborativeId: string; communityType: CommunityType }) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const f = await networkFacts(tx, actor, networkId);
    authorizeAction(can, actor, 'exchange.network.manage', f);
    if (!(await collaborativeExists(tx, input.collaborativeId))) throw Errors.validation([{ field: 'collaborativeId', message: 'No such collaborative' }]);
    await repo.upsertMember(tx, networkId, input.collaborativeId, input.communityType);
    return { result: await loadNetwork(tx, actor, networkId), audit: { action: 'exchange.member.add', entityType: 'exchange_network', entityId: networkId, details: input } };
  });
}

/** The steward takes a collaborative out of the network; its live grants there are revoked with the same reason. */
export async function removeMember(database: Database, actor: Actor, meta: RequestMeta, networkId: string, collaborativeId: string, reason: string) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const f = await networkFacts(tx, actor, networkId);
    authorizeAction(can, actor, 'exchange.network.manage', f);
    if (!(await repo.removeMember(tx, networkId, collaborativeId, actorUserId(actor), reason))) throw Errors.notFound('Member');
    return { result: await loadNetwork(tx, actor, networkId), audit: { action: 'exchange.member.remove', entityType: 'exchange_network', entityId: networkId, details: { collaborativeId, reason } } };
  });
}

// ---------- grants ----------

async function itemNames(db: Db, rows: repo.GrantRow[]) {
  const indicatorIds = [...new Set(rows.filter((r) => r.indicatorId).map((r) => r.indicatorId!))];
  const measureIds = [...new Set(rows.filter((r) => r.measureId).map((r) => r.measureId!))];
  const [inds, ms] = await Promise.all([indicatorIds.length ? findIndicators(db, null, { ids: indicatorIds, limit: 500 }) : [], measuresWithValues(db, measureIds)]);
  const out = new Map<string, { en: string; fr: string | null }>();
  for (const i of inds) out.set(i.id, i.name);
  for (const m of ms) out.set(m.id, { en: m.name, fr: m.nameFr });
  return out;
}

/** The grants of a network: every grant of the collaboratives the actor manages or belongs to (their record), and the live grants of the others. */
export async function listGrants(database: Database, actor: Actor, networkId: string) {
  const db = database.db;
  const f = await networkFacts(db, actor, networkId);
  const v = viewerOf(actor);
  const own = await repo.grantsOf(db, networkId, v, f.mine);
  const live = await repo.liveGrants(db, networkId, v);
  const rows = [...own, ...live.filter((g) => !own.some((o) => o.id === g.id))];
  const [names, collabs] = await Promise.all([itemNames(db, rows), collaborativeSummaries(db, [...new Set(rows.map((r) => r.collaborativeId))])]);
  return { items: rows.map((r) => presentGrant(r, names, collabs, actor, f)) };
}

export async function createGrant(
  database: Database,
  actor: Actor,
  meta: RequestMeta,
  networkId: string,
  input: { collaborativeId: string; kind: 'indicator' | 'measure'; indicatorId?: string; measureId?: string; validUntil?: string | null; aggregateConsent: boolean },
) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const f = await networkFacts(tx, actor, networkId);
    const member = f.members.find((m) => m.collaborativeId === input.collaborativeId);
    const manages = collaborativeAccess(actor, input.collaborativeId) === 'manage';
    authorizeAction(can, actor, 'exchange.grant.create', { inNetwork: f.inNetwork, manages });
    if (!member) throw Errors.validation([{ field: 'collaborativeId', message: 'This collaborative is not a member of the network' }]);
    if (input.validUntil && input.validUntil < new Date().toISOString().slice(0, 10)) throw Errors.validation([{ field: 'validUntil', message: 'The grant would end before today' }]);
    let geographyId: string | null = null;
    if (input.kind === 'indicator') {
      if (!input.indicatorId) throw Errors.validation([{ field: 'indicatorId', message: 'Required to share an indicator' }]);
      if (!(await findIndicators(tx, null, { ids: [input.indicatorId] })).length) throw Errors.validation([{ field: 'indicatorId', message: 'No such indicator' }]);
      geographyId = (await collaborativeSummaries(tx, [input.collaborativeId])).get(input.collaborativeId)?.catchmentGeographyId ?? null;
      if (!geographyId) throw Errors.validation([{ field: 'collaborativeId', message: 'Give the collaborative a catchment area first: shared values are read for its place' }]);
    } else {
      if (!input.measureId) throw Errors.validation([{ field: 'measureId', message: 'Required to share a measure' }]);
      const [m] = await measuresWithValues(tx, [input.measureId]);
      if (!m || m.collaborativeId !== input.collaborativeId) throw Errors.validation([{ field: 'measureId', message: "No such measure in this collaborative's plans" }]);
    }
    const id = await repo.insertGrant(tx, {
      networkId, collaborativeId: input.collaborativeId, kind: input.kind, indicatorId: input.kind === 'indicator' ? input.indicatorId! : null, measureId: input.kind === 'measure' ? input.measureId! : null,
      geographyId, aggregateConsent: input.aggregateConsent, grantedBy: actorUserId(actor), validUntil: input.validUntil ?? null,
    });
    if (!id) throw Errors.conflict('This is already shared with the network', input.kind === 'indicator' ? 'indicatorId' : 'measureId');
    const row = (await repo.findGrant(tx, id))!;
    const names = await itemNames(tx, [row]);
    const collabs = await collaborativeSummaries(tx, [row.collaborativeId]);
    return {
      result: presentGrant(row, names, collabs, actor, f),
      audit: { action: 'exchange.grant.create', entityType: 'exchange_share_grant', entityId: id, details: { networkId, collaborativeId: input.collaborativeId, kind: input.kind, item: input.indicatorId ?? input.measureId, validUntil: input.validUntil ?? null, aggregateConsent: input.aggregateConsent } },
    };
  });
}

export async function revokeGrant(database: Database, actor: Actor, meta: RequestMeta, id: string, reason: string) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const before = await repo.findGrant(tx, id);
    if (!before) throw Errors.notFound('Grant');
    // A grant is seen only by those who see its network.
    const f = await networkFacts(tx, actor, before.networkId).catch(() => { throw Errors.notFound('Grant'); });
    authorizeAction(can, actor, 'exchange.grant.revoke', { inNetwork: f.inNetwork, manages: collaborativeAccess(actor, before.collaborativeId) === 'manage' });
    if (!(await repo.revokeGrant(tx, id, actorUserId(actor), reason))) throw Errors.conflict('This grant is already revoked');
    const row = (await repo.findGrant(tx, id))!;
    const names = await itemNames(tx, [row]);
    const collabs = await collaborativeSummaries(tx, [row.collaborativeId]);
    return { result: presentGrant(row, names, collabs, actor, f), audit: { action: 'exchange.grant.revoke', entityType: 'exchange_share_grant', entityId: id, details: { reason } } };
  });
}

// ---------- comparison ----------

/** Everything the live grants of a network let this viewer see, read through data.api and strategy.api. */
async function sharedData(
  db: Db,
  actor: Actor,
  networkId: string,
  q: { indicatorId?: string; communityType?: CommunityType; aggregateOnly?: boolean },
  knownNames?: Promise<Map<string, { name: string }>>,
  liveGrantsRead?: Promise<repo.GrantRow[]>,
) {
  const grants = await (liveGrantsRead ?? repo.liveGrants(db, networkId, viewerOf(actor), { ...q }));
  const indicatorGrants = grants.filter((g) => g.kind === 'indicator');
  const measureGrants = q.indicatorId ? [] : grants.filter((g) => g.kind === 'measure');
  const indicatorIds = [...new Set(indicatorGrants.map((g) => g.indicatorId!))];
  // The grants name everything else: read it at once.
  const [names, { rows, thresholds }, defs, measures] = await Promise.all([
    knownNames ?? collaborativeSummaries(db, [...new Set(grants.map((g) => g.collaborativeId))]),
    sharedPartitionTotals(db, indicatorGrants.map((g) => ({ collaborativeId: g.collaborativeId, indicatorId: g.indicatorId!, geographyId: g.geographyId! }))),
    indicatorIds.length ? findIndicators(db, null, { ids: indicatorIds, limit: 500 }) : Promise.resolve([]),
    measuresWithValues(db, measureGrants.map((g) => g.measureId!)),
  ]);
  const nameOf = (id: string) => names.get(id)?.name ?? '';
  const items: SharedItem[] = defs.map((d) => ({ id: d.id, kind: 'indicator', code: d.code, name: d.name, unit: d.unit, threshold: thresholds.get(d.id) ?? 5 }));
  const byKey = new Map<string, SharedSeries>();
  for (const g of indicatorGrants) byKey.set(`${g.collaborativeId}|${g.indicatorId}`, { collaborativeId: g.collaborativeId, collaborativeName: nameOf(g.collaborativeId), communityType: g.communityType, itemId: g.indicatorId!, points: [] });
  for (const r of rows) byKey.get(`${r.collaborativeId}|${r.indicatorId}`)?.points.push({ period: r.period, value: r.value, status: r.status });
  // Measures of different plans are compared by name and unit (as cloned from one template).
  for (const m of measures) {
    const g = measureGrants.find((x) => x.measureId === m.id)!;
    const key = `measure:${m.name.toLowerCase()}|${m.unit}`;
    if (!items.some((i) => i.id === key)) items.push({ id: key, kind: 'measure', code: m.name, name: { en: m.name, fr: m.nameFr }, unit: m.unit, threshold: 5 });
    byKey.set(`${g.collaborativeId}|${key}`, { collaborativeId: g.collaborativeId, collaborativeName: nameOf(g.collaborativeId), communityType: g.communityType, itemId: key, points: m.values.map((v) => ({ period: v.period, value: v.value })) });
  }
  return { grants, items, series: [...byKey.values()] };
}

export async function comparison(database: Database, actor: Actor, networkId: string, q: { indicatorId?: string; communityType?: CommunityType }): Promise<Comparison> {
  const db = database.db;
  // Two rounds of reads at once, not six one after the other. The live grants are read beside
  // the network's facts: the viewer's right to see the network is in their query too, so
  // nothing is read that the check below would not let through; the rest waits for the check.
  const grantsRead = repo.liveGrants(db, networkId, viewerOf(actor), { indicatorId: q.indicatorId, communityType: q.communityType });
  const importedRead = q.indicatorId ? Promise.resolve([]) : repo.importedValues(db, networkId);
  const f = await networkFacts(db, actor, networkId).catch(async (e) => {
    await Promise.allSettled([grantsRead, importedRead]);
    throw e;
  });
  authorizeAction(can, actor, 'exchange.network.read', f);
  const namesRead = collaborativeSummaries(db, f.members.map((m) => m.collaborativeId));
  const [{ grants, items, series }, importedRows, allNames] = await Promise.all([sharedData(db, actor, networkId, q, namesRead, grantsRead), importedRead, namesRead]);
  const indicators = buildComparison(items, series);
  const sharing = new Set(grants.map((g) => g.collaborativeId));
  // The facet counts every community type, whatever type is picked: what picking it would show.
  const facetCounts: Record<string, number> = {};
  const unfaceted = q.communityType ? await repo.liveGrants(db, networkId, viewerOf(actor), { indicatorId: q.indicatorId }) : grants;
  for (const type of new Map(unfaceted.map((g) => [g.collaborativeId, g.communityType])).values()) facetCounts[type] = (facetCounts[type] ?? 0) + 1;
  const imported = importedRows.filter((r) => !q.communityType || r.communityType === q.communityType);
  return {
    networkId,
    indicators,
    facets: { communityType: facetCounts },
    notSharing: f.members
      .filter((m) => !sharing.has(m.collaborativeId) && (!q.communityType || m.communityType === q.communityType))
      .map((m) => ({ collaborativeId: m.collaborativeId, name: allNames.get(m.collaborativeId)?.name ?? '', communityType: m.communityType })),
    imported: imported.map((r) => ({ ...r, value: r.value === null ? null : Number(r.value) })),
  };
}

/** Shared values of a network for export: what the grants let through, already protected. */
export async function comparisonForExport(db: Db, actor: Actor, networkId: string) {
  const { items, series } = await sharedData(db, actor, networkId, {});
  return buildComparison(items, series);
}

// ---------- steward ----------

export async function stewardView(database: Database, actor: Actor, networkId: string, period: string) {
  const db = database.db;
  const f = await networkFacts(db, actor, networkId);
  authorizeAction(can, actor, 'exchange.steward.read', f);
  const ids = f.members.map((m) => m.collaborativeId);
  const [names, freshness, all] = await Promise.all([collaborativeSummaries(db, ids), freshnessByCollaborative(db, ids), sharedData(db, actor, networkId, {})]);
  const reported = new Set(all.series.filter((s) => s.points.some((p) => p.period.startsWith(period) && p.value !== null)).map((s) => s.collaborativeId));
  // Aggregates only over grants whose collaborative consented to being added up.
  const consented = await sharedData(db, actor, networkId, { aggregateOnly: true });
  const aggregates = consented.items
    .filter((i) => i.kind === 'indicator' && (i.unit === 'count' || i.unit === 'currency'))
    .map((i) => {
      const parts = consented.series.filter((s) => s.itemId === i.id).map((s) => ({ id: s.collaborativeId, value: s.points.find((p) => p.period === period)?.value ?? null }));
      const present = parts.filter((p) => p.value !== null);
      const total = present.reduce((a, p) => a + p.value!, 0);
      const cells = [...present.map((p) => ({ id: p.id, value: p.value, count: i.unit === 'count' })), { id: 'total', value: total, count: i.unit === 'count' }];
      const decision = protectTable({ threshold: i.threshold, cells, relations: [{ total: 'total', parts: present.map((p) => p.id) }] });
      const hidden = decision.hidden.get('total');
      return { indicatorId: i.id, name: i.name, unit: i.unit, period, contributors: present.length, total: hidden || !present.length ? null : total, display: !present.length ? '–' : hidden ? markerOf(hidden, i.threshold) : formatValue(total, i.unit) };
    });
  return {
    networkId,
    period,
    members: f.members.map((m) => {
      const fr = freshness.get(m.collaborativeId) ?? null;
      return { collaborativeId: m.collaborativeId, name: names.get(m.collaborativeId)?.name ?? '', communityType: m.communityType, reported: reported.has(m.collaborativeId), freshness: fr, stale: !!fr && fr.total > 0 && fr.score < 1 };
    }),
    aggregates,
  };
}
