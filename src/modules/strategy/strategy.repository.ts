/** All of the strategy module's SQL. Rows come back camelCased by the column aliases. */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../core/db/database';
import { arrayParam } from '../../core/db/params';

export interface PlanRow {
  id: string;
  collaborativeId: string;
  collaborativeName: string;
  /** The lead organization of the plan's collaborative (its readers read the plan). */
  leadOrganizationId: string | null;
  title: string;
  titleFr: string | null;
  description: string | null;
  startYear: number;
  endYear: number;
  status: 'draft' | 'adopted' | 'active' | 'closed';
  longTermOutcome: string | null;
  publicScorecard: boolean;
  planVersion: number;
  previousVersionId: string | null;
  templateId: string | null;
  adoptedAt: string | null;
  version: number;
  updatedAt: string;
}

export interface ElementRow {
  id: string;
  planId: string;
  parentId: string | null;
  kind: 'theme' | 'goal' | 'strategy' | 'action';
  title: string;
  titleFr: string | null;
  description: string | null;
  position: number;
  templateKey: string | null;
  version: number;
  updatedAt: string;
}

export interface MeasureRow {
  id: string;
  planId: string;
  elementId: string;
  kind: 'population' | 'performance';
  rbaType: 'how_much' | 'how_well' | 'better_off' | null;
  name: string;
  nameFr: string | null;
  unit: 'count' | 'percent' | 'rate' | 'currency' | 'number';
  direction: 'higher_is_better' | 'lower_is_better';
  frequency: 'annual' | 'quarterly' | 'monthly';
  baselineValue: number | null;
  baselinePeriod: string | null;
  indicatorId: string | null;
  geographyId: string | null;
  templateKey: string | null;
  version: number;
}

