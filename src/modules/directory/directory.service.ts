import { sql } from 'drizzle-orm';
import { arrayParam } from '../../core/db/params';
import { rowsOf, type Database, type Db } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorLabel } from '../../core/accounts/actor';
import { authorize, hasOrganizationRole, isPlatformAdmin } from '../../core/accounts/accounts.policy';
import { recordAudit } from '../../core/audit/audit.service';
import { Errors } from '../../core/http/errors';
import { hsdsServices } from './directory.hsds';
import { locate, searchServices, type ServiceSearch } from './repository/search';
import { refreshSearch } from './directory.repository';

type Row = Record<string, unknown>;

/** Directory admins (platform admins) edit everything; an organization's admins and staff edit its own services. */
export function canEditService(actor: Actor, organizationId: string): boolean {
  return isPlatformAdmin(actor) || hasOrganizationRole(actor, organizationId, 'org_admin', 'staff');
}

export interface FinderQuery {
  q?: string;
  termId?: string[];
  municipality?: string;
  near?: string;
  radiusKm: number;
  language?: string;
  age?: number;
  openNow?: boolean;
  free?: boolean;
  wheelchair?: boolean;
  lang: 'en' | 'fr';
  page: number;
  perPage: number;
}

/** Pick the text in the reader's language, falling back to the record's own. */
const localized = (svc: Row, field: string, lang: string): string | undefined =>
  ((svc.translations as Record<string, Record<string, string>> | undefined)?.[lang]?.[field] as string | undefined) ?? (svc[field] as string | undefined);

/**
 * The documents to bring, in the reader's language: the service's translations may carry them
 * (`translations.fr.required_documents`, keyed by each required_document row's own text);
 * a document with no translation keeps its own text.
 */
function requiredDocuments(svc: Row, lang: string): string[] {
  const own = ((svc.required_documents as Row[] | undefined) ?? []).map((d) => d.document as string).filter(Boolean);
  const translated = (svc.translations as Record<string, Record<string, unknown>> | undefined)?.[lang]?.required_documents;
  if (!translated || typeof translated !== 'object' || Array.isArray(translated)) return own;
  const map = translated as Record<string, unknown>;
  return own.map((d) => (typeof map[d] === 'string' && (map[d] as string).trim() ? (map[d] as string) : d));
}

/** The public finder: search, filters, and results shaped for people rather than for HSDS. */
export async function findServices(database: Database, f: FinderQuery) {
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
    const chain = await rowsOf<{ id: string }>(db, sql`
      WITH RECURSIVE up AS (SELECT id, parent_id FROM geographies WHERE id::text = ${f.municipality} OR code = ${f.municipality}
        UNION SELECT g.id, g.parent_id FROM geographies g JOIN up ON g.id = up.parent_id)
      SELECT id FROM up`);
    if (chain.length === 0) throw Errors.validation([{ field: 'municipality', message: 'No such place' }]);
    search.geographyIds = chain.map((r) => r.id);
  }
  if (f.near) {
    origin = await locate(db, f.near);
    if (!origin) throw Errors.validation([{ field: 'near', message: 'Unknown postal code or place. Try a postal code like L1H 7K4 or a town like Oshawa.' }]);
    search.near = { latitude: origin.latitude, longitude: origin.longitude, radiusKm: f.radiusKm };
  }
  const { hits, total, totalCapped, corrected } = await searchServices(db, search);
  const services = await hsdsServices(db, hits.map((h) => h.id), true);
  const items = services.map((svc, i) => presentForFinder(svc, f.lang, hits[i].distanceKm));
  return { items, total, totalCapped, page: f.page, perPage: f.perPage, corrected: corrected ?? null, origin: origin ?? null };
}

/** One service for the finder; signed-in editors also get its version and what they may do. */
export async function finderService(database: Database, actor: Actor | null, id: string, lang: 'en' | 'fr') {
  const [svc] = await hsdsServices(database.db, [id], true);
  if (!svc || svc.status === 'defunct') throw Errors.notFound('Service');
  const [row] = await rowsOf<{ version: number }>(database.db, sql`SELECT version FROM directory_services WHERE id = ${id}`);
  const edit = !!actor && canEditService(actor, (svc.organization as Row).id as string);
  return { ...presentForFinder(svc, lang, null), version: row.version, actions: { edit }, hsds: svc };
}

