/**
 * Strategy module at a large collaborative's scale, on embedded PGlite: reading a plan with
 * many measures (every figure computed on read), a CSV bulk update of many rows (dry run and
 * apply, one transaction), publishing a report card and rendering its PDF.
 *
 * Builds, through the module's own services, one plan with BENCH_STRATEGY_MEASURES
 * performance measures (default 200) spread over 4 themes × 5 goals × 2 strategies × 2
 * actions, three years of values each, and a 2026 action plan with every action.
 *
 * It is a script, not a test: exits 0 whether or not targets are met, and ends with one JSON
 * line of the figures, the targets and pass/fail per target.
 */
import { openDatabase } from '../src/core/db/database';
import { migrateModules, seedModules } from '../src/core/db/lifecycle';
import { allModules } from '../src/modules';
import { systemActor } from '../src/core/accounts/actor';
import { rowsOf } from '../src/core/db/database';
import { sql } from 'drizzle-orm';
import * as service from '../src/modules/strategy/strategy.service';
import * as cards from '../src/modules/strategy/strategy.report-card';
import { importUpdates } from '../src/modules/strategy/strategy.import';
import { reportCardPdf } from '../src/modules/strategy/strategy.pdf';
import type { ReportContent } from '../src/modules/strategy/strategy.report-card';
import { ms, now, num } from './lib/common';

const MEASURES = num('BENCH_STRATEGY_MEASURES', 200, 10, 2000);
const TARGETS: Record<string, { max?: number; min?: number }> = {
  plan_read_ms: { max: 1000 },
  csv_dry_run_rows_per_s: { min: 500 },
  csv_apply_rows_per_s: { min: 250 },
  report_card_publish_ms: { max: 3000 },
  pdf_ms: { max: 3000 },
};

async function main() {
  const database = await openDatabase({ memory: true });
  await migrateModules(database, allModules);
  await seedModules(database, allModules, { demo: true });
  const actor = systemActor('bench');
  const meta = {};
  const [{ id: collaborativeId }] = await rowsOf<{ id: string }>(database.db, sql`SELECT id FROM collaboratives WHERE short_name = 'LDIPC'`);
  let t = now();
  const plan = await service.createPlan(database, actor, meta, { collaborativeId, title: 'Bench plan', startYear: 2025, endYear: 2027 });
  const strategies: string[] = [];
  const actions: string[] = [];
  for (let a = 0; a < 4; a++) {
    const theme = (await service.createElement(database, actor, meta, plan.id, { kind: 'theme', title: `Theme ${a}` })).id;
    for (let b = 0; b < 5; b++) {
      const goal = (await service.createElement(database, actor, meta, plan.id, { kind: 'goal', parentId: theme, title: `Goal ${a}.${b}` })).id;
      for (let c = 0; c < 2; c++) {
        const s = (await service.createElement(database, actor, meta, plan.id, { kind: 'strategy', parentId: goal, title: `Strategy ${a}.${b}.${c}` })).id;
        strategies.push(s);
        for (let d = 0; d < 2; d++) actions.push((await service.createElement(database, actor, meta, plan.id, { kind: 'action', parentId: s, title: `Action ${a}.${b}.${c}.${d}` })).id);
      }
    }
  }
  const measureNames: string[] = [];
  for (let i = 0; i < MEASURES; i++) {
    const name = `Measure ${i}`;
    measureNames.push(name);
    const m = await service.createMeasure(database, actor, meta, plan.id, { elementId: strategies[i % strategies.length], kind: 'performance', rbaType: (['how_much', 'how_well', 'better_off'] as const)[i % 3], name, unit: 'count', direction: 'higher_is_better', frequency: 'annual', baselineValue: 100, baselinePeriod: '2023' });
    for (const [p, v] of [['2025', 120], ['2026', 140], ['2027', 160]] as const) await service.setTarget(database, actor, meta, m.id, p, v + i);
    for (const [p, v] of [['2024', 105], ['2025', 118]] as const) await service.setValue(database, actor, meta, m.id, p, { value: v + i });
  }
  let ap = await service.createActionPlan(database, actor, meta, plan.id, { year: 2026 });
  for (const a of actions) ap = await service.addItem(database, actor, meta, ap.id, { actionId: a, status: 'in_progress', percentComplete: 10, dueDate: '2026-12-31' });
  const buildMs = ms(t);
  console.log(`built plan: ${actions.length} actions, ${MEASURES} measures, 5 values/targets each, in ${buildMs} ms`);

  // Plan read (twice; report the second, warm).
  await service.getPlan(database, actor, plan.id);
  t = now();
  const full = await service.getPlan(database, actor, plan.id);
  const planReadMs = ms(t);
  console.log(`plan read with ${full.measures.length} measures computed: ${planReadMs} ms`);

  // CSV of every action and every measure's 2026 value.
  const rows = [
    'type,ref,year,status,percent_complete,note,period,value,source,notes',
    ...ap.items.map((i, n) => `action,${i.id},2026,in_progress,${20 + (n % 70)},Bench note ${n},,,,`),
    ...measureNames.map((name, n) => `measure,${name},,,,,2026,${130 + n},Bench,`),
  ];
  const csv = rows.join('\n');
  const rowCount = rows.length - 1;
  t = now();
  const dry = await importUpdates(database, actor, meta, plan.id, csv, true);
  const dryMs = ms(t);
  t = now();
  const applied = await importUpdates(database, actor, meta, plan.id, csv, false);
  const applyMs = ms(t);
  console.log(`CSV ${rowCount} rows: dry run ${dryMs} ms (${dry.changes.length} changes, ${dry.errors.length} errors), apply ${applyMs} ms (applied: ${applied.applied})`);

  t = now();
  const draft = await cards.createReportCard(database, actor, meta, plan.id, { year: 2026, highlights: 'Bench' });
  const published = await cards.publishReportCard(database, actor, meta, draft.id, draft.version);
  const publishMs = ms(t);
  t = now();
  const pdf = await reportCardPdf(published.content as unknown as ReportContent, 'en', { reportVersion: 1, status: 'published', publishedAt: published.publishedAt });
  const pdfMs = ms(t);
  console.log(`report card: create + publish ${publishMs} ms; PDF ${Math.round(pdf.length / 1024)} KiB in ${pdfMs} ms`);
  await database.close();

  const figures: Record<string, number> = {
    measures: MEASURES,
    actions: actions.length,
    build_ms: buildMs,
    plan_read_ms: planReadMs,
    csv_rows: rowCount,
    csv_dry_run_rows_per_s: Math.round((rowCount / Math.max(dryMs, 1)) * 1000),
    csv_apply_rows_per_s: Math.round((rowCount / Math.max(applyMs, 1)) * 1000),
    report_card_publish_ms: publishMs,
    pdf_ms: pdfMs,
  };
  const pass = Object.fromEntries(Object.entries(TARGETS).map(([k, tg]) => [k, (tg.max === undefined || figures[k] <= tg.max) && (tg.min === undefined || figures[k] >= tg.min)]));
  console.log(JSON.stringify({ bench: 'strategy', backend: 'pglite', figures, targets: TARGETS, pass }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
