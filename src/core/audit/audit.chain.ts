import type { Database } from '../db/database';
import { chainHead, chainRowsAfter, firstUnsealedRow, publicTableNames, readInUtc, tableExists } from './chain.repository';
import type { CliContext, ModuleCli } from '../module';

/** The logs sealed by the hash chain (migration audit-chain/0010), when their table exists. */
export const CHAINED_TABLES = ['audit_events', 'intake_access_log'] as const;

export interface ChainReport {
  table: string;
  rows: number;
  /** The last row's hash: keep it somewhere else to detect a rewrite of the whole tail. */
  headHash: string | null;
  /** The first row that does not fit the chain, and why. */
  broken?: { id: string; position: number | null; reason: string };
}

const BATCH = 5000;

/**
 * Walks one chain in position order, recomputing each row's hash in SQL (the same function
 * the insert trigger uses) and checking that each row names its predecessor's hash.
 */
export async function verifyChain(database: Database, table: string, onProgress?: (n: number) => void): Promise<ChainReport> {
  let rows = 0;
  let prevHash: string | null = null;
  let expectedPosition = 1;
  let broken: ChainReport['broken'];
  await database.db.transaction(async (tx) => {
    await readInUtc(tx);
    const unsealed = await firstUnsealedRow(tx, table);
    if (unsealed) broken = { id: unsealed, position: null, reason: 'the row carries no chain hash' };
    let after = 0;
    while (!broken) {
      const batch = await chainRowsAfter(tx, table, after, BATCH);
      if (batch.length === 0) break;
      for (const r of batch) {
        const position = Number(r.position);
        if (position !== expectedPosition) {
          broken = { id: r.id, position, reason: `row ${expectedPosition} of the chain is missing` };
        } else if ((r.prev_hash ?? null) !== prevHash) {
          broken = { id: r.id, position, reason: 'it does not follow the row before it (a row was removed or replaced)' };
        } else if (r.row_hash !== r.expected) {
          broken = { id: r.id, position, reason: 'its contents were changed after it was written' };
        }
        if (broken) break;
        rows++;
        prevHash = r.row_hash;
        expectedPosition++;
      }
      after = Number(batch[batch.length - 1].position);
      onProgress?.(batch.length);
    }
    if (!broken) {
      const head = await chainHead(tx, table);
      if (head && Number(head.position) !== rows) {
        broken = { id: '(end)', position: Number(head.position), reason: `the chain should hold ${head.position} rows but ends after ${rows} (rows were removed from the end)` };
      }
    }
  });
  return { table, rows, headHash: prevHash, broken };
}

export async function verifyAllChains(database: Database, onProgress?: (n: number) => void): Promise<ChainReport[]> {
  const reports: ChainReport[] = [];
  for (const t of CHAINED_TABLES) if (await tableExists(database, t)) reports.push(await verifyChain(database, t, onProgress));
  return reports;
}

export function describeChains(reports: ChainReport[]): string {
  return reports
    .map((r) =>
      r.broken
        ? `${r.table}: BROKEN at row id ${r.broken.id}${r.broken.position ? ` (position ${r.broken.position})` : ''}: ${r.broken.reason}; ${r.rows} rows before it are intact.`
        : `${r.table}: ${r.rows} rows, chain intact; last hash ${r.headHash ?? '(empty)'}.`,
    )
    .join('\n');
}

/** Tables the application may only append to and read. */
export const APPEND_ONLY_TABLES = ['audit_events', 'intake_access_log'] as const;

/**
 * The grants that let `role` run the application on a database owned by another role (the
 * one that runs migrations): read and write every table, but only INSERT and SELECT on the
 * append-only logs and SELECT on the chain heads. Owning no audit table, the application's
 * role cannot disable their triggers. Run as the owner, after each migration.
 */
export function appRoleGrantsSql(role: string, existingTables: string[]): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error('The role name must be a plain lower-case PostgreSQL identifier');
  const appendOnly = APPEND_ONLY_TABLES.filter((t) => existingTables.includes(t));
  return [
    `GRANT USAGE ON SCHEMA public TO ${role};`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role};`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role};`,
    ...appendOnly.map((t) => `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${t} FROM ${role};`),
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_chain_heads FROM ${role};`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM ${role};`,
  ].join('\n');
}

/** `roundtable audit verify`: exits non-zero naming the first broken row. */
export const auditCli: ModuleCli = {
  commands: {
    'audit.verify': {
      async run(ctx: CliContext) {
        const reports = await verifyAllChains(ctx.database);
        const text = describeChains(reports);
        const broken = reports.find((r) => r.broken);
        if (broken) {
          for (const line of text.split('\n').filter((l) => !l.includes('BROKEN'))) ctx.log(line);
          throw new Error(text.split('\n').find((l) => l.includes('BROKEN')));
        }
        return text;
      },
    },
    'audit.grant-app-role': {
      async run(ctx: CliContext, args: { role: string; print: boolean }) {
        const tables = await publicTableNames(ctx.database);
        const text = appRoleGrantsSql(args.role, tables);
        if (args.print) return text;
        if (ctx.database.kind !== 'postgres') throw new Error('Separate roles apply to a PostgreSQL server (DATABASE_URL); the embedded database has one user.');
        await ctx.database.script(text);
        return `${args.role} may now read and write the application's tables, and only append to and read the audit logs.`;
      },
    },
  },
  register(program, run) {
    const audit = program.command('audit').description('The audit log');
    audit
      .command('grant-app-role')
      .description("PostgreSQL: give the application's login role the rights it needs and no more (run as the owner role, after migrating)")
      .argument('<role>', "the application's role, e.g. roundtable_app")
      .option('--print', 'print the SQL instead of running it', false)
      .action((role: string, o: { print: boolean }) => run('audit.grant-app-role', { role, print: o.print }));
    audit
      .command('verify')
      .description('Check the hash chain of the audit log and the client access log; names the first broken row')
      .action(() => run('audit.verify', {}));
  },
};
