import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate } from '../accounts/accounts.service';
import { Errors } from './errors';

export const SESSION_COOKIE = 'rt_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function sessionCookieOptions(req: FastifyRequest, maxAgeSeconds: number): CookieSerializeOptions {
  const secureSetting = req.server.config.cookieSecure;
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureSetting === 'auto' ? req.protocol === 'https' : secureSetting,
    maxAge: maxAgeSeconds,
  };
}

/**
 * Authentication and CSRF for everything under /api/v1: resolve the session cookie to an
 * actor, refuse anonymous callers on non-public routes, and demand the CSRF token on unsafe
 * methods from any caller that presents a session cookie.
 */
export function registerAuthHooks(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);

  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const cfg = app.config;
      const found = await authenticate(app.database, token, { idleMinutes: cfg.sessionIdleMinutes, maxHours: cfg.sessionMaxHours });
      if (found) {
        req.actor = found.actor;
        req.sessionId = found.sessionId;
      } else {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    const routeConfig = req.routeOptions.config;
    if (!routeConfig?.public && !req.actor) throw Errors.unauthenticated();
    if (UNSAFE.has(req.method) && token && !routeConfig?.csrfExempt) {
      await new Promise<void>((resolve, reject) => {
        app.csrfProtection(req, reply, (err?: Error) => (err ? reject(Errors.csrf()) : resolve()));
      });
    }
  });
}
