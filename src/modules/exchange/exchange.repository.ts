/** All SQL of the knowledge-exchange module. Core's users are joined read-only for names. */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../core/db/database';
import { arrayParam } from '../../core/db/params';
import type { CommunityType, TemplateContentT } from './exchange.schema';

const iso = (col: string) => sql.raw(`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

/** Who is looking: everything (platform admin, system), or a user and the collaboratives they belong to. */
export type Viewer = { all: true } | { all: false; userId: string | null; collaboratives: string[] };

/** The condition "this viewer may see network `col`", in SQL: steward, or a member collaborative is theirs. */
function seesNetwork(v: Viewer, col: SQL): SQL {
  if (v.all) return sql`true`;
  return sql`(EXISTS (SELECT 1 FROM exchange_networks sn WHERE sn.id = ${col} AND sn.steward_user_id = ${v.userId})
    OR EXISTS (SELECT 1 FROM exchange_network_members me WHERE me.network_id = ${col} AND me.collaborative_id = ANY(${arrayParam(v.collaboratives, 'uuid')})))`;
}

// ---------- networks ----------

export interface NetworkRow {
  id: string;
  name: string;
  nameFr: string | null;
  description: string | null;
  stewardUserId: string | null;
  stewardName: string | null;
  memberCount: number;
}
const networkCols = sql`n.id, n.name, n.name_fr AS "nameFr", n.description, n.steward_user_id AS "stewardUserId", u.name AS "stewardName",
  (SELECT count(*)::int FROM exchange_network_members m WHERE m.network_id = n.id) AS "memberCount"`;

export function listNetworks(db: Db, v: Viewer): Promise<NetworkRow[]> {
  return rowsOf<NetworkRow>(db, sql`SELECT ${networkCols} FROM exchange_networks n LEFT JOIN users u ON u.id = n.steward_user_id WHERE ${seesNetwork(v, sql`n.id`)} ORDER BY n.name`);
}

/** A network, only when the viewer may see it (the filter is in the query: 404 otherwise). */
export async function findNetwork(db: Db, id: string, v: Viewer): Promise<NetworkRow | undefined> {
  const [row] = await rowsOf<NetworkRow>(db, sql`SELECT ${networkCols} FROM exchange_networks n LEFT JOIN users u ON u.id = n.steward_user_id WHERE n.id = ${id} AND ${seesNetwork(v, sql`n.id`)}`);
  return row;
}

export async function findNetworkByName(db: Db, name: string): Promise<string | undefined> {
  const [row] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM exchange_networks WHERE lower(name) = lower(${name})`);
  return row?.id;
}

export async function insertNetwork(db: Db, v: { name: string; nameFr?: string | null; description?: string | null; stewardUserId?: string | null }): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(db, sql`INSERT INTO exchange_networks (name, name_fr, description, steward_user_id)
    VALUES (${v.name}, ${v.nameFr ?? null}, ${v.description ?? null}, ${v.stewardUserId ?? null}) RETURNING id`);
  return row.id;
}

export async function userExists(db: Db, id: string): Promise<boolean> {
  return (await rowsOf(db, sql`SELECT 1 FROM users WHERE id = ${id}`)).length > 0;
}