const iso = (col: string) => sql.raw(`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

const planCols = sql`p.id, p.collaborative_id AS "collaborativeId", c.name AS "collaborativeName", c.lead_organization_id AS "leadOrganizationId", p.title, p.title_fr AS "titleFr", p.description,
  p.start_year AS "startYear", p.end_year AS "endYear", p.status, p.long_term_outcome AS "longTermOutcome", p.public_scorecard AS "publicScorecard",
  p.plan_version AS "planVersion", p.previous_version_id AS "previousVersionId", p.template_id AS "templateId",
  ${iso('p.adopted_at')} AS "adoptedAt", p.version, ${iso('p.updated_at')} AS "updatedAt"`;

export async function findPlan(db: Db, id: string): Promise<PlanRow | undefined> {
  const [row] = await rowsOf<PlanRow>(db, sql`SELECT ${planCols} FROM strategy_plans p JOIN collaboratives c ON c.id = p.collaborative_id WHERE p.id = ${id}`);
  return row;
}

/** Plans of the collaboratives in `ids` ('all' for everyone's), newest first. */
export async function listPlans(db: Db, ids: string[] | 'all', collaborativeId?: string): Promise<PlanRow[]> {
  const where: SQL[] = [sql`true`];
  if (ids !== 'all') where.push(sql`p.collaborative_id = ANY(${arrayParam(ids, 'uuid')})`);
  if (collaborativeId) where.push(sql`p.collaborative_id = ${collaborativeId}`);
  return rowsOf<PlanRow>(
    db,
    sql`SELECT ${planCols} FROM strategy_plans p JOIN collaboratives c ON c.id = p.collaborative_id WHERE ${sql.join(where, sql` AND `)} ORDER BY p.start_year DESC, p.plan_version DESC, p.title`,
  );
}

export async function insertPlan(db: Db, v: { collaborativeId: string; title: string; titleFr?: string | null; description?: string | null; startYear: number; endYear: number; longTermOutcome?: string | null; planVersion?: number; previousVersionId?: string | null; templateId?: string | null }): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(
    db,
    sql`INSERT INTO strategy_plans (collaborative_id, title, title_fr, description, start_year, end_year, long_term_outcome, plan_version, previous_version_id, template_id)
        VALUES (${v.collaborativeId}, ${v.title}, ${v.titleFr ?? null}, ${v.description ?? null}, ${v.startYear}, ${v.endYear}, ${v.longTermOutcome ?? null},
                ${v.planVersion ?? 1}, ${v.previousVersionId ?? null}, ${v.templateId ?? null}) RETURNING id`,
  );
  return row.id;
}

const planColumn: Record<string, string> = {
  title: 'title', titleFr: 'title_fr', description: 'description', startYear: 'start_year', endYear: 'end_year', status: 'status',
  longTermOutcome: 'long_term_outcome', publicScorecard: 'public_scorecard',
};
const elementColumn: Record<string, string> = { title: 'title', titleFr: 'title_fr', description: 'description', position: 'position' };
const measureColumn: Record<string, string> = {
  name: 'name', nameFr: 'name_fr', rbaType: 'rba_type', direction: 'direction', frequency: 'frequency', baselineValue: 'baseline_value',
  baselinePeriod: 'baseline_period', indicatorId: 'indicator_id', geographyId: 'geography_id',
};
const itemColumn: Record<string, string> = {
  champion: 'champion', championOrganizationId: 'champion_organization_id', partnerOrganizationIds: 'partner_organization_ids', startDate: 'start_date',
  dueDate: 'due_date', status: 'status', percentComplete: 'percent_complete', resources: 'resources', adoptedByPartners: 'adopted_by_partners',
};

function sets(changes: Record<string, unknown>, columns: Record<string, string>): SQL[] {
  return Object.entries(changes)
    .filter(([k, v]) => columns[k] && v !== undefined)
    .map(([k, v]) =>
      k === 'partnerOrganizationIds'
        ? sql`${sql.raw(columns[k])} = ${arrayParam(v as string[], 'uuid')}`
        : sql`${sql.raw(columns[k])} = ${v as never}`,
    );
}

/** Updates when the version matches; false when stale. */
async function updateIfVersion(db: Db, table: string, id: string, version: number, s: SQL[], extra: SQL[] = []): Promise<boolean> {
  const all = [...s, ...extra, sql`version = version + 1`];
  const rows = await rowsOf(db, sql`UPDATE ${sql.raw(table)} SET ${sql.join(all, sql`, `)} WHERE id = ${id} AND version = ${version} RETURNING id`);
  return rows.length > 0;
}

export function updatePlan(db: Db, id: string, version: number, changes: Record<string, unknown>, adopting: boolean) {
  return updateIfVersion(db, 'strategy_plans', id, version, sets(changes, planColumn), [sql`updated_at = now()`, ...(adopting ? [sql`adopted_at = now()`] : [])]);
}

const elementCols = sql`e.id, e.plan_id AS "planId", e.parent_id AS "parentId", e.kind, e.title, e.title_fr AS "titleFr", e.description, e.position,
  e.template_key AS "templateKey", e.version, ${iso('e.updated_at')} AS "updatedAt"`;

export function listElements(db: Db, planId: string): Promise<ElementRow[]> {
  return rowsOf<ElementRow>(
    db,
    sql`SELECT ${elementCols} FROM strategy_elements e WHERE e.plan_id = ${planId} AND e.deleted_at IS NULL
        ORDER BY array_position(ARRAY['theme','goal','strategy','action'], e.kind), e.position, e.created_at`,
  );
}

/** The live actions of every plan of one collaborative, newest plan first (read by assessments through strategy.api). */
export function actionsOfCollaborative(db: Db, collaborativeId: string) {
  return rowsOf<{ id: string; title: string; titleFr: string | null; planId: string; planTitle: string; planTitleFr: string | null; planStatus: string }>(
    db,
    sql`SELECT e.id, e.title, e.title_fr AS "titleFr", p.id AS "planId", p.title AS "planTitle", p.title_fr AS "planTitleFr", p.status AS "planStatus"
        FROM strategy_elements e JOIN strategy_plans p ON p.id = e.plan_id
        WHERE p.collaborative_id = ${collaborativeId} AND e.kind = 'action' AND e.deleted_at IS NULL
        ORDER BY p.start_year DESC, p.plan_version DESC, e.position, e.created_at`,
  );
}

export async function findElement(db: Db, id: string): Promise<ElementRow | undefined> {
  const [row] = await rowsOf<ElementRow>(db, sql`SELECT ${elementCols} FROM strategy_elements e WHERE e.id = ${id} AND e.deleted_at IS NULL`);
  return row;
}

export async function insertElement(db: Db, v: { planId: string; parentId: string | null; kind: string; title: string; titleFr?: string | null; description?: string | null; position?: number; templateKey?: string | null }): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(
    db,
    sql`INSERT INTO strategy_elements (plan_id, parent_id, kind, title, title_fr, description, position, template_key)
        VALUES (${v.planId}, ${v.parentId}, ${v.kind}, ${v.title}, ${v.titleFr ?? null}, ${v.description ?? null},
                ${v.position ?? sql`(SELECT coalesce(max(position) + 1, 0) FROM strategy_elements WHERE plan_id = ${v.planId} AND kind = ${v.kind})`}, ${v.templateKey ?? null})
        RETURNING id`,
  );
  return row.id;
}

export function updateElement(db: Db, id: string, version: number, changes: Record<string, unknown>) {
  return updateIfVersion(db, 'strategy_elements', id, version, sets(changes, elementColumn), [sql`updated_at = now()`]);
}

export async function softDeleteElement(db: Db, id: string, version: number): Promise<boolean> {
  const rows = await rowsOf(db, sql`UPDATE strategy_elements SET deleted_at = now(), version = version + 1 WHERE id = ${id} AND version = ${version} AND deleted_at IS NULL RETURNING id`);
  return rows.length > 0;
}

export async function hasChildren(db: Db, id: string): Promise<boolean> {
  const rows = await rowsOf(db, sql`SELECT 1 FROM strategy_elements WHERE parent_id = ${id} AND deleted_at IS NULL LIMIT 1`);
  return rows.length > 0;
}

export async function insertHistory(db: Db, v: { elementId: string; planId: string; change: string; actorLabel: string; actorUserId: string | null; before: unknown; after: unknown }) {
  await db.execute(
    sql`INSERT INTO strategy_element_history (element_id, plan_id, change, actor_label, actor_user_id, before, after)
        VALUES (${v.elementId}, ${v.planId}, ${v.change}, ${v.actorLabel}, ${v.actorUserId}, ${v.before === null ? null : JSON.stringify(v.before)}::jsonb, ${v.after === null ? null : JSON.stringify(v.after)}::jsonb)`,
  );
}

export function listHistory(db: Db, elementId: string) {
  return rowsOf<{ id: number; change: string; actorLabel: string; changedAt: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }>(
    db,
    sql`SELECT id::int AS id, change, actor_label AS "actorLabel", ${iso('changed_at')} AS "changedAt", before, after
        FROM strategy_element_history WHERE element_id = ${elementId} ORDER BY id DESC`,
  );
}

export interface EvidenceRow { id: string; elementId: string; kind: 'engagement' | 'indicator' | 'document' | 'url'; refId: string | null; label: string }

export function listEvidence(db: Db, planId: string) {
  return rowsOf<EvidenceRow>(
    db,
    sql`SELECT v.id, v.element_id AS "elementId", v.kind, v.ref_id AS "refId", v.label FROM strategy_evidence v
        JOIN strategy_elements e ON e.id = v.element_id WHERE e.plan_id = ${planId} ORDER BY v.created_at`,
  );
}

export async function insertEvidence(db: Db, elementId: string, v: { kind: string; refId?: string | null; label: string }) {
  const [row] = await rowsOf<{ id: string }>(db, sql`INSERT INTO strategy_evidence (element_id, kind, ref_id, label) VALUES (${elementId}, ${v.kind}, ${v.refId ?? null}, ${v.label}) RETURNING id`);
  return row.id;
}

export async function findEvidence(db: Db, id: string) {
  const [row] = await rowsOf<{ id: string; elementId: string; planId: string }>(db, sql`SELECT v.id, v.element_id AS "elementId", e.plan_id AS "planId" FROM strategy_evidence v JOIN strategy_elements e ON e.id = v.element_id WHERE v.id = ${id}`);
  return row;
}

export async function deleteEvidence(db: Db, id: string) {
  await db.execute(sql`DELETE FROM strategy_evidence WHERE id = ${id}`);
}

// ── measures ─────────────────────────────────────────────────────────────────────────────────
const measureCols = sql`m.id, m.plan_id AS "planId", m.element_id AS "elementId", m.kind, m.rba_type AS "rbaType", m.name, m.name_fr AS "nameFr", m.unit,
  m.direction, m.frequency, m.baseline_value AS "baselineValue", m.baseline_period AS "baselinePeriod", m.indicator_id AS "indicatorId",
  m.geography_id AS "geographyId", m.template_key AS "templateKey", m.version`;

export function listMeasures(db: Db, planId: string): Promise<MeasureRow[]> {
  return rowsOf<MeasureRow>(
    db,
    sql`SELECT ${measureCols} FROM strategy_measures m JOIN strategy_elements e ON e.id = m.element_id
        WHERE m.plan_id = ${planId} AND e.deleted_at IS NULL ORDER BY m.created_at, m.name`,
  );
}

export async function findMeasure(db: Db, id: string): Promise<MeasureRow | undefined> {
  const [row] = await rowsOf<MeasureRow>(db, sql`SELECT ${measureCols} FROM strategy_measures m WHERE m.id = ${id}`);
  return row;
}

export async function insertMeasure(db: Db, planId: string, v: Omit<MeasureRow, 'id' | 'planId' | 'version'>): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(
    db,
    sql`INSERT INTO strategy_measures (plan_id, element_id, kind, rba_type, name, name_fr, unit, direction, frequency, baseline_value, baseline_period, indicator_id, geography_id, template_key)
        VALUES (${planId}, ${v.elementId}, ${v.kind}, ${v.rbaType}, ${v.name}, ${v.nameFr}, ${v.unit}, ${v.direction}, ${v.frequency}, ${v.baselineValue}, ${v.baselinePeriod},
                ${v.indicatorId}, ${v.geographyId}, ${v.templateKey}) RETURNING id`,
  );
  return row.id;
}

export function updateMeasure(db: Db, id: string, version: number, changes: Record<string, unknown>) {
  return updateIfVersion(db, 'strategy_measures', id, version, sets(changes, measureColumn), [sql`updated_at = now()`]);
}

/** Targets of a plan's measures (or of one measure). */
export interface TargetRow { measureId: string; period: string; value: number }
export function listTargets(db: Db, planId: string, measureId?: string) {
  return rowsOf<TargetRow>(
    db,
    sql`SELECT t.measure_id AS "measureId", t.period, t.value FROM strategy_measure_targets t JOIN strategy_measures m ON m.id = t.measure_id
        WHERE m.plan_id = ${planId} ${measureId ? sql`AND m.id = ${measureId}` : sql``} ORDER BY t.period`,
  );
}

/** Values of a plan's measures (or of one measure). */
export interface ValueRow { measureId: string; period: string; value: number; source: string | null; notes: string | null; illustrative: boolean; recordedBy: string; recordedAt: string }
export function listValues(db: Db, planId: string, measureId?: string) {
  return rowsOf<ValueRow>(
    db,
    sql`SELECT v.measure_id AS "measureId", v.period, v.value, v.source, v.notes, v.illustrative, v.recorded_by AS "recordedBy", ${iso('v.recorded_at')} AS "recordedAt"
        FROM strategy_measure_values v JOIN strategy_measures m ON m.id = v.measure_id
        WHERE m.plan_id = ${planId} ${measureId ? sql`AND m.id = ${measureId}` : sql``} ORDER BY v.period`,
  );
}

export async function upsertTarget(db: Db, measureId: string, period: string, value: number) {
  await db.execute(sql`INSERT INTO strategy_measure_targets (measure_id, period, value) VALUES (${measureId}, ${period}, ${value})
    ON CONFLICT (measure_id, period) DO UPDATE SET value = EXCLUDED.value`);
}

export async function findValue(db: Db, measureId: string, period: string) {
  const [row] = await rowsOf<{ value: number; source: string | null; notes: string | null }>(db, sql`SELECT value, source, notes FROM strategy_measure_values WHERE measure_id = ${measureId} AND period = ${period}`);
  return row;
}

export async function upsertValue(db: Db, measureId: string, period: string, v: { value: number; source?: string | null; notes?: string | null; illustrative?: boolean }, by: string) {
  await db.execute(sql`INSERT INTO strategy_measure_values (measure_id, period, value, source, notes, illustrative, recorded_by) VALUES (${measureId}, ${period}, ${v.value}, ${v.source ?? null}, ${v.notes ?? null}, ${v.illustrative ?? false}, ${by})
    ON CONFLICT (measure_id, period) DO UPDATE SET value = EXCLUDED.value, source = EXCLUDED.source, notes = EXCLUDED.notes, illustrative = EXCLUDED.illustrative,
      recorded_by = EXCLUDED.recorded_by, recorded_at = now()`);
}

// ── action plans ─────────────────────────────────────────────────────────────────────────────
export async function findActionPlan(db: Db, id: string) {
  const [row] = await rowsOf<{ id: string; planId: string; year: number; stalledAfterDays: number }>(db, sql`SELECT id, plan_id AS "planId", year, stalled_after_days AS "stalledAfterDays" FROM strategy_action_plans WHERE id = ${id}`);
  return row;
}

export async function findActionPlanByYear(db: Db, planId: string, year: number) {
  const [row] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM strategy_action_plans WHERE plan_id = ${planId} AND year = ${year}`);
  return row;
}

