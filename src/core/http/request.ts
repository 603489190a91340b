import type { FastifyRequest } from 'fastify';
import type { Actor, RequestMeta } from '../accounts/actor';
import { Errors } from './errors';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. Every other /api/v1 route answers 401 to anonymous callers. */
    public?: boolean;
    /** Exempt from the CSRF check (only sign-in, which has no session yet). */
    csrfExempt?: boolean;
  }
}

/** The signed-in actor; routes that are not public can rely on the auth hook having run. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw Errors.unauthenticated();
  return req.actor;
}

export function metaOf(req: FastifyRequest): RequestMeta {
  return { ip: req.ip, userAgent: req.headers['user-agent'], requestId: String(req.id) };
}
