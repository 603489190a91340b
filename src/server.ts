import type { FastifyInstance } from 'fastify';
import type { Config } from './config';
import { buildApp, loggerOptions } from './app';
import { openDatabase, type Database } from './core/db/database';
import { demoLoaded, migrateModules, seedModules } from './core/db/lifecycle';
import { templateForNewDataDir } from './core/db/template';
import { allModules } from './modules';
import { startControlSocket, type ControlSocket } from './cli/control-socket';
import { startUpkeep, stopUpkeep } from './core/db/upkeep';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  close(): Promise<void>;
}

/**
 * Opens the database, migrates it, loads demo data on first start (embedded database by
 * default), and serves. With the embedded database it also opens the control socket that
 * lets CLI commands run through this process instead of fighting it for the data directory.
 */
export async function startServer(config: Config, opts: { quiet?: boolean } = {}): Promise<RunningServer> {
  const started = Date.now();
  // A new embedded data directory starts from the build's migrated template when there is one.
  const loadDataDir = config.databaseUrl ? undefined : templateForNewDataDir(config.dataDir);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, loadDataDir });
  // One line per request (written below, on response) instead of Fastify's two, so the ready
  // line is not buried.
  const log = {
    ...(loggerOptions(opts.quiet ? 'warn' : config.logLevel) as object),
    hooks: {
      logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
        if (args[1] === 'incoming request' || args[1] === 'request completed') return;
        method.apply(this, args);
      },
    },
  };
  let control: ControlSocket | undefined;
  try {
    await migrateModules(database, allModules);
    for (const m of allModules) await m.startupCheck?.(database, config);
    if (config.demo && !(await demoLoaded(database))) {
      await seedModules(database, allModules, { demo: true });
    } else if (!config.demo) {
      await seedModules(database, allModules, { demo: false });
    }
    const app = await buildApp({ database, config, logger: log });
    // app.close() stops accepting requests but does not wait for handlers whose client went
    // away; the database must outlive them.
    let inFlight = 0;
    app.addHook('onRequest', async () => void inFlight++);
    app.addHook('onResponse', async (req, reply) => {
      inFlight--;
      req.log.info({ method: req.method, url: req.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, `${req.method} ${req.url.split('?')[0]} ${reply.statusCode}`);
    });
    const drained = async () => {
      for (let waited = 0; inFlight > 0 && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    };
    await app.listen({ port: config.port, host: config.host });
    if (database.kind === 'pglite') control = await startControlSocket(config.dataDir, database, app.log);
    // The embedded database has no autovacuum: the server does its work (core/db/upkeep.ts).
    startUpkeep(database, app.log);
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://localhost:${port}`;
    app.log.info({ url, database: database.kind, ms: Date.now() - started }, `Roundtable is ready at ${url}`);
    let closing: Promise<void> | undefined;
    return {
      app,
      database,
      url,
      close: () =>
        (closing ??= (async () => {
          await control?.close();
          await app.close();
          await drained();
          await stopUpkeep(database);
          await database.close();
        })()),
    };
  } catch (err) {
    await control?.close();
    await database.close();
    throw err;
  }
}
