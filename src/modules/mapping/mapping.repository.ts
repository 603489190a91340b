/** All SQL of the service-mapping module. Core's organizations and geographies are joined read-only (ADR 0009). */
import { Param, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../core/db/database';
import { arrayParam } from '../../core/db/params';

// ---------- Places ----------

export interface PlaceRow {
  id: string;
  code: string;
  level: string;
  name: string;
  nameFr: string;
  boundary: unknown;
}

export async function findGeography(db: Db, id: string): Promise<PlaceRow | undefined> {
  const [row] = await rowsOf<PlaceRow>(db, sql`SELECT id, code, level, name_en AS name, name_fr AS "nameFr", NULL AS boundary FROM geographies WHERE id = ${id}`);
  return row;
}

/** The municipalities under a region (at any depth), with their boundaries for the map. */
export async function municipalitiesUnder(db: Db, regionId: string): Promise<PlaceRow[]> {
  return rowsOf<PlaceRow>(db, sql`
    WITH RECURSIVE down AS (
      SELECT id FROM geographies WHERE id = ${regionId}
      UNION SELECT g.id FROM geographies g JOIN down ON g.parent_id = down.id)
    SELECT g.id, g.code, g.level, g.name_en AS name, g.name_fr AS "nameFr", g.boundary
    FROM geographies g JOIN down ON down.id = g.id
    WHERE g.level = 'municipality' ORDER BY g.name_en`);
}

/** The region itself and every place under it: a collaborative's catchment. */
export async function placeCodesUnder(db: Db, geographyId: string): Promise<string[]> {
  const rows = await rowsOf<{ code: string }>(db, sql`
    WITH RECURSIVE down AS (
      SELECT id FROM geographies WHERE id = ${geographyId}
      UNION SELECT g.id FROM geographies g JOIN down ON g.parent_id = down.id)
    SELECT g.code FROM geographies g JOIN down ON down.id = g.id`);
  return rows.map((r) => r.code);
}

export async function organizationNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await rowsOf<{ id: string; name: string }>(db, sql`SELECT id, legal_name AS name FROM organizations WHERE id = ANY(${arrayParam(ids, 'uuid')})`);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function existingOrganizationIds(db: Db, ids: string[]): Promise<Set<string>> {
  return new Set((await organizationNames(db, ids)).keys());
}

export async function existingGeographyIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await rowsOf<{ id: string }>(db, sql`SELECT id FROM geographies WHERE id = ANY(${arrayParam(ids, 'uuid')})`);
  return new Set(rows.map((r) => r.id));
}

export async function organizationIdByName(db: Db, name: string): Promise<string | undefined> {
  const [row] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM organizations WHERE lower(legal_name) = lower(${name}) OR lower(${name}) = ANY(SELECT lower(a) FROM unnest(alternate_names) a) LIMIT 1`);
  return row?.id;
}

export async function geographyIdByCodeOrName(db: Db, value: string): Promise<string | undefined> {
  const [row] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM geographies WHERE code = ${value} OR lower(name_en) = lower(${value}) OR lower(name_fr) = lower(${value}) ORDER BY (code = ${value}) DESC LIMIT 1`);
  return row?.id;
}

// ---------- Inventory ----------

export interface TableRow {
  id: string;
  collaborativeId: string | null;
  name: string;
  kind: string;
  source: 'manual' | 'csv' | 'seed';
  mandate: string;
  domains: string[];
  populations: string[];
  geographyIds: string[];
  leadOrganizationId: string | null;
  funder: string | null;
  memberOrganizationIds: string[];
  version: number;
}

const tableColumns = sql`t.id, t.collaborative_id AS "collaborativeId", t.name, t.kind, t.source, t.mandate, t.domains, t.populations, t.geography_ids AS "geographyIds",
  t.lead_organization_id AS "leadOrganizationId", t.funder, t.version,
  coalesce((SELECT array_agg(m.organization_id ORDER BY m.organization_id) FROM mapping_table_members m WHERE m.table_id = t.id), '{}') AS "memberOrganizationIds"`;

export function listTables(db: Db): Promise<TableRow[]> {
  return rowsOf<TableRow>(db, sql`SELECT ${tableColumns} FROM mapping_tables t ORDER BY t.name`);
}

