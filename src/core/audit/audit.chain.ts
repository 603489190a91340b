import type { Database } from '../db/database';
import { repeatEvery, type RepeatingWork } from '../repeating';
import { chainHead, chainRowsAfter, publicTableNames, readInUtc, readOneSnapshot, sealBatch, tableExists, unsealedCount } from './chain.repository';
import type { CliContext, ModuleCli } from '../module';

/** The logs sealed by the hash chain (migration audit-chain/0010), when their table exists. */
export const CHAINED_TABLES = ['audit_events', 'intake_access_log'] as const;

export interface ChainReport {
  table: string;
  /** Sealed rows checked. */
  rows: number;
  /** Rows written but not sealed yet: append-only, but not yet covered by a hash. */
  unsealed: number;
  /** The last row's hash: keep it somewhere else to detect a rewrite of the whole tail. */
  headHash: string | null;
  /** The first row that does not fit the chain, and why. */
  broken?: { id: string; position: number | null; reason: string };
}

const BATCH = 5000;

/**
 * Walks one chain's sealed rows in position order, recomputing each row's hash in SQL (the
 * same function the sealer uses) and checking that each row names its predecessor's hash.
 * Rows not sealed yet are counted, not verified (audit-chain/0020).
 */
export async function verifyChain(database: Database, table: string, onProgress?: (n: number) => void): Promise<ChainReport> {
  let rows = 0;
  let prevHash: string | null = null;
  let expectedPosition = 1;
  let broken: ChainReport['broken'];
  let unsealed = 0;
  await database.db.transaction(async (tx) => {
    await readOneSnapshot(tx);
    await readInUtc(tx);
    unsealed = await unsealedCount(tx, table);
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
  return { table, rows, unsealed, headHash: prevHash, broken };
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
        : `${r.table}: ${r.rows} rows, chain intact; last hash ${r.headHash ?? '(empty)'}.${r.unsealed ? ` ${r.unsealed} newer rows are not sealed yet (not verified).` : ''}`,
    )
    .join('\n');
}

const SEAL_BATCH = 5000;

/**
 * Seals every committed unsealed row of the chained logs. On demand (backups, `audit verify`,
 * tests) it waits for a seal in progress elsewhere; the server's background pass (`wait`
 * false) skips a log another session is sealing. Returns the rows sealed per log.
 */
export async function sealChains(database: Database, wait = true): Promise<Record<string, number>> {
  const sealed: Record<string, number> = {};
  for (const t of CHAINED_TABLES) {
    if (!(await tableExists(database, t))) continue;
    let n = 0;
    for (let got = SEAL_BATCH; got === SEAL_BATCH; ) {
      got = await sealBatch(database, t, SEAL_BATCH, wait);
      n += got;
    }
    sealed[t] = n;
  }
  return sealed;
}

/** How often the server seals the logs: the longest a committed row waits for its hash. */
export const SEAL_EVERY_MS = 1000;

interface Sealer {
  work: RepeatingWork;
  /** Tasks that rebuild the schema under it (a restore): no pass starts while any runs. */
  paused: number;
}
const sealers = new WeakMap<Database, Sealer>();

/** The embedded database's "busy with a long task" answer (503), possibly wrapped by the query builder. */
function isBusyRefusal(e: unknown): boolean {
  for (let x = e as { status?: number; cause?: unknown } | undefined, i = 0; x && i < 4; x = x.cause as typeof x, i++) if (x.status === 503) return true;
  return false;
}

/** Seals the logs about every second for the server's life (the audit-chain module's init). */
export function startSealer(database: Database, onError: (e: Error) => void = (e) => console.error(`Audit chain sealing failed: ${e.message}`)): void {
  if (sealers.has(database)) return;
  const s: Sealer = { work: undefined as unknown as RepeatingWork, paused: 0 };
  // While a long task holds the embedded database's one connection (an import), sealing waits
  // for the next turn instead of queueing behind it; the rows stay unsealed a moment longer.
  const pass = async () => {
    if ((database.busyFor?.() ?? 0) > 0 || s.paused > 0) return;
    await sealChains(database, false);
  };
  s.work = repeatEvery(SEAL_EVERY_MS, pass, { onError: (e) => void (isBusyRefusal(e) || onError(e)) });
  sealers.set(database, s);
}

/**
 * Runs `task` with this database's sealer (if it has one) holding its passes: a restore drops
 * and rebuilds the schema, and a pass meanwhile would fail on functions and tables that are
 * not there yet. Waits for a pass in progress first.
 */
export async function withSealerPaused<T>(database: Database, task: () => Promise<T>): Promise<T> {
  const s = sealers.get(database);
  if (!s) return task();
  s.paused++;
  try {
    await s.work.current;
    return await task();
  } finally {
    s.paused--;
  }
}

/** Stops the sealer, waits for a pass in progress, and seals what is left (closing the app). */
export async function stopSealer(database: Database): Promise<void> {
  const s = sealers.get(database);
  if (!s) return;
  sealers.delete(database);
  await s.work.stop();
  await sealChains(database).catch(() => undefined);
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
        await sealChains(ctx.database);
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
      .description('Seal the rows written since the last seal, then check the hash chain of the audit log and the client access log; names the first broken row')
      .action(() => run('audit.verify', {}));
  },
};