function presentForFinder(svc: Row, lang: string, distanceKm: number | null) {
  const sals = (svc.service_at_locations as Row[] | undefined) ?? [];
  const org = svc.organization as Row;
  const attributes = (svc.attributes as Row[] | undefined) ?? [];
  const capacities = (svc.capacities as Row[] | undefined) ?? [];
  const now = new Date();
  return {
    id: svc.id as string,
    name: localized(svc, 'name', lang) as string,
    description: localized(svc, 'description', lang) ?? '',
    organization: { id: org.id as string, name: org.name as string, website: (org.website as string) ?? null },
    status: svc.status as string,
    applicationProcess: localized(svc, 'application_process', lang) ?? null,
    eligibility: localized(svc, 'eligibility_description', lang) ?? null,
    minimumAge: (svc.minimum_age as number) ?? null,
    maximumAge: (svc.maximum_age as number) ?? null,
    fees: localized(svc, 'fees_description', lang) ?? null,
    free: ((svc.cost_options as Row[] | undefined) ?? []).some((c) => Number(c.amount) === 0 || /^(free|gratuit)$/i.test(String(c.option ?? ''))),
    url: (svc.url as string) ?? null,
    email: (svc.email as string) ?? null,
    distanceKm: distanceKm === null ? null : Math.round(distanceKm * 10) / 10,
    languages: ((svc.languages as Row[] | undefined) ?? []).map((l) => ({ code: (l.code as string) ?? null, name: (l.name as string) ?? null })),
    phones: [
      ...((svc.phones as Row[] | undefined) ?? []),
      ...(((org.phones as Row[] | undefined) ?? []) as Row[]),
    ].map((p) => ({ number: p.number as string, extension: (p.extension as string) ?? null, description: (p.description as string) ?? null })),
    requiredDocuments: requiredDocuments(svc, lang),
    categories: attributes
      .map((a) => a.taxonomy_term as Row | undefined)
      .filter((t): t is Row => !!t)
      .map((t) => ({ id: t.id as string, name: ((t.translations as Record<string, Record<string, string>> | undefined)?.[lang]?.name ?? t.name) as string, taxonomy: (t.taxonomy as string) ?? null })),
    locations: sals.map((sal) => {
      const loc = (sal.location as Row) ?? {};
      const addr = ((loc.addresses as Row[] | undefined) ?? [])[0];
      const schedules = [...((sal.schedules as Row[] | undefined) ?? []), ...((loc.schedules as Row[] | undefined) ?? [])];
      return {
        id: loc.id as string,
        name: (localized(loc, 'name', lang) as string) ?? null,
        latitude: (loc.latitude as number) ?? null,
        longitude: (loc.longitude as number) ?? null,
        geographyCode: (loc.geography_code as string) ?? null,
        address: addr ? [addr.address_1, addr.address_2, `${addr.city}, ${addr.state_province} ${addr.postal_code}`].filter(Boolean).join(', ') : null,
        wheelchairAccessible: ((loc.accessibility as Row[] | undefined) ?? []).some((a) => /wheelchair|fauteuil/i.test(`${a.description ?? ''} ${a.details ?? ''}`)),
        hours: schedules.map((s) => ({ byday: (s.byday as string) ?? null, opensAt: (s.opens_at as string) ?? null, closesAt: (s.closes_at as string) ?? null, description: (s.description as string) ?? null })),
        openNow: schedules.some((s) => isOpen(s, now)),
      };
    }),
    capacity: capacities.map((c) => ({
      unit: ((c.unit as Row)?.name as string) ?? '',
      available: Number(c.available),
      maximum: c.maximum === undefined ? null : Number(c.maximum),
      description: (c.description as string) ?? null,
      updated: c.updated as string,
      ageDays: Math.floor((now.getTime() - new Date(c.updated as string).getTime()) / 86_400_000),
    })),
    lastVerifiedAt: (svc.last_verified_at as string) ?? null,
    lastVerifiedBy: (svc.last_verified_by as string) ?? null,
  };
}

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
/** Open at this moment in Toronto time, for weekly schedules. */
export function isOpen(s: Row, at: Date): boolean {
  if (s.freq !== 'WEEKLY' || !s.opens_at || !s.closes_at) return false;
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(at);
  const day = parts.find((p) => p.type === 'weekday')!.value.slice(0, 2).toUpperCase();
  const hhmm = `${parts.find((p) => p.type === 'hour')!.value.replace('24', '00')}:${parts.find((p) => p.type === 'minute')!.value}`;
  const byday = String(s.byday ?? '').toUpperCase();
  return DAYS.includes(day) && byday.includes(day) && hhmm >= String(s.opens_at).slice(0, 5) && hhmm < String(s.closes_at).slice(0, 5);
}