export function listActionPlans(db: Db, planId: string) {
  return rowsOf<{ id: string; year: number; itemCount: number }>(
    db,
    sql`SELECT a.id, a.year, (SELECT count(*)::int FROM strategy_action_plan_items i WHERE i.action_plan_id = a.id) AS "itemCount" FROM strategy_action_plans a WHERE a.plan_id = ${planId} ORDER BY a.year DESC`,
  );
}

export async function insertActionPlan(db: Db, planId: string, year: number, stalledAfterDays?: number) {
  const [row] = await rowsOf<{ id: string }>(db, sql`INSERT INTO strategy_action_plans (plan_id, year, stalled_after_days) VALUES (${planId}, ${year}, ${stalledAfterDays ?? 60}) RETURNING id`);
  return row.id;
}

export interface ItemRow {
  id: string;
  actionPlanId: string;
  actionId: string;
  actionTitle: string;
  strategyTitle: string | null;
  champion: string | null;
  championOrganizationId: string | null;
  partnerOrganizationIds: string[];
  startDate: string | null;
  dueDate: string | null;
  status: 'not_started' | 'in_progress' | 'completed' | 'on_hold' | 'cancelled';
  percentComplete: number;
  resources: string | null;
  adoptedByPartners: boolean;
  version: number;
  createdAt: string;
  lastNoteAt: string | null;
}

