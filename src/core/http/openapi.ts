import type { SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { ProblemSchema } from './problem.schema';

/**
 * How the API describes itself at /openapi.json, on top of the zod schemas: a stable
 * operationId for every operation, the sign-in each one needs, and the errors that the
 * platform itself answers with (sign-in, CSRF, validation) where a route does not list them.
 */

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * `GET /api/v1/collaboratives/{id}/meetings` → `getCollaborativesIdMeetings`. Derived from the
 * method and path only, so it never changes unless the route does, and is unique because
 * method + path is.
 */
export function operationIdFor(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v\d+(?=\/|$)/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1));
  return method.toLowerCase() + words.join('');
}

type Security = Record<string, string[]>[];

/**
 * Mirrors the auth hooks (src/core/http/auth-hooks.ts): only /api/ routes look at the session;
 * there a non-public route needs one, and an unsafe method also needs the CSRF token.
 */
export function securityFor(method: string, url: string, config: { public?: boolean; csrfExempt?: boolean } | undefined): Security {
  if (!url.startsWith('/api/') || config?.public) return [];
  if (UNSAFE.has(method) && !config?.csrfExempt) return [{ session: [], csrf: [] }];
  return [{ session: [] }];
}

export const openapiTransform: SwaggerTransform = (input) => {
  const { route, url } = input;
  const method = [route.method].flat()[0]!.toUpperCase();
  const security = securityFor(method, url, route.config);
  const schema = { ...(input.schema ?? {}) } as Record<string, unknown>;
  if (!schema.hide) {
    schema.operationId ??= operationIdFor(method, url);
    schema.security ??= security;
    const response = { ...((schema.response as Record<string, unknown> | undefined) ?? {}) };
    // Answered before the handler runs, so true of every such route whatever it declares.
    if (security.length > 0) response['401'] ??= ProblemSchema;
    if (security.some((s) => 'csrf' in s)) response['403'] ??= ProblemSchema;
    if (schema.body || schema.querystring || schema.params) response['400'] ??= ProblemSchema;
    if (Object.keys(response).length > 0) schema.response = response;
  }
  return jsonSchemaTransform({ ...input, schema: schema as typeof input.schema });
};

/**
 * The whole document: served from the app's own origin. A path that ends in a slash (the
 * HSDS root, which the HSDS standard puts at `/`) is described as `/` on a server for its
 * prefix, which names the same URL without a trailing-slash path.
 */
export const openapiTransformObject: SwaggerTransformObject = (documentObject) => {
  const doc = ('openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject) as {
    info?: { license?: { name: string; url?: string } };
    servers?: { url: string; description?: string }[];
    paths?: Record<string, Record<string, unknown>>;
  };
  doc.servers ??= [{ url: '/', description: 'This Roundtable server' }];
  if (doc.info) doc.info.license ??= { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' };
  const paths = doc.paths ?? {};
  for (const key of Object.keys(paths)) {
    if (key.length > 1 && key.endsWith('/') && !paths['/']) {
      paths['/'] = { servers: [{ url: key.slice(0, -1) }], ...paths[key] };
      delete paths[key];
    }
  }
  return doc as ReturnType<SwaggerTransformObject>;
};
