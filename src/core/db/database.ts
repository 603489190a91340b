import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import { AppError, Errors } from '../http/errors';

/** The Drizzle handle every repository receives; the same type on PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Runs a parameterised statement and returns its rows. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a multi-statement SQL script inside one transaction (migrations, restore). */
  script(text: string): Promise<void>;
  close(): Promise<void>;
  /** LISTEN on a channel (see `listen` below); resolves to the function that stops listening. */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Where the embedded database lives, when it is embedded. */
  dataDir?: string;
  /**
   * Embedded database only: for how many milliseconds its one connection has been held by a
   * transaction (0 when free). Requests use it to wait a bounded time instead of queueing
   * behind a long import (see app.ts).
   */
  busyFor?(): number;
  /** A read-only replica for reads that may lag the primary by a moment (see readDatabase). */
  read?: Database;
}

/**
 * The database for public reads that tolerate a moment's replication lag (the public finder,
 * the HSDS API, public dashboards and report cards): the streaming replica named by
 * DATABASE_READ_URL when there is one, otherwise the primary. Never write through it.
 */
export function readDatabase(database: Database): Database {
  return database.read ?? database;
}

/** PostgreSQL's "cannot execute … in a read-only transaction" (a hot standby refusing a write). */
function isReadOnlyRefusal(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === '25006') return true;
  }
  return false;
}

/**
 * A public read on the read database that may, now and then, need to write first (the data
 * repository stores a disclosure decision the first time a bulk-loaded table is read). On a
 * replica that write is refused; the whole read then runs again on the primary, so the answer
 * always comes from one consistent database, never half from each.
 */
export async function readPublic<T>(database: Database, work: (db: Database) => Promise<T>): Promise<T> {
  const reader = readDatabase(database);
  if (reader === database) return work(database);
  try {
    return await work(reader);
  } catch (err) {
    if (isReadOnlyRefusal(err)) return work(database);
    throw err;
  }
}

/**
 * PostgreSQL LISTEN on either driver: PGlite's own `listen`, or on PostgreSQL a dedicated
 * connection (a pooled one would be handed to other queries). Payloads arrive after the
 * notifying transaction commits. Call the returned function to stop (closes the connection).
 */
