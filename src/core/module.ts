import type { FastifyInstance } from 'fastify';
import type { Database } from './db/database';
import type { Actor } from './accounts/actor';

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
}