export async function userIdByEmail(db: Db, email: string): Promise<string | undefined> {
  const [row] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM users WHERE lower(email) = lower(${email})`);
  return row?.id;
}

export interface MemberRow {
  collaborativeId: string;
  communityType: CommunityType;
  joinedAt: string;
}
export function listMembers(db: Db, networkId: string): Promise<MemberRow[]> {
  return rowsOf<MemberRow>(db, sql`SELECT collaborative_id AS "collaborativeId", community_type AS "communityType", ${iso('joined_at')} AS "joinedAt"
    FROM exchange_network_members WHERE network_id = ${networkId} ORDER BY joined_at, collaborative_id`);
}

export async function upsertMember(db: Db, networkId: string, collaborativeId: string, communityType: CommunityType): Promise<void> {
  await db.execute(sql`INSERT INTO exchange_network_members (network_id, collaborative_id, community_type) VALUES (${networkId}, ${collaborativeId}, ${communityType})
    ON CONFLICT (network_id, collaborative_id) DO UPDATE SET community_type = EXCLUDED.community_type`);
}

/** Takes a collaborative out of a network and revokes its live grants there; false if it was not a member. */
export async function removeMember(db: Db, networkId: string, collaborativeId: string, by: string | null, reason: string): Promise<boolean> {
  const rows = await rowsOf(db, sql`DELETE FROM exchange_network_members WHERE network_id = ${networkId} AND collaborative_id = ${collaborativeId} RETURNING collaborative_id`);
  if (!rows.length) return false;
  await db.execute(sql`UPDATE exchange_share_grants SET revoked_at = now(), revoked_by = ${by}, revoke_reason = ${reason}
    WHERE network_id = ${networkId} AND collaborative_id = ${collaborativeId} AND revoked_at IS NULL`);
  return true;
}

// ---------- share grants ----------

export interface GrantRow {
  id: string;
  networkId: string;
  collaborativeId: string;
  kind: 'indicator' | 'measure';
  indicatorId: string | null;
  measureId: string | null;
  geographyId: string | null;
  aggregateConsent: boolean;
  grantedBy: string | null;
  grantedAt: string;
  validUntil: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
  live: boolean;
  communityType: CommunityType;
}
const liveCond = sql`(g.revoked_at IS NULL AND (g.valid_until IS NULL OR g.valid_until >= current_date))`;
const grantCols = sql`g.id, g.network_id AS "networkId", g.collaborative_id AS "collaborativeId", g.kind, g.indicator_id AS "indicatorId", g.measure_id AS "measureId",
  g.geography_id AS "geographyId", g.aggregate_consent AS "aggregateConsent", ug.name AS "grantedBy", ${iso('g.granted_at')} AS "grantedAt",
  to_char(g.valid_until, 'YYYY-MM-DD') AS "validUntil", ${iso('g.revoked_at')} AS "revokedAt", ur.name AS "revokedBy", g.revoke_reason AS "revokeReason",
  ${liveCond} AS live, m.community_type AS "communityType"`;
const grantFrom = sql`exchange_share_grants g
  JOIN exchange_network_members m ON m.network_id = g.network_id AND m.collaborative_id = g.collaborative_id
  LEFT JOIN users ug ON ug.id = g.granted_by LEFT JOIN users ur ON ur.id = g.revoked_by`;

/**
 * Live grants of a network, as this viewer may see them: the join on live grants and the
 * viewer's membership are one query, so values of a collaborative that did not share (or
 * revoked, or whose grant lapsed) are never even asked for.
 */
export function liveGrants(db: Db, networkId: string, v: Viewer, f: { kind?: 'indicator' | 'measure'; indicatorId?: string; communityType?: CommunityType; aggregateOnly?: boolean } = {}): Promise<GrantRow[]> {
  return rowsOf<GrantRow>(db, sql`SELECT ${grantCols} FROM ${grantFrom}
    WHERE g.network_id = ${networkId} AND ${liveCond} AND ${seesNetwork(v, sql`g.network_id`)}
      ${f.kind ? sql`AND g.kind = ${f.kind}` : sql``}
      ${f.indicatorId ? sql`AND g.indicator_id = ${f.indicatorId}` : sql``}
      ${f.communityType ? sql`AND m.community_type = ${f.communityType}` : sql``}
      ${f.aggregateOnly ? sql`AND g.aggregate_consent` : sql``}
    ORDER BY g.granted_at`);
}

/** Every grant (live or not) of the collaboratives given, in a network the viewer sees: a member's own record of what it shared. */
export function grantsOf(db: Db, networkId: string, v: Viewer, collaborativeIds: string[] | 'all'): Promise<GrantRow[]> {
  return rowsOf<GrantRow>(db, sql`SELECT ${grantCols} FROM ${grantFrom}
    WHERE g.network_id = ${networkId} AND ${seesNetwork(v, sql`g.network_id`)}
      ${collaborativeIds === 'all' ? sql`` : sql`AND g.collaborative_id = ANY(${arrayParam(collaborativeIds, 'uuid')})`}
    ORDER BY g.granted_at DESC`);
}

export async function findGrant(db: Db, id: string): Promise<GrantRow | undefined> {
  const [row] = await rowsOf<GrantRow>(db, sql`SELECT ${grantCols} FROM ${grantFrom} WHERE g.id = ${id}`);
  return row;
}

export async function insertGrant(db: Db, v: { networkId: string; collaborativeId: string; kind: 'indicator' | 'measure'; indicatorId: string | null; measureId: string | null; geographyId: string | null; aggregateConsent: boolean; grantedBy: string | null; validUntil: string | null }): Promise<string | undefined> {
  const [row] = await rowsOf<{ id: string }>(db, sql`INSERT INTO exchange_share_grants (network_id, collaborative_id, kind, indicator_id, measure_id, geography_id, aggregate_consent, granted_by, valid_until)
    VALUES (${v.networkId}, ${v.collaborativeId}, ${v.kind}, ${v.indicatorId}, ${v.measureId}, ${v.geographyId}, ${v.aggregateConsent}, ${v.grantedBy}, ${v.validUntil})
    ON CONFLICT DO NOTHING RETURNING id`);
  return row?.id;
}

export async function revokeGrant(db: Db, id: string, by: string | null, reason: string): Promise<boolean> {
  const rows = await rowsOf(db, sql`UPDATE exchange_share_grants SET revoked_at = now(), revoked_by = ${by}, revoke_reason = ${reason} WHERE id = ${id} AND revoked_at IS NULL RETURNING id`);
  return rows.length > 0;
}

// ---------- templates ----------

export interface TemplateRow {
  id: string;
  networkId: string;
  name: string;
  nameFr: string | null;
  sourceInstance: string | null;
}
export interface VersionRow {
  id: string;
  templateId: string;
  number: number;
  content: TemplateContentT;
  changeNote: string | null;
  publishedAt: string;
}
export interface AdoptionRow {
  templateId: string;
  collaborativeId: string;
  versionNumber: number;
  adaptations: { op: 'add' | 'drop' | 'rename'; item: string; to?: string | null; reason: string }[];
  adoptedAt: string;
}
const templateCols = sql`t.id, t.network_id AS "networkId", t.name, t.name_fr AS "nameFr", t.source_instance AS "sourceInstance"`;

export function listTemplates(db: Db, networkId: string): Promise<TemplateRow[]> {
  return rowsOf<TemplateRow>(db, sql`SELECT ${templateCols} FROM exchange_templates t WHERE t.network_id = ${networkId} ORDER BY t.name`);
}
export async function findTemplate(db: Db, id: string, v: Viewer): Promise<TemplateRow | undefined> {
  const [row] = await rowsOf<TemplateRow>(db, sql`SELECT ${templateCols} FROM exchange_templates t WHERE t.id = ${id} AND ${seesNetwork(v, sql`t.network_id`)}`);
  return row;
}
export async function findTemplateByName(db: Db, networkId: string, name: string): Promise<string | undefined> {
  const [row] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM exchange_templates WHERE network_id = ${networkId} AND name = ${name}`);
  return row?.id;
}
export async function insertTemplate(db: Db, v: { networkId: string; name: string; nameFr?: string | null; sourceInstance?: string | null }): Promise<string | undefined> {
  const [row] = await rowsOf<{ id: string }>(db, sql`INSERT INTO exchange_templates (network_id, name, name_fr, source_instance) VALUES (${v.networkId}, ${v.name}, ${v.nameFr ?? null}, ${v.sourceInstance ?? null})
    ON CONFLICT (network_id, name) DO NOTHING RETURNING id`);
  return row?.id;
}
export function listVersions(db: Db, templateIds: string[]): Promise<VersionRow[]> {
  return rowsOf<VersionRow>(db, sql`SELECT id, template_id AS "templateId", number, content, change_note AS "changeNote", ${iso('published_at')} AS "publishedAt"
    FROM exchange_template_versions WHERE template_id = ANY(${arrayParam(templateIds, 'uuid')}) ORDER BY template_id, number`);
}
export async function insertVersion(db: Db, v: { templateId: string; number: number; content: TemplateContentT; changeNote: string | null; by: string | null }): Promise<string | undefined> {
  const [row] = await rowsOf<{ id: string }>(db, sql`INSERT INTO exchange_template_versions (template_id, number, content, change_note, published_by)
    VALUES (${v.templateId}, ${v.number}, ${JSON.stringify(v.content)}::jsonb, ${v.changeNote}, ${v.by}) ON CONFLICT (template_id, number) DO NOTHING RETURNING id`);
  return row?.id;
}
export function listAdoptions(db: Db, templateIds: string[]): Promise<AdoptionRow[]> {
  return rowsOf<AdoptionRow>(db, sql`SELECT a.template_id AS "templateId", a.collaborative_id AS "collaborativeId", v.number AS "versionNumber", a.adaptations, ${iso('a.adopted_at')} AS "adoptedAt"
    FROM exchange_adoptions a JOIN exchange_template_versions v ON v.id = a.version_id WHERE a.template_id = ANY(${arrayParam(templateIds, 'uuid')})`);
}
export async function upsertAdoption(db: Db, v: { templateId: string; collaborativeId: string; versionId: string; adaptations: unknown; by: string | null }): Promise<void> {
  await db.execute(sql`INSERT INTO exchange_adoptions (template_id, collaborative_id, version_id, adaptations, adopted_by) VALUES (${v.templateId}, ${v.collaborativeId}, ${v.versionId}, ${JSON.stringify(v.adaptations)}::jsonb, ${v.by})
    ON CONFLICT (template_id, collaborative_id) DO UPDATE SET version_id = EXCLUDED.version_id, adaptations = EXCLUDED.adaptations, adopted_by = EXCLUDED.adopted_by, adopted_at = now(), version = exchange_adoptions.version + 1`);
}
export async function insertNotices(db: Db, versionId: string, collaborativeIds: string[], changes: unknown): Promise<void> {
  if (!collaborativeIds.length) return;
  await db.execute(sql`INSERT INTO exchange_template_notices (version_id, collaborative_id, changes)
    SELECT ${versionId}, c, ${JSON.stringify(changes)}::jsonb FROM unnest(${arrayParam(collaborativeIds, 'uuid')}) AS c ON CONFLICT DO NOTHING`);
}
export function listNotices(db: Db, collaborativeIds: string[] | 'all') {
  return rowsOf<{ id: string; templateId: string; templateName: string; versionNumber: number; collaborativeId: string; changes: { added: string[]; removed: string[]; renamed: string[]; note: string | null }; createdAt: string; readAt: string | null }>(
    db,
    sql`SELECT n.id, t.id AS "templateId", t.name AS "templateName", v.number AS "versionNumber", n.collaborative_id AS "collaborativeId", n.changes,
        ${iso('n.created_at')} AS "createdAt", ${iso('n.read_at')} AS "readAt"
      FROM exchange_template_notices n JOIN exchange_template_versions v ON v.id = n.version_id JOIN exchange_templates t ON t.id = v.template_id
      WHERE ${collaborativeIds === 'all' ? sql`true` : sql`n.collaborative_id = ANY(${arrayParam(collaborativeIds, 'uuid')})`}
      ORDER BY n.created_at DESC LIMIT 200`,
  );
}

