import crypto from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { Negotiator } from '@fastify/accept-negotiator';
import { LRUCache } from 'lru-cache';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readDatabase, type Database } from '../../core/db/database';
import { directoryVersion } from './repository/version';
import type { FinderQuery } from './directory.schema';
import { radiusOf } from './directory.service';

/**
 * The public finder's answer cache (docs/directory.md, "Answer cache"). Anonymous finder and
 * HSDA list answers carry no personal data and are the same for everyone, so each is kept,
 * serialized, under the directory's version (migration 0070, moved on by every directory
 * write in its own transaction) and the normalized query. A request reads the version (one row,
 * from the database that answers: the replica when there is one, so a lagging replica's answers
 * stay under the version of the data it holds), and is answered from memory when that
 * version's answer is there. Entries also expire after a TTL (writes to tables outside the
 * directory, such as the postal areas' reference data, are caught by it at worst).
 */
export interface AnswerCacheOptions {
  /** Upper bound of the serialized answers kept, in bytes; 0 turns the cache and its headers off. */
  maxBytes: number;
  ttlMs: number;
  /** Cache-Control max-age of public answers, for a CDN or reverse proxy in front. */
  httpMaxAgeS: number;
}

export const DEFAULT_ANSWER_CACHE: AnswerCacheOptions = { maxBytes: 32 * 1024 * 1024, ttlMs: 10 * 60_000, httpMaxAgeS: 30 };

/** The clock the cache's TTL reads; the tests give their own. */
export interface Clock {
  now(): number;
}

/** The content codings public answers are sent in, best first. */
export type Coding = 'br' | 'gzip';
const negotiator = new Negotiator({ supportedValues: ['br', 'gzip'], cache: new Map() });
/** Answers shorter than this go out as they are: compressing them saves less than its headers cost. */
export const COMPRESS_FROM_BYTES = 1024;
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** The coding to send a public answer in, by the request's Accept-Encoding; null: as it is. */
export function codingFor(acceptEncoding: string | undefined, body: string): Coding | null {
  if (!acceptEncoding || body.length < COMPRESS_FROM_BYTES) return null;
  return (negotiator.negotiate(acceptEncoding) as Coding | null) ?? null;
}

/**
 * The answer compressed. Once per answer and coding, off the event loop (zlib's thread pool), at
 * a higher setting than a per-response compressor could afford: a kept answer is sent many
 * times, and a finder page of 20 services at 60,000 (23–26 KB of JSON) is 2.8–3.5 KB this way.
 */
async function compress(body: string, coding: Coding): Promise<Buffer> {
  const input = Buffer.from(body, 'utf8');
  if (coding === 'br') {
    return brotli(input, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: input.length } });
  }
  return gzip(input, { level: 6 });
}

/** Serialized answers, least recently used first out, bounded by their total size (lru-cache). */
export class AnswerCache {
  private readonly entries: LRUCache<string, string>;
  /** The kept answers compressed, under the answer's key and the coding; a quarter of the budget again. */
  private readonly compressed: LRUCache<string, Buffer>;
  private readonly inflight = new Map<string, Promise<string>>();
  private readonly compressing = new Map<string, Promise<Buffer>>();
  hits = 0;
  misses = 0;

  constructor(
    readonly options: AnswerCacheOptions,
    clock: Clock = performance,
  ) {
    this.entries = new LRUCache<string, string>({
      maxSize: Math.max(1, options.maxBytes),
      // UTF-16 upper bound plus the key and the map's own overhead, roughly.
      sizeCalculation: (body, key) => (body.length + key.length) * 2 + 100,
      // One answer never takes more than an eighth of the cache.
      maxEntrySize: Math.max(1, Math.floor(options.maxBytes / 8)),
      ttl: options.ttlMs,
      perf: clock,
    });
    const quarter = Math.max(1, Math.floor(options.maxBytes / 4));
    this.compressed = new LRUCache<string, Buffer>({
      maxSize: quarter,
      sizeCalculation: (bytes, key) => bytes.length + key.length * 2 + 100,
      maxEntrySize: Math.max(1, Math.floor(quarter / 8)),
      ttl: options.ttlMs,
      perf: clock,
    });
  }