const itemCols = sql`i.id, i.action_plan_id AS "actionPlanId", i.action_id AS "actionId", a.title AS "actionTitle", s.title AS "strategyTitle", i.champion,
  i.champion_organization_id AS "championOrganizationId", i.partner_organization_ids::text[] AS "partnerOrganizationIds",
  to_char(i.start_date, 'YYYY-MM-DD') AS "startDate", to_char(i.due_date, 'YYYY-MM-DD') AS "dueDate", i.status, i.percent_complete AS "percentComplete",
  i.resources, i.adopted_by_partners AS "adoptedByPartners", i.version, ${iso('i.created_at')} AS "createdAt",
  (SELECT ${iso('max(n.created_at)')} FROM strategy_progress_notes n WHERE n.item_id = i.id) AS "lastNoteAt"`;

export function listItems(db: Db, actionPlanId: string): Promise<ItemRow[]> {
  return rowsOf<ItemRow>(
    db,
    sql`SELECT ${itemCols} FROM strategy_action_plan_items i JOIN strategy_elements a ON a.id = i.action_id LEFT JOIN strategy_elements s ON s.id = a.parent_id
        WHERE i.action_plan_id = ${actionPlanId} ORDER BY s.position NULLS LAST, a.position, a.title`,
  );
}

export async function findItem(db: Db, id: string): Promise<(ItemRow & { planId: string; stalledAfterDays: number }) | undefined> {
  const [row] = await rowsOf<ItemRow & { planId: string; stalledAfterDays: number }>(
    db,
    sql`SELECT ${itemCols}, ap.plan_id AS "planId", ap.stalled_after_days AS "stalledAfterDays" FROM strategy_action_plan_items i
        JOIN strategy_action_plans ap ON ap.id = i.action_plan_id JOIN strategy_elements a ON a.id = i.action_id LEFT JOIN strategy_elements s ON s.id = a.parent_id WHERE i.id = ${id}`,
  );
  return row;
}