// ---------- practices ----------

export interface PracticeRow {
  id: string;
  authorCollaborativeId: string | null;
  titleEn: string;
  titleFr: string | null;
  problemEn: string;
  problemFr: string | null;
  doneEn: string;
  doneFr: string | null;
  byWhom: string | null;
  forWhom: string | null;
  place: string | null;
  resources: string | null;
  resultsEn: string | null;
  resultsFr: string | null;
  evidence: EvidenceLink[];
  communityType: CommunityType;
  needDomain: string;
  welcomingCharacteristic: string | null;
  populationTags: string[];
  sourceInstance: string | null;
  sourceId: string | null;
  adaptationCount: number;
  createdBy: string | null;
  version: number;
  updatedAt: string | null;
}
/** An evidence link as stored: href is where the record opens here, set by the server when the link was picked (absent on imported ones). */
export interface EvidenceLink {
  kind: 'indicator' | 'report_card' | 'document' | 'url';
  ref: string;
  label: string;
  href?: string | null;
}
const practiceCols = sql`p.id, p.author_collaborative_id AS "authorCollaborativeId", p.title_en AS "titleEn", p.title_fr AS "titleFr", p.problem_en AS "problemEn", p.problem_fr AS "problemFr",
  p.done_en AS "doneEn", p.done_fr AS "doneFr", p.by_whom AS "byWhom", p.for_whom AS "forWhom", p.place, p.resources, p.results_en AS "resultsEn", p.results_fr AS "resultsFr",
  p.evidence, p.community_type AS "communityType", p.need_domain AS "needDomain", p.welcoming_characteristic AS "welcomingCharacteristic", p.population_tags AS "populationTags",
  p.source_instance AS "sourceInstance", p.source_id AS "sourceId", (SELECT count(*)::int FROM exchange_practice_adaptations a WHERE a.practice_id = p.id) AS "adaptationCount",
  p.created_by AS "createdBy", p.version, ${iso('p.updated_at')} AS "updatedAt"`;