export async function findTable(db: Db, id: string): Promise<TableRow | undefined> {
  const [row] = await rowsOf<TableRow>(db, sql`SELECT ${tableColumns} FROM mapping_tables t WHERE t.id = ${id}`);
  return row;
}

export async function findTableByName(db: Db, name: string): Promise<TableRow | undefined> {
  const [row] = await rowsOf<TableRow>(db, sql`SELECT ${tableColumns} FROM mapping_tables t WHERE lower(t.name) = lower(${name})`);
  return row;
}

export interface TableValues {
  collaborativeId?: string | null;
  name: string;
  kind: string;
  mandate: string;
  domains: string[];
  populations: string[];
  geographyIds: string[];
  leadOrganizationId: string | null;
  funder: string | null;
}

export async function insertTable(db: Db, v: TableValues, source: TableRow['source']): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(db, sql`
    INSERT INTO mapping_tables (collaborative_id, name, kind, source, mandate, domains, populations, geography_ids, lead_organization_id, funder)
    VALUES (${v.collaborativeId ?? null}, ${v.name}, ${v.kind}, ${source}, ${v.mandate}, ${arrayParam(v.domains, 'text')}, ${arrayParam(v.populations, 'text')}, ${arrayParam(v.geographyIds, 'uuid')}, ${v.leadOrganizationId}, ${v.funder})
    RETURNING id`);
  return row.id;
}

/** Writes every field; returns false when the version moved on. */
export async function updateTableIfVersion(db: Db, id: string, version: number, v: TableValues): Promise<boolean> {
  const rows = await rowsOf(db, sql`
    UPDATE mapping_tables SET name = ${v.name}, kind = ${v.kind}, mandate = ${v.mandate}, domains = ${arrayParam(v.domains, 'text')},
      populations = ${arrayParam(v.populations, 'text')}, geography_ids = ${arrayParam(v.geographyIds, 'uuid')},
      lead_organization_id = ${v.leadOrganizationId}, funder = ${v.funder}, version = version + 1, updated_at = now()
    WHERE id = ${id} AND version = ${version} RETURNING id`);
  return rows.length === 1;
}

export async function setTableMembers(db: Db, tableId: string, organizationIds: string[]): Promise<void> {
  await rowsOf(db, sql`DELETE FROM mapping_table_members WHERE table_id = ${tableId} AND NOT (organization_id = ANY(${arrayParam(organizationIds, 'uuid')}))`);
  if (organizationIds.length) {
    await rowsOf(db, sql`INSERT INTO mapping_table_members (table_id, organization_id)
      SELECT ${tableId}, o FROM unnest(${arrayParam(organizationIds, 'uuid')}) o ON CONFLICT DO NOTHING`);
  }
}

export async function findTableByCollaborative(db: Db, collaborativeId: string): Promise<TableRow | undefined> {
  const [row] = await rowsOf<TableRow>(db, sql`SELECT ${tableColumns} FROM mapping_tables t WHERE t.collaborative_id = ${collaborativeId}`);
  return row;
}

/** Each geography with itself and every place under it, to compare where tables work. */
export async function placesCovered(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  if (ids.length === 0) return new Map();
  const rows = await rowsOf<{ root: string; ids: string[] }>(db, sql`
    WITH RECURSIVE down AS (
      SELECT id AS root, id FROM geographies WHERE id = ANY(${arrayParam(ids, 'uuid')})
      UNION SELECT down.root, g.id FROM geographies g JOIN down ON g.parent_id = down.id)
    SELECT root, array_agg(id) AS ids FROM down GROUP BY root`);
  return new Map(rows.map((r) => [r.root, r.ids]));
}

// ---------- Review queue ----------

export interface CandidateRow {
  id: string;
  key: string;
  kind: 'gap' | 'overlap';
  regionId: string;
  domain: string;
  geographyId: string | null;
  placeName: string | null;
  serviceIds: string[];
  organizationIds: string[];
  evidence: Record<string, unknown>;
  status: 'open' | 'labelled';
  label: string | null;
  rationale: string | null;
  labelledAt: Date | null;
  followUps: Record<string, unknown>[];
  version: number;
}

const candidateColumns = sql`c.id, c.key, c.kind, c.region_id AS "regionId", c.domain, c.geography_id AS "geographyId", g.name_en AS "placeName",
  c.service_ids AS "serviceIds", c.organization_ids AS "organizationIds", c.evidence, c.status, c.label, c.rationale,
  c.labelled_at AS "labelledAt", c.follow_ups AS "followUps", c.version`;

