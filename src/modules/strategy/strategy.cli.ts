import fs from 'node:fs';
import type { ModuleCli } from '../../core/module';
import { systemActor } from '../../core/accounts/actor';
import { importUpdates } from './strategy.import';

/** `roundtable strategy import <plan-id> <csv> [--dry-run]`: the CSV bulk update from the command line. */
export const strategyCli: ModuleCli = {
  commands: {
    'strategy.import': {
      run: async (ctx, args: { planId: string; csv: string; dryRun: boolean }) => {
        const r = await importUpdates(ctx.database, systemActor('cli'), {}, args.planId, args.csv, args.dryRun);
        for (const e of r.errors) ctx.log(`row ${e.row} ${e.field}: ${e.message}`);
        for (const c of r.changes) ctx.log(`row ${c.row} ${c.type} "${c.target}" ${c.field}: ${c.before ?? '–'} → ${c.after}`);
        if (r.errors.length) return `${r.errors.length} error(s); nothing was saved.`;
        return r.applied ? `Applied ${r.changes.length} change(s).` : `Dry run: ${r.changes.length} change(s) would be applied. Nothing was saved.`;
      },
    },
  },
  register(program, run) {
    program
      .command('strategy')
      .description('Strategy and results')
      .command('import')
      .description('Bulk update action progress and measure values of a plan from a CSV (columns: type, ref, year, status, percent_complete, note, period, value, source, notes)')
      .argument('<plan-id>', 'the strategic plan')
      .argument('<csv>', 'the CSV file')
      .option('--dry-run', 'show the changes without saving', false)
      .action((planId: string, file: string, o: { dryRun: boolean }) => run('strategy.import', { planId, csv: fs.readFileSync(file, 'utf8'), dryRun: o.dryRun }));
  },
};
