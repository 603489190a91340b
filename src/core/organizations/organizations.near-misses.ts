import type { Database } from '../db/database';
import * as repo from './organizations.repository';

/**
 * Near misses word by word, ranked in memory (docs/organizations.md "Search"). The database
 * finds the name words close to each typed word (`closeWords`, its trigram index over the few
 * thousand distinct words); which organizations hold those words, and their scores, are worked
 * out here from the pairs of organization_name_words kept in memory under the organizations'
 * version. Ranking hundreds of holders of a common word ("council", "social") took the
 * database 1–2 ms of hashing and sorting per search; here it takes microseconds.
 */
export interface NameWords {
  version: string;
  ids: string[];
  /** lower(legal_name): what searches order by. */
  names: string[];
  partnerCategory: (string | null)[];
  sector: (string | null)[];
  /** The organizations (indexes into `ids`) holding each name word. */
  holders: Map<string, Int32Array>;
}

export function nameWordsOf(s: repo.NameWordsSnapshot): NameWords {
  const o = s.organizations;
  const holders = new Map<string, Int32Array>();
  for (const h of s.holders) holders.set(h.word, Int32Array.from(h.holders));
  return {
    version: s.version,
    ids: o.map((r) => r.id),
    names: o.map((r) => r.name),
    partnerCategory: o.map((r) => r.partner_category),
    sector: o.map((r) => r.sector),
    holders,
  };
}

/** A near miss scores at least this: the weighted average over the typed words of the closest name word. */
const NEAR_MISS_SCORE = 0.6;

/**
 * Substring matches and near misses ranked together, every one of them (the caller slices the
 * page). An organization scores the average, over the typed words, of its closest name word for
 * each, weighted by the typed word's length, and is a near miss at 0.6 or more: "immigrant
 * women" finds names with "immigrant" alone, "quorlbey neighborhood" finds "Neighbourhood
 * Services of Quorlby". A substring match of the whole text scores 1. Ranked: the name begins
 * with the text, then score, then name, then id (names compared code point by code point, as a
 * C or C.UTF-8 database orders them).
 */
export function rankNearMisses(words: NameWords, close: repo.CloseWord[], substring: repo.SubstringMatch[], f: repo.SearchFilter): string[] {
  const n = words.ids.length;
  const weightOf = new Map<string, number>();
  for (const c of close) weightOf.set(c.w, c.weight);
  let totalWeight = 0;
  for (const weight of weightOf.values()) totalWeight += weight;
  const points = new Float64Array(n);
  const touched: number[] = [];
  const seen = new Uint8Array(n);
  for (const [w, weight] of weightOf) {
    // The closest name word each organization holds for this typed word.
    const best = new Map<number, number>();
    for (const c of close) {
      if (c.w !== w || c.word === null || c.closeness === null) continue;
      const holders = words.holders.get(c.word);
      if (!holders) continue;
      for (const o of holders) {
        const was = best.get(o);
        if (was === undefined || was < c.closeness) best.set(o, c.closeness);
      }
    }
    for (const [o, closeness] of best) {
      points[o] += closeness * weight;
      if (!seen[o]) {
        seen[o] = 1;
        touched.push(o);
      }
    }
  }
  type Ranked = { id: string; prefix: boolean; score: number; name: string };
  const ranked: Ranked[] = substring.map((m) => ({ id: m.id, prefix: m.prefix, score: 1, name: m.name }));
  const matched = new Set(substring.map((m) => m.id));
  for (const o of touched) {
    const score = points[o] / totalWeight;
    if (score < NEAR_MISS_SCORE || matched.has(words.ids[o])) continue;
    if (f.partnerCategory && words.partnerCategory[o] !== f.partnerCategory) continue;
    if (f.sector && words.sector[o] !== f.sector) continue;
    ranked.push({ id: words.ids[o], prefix: false, score, name: words.names[o] });
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  ranked.sort((a, b) => Number(b.prefix) - Number(a.prefix) || b.score - a.score || order(a.name, b.name) || order(a.id, b.id));
  return ranked.map((r) => r.id);
}

/**
 * A search's matches from `offset` on, at most `limit` of them, in rank order, and how many
 * match in all: the substring matches when there are NEAR_MISS_BELOW or more (someone who types
 * a word many names contain is not looking for a typo of it), else those and the near misses
 * (someone who mistypes, or types words apart or in another order, finds few or none).
 */
export async function rankedMatches(database: Database, version: string, f: repo.SearchFilter & { q: string }, limit: number, offset: number): Promise<{ ids: string[]; total: number }> {
  const db = database.db;
  const first = await repo.substringMatches(db, f, limit, offset);
  if (first.total >= repo.NEAR_MISS_BELOW) return { ids: first.rows.map((r) => r.id), total: first.total };
  const substring = offset === 0 && first.rows.length === first.total ? first.rows : (await repo.substringMatches(db, f, repo.NEAR_MISS_BELOW, 0)).rows;
  const [words, close] = await Promise.all([nameWordsAt(database, version), repo.closeWords(db, f.q)]);
  const ids = rankNearMisses(words, close, substring, f);
  return { ids: ids.slice(offset, offset + limit), total: ids.length };
}

const loaded = new WeakMap<Database, { version: string; words: Promise<NameWords> }>();

/**
 * The name words at `version` or newer, read once per version of the organizations (every
 * committed write to them moves it) and shared by the searches that need them meanwhile.
 * 10,000 organizations hold about 60,000 name words: a few megabytes.
 */
export async function nameWordsAt(database: Database, version: string): Promise<NameWords> {
  const held = loaded.get(database);
  if (held && held.version === version) return held.words;
  const words = repo.nameWordsSnapshot(database.db).then(nameWordsOf);
  const entry = { version, words };
  loaded.set(database, entry);
  try {
    const w = await words;
    // Read after the version the caller saw, it may be newer: kept under its own.
    if (w.version !== version && loaded.get(database) === entry) loaded.set(database, { version: w.version, words });
    return w;
  } catch (e) {
    if (loaded.get(database) === entry) loaded.delete(database);
    throw e;
  }
}
