/** The "moving trains" inventory: Roundtable's collaboratives and the tables entered by hand or by CSV. */
import type { Database, Db } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { allowedActions } from '../../core/policy';
import { runCommand } from '../../core/command';
import { Errors, type FieldError } from '../../core/http/errors';
import { collaborativeExists, collaborativesInventory } from '../collaboratives/collaboratives.api';
import { can } from './mapping.policy';
import * as repo from './mapping.repository';
import { presentCollaborative, presentTable } from './mapping.presenter';
import type { InventoryTable, TableInput } from './mapping.schema';
import { tableKinds } from './mapping.schema';

export async function getInventory(database: Database, actor: Actor) {
  authorizeAction(can, actor, 'mapping.read', {});
  const collaboratives = await collaborativesInventory(database, actor);
  const rows = await repo.listTables(database.db);
  const profiles = new Map(rows.filter((r) => r.collaborativeId).map((r) => [r.collaborativeId!, r]));
  const tables: InventoryTable[] = [
    ...collaboratives.map((c) => presentCollaborative(c, profiles.get(c.id), actor)),
    ...rows.filter((r) => !r.collaborativeId).map((r) => presentTable(r, actor)),
  ].sort((a, b) => a.name.localeCompare(b.name));
  const orgIds = [...new Set(tables.flatMap((t) => t.memberOrganizationIds))];
  const names = await repo.organizationNames(database.db, orgIds);
  const organizations = orgIds
    .map((id) => ({ id, name: names.get(id) ?? '', tableCount: tables.filter((t) => t.memberOrganizationIds.includes(id)).length }))
    .sort((a, b) => b.tableCount - a.tableCount || a.name.localeCompare(b.name));
  const covered = await repo.placesCovered(database.db, [...new Set(tables.flatMap((t) => t.geographyIds))]);
  return { tables, organizations, overlaps: overlappingMandates(tables, covered), actions: allowedActions(can, actor, ['mapping.table.create'], {}) };
}

/**
 * Pairs of tables that share a need domain and work in a common place (a table with no place
 * given is not compared by place). Shared populations and members are reported, not required:
 * the answer is for people to give.
 */
export function overlappingMandates(tables: Pick<InventoryTable, 'id' | 'domains' | 'populations' | 'geographyIds' | 'memberOrganizationIds'>[], covered: Map<string, string[]>) {
  const placesOf = (t: { geographyIds: string[] }) => new Set(t.geographyIds.flatMap((g) => covered.get(g) ?? [g]));
  const out = [];
  for (let i = 0; i < tables.length; i++) {
    for (let j = i + 1; j < tables.length; j++) {
      const a = tables[i], b = tables[j];
      const sharedDomains = a.domains.filter((d) => b.domains.includes(d));
      if (sharedDomains.length === 0) continue;
      const pa = placesOf(a), pb = placesOf(b);
      const sharedPlaces = [...pa].filter((p) => pb.has(p)).length;
      if (pa.size && pb.size && sharedPlaces === 0) continue;
      out.push({
        a: a.id, b: b.id, sharedDomains,
        sharedPopulations: a.populations.filter((p) => b.populations.map((x) => x.toLowerCase()).includes(p.toLowerCase())),
        sharedPlaces,
        sharedMembers: a.memberOrganizationIds.filter((m) => b.memberOrganizationIds.includes(m)).length,
      });
    }
  }
  return out.sort((x, y) => y.sharedDomains.length - x.sharedDomains.length || y.sharedMembers - x.sharedMembers);
}

async function checkReferences(db: Db, input: Partial<TableInput>, prefix = ''): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const orgs = [...(input.memberOrganizationIds ?? []), ...(input.leadOrganizationId ? [input.leadOrganizationId] : [])];
  const known = await repo.existingOrganizationIds(db, orgs);
  if (input.leadOrganizationId && !known.has(input.leadOrganizationId)) errors.push({ field: `${prefix}leadOrganizationId`, message: 'No such organization' });
  (input.memberOrganizationIds ?? []).forEach((id, i) => { if (!known.has(id)) errors.push({ field: `${prefix}memberOrganizationIds.${i}`, message: 'No such organization' }); });
  const places = await repo.existingGeographyIds(db, input.geographyIds ?? []);
  (input.geographyIds ?? []).forEach((id, i) => { if (!places.has(id)) errors.push({ field: `${prefix}geographyIds.${i}`, message: 'No such place' }); });
  return errors;
}

const values = (t: TableInput & { collaborativeId?: string | null }): repo.TableValues => ({
  collaborativeId: t.collaborativeId ?? null, name: t.name, kind: t.kind, mandate: t.mandate ?? '', domains: t.domains ?? [], populations: t.populations ?? [],
  geographyIds: t.geographyIds ?? [], leadOrganizationId: t.leadOrganizationId ?? null, funder: t.funder ?? null,
});

/** Adds a table, or the mapping profile of a Roundtable collaborative when `collaborativeId` is given. */
export async function createTable(database: Database, actor: Actor, meta: RequestMeta, input: TableInput & { collaborativeId?: string | null }) {
  authorizeAction(can, actor, 'mapping.table.create', {});
  return runCommand({ database, actor, meta }, async (tx) => {
    const errors = await checkReferences(tx, input);
    if (input.collaborativeId && !(await collaborativeExists(tx, input.collaborativeId))) errors.push({ field: 'collaborativeId', message: 'No such collaborative' });
    if (errors.length) throw Errors.validation(errors);
    if (input.collaborativeId && (await repo.findTableByCollaborative(tx, input.collaborativeId))) throw Errors.conflict('This collaborative already has a mapping profile', 'collaborativeId');
    if (await repo.findTableByName(tx, input.name)) throw Errors.conflict('A table with this name is already in the inventory', 'name');
    const id = await repo.insertTable(tx, values(input), 'manual');
    await repo.setTableMembers(tx, id, input.memberOrganizationIds ?? []);
    const row = (await repo.findTable(tx, id))!;
    return { result: presentTable(row, actor), audit: { action: 'mapping.table.create', entityType: 'mapping_table', entityId: id, details: { name: input.name, collaborativeId: input.collaborativeId ?? null } } };
  });
}

