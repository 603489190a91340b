import type { FastifyInstance } from 'fastify';
import type { Database, Db } from './db/database';
import type { Actor } from './accounts/actor';
import type { Command } from 'commander';
import type { Progress } from './db/backup';
import type { Config } from '../config';

/** What a CLI command gets: the database, a log line writer and a progress bar. */
export interface CliContext {
  database: Database;
  log: (message: string) => void;
  progress: Progress;
}

export interface CliCommand {
  run: (ctx: CliContext, args: never) => Promise<string>;
  /** May a running server run it on the CLI's behalf (embedded database held by the server)? Default true. */
  remote?: boolean;
}

/** A module's CLI: its commands by dotted name ('data.import'), and how they appear on the command line. */
export interface ModuleCli {
  commands: Record<string, CliCommand>;
  /** Adds subcommands to the program; each action calls `run(name, args)` with plain JSON args. */
  register: (program: Command, run: (name: string, args: unknown) => Promise<void>) => void;
}

export interface SeedContext {
  database: Database;
  actor: Actor;
  /** Load the Durham demo data and demo accounts, not only reference data. */
  demo: boolean;
  log: (message: string) => void;
}

/**
 * A module's manifest: everything the platform needs to know about it, in one place.
 * The app composes manifests; nothing else reaches into a module's insides.
 */
export interface ModuleManifest {
  name: string;
  /** Folder of `NNNN_name.sql` migrations owned by this module. */
  migrationsDir?: string;
  /** Routes under /api/v1 (and any public routes the module serves). */
  routes?: (app: FastifyInstance) => Promise<void>;
  /** Routes outside /api/v1, mounted at a prefix of their own (e.g. the public HSDS API at /hsds). */
  mounts?: { prefix: string; routes: (app: FastifyInstance) => Promise<void> }[];
  /** Reference data always, demo data when ctx.demo. Must be idempotent. */
  seed?: (ctx: SeedContext) => Promise<void>;
  /** Subcommands of `roundtable`, e.g. `roundtable data import`. */
  cli?: ModuleCli;
  /**
   * Runs when a server starts, after migrations and before seeding or serving; throwing
   * stops the start with the error's message (e.g. an encryption key the data needs is missing).
   */
  startupCheck?: (database: Database, config: Config) => Promise<void>;
  /**
   * Called once when an app is built, before any route is registered: the place to set up
   * what the module keeps for the app's life (timers, listeners, keys). Never keep such state
   * in module-level variables set during route registration.
   */
  init?: (ctx: ModuleContext) => Promise<void>;
  /**
   * Runs in a restore's last transaction, after every row is back: move on what answers are
   * kept under outside the database (a version a cache keys by), so nothing kept from before the
   * restore, in this process or another, matches the restored data.
   */
  afterRestore?: (tx: Db) => Promise<void>;
  /** Called when the app closes: stop timers, close listeners. */
  close?: (ctx: ModuleContext) => Promise<void>;
  /** The problem codes this module's errors use (`<module>.<problem>`), for the catalogue and the web's messages. */
  errorCodes?: readonly string[];
}

/** What lifecycle hooks get. */
export interface ModuleContext {
  database: Database;
  /** The app's settings (given to init; absent for tools that only migrate or seed). */
  config?: Config;
}
