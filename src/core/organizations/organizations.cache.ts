import { LRUCache } from 'lru-cache';
import type { Database } from '../db/database';
import * as repo from './organizations.repository';

/**
 * Searches and pages of the organization list, kept in memory under the organizations' version
 * (migration 0003), so a repeated search costs one version read instead of a trigram search.
 * The rows kept are the same for every caller; what a caller may do with each is worked out
 * when the answer is presented. Bounded by the rows held; entries also expire after ten
 * minutes.
 */
const MAX_ROWS = 20_000;
const TTL_MS = 10 * 60_000;

type Answer = Awaited<ReturnType<typeof repo.list>>;
const caches = new WeakMap<Database, LRUCache<string, Answer>>();

function cacheOf(database: Database): LRUCache<string, Answer> {
  let cache = caches.get(database);
  if (!cache) {
    cache = new LRUCache<string, Answer>({ maxSize: MAX_ROWS, sizeCalculation: (a) => a.rows.length + 1, ttl: TTL_MS });
    caches.set(database, cache);
  }
  return cache;
}

/** The filter as a key: the words as the search folds their case and outer spaces. */
const keyOf = (f: repo.ListFilter) => JSON.stringify([f.q?.trim().toLowerCase() ?? '', f.partnerCategory ?? null, f.sector ?? null, f.limit, f.offset]);

export async function listFromMemory(database: Database, f: repo.ListFilter): Promise<Answer> {
  const version = await repo.organizationsVersion(database.db);
  const cache = cacheOf(database);
  const key = `${version}\0${keyOf(f)}`;
  const kept = cache.get(key);
  if (kept) return kept;
  const answer = await repo.list(database.db, f);
  cache.set(key, answer);
  return answer;
}