export async function updateTable(database: Database, actor: Actor, meta: RequestMeta, id: string, input: Partial<TableInput> & { version: number }) {
  return runCommand({ database, actor, meta }, async (tx) => {
    // A Roundtable collaborative's profile is edited under the collaborative's id, as the inventory lists it.
    const before = (await repo.findTable(tx, id)) ?? (await repo.findTableByCollaborative(tx, id));
    if (!before) throw Errors.notFound('Table');
    id = before.id;
    authorizeAction(can, actor, 'mapping.table.update', {});
    const errors = await checkReferences(tx, input);
    if (errors.length) throw Errors.validation(errors);
    if (input.name && input.name.toLowerCase() !== before.name.toLowerCase() && (await repo.findTableByName(tx, input.name))) throw Errors.conflict('A table with this name is already in the inventory', 'name');
    const merged = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as TableInput & { collaborativeId: string | null };
    if (!(await repo.updateTableIfVersion(tx, id, input.version, values(merged)))) throw Errors.staleVersion(presentTable(before, actor));
    if (input.memberOrganizationIds) await repo.setTableMembers(tx, id, input.memberOrganizationIds);
    const after = (await repo.findTable(tx, id))!;
    const changed = Object.keys(input).filter((k) => k !== 'version');
    return { result: presentTable(after, actor), audit: { action: 'mapping.table.update', entityType: 'mapping_table', entityId: id, details: { changed, version: after.version } } };
  });
}

// ---------- CSV import ----------

const HEADER = ['name', 'kind', 'mandate', 'domains', 'populations', 'places', 'lead', 'funder', 'members'];

/** Splits CSV text into rows of fields (quotes, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.some((f) => f.trim() !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f.trim() !== '')) rows.push(row);
  return rows;
}

/**
 * Imports external tables from CSV (columns: name, kind, mandate, domains, populations, places,
 * lead, funder, members; lists separated by ";"; places by code or name, organizations by name).
 * All or nothing: any error and nothing is saved. A name already in the inventory is updated.
 */
export async function importTables(database: Database, actor: Actor, meta: RequestMeta, csv: string, dryRun: boolean) {
  authorizeAction(can, actor, 'mapping.table.create', {});
  const rows = parseCsv(csv.replace(/^\uFEFF/, ''));
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  const missing = HEADER.filter((h) => !header.includes(h) && ['name', 'kind'].includes(h));
  if (missing.length) throw Errors.validation(missing.map((h) => ({ field: `header.${h}`, message: 'Missing column' })));
  const col = (r: string[], name: string) => (header.indexOf(name) >= 0 ? (r[header.indexOf(name)] ?? '').trim() : '');
  const list = (s: string) => s.split(';').map((x) => x.trim()).filter(Boolean);
  const errors: { line: number; field: string; message: string }[] = [];
  let created = 0, updated = 0;
  const work = async (tx: Db) => {
    for (const [i, r] of rows.entries()) {
      const line = i + 2;
      const name = col(r, 'name');
      const kind = col(r, 'kind') || 'other';
      if (!name || name.length > 300) { errors.push({ line, field: 'name', message: 'A name of 1 to 300 characters is needed' }); continue; }
      if (!(tableKinds as readonly string[]).includes(kind)) { errors.push({ line, field: 'kind', message: `Use one of ${tableKinds.join(', ')}` }); continue; }
      const geographyIds: string[] = [];
      for (const p of list(col(r, 'places'))) {
        const id = await repo.geographyIdByCodeOrName(tx, p);
        if (id) geographyIds.push(id); else errors.push({ line, field: 'places', message: `No such place: ${p}` });
      }
      const memberOrganizationIds: string[] = [];
      for (const o of list(col(r, 'members'))) {
        const id = await repo.organizationIdByName(tx, o);
        if (id) memberOrganizationIds.push(id); else errors.push({ line, field: 'members', message: `No such organization: ${o}` });
      }
      const leadName = col(r, 'lead');
      const leadOrganizationId = leadName ? (await repo.organizationIdByName(tx, leadName)) ?? null : null;
      if (leadName && !leadOrganizationId) errors.push({ line, field: 'lead', message: `No such organization: ${leadName}` });
      const v: repo.TableValues = { name, kind, mandate: col(r, 'mandate').slice(0, 5000), domains: list(col(r, 'domains')), populations: list(col(r, 'populations')), geographyIds, leadOrganizationId, funder: col(r, 'funder') || null };
      const existing = await repo.findTableByName(tx, name);
      if (existing) {
        await repo.updateTableIfVersion(tx, existing.id, existing.version, { ...v, collaborativeId: existing.collaborativeId });
        await repo.setTableMembers(tx, existing.id, [...new Set(memberOrganizationIds)]);
        updated++;
      } else {
        const id = await repo.insertTable(tx, v, 'csv');
        await repo.setTableMembers(tx, id, [...new Set(memberOrganizationIds)]);
        created++;
      }
    }
  };
  const abort = new Error('rollback');
  try {
    await runCommand({ database, actor, meta }, async (tx) => {
      await work(tx);
      if (errors.length || dryRun) throw abort;
      return { result: null, audit: { action: 'mapping.table.import', entityType: 'mapping_table', details: { created, updated } } };
    });
  } catch (e) {
    if (e !== abort) throw e;
  }
  return { created, updated, errors, dryRun };
}