/** The need taxonomy as a tree, names in the reader's language. */
export async function taxonomyTree(database: Database, lang: 'en' | 'fr') {
  const rows = await rowsOf<{ id: string; code: string | null; name: string; fr: string | null; parent_id: string | null; taxonomy: string; taxonomy_id: string }>(
    database.db,
    sql`SELECT t.id, t.code, t.name, t.translations #>> '{fr,name}' AS fr, t.parent_id, x.name AS taxonomy, x.id AS taxonomy_id
        FROM directory_taxonomy_terms t JOIN directory_taxonomies x ON x.id = t.taxonomy_id ORDER BY x.name, t.code NULLS LAST, t.name`,
  );
  type Node = { id: string; code: string | null; name: string; children: Node[] };
  const nodes = new Map<string, Node>(rows.map((r) => [r.id, { id: r.id, code: r.code, name: lang === 'fr' && r.fr ? r.fr : r.name, children: [] }]));
  const taxonomies = new Map<string, { id: string; name: string; terms: Node[] }>();
  for (const r of rows) {
    const t = taxonomies.get(r.taxonomy_id) ?? { id: r.taxonomy_id, name: r.taxonomy, terms: [] };
    taxonomies.set(r.taxonomy_id, t);
    if (r.parent_id && nodes.has(r.parent_id)) nodes.get(r.parent_id)!.children.push(nodes.get(r.id)!);
    else t.terms.push(nodes.get(r.id)!);
  }
  return [...taxonomies.values()];
}

export async function finderLanguages(database: Database) {
  return rowsOf<{ code: string; name: string; services: number }>(
    database.db,
    sql`SELECT lower(l.code) AS code, min(l.name) AS name, count(DISTINCT l.service_id)::int AS services
        FROM directory_languages l JOIN directory_services s ON s.id = l.service_id AND s.status = 'active'
        WHERE l.code IS NOT NULL GROUP BY lower(l.code) ORDER BY services DESC, code`,
  );
}

/** Fields staff may edit on a service, with their HSDS names. */
export const editableServiceFields = ['name', 'alternate_name', 'description', 'url', 'email', 'status', 'application_process', 'fees_description', 'eligibility_description', 'minimum_age', 'maximum_age', 'interpretation_services', 'alert'] as const;
export type ServiceEdit = Partial<Record<(typeof editableServiceFields)[number], string | number | null>> & { translations?: Record<string, Record<string, string>> };

async function loadService(db: Db, id: string) {
  const [row] = await rowsOf<Row & { organization_id: string; version: number }>(db, sql`SELECT * FROM directory_services WHERE id = ${id} FOR UPDATE`);
  return row;
}

/**
 * Edits a service, keeping field-level history as HSDS metadata rows, under optimistic
 * concurrency. Staff of the owning organization and directory admins only.
 */
export async function updateService(database: Database, actor: Actor, meta: RequestMeta, id: string, version: number, changes: ServiceEdit) {
  return database.db.transaction(async (tx) => {
    const before = await loadService(tx, id);
    if (!before) throw Errors.notFound('Service');
    authorize(canEditService(actor, before.organization_id), 'directory.service.update');
    if (before.version !== version) throw Errors.staleVersion((await hsdsServices(tx, [id], false))[0]);
    const changed: { field: string; previous: string; replacement: string }[] = [];
    for (const field of [...editableServiceFields, 'translations'] as const) {
      if (!(field in changes)) continue;
      const next = (changes as Row)[field] ?? null;
      const prev = before[field] ?? null;
      const norm = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
      if (norm(prev) === norm(next)) continue;
      changed.push({ field, previous: norm(prev), replacement: norm(next) });
      await tx.execute(sql`UPDATE directory_services SET ${sql.identifier(field)} = ${field === 'translations' ? JSON.stringify(next) : next}${sql.raw(field === 'translations' ? '::jsonb' : '')} WHERE id = ${id}`);
    }
    if (changed.length) {
      await tx.execute(sql`UPDATE directory_services SET version = version + 1, updated_at = now() WHERE id = ${id}`);
      for (const c of changed) {
        await tx.execute(sql`INSERT INTO directory_metadata (resource_id, resource_type, last_action_type, field_name, previous_value, replacement_value, updated_by)
          VALUES (${id}, 'service', 'update', ${c.field}, ${c.previous}, ${c.replacement}, ${actorLabel(actor)})`);
      }
      await refreshSearch(tx, [id]);
      await recordAudit(tx, actor, meta, { action: 'directory.service.update', entityType: 'service', entityId: id, organizationId: before.organization_id, details: { changed: changed.map((c) => c.field) } });
    }
    return (await hsdsServices(tx, [id], true))[0];
  });
}