export async function listen(database: Database, channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Bad channel name ${channel}`);
  if (!database.listen) throw new Error('This database cannot LISTEN');
  return database.listen(channel, onPayload);
}

/** Rows of a raw Drizzle `sql` query; the result shape is the same on PGlite and node-postgres. */
export async function rowsOf<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/**
 * Rows of a hot statement that PostgreSQL prepares once per connection and plans from its
 * cached plan after that: for a statement of many joins and subqueries, planning costs several
 * times running it (the referral read of a transition: 3 ms to plan, 0.7 ms to run). The name is
 * a hash of the text, so each distinct text is its own statement. The embedded database runs it
 * as any other statement. (Behind a transaction-pooling PgBouncer older than 1.21, named
 * statements need its `max_prepared_statements`; docs/scaling.md.)
 */
export async function preparedRowsOf<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const drizzleDb = db as unknown as {
    dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } };
    session: { prepareQuery(q: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: boolean): { execute(): Promise<unknown> } };
  };
  const built = drizzleDb.dialect.sqlToQuery(query);
  const name = `rt_${createHash('sha1').update(built.sql).digest('hex').slice(0, 20)}`;
  const result = (await drizzleDb.session.prepareQuery(built, undefined, name, false).execute()) as { rows: T[] };
  return result.rows;
}

/** Rows of raw SQL text whose identifiers were built by the caller; `$1`, when present, is bound to `param`. */
export function rowsOfText<T = Record<string, unknown>>(db: Db, text: string, param?: unknown): Promise<T[]> {
  const [before, after = ''] = text.split('$1');
  return rowsOf<T>(db, param === undefined ? sql.raw(text) : sql`${sql.raw(before)}${param}${sql.raw(after)}`);
}

export const pgliteExtensions = { pg_trgm, unaccent, cube, earthdistance };

export class DatabaseInUseError extends AppError {
  constructor(dir: string, pid: number) {
    super({
      status: 503,
      code: 'database.in_use',
      title: `The embedded database in ${dir} is open in another Roundtable process (pid ${pid}). Stop that process, or run this command while it serves so the command can go through it.`,
    });
  }
}

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite database in dataDir. */
export async function openDatabase(opts: { databaseUrl?: string; dataDir?: string; memory?: boolean; loadDataDir?: Blob; readUrl?: string }): Promise<Database> {
  if (opts.databaseUrl) {
    const primary = await openPostgres(opts.databaseUrl);
    // DATABASE_READ_URL pairs with the configured DATABASE_URL only, so a tool or test opening
    // some other database never reads from that primary's replica.
    const readUrl = opts.readUrl ?? (opts.databaseUrl === process.env.DATABASE_URL ? process.env.DATABASE_READ_URL : undefined);
    if (readUrl && readUrl !== opts.databaseUrl) {
      const replica = await openPostgres(readUrl).catch(async (err) => {
        await primary.close();
        throw err;
      });
      const closePrimary = primary.close;
      primary.read = replica;
      primary.close = async () => {
        await Promise.all([closePrimary(), replica.close()]);
      };
    }
    return primary;
  }
  return openPglite(opts);
}

/**
 * A connection runs one statement at a time. When code issues a second statement on the same
 * connection before the first has answered (reads started together inside one transaction),
 * pg queues it itself but warns that it will stop doing so (pg 9); this client queues it
 * here instead, in the order the statements were issued. Streams (COPY, cursors) and callback
 * calls go to pg as they are.
 */
/** Settings of every connection of the app's pools (docs/decisions/0018). */
export const SESSION_SETTINGS = 'SET jit = off';

class OneStatementAtATimeClient extends pg.Client {
  private last: Promise<unknown> = Promise.resolve();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const first = args[0] as { submit?: unknown } | undefined;
    if (typeof first?.submit === 'function' || typeof args[args.length - 1] === 'function') return (super.query as (...a: unknown[]) => unknown)(...args);
    const run = () => (super.query as (...a: unknown[]) => Promise<unknown>)(...args);
    const result = this.last.then(run, run);
    this.last = result.catch(() => undefined);
    return result;
  }
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), Client: OneStatementAtATimeClient });
  pool.on('error', () => undefined); // idle-client errors surface on the next query instead
  // The app's sessions run without JIT compilation (docs/decisions/0018): queued before the
  // connection's first statement, so it costs one round trip per connection, not per request.
  pool.on('connect', (c) => {
    c.query(SESSION_SETTINGS).catch(() => undefined);
  });
  const client = await pool.connect().catch((err: Error) => {
    throw new Error(`Cannot connect to PostgreSQL at ${redactUrl(url)}: ${err.message}`);
  });
  client.release();
  let ended: Promise<void> | undefined;
  return {
    kind: 'postgres',
    db: drizzlePg(pool) as unknown as Db,
    async query(text, params) {
      return (await pool.query(text, params as unknown[])).rows;
    },
    async script(text) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query(text);
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    },
    close: () => (ended ??= pool.end()),
    async listen(channel, onPayload) {
      const c = new pg.Client({ connectionString: url });
      c.on('error', () => undefined); // a dropped listener only stops live updates
      await c.connect();
      c.on('notification', (m) => {
        if (m.channel === channel) onPayload(m.payload ?? '');
      });
      await c.query(`LISTEN ${channel}`);
      return async () => {
        await c.end().catch(() => undefined);
      };
    },
  };
}

async function openPglite(opts: { dataDir?: string; memory?: boolean; loadDataDir?: Blob }): Promise<Database> {
  let release = () => {};
  let dir: string | undefined;
  if (!opts.memory) {
    dir = path.resolve(opts.dataDir ?? './data');
    fs.mkdirSync(dir, { recursive: true });
    release = acquireLock(dir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create({
      dataDir: opts.memory ? undefined : path.join(dir!, 'pg'),
      extensions: pgliteExtensions,
      loadDataDir: opts.loadDataDir,
    });
  } catch (err) {
    release();
    throw err;
  }
  const pacing = paceEmbedded(client);
  return {
    kind: 'pglite',
    dataDir: dir,
    busyFor: pacing.busyFor,
    db: drizzlePglite(client) as unknown as Db,
    async query(text, params) {
      return (await client.query(text, params as unknown[])).rows as never[];
    },
    async script(text) {
      await client.transaction(async (tx) => {
        await tx.exec(text);
      });
    },
    async close() {
      pacing.stop();
      await client.close();
      release();
    },
    async listen(channel, onPayload) {
      const unlisten = await client.listen(channel, onPayload);
      return async () => {
        if (!client.closed) await unlisten();
      };
    },
  };
}

/**
 * PGlite runs inside this process and answers each query without giving the event loop a
 * turn in between, so a long run of queries (an import) starved every other request, even
 * /health. Every query and statement now first lets pending I/O run when the loop has not
 * had a turn for a few milliseconds, and the time a transaction has held the one connection
 * is tracked so requests can wait a bounded time (app.ts).
 */
/** How long a query waits for the embedded database's connection held by a long transaction. */
export const EMBEDDED_WAIT_MS = 3000;

function paceEmbedded(client: PGlite): { busyFor(): number; stop(): void } {
  let lastTurn = performance.now();
  const ticker = setInterval(() => (lastTurn = performance.now()), 10);
  ticker.unref();
  const breathe = async () => {
    if (performance.now() - lastTurn > 20) {
      await new Promise((r) => setImmediate(r));
      lastTurn = performance.now();
    }
  };
  type Runner = { query: PGlite['query']; exec: PGlite['exec'] };
  let heldSince: number | null = null;
  // Work done inside the transaction that holds the connection runs in this context; anything
  // else that asks for the connection while it is held queues behind the whole transaction.
  const holder = new AsyncLocalStorage<true>();
  /**
   * A query from outside the holding transaction waits while a long transaction holds the one
   * connection, at most EMBEDDED_WAIT_MS, then fails with 503 + Retry-After rather than waiting
   * for the end of an import (a request can pass app.ts's check just before an import starts).
   */
  const waitTurn = async () => {
    if (heldSince === null || holder.getStore()) return;
    const deadline = performance.now() + EMBEDDED_WAIT_MS;
    while (heldSince !== null && performance.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    if (heldSince !== null) throw Errors.unavailable(5, 'The database is busy with a long task, such as an import. Try again in a few seconds.');
  };
  const pace = <T extends Runner>(target: T, outside: boolean): T => {
    const query = target.query.bind(target);
    const exec = target.exec.bind(target);
    target.query = (async (...args: Parameters<PGlite['query']>) => {
      if (outside) await waitTurn();
      await breathe();
      return query(...args);
    }) as PGlite['query'];
    target.exec = (async (...args: Parameters<PGlite['exec']>) => {
      if (outside) await waitTurn();
      await breathe();
      return exec(...args);
    }) as PGlite['exec'];
    return target;
  };
  pace(client, true);
  const transaction = client.transaction.bind(client);
  client.transaction = (async (callback: Parameters<PGlite['transaction']>[0]) => {
    await waitTurn();
    await breathe();
    return transaction(async (tx) => {
      const outer = heldSince === null;
      if (outer) heldSince = performance.now();
      try {
        return await holder.run(true, () => callback(pace(tx as unknown as Runner, false) as unknown as typeof tx));
      } finally {
        if (outer) heldSince = null;
      }
    });
  }) as PGlite['transaction'];
  return { busyFor: () => (heldSince === null ? 0 : performance.now() - heldSince), stop: () => clearInterval(ticker) };
}

/**
 * PGlite is single-process: two processes writing one data directory corrupt it. A pid file
 * taken with O_EXCL keeps the second opener out; a file left by a dead process is reclaimed.
 */
function acquireLock(dir: string): () => void {
  const lockPath = path.join(dir, 'roundtable.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => fs.rmSync(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = lockHolder(dir);
      if (holder) throw new DatabaseInUseError(dir, holder);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${lockPath}`);
}

/** The pid of a live process holding the embedded database in dir, if any. */
export function lockHolder(dir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(dir, 'roundtable.pid'), 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the configured DATABASE_URL';
  }
}