export function listCandidates(db: Db, f: { regionId?: string; status?: string; kind?: string; limit?: number }): Promise<CandidateRow[]> {
  return rowsOf<CandidateRow>(db, sql`
    SELECT ${candidateColumns} FROM mapping_candidates c LEFT JOIN geographies g ON g.id = c.geography_id
    WHERE (${f.regionId ?? null}::uuid IS NULL OR c.region_id = ${f.regionId ?? null}::uuid)
      AND (${f.status ?? null}::text IS NULL OR c.status = ${f.status ?? null}::text)
      AND (${f.kind ?? null}::text IS NULL OR c.kind = ${f.kind ?? null}::text)
    ORDER BY c.status, c.kind, c.domain, g.name_en NULLS FIRST, c.created_at
    LIMIT ${f.limit ?? 1000}`);
}

export async function findCandidate(db: Db, id: string): Promise<CandidateRow | undefined> {
  const [row] = await rowsOf<CandidateRow>(db, sql`SELECT ${candidateColumns} FROM mapping_candidates c LEFT JOIN geographies g ON g.id = c.geography_id WHERE c.id = ${id}`);
  return row;
}

export interface NewCandidate {
  key: string;
  kind: 'gap' | 'overlap';
  regionId: string;
  domain: string;
  geographyId: string | null;
  serviceIds: string[];
  organizationIds: string[];
  evidence: Record<string, unknown>;
}

/** Inserts unless the same question was asked before; returns the new id or undefined. */
export async function insertCandidateIfNew(db: Db, c: NewCandidate): Promise<string | undefined> {
  const [row] = await rowsOf<{ id: string }>(db, sql`
    INSERT INTO mapping_candidates (key, kind, region_id, domain, geography_id, service_ids, organization_ids, evidence)
    VALUES (${c.key}, ${c.kind}, ${c.regionId}, ${c.domain}, ${c.geographyId}, ${arrayParam(c.serviceIds, 'uuid')}, ${arrayParam(c.organizationIds, 'uuid')}, ${JSON.stringify(c.evidence)}::jsonb)
    ON CONFLICT (key) DO NOTHING RETURNING id`);
  return row?.id;
}

export async function labelCandidateIfVersion(db: Db, id: string, version: number, v: { label: string; rationale: string; userId: string | null }): Promise<boolean> {
  const rows = await rowsOf(db, sql`
    UPDATE mapping_candidates SET status = 'labelled', label = ${v.label}, rationale = ${v.rationale}, labelled_by = ${v.userId}, labelled_at = now(),
      version = version + 1, updated_at = now()
    WHERE id = ${id} AND version = ${version} RETURNING id`);
  return rows.length === 1;
}

export async function appendFollowUp(db: Db, id: string, followUp: Record<string, unknown>): Promise<void> {
  await rowsOf(db, sql`UPDATE mapping_candidates SET follow_ups = follow_ups || jsonb_build_array(${JSON.stringify(followUp)}::jsonb), version = version + 1, updated_at = now() WHERE id = ${id}`);
}

// ---------- Snapshots ----------

export interface SnapshotRow {
  id: string;
  title: string;
  regionId: string;
  publishedAt: Date;
  isPublic: boolean;
  method: Record<string, unknown>;
  sources: { name: string; asOf: string | null }[];
  figures: Record<string, unknown>;
  findings: Record<string, unknown>[];
}

const snapshotColumns = sql`id, title, region_id AS "regionId", published_at AS "publishedAt", is_public AS "isPublic", method, sources, figures, findings`;

export async function insertSnapshot(db: Db, s: Omit<SnapshotRow, 'id' | 'publishedAt' | 'isPublic'> & { publishedBy: string | null }): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(db, sql`
    INSERT INTO mapping_snapshots (title, region_id, published_by, method, sources, figures, findings)
    VALUES (${s.title}, ${s.regionId}, ${s.publishedBy}, ${JSON.stringify(s.method)}::jsonb, ${JSON.stringify(s.sources)}::jsonb, ${JSON.stringify(s.figures)}::jsonb, ${JSON.stringify(s.findings)}::jsonb)
    RETURNING id`);
  return row.id;
}