/** Records that someone checked the service's information is still right. */
export async function verifyService(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  return database.db.transaction(async (tx) => {
    const before = await loadService(tx, id);
    if (!before) throw Errors.notFound('Service');
    authorize(canEditService(actor, before.organization_id), 'directory.service.verify');
    await tx.execute(sql`UPDATE directory_services SET last_verified_at = now(), last_verified_by = ${actorLabel(actor)} WHERE id = ${id}`);
    await recordAudit(tx, actor, meta, { action: 'directory.service.verify', entityType: 'service', entityId: id, organizationId: before.organization_id });
    return (await hsdsServices(tx, [id], true))[0];
  });
}

/** Providers update how much room they have in a few clicks: one number per unit. */
export async function setCapacity(database: Database, actor: Actor, meta: RequestMeta, id: string, input: { unit: string; available: number; maximum?: number | null; description?: string | null }) {
  return database.db.transaction(async (tx) => {
    const before = await loadService(tx, id);
    if (!before) throw Errors.notFound('Service');
    authorize(canEditService(actor, before.organization_id), 'directory.service.capacity');
    if (input.maximum != null && input.available > input.maximum) throw Errors.validation([{ field: 'available', message: 'Cannot be more than the maximum' }]);
    let [unit] = await rowsOf<{ id: string }>(tx, sql`SELECT id FROM directory_units WHERE lower(name) = lower(${input.unit})`);
    if (!unit) [unit] = await rowsOf<{ id: string }>(tx, sql`INSERT INTO directory_units (id, name) VALUES (gen_random_uuid(), ${input.unit}) RETURNING id`);
    const [existing] = await rowsOf<{ id: string; available: string }>(tx, sql`SELECT id, available FROM directory_service_capacities WHERE service_id = ${id} AND unit_id = ${unit.id}`);
    if (existing) {
      await tx.execute(sql`UPDATE directory_service_capacities SET available = ${input.available}, maximum = ${input.maximum ?? null}, description = coalesce(${input.description ?? null}, description), updated = now(), updated_by = ${actorLabel(actor)} WHERE id = ${existing.id}`);
    } else {
      await tx.execute(sql`INSERT INTO directory_service_capacities (id, service_id, unit_id, available, maximum, description, updated_by) VALUES (gen_random_uuid(), ${id}, ${unit.id}, ${input.available}, ${input.maximum ?? null}, ${input.description ?? null}, ${actorLabel(actor)})`);
    }
    await tx.execute(sql`INSERT INTO directory_metadata (resource_id, resource_type, last_action_type, field_name, previous_value, replacement_value, updated_by)
      VALUES (${id}, 'service', 'update', ${'capacity:' + input.unit}, ${existing?.available ?? ''}, ${String(input.available)}, ${actorLabel(actor)})`);
    await recordAudit(tx, actor, meta, { action: 'directory.service.capacity', entityType: 'service', entityId: id, organizationId: before.organization_id, details: { unit: input.unit, available: input.available } });
    return (await hsdsServices(tx, [id], true))[0];
  });
}

