import fs from 'node:fs';
import zlib from 'node:zlib';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import path from 'node:path';
import { recordAudit } from '../audit/audit.service';
import { sealChains, withSealerPaused } from '../audit/audit.chain';
import { systemActor } from '../accounts/actor';
import { rowsOfText, type Database } from './database';
import type { ModuleManifest } from '../module';
import { knownMigrations } from './migrate';
import { migrateModules, migrationSources } from './lifecycle';

/**
 * Portable backups: gzip-compressed NDJSON. The first line is a header naming the format,
 * the migrations the data was written under and each table's row count; every other line is
 * one row as JSON. Plain SQL types through JSON make the file work across PGlite and
 * PostgreSQL in either direction.
 */
export const BACKUP_FORMAT = 'roundtable-backup';
const EXCLUDED = new Set(['schema_migrations', 'sessions']);
const BATCH = 2000;

export interface Progress {
  start(total: number, label: string): void;
  tick(n: number): void;
  stop(): void;
}
export const silentProgress: Progress = { start() {}, tick() {}, stop() {} };

interface Header {
  format: typeof BACKUP_FORMAT;
  version: 1;
  createdAt: string;
  database: string;
  migrations: string[];
  tables: { name: string; rows: number }[];
}

/** Tables in the public schema, parents before children, so rows restore in FK order. */
async function tablesInDependencyOrder(db: Database): Promise<string[]> {
  const tables = (await db.query<{ name: string }>(`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r','p') AND NOT c.relispartition ORDER BY 1`)).map((r) => r.name);
  const edges = await db.query<{ child: string; parent: string }>(`
    SELECT DISTINCT c.relname AS child, p.relname AS parent FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype = 'f' AND n.nspname = 'public' AND c.relname <> p.relname`);
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string, stack: Set<string>) => {
    if (seen.has(t) || stack.has(t)) return;
    stack.add(t);
    for (const e of edges) if (e.child === t) visit(e.parent, stack);
    seen.add(t);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered.filter((t) => !EXCLUDED.has(t));
}

