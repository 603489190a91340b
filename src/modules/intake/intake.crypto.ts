import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../../config';

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

export function buildKeyring(config: Config, warn: (m: string) => void = (m) => console.warn(m)): Keyring {
  const enc = config.encryption;
  const keys = new Map<string, Buffer>();
  let source: Keyring['source'] = 'env';
  let currentId = enc.keyId;
  if (enc.key) {
    keys.set(enc.keyId, decodeKey(enc.keyId, enc.key));
  } else {
    if (config.databaseUrl) {
      throw new Error('ROUNDTABLE_ENCRYPTION_KEY is required with DATABASE_URL (base64 of 32 random bytes: `openssl rand -base64 32`)');
    }
    // Embedded demo: a key file beside the database, readable by its owner only.
    const dir = boundDir ?? config.dataDir;
    const file = path.join(dir, 'intake-encryption.key');
    if (!fs.existsSync(file)) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(file, `k1:${crypto.randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
      warn(`intake: no ROUNDTABLE_ENCRYPTION_KEY set; generated ${file} (mode 0600). Set the variable in production.`);
    }
    const [id, b64] = fs.readFileSync(file, 'utf8').trim().split(':');
    currentId = id;
    keys.set(id, decodeKey(id, b64));
    source = 'file';
  }
  for (const p of enc.previousKeys) if (!keys.has(p.id)) keys.set(p.id, decodeKey(p.id, p.key));
  const indexKey = Buffer.from(crypto.hkdfSync('sha256', keys.get(currentId)!, Buffer.alloc(0), 'roundtable-intake-blind-index', 32));
  return { currentId, keys, indexKey, source };
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
