import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { tileOrigin, type Config } from './config';
import type { Database } from './core/db/database';
import type { ModuleManifest } from './core/module';
import { Errors } from './core/http/errors';
import { allModules } from './modules';
import { registerAuthHooks } from './core/http/auth-hooks';
import { registerErrorHandling, registerInputGuards, sendNotFoundProblem, PROBLEM_CONTENT_TYPE } from './core/http/error-handler';
import { openapiTransform, openapiTransformObject } from './core/http/openapi';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    config: Config;
    /** "METHOD /path" of every route reachable without signing in, for review and tests. */
    publicRoutes: string[];
    /** Every route's response schemas, for tests that check them as a whole. */
    responseSchemas: { route: string; status: string; schema: unknown }[];
    /** Every route with its request schemas (params, querystring, body), for tests that drive them all. */
    routeCatalogue: { method: string; url: string; params?: unknown; querystring?: unknown; body?: unknown; bodyTypes?: string[] }[];
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const WEB_DIST = path.resolve(here, '../web/dist');

export interface BuildAppOptions {
  database: Database;
  config: Config;
  modules?: ModuleManifest[];
  logger?: FastifyServerOptions['logger'];
}

export const VERSION = JSON.parse(fs.readFileSync(path.resolve(here, '../package.json'), 'utf8')).version as string;

const SECRET_PARAM = /^(token|.*_token|.*Token|secret|key|api_?key|password|code|signature|sig|session|auth|authorization|ticket)$/i;

/**
 * A URL as logged: secrets in the path (route parameters such as a partner link's `:token`,
 * matched by name) and in the query string (`?token=`, `?key=`, …) become `[redacted]`.
 */
export function redactUrlSecrets(url: string, routeUrl?: string): string {
  const [pathPart, query] = splitOnce(url, '?');
  let pathOut = pathPart;
  if (routeUrl) {
    const pattern = routeUrl.split('?')[0].split('/');
    const actual = pathPart.split('/');
    if (pattern.length === actual.length) {
      pathOut = actual.map((seg, i) => (pattern[i].startsWith(':') && SECRET_PARAM.test(pattern[i].slice(1)) ? '[redacted]' : seg)).join('/');
    }
  }
  // Links whose route is unknown (404s, other prefixes) still hide what follows a link segment.
  pathOut = pathOut.replace(/\/(partner-links|links|tokens?|invitations?|reset)\/[^/]+/gi, '/$1/[redacted]');
  if (query === undefined) return pathOut;
  const params = query.split('&').map((pair) => {
    const [name] = splitOnce(pair, '=');
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      /* keep the raw name */
    }
    return SECRET_PARAM.test(decoded) ? `${name}=[redacted]` : pair;
  });
  return `${pathOut}?${params.join('&')}`;
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** Log options: never log passwords, cookies, CSRF tokens, authorization headers or link tokens. */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.newPassword',
        '*.currentPassword',
        '*.token',
        'password',
        'token',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(req: { method?: string; url?: string; host?: string; ip?: string; hostname?: string; routeOptions?: { url?: string }; socket?: { remotePort?: number } }) {
        return {
          method: req.method,
          url: redactUrlSecrets(req.url ?? '', req.routeOptions?.url),
          host: req.host ?? req.hostname,
          remoteAddress: req.ip,
          remotePort: req.socket?.remotePort,
        };
      },
    },
  };
}

/** A random secret generated once per database and kept in app_meta, so it survives restarts. */
async function platformSecret(database: Database, key: string): Promise<string> {
  const fresh = crypto.randomBytes(32).toString('base64url');
  await database.query(`INSERT INTO app_meta (key, value) VALUES ($1, to_jsonb($2::text)) ON CONFLICT (key) DO NOTHING`, [key, fresh]);
  const [row] = await database.query<{ value: string }>('SELECT value FROM app_meta WHERE key = $1', [key]);
  return row.value;
}

/** A transaction holding the embedded database this long counts as a long task… */
const BUSY_AFTER_MS = 1000;
/** …and a request waits at most this long for it before answering 503. */
const MAX_WAIT_MS = 3000;

