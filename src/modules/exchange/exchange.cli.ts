import fs from 'node:fs';
import path from 'node:path';
import type { ModuleCli } from '../../core/module';
import { systemActor } from '../../core/accounts/actor';
import { AppError } from '../../core/http/errors';
import { SignedFile } from './exchange.schema';
import { exportNetwork, importFile } from './exchange.files';
import { networkIdByName } from './exchange.api';

/** One line, whatever went wrong: the problem's title and the field at fault. */
function oneLine(e: unknown): Error {
  if (e instanceof AppError) {
    const f = e.errors?.[0];
    const field = !f ? '' : e.message.includes(f.message) ? ` (${f.field})` : ` (${f.field}: ${f.message})`;
    return new Error(`${e.message}${field}`.replace(/\s+/g, ' '));
  }
  return new Error(String((e as Error)?.message ?? e).split('\n')[0]);
}

async function resolveNetwork(ctx: { database: Parameters<typeof networkIdByName>[0] }, network: string) {
  const id = /^[0-9a-f-]{36}$/i.test(network) ? network : await networkIdByName(ctx.database, network);
  if (!id) throw new Error(`No network named "${network}"`);
  return id;
}

/** `roundtable exchange export <network> [--out file]` and `roundtable exchange import <network> <file> [--key pem]`. */
export const exchangeCli: ModuleCli = {
  commands: {
    'exchange.export': {
      run: async (ctx, args: { network: string; out?: string }) => {
        try {
          const file = await exportNetwork(ctx.database, systemActor('cli'), await resolveNetwork(ctx, args.network));
          const text = JSON.stringify(file, null, 2);
          if (!args.out) return text;
          fs.writeFileSync(args.out, text + '\n');
          const p = file.payload as { templates: unknown[]; practices: unknown[]; values: unknown[] };
          return `Wrote ${args.out}: ${p.templates.length} templates, ${p.practices.length} practices, ${p.values.length} shared values, signed by key ${file.signature.keyId}.`;
        } catch (e) {
          throw oneLine(e);
        }
      },
    },
    'exchange.import': {
      run: async (ctx, args: { network: string; file: string; key?: string }) => {
        try {
          let raw: unknown;
          try {
            raw = JSON.parse(fs.readFileSync(args.file, 'utf8'));
          } catch (e) {
            throw new Error(`Cannot read ${args.file} as JSON: ${(e as Error).message}`);
          }
          const parsed = SignedFile.safeParse(raw);
          if (!parsed.success) throw new Error(`${args.file} is not a signed Roundtable exchange file (${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message})`);
          const trusted = args.key ? fs.readFileSync(args.key, 'utf8') : null;
          const r = await importFile(ctx.database, systemActor('cli'), {}, await resolveNetwork(ctx, args.network), parsed.data, trusted);
          return `Imported from ${r.sourceInstance} (key ${r.keyId}): ${r.templates} template versions, ${r.practices} practices, ${r.values} shared values.`;
        } catch (e) {
          throw oneLine(e);
        }
      },
    },
  },
  register(program, run) {
    const x = program.command('exchange').description('Knowledge exchange across partnerships');
    x.command('export').description('Write a signed file of a network’s templates, practices and shared values').argument('<network>', 'network name or id').option('--out <file>', 'file to write (default: print)')
      .action((network: string, o: { out?: string }) => run('exchange.export', { network, out: o.out ? path.resolve(o.out) : undefined }));
    x.command('import').description('Verify and import a signed file from another instance into a network').argument('<network>', 'network name or id').argument('<file>', 'the signed JSON file')
      .option('--key <pem>', 'the source instance’s public key (from its /.well-known/roundtable-exchange-key); refuse files signed by any other')
      .action((network: string, file: string, o: { key?: string }) => run('exchange.import', { network, file: path.resolve(file), key: o.key ? path.resolve(o.key) : undefined }));
  },
};