/** Services not verified within the configured number of months, oldest first, limited to what the actor may edit. */
export async function reviewQueue(database: Database, actor: Actor, monthsOverride?: number) {
  const [setting] = await rowsOf<{ months: number }>(database.db, sql`SELECT (value #>> '{}')::int AS months FROM directory_settings WHERE key = 'review_after_months'`);
  const months = monthsOverride ?? setting?.months ?? 12;
  const orgs = isPlatformAdmin(actor) ? null : actor.kind === 'user' ? actor.roles.filter((r) => r.scopeType === 'organization' && (r.role === 'org_admin' || r.role === 'staff')).map((r) => r.scopeId!) : [];
  if (orgs && orgs.length === 0) throw Errors.forbidden('directory.review');
  const rows = await rowsOf<{ id: string; name: string; organization: string; organization_id: string; last_verified_at: string | null; last_verified_by: string | null }>(
    database.db,
    sql`SELECT s.id, s.name, o.legal_name AS organization, s.organization_id, s.last_verified_at, s.last_verified_by
        FROM directory_services s JOIN organizations o ON o.id = s.organization_id
        WHERE s.status <> 'defunct' AND (s.last_verified_at IS NULL OR s.last_verified_at < now() - make_interval(months => ${months}))
          ${orgs ? sql`AND s.organization_id = ANY(${arrayParam(orgs, 'uuid')})` : sql``}
        ORDER BY s.last_verified_at NULLS FIRST, s.name LIMIT 500`,
  );
  return { months, items: rows.map((r) => ({ id: r.id, name: r.name, organization: r.organization, organizationId: r.organization_id, lastVerifiedAt: r.last_verified_at, lastVerifiedBy: r.last_verified_by })) };
}

export async function setReviewMonths(database: Database, actor: Actor, meta: RequestMeta, months: number) {
  authorize(isPlatformAdmin(actor), 'directory.settings');
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`INSERT INTO directory_settings (key, value) VALUES ('review_after_months', to_jsonb(${months}::int)) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`);
    await recordAudit(tx, actor, meta, { action: 'directory.settings', entityType: 'directory_settings', entityId: 'review_after_months', details: { months } });
  });
}

/** Admins add and edit taxonomy terms. */
export async function upsertTerm(database: Database, actor: Actor, meta: RequestMeta, input: { id?: string; taxonomyId: string; parentId?: string | null; code?: string | null; name: string; nameFr?: string | null; description: string }) {
  authorize(isPlatformAdmin(actor), 'directory.taxonomy');
  return database.db.transaction(async (tx) => {
    const [tax] = await rowsOf<{ name: string }>(tx, sql`SELECT name FROM directory_taxonomies WHERE id = ${input.taxonomyId}`);
    if (!tax) throw Errors.validation([{ field: 'taxonomyId', message: 'No such taxonomy' }]);
    if (input.parentId) {
      const [p] = await rowsOf(tx, sql`SELECT 1 FROM directory_taxonomy_terms WHERE id = ${input.parentId} AND taxonomy_id = ${input.taxonomyId}`);
      if (!p) throw Errors.validation([{ field: 'parentId', message: 'The parent must be a term of the same taxonomy' }]);
      if (input.id) {
        const [cycle] = await rowsOf(tx, sql`WITH RECURSIVE up AS (SELECT id, parent_id FROM directory_taxonomy_terms WHERE id = ${input.parentId}
            UNION SELECT t.id, t.parent_id FROM directory_taxonomy_terms t JOIN up ON t.id = up.parent_id) SELECT 1 FROM up WHERE id = ${input.id}`);
        if (cycle) throw Errors.validation([{ field: 'parentId', message: 'A term cannot be under itself' }]);
      }
    }
    const translations = JSON.stringify(input.nameFr ? { fr: { name: input.nameFr } } : {});
    const [row] = await rowsOf<{ id: string }>(tx, sql`
      INSERT INTO directory_taxonomy_terms (id, code, name, description, parent_id, taxonomy, taxonomy_id, language, translations)
      VALUES (coalesce(${input.id ?? null}::uuid, gen_random_uuid()), ${input.code ?? null}, ${input.name}, ${input.description}, ${input.parentId ?? null}, ${tax.name}, ${input.taxonomyId}, 'en', ${translations}::jsonb)
      ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, description = EXCLUDED.description, parent_id = EXCLUDED.parent_id, translations = EXCLUDED.translations
      RETURNING id`);
    const affected = await rowsOf<{ id: string }>(tx, sql`SELECT DISTINCT link_id AS id FROM directory_attributes WHERE taxonomy_term_id = ${row.id} AND link_entity = 'service'`);
    await refreshSearch(tx, affected.map((a) => a.id));
    await recordAudit(tx, actor, meta, { action: input.id ? 'directory.taxonomy_term.update' : 'directory.taxonomy_term.create', entityType: 'taxonomy_term', entityId: row.id, details: { name: input.name } });
    return row;
  });
}

