import { LRUCache } from 'lru-cache';
import type { Database } from '../db/database';
import * as repo from './organizations.repository';
import { rankedMatches } from './organizations.near-misses';

/**
 * The organization list and its searches, kept in memory under the organizations' version
 * (migration 0003), so a repeated search costs one version read instead of a trigram search.
 *
 * - A search keeps its **order**: the ids of its first RANKED_KEPT matches in rank order, and
 *   how many match in all. Another page of the same search, or the same search with another page
 *   size, is a slice of it: nothing is ranked again.
 * - The **organizations** on the pages shown are kept by id, so a slice reads from the database
 *   only the organizations not kept under this version.
 * - A page of the list **without words** (name order) is kept whole, by page.
 *
 * What is kept is the same for every caller; what a caller may do with each organization is
 * worked out when the answer is presented. Each kind is bounded by what it holds (least
 * recently used out first), and entries expire after ten minutes.
 */
export const RANKED_KEPT = 1_000;
const MAX_ORDER_IDS = 200_000;
const MAX_ROWS = 20_000;
const TTL_MS = 10 * 60_000;

type Answer = { rows: repo.OrganizationWithParent[]; total: number };
type Order = { ids: string[]; total: number };

export interface Kept {
  orders: LRUCache<string, Order>;
  rows: LRUCache<string, repo.OrganizationWithParent>;
  pages: LRUCache<string, Answer>;
}
const kept = new WeakMap<Database, Kept>();

/** Exported for tests, which bound it smaller to see what happens when it is full. */
export function newKept(maxRows = MAX_ROWS): Kept {
  return {
    orders: new LRUCache<string, Order>({ maxSize: MAX_ORDER_IDS, sizeCalculation: (o) => o.ids.length + 1, ttl: TTL_MS }),
    rows: new LRUCache<string, repo.OrganizationWithParent>({ max: maxRows, ttl: TTL_MS }),
    pages: new LRUCache<string, Answer>({ maxSize: maxRows, sizeCalculation: (a) => a.rows.length + 1, ttl: TTL_MS }),
  };
}

function keptFor(database: Database): Kept {
  let k = kept.get(database);
  if (!k) {
    k = newKept();
    kept.set(database, k);
  }
  return k;
}

/** The search as a key: the words as the search folds their case and outer spaces, and the filters. */
const searchKey = (f: repo.SearchFilter) => JSON.stringify([f.q?.trim().toLowerCase() ?? '', f.partnerCategory ?? null, f.sector ?? null]);

export async function listFromMemory(database: Database, f: repo.ListFilter, k: Kept = keptFor(database)): Promise<Answer> {
  const version = await repo.organizationsVersion(database.db);
  const q = f.q?.trim();
  if (!q) {
    const key = `${version}\0${searchKey(f)}\0${f.limit}\0${f.offset}`;
    const page = k.pages.get(key);
    if (page) return page;
    const answer = await repo.browse(database.db, f);
    for (const row of answer.rows) k.rows.set(`${version}\0${row.id}`, row);
    k.pages.set(key, answer);
    return answer;
  }
  let slice: Order;
  if (f.offset + f.limit <= RANKED_KEPT) {
    const key = `${version}\0${searchKey(f)}`;
    let order = k.orders.get(key);
    if (!order) {
      order = await rankedMatches(database, version, { ...f, q }, RANKED_KEPT, 0);
      k.orders.set(key, order);
    }
    slice = { ids: order.ids.slice(f.offset, f.offset + f.limit), total: order.total };
  } else {
    // Far past the first pages, rarely asked: ranked again for that page alone, not kept.
    slice = await rankedMatches(database, version, { ...f, q }, f.limit, f.offset);
  }
  // The page's rows are taken out of the cache before the missing ones go in: putting those in
  // may push out the least recently used, which could be rows of this very page.
  const found = new Map<string, repo.OrganizationWithParent>();
  const missing: string[] = [];
  for (const id of slice.ids) {
    const row = k.rows.get(`${version}\0${id}`);
    if (row) found.set(id, row);
    else missing.push(id);
  }
  for (const row of await repo.withParents(database.db, missing)) {
    k.rows.set(`${version}\0${row.id}`, row);
    found.set(row.id, row);
  }
  // An organization deleted between the ranking and the read is left out of the page.
  const rows = slice.ids.map((id) => found.get(id)).filter((r): r is repo.OrganizationWithParent => !!r);
  return { rows, total: slice.total };
}
