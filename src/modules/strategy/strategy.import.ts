/**
 * Bulk updates from a CSV: action progress and measure values for many items at once.
 * Every row is checked first; errors name the row (the header is row 1). Without errors and
 * without dry run, all rows apply in one transaction, or none do.
 *
 * Columns (header names, any order; unknown columns are an error):
 *   type             action | measure
 *   ref              action: action plan item id, action id or exact action title; measure: measure id or exact name
 *   year             action rows: the action plan's year (needed unless ref is an item id)
 *   status           action rows: not_started | in_progress | completed | on_hold | cancelled
 *   percent_complete action rows: 0–100
 *   note             action rows: progress note added to the timeline
 *   period           measure rows: 2026, 2026-Q1 or 2026-04 by the measure's frequency
 *   value            measure rows: the actual value, checked against the unit
 *   source, notes    measure rows
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { escapeFormula } from '../../core/http/csv';
import type { Database, Db } from '../../core/db/database';
import { actorLabel, type Actor, type RequestMeta } from '../../core/accounts/actor';
import { runCommand } from '../../core/command';
import { Errors } from '../../core/http/errors';
import * as repo from './strategy.repository';
import * as rba from './strategy.compute';
import { itemStatuses } from './strategy.schema';
import { clock, loadPlan } from './strategy.service';

export const IMPORT_COLUMNS = ['type', 'ref', 'year', 'status', 'percent_complete', 'note', 'period', 'value', 'source', 'notes'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ImportChange {
  row: number;
  type: 'action' | 'measure';
  target: string;
  field: string;
  before: string | null;
  after: string;
}
export interface ImportError {
  row: number;
  field: string;
  message: string;
}

type Apply = (tx: Db) => Promise<void>;

export async function importUpdates(database: Database, actor: Actor, meta: RequestMeta, planId: string, csv: string, dryRun: boolean) {
  const checked = await checkUpdates(database.db, actor, planId, csv);
  if (dryRun || checked.errors.length) return { dryRun, changes: checked.changes, errors: checked.errors, applied: false };
  return runCommand({ database, actor, meta }, async (tx) => {
    // Checked again inside the transaction, so what applies is what was checked.
    const { records, changes, errors, applies } = await checkUpdates(tx, actor, planId, csv);
    if (errors.length) throw Errors.conflict('The plan changed while the file was checked. Try the import again.', 'csv');
    for (const a of applies) await a(tx);
    return {
      result: { dryRun, changes, errors, applied: true },
      audit: { action: 'strategy.import', entityType: 'strategy_plan', entityId: planId, details: { rows: records.length, changes: changes.length } },
    };
  });
}

/** Reads the CSV against the plan: the changes it would make, the errors that stop it, and the writes to apply. */
async function checkUpdates(tx: Db, actor: Actor, planId: string, csv: string) {
  const { plan } = await loadPlan(tx, actor, planId, 'manage');
  if (plan.status === 'closed') throw Errors.conflict('This plan is closed', 'status');
  let records: Record<string, string>[];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (err) {
    throw Errors.validation([{ field: 'csv', message: `The CSV could not be read: ${(err as Error).message}` }]);
  }
  const errors: ImportError[] = [];
  const changes: ImportChange[] = [];
  const applies: Apply[] = [];
  const header = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0].split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  for (const col of header) if (!(IMPORT_COLUMNS as readonly string[]).includes(col)) errors.push({ row: 1, field: col, message: `Unknown column; use ${IMPORT_COLUMNS.join(', ')}` });
  if (!header.includes('type') || !header.includes('ref')) errors.push({ row: 1, field: 'type', message: 'The header needs at least the columns type and ref' });

  const measures = await repo.listMeasures(tx, planId);
  const values = await repo.listValues(tx, planId);
  const actionPlans = await repo.listActionPlans(tx, planId);
  const itemsByPlan = new Map<number, repo.ItemRow[]>();
  for (const ap of actionPlans) itemsByPlan.set(ap.year, await repo.listItems(tx, ap.id));
  const allItems = [...itemsByPlan.values()].flat();

  if (!errors.length) {
    records.forEach((r, i) => {
      const row = i + 2;
      const err = (field: string, message: string) => errors.push({ row, field, message });
      const type = (r.type ?? '').toLowerCase();
      if (type === 'action') {
        let item: repo.ItemRow | undefined;
        if (UUID.test(r.ref)) item = allItems.find((x) => x.id === r.ref) ?? (r.year ? itemsByPlan.get(Number(r.year))?.find((x) => x.actionId === r.ref) : undefined);
        else if (r.year) item = itemsByPlan.get(Number(r.year))?.find((x) => x.actionTitle.toLowerCase() === (r.ref ?? '').toLowerCase());
        else return err('year', 'Give the action plan year, or the action plan item id as ref');
        if (!item) return err('ref', r.year && !itemsByPlan.has(Number(r.year)) ? `This plan has no action plan for ${r.year}` : 'No such action in the action plan');
        const set: { status?: string; percentComplete?: number } = {};
        if (r.status) {
          if (!(itemStatuses as readonly string[]).includes(r.status)) return err('status', `Use one of ${itemStatuses.join(', ')}`);
          if (r.status !== item.status) {
            set.status = r.status;
            changes.push({ row, type: 'action', target: item.actionTitle, field: 'status', before: item.status, after: r.status });
          }
        }
        if (r.percent_complete) {
          const n = Number(r.percent_complete.replace('%', ''));
          if (!Number.isInteger(n) || n < 0 || n > 100) return err('percent_complete', 'A whole number from 0 to 100');
          if (n !== item.percentComplete) {
            set.percentComplete = n;
            changes.push({ row, type: 'action', target: item.actionTitle, field: 'percent_complete', before: String(item.percentComplete), after: String(n) });
          }
        }
        if (r.note) changes.push({ row, type: 'action', target: item.actionTitle, field: 'note', before: null, after: r.note.slice(0, 4000) });
        if (r.period || r.value) return err(r.period ? 'period' : 'value', 'Action rows take status, percent_complete and note');
        const it = item;
        applies.push(async (db) => {
          if (Object.keys(set).length) await repo.setItemProgress(db, it.id, set);
          if (r.note) await repo.insertNote(db, it.id, { note: r.note.slice(0, 4000), status: set.status ?? null, percentComplete: set.percentComplete ?? null }, actorLabel(actor));
        });
      } else if (type === 'measure') {
        const m = UUID.test(r.ref) ? measures.find((x) => x.id === r.ref) : measures.find((x) => x.name.toLowerCase() === (r.ref ?? '').toLowerCase());
        if (!m) return err('ref', 'No such measure in this plan');
        if (!r.period) return err('period', 'Required');
        const pp = rba.periodProblem(r.period, m.frequency);
        if (pp) return err('period', pp);
        const y = rba.periodYear(r.period);
        if (y < plan.startYear - 10 || y > plan.endYear) return err('period', `Values are for ${plan.startYear - 10}–${plan.endYear}`);
        if (!r.value) return err('value', 'Required');
        const v = Number(r.value.replace(/[\s,$%]/g, ''));
        const vp = rba.valueProblem(v, m.unit);
        if (vp) return err('value', vp);
        const before = values.find((x) => x.measureId === m.id && x.period === r.period);
        if (before?.value !== v || (r.source && r.source !== before?.source) || (r.notes && r.notes !== before?.notes)) {
          changes.push({ row, type: 'measure', target: m.name, field: `value ${r.period}`, before: before ? String(before.value) : null, after: String(v) });
          applies.push(async (db) => {
            await repo.upsertValue(db, m.id, r.period, { value: v, source: r.source || before?.source || null, notes: r.notes || before?.notes || null }, actorLabel(actor));
          });
        }
      } else {
        err('type', 'Use action or measure');
      }
    });
  }
  return { records: records!, changes, errors, applies };
}

/** A CSV ready to fill in: one row per action of the latest action plan and per measure, with the period now due. */
export async function updateSheet(database: Database, actor: Actor, planId: string): Promise<string> {
  const db = database.db;
  const { plan } = await loadPlan(db, actor, planId);
  const rows: string[][] = [];
  const [latest] = await repo.listActionPlans(db, planId);
  if (latest) for (const i of await repo.listItems(db, latest.id)) rows.push(['action', i.id, String(latest.year), i.status, String(i.percentComplete), '', '', '', '', '']);
  for (const m of await repo.listMeasures(db, planId)) {
    const exp = rba.expectedPeriod(m.frequency, clock.now()).period;
    const period = rba.periodYear(exp) > plan.endYear ? String(plan.endYear) : exp;
    rows.push(['measure', m.name, '', '', '', '', period, '', '', '']);
  }
  return stringify(rows, { header: true, columns: [...IMPORT_COLUMNS], cast: { string: escapeFormula } });
}
