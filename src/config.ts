import path from 'node:path';
import { z } from 'zod';

/** Runtime settings, read once from the environment. Documented in README "Configuration". */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Default: 127.0.0.1 when demo data (published passwords) is on, every interface otherwise. */
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ROUNDTABLE_DEMO: z.enum(['auto', 'true', 'false', '1', '0']).default('auto'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(120),
  SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  COOKIE_SECRET: z.string().min(32).optional(),
  /** No Wrong Door client records: base64 of 32 random bytes (AES-256-GCM). Required with DATABASE_URL. */
  ROUNDTABLE_ENCRYPTION_KEY: z.string().optional(),
  /** The current key's id, stored with each encrypted value (default k1). */
  ROUNDTABLE_ENCRYPTION_KEY_ID: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).default('k1'),
  /** Earlier keys still needed to decrypt during a rotation: "id:base64,id:base64". */
  ROUNDTABLE_ENCRYPTION_PREVIOUS_KEYS: z.string().optional(),
  /** E-mail copies of notices (docs/notifications.md): off unless SMTP_HOST and SMTP_FROM are set. */
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().email().optional(),
  /** The address people open the app at, for links in e-mails (e.g. https://roundtable.example.org). */
  PUBLIC_URL: z.string().url().optional(),
  /** How often waiting notices are e-mailed, in seconds. */
  SMTP_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Optional street tiles under the maps: an http(s) template with {z}, {x} and {y}. */
  MAP_TILE_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u) && ['{z}', '{x}', '{y}'].every((p) => u.includes(p)), 'Use an http(s) URL with {z}, {x} and {y}')
    .optional(),
  /** Credit shown under maps drawn on those tiles, e.g. "© OpenStreetMap contributors". */
  MAP_TILE_ATTRIBUTION: z.string().max(200).optional(),
  /** The public finder's answer cache, in MB (docs/directory.md "Answer cache"); 0 turns it and its HTTP caching headers off. */
  FINDER_CACHE_MB: z.coerce.number().min(0).max(4096).default(32),
  /** How long a cached finder answer may be served at most, in seconds, even if the directory's version has not moved. */
  FINDER_CACHE_TTL_S: z.coerce.number().int().min(1).max(86400).default(600),
  /** Cache-Control max-age of anonymous finder and HSDA answers, for a CDN or reverse proxy (0: revalidate every time). */
  FINDER_HTTP_MAX_AGE_S: z.coerce.number().int().min(0).max(3600).default(30),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  logLevel: string;
  /** Load the Durham demo data (with its public demo accounts) on first start. */
  demo: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  cookieSecure: boolean | 'auto';
  cookieSecret?: string;
  /** Encryption of personal fields (intake module); see docs/intake.md "Encryption keys". */
  encryption: { key?: string; keyId: string; previousKeys: { id: string; key: string }[] };
  /** E-mail copies of notices; absent when SMTP is not configured (docs/notifications.md). */
  smtp?: SmtpConfig;
  /** Street tiles drawn under the SVG maps; without them the maps draw offline. */
  map: { tileUrl: string | null; tileAttribution: string | null };
  /** The public finder's answer cache (directory module); defaults apply when absent. */
  finderCache?: { maxBytes: number; ttlMs: number; httpMaxAgeS: number };
}

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  publicUrl?: string;
  pollSeconds: number;
}

/** The origin a tile template loads from, for the Content-Security-Policy. */
export function tileOrigin(template: string | null): string | null {
  if (!template) return null;
  return new URL(template.replace(/\{[a-z]\}/g, '0')).origin;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid setting ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  const demoFlag = e.ROUNDTABLE_DEMO;
  const demo = demoFlag === 'auto' ? !e.DATABASE_URL : demoFlag === 'true' || demoFlag === '1';
  return {
    port: e.PORT,
    host: e.HOST ?? (demo ? '127.0.0.1' : '0.0.0.0'),
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    // Demo accounts have published passwords, so a real server only gets them when asked.
    demo,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    cookieSecret: e.COOKIE_SECRET,
    encryption: {
      key: e.ROUNDTABLE_ENCRYPTION_KEY,
      keyId: e.ROUNDTABLE_ENCRYPTION_KEY_ID,
      previousKeys: (e.ROUNDTABLE_ENCRYPTION_PREVIOUS_KEYS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((pair) => {
          const at = pair.indexOf(':');
          return { id: pair.slice(0, at), key: pair.slice(at + 1) };
        }),
    },
    smtp:
      e.SMTP_HOST && e.SMTP_FROM
        ? { host: e.SMTP_HOST, port: e.SMTP_PORT, secure: e.SMTP_SECURE === 'true', user: e.SMTP_USER, password: e.SMTP_PASSWORD, from: e.SMTP_FROM, publicUrl: e.PUBLIC_URL, pollSeconds: e.SMTP_POLL_SECONDS }
        : undefined,
    map: { tileUrl: e.MAP_TILE_URL ?? null, tileAttribution: e.MAP_TILE_ATTRIBUTION ?? null },
    finderCache: { maxBytes: Math.round(e.FINDER_CACHE_MB * 1024 * 1024), ttlMs: e.FINDER_CACHE_TTL_S * 1000, httpMaxAgeS: e.FINDER_HTTP_MAX_AGE_S },
  };
}
