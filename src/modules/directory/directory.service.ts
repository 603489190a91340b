import type { Database } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorLabel } from '../../core/accounts/actor';
import { runCommand } from '../../core/command';
import { allowedActions, authorizeAction } from '../../core/policy';
import { Errors } from '../../core/http/errors';
import { finderServiceDocuments, hsdsServices } from './repository/hsds';
import { locate, searchServices, type ServiceSearch } from './repository/search';
import { directoryVersion } from './repository/version';
import type { ServiceDocuments } from './directory.cache';
import * as repo from './repository/services';
import { refreshSearch } from './directory.repository';
import { can, reviewScope, SERVICE_ACTIONS } from './directory.policy';
import { presentForFinder } from './directory.presenter';
import type { CapacityBody, Categories, CategoryTerm, EditBody, FinderQuery, FinderResults, FinderServiceDetail, ReviewQueue, TermBody } from './directory.schema';

type Row = Record<string, unknown>;

/** Directory admins (platform admins) edit everything; an organization's admins and staff edit its own services. */
export function canEditService(actor: Actor, organizationId: string): boolean {
  return can(actor, 'directory.service.update', { organizationId });
}

/** The radius searched, to 100 m: requests that differ by less share their cached answer. */
export const radiusOf = (f: { radiusKm: number }) => Math.max(0.5, Math.round(f.radiusKm * 10) / 10);

/** The public finder: search, filters, and results shaped for people rather than for HSDS. */
export async function findServices(database: Database, f: FinderQuery, documents: ServiceDocuments | null = null, version?: string): Promise<FinderResults> {
  const db = database.db;
  const search: ServiceSearch = {
    q: f.q,
    termIds: f.termId,
    languageCode: f.language,
    age: f.age,
    free: f.free,
    wheelchair: f.wheelchair,
    openAt: f.openNow ? new Date() : undefined,
    activeOnly: true,
    limit: f.perPage,
    offset: (f.page - 1) * f.perPage,
  };
  let origin: { latitude: number; longitude: number; label: string } | undefined;
  if (f.municipality) {
    const chain = await repo.placeAndAncestors(db, f.municipality);
    if (chain.length === 0) throw Errors.validation([{ field: 'municipality', message: 'No such place' }]);
    search.geographyIds = chain;
  }
  if (f.near) {
    origin = await locate(db, f.near);
    if (!origin) throw Errors.validation([{ field: 'near', message: 'Unknown postal code or place. Try a postal code like L1H 7K4 or a town like Oshawa.' }]);
    search.near = { latitude: origin.latitude, longitude: origin.longitude, radiusKm: radiusOf(f) };
  }
  const { hits, total, totalCapped, corrected } = await searchServices(db, search);
  const ids = hits.map((h) => h.id);
  // The version first (the answer cache's, when it read one): a document read after it is at
  // least that new (ServiceDocuments).
  const services = documents && ids.length ? await documents.get(version ?? (await directoryVersion(db)), ids, (missing) => finderServiceDocuments(db, missing)) : await finderServiceDocuments(db, ids);
  const distance = new Map(hits.map((h) => [h.id, h.distanceKm]));
  const items = services.map((svc) => presentForFinder(svc, f.lang, distance.get(svc.id as string) ?? null));
  return { items, total, totalCapped, page: f.page, perPage: f.perPage, corrected: corrected ?? null, origin: origin ?? null };
}

/** One service for the finder; signed-in readers also get its version and what they may do. */
export async function finderService(database: Database, actor: Actor | null, id: string, lang: 'en' | 'fr'): Promise<FinderServiceDetail> {
  const [svc] = await hsdsServices(database.db, [id], true);
  if (!svc || svc.status === 'defunct') throw Errors.notFound('Service');
  const row = await repo.findService(database.db, id);
  if (!row) throw Errors.notFound('Service');
  const resource = { organizationId: row.organization_id };
  const actions = actor ? allowedActions(can, actor, SERVICE_ACTIONS, resource) : Object.fromEntries(SERVICE_ACTIONS.map((a) => [a, false]));
  return { ...presentForFinder(svc, lang, null), version: row.version, actions: actions as FinderServiceDetail['actions'], hsds: svc as FinderServiceDetail['hsds'] };
}

