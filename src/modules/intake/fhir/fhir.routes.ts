import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../../core/db/database';
import type { Actor, RequestMeta } from '../../../core/accounts/actor';
import { systemActor } from '../../../core/accounts/actor';
import { Errors } from '../../../core/http/errors';
import { metaOf } from '../../../core/http/request';
import { authenticateApiClient, type ApiClientPrincipal } from '../../../core/api-clients/api-clients.service';
import { auditClientsShown } from '../intake.access';
import { loadVisibleClient } from '../intake.clients';
import { getReferral, transitionReferral } from '../intake.referrals';
import type { Task } from '../intake.fhir';
import { EXPECTED_DATE_URL, PROFILES, referralStatusOf, type ReferralStatus } from '../intake.fhir';
import { fhirSource, referralBundle } from './export';
import { pathTo } from './import';
import { terminology } from './terminology';
import { taskSearchRows, type TaskSearch } from '../repository/fhir';

declare module 'fastify' {
  interface FastifyRequest { apiClient: ApiClientPrincipal | null }
}

const FHIR_JSON = 'application/fhir+json';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An API client acts as a worker of its one organization for reads (consent and involvement are
 * checked by the same SQL as for people; audit rows carry the client's id and name). Writes go
 * through the referral lifecycle as the platform, after the client's own permission is checked.
 */
function clientActor(c: ApiClientPrincipal): Actor {
  return { kind: 'user', userId: c.id, email: `api-client:${c.name}`, name: c.name, organizationId: c.organizationId, isDemo: false, roles: [{ role: 'staff', scopeType: 'organization', scopeId: c.organizationId }] };
}
function need(req: FastifyRequest, scope: string): ApiClientPrincipal {
  const c = req.apiClient;
  if (!c) throw Errors.unauthenticated();
  if (!c.scopes.includes(scope)) throw Errors.forbidden(scope);
  return c;
}

/** The referral's resources with RESTful references (Type/id) instead of the Bundle's urn:uuid ones. */
async function resourcesOf(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  const r = await getReferral(database, actor, meta, id);
  const client = await loadVisibleClient(database.db, actor, r.clientId).catch(() => null);
  const bundle = referralBundle(r, client, await fhirSource(database.db, id), await terminology(database.db)) as { entry: { fullUrl: string; resource: Record<string, unknown> & { resourceType: string; id: string } }[] };
  const map = new Map(bundle.entry.map((e) => [e.fullUrl, `${e.resource.resourceType}/${e.resource.id}`]));
  const text = JSON.stringify(bundle.entry.map((e) => e.resource)).replace(/"reference":"(urn:uuid:[^"]+)"/g, (m, u) => (map.has(u) ? `"reference":"${map.get(u)}"` : m));
  const resources = JSON.parse(text) as (Record<string, unknown> & { resourceType: string })[];
  return { r, task: resources.find((x) => x.resourceType === 'Task')!, serviceRequest: resources.find((x) => x.resourceType === 'ServiceRequest')! };
}

function capabilityStatement(base: string) {
  return {
    resourceType: 'CapabilityStatement', status: 'active', date: '2026-12-06', kind: 'instance', fhirVersion: '4.0.1', format: [FHIR_JSON, 'json'],
    implementation: { description: 'Roundtable No Wrong Door referrals (SDOH Clinical Care)', url: base },
    instantiates: ['http://hl7.org/fhir/us/sdoh-clinicalcare/CapabilityStatement/SDOHCC-CoordinationPlatform'],
    rest: [{
      mode: 'server',
      security: { service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'OAuth' }], text: 'Bearer token of an API client created by an organization admin' }], description: 'Authorization: Bearer <API client token>. Scopes fhir.read and fhir.task.write.' },
      resource: [
        { type: 'Task', supportedProfile: [PROFILES.Task], interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'update' }],
          searchParam: [{ name: 'owner', type: 'reference' }, { name: 'requester', type: 'reference' }, { name: 'status', type: 'token' }, { name: '_lastUpdated', type: 'date' }] },
        { type: 'ServiceRequest', supportedProfile: [PROFILES.ServiceRequest], interaction: [{ code: 'read' }] },
      ],
    }],
  };
}