const ident = (name: string) => '"' + name.replace(/"/g, '""') + '"';

export async function backupDatabase(database: Database, file: string, progress: Progress = silentProgress): Promise<Header> {
  // Rows written since the sealer's last pass get their hashes first, so the backup carries
  // them sealed and a row cut out of the file shows after a restore (audit-chain/0020).
  await sealChains(database);
  const tables = await tablesInDependencyOrder(database);
  // Chained logs are written in chain order, so the file reads as the history did; other
  // tables come in whatever order the heap gives (a table's own parents may sit anywhere in it).
  const chained = new Set((await database.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'chain_position'`)).map((r) => r.t));
  const migrations = (await database.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY applied_at, id')).map((r) => r.id);
  const tmp = `${file}.partial`;
  let header!: Header;
  await database.db.transaction(
    async (tx) => {
      const counts = [];
      for (const t of tables) {
        const rows = await rowsOfText<{ n: number }>(tx, `SELECT count(*)::int AS n FROM ${ident(t)}`);
        counts.push({ name: t, rows: rows[0].n });
      }
      header = { format: BACKUP_FORMAT, version: 1, createdAt: new Date().toISOString(), database: database.kind, migrations, tables: counts };
      progress.start(counts.reduce((a, c) => a + c.rows, 0), 'rows');
      async function* lines() {
        yield JSON.stringify(header) + '\n';
        for (const t of tables) {
          await rowsOfText(tx, `DECLARE backup_cursor NO SCROLL CURSOR FOR SELECT row_to_json(x)::text AS j FROM ${ident(t)} x${chained.has(t) ? ' ORDER BY chain_position' : ''}`);
          for (;;) {
            const batch = await rowsOfText<{ j: string }>(tx, `FETCH ${BATCH} FROM backup_cursor`);
            if (batch.length === 0) break;
            yield batch.map((r) => `{"t":${JSON.stringify(t)},"r":${r.j}}\n`).join('');
            progress.tick(batch.length);
          }
          await rowsOfText(tx, 'CLOSE backup_cursor');
        }
      }
      // A backup holds password hashes and sealed client fields: owner-only, like the key file.
      fs.rmSync(tmp, { force: true });
      await pipeline(Readable.from(lines()), zlib.createGzip(), fs.createWriteStream(tmp, { mode: 0o600 }));
      fs.chmodSync(tmp, 0o600);
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  fs.renameSync(tmp, file);
  progress.stop();
  return header;
}


async function readHeader(file: string): Promise<Header> {
  const rl = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  try {
    for await (const line of rl) {
      const h = JSON.parse(line) as Header;
      if (h.format !== BACKUP_FORMAT) throw new Error('not a Roundtable backup');
      return h;
    }
  } catch (err) {
    throw new Error(`${file} is not a Roundtable backup (${(err as Error).message})`);
  } finally {
    rl.close();
  }
  throw new Error(`${file} is empty`);
}

async function hasData(database: Database): Promise<boolean> {
  const rows = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'`);
  return rows[0].n > 0;
}

/**
 * Replaces the database's contents with a backup. The schema is rebuilt to the backup's
 * migrations, rows are loaded in one transaction, then newer migrations apply on top.
 * Refuses to overwrite a database that has tables unless `force` is given.
 */
export async function restoreDatabase(database: Database, modules: ModuleManifest[], file: string, opts: { force?: boolean; progress?: Progress } = {}): Promise<Header> {
  return withSealerPaused(database, () => restoreUnsealed(database, modules, file, opts));
}

async function restoreUnsealed(database: Database, modules: ModuleManifest[], file: string, opts: { force?: boolean; progress?: Progress }): Promise<Header> {
  const progress = opts.progress ?? silentProgress;
  if (!fs.existsSync(file)) throw new Error(`No such file: ${file}`);
  const header = await readHeader(file);
  const known = new Set(knownMigrations(migrationSources(modules)));
  const unknown = header.migrations.filter((m) => !known.has(m));
  if (unknown.length) throw new Error(`The backup was made by a newer Roundtable (unknown migration ${unknown[0]}); upgrade first.`);
  if ((await hasData(database)) && !opts.force) {
    throw new Error('The target database is not empty. Add --force to replace everything in it with the backup.');
  }
  await database.script('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  await migrateModules(database, modules, undefined, new Set(header.migrations));
  // Some migrations insert reference rows (postal areas, settings); the backup has its own.
  for (const { name, rows } of header.tables) {
    if (rows === 0) continue;
    const [{ any }] = await database.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${ident(name)}) AS any`);
    if (any) await database.query(`DELETE FROM ${ident(name)}`);
  }
  const total = header.tables.reduce((a, t) => a + t.rows, 0);
  progress.start(total, 'rows');
  await database.db.transaction(async (tx) => {
    // Chained logs keep the hashes they were written with (see audit-chain/0010), so an
    // edited backup shows up in `roundtable audit verify` instead of being sealed anew.
    await rowsOfText(tx, `SELECT set_config('roundtable.restoring', 'on', true)`);
    const columns = new Map<string, string[]>();
    for (const { name } of header.tables) {
      const cols = await rowsOfText<{ column_name: string }>(
        tx,
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${name.replace(/'/g, "''")}' AND is_generated = 'NEVER' ORDER BY ordinal_position`,
      );
      columns.set(name, cols.map((c) => c.column_name));
    }
    let table = '';
    let batch: string[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const cols = columns.get(table);
      if (!cols?.length) throw new Error(`The backup has rows for table ${table}, which this schema does not have`);
      const list = cols.map(ident).join(', ');
      await rowsOfText(tx, `INSERT INTO ${ident(table)} (${list}) OVERRIDING SYSTEM VALUE SELECT ${list} FROM json_populate_recordset(null::${ident(table)}, $1::json)`, `[${batch.join(',')}]`);
      progress.tick(batch.length);
      batch = [];
    };
    const rl = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
    let first = true;
    for await (const line of rl) {
      if (first) {
        first = false;
        continue;
      }
      if (!line) continue;
      const t = line.slice(6, line.indexOf('"', 6));
      if (t !== table) {
        await flush();
        table = t;
      }
      batch.push(line.slice(line.indexOf(',"r":') + 5, -1));
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    // Identity and serial columns continue after the restored ids.
    const seqs = await rowsOfText<{ tbl: string; col: string }>(
      tx,
      `SELECT c.relname AS tbl, a.attname AS col FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL`,
    );
    for (const s of seqs) {
      await rowsOfText(tx, `SELECT setval(pg_get_serial_sequence('${ident(s.tbl)}', '${s.col}'), GREATEST((SELECT max(${ident(s.col)}) FROM ${ident(s.tbl)}), 1))`);
    }
  });
  progress.stop();
  await migrateModules(database, modules);
  await database.db.transaction(async (tx) => {
    await rowsOfText(tx, `SELECT set_config('roundtable.restoring', 'off', true)`);
    // A backup from before the chain heads existed: the chain continues from its last row.
    const chained = await rowsOfText<{ t: string }>(tx, `SELECT table_name AS t FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'row_hash'`);
    for (const { t } of chained) {
      await rowsOfText(
        tx,
        `INSERT INTO audit_chain_heads (chain, position, hash) SELECT '${t.replace(/'/g, "''")}', coalesce(max(chain_position), 0), (SELECT row_hash FROM ${ident(t)} ORDER BY chain_position DESC NULLS LAST LIMIT 1) FROM ${ident(t)} ON CONFLICT (chain) DO NOTHING`,
      );
    }
    for (const m of modules) await m.afterRestore?.(tx);
    // The restore itself is an event of the restored history.
    await recordAudit(tx, systemActor('cli'), {}, {
      action: 'platform.restore',
      entityType: 'database',
      details: { file: path.basename(file), backupCreatedAt: header.createdAt, rows: total, migrations: header.migrations.length },
    });
  });
  // The restored rows the backup held unsealed, and the restore's own event.
  await sealChains(database);
  return header;
}
