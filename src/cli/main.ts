import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig, type Config } from '../config';
import { openDatabase, lockHolder, DatabaseInUseError } from '../core/db/database';
import { commands, remoteCommands, type CommandName } from './commands';
import { runRemote } from './control-socket';
import { allModules } from '../modules';
import type { Progress } from '../core/db/backup';
import type { RoleGrant } from '../core/accounts/actor';

function progressBar(): Progress & { active: boolean } {
  let bar: cliProgress.SingleBar | undefined;
  return {
    active: false,
    start(total, label) {
      if (!process.stderr.isTTY || total === 0) return;
      bar = new cliProgress.SingleBar({ format: `{bar} {percentage}% | {value}/{total} ${label} | ETA {eta}s`, stream: process.stderr }, cliProgress.Presets.shades_classic);
      bar.start(total, 0);
    },
    tick(n) {
      bar?.increment(n);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

/**
 * Runs a command: against DATABASE_URL directly, or against the embedded database, going
 * through a running server when one holds it.
 */
async function run(command: CommandName, rawArgs: unknown, config: Config = loadConfig()): Promise<void> {
  // A running server has its own working directory: relative paths are the caller's.
  const args = resolvePaths(rawArgs);
  const progress = progressBar();
  const log = (m: string) => console.error(m);
  if (!config.databaseUrl) {
    const holder = lockHolder(config.dataDir);
    if (holder) {
      if (!remoteCommands.includes(command)) throw new Error(`${command} needs the database to itself: stop the Roundtable server (pid ${holder}) first.`);
      const message = await runRemote(config.dataDir, command, args, {
        log,
        progress: (op, n, label) => (op === 'start' ? progress.start(n!, label!) : op === 'tick' ? progress.tick(n!) : progress.stop()),
      });
      if (message === undefined) throw new DatabaseInUseError(config.dataDir, holder);
      console.log(message);
      return;
    }
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const fn = commands[command] as (ctx: unknown, a: unknown) => Promise<string>;
    console.log(await fn({ database, log, progress }, args));
  } finally {
    await database.close();
  }
}

const PATH_ARGS = new Set(['file', 'path', 'dir', 'csv', 'out', 'output']);

/** Absolute paths for the arguments that name files, resolved from where the command was typed. */
export function resolvePaths(args: unknown): unknown {
  if (!args || typeof args !== 'object' || Array.isArray(args)) return args;
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, PATH_ARGS.has(k) && typeof v === 'string' && v && !/^[a-z]+:\/\//i.test(v) ? path.resolve(v) : v]));
}

async function readPassword(): Promise<string> {
  if (process.env.ROUNDTABLE_PASSWORD) return process.env.ROUNDTABLE_PASSWORD;
  if (!process.stdin.isTTY) throw new Error('Set ROUNDTABLE_PASSWORD, or run this in a terminal to be asked for the password.');
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      process.stderr.write(q);
      const onData = () => readline.moveCursor(process.stderr, -1000, 0);
      process.stdin.on('data', onData);
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
      rl.question('', (a) => {
        process.stdin.off('data', onData);
        process.stderr.write('\n');
        resolve(a);
      });
    });
  try {
    const first = await ask('Password (at least 12 characters): ');
    const second = await ask('Repeat the password: ');
    if (first !== second) throw new Error('The passwords do not match.');
    return first;
  } finally {
    rl.close();
  }
}

const packageJson = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json');
const VERSION = (JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { version: string }).version;
const isEmail = (s: string) => z.string().email().safeParse(s.trim()).success;
const isId = (s: string) => z.string().uuid().safeParse(s).success;

const program = new Command('roundtable')
  .description('Roundtable: collaboratives planning with evidence, and No Wrong Door access to services.')
  .version(VERSION, '-v, --version', 'print the version')
  .showHelpAfterError();

program
  .command('serve')
  .description('Serve the web app and API (migrates, and loads demo data on first start of an embedded database)')
  .action(async () => {
    const { startServer } = await import('../server');
    const server = await startServer(loadConfig());
    console.log(`Roundtable is ready at ${server.url} (${server.database.kind === 'pglite' ? `embedded database in ${server.database.dataDir}` : 'PostgreSQL'})`);
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program.command('migrate').description('Apply database migrations').action(() => run('migrate', {}));

program
  .command('seed')
  .description('Load reference data, and the Durham demo data unless --no-demo')
  .option('--no-demo', 'reference data only, no demo organizations or accounts')
  .action((o: { demo: boolean }) => run('seed', { demo: o.demo }));

const user = program.command('user').description('Manage accounts');
user
  .command('create')
  .description('Create an account; the password comes from ROUNDTABLE_PASSWORD or a prompt')
  .requiredOption('--email <email>', 'sign-in email')
  .requiredOption('--name <name>', 'full name')
  .option('--admin', 'make a platform administrator', false)
  .option('--organization <id>', 'home organization id')
  .addOption(new Option('--role <role>', 'organization role at --organization').choices(['org_admin', 'staff', 'privacy_officer', 'viewer']))
  .action(async (o: { email: string; name: string; admin: boolean; organization?: string; role?: 'org_admin' | 'staff' | 'privacy_officer' | 'viewer' }) => {
    if (!isEmail(o.email)) throw new Error(`--email: "${o.email}" is not an email address (like name@example.org).`);
    if (!o.name.trim()) throw new Error('--name: give the person\'s full name.');
    if (o.organization && !isId(o.organization)) throw new Error(`--organization: "${o.organization}" is not an organization id. \`roundtable organizations list\` shows them.`);
    if (o.role && !o.organization) throw new Error('--role needs --organization.');
    const roles: RoleGrant[] = o.role ? [{ role: o.role, scopeType: 'organization', scopeId: o.organization! }] : [];
    await run('user.create', { email: o.email, name: o.name, admin: o.admin, organizationId: o.organization, roles, password: await readPassword() });
  });

program
  .command('organizations')
  .description('The organizations registry')
  .command('list')
  .description('List organizations: id and legal name, one a line (the ids --organization takes)')
  .option('--search <text>', 'only names matching this text')
  .action((o: { search?: string }) => run('organizations.list', { q: o.search }));

program
  .command('backup')
  .description('Write the whole database to a portable backup file (gzip NDJSON; restores on PGlite or PostgreSQL)')
  .argument('<file>', 'where to write, e.g. roundtable-2026-11-22.ndjson.gz')
  .action((file: string) => run('backup', { file: path.resolve(file) }));

program
  .command('restore')
  .description('Replace the database with a backup file')
  .argument('<file>', 'a file written by `roundtable backup`')
  .option('--force', 'replace a database that already has data', false)
  .action((file: string, o: { force: boolean }) => run('restore', { file: path.resolve(file), force: o.force }));

const directory = program.command('directory').description('The service directory (Open Referral HSDS 3.0)');
directory
  .command('import')
  .description('Import an HSDS 3.0 package: a directory of CSV files, or a datapackage.json (CSV paths or inline JSON data)')
  .argument('<path>', 'the package directory or its datapackage.json')
  .option('--dry-run', 'validate and count what would change, without storing anything', false)
  .option('--skip-invalid', 'import the valid rows: skip rows with invalid required fields, set bad optional values to null, and write a report', false)
  .option('--report <file>', 'with --skip-invalid: where to write the report (.csv and .json beside each other)', 'directory-import-report')
  .action((p: string, o: { dryRun: boolean; skipInvalid: boolean; report: string }) =>
    run('directory.import', { path: path.resolve(p), dryRun: o.dryRun, skipInvalid: o.skipInvalid, report: path.resolve(o.report) }));
directory
  .command('export')
  .description('Export the directory as an HSDS 3.0 package')
  .addOption(new Option('--format <format>', 'csv: datapackage.json and one CSV per table; json: one datapackage.json with the rows inline').choices(['csv', 'json']).default('csv'))
  .argument('<dir>', 'the directory to write')
  .action((dir: string, o: { format: 'csv' | 'json' }) => run('directory.export', { dir: path.resolve(dir), format: o.format }));

for (const m of allModules) m.cli?.register(program, (name, args) => run(name, args));

program.parseAsync(process.argv).catch((err: unknown) => {
  // The CLI contract: one readable line, non-zero exit; a database's own wording never shows.
  const message = err instanceof Error ? readable(err) : String(err);
  const fields = (err as { errors?: { field: string; message: string }[] }).errors ?? [];
  const detail = fields.map((e) => `${e.field}: ${e.message}`).join('; ');
  console.error(`roundtable: ${message}${detail ? ` (${detail})` : ''}`);
  process.exit(1);
});

/** The one line a failure prints: our own messages as they are, database errors in words. */
function readable(err: Error): string {
  const code = (err as { code?: unknown }).code ?? (err.cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    if (code === '42P01' || code === '3F000') return 'The database is not set up yet: run `roundtable migrate` first.';
    if (code === '23505') return 'A record with these details already exists.';
    if (code === '23503') return 'It refers to a record that does not exist.';
    if (code.startsWith('22') || code.startsWith('23')) return 'A value given is not allowed.';
    if (code.startsWith('08') || code === '57P01') return 'Could not reach the database. Check DATABASE_URL and that the server is running.';
    return `The database refused the command (code ${code}).`;
  }
  return err.message.split('\n')[0];
}
