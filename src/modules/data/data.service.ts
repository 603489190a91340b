/**
 * Use cases of the community data repository. Writes run in one transaction with their audit
 * row; every read applies suppression the same way, so no view reveals what another hides.
 */
import type { z } from 'zod';
import type { Database, Db } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { recordAudit } from '../../core/audit/audit.service';
import { authorizeAction } from '../../core/policy';
import { runCommand } from '../../core/command';
import { Errors } from '../../core/http/errors';
import { DataErrors, ImportRowsError } from './data.errors';
import { geographyExists } from '../../core/geography/geography.service';
import { collaborativeExists } from '../collaboratives/collaboratives.api';
import * as repo from './data.repository';
import { can, canManageDashboards, canReadPartition, dashboardScope, importAction, mustProtect } from './data.policy';
import { derivedShare, isAdditive, primary, rollUp, suppressedCell, type ShownCell } from './data.suppression';
import { decideTouched, forgetIndicator, storedDecisions, type StoredReason } from './data.disclosure-store';
import { prepareObservations, type RawObservation } from './data.observations';
import { isPeriod, parsePeriod } from './data.periods';
import type { CensusMappingInputSchema, CreateIndicatorInput, DashboardInput, UpdateDashboardInput, UpdateIndicatorInput } from './data.schema';

// ---------- catalogue ----------

export function presentIndicator(i: repo.IndicatorRow) {
  return {
    id: i.id,
    code: i.code,
    name: { en: i.nameEn, fr: i.nameFr },
    definition: { en: i.definitionEn, fr: i.definitionFr },
    unit: i.unit,
    direction: i.direction,
    domain: i.domain,
    source: i.source,
    licence: i.licence,
    sourceUrl: i.sourceUrl,
    frequency: i.frequency,
    dimensions: i.dimensions,
    suppressionThreshold: i.suppressionThreshold,
    additive: isAdditive(i.unit),
    version: i.version,
  };
}
export type IndicatorView = ReturnType<typeof presentIndicator>;

export async function listIndicators(db: Db, f: { q?: string; ids?: string[]; domain?: string; limit?: number }) {
  return (await repo.listIndicators(db, f)).map(presentIndicator);
}

export async function getIndicator(db: Db, id: string) {
  const i = await repo.findIndicator(db, id);
  if (!i) throw Errors.notFound('Indicator');
  return i;
}

function indicatorValues(input: CreateIndicatorInput): repo.IndicatorValues {
  return {
    code: input.code,
    nameEn: input.name.en,
    nameFr: input.name.fr ?? null,
    definitionEn: input.definition?.en ?? null,
    definitionFr: input.definition?.fr ?? null,
    unit: input.unit,
    direction: input.direction,
    domain: input.domain,
    source: input.source ?? null,
    licence: input.licence ?? null,
    sourceUrl: input.sourceUrl ?? null,
    frequency: input.frequency,
    dimensions: input.dimensions,
    suppressionThreshold: input.suppressionThreshold,
  };
}

export async function createIndicator(database: Database, actor: Actor, meta: RequestMeta, input: CreateIndicatorInput) {
  authorizeAction(can, actor, 'data.indicator.write', {});
  return runCommand({ database, actor, meta }, async (tx) => {
    if (await repo.findIndicatorByCode(tx, input.code)) throw Errors.conflict('An indicator with this code already exists', 'code');
    const row = await repo.insertIndicator(tx, indicatorValues(input));
    return { result: presentIndicator(row), audit: { action: 'data.indicator.create', entityType: 'data_indicator', entityId: row.id, details: { code: row.code } } };
  });
}

export async function updateIndicator(database: Database, actor: Actor, meta: RequestMeta, id: string, input: UpdateIndicatorInput) {
  authorizeAction(can, actor, 'data.indicator.write', {});
  return runCommand({ database, actor, meta }, async (tx) => {
    const before = await getIndicator(tx, id);
    const { version, ...rest } = input;
    const changes: Partial<repo.IndicatorValues> = {};
    if (rest.name) Object.assign(changes, { nameEn: rest.name.en, nameFr: rest.name.fr ?? null });
    if (rest.definition) Object.assign(changes, { definitionEn: rest.definition.en ?? null, definitionFr: rest.definition.fr ?? null });
    for (const k of ['direction', 'domain', 'source', 'licence', 'sourceUrl', 'frequency', 'dimensions', 'suppressionThreshold'] as const) {
      if (rest[k] !== undefined) (changes as Record<string, unknown>)[k] = rest[k];
    }
    if (rest.unit && rest.unit !== before.unit) {
      if (await repo.indicatorUnitsInUse(tx, id)) throw Errors.validation([{ field: 'unit', message: 'This indicator has observations; its unit cannot change (create a new indicator instead)' }]);
      changes.unit = rest.unit;
    }
    const after = await repo.updateIndicatorIfVersion(tx, id, version, changes);
    if (!after) throw Errors.staleVersion(presentIndicator(before));
    if (after.suppressionThreshold !== before.suppressionThreshold || after.unit !== before.unit) await forgetIndicator(tx, id);
    return { result: presentIndicator(after), audit: { action: 'data.indicator.update', entityType: 'data_indicator', entityId: id, details: { changed: Object.keys(changes) } } };
  });
}