/** /fhir: a FHIR R4 endpoint for other systems, authenticated with API client bearer tokens only. */
export async function fhirRoutes(app: FastifyInstance) {
  app.decorateRequest('apiClient', null);
  app.addContentTypeParser([FHIR_JSON, 'application/json+fhir'], { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  app.addHook('onRequest', async (req, reply) => {
    if (req.routeOptions.config?.public) return;
    req.apiClient = await authenticateApiClient(app.database, req.headers.authorization);
    if (!req.apiClient) {
      reply.header('www-authenticate', 'Bearer realm="roundtable-fhir"');
      throw Errors.unauthenticated();
    }
  });
  // Per client (or address, before authentication): a system polling every few seconds stays well inside.
  const limit = { rateLimit: { max: 120, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => (req.headers.authorization ?? '').slice(7, 43) || req.ip } };

  app.get('/metadata', { config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } }, schema: { hide: true } }, async (req, reply) =>
    reply.type(FHIR_JSON).send(capabilityStatement(`${req.protocol}://${req.hostname}/fhir`)));

  app.get<{ Querystring: Record<string, string | undefined> }>('/Task', { config: limit, schema: { hide: true } }, async (req, reply) => {
    const c = need(req, 'fhir.read');
    const q = req.query;
    const search: Omit<TaskSearch, 'count'> = { organizationId: c.organizationId };
    const orgOf = (v: string, field: string) => {
      const id = v.replace(/^.*Organization\//, '');
      if (!UUID.test(id)) throw Errors.validation([{ field, message: 'Use Organization/<id>' }]);
      return id;
    };
    if (q.owner) search.owner = orgOf(q.owner, 'owner');
    if (q.requester) search.requester = orgOf(q.requester, 'requester');
    if (q.status) {
      const wanted = q.status.split(',').map((s) => s.trim());
      const statuses = wanted.flatMap((s) => (s === 'requested' ? ['requested', 'received'] : s === 'failed' || s === 'entered-in-error' || s === 'draft' ? [] : [s]));
      if (wanted.some((s) => !['draft', 'requested', 'accepted', 'rejected', 'cancelled', 'in-progress', 'on-hold', 'failed', 'completed', 'entered-in-error'].includes(s))) throw Errors.validation([{ field: 'status', message: 'Not a referral Task status' }]);
      search.statuses = statuses;
    }
    if (q._lastUpdated) {
      const m = /^(gt|ge|lt|le|eq)?(\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?)$/.exec(q._lastUpdated);
      if (!m || Number.isNaN(Date.parse(m[2]))) throw Errors.validation([{ field: '_lastUpdated', message: 'Use gt2026-01-01T00:00:00Z (gt, ge, lt, le or eq and a date)' }]);
      search.lastUpdated = { op: (m[1] ?? 'eq') as NonNullable<TaskSearch['lastUpdated']>['op'], at: new Date(m[2]).toISOString() };
    }
    const count = Math.min(Math.max(Number(q._count ?? 50) || 50, 1), 200);
    const actor = clientActor(c);
    const meta = metaOf(req);
    const rows = await taskSearchRows(app.database.db, { ...search, count });
    const tasks = [];
    for (const row of rows) tasks.push((await resourcesOf(app.database, actor, meta, row.id)).task as unknown as Record<string, unknown> & { id: string });
    await app.database.db.transaction(async (tx) => {
      await auditClientsShown(tx, actor, meta, 'fhir.task.search', [...new Set(rows.map((x) => x.client_id))], c.organizationId, 'referral');
    });
    return reply.type(FHIR_JSON).send({ resourceType: 'Bundle', type: 'searchset', total: tasks.length, link: [{ relation: 'self', url: req.url }], entry: tasks.map((t) => ({ fullUrl: `Task/${t.id}`, resource: t, search: { mode: 'match' } })) });
  });

  app.get<{ Params: { id: string } }>('/Task/:id', { config: limit, schema: { hide: true } }, async (req, reply) => {
    const c = need(req, 'fhir.read');
    if (!UUID.test(req.params.id)) throw Errors.notFound('Task');
    return reply.type(FHIR_JSON).send((await resourcesOf(app.database, clientActor(c), metaOf(req), req.params.id)).task);
  });
  app.get<{ Params: { id: string } }>('/ServiceRequest/:id', { config: limit, schema: { hide: true } }, async (req, reply) => {
    const c = need(req, 'fhir.read');
    if (!UUID.test(req.params.id)) throw Errors.notFound('ServiceRequest');
    return reply.type(FHIR_JSON).send((await resourcesOf(app.database, clientActor(c), metaOf(req), req.params.id)).serviceRequest);
  });

  // A Task update: the partner's system answers (accepts, declines, waitlists, starts, completes) or the sender cancels.
  app.put<{ Params: { id: string }; Body: Task }>('/Task/:id', { config: limit, schema: { hide: true } }, async (req, reply) => {
    const c = need(req, 'fhir.task.write');
    if (!UUID.test(req.params.id)) throw Errors.notFound('Task');
    const body = req.body;
    if (!body || body.resourceType !== 'Task') throw Errors.validation([{ field: 'resourceType', message: 'Send the Task' }]);
    if (body.id && body.id !== req.params.id) throw Errors.validation([{ field: 'id', message: 'The Task id must be the one in the URL' }]);
    const target = referralStatusOf(body);
    if (!target) throw Errors.validation([{ field: 'status', message: 'Not a referral Task status' }]);
    const actor = clientActor(c);
    const meta = metaOf(req);
    const label = `api-client:${c.id}:${c.name}`;
    await app.database.db.transaction(async (tx) => {
      const inner = { ...app.database, db: tx } as Database;
      const r = await getReferral(inner, actor, meta, req.params.id);
      if (target === r.status) return;
      const steps = pathTo(r.status as ReferralStatus, target);
      if (!steps) throw Errors.conflict(`This referral is ${r.status}; it cannot become ${body.status}`, 'status');
      const receiver = r.toOrganizationId === c.organizationId;
      const sender = r.fromOrganizationId === c.organizationId;
      const why = body.statusReason?.text;
      for (const to of steps) {
        if (to === 'cancelled' ? !sender : !receiver) throw Errors.forbidden(`fhir.task.${to}`);
        const input: Record<string, unknown> = { to };
        if (to === 'rejected' || to === 'cancelled') {
          if (!why?.trim()) throw Errors.validation([{ field: 'statusReason.text', message: 'Give the reason' }]);
          input.reason = why;
        }
        if (to === 'on-hold') { if (why) input.reason = why; const d = body.extension?.find((x) => x.url === EXPECTED_DATE_URL)?.valueDate; if (d) input.expectedDate = d; }
        if (to === 'completed') input.outcome = 'service_received';
        await transitionReferral(inner, systemActor(label), meta, req.params.id, input as never, label);
      }
    });
    return reply.type(FHIR_JSON).send((await resourcesOf(app.database, actor, meta, req.params.id)).task);
  });
}