  /**
   * The answer kept under `key` (its body is `body`) in `coding`, compressed the first time it is
   * asked for, once however many requests ask at the same time (the waiters of a new answer).
   */
  async encoded(key: string, body: string, coding: Coding): Promise<Buffer> {
    const k = `${coding}\0${key}`;
    const kept = this.compressed.get(k);
    if (kept) return kept;
    let pending = this.compressing.get(k);
    if (!pending) {
      pending = compress(body, coding)
        .then((bytes) => (this.compressed.set(k, bytes), bytes))
        .finally(() => this.compressing.delete(k));
      this.compressing.set(k, pending);
    }
    return pending;
  }

  get enabled(): boolean {
    return this.options.maxBytes > 0;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.entries.calculatedSize };
  }

  get(key: string): string | undefined {
    return this.entries.get(key);
  }

  set(key: string, body: string): void {
    this.entries.set(key, body);
  }

  /** The answer under key, computed once however many requests ask for it at the same time. */
  async answer(key: string, compute: () => Promise<string>): Promise<{ body: string; hit: boolean }> {
    const cached = this.get(key);
    if (cached !== undefined) {
      this.hits++;
      return { body: cached, hit: true };
    }
    this.misses++;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = compute().finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
      const body = await pending;
      this.set(key, body);
      return { body, hit: false };
    }
    return { body: await pending, hit: false };
  }
}

type ServiceDocument = Record<string, unknown>;

/**
 * The finder's service documents (everything a result card shows), each kept with the
 * directory version it was read under. A search whose answer is not kept still finds most of
 * its page here: searches worded differently land on the same services. A document is used
 * only under the version it was read at, and the version is read before the documents, so a
 * kept document is never older than the version it is kept under.
 */
export class ServiceDocuments {
  private readonly docs: LRUCache<string, { version: string; doc: ServiceDocument }>;
  hits = 0;
  misses = 0;

  constructor(maxBytes: number, ttlMs: number, clock: Clock = performance) {
    this.docs = new LRUCache({
      maxSize: Math.max(1, maxBytes),
      // As the answer cache counts: the document's JSON in UTF-16, plus the entry's overhead. A
      // full HSDA record can be ten times a result card, so a count alone would not bound memory.
      sizeCalculation: (entry, key) => (JSON.stringify(entry.doc).length + key.length) * 2 + 200,
      ttl: ttlMs,
      perf: clock,
    });
  }

  /**
   * The documents of `ids` in their order: kept ones from memory, the others from `load` (in one
   * call). `kind` names the shape (the finder's card, an HSDA list item, an HSDA full record).
   */
  async get(version: string, ids: string[], load: (ids: string[]) => Promise<ServiceDocument[]>, kind = 'finder'): Promise<ServiceDocument[]> {
    const found = ids.map((id) => {
      const kept = this.docs.get(`${kind}:${id}`);
      return kept && kept.version === version ? kept.doc : undefined;
    });
    const missing = ids.filter((_, i) => !found[i]);
    this.hits += ids.length - missing.length;
    this.misses += missing.length;
    if (missing.length) {
      const loaded = new Map((await load(missing)).map((d) => [d.id as string, d]));
      for (const [id, doc] of loaded) this.docs.set(`${kind}:${id}`, { version, doc });
      ids.forEach((id, i) => (found[i] ??= loaded.get(id)));
    }
    // A service deleted between the search and this read has no document: it is left out.
    return found.filter((d): d is ServiceDocument => !!d);
  }
}

const documentCaches = new WeakMap<Database, ServiceDocuments | null>();