// ---------- storing observations ----------

export { ImportRowsError } from './data.errors';

export interface StoreSummary {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** What would change or changed, line by line (first 200). */
  changes: { line: number; kind: 'create' | 'update'; before?: { value: number | null; status: string } }[];
}

export async function checkPartition(db: Db, actor: Actor, collaborativeId: string | null) {
  if (collaborativeId && !(await collaborativeExists(db, collaborativeId))) throw Errors.validation([{ field: 'collaborativeId', message: 'No such collaborative' }]);
  authorizeAction(can, actor, importAction(collaborativeId), { collaborativeId });
}

const BATCH = 1000;
class DryRunRollback extends Error {}

/**
 * Validates every row, then stores them all or none in one transaction (rolled back at the end
 * for a dry run, so the dry run reports exactly what the real run would do).
 */
export async function storeObservations(
  database: Database,
  actor: Actor,
  meta: RequestMeta,
  raw: RawObservation[],
  opts: { collaborativeId: string | null; dryRun: boolean; source: string; defaultSource?: string | null; progress?: { start(n: number, label: string): void; tick(n: number): void; stop(): void }; beforeRows?: (tx: Db) => Promise<void> },
): Promise<StoreSummary> {
  await checkPartition(database.db, actor, opts.collaborativeId);
  const summary: StoreSummary = { dryRun: opts.dryRun, rows: raw.length, created: 0, updated: 0, unchanged: 0, changes: [] };
  try {
    await database.db.transaction(async (tx) => {
      await opts.beforeRows?.(tx);
      const { rows, lines, errors } = await prepareObservations(tx, raw, { collaborativeId: opts.collaborativeId, defaultSource: opts.defaultSource });
      if (errors.length) throw new ImportRowsError(errors);
      opts.progress?.start(rows.length, 'observations');
      for (let i = 0; i < rows.length; i += BATCH) {
        const out = await repo.upsertObservations(tx, rows.slice(i, i + BATCH), opts.source, i);
        summary.created += out.created;
        summary.updated += out.updated;
        summary.unchanged += out.unchanged;
        for (const c of out.changes) if (summary.changes.length < 200) summary.changes.push({ line: lines[c.index], kind: c.kind, before: c.before });
        opts.progress?.tick(Math.min(BATCH, rows.length - i));
      }
      opts.progress?.stop();
      if (opts.dryRun) throw new DryRunRollback();
      // Every table set the rows touched is decided again, in this transaction: no view ever
      // reads new figures with an old decision.
      if (summary.created + summary.updated > 0) await decideTouched(tx, rows.map((r) => ({ indicatorId: r.indicatorId, period: r.period, collaborativeId: r.collaborativeId })));
      if (summary.created + summary.updated > 0) await recordAudit(tx, actor, meta, {
        action: 'data.observations.import',
        entityType: 'data_observations',
        details: { source: opts.source, collaborativeId: opts.collaborativeId, rows: raw.length, created: summary.created, updated: summary.updated, unchanged: summary.unchanged },
      });
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  }
  return summary;
}

// ---------- reading, with suppression ----------

export interface Partition {
  collaborativeId: string | null;
}

async function readable(db: Db, actor: Actor | null, indicatorId: string, collaborativeId: string | null) {
  // A private partition the actor may not read answers as if the indicator had no such data.
  if (!canReadPartition(actor, collaborativeId)) throw Errors.notFound('Data');
  return getIndicator(db, indicatorId);
}

export interface PointView extends ShownCell {
  period: string;
  isProjection: boolean;
  notes: string | null;
  source: string | null;
}

type Place = Awaited<ReturnType<typeof repo.neighbourhoodOf>>[number];

/** A cell as the stored decision says to show it (primary suppression is re-checked as a safeguard). */
export function shownWithDecision(r: repo.ObservationRow, ind: repo.IndicatorRow, protect: boolean, reason: StoredReason | undefined): ShownCell {
  if (protect && reason === 'primary') return suppressedCell('threshold', ind.suppressionThreshold);
  if (protect && reason === 'complementary') return suppressedCell('complementary');
  return primary(r, ind.unit, ind.suppressionThreshold, protect);
}

/**
 * Protected totals of one indicator for focus places (and, for a map, the places under them):
 * each cell shown as the stored decision of its table set says, so a map, a series, an export
 * or a profile of any place hides exactly the same cells.
 */
async function protectedTotals(db: Db, actor: Actor | null, ind: repo.IndicatorRow, focusIds: string[], collaborativeId: string | null, period?: string, withChildren = false) {
  const protect = mustProtect(actor, collaborativeId);
  const places = await repo.neighbourhoodOf(db, focusIds, withChildren);
  const shownIds = withChildren ? places.filter((p) => focusIds.includes(p.id) || focusIds.includes(p.parentId ?? '')).map((p) => p.id) : focusIds;
  const rows = await repo.totalsFor(db, { indicatorId: ind.id, geographyIds: shownIds, collaborativeId, period });
  const decisions = protect && ind.unit === 'count' ? await storedDecisions(db, ind, { collaborativeId, geographyIds: shownIds, periods: rows.map((r) => r.period) }) : new Map<string, StoredReason>();
  const cells = new Map<string, Map<string, PointView>>();
  for (const r of rows) {
    const shown = shownWithDecision(r, ind, protect, decisions.get(`${r.geographyId}|${r.period}|`));
    if (!cells.has(r.geographyId)) cells.set(r.geographyId, new Map());
    cells.get(r.geographyId)!.set(r.period, { ...shown, period: r.period, isProjection: r.isProjection, notes: r.notes, source: r.source });
  }
  return { places, cells, protect };
}

export async function mapView(db: Db, actor: Actor | null, q: { indicatorId: string; period?: string; parentId: string; collaborativeId: string | null }) {
  const ind = await readable(db, actor, q.indicatorId, q.collaborativeId);
  if (!(await geographyExists(db, q.parentId))) throw Errors.validation([{ field: 'parentId', message: 'No such place' }]);
  const periods = await repo.periodsOf(db, ind.id, q.collaborativeId);
  const period = q.period ?? (await repo.latestPeriodUnder(db, ind.id, q.parentId, q.collaborativeId)) ?? periods[0];
  if (q.period && !isPeriod(parsePeriod(q.period))) throw Errors.validation([{ field: 'period', message: 'Use a year (2021), a quarter (2024-Q3) or a month (2025-04)' }]);
  const { places, cells } = period ? await protectedTotals(db, actor, ind, [q.parentId], q.collaborativeId, period, true) : { places: await repo.neighbourhoodOf(db, [q.parentId]), cells: new Map() };
  const parent = places.find((p) => p.id === q.parentId)!;
  const children = places.filter((p) => p.parentId === q.parentId).sort((a, b) => a.nameEn.localeCompare(b.nameEn));
  const placeView = (p: Place) => ({ geographyId: p.id, code: p.code, name: { en: p.nameEn, fr: p.nameFr }, cell: (period && cells.get(p.id)?.get(period)) || null });
  return { indicator: presentIndicator(ind), period: period ?? null, periods, parent: placeView(parent), places: children.map(placeView) };
}

export async function seriesView(db: Db, actor: Actor | null, q: { indicatorId: string; geographyIds: string[]; collaborativeId: string | null }) {
  const ind = await readable(db, actor, q.indicatorId, q.collaborativeId);
  const { places, cells } = await protectedTotals(db, actor, ind, q.geographyIds, q.collaborativeId);
  const series = q.geographyIds.map((id) => {
    const p = places.find((x) => x.id === id);
    if (!p) throw Errors.validation([{ field: 'geographyIds', message: `No such place: ${id}` }]);
    return { geographyId: id, code: p.code, name: { en: p.nameEn, fr: p.nameFr }, points: [...(cells.get(id)?.values() ?? [])] };
  });
  return { indicator: presentIndicator(ind), series };
}

export async function rollupView(db: Db, actor: Actor | null, q: { indicatorId: string; parentId: string; period: string; collaborativeId: string | null }) {
  const ind = await readable(db, actor, q.indicatorId, q.collaborativeId);
  if (!isAdditive(ind.unit)) {
    throw DataErrors.notAdditive(`${ind.nameEn} is measured in ${ind.unit === 'percent' ? 'percent' : ind.unit === 'rate_per_1000' ? 'a rate per 1,000' : 'an index'}, which cannot be added up from places to a region`);
  }
  const view = await mapView(db, actor, { ...q });
  const parts = view.places.filter((p) => p.cell).map((p) => p.cell!);
  const sum = rollUp(parts, ind.unit, mustProtect(actor, q.collaborativeId) ? ind.suppressionThreshold : 0);
  return {
    indicator: view.indicator,
    period: q.period,
    parent: view.parent,
    placesWithData: parts.length,
    placesTotal: view.places.length,
    complete: parts.length === view.places.length,
    rollup: sum,
    places: view.places,
  };
}

/** Disaggregation cells of one place and period, with shares of their total, protected. */
export async function breakdownView(db: Db, actor: Actor | null, q: { indicatorId: string; geographyId: string; period: string; collaborativeId: string | null }) {
  const ind = await readable(db, actor, q.indicatorId, q.collaborativeId);
  const protect = mustProtect(actor, q.collaborativeId);
  const rows = await repo.cellObservations(db, q);
  const decisions = protect && ind.unit === 'count' && rows.length ? await storedDecisions(db, ind, { collaborativeId: q.collaborativeId, geographyIds: [q.geographyId], periods: [q.period] }) : new Map<string, StoredReason>();
  const cells = new Map<string, ShownCell>(rows.map((r) => [r.dkey, shownWithDecision(r, ind, protect, decisions.get(`${q.geographyId}|${q.period}|${r.dkey}`))]));
  const parse = (k: string) => (k ? k.split(';') : []);
  const out = [...cells.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([key, cell]) => {
    const parts = parse(key);
    const parentKey = parts.slice(0, -1).join(';');
    const parent = key ? cells.get(parentKey) : undefined;
    return {
      disaggregation: Object.fromEntries(parts.map((p) => p.split('=') as [string, string])),
      key,
      cell,
      share: parent && ind.unit === 'count' ? derivedShare(cell, parent) : null,
    };
  });
  return { indicator: presentIndicator(ind), geographyId: q.geographyId, period: q.period, cells: out };
}

/** Key indicators and their trends for one place: the community profile. */
export async function profileView(db: Db, actor: Actor | null, geographyId: string, collaborativeId: string | null) {
  if (!canReadPartition(actor, collaborativeId)) throw Errors.notFound('Data');
  if (!(await geographyExists(db, geographyId))) throw Errors.notFound('Place');
  const withData = await repo.indicatorsForPlace(db, geographyId, collaborativeId);
  const indicators = await repo.listIndicators(db, { ids: withData.map((w) => w.indicatorId) });
  const items = [];
  for (const ind of indicators) {
    const s = await seriesView(db, actor, { indicatorId: ind.id, geographyIds: [geographyId], collaborativeId });
    const points = s.series[0].points;
    items.push({ indicator: s.indicator, points, latest: [...points].reverse().find((p) => !p.isProjection) ?? points[points.length - 1] ?? null });
  }
  items.sort((a, b) => a.indicator.domain.localeCompare(b.indicator.domain) || a.indicator.name.en.localeCompare(b.indicator.name.en));
  const [place] = await repo.neighbourhoodOf(db, [geographyId]).then((ps) => ps.filter((p) => p.id === geographyId));
  return { geography: { id: place.id, code: place.code, name: { en: place.nameEn, fr: place.nameFr }, level: place.level }, items };
}

/** An observation and its earlier revisions; only for those who may write its partition. */
export async function observationHistory(db: Db, actor: Actor, q: { indicatorId: string; geographyId: string; period: string; disaggregation?: string; collaborativeId: string | null }) {
  authorizeAction(can, actor, 'data.history', { collaborativeId: q.collaborativeId });
  const p = parsePeriod(q.period);
  if (!isPeriod(p)) throw Errors.validation([{ field: 'period', message: p.error }]);
  const obs = await repo.findObservation(db, { ...q, period: p.period, dkey: q.disaggregation ?? '' });
  if (!obs) throw Errors.notFound('Observation');
  return { current: obs, revisions: await repo.revisionsOf(db, obs.id) };
}

// ---------- dashboards ----------

export function presentDashboard(d: repo.DashboardRow, actor: Actor | null) {
  const edit = canManageDashboards(actor, d.collaborativeId);
  return { ...d, actions: { 'data.dashboard.write': edit } };
}

export async function listDashboards(db: Db, actor: Actor | null, collaborativeId?: string) {
  return (await repo.listDashboards(db, dashboardScope(actor), collaborativeId)).map((d) => presentDashboard(d, actor));
}

export async function getDashboard(db: Db, actor: Actor | null, id: string) {
  const d = await repo.findDashboard(db, id);
  const scope = dashboardScope(actor);
  if (!d || (d.visibility !== 'public' && scope !== 'all' && !scope.includes(d.collaborativeId))) throw Errors.notFound('Dashboard');
  const indicators = (await repo.listIndicators(db, { ids: d.indicatorIds })).map(presentIndicator);
  const places = (await repo.neighbourhoodOf(db, d.geographyIds)).filter((p) => d.geographyIds.includes(p.id)).map((p) => ({ id: p.id, code: p.code, name: { en: p.nameEn, fr: p.nameFr } }));
  return { ...presentDashboard(d, actor), indicators, places };
}

async function checkDashboardRefs(db: Db, input: { indicatorIds?: string[]; geographyIds?: string[] }) {
  if (input.indicatorIds) {
    const found = await repo.listIndicators(db, { ids: input.indicatorIds });
    if (found.length !== new Set(input.indicatorIds).size) throw Errors.validation([{ field: 'indicatorIds', message: 'Some indicators do not exist' }]);
  }
  if (input.geographyIds) {
    for (const g of input.geographyIds) if (!(await geographyExists(db, g))) throw Errors.validation([{ field: 'geographyIds', message: `No such place: ${g}` }]);
  }
}

export async function createDashboard(database: Database, actor: Actor, meta: RequestMeta, input: DashboardInput) {
  if (!(await collaborativeExists(database.db, input.collaborativeId))) throw Errors.validation([{ field: 'collaborativeId', message: 'No such collaborative' }]);
  authorizeAction(can, actor, 'data.dashboard.write', { collaborativeId: input.collaborativeId });
  return runCommand({ database, actor, meta }, async (tx) => {
    await checkDashboardRefs(tx, input);
    const row = await repo.insertDashboard(tx, {
      collaborativeId: input.collaborativeId,
      title: input.title,
      description: input.description ?? null,
      visibility: input.visibility,
      indicatorIds: input.indicatorIds,
      geographyIds: input.geographyIds,
      createdBy: actor.kind === 'user' ? actor.userId : null,
    });
    return { result: presentDashboard(row, actor), audit: { action: 'data.dashboard.create', entityType: 'data_dashboard', entityId: row.id, details: { title: row.title, visibility: row.visibility } } };
  });
}

export async function updateDashboard(database: Database, actor: Actor, meta: RequestMeta, id: string, input: UpdateDashboardInput) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const before = await repo.findDashboard(tx, id);
    const scope = dashboardScope(actor);
    if (!before || (before.visibility !== 'public' && scope !== 'all' && !scope.includes(before.collaborativeId))) throw Errors.notFound('Dashboard');
    authorizeAction(can, actor, 'data.dashboard.write', { collaborativeId: before.collaborativeId });
    await checkDashboardRefs(tx, input);
    const { version, ...changes } = input;
    const after = await repo.updateDashboardIfVersion(tx, id, version, changes);
    if (!after) throw Errors.staleVersion(presentDashboard(before, actor));
    return { result: presentDashboard(after, actor), audit: { action: 'data.dashboard.update', entityType: 'data_dashboard', entityId: id, details: { changed: Object.keys(changes), visibility: after.visibility } } };
  });
}