/** The need taxonomy as a tree, names in the reader's language. */
export async function taxonomyTree(database: Database, lang: 'en' | 'fr'): Promise<Categories['taxonomies']> {
  const rows = await repo.taxonomyTerms(database.db);
  const nodes = new Map<string, CategoryTerm>(rows.map((r) => [r.id, { id: r.id, code: r.code, name: lang === 'fr' && r.fr ? r.fr : r.name, children: [] }]));
  const taxonomies = new Map<string, { id: string; name: string; terms: CategoryTerm[] }>();
  for (const r of rows) {
    const t = taxonomies.get(r.taxonomy_id) ?? { id: r.taxonomy_id, name: r.taxonomy, terms: [] };
    taxonomies.set(r.taxonomy_id, t);
    if (r.parent_id && nodes.has(r.parent_id)) nodes.get(r.parent_id)!.children.push(nodes.get(r.id)!);
    else t.terms.push(nodes.get(r.id)!);
  }
  return [...taxonomies.values()];
}

export async function finderLanguages(database: Database) {
  return repo.serviceLanguages(database.db);
}

/** Fields staff may edit on a service, with their HSDS names. */
export const editableServiceFields = ['name', 'alternate_name', 'description', 'url', 'email', 'status', 'application_process', 'fees_description', 'eligibility_description', 'minimum_age', 'maximum_age', 'interpretation_services', 'alert'] as const;
export type ServiceEdit = Omit<EditBody, 'version'>;

const norm = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** The fields an edit changes, with their previous and new values as text. */
function changesOf(before: Row, changes: ServiceEdit) {
  const changed: { field: repo.EditableColumn; next: unknown; previous: string; replacement: string }[] = [];
  for (const field of [...editableServiceFields, 'translations'] as const) {
    if (!(field in changes)) continue;
    const next = (changes as Row)[field] ?? null;
    const prev = before[field] ?? null;
    if (norm(prev) === norm(next)) continue;
    changed.push({ field, next, previous: norm(prev), replacement: norm(next) });
  }
  return changed;
}

/** The age range after the edit, with the stored bound where the edit leaves one out, must be in order. */
function checkAgeRange(before: Row, changes: ServiceEdit) {
  const bound = (field: 'minimum_age' | 'maximum_age') => {
    const v = field in changes ? (changes as Row)[field] : before[field];
    return v === null || v === undefined ? null : Number(v);
  };
  const min = bound('minimum_age');
  const max = bound('maximum_age');
  if (min === null || max === null || min <= max) return;
  throw Errors.validation([
    'maximum_age' in changes
      ? { field: 'maximum_age', message: `Must be at least the minimum age (${min})` }
      : { field: 'minimum_age', message: `Must be at most the maximum age (${max})` },
  ]);
}

/**
 * Edits a service, keeping field-level history as HSDS metadata rows, under optimistic
 * concurrency. Staff of the owning organization and directory admins only. An edit that
 * changes nothing writes nothing (and no audit row).
 */
export async function updateService(database: Database, actor: Actor, meta: RequestMeta, id: string, version: number, changes: ServiceEdit) {
  const current = await repo.findService(database.db, id);
  if (!current) throw Errors.notFound('Service');
  authorizeAction(can, actor, 'directory.service.update', { organizationId: current.organization_id });
  if (current.version === version && changesOf(current, changes).length === 0) return (await hsdsServices(database.db, [id], true))[0];
  return runCommand({ database, actor, meta }, async (tx) => {
    const before = await repo.lockService(tx, id);
    if (!before) throw Errors.notFound('Service');
    authorizeAction(can, actor, 'directory.service.update', { organizationId: before.organization_id });
    if (before.version !== version) throw Errors.staleVersion((await hsdsServices(tx, [id], false))[0]);
    const changed = changesOf(before, changes);
    checkAgeRange(before, changes);
    await repo.setServiceFields(tx, id, changed.map((c) => ({ field: c.field, value: c.next })));
    for (const c of changed) await repo.recordFieldChange(tx, id, { field: c.field, previous: c.previous, replacement: c.replacement, by: actorLabel(actor) });
    await refreshSearch(tx, [id]);
    const result = (await hsdsServices(tx, [id], true))[0];
    return { result, audit: { action: 'directory.service.update', entityType: 'service', entityId: id, organizationId: before.organization_id, details: { changed: changed.map((c) => c.field) } } };
  });
}