export function listSnapshots(db: Db, f: { regionId?: string; publicOnly?: boolean }): Promise<Omit<SnapshotRow, 'method' | 'sources' | 'figures' | 'findings'>[]> {
  return rowsOf(db, sql`
    SELECT id, title, region_id AS "regionId", published_at AS "publishedAt", is_public AS "isPublic" FROM mapping_snapshots
    WHERE (${f.regionId ?? null}::uuid IS NULL OR region_id = ${f.regionId ?? null}::uuid) AND (${!!f.publicOnly} = false OR is_public)
    ORDER BY published_at DESC LIMIT 500`);
}

export async function findSnapshot(db: Db, id: string): Promise<SnapshotRow | undefined> {
  const [row] = await rowsOf<SnapshotRow>(db, sql`SELECT ${snapshotColumns} FROM mapping_snapshots WHERE id = ${id}`);
  return row;
}

export async function setSnapshotPublic(db: Db, id: string, isPublic: boolean): Promise<void> {
  await rowsOf(db, sql`UPDATE mapping_snapshots SET is_public = ${isPublic} WHERE id = ${id}`);
}

// ---------- Feed schedule ----------

export interface SettingsRow {
  feedRefreshHours: number;
  feedRefreshedAt: Date | null;
  feedLastResult: string | null;
}

export async function getSettings(db: Db): Promise<SettingsRow> {
  const [row] = await rowsOf<SettingsRow>(db, sql`SELECT feed_refresh_hours AS "feedRefreshHours", feed_refreshed_at AS "feedRefreshedAt", feed_last_result AS "feedLastResult" FROM mapping_settings`);
  return row ?? { feedRefreshHours: 24, feedRefreshedAt: null, feedLastResult: null };
}

export async function setRefreshHours(db: Db, hours: number): Promise<void> {
  await rowsOf(db, sql`UPDATE mapping_settings SET feed_refresh_hours = ${hours}`);
}

export async function recordRefresh(db: Db, result: string): Promise<void> {
  await rowsOf(db, sql`UPDATE mapping_settings SET feed_refreshed_at = now(), feed_last_result = ${result}`);
}

// ---------- Front line (refreshed from intake's feed) ----------

export interface FrontLineRow {
  municipalityCode: string;
  domain: string;
  month: string;
  measure: 'needs_identified' | 'unmet_needs';
  visible: number;
  hidden: boolean;
}

/** Replaces the stored front line with a fresh one, in the caller's transaction. */
export async function replaceFrontLine(db: Db, rows: FrontLineRow[]): Promise<void> {
  await rowsOf(db, sql`DELETE FROM mapping_front_line`);
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    await rowsOf(db, sql`
      INSERT INTO mapping_front_line (municipality_code, domain, month, measure, visible, hidden)
      SELECT * FROM unnest(${arrayParam(chunk.map((r) => r.municipalityCode), 'text')}, ${arrayParam(chunk.map((r) => r.domain), 'text')},
        ${arrayParam(chunk.map((r) => r.month), 'text')}, ${arrayParam(chunk.map((r) => r.measure), 'text')},
        ${arrayParam(chunk.map((r) => r.visible), 'integer')}, ${sql`${new Param(chunk.map((r) => r.hidden))}::boolean[]`})`);
  }
}

export function frontLineFor(db: Db, municipalityCodes: string[], fromMonth: string): Promise<FrontLineRow[]> {
  if (municipalityCodes.length === 0) return Promise.resolve([]);
  return rowsOf<FrontLineRow>(db, sql`
    SELECT municipality_code AS "municipalityCode", domain, month, measure, visible, hidden FROM mapping_front_line
    WHERE municipality_code = ANY(${arrayParam(municipalityCodes, 'text')}) AND month >= ${fromMonth}`);
}

export async function frontLineLatestMonth(db: Db): Promise<string | null> {
  const [row] = await rowsOf<{ m: string | null }>(db, sql`SELECT max(month) AS m FROM mapping_front_line`);
  return row?.m ?? null;
}

/** Regions whose municipalities have front-line figures: the coverage tables worth deciding ahead. */
export async function regionsWithFrontLine(db: Db): Promise<string[]> {
  const rows = await rowsOf<{ id: string }>(db, sql`
    SELECT DISTINCT g.parent_id AS id FROM geographies g
    WHERE g.level = 'municipality' AND g.parent_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM mapping_front_line f WHERE f.municipality_code = g.code)`);
  return rows.map((r) => r.id);
}