export async function deleteDashboard(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const before = await repo.findDashboard(tx, id);
    if (!before) throw Errors.notFound('Dashboard');
    authorizeAction(can, actor, 'data.dashboard.write', { collaborativeId: before.collaborativeId });
    await repo.deleteDashboard(tx, id);
    return { result: undefined, audit: { action: 'data.dashboard.delete', entityType: 'data_dashboard', entityId: id, details: { title: before.title } } };
  });
}

// ---------- census mappings ----------

/** Saves one Census Profile characteristic → indicator mapping (platform admins); answers every mapping. */
export async function saveCensusMapping(database: Database, actor: Actor, meta: RequestMeta, input: z.infer<typeof CensusMappingInputSchema>) {
  authorizeAction(can, actor, 'data.census.mapping', {});
  return runCommand({ database, actor, meta }, async (tx) => {
    await getIndicator(tx, input.indicatorId).catch(() => {
      throw Errors.validation([{ field: 'indicatorId', message: 'No such indicator' }]);
    });
    await repo.upsertCensusMapping(tx, input);
    return { result: { items: await repo.listCensusMappings(tx) }, audit: { action: 'data.census_mapping.save', entityType: 'data_census_mapping', details: { ...input } } };
  });
}

export async function listCensusMappings(db: Db) {
  return { items: await repo.listCensusMappings(db) };
}
