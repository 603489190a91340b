import path from 'node:path';
import type { CliContext } from '../core/module';
import { migrateModules, seedModules } from '../core/db/lifecycle';
import { backupDatabase, restoreDatabase } from '../core/db/backup';
import { createUser } from '../core/accounts/accounts.service';
import { listOrganizations, organizationExists } from '../core/organizations/organizations.service';
import { systemActor, type RoleGrant } from '../core/accounts/actor';
import { allModules } from '../modules';
import { importPackage } from '../modules/directory/directory.import';
import { importMessage, writeImportReport } from '../modules/directory/directory.report';
import { exportPackage, type ExportFormat } from '../modules/directory/directory.export';

/**
 * The CLI's commands as plain functions of a database. The CLI runs them on a database it
 * opens itself, or asks a running server to run them on its own (see control-socket.ts).
 */
export type CommandContext = CliContext;

const platformCommands = {
  async migrate(ctx: CommandContext) {
    const result = await migrateModules(ctx.database, allModules, (id) => ctx.log(`applied ${id}`));
    return `${result.applied.length} migration(s) applied; the database is up to date.`;
  },

  async seed(ctx: CommandContext, args: { demo: boolean }) {
    await migrateModules(ctx.database, allModules);
    await seedModules(ctx.database, allModules, { demo: args.demo, log: ctx.log });
    return args.demo ? 'Reference and demo data are loaded.' : 'Reference data is loaded.';
  },

  async 'user.create'(ctx: CommandContext, args: { email: string; name: string; password: string; admin: boolean; organizationId?: string; roles?: RoleGrant[] }) {
    // A new data directory has no tables yet: set them up rather than fail on a missing table.
    await migrateModules(ctx.database, allModules);
    if (args.organizationId && !(await organizationExists(ctx.database.db, args.organizationId))) {
      throw new Error(`No organization has the id ${args.organizationId}. \`roundtable organizations list\` shows them.`);
    }
    const roles: RoleGrant[] = [...(args.roles ?? [])];
    if (args.admin) roles.push({ role: 'platform_admin', scopeType: 'platform', scopeId: null });
    const user = await createUser(ctx.database, systemActor('cli'), {}, {
      email: args.email,
      name: args.name,
      password: args.password,
      organizationId: args.organizationId ?? null,
      roles,
    });
    return `Created ${user.email}${args.admin ? ' (platform admin)' : ''}.`;
  },

  async 'organizations.list'(ctx: CommandContext, args: { q?: string }) {
    await migrateModules(ctx.database, allModules);
    const all: string[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await listOrganizations(ctx.database, systemActor('cli'), { q: args.q || undefined, limit: 200, offset });
      for (const o of page.items as { id: string; legalName: string }[]) all.push(`${o.id}  ${o.legalName}`);
      if (page.items.length < 200 || all.length >= page.total) break;
    }
    return all.length ? all.join('\n') : 'No organizations yet.';
  },

  async backup(ctx: CommandContext, args: { file: string }) {
    const header = await backupDatabase(ctx.database, path.resolve(args.file), ctx.progress);
    const rows = header.tables.reduce((a, t) => a + t.rows, 0);
    return `Backed up ${rows} rows from ${header.tables.length} tables to ${args.file}.`;
  },

  async restore(ctx: CommandContext, args: { file: string; force: boolean }) {
    const header = await restoreDatabase(ctx.database, allModules, path.resolve(args.file), { force: args.force, progress: ctx.progress });
    const rows = header.tables.reduce((a, t) => a + t.rows, 0);
    return `Restored ${rows} rows from the backup of ${header.createdAt}.`;
  },

  async 'directory.import'(ctx: CommandContext, args: { path: string; dryRun: boolean; skipInvalid?: boolean; report?: string }) {
    const s = await importPackage(ctx.database, systemActor('cli'), path.resolve(args.path), { dryRun: args.dryRun, skipInvalid: args.skipInvalid, progress: ctx.progress });
    return importMessage(s, args.skipInvalid ? writeImportReport(s.report, path.resolve(args.report ?? 'directory-import-report')) : undefined);
  },

  async 'directory.export'(ctx: CommandContext, args: { dir: string; format: ExportFormat }) {
    const s = await exportPackage(ctx.database, path.resolve(args.dir), { format: args.format, progress: ctx.progress });
    const rows = Object.values(s.tables).reduce((a, n) => a + n, 0);
    return `Exported ${s.services} services (${rows} rows in ${Object.keys(s.tables).length} tables) as HSDS ${args.format.toUpperCase()} to ${args.dir}.`;
  },
} satisfies Record<string, (ctx: CommandContext, args: never) => Promise<string>>;

type CommandFn = (ctx: CommandContext, args: never) => Promise<string>;
const moduleCommands = allModules.flatMap((m) => Object.entries(m.cli?.commands ?? {}));

/** Every command: the platform's, then each module's (see ModuleManifest.cli). */
export const commands: Record<string, CommandFn> = {
  ...platformCommands,
  ...Object.fromEntries(moduleCommands.map(([name, c]) => [name, c.run])),
};

export type CommandName = string;

/** Commands a running server may run on the CLI's behalf. Restore replaces the database under a live server, so it is not one of them. */
export const remoteCommands: CommandName[] = [
  'migrate',
  'seed',
  'user.create',
  'organizations.list',
  'backup',
  'directory.import',
  'directory.export',
  ...moduleCommands.filter(([, c]) => c.remote !== false).map(([name]) => name),
];