export async function insertItem(db: Db, actionPlanId: string, actionId: string, v: Record<string, unknown>) {
  const [row] = await rowsOf<{ id: string }>(db, sql`INSERT INTO strategy_action_plan_items (action_plan_id, action_id) VALUES (${actionPlanId}, ${actionId}) RETURNING id`);
  const s = sets(v, itemColumn);
  if (s.length) await db.execute(sql`UPDATE strategy_action_plan_items SET ${sql.join(s, sql`, `)} WHERE id = ${row.id}`);
  return row.id;
}

export function updateItem(db: Db, id: string, version: number, changes: Record<string, unknown>) {
  return updateIfVersion(db, 'strategy_action_plan_items', id, version, sets(changes, itemColumn), [sql`updated_at = now()`]);
}

/** Progress from a bulk import: status and percent complete, whatever the version (completed means 100 unless given). */
export async function setItemProgress(db: Db, id: string, set: { status?: string; percentComplete?: number }) {
  const parts: SQL[] = [];
  if (set.status !== undefined) parts.push(sql`status = ${set.status}`);
  if (set.percentComplete !== undefined) parts.push(sql`percent_complete = ${set.percentComplete}`);
  else if (set.status === 'completed') parts.push(sql`percent_complete = 100`);
  parts.push(sql`version = version + 1`, sql`updated_at = now()`);
  await db.execute(sql`UPDATE strategy_action_plan_items SET ${sql.join(parts, sql`, `)} WHERE id = ${id}`);
}