/** This server's kept service documents, with the answer cache's budget again; null when that cache is off. */
export function serviceDocumentsOf(app: FastifyInstance): ServiceDocuments | null {
  let docs = documentCaches.get(app.database);
  if (docs === undefined) {
    const options = app.config?.finderCache ?? DEFAULT_ANSWER_CACHE;
    docs = options.maxBytes > 0 ? new ServiceDocuments(options.maxBytes, options.ttlMs) : null;
    documentCaches.set(app.database, docs);
  }
  return docs;
}

const caches = new WeakMap<Database, AnswerCache>();

/** The answer cache of this server (one per database), from its configuration. */
export function answerCacheOf(app: FastifyInstance): AnswerCache {
  let cache = caches.get(app.database);
  if (!cache) {
    cache = new AnswerCache(app.config?.finderCache ?? DEFAULT_ANSWER_CACHE);
    caches.set(app.database, cache);
  }
  return cache;
}

/** Folds a query's words as the search does (accents, case, outer spaces): same fold, same answer. */
export const foldQuery = (q: string | undefined) => (q ? q.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim() : '');

/**
 * The finder query as a cache key: everything the answer depends on, normalized (words folded
 * as the search folds them, term ids sorted, the place as typed but in one case). openNow
 * depends on the time: its answers are kept per minute.
 */
export function finderKey(f: FinderQuery, at = Date.now()): string {
  return JSON.stringify([
    foldQuery(f.q),
    [...(f.termId ?? [])].sort(),
    f.municipality?.toLowerCase() ?? null,
    f.near?.toLowerCase() ?? null,
    f.near ? radiusOf(f) : null,
    f.language?.toLowerCase() ?? null,
    f.age ?? null,
    f.openNow ? Math.floor(at / 60_000) : null,
    !!f.free,
    !!f.wheelchair,
    f.lang,
    f.page,
    f.perPage,
  ]);
}

/** Any validated query as a cache key: its fields in name order (dates as ISO text). */
export function queryKey(q: Record<string, unknown>): string {
  return JSON.stringify(Object.keys(q).sort().map((k) => [k, q[k]]));
}

/**
 * Answers a public read from the cache when the caller is anonymous and the cache is on, and
 * says so (the route then returns `reply`); otherwise (signed in, cache off) returns false and
 * the route answers as usual.
 * `key` must hold everything the answer depends on, normalized; `compute` (given the directory
 * version the answer is kept under, already read) the serialized
 * answer exactly as the route's response schema would send it.
 */
export async function cachedPublicAnswer(req: FastifyRequest, reply: FastifyReply, route: string, key: string, compute: (version: string) => Promise<string>): Promise<boolean> {
  const cache = answerCacheOf(req.server);
  if (!cache.enabled || req.actor) return false;
  const version = await directoryVersion(readDatabase(req.server.database).db);
  const digest = crypto.createHash('sha1').update(route).update('\0').update(key).digest('base64url').slice(0, 22);
  const etag = `W/"d${version}-${digest}"`;
  const cacheControl = `public, max-age=${cache.options.httpMaxAgeS}`;
  const ifNoneMatch = req.headers['if-none-match'];
  // A cache in front (the answers are public) keeps one copy per coding.
  reply.header('vary', 'accept-encoding');
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
    reply.code(304).header('etag', etag).header('cache-control', cacheControl).send();
    return true;
  }
  // An error (400 for an unknown place…) propagates without the caching headers and is not kept.
  const entry = `${version}\0${route}\0${key}`;
  const { body, hit } = await cache.answer(entry, () => compute(version));
  reply.header('etag', etag).header('cache-control', cacheControl).header('x-cache', hit ? 'hit' : 'miss').type('application/json; charset=utf-8');
  // Compressed only here: these answers are public and the same for everyone, so their size
  // tells nothing about a secret (no BREACH-style oracle; docs/directory.md, "Answer cache").
  const coding = codingFor(req.headers['accept-encoding'], body);
  // Not `return reply`: a reply is thenable, and awaiting it would wait for the response to finish.
  if (coding) reply.header('content-encoding', coding).send(await cache.encoded(entry, body, coding));
  else reply.send(body);
  return true;
}