/** Records that someone checked the service's information is still right. */
export async function verifyService(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const before = await repo.lockService(tx, id);
    if (!before) throw Errors.notFound('Service');
    authorizeAction(can, actor, 'directory.service.verify', { organizationId: before.organization_id });
    await repo.markVerified(tx, id, actorLabel(actor));
    const result = (await hsdsServices(tx, [id], true))[0];
    return { result, audit: { action: 'directory.service.verify', entityType: 'service', entityId: id, organizationId: before.organization_id } };
  });
}

/** Providers update how much room they have in a few clicks: one number per unit. */
export async function setCapacity(database: Database, actor: Actor, meta: RequestMeta, id: string, input: CapacityBody) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const before = await repo.lockService(tx, id);
    if (!before) throw Errors.notFound('Service');
    authorizeAction(can, actor, 'directory.service.capacity', { organizationId: before.organization_id });
    if (input.maximum != null && input.available > input.maximum) throw Errors.validation([{ field: 'available', message: 'Cannot be more than the maximum' }]);
    const unitId = await repo.unitIdFor(tx, input.unit);
    const by = actorLabel(actor);
    const previous = await repo.upsertCapacity(tx, id, unitId, { available: input.available, maximum: input.maximum ?? null, description: input.description ?? null, by });
    await repo.recordFieldChange(tx, id, { field: 'capacity:' + input.unit, previous: previous ?? '', replacement: String(input.available), by });
    const result = (await hsdsServices(tx, [id], true))[0];
    return { result, audit: { action: 'directory.service.capacity', entityType: 'service', entityId: id, organizationId: before.organization_id, details: { unit: input.unit, available: input.available } } };
  });
}

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

/** Services not verified within the configured number of months, oldest first, limited to what the actor may edit. */
export async function reviewQueue(database: Database, actor: Actor, monthsOverride?: number): Promise<ReviewQueue> {
  authorizeAction(can, actor, 'directory.review', {});
  const months = monthsOverride ?? (await repo.reviewMonthsSetting(database.db)) ?? 12;
  const rows = await repo.servicesDueForReview(database.db, months, reviewScope(actor));
  return { months, items: rows.map((r) => ({ id: r.id, name: r.name, organization: r.organization, organizationId: r.organization_id, lastVerifiedAt: iso(r.last_verified_at), lastVerifiedBy: r.last_verified_by })) };
}

export async function setReviewMonths(database: Database, actor: Actor, meta: RequestMeta, months: number) {
  authorizeAction(can, actor, 'directory.settings', {});
  await runCommand({ database, actor, meta }, async (tx) => {
    await repo.setReviewMonthsSetting(tx, months);
    return { result: undefined, audit: { action: 'directory.settings', entityType: 'directory_settings', entityId: 'review_after_months', details: { months } } };
  });
}

/** Admins add and edit taxonomy terms. */
export async function upsertTerm(database: Database, actor: Actor, meta: RequestMeta, input: TermBody & { id?: string }) {
  authorizeAction(can, actor, 'directory.taxonomy', {});
  return runCommand({ database, actor, meta }, async (tx) => {
    const taxonomy = await repo.taxonomyName(tx, input.taxonomyId);
    if (!taxonomy) throw Errors.validation([{ field: 'taxonomyId', message: 'No such taxonomy' }]);
    if (input.parentId) {
      if (!(await repo.termInTaxonomy(tx, input.parentId, input.taxonomyId))) throw Errors.validation([{ field: 'parentId', message: 'The parent must be a term of the same taxonomy' }]);
      if (input.id && (await repo.termIsAbove(tx, input.id, input.parentId))) throw Errors.validation([{ field: 'parentId', message: 'A term cannot be under itself' }]);
    }
    const id = await repo.upsertTermRow(tx, {
      id: input.id,
      code: input.code ?? null,
      name: input.name,
      description: input.description,
      parentId: input.parentId ?? null,
      taxonomy,
      taxonomyId: input.taxonomyId,
      translations: input.nameFr ? { fr: { name: input.nameFr } } : {},
    });
    await refreshSearch(tx, await repo.servicesWithTerm(tx, id));
    return { result: { id }, audit: { action: input.id ? 'directory.taxonomy_term.update' : 'directory.taxonomy_term.create', entityType: 'taxonomy_term', entityId: id, details: { name: input.name } } };
  });
}