export interface NoteRow { id: string; itemId: string; note: string; status: string | null; percentComplete: number | null; authorLabel: string; createdAt: string }

export function listNotes(db: Db, actionPlanId: string) {
  return rowsOf<NoteRow>(
    db,
    sql`SELECT n.id, n.item_id AS "itemId", n.note, n.status, n.percent_complete AS "percentComplete", n.author_label AS "authorLabel", ${iso('n.created_at')} AS "createdAt"
        FROM strategy_progress_notes n JOIN strategy_action_plan_items i ON i.id = n.item_id WHERE i.action_plan_id = ${actionPlanId} ORDER BY n.created_at DESC`,
  );
}

export async function insertNote(db: Db, itemId: string, v: { note: string; status?: string | null; percentComplete?: number | null }, author: string) {
  await db.execute(sql`INSERT INTO strategy_progress_notes (item_id, note, status, percent_complete, author_label) VALUES (${itemId}, ${v.note}, ${v.status ?? null}, ${v.percentComplete ?? null}, ${author})`);
}

export function organizationNames(db: Db, ids: string[]) {
  if (!ids.length) return Promise.resolve([] as { id: string; legalName: string }[]);
  return rowsOf<{ id: string; legalName: string }>(db, sql`SELECT id, legal_name AS "legalName" FROM organizations WHERE id = ANY(${arrayParam(ids, 'uuid')})`);
}

