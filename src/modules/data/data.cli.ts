import fs from 'node:fs';
import path from 'node:path';
import { Option } from 'commander';
import { systemActor } from '../../core/accounts/actor';
import { Errors } from '../../core/http/errors';
import type { CliContext, ModuleCli } from '../../core/module';
import { importCensus, importFile, type ImportFormat } from './data.import';

interface ImportArgs {
  file: string;
  dryRun: boolean;
  collaborativeId?: string;
  format: ImportFormat;
  period?: string;
}

/** `roundtable data import <file> [--dry-run] [--collaborative ID] [--format tidy|census]`. */
export const dataCli: ModuleCli = {
  commands: {
    'data.import': {
      async run(ctx: CliContext, args: ImportArgs) {
        let size: number;
        try {
          size = fs.statSync(args.file).size;
        } catch {
          throw Errors.badRequest(`Cannot read ${args.file}: no such file`, 'file');
        }
        const common = { dryRun: args.dryRun, collaborativeId: args.collaborativeId ?? null, fileName: path.basename(args.file), period: args.period, progress: ctx.progress };
        const s =
          args.format === 'census'
            ? await importCensus(ctx.database, systemActor('cli'), fs.createReadStream(args.file, { highWaterMark: 1 << 20 }), { ...common, totalBytes: size })
            : await importFile(ctx.database, systemActor('cli'), fs.readFileSync(args.file), { ...common, format: args.format });
        const skipped = s.skipped ? ` ${s.skipped} census rows had no mapping.` : '';
        const unknown = s.unknownPlaces?.length ? ` Places not on the platform: ${s.unknownPlaces.slice(0, 5).join(', ')}${s.unknownPlaces.length > 5 ? '…' : ''}.` : '';
        return `${s.dryRun ? 'Dry run: would import' : 'Imported'} ${s.rows} observations (${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged; ${s.encoding}).${skipped}${unknown}`;
      },
    },
  },
  register(program, run) {
    const data = program.command('data').description('Community data: indicators and observations');
    data
      .command('import')
      .description('Import observations from a tidy CSV (see docs/data.md) or a Statistics Canada 2021 Census Profile CSV')
      .argument('<file>', 'the CSV file')
      .option('--dry-run', 'validate and report what would change, without storing anything', false)
      .option('--collaborative <id>', "store as this collaborative's private data instead of public data")
      .addOption(new Option('--format <format>', 'tidy: one observation per row; census: Census Profile layout').choices(['tidy', 'census']).default('tidy'))
      .option('--period <period>', 'census year when the file has no CENSUS_YEAR column')
      .action((file: string, o: { dryRun: boolean; collaborative?: string; format: ImportFormat; period?: string }) =>
        run('data.import', { file: path.resolve(file), dryRun: o.dryRun, collaborativeId: o.collaborative, format: o.format, period: o.period }),
      );
  },
};
