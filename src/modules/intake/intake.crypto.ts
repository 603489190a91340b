import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../../config';
import * as keysRepo from './repository/keys';

/**
 * Field encryption for client records (decision 0008): AES-256-GCM per field, each value
 * carrying the id of the key that sealed it so keys can rotate; blind indexes (HMAC-SHA256
 * under a key derived from the current key) for exact search and duplicate detection.
 */
export interface Keyring {
  currentId: string;
  keys: Map<string, Buffer>;
  /** Derived from the current key; blind indexes are recomputed on rotation. */
  indexKey: Buffer;
  source: 'env' | 'file';
}

let configured: Config | undefined;
let cached: Keyring | undefined;
let boundDir: string | undefined;

/**
 * The embedded database's folder, where the demo key file lives. Seeds, routes and CLI
 * commands bind the database they got, so all of them use the same key whatever the
 * process's DATA_DIR says.
 */
export function bindDatabase(database: { dataDir?: string }): void {
  if (database.dataDir && database.dataDir !== boundDir) {
    boundDir = database.dataDir;
    cached = undefined;
  }
}

/**
 * Forgets the bound database, the configuration and the keys. A process serves one database;
 * one that goes on to another (test files run one after another in a worker) starts again here.
 */
export function forgetEncryptionState(): void {
  configured = undefined;
  cached = undefined;
  boundDir = undefined;
}

/** The app hands its config over once (routes registration); CLI and seeds fall back to the environment. */
export function useEncryptionConfig(config: Config): void {
  if (configured !== config) cached = undefined;
  configured = config;
}

function decodeKey(id: string, b64: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new Error(`Encryption key ${id} must be base64 of exactly 32 bytes`);
  return key;
}

/**
 * One key format everywhere: `<id>:<base64 of 32 bytes>`, as in the key file, or the bare
 * base64 (the id then comes from ROUNDTABLE_ENCRYPTION_KEY_ID). The key file's line can be
 * pasted into ROUNDTABLE_ENCRYPTION_KEY as it is.
 */
export function parseKeySpec(spec: string, defaultId: string): { id: string; key: Buffer } {
  const trimmed = spec.trim();
  const at = trimmed.indexOf(':');
  if (at < 0) return { id: defaultId, key: decodeKey(defaultId, trimmed) };
  const id = trimmed.slice(0, at);
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new Error('An encryption key is written `<id>:<base64>`, the id in letters, digits, - and _');
  return { id, key: decodeKey(id, trimmed.slice(at + 1)) };
}

export const KEY_FILE = 'intake-encryption.key';

/** Where the embedded database keeps its generated key. */
export function keyFilePath(config: Config): string {
  return path.join(boundDir ?? config.dataDir, KEY_FILE);
}

export function buildKeyring(config: Config, warn: (m: string) => void = (m) => console.warn(m)): Keyring {
  const enc = config.encryption;
  const keys = new Map<string, Buffer>();
  let source: Keyring['source'] = 'env';
  let currentId: string;
  if (enc.key) {
    const parsed = parseKeySpec(enc.key, enc.keyId);
    currentId = parsed.id;
    keys.set(parsed.id, parsed.key);
  } else {
    if (config.databaseUrl) {
      throw new Error('ROUNDTABLE_ENCRYPTION_KEY is required with DATABASE_URL (base64 of 32 random bytes: `openssl rand -base64 32`)');
    }
    // Embedded demo: a key file beside the database, readable by its owner only.
    const file = keyFilePath(config);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `k1:${crypto.randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
      warn(`intake: no ROUNDTABLE_ENCRYPTION_KEY set; generated ${file} (mode 0600). Set the variable in production.`);
    }
    const parsed = parseKeySpec(fs.readFileSync(file, 'utf8'), enc.keyId);
    currentId = parsed.id;
    keys.set(parsed.id, parsed.key);
    source = 'file';
  }
  for (const p of enc.previousKeys) if (!keys.has(p.id)) keys.set(p.id, parseKeySpec(p.key, p.id).key);
  const indexKey = Buffer.from(crypto.hkdfSync('sha256', keys.get(currentId)!, Buffer.alloc(0), 'roundtable-intake-blind-index', 32));
  return { currentId, keys, indexKey, source };
}

/** A check value of a key (HMAC of a fixed text): tells keys apart without revealing them. */
export function keyFingerprint(key: Buffer): string {
  return crypto.createHmac('sha256', key).update('roundtable-encryption-key-check').digest('hex').slice(0, 32);
}

const FINGERPRINTS = 'encryption_key_fingerprints';

export class MissingEncryptionKeyError extends Error {}

type KeyCheckDb = keysRepo.KeyCheckDb;

/**
 * Before a server handles client records: every key that sealed stored records must be
 * present and be the same key (its fingerprint, kept in app_meta, must match). Otherwise
 * refuse with one line naming the key id, and never generate a fresh key in its place: a
 * restored database without its key file would otherwise get a new key with the same id,
 * answer 500 on every old record and seal new ones under the wrong key.
 */
export async function checkEncryptionKeys(database: KeyCheckDb, config: Config): Promise<void> {
  useEncryptionConfig(config);
  bindDatabase(database);
  const recorded: Record<string, string> = { ...((await keysRepo.recordedFingerprints(database, FINGERPRINTS)) ?? {}) };
  // Databases sealed before fingerprints were kept: the key ids their records name.
  const samples = await keysRepo.sealedSamples(database);
  const sealedIds = [...new Set([...Object.keys(recorded), ...samples.map((s) => keyIdOf(s.sealed)!)])];
  const fix = (id: string) =>
    config.databaseUrl
      ? `set ROUNDTABLE_ENCRYPTION_KEY (or ROUNDTABLE_ENCRYPTION_PREVIOUS_KEYS) to key ${id}`
      : `copy the ${KEY_FILE} that belongs to this database into ${path.dirname(keyFilePath(config))}, or set ROUNDTABLE_ENCRYPTION_KEY to key ${id}`;
  if (sealedIds.length && !config.encryption.key && !config.databaseUrl && !fs.existsSync(keyFilePath(config))) {
    throw new MissingEncryptionKeyError(`Client records in this database are sealed with encryption key ${sealedIds[0]}, which this server does not have: ${fix(sealedIds[0])}. Refusing to start.`);
  }
  cached = undefined;
  const k = keyring();
  for (const id of sealedIds) {
    const key = k.keys.get(id);
    if (!key) throw new MissingEncryptionKeyError(`Client records in this database are sealed with encryption key ${id}, which this server does not have: ${fix(id)}. Refusing to start.`);
    if (recorded[id] && recorded[id] !== keyFingerprint(key)) {
      throw new MissingEncryptionKeyError(`Encryption key ${id} given to this server is not the key ${id} that sealed this database's client records: ${fix(id)}. Refusing to start.`);
    }
  }
  for (const s of samples) {
    try {
      decrypt(s.sealed, k);
    } catch {
      const id = keyIdOf(s.sealed)!;
      throw new MissingEncryptionKeyError(`Encryption key ${id} given to this server cannot open this database's client records: ${fix(id)}. Refusing to start.`);
    }
  }
  if (recorded[k.currentId] !== keyFingerprint(k.keys.get(k.currentId)!)) {
    await recordKeyFingerprints(database, { ...recorded, [k.currentId]: keyFingerprint(k.keys.get(k.currentId)!) });
  }
}