// ── report cards ─────────────────────────────────────────────────────────────────────────────
export interface ReportCardRow {
  id: string;
  planId: string;
  year: number;
  reportVersion: number;
  status: 'draft' | 'published';
  highlights: string | null;
  highlightsFr: string | null;
  nextYear: string | null;
  nextYearFr: string | null;
  snapshot: Record<string, unknown> | null;
  publishedAt: string | null;
  publishedBy: string | null;
  version: number;
}
const reportCols = sql`id, plan_id AS "planId", year, report_version AS "reportVersion", status, highlights, highlights_fr AS "highlightsFr", next_year AS "nextYear",
  next_year_fr AS "nextYearFr", snapshot, ${iso('published_at')} AS "publishedAt", published_by AS "publishedBy", version`;

export async function findReportCard(db: Db, id: string): Promise<ReportCardRow | undefined> {
  const [row] = await rowsOf<ReportCardRow>(db, sql`SELECT ${reportCols} FROM strategy_report_cards WHERE id = ${id}`);
  return row;
}

export function listReportCards(db: Db, planId: string, publishedOnly: boolean) {
  return rowsOf<ReportCardRow>(db, sql`SELECT ${reportCols} FROM strategy_report_cards WHERE plan_id = ${planId} ${publishedOnly ? sql`AND status = 'published'` : sql``} ORDER BY year DESC, report_version DESC`);
}

export async function insertReportCard(db: Db, planId: string, year: number, v: { highlights?: string | null; highlightsFr?: string | null; nextYear?: string | null; nextYearFr?: string | null }) {
  const [row] = await rowsOf<{ id: string }>(
    db,
    sql`INSERT INTO strategy_report_cards (plan_id, year, report_version, highlights, highlights_fr, next_year, next_year_fr)
        VALUES (${planId}, ${year}, (SELECT coalesce(max(report_version), 0) + 1 FROM strategy_report_cards WHERE plan_id = ${planId} AND year = ${year}),
                ${v.highlights ?? null}, ${v.highlightsFr ?? null}, ${v.nextYear ?? null}, ${v.nextYearFr ?? null}) RETURNING id`,
  );
  return row.id;
}

export function updateReportCard(db: Db, id: string, version: number, v: Record<string, unknown>) {
  return updateIfVersion(db, 'strategy_report_cards', id, version, sets(v, { highlights: 'highlights', highlightsFr: 'highlights_fr', nextYear: 'next_year', nextYearFr: 'next_year_fr' }));
}

export async function publishReportCard(db: Db, id: string, version: number, snapshot: unknown, by: string) {
  const rows = await rowsOf(db, sql`UPDATE strategy_report_cards SET status = 'published', snapshot = ${JSON.stringify(snapshot)}::jsonb, published_at = now(), published_by = ${by}, version = version + 1
    WHERE id = ${id} AND version = ${version} AND status = 'draft' RETURNING id`);
  return rows.length > 0;
}

// ── templates ────────────────────────────────────────────────────────────────────────────────
export interface TemplateRow {
  id: string;
  name: string;
  description: string | null;
  sourcePlanId: string | null;
  content: TemplateContent;
  publishedBy: string;
  createdAt: string;
  planCount: number;
}
export interface TemplateContent {
  longTermOutcome: string | null;
  elements: { key: string; parentKey: string | null; kind: string; title: string; titleFr: string | null; description: string | null; position: number }[];
  measures: { key: string; elementKey: string; kind: 'population' | 'performance'; rbaType: MeasureRow['rbaType']; name: string; nameFr: string | null; unit: MeasureRow['unit']; direction: MeasureRow['direction']; frequency: MeasureRow['frequency'] }[];
}
const templateCols = sql`t.id, t.name, t.description, t.source_plan_id AS "sourcePlanId", t.content, t.published_by AS "publishedBy", ${iso('t.created_at')} AS "createdAt",
  (SELECT count(*)::int FROM strategy_plans p WHERE p.template_id = t.id) AS "planCount"`;