export interface PracticeFilter {
  q?: string;
  communityType?: string;
  needDomain?: string;
  welcomingCharacteristic?: string;
  population?: string;
}
function practiceWhere(f: PracticeFilter, skip?: keyof PracticeFilter): SQL {
  const w: SQL[] = [sql`true`];
  // Both languages: the query is parsed with each configuration and either may match.
  if (f.q) w.push(sql`(p.search @@ websearch_to_tsquery('english', ${f.q}) OR p.search @@ websearch_to_tsquery('french', ${f.q}))`);
  if (f.communityType && skip !== 'communityType') w.push(sql`p.community_type = ${f.communityType}`);
  if (f.needDomain && skip !== 'needDomain') w.push(sql`p.need_domain = ${f.needDomain}`);
  if (f.welcomingCharacteristic && skip !== 'welcomingCharacteristic') w.push(sql`p.welcoming_characteristic = ${f.welcomingCharacteristic}`);
  if (f.population) w.push(sql`${f.population} = ANY(p.population_tags)`);
  return sql.join(w, sql` AND `);
}

export function searchPractices(db: Db, f: PracticeFilter): Promise<PracticeRow[]> {
  const rank = f.q ? sql`ts_rank(p.search, websearch_to_tsquery('english', ${f.q})) + ts_rank(p.search, websearch_to_tsquery('french', ${f.q})) DESC,` : sql``;
  return rowsOf<PracticeRow>(db, sql`SELECT ${practiceCols} FROM exchange_practices p WHERE ${practiceWhere(f)} ORDER BY ${rank} p.title_en LIMIT 200`);
}