/** Replaces the set of keys the database's records are sealed with (after a rotation, only the current one). */
export async function recordKeyFingerprints(database: KeyCheckDb, fingerprints: Record<string, string>): Promise<void> {
  await keysRepo.saveFingerprints(database, FINGERPRINTS, fingerprints);
}

export function keyring(): Keyring {
  if (!cached) cached = buildKeyring(configured ?? loadConfig());
  return cached;
}

/** For tests and key rotation. */
export function setKeyring(k: Keyring | undefined): void {
  cached = k;
}

const PREFIX = 'v1';

export function encrypt(plain: string | null | undefined, k: Keyring = keyring()): string | null {
  if (plain === null || plain === undefined || plain === '') return null;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', k.keys.get(k.currentId)!, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [PREFIX, k.currentId, iv.toString('base64'), ct.toString('base64'), cipher.getAuthTag().toString('base64')].join(':');
}

export function decrypt(sealed: string | null | undefined, k: Keyring = keyring()): string | null {
  if (!sealed) return null;
  const [v, id, iv, ct, tag] = sealed.split(':');
  if (v !== PREFIX) throw new Error('Unknown encryption format');
  const key = k.keys.get(id);
  if (!key) throw new Error(`Encryption key ${id} is not configured (add it to ROUNDTABLE_ENCRYPTION_PREVIOUS_KEYS)`);
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8');
}

export const encryptJson = (v: unknown, k?: Keyring) => encrypt(v === undefined || v === null ? null : JSON.stringify(v), k);
export const decryptJson = <T>(s: string | null | undefined, k?: Keyring): T | null => {
  const p = decrypt(s, k);
  return p === null ? null : (JSON.parse(p) as T);
};

export function keyIdOf(sealed: string | null): string | null {
  return sealed ? sealed.split(':')[1] : null;
}

/** Lower case, accents off, letters only. */
export function normalize(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/['’]/g, '').replace(/[^a-z]+/g, ' ').trim();
}

/** American Soundex: sounds-alike key so "Mohamed" and "Muhammad" meet. */
export function soundex(word: string): string {
  const w = normalize(word).replace(/[^a-z]/g, '');
  if (!w) return '';
  const codes: Record<string, string> = { b: '1', f: '1', p: '1', v: '1', c: '2', g: '2', j: '2', k: '2', q: '2', s: '2', x: '2', z: '2', d: '3', t: '3', l: '4', m: '5', n: '5', r: '6' };
  let out = w[0].toUpperCase();
  let last = codes[w[0]] ?? '';
  for (const ch of w.slice(1)) {
    const c = codes[ch] ?? '';
    if (c && c !== last) out += c;
    if (ch !== 'h' && ch !== 'w') last = c;
    if (out.length === 4) break;
  }
  return out.padEnd(4, '0');
}

function hmac(purpose: string, value: string, k: Keyring): string {
  return crypto.createHmac('sha256', k.indexKey).update(`${purpose}:${value}`).digest('base64url').slice(0, 22);
}

/** Blind index tokens of a name: each word exactly, and each word's Soundex key. */
export function nameIndex(...names: (string | null | undefined)[]): string[] {
  const k = keyring();
  const out = new Set<string>();
  for (const n of names) {
    for (const word of normalize(n ?? '').split(/\s+/).filter((x) => x.length > 1)) {
      out.add(hmac('n', word, k));
      out.add(hmac('s', soundex(word), k));
    }
  }
  return [...out];
}

/** Tokens for a search box: exact words and sounds-alike keys (either may match). */
export function searchTokens(q: string): { exact: string[]; phonetic: string[] } {
  const k = keyring();
  const words = normalize(q).split(/\s+/).filter((x) => x.length > 1);
  return { exact: words.map((w) => hmac('n', w, k)), phonetic: words.map((w) => hmac('s', soundex(w), k)) };
}

export function dobIndex(dob: string | null | undefined): string | null {
  return dob ? hmac('d', dob, keyring()) : null;
}

/** Tokens for partner links and such: random, shown once, stored as SHA-256. */
export function newToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}
export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
