import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf } from '../http/request';
import { ProblemSchema } from '../http/problem.schema';
import { SESSION_COOKIE, sessionCookieOptions } from '../http/auth-hooks';
import type { UserRow } from './accounts.tables';
import type { RoleGrant, Actor } from './actor';
import * as service from './accounts.service';
import {
  ChangePasswordBody,
  CreateUserBody,
  LoginBody,
  SessionSchema,
  SetRolesBody,
  RolesSchema,
  UserIdParams,
  UserListQuery,
  UserListSchema,
  UserSchema,
} from './accounts.schema';

function presentUser(user: UserRow, roles: RoleGrant[]) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    organizationId: user.organizationId,
    preferredLanguage: user.preferredLanguage,
    isActive: user.isActive,
    isDemo: user.isDemo,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    roles,
  };
}

function presentSession(actor: Actor | null, reply: FastifyReply) {
  if (!actor || actor.kind !== 'user') return { user: null, csrfToken: null };
  return {
    user: { id: actor.userId, email: actor.email, name: actor.name, organizationId: actor.organizationId, isDemo: actor.isDemo, roles: actor.roles },
    csrfToken: reply.generateCsrf({ userInfo: actor.userId }),
  };
}

export async function accountRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const auth = ['Authentication'];
  const users = ['Users'];

  app.post('/auth/login', {
    config: { public: true, csrfExempt: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      tags: auth,
      summary: 'Sign in',
      description: 'Sets the httpOnly session cookie and returns the CSRF token to send on unsafe requests. Any failure answers 401 alike (unknown account, wrong password, deactivated, or throttled); after five failures from one address for one account, that address waits 1, 2, 4 … minutes between tries.',
      body: LoginBody,
      response: { 200: SessionSchema, 400: ProblemSchema, 401: ProblemSchema, 429: ProblemSchema },
    },
    handler: async (req, reply) => {
      const cfg = req.server.config;
      const { token, actor } = await service.login(req.server.database, metaOf(req), req.body.email, req.body.password, {
        idleMinutes: cfg.sessionIdleMinutes,
        maxHours: cfg.sessionMaxHours,
      });
      reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(req, cfg.sessionMaxHours * 3600));
      return presentSession(actor, reply);
    },
  });

  app.post('/auth/logout', {
    schema: { tags: auth, summary: 'Sign out', response: { 204: z.null(), 401: ProblemSchema } },
    handler: async (req, reply) => {
      await service.logout(req.server.database, actorOf(req), metaOf(req), req.sessionId!);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  });

  app.get('/auth/session', {
    config: { public: true },
    schema: { tags: auth, summary: 'Who is signed in, and the CSRF token for this session', response: { 200: SessionSchema } },
    handler: async (req, reply) => presentSession(req.actor, reply),
  });

  app.post('/auth/password', {
    schema: {
      tags: auth,
      summary: 'Change your password',
      description: 'Signs out your other sessions.',
      body: ChangePasswordBody,
      response: { 204: z.null(), 400: ProblemSchema },
    },
    handler: async (req, reply) => {
      await service.changePassword(req.server.database, actorOf(req), metaOf(req), req.sessionId!, req.body.currentPassword, req.body.newPassword);
      return reply.code(204).send(null);
    },
  });

  app.get('/users', {
    schema: { tags: users, summary: 'Accounts you administer', querystring: UserListQuery, response: { 200: UserListSchema, 403: ProblemSchema } },
    handler: async (req) => listUsers(req, req.query),
  });

  app.get('/organizations/:id/users', {
    schema: { tags: users, summary: 'Accounts at one organization (its admins only)', params: UserIdParams, querystring: UserListQuery, response: { 200: UserListSchema, 403: ProblemSchema } },
    handler: async (req) => listUsers(req, { ...req.query, organizationId: req.params.id }),
  });

  app.get('/users/:id', {
    schema: { tags: users, summary: 'One account', params: UserIdParams, response: { 200: UserSchema, 404: ProblemSchema } },
    handler: async (req) => {
      const { user, roles } = await service.getUser(req.server.database, actorOf(req), req.params.id);
      return presentUser(user, roles);
    },
  });

  app.post('/users', {
    schema: { tags: users, summary: 'Create an account', body: CreateUserBody, response: { 201: UserSchema, 400: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema } },
    handler: async (req, reply) => {
      const user = await service.createUser(req.server.database, actorOf(req), metaOf(req), req.body);
      return reply.code(201).send(presentUser(user, req.body.roles));
    },
  });

  app.put('/users/:id/roles', {
    schema: { tags: users, summary: "Replace an account's roles", params: UserIdParams, body: SetRolesBody, response: { 200: RolesSchema, 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema } },
    handler: async (req) => ({ roles: await service.setUserRoles(req.server.database, actorOf(req), metaOf(req), req.params.id, req.body.roles) }),
  });

  for (const [path, active] of [['deactivate', false], ['activate', true]] as const) {
    app.post(`/users/:id/${path}`, {
      schema: {
        tags: users,
        summary: active ? 'Reactivate an account' : 'Deactivate an account and end its sessions',
        params: UserIdParams,
        response: { 200: UserSchema, 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
      },
      handler: async (req) => {
        const user = await service.setUserActive(req.server.database, actorOf(req), metaOf(req), req.params.id, active);
        return presentUser(user, (await service.getUser(req.server.database, actorOf(req), user.id)).roles);
      },
    });
  }
}

async function listUsers(req: FastifyRequest, q: z.infer<typeof UserListQuery>) {
  const { rows, total } = await service.listUsers(req.server.database, actorOf(req), {
    q: q.q,
    organizationId: q.organizationId,
    limit: q.perPage,
    offset: (q.page - 1) * q.perPage,
  });
  return { items: rows.map((r) => presentUser(r.user, r.roles)), total, page: q.page, perPage: q.perPage };
}