export function listTemplates(db: Db) {
  return rowsOf<TemplateRow>(db, sql`SELECT ${templateCols} FROM strategy_templates t ORDER BY t.name`);
}
export async function findTemplate(db: Db, id: string) {
  const [row] = await rowsOf<TemplateRow>(db, sql`SELECT ${templateCols} FROM strategy_templates t WHERE t.id = ${id}`);
  return row;
}
export async function findTemplateByName(db: Db, name: string) {
  const [row] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM strategy_templates WHERE lower(name) = lower(${name})`);
  return row?.id;
}
export async function insertTemplate(db: Db, v: { name: string; description?: string | null; sourcePlanId: string | null; content: TemplateContent; by: string }) {
  const [row] = await rowsOf<{ id: string }>(db, sql`INSERT INTO strategy_templates (name, description, source_plan_id, content, published_by) VALUES (${v.name}, ${v.description ?? null}, ${v.sourcePlanId}, ${JSON.stringify(v.content)}::jsonb, ${v.by}) RETURNING id`);
  return row.id;
}
export function plansFromTemplate(db: Db, templateId: string, ids: string[] | 'all') {
  return rowsOf<PlanRow>(
    db,
    sql`SELECT ${planCols} FROM strategy_plans p JOIN collaboratives c ON c.id = p.collaborative_id WHERE p.template_id = ${templateId}
        ${ids === 'all' ? sql`` : sql`AND (p.collaborative_id = ANY(${arrayParam(ids, 'uuid')}) OR p.public_scorecard)`} ORDER BY c.name`,
  );
}

// ── theory of change ─────────────────────────────────────────────────────────────────────────
export function listTocNodes(db: Db, planId: string) {
  return rowsOf<{ id: string; kind: 'outcome' | 'precondition' | 'action'; label: string; elementId: string | null }>(
    db,
    sql`SELECT id, kind, label, element_id AS "elementId" FROM strategy_toc_nodes WHERE plan_id = ${planId} ORDER BY array_position(ARRAY['outcome','precondition','action'], kind), created_at`,
  );
}
export function listTocEdges(db: Db, planId: string) {
  return rowsOf<{ from: string; to: string }>(db, sql`SELECT from_node AS "from", to_node AS "to" FROM strategy_toc_edges WHERE plan_id = ${planId}`);
}
export async function insertTocNode(db: Db, planId: string, v: { kind: string; label: string; elementId?: string | null }) {
  const [row] = await rowsOf<{ id: string }>(db, sql`INSERT INTO strategy_toc_nodes (plan_id, kind, label, element_id) VALUES (${planId}, ${v.kind}, ${v.label}, ${v.elementId ?? null}) RETURNING id`);
  return row.id;
}
export async function insertTocEdge(db: Db, planId: string, from: string, to: string) {
  await db.execute(sql`INSERT INTO strategy_toc_edges (plan_id, from_node, to_node) VALUES (${planId}, ${from}, ${to}) ON CONFLICT DO NOTHING`);
}
export async function deleteTocNode(db: Db, planId: string, id: string) {
  const rows = await rowsOf(db, sql`DELETE FROM strategy_toc_nodes WHERE id = ${id} AND plan_id = ${planId} RETURNING id`);
  return rows.length > 0;
}
export async function deleteTocEdge(db: Db, planId: string, from: string, to: string) {
  await db.execute(sql`DELETE FROM strategy_toc_edges WHERE plan_id = ${planId} AND from_node = ${from} AND to_node = ${to}`);
}

/** Published report cards of the given collaboratives' plans ('all': every plan), newest first: evidence a practice of the exchange can point to. */
export function publishedReportCardsOf(db: Db, collaborativeIds: string[] | 'all') {
  return rowsOf<{ id: string; planId: string; collaborativeId: string; planTitle: string; year: number; reportVersion: number }>(
    db,
    sql`SELECT r.id, r.plan_id AS "planId", p.collaborative_id AS "collaborativeId", p.title AS "planTitle", r.year, r.report_version AS "reportVersion"
      FROM strategy_report_cards r JOIN strategy_plans p ON p.id = r.plan_id
      WHERE r.status = 'published' ${collaborativeIds === 'all' ? sql`` : sql`AND p.collaborative_id = ANY(${arrayParam(collaborativeIds, 'uuid')})`}
      ORDER BY p.title, r.year DESC, r.report_version DESC LIMIT 500`,
  );
}
