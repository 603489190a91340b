/**
 * What other modules may use of the knowledge exchange. They never read its tables.
 * For a notifications module: `pendingTemplateNotices` lists the notices of new template versions
 * (one per adopting collaborative) that it may deliver.
 */
import type { Database } from '../../core/db/database';
import * as repo from './exchange.repository';

export async function networkIdByName(database: Database, name: string): Promise<string | undefined> {
  return repo.findNetworkByName(database.db, name);
}

/** Notices of new template versions for these collaboratives (newest first): what changed, for whom. */
export async function pendingTemplateNotices(database: Database, collaborativeIds: string[]) {
  return (await repo.listNotices(database.db, collaborativeIds)).filter((n) => !n.readAt);
}