export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const { config, database } = opts;
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    trustProxy: process.env.TRUST_PROXY === 'true',
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.decorate('database', database);
  app.decorate('publicRoutes', [] as string[]);
  app.decorate('responseSchemas', [] as { route: string; status: string; schema: unknown }[]);
  app.decorate('routeCatalogue', [] as FastifyInstance['routeCatalogue']);
  app.addHook('onRoute', (route) => {
    if (route.config?.public) for (const m of [route.method].flat()) if (m !== 'HEAD') app.publicRoutes.push(`${m} ${route.url}`);
    const responses = (route.schema?.response ?? {}) as Record<string, unknown>;
    for (const m of [route.method].flat()) {
      if (m === 'HEAD' || m === 'OPTIONS') continue;
      const sc = (route.schema ?? {}) as { params?: unknown; querystring?: unknown; body?: unknown; consumes?: string[] };
      app.routeCatalogue.push({ method: m, url: route.url, params: sc.params, querystring: sc.querystring, body: sc.body, bodyTypes: sc.consumes });
    }
    for (const [status, schema] of Object.entries(responses)) app.responseSchemas.push({ route: `${[route.method].flat().join(',')} ${route.url}`, status, schema });
  });
  app.decorate('config', config);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerInputGuards(app);

  await app.register(helmet, {
    // The SPA, the API docs and the maps are all served from here and draw offline: nothing
    // is loaded from elsewhere. Styles allow inline because charts set style attributes.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Street tiles, when MAP_TILE_URL is set, come from that one origin.
        imgSrc: ["'self'", 'data:', 'blob:', ...[tileOrigin(config.map.tileUrl)].filter((o): o is string => !!o)],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.cookieSecure === true ? [] : null,
      },
    },
    // Same-origin API, no cross-origin embedding wanted; HSTS only when served over HTTPS.
    strictTransportSecurity: config.cookieSecure === true ? { maxAge: 31536000 } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie, { secret: config.cookieSecret });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'rt_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: false },
    getToken: (req) => req.headers['x-csrf-token'] as string | undefined,
    csrfOpts: { userInfo: true, hmacKey: await platformSecret(database, 'csrf_hmac_key') },
    getUserInfo: (req) => (req.actor?.kind === 'user' ? req.actor.userId : ''),
  });
  await app.register(rateLimit, { global: false });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Roundtable API',
        version: VERSION,
        description:
          'JSON API of Roundtable. Sign in with POST /api/v1/auth/login; it sets an httpOnly session cookie and returns a CSRF token to send as `x-csrf-token` on POST, PUT, PATCH and DELETE. Errors are application/problem+json with the fields at fault in `errors`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'rt_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
      security: [{ session: [] }],
    },
    transform: openapiTransform,
    transformObject: openapiTransformObject,
  });
  // The app's own policy (helmet, above) covers the docs too; no validator badge from the internet.
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { validatorUrl: null } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // The embedded database has one connection. A request that arrives while a long task
  // (an import) holds it waits at most a few seconds, then gets 503 with Retry-After, rather
  // than hanging for minutes; /health never touches the database.
  if (database.busyFor) {
    const busyFor = database.busyFor.bind(database);
    app.addHook('onRequest', async (req, reply) => {
      if (!/^\/(api|hsds)(\/|$)/.test(req.url) || busyFor() < BUSY_AFTER_MS) return;
      const deadline = Date.now() + MAX_WAIT_MS;
      while (Date.now() < deadline && busyFor() >= BUSY_AFTER_MS) await new Promise((r) => setTimeout(r, 50));
      if (busyFor() >= BUSY_AFTER_MS) {
        reply.header('retry-after', '5');
        throw Errors.unavailable(5, 'The database is busy with a long task, such as an import. Try again in a few seconds.');
      }
    });
  }

  registerAuthHooks(app);

  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/ready', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await database.query('SELECT 1 FROM schema_migrations LIMIT 1');
      return { status: 'ready', database: database.kind };
    } catch {
      return reply.code(503).type(PROBLEM_CONTENT_TYPE).send({ title: 'Database not ready', status: 503, code: 'not_ready' });
    }
  });

  const modules = opts.modules ?? allModules;
  for (const m of modules) if (m.init) await m.init({ database, config });
  app.addHook('onClose', async () => {
    for (const m of [...modules].reverse()) if (m.close) await m.close({ database });
  });

  await app.register(
    async (api) => {
      for (const m of opts.modules ?? allModules) if (m.routes) await api.register(m.routes);
      api.get('/meta', { config: { public: true }, schema: { hide: true } }, async () => ({ version: VERSION, demo: config.demo, database: database.kind, map: config.map }));
    },
    { prefix: '/api/v1' },
  );
  for (const m of opts.modules ?? allModules) for (const mount of m.mounts ?? []) await app.register(mount.routes, { prefix: mount.prefix });

  const hasWeb = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      index: false,
      cacheControl: false,
      // The build writes .br and .gz copies (vite.config.ts); they are sent to clients that accept them.
      preCompressed: true,
      // Vite fingerprints everything under assets/, so those can be cached for good.
      setHeaders: (res, filePath) => {
        res.setHeader('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
        res.setHeader('vary', 'accept-encoding');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const isPage = req.method === 'GET' && !/^\/(api|hsds)(\/|$)/.test(req.url) && !path.extname(req.url.split('?')[0]);
    if (isPage && hasWeb) return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    if (isPage) return reply.type('text/plain').send('The web interface is not built. Run `npm run build` (npm start does this for you).');
    return reply.code(404).type(PROBLEM_CONTENT_TYPE).send(sendNotFoundProblem(req.url));
  });
  return app;
}