/** Counts per value of a facet, under every other filter (so a facet shows what picking it would give). */
export async function practiceFacet(db: Db, f: PracticeFilter, facet: 'communityType' | 'needDomain' | 'welcomingCharacteristic'): Promise<Record<string, number>> {
  const col = sql.raw({ communityType: 'community_type', needDomain: 'need_domain', welcomingCharacteristic: 'welcoming_characteristic' }[facet]);
  const rows = await rowsOf<{ k: string | null; n: number }>(db, sql`SELECT p.${col} AS k, count(*)::int AS n FROM exchange_practices p WHERE ${practiceWhere(f, facet)} GROUP BY 1`);
  return Object.fromEntries(rows.filter((r) => r.k !== null).map((r) => [r.k!, r.n]));
}

export async function findPractice(db: Db, id: string): Promise<PracticeRow | undefined> {
  const [row] = await rowsOf<PracticeRow>(db, sql`SELECT ${practiceCols} FROM exchange_practices p WHERE p.id = ${id}`);
  return row;
}
export function practicesByAuthor(db: Db, collaborativeIds: string[]): Promise<PracticeRow[]> {
  return rowsOf<PracticeRow>(db, sql`SELECT ${practiceCols} FROM exchange_practices p WHERE p.author_collaborative_id = ANY(${arrayParam(collaborativeIds, 'uuid')}) ORDER BY p.title_en`);
}
export function allPractices(db: Db): Promise<PracticeRow[]> {
  return rowsOf<PracticeRow>(db, sql`SELECT ${practiceCols} FROM exchange_practices p ORDER BY p.title_en`);
}
export async function findPracticeByTitle(db: Db, titleEn: string): Promise<string | undefined> {
  const [row] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM exchange_practices WHERE title_en = ${titleEn}`);
  return row?.id;
}

export async function insertPractice(db: Db, v: Omit<PracticeRow, 'id' | 'adaptationCount' | 'sourceInstance' | 'sourceId' | 'createdBy' | 'version' | 'updatedAt'> & { sourceInstance?: string | null; sourceId?: string | null; createdBy: string | null }): Promise<string | undefined> {
  const [row] = await rowsOf<{ id: string }>(db, sql`INSERT INTO exchange_practices (author_collaborative_id, title_en, title_fr, problem_en, problem_fr, done_en, done_fr, by_whom, for_whom, place, resources,
      results_en, results_fr, evidence, community_type, need_domain, welcoming_characteristic, population_tags, source_instance, source_id, created_by)
    VALUES (${v.authorCollaborativeId}, ${v.titleEn}, ${v.titleFr}, ${v.problemEn}, ${v.problemFr}, ${v.doneEn}, ${v.doneFr}, ${v.byWhom}, ${v.forWhom}, ${v.place}, ${v.resources},
      ${v.resultsEn}, ${v.resultsFr}, ${JSON.stringify(v.evidence)}::jsonb, ${v.communityType}, ${v.needDomain}, ${v.welcomingCharacteristic}, ${arrayParam(v.populationTags, 'text')},
      ${v.sourceInstance ?? null}, ${v.sourceId ?? null}, ${v.createdBy})
    ON CONFLICT DO NOTHING RETURNING id`);
  return row?.id;
}

/** Writes an edit when the practice is still at the version read; false when someone changed it first. */
export async function updatePractice(db: Db, id: string, version: number, v: Omit<PracticeRow, 'id' | 'adaptationCount' | 'sourceInstance' | 'sourceId' | 'authorCollaborativeId' | 'createdBy' | 'version' | 'updatedAt'>): Promise<boolean> {
  const rows = await rowsOf(db, sql`UPDATE exchange_practices SET title_en = ${v.titleEn}, title_fr = ${v.titleFr}, problem_en = ${v.problemEn}, problem_fr = ${v.problemFr}, done_en = ${v.doneEn}, done_fr = ${v.doneFr},
      by_whom = ${v.byWhom}, for_whom = ${v.forWhom}, place = ${v.place}, resources = ${v.resources}, results_en = ${v.resultsEn}, results_fr = ${v.resultsFr},
      evidence = ${JSON.stringify(v.evidence)}::jsonb, community_type = ${v.communityType}, need_domain = ${v.needDomain}, welcoming_characteristic = ${v.welcomingCharacteristic},
      population_tags = ${arrayParam(v.populationTags, 'text')}, version = version + 1, updated_at = clock_timestamp()
    WHERE id = ${id} AND version = ${version} RETURNING id`);
  return rows.length > 0;
}

export interface RevisionRow {
  practiceId: string;
  number: number;
  changes: { field: string; before: unknown; after: unknown }[];
  note: string | null;
  changedBy: string | null;
  changedAt: string;
  /** Milliseconds since the epoch, to order against adaptations finer than the ISO seconds. */
  changedAtMs: number;
}
export async function insertRevision(db: Db, v: { practiceId: string; changes: unknown; note: string | null; by: string | null }): Promise<number> {
  const [row] = await rowsOf<{ number: number }>(db, sql`INSERT INTO exchange_practice_revisions (practice_id, number, changes, note, changed_by)
    VALUES (${v.practiceId}, (SELECT coalesce(max(number), 0) + 1 FROM exchange_practice_revisions WHERE practice_id = ${v.practiceId}), ${JSON.stringify(v.changes)}::jsonb, ${v.note}, ${v.by}) RETURNING number`);
  return row.number;
}
/** Revisions of these practices, newest first, with the editor's name (core's users, read-only). */
export function revisionsOf(db: Db, practiceIds: string[]): Promise<RevisionRow[]> {
  return rowsOf<RevisionRow>(db, sql`SELECT r.practice_id AS "practiceId", r.number, r.changes, r.note, u.name AS "changedBy", ${iso('r.changed_at')} AS "changedAt",
      (extract(epoch FROM r.changed_at) * 1000)::float8 AS "changedAtMs"
    FROM exchange_practice_revisions r LEFT JOIN users u ON u.id = r.changed_by
    WHERE r.practice_id = ANY(${arrayParam(practiceIds, 'uuid')}) ORDER BY r.practice_id, r.number DESC`);
}

export function adaptationsOf(db: Db, practiceIds: string[]) {
  return rowsOf<{ practiceId: string; collaborativeId: string; planId: string; elementId: string; adaptedAt: string; adaptedAtMs: number }>(
    db,
    sql`SELECT practice_id AS "practiceId", collaborative_id AS "collaborativeId", plan_id AS "planId", element_id AS "elementId", ${iso('adapted_at')} AS "adaptedAt",
        (extract(epoch FROM adapted_at) * 1000)::float8 AS "adaptedAtMs"
      FROM exchange_practice_adaptations WHERE practice_id = ANY(${arrayParam(practiceIds, 'uuid')}) ORDER BY adapted_at`,
  );
}
export async function insertAdaptation(db: Db, v: { practiceId: string; collaborativeId: string; planId: string; elementId: string; by: string | null }): Promise<void> {
  await db.execute(sql`INSERT INTO exchange_practice_adaptations (practice_id, collaborative_id, plan_id, element_id, adapted_by) VALUES (${v.practiceId}, ${v.collaborativeId}, ${v.planId}, ${v.elementId}, ${v.by})`);
}

// ---------- imported values and import log ----------

export async function upsertImportedValue(db: Db, v: { networkId: string; sourceInstance: string; keyId: string; collaborativeName: string; communityType: string; indicatorCode: string; indicatorName: string; period: string; value: number | null; display: string }): Promise<void> {
  await db.execute(sql`INSERT INTO exchange_imported_values (network_id, source_instance, source_key_id, collaborative_name, community_type, indicator_code, indicator_name, period, value, display)
    VALUES (${v.networkId}, ${v.sourceInstance}, ${v.keyId}, ${v.collaborativeName}, ${v.communityType}, ${v.indicatorCode}, ${v.indicatorName}, ${v.period}, ${v.value}, ${v.display})
    ON CONFLICT (network_id, source_instance, collaborative_name, indicator_code, period) DO UPDATE SET value = EXCLUDED.value, display = EXCLUDED.display, source_key_id = EXCLUDED.source_key_id, imported_at = now()`);
}
export function importedValues(db: Db, networkId: string) {
  return rowsOf<{ sourceInstance: string; collaborativeName: string; communityType: string; indicatorCode: string; indicatorName: string; period: string; value: number | null; display: string }>(
    db,
    sql`SELECT source_instance AS "sourceInstance", collaborative_name AS "collaborativeName", community_type AS "communityType", indicator_code AS "indicatorCode",
        indicator_name AS "indicatorName", period, value, display FROM exchange_imported_values WHERE network_id = ${networkId} ORDER BY source_instance, collaborative_name, indicator_code, period`,
  );
}
export async function insertImport(db: Db, v: { sourceInstance: string; keyId: string; publicKey: string; digest: string; counts: unknown; by: string | null }): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(db, sql`INSERT INTO exchange_imports (source_instance, key_id, public_key, digest, counts, imported_by)
    VALUES (${v.sourceInstance}, ${v.keyId}, ${v.publicKey}, ${v.digest}, ${JSON.stringify(v.counts)}::jsonb, ${v.by}) RETURNING id`);
  return row.id;
}
