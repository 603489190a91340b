/** Pathways: create, edit, version and publish; based-on copies; observed flow; workshop; feedback. */
import { subDays } from 'date-fns';
import type { Database } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorUserId } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { runCommand } from '../../core/command';
import { Errors } from '../../core/http/errors';
import { collaborativeAccess, collaborativeExists, collaborativeNames } from '../collaboratives/collaboratives.api';
import { needDomains, searchServiceSummaries, serviceSummaries } from '../directory/directory.api';
import { referralEventsForPathways } from '../intake/intake.api';
import { can } from './pathways.policy';
import * as repo from './pathways.repository';
import { presentPathway, presentSummary } from './pathways.presenter';
import { diffSteps, mergeDrawings, type DrawingStep } from './pathways.compare';
import { computeFlow, discloseFlow } from './pathways.flow';
import type { CreatePathwayInput, Step } from './pathways.schema';
import { CreatePathwayBody, StepSchema } from './pathways.schema';

const resource = (actor: Actor, collaborativeId: string) => ({ access: collaborativeAccess(actor, collaborativeId) });

/** Steps are valid together: unique keys, branches to existing steps, services and organizations that exist. */
async function checkSteps(database: Database, steps: Step[]) {
  const errors: { field: string; message: string }[] = [];
  const keys = new Set<string>();
  steps.forEach((s, i) => {
    if (keys.has(s.key)) errors.push({ field: `steps.${i}.key`, message: 'Another step has this key' });
    keys.add(s.key);
  });
  steps.forEach((s, i) => s.next.forEach((n, j) => {
    if (!keys.has(n.to)) errors.push({ field: `steps.${i}.next.${j}.to`, message: 'No step has this key' });
  }));
  const serviceIds = [...new Set(steps.flatMap((s) => s.serviceIds))];
  const known = new Set((await serviceSummaries(database.db, serviceIds)).map((s) => s.id));
  steps.forEach((s, i) => s.serviceIds.forEach((id, j) => { if (!known.has(id)) errors.push({ field: `steps.${i}.serviceIds.${j}`, message: 'No directory service has this id' }); }));
  const orgIds = [...new Set(steps.flatMap((s) => s.organizationIds))];
  const orgs = await repo.organizationNames(database.db, orgIds);
  steps.forEach((s, i) => s.organizationIds.forEach((id, j) => { if (!orgs.has(id)) errors.push({ field: `steps.${i}.organizationIds.${j}`, message: 'No organization has this id' }); }));
  if (errors.length) throw Errors.validation(errors);
}

async function load(database: Database, actor: Actor, id: string) {
  const row = await repo.findPathway(database.db, id);
  if (!row) throw Errors.notFound('Pathway');
  authorizeAction(can, actor, 'pathways.read', resource(actor, row.collaborativeId));
  return row;
}

/** A pathway as its page shows it: names of what its steps name, versions, base and copies. */
export async function getPathway(database: Database, actor: Actor, id: string) {
  const row = await load(database, actor, id);
  return detail(database, actor, row);
}

async function detail(database: Database, actor: Actor, row: repo.PathwayRow) {
  const db = database.db;
  const versions = await repo.listVersions(db, row.id);
  const copies = await repo.listCopies(db, row.id);
  const base = row.basedOnId ? await repo.findPathway(db, row.basedOnId) : undefined;
  const baseVersion = base ? await repo.findVersion(db, base.id) : undefined;
  const names = await collaborativeNames(db, [row.collaborativeId, ...copies.map((c) => c.collaborativeId), ...(base ? [base.collaborativeId] : [])]);
  const services = await serviceSummaries(db, [...new Set(row.steps.flatMap((s) => s.serviceIds))]);
  const orgs = await repo.organizationNames(db, [...new Set([...row.steps.flatMap((s) => s.organizationIds), ...services.map((s) => s.organizationId)])]);
  return presentPathway(row, actor, {
    collaborativeName: names.get(row.collaborativeId) ?? '',
    versions,
    copies: copies.map((c) => ({ id: c.id, name: c.name, collaborativeName: names.get(c.collaborativeId) ?? '' })),
    services: Object.fromEntries(services.map((s) => [s.id, s.name])),
    organizations: Object.fromEntries(orgs),
    serviceOrganizations: Object.fromEntries(services.map((s) => [s.id, s.organizationId])),
    basedOn: base ? {
      id: base.id, name: base.name, collaborativeName: names.get(base.collaborativeId) ?? '', copiedVersion: row.basedOnVersion, latestVersion: base.publishedVersion,
      changed: (base.publishedVersion ?? 0) > (row.basedOnVersion ?? 0),
      diff: diffSteps(baseVersion?.steps ?? base.steps, row.steps),
    } : null,
  });
}

export async function listPathways(database: Database, actor: Actor, f: { collaborativeId?: string }) {
  authorizeAction(can, actor, 'pathways.read', { access: 'public' });
  const rows = await repo.listPathways(database.db, { collaborativeIds: 'all', collaborativeId: f.collaborativeId });
  const names = await collaborativeNames(database.db, [...new Set(rows.map((r) => r.collaborativeId))]);
  const bases = new Map<string, number | null>();
  for (const r of rows) if (r.basedOnId && !bases.has(r.basedOnId)) bases.set(r.basedOnId, (await repo.findPathway(database.db, r.basedOnId))?.publishedVersion ?? null);
  return {
    items: rows.map((r) => presentSummary(r, names.get(r.collaborativeId) ?? '', r.basedOnId ? (bases.get(r.basedOnId) ?? 0) > (r.basedOnVersion ?? 0) : false)),
    actions: { 'pathways.create': actor.kind === 'system' || (actor.kind === 'user' && (actor.roles.some((g) => g.role === 'platform_admin' || (g.role === 'coordinator' && g.scopeType === 'collaborative')))) },
  };
}

const values = (input: Omit<ReturnType<typeof CreatePathwayBody.parse>, 'collaborativeId'>): repo.PathwayValues => ({
  name: input.name, nameFr: input.nameFr, scenario: input.scenario, scenarioFr: input.scenarioFr, population: input.population,
  geographyId: input.geographyId, reviewDate: input.reviewDate, steps: input.steps,
});

export async function createPathway(database: Database, actor: Actor, meta: RequestMeta, body: CreatePathwayInput) {
  const input = CreatePathwayBody.parse(body);
  if (!(await collaborativeExists(database.db, input.collaborativeId))) throw Errors.validation([{ field: 'collaborativeId', message: 'No collaborative has this id' }]);
  authorizeAction(can, actor, 'pathways.create', resource(actor, input.collaborativeId));
  if (input.geographyId && !(await repo.geographyExists(database.db, input.geographyId))) throw Errors.validation([{ field: 'geographyId', message: 'No place has this id' }]);
  await checkSteps(database, input.steps);
  const id = await runCommand({ database, actor, meta }, async (tx) => {
    const newId = await repo.insertPathway(tx, input.collaborativeId, values(input), actorUserId(actor));
    return { result: newId, audit: { action: 'pathways.create', entityType: 'pathway', entityId: newId, details: { name: input.name, steps: input.steps.length } } };
  });
  return getPathway(database, actor, id);
}

export async function updatePathway(database: Database, actor: Actor, meta: RequestMeta, id: string, body: Partial<Omit<CreatePathwayInput, 'collaborativeId'>> & { version: number }) {
  const row = await load(database, actor, id);
  authorizeAction(can, actor, 'pathways.update', resource(actor, row.collaborativeId));
  const merged = CreatePathwayBody.parse({ ...row, ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)), collaborativeId: row.collaborativeId });
  if (body.geographyId && !(await repo.geographyExists(database.db, body.geographyId))) throw Errors.validation([{ field: 'geographyId', message: 'No place has this id' }]);
  await checkSteps(database, merged.steps);
  // The current record is read outside any transaction (PGlite has one connection).
  if (row.version !== body.version) throw Errors.staleVersion(await getPathway(database, actor, id));
  await runCommand({ database, actor, meta }, async (tx) => {
    // A concurrent edit between the check and here: refuse, the caller reloads.
    if (!(await repo.updatePathway(tx, id, body.version, values(merged)))) throw Errors.staleVersion({ id });
    return { result: null, audit: { action: 'pathways.update', entityType: 'pathway', entityId: id, details: { changes: diffSteps(row.steps, merged.steps).length } } };
  });
  return getPathway(database, actor, id);
}

export async function deletePathway(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  const row = await load(database, actor, id);
  authorizeAction(can, actor, 'pathways.delete', resource(actor, row.collaborativeId));
  await runCommand({ database, actor, meta }, async (tx) => {
    await repo.deletePathway(tx, id);
    return { result: null, audit: { action: 'pathways.delete', entityType: 'pathway', entityId: id, details: { name: row.name } } };
  });
}

/** Freezes the draft as the next published version; copies of this pathway are then told. */
export async function publishPathway(database: Database, actor: Actor, meta: RequestMeta, id: string, body: { version: number; note: string }) {
  const row = await load(database, actor, id);
  authorizeAction(can, actor, 'pathways.publish', resource(actor, row.collaborativeId));
  if (row.steps.length === 0) throw Errors.validation([{ field: 'steps', message: 'Add at least one step before publishing' }]);
  if (row.version !== body.version) throw Errors.staleVersion(await getPathway(database, actor, id));
  await runCommand({ database, actor, meta }, async (tx) => {
    if (!(await repo.bumpVersion(tx, id, body.version))) throw Errors.staleVersion({ id });
    const number = await repo.insertVersion(tx, row, body.note, actorUserId(actor));
    return { result: number, audit: { action: 'pathways.publish', entityType: 'pathway', entityId: id, details: { number } } };
  });
  return getPathway(database, actor, id);
}

/** A copy based on this pathway (its latest published version, else its draft), kept linked to its base. */
export async function copyPathway(database: Database, actor: Actor, meta: RequestMeta, id: string, body: { collaborativeId: string; name?: string }) {
  const base = await load(database, actor, id);
  if (!(await collaborativeExists(database.db, body.collaborativeId))) throw Errors.validation([{ field: 'collaborativeId', message: 'No collaborative has this id' }]);
  authorizeAction(can, actor, 'pathways.create', resource(actor, body.collaborativeId));
  const v = await repo.findVersion(database.db, id);
  const src = v ?? base;
  const copyId = await runCommand({ database, actor, meta }, async (tx) => {
    const newId = await repo.insertPathway(tx, body.collaborativeId, {
      name: body.name ?? src.name, nameFr: src.nameFr, scenario: src.scenario, scenarioFr: src.scenarioFr, population: src.population,
      geographyId: base.geographyId, reviewDate: src.reviewDate, steps: src.steps,
    }, actorUserId(actor), { id, version: v?.number ?? null });
    return { result: newId, audit: { action: 'pathways.copy', entityType: 'pathway', entityId: newId, details: { basedOnId: id, basedOnVersion: v?.number ?? null } } };
  });
  return getPathway(database, actor, copyId);
}

/** The copy has looked at its base's latest version: stop telling it the base changed. */
export async function acknowledgeBase(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  const row = await load(database, actor, id);
  authorizeAction(can, actor, 'pathways.update', resource(actor, row.collaborativeId));
  if (!row.basedOnId) throw Errors.badRequest('This pathway is not based on another');
  const base = await repo.findPathway(database.db, row.basedOnId);
  await runCommand({ database, actor, meta }, async (tx) => {
    await repo.acknowledgeBase(tx, id, base?.publishedVersion ?? null);
    return { result: null, audit: { action: 'pathways.base.acknowledge', entityType: 'pathway', entityId: id, details: { baseVersion: base?.publishedVersion ?? null } } };
  });
  return getPathway(database, actor, id);
}

export async function versionDiff(database: Database, actor: Actor, id: string, q: { from: number; to: number }) {
  await load(database, actor, id);
  const a = await repo.findVersion(database.db, id, q.from);
  const b = await repo.findVersion(database.db, id, q.to);
  if (!a) throw Errors.validation([{ field: 'from', message: 'No such version' }]);
  if (!b) throw Errors.validation([{ field: 'to', message: 'No such version' }]);
  return { changes: diffSteps(a.steps, b.steps) };
}

// ---------- Observed flow ----------

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export async function observedFlow(database: Database, actor: Actor, id: string, q: { from?: string; to?: string }) {
  const row = await load(database, actor, id);
  authorizeAction(can, actor, 'pathways.flow.read', resource(actor, row.collaborativeId));
  const to = q.to ?? isoDay(new Date());
  const from = q.from ?? isoDay(subDays(new Date(to), 365));
  if (from > to) throw Errors.validation([{ field: 'from', message: 'Must be on or before "to"' }]);
  const events = await referralEventsForPathways(database.db, { from, to });
  return discloseFlow(row.steps, computeFlow(row.steps, events), { from, to });
}

// ---------- Workshop ----------

export async function merged(database: Database, actor: Actor, id: string) {
  const row = await load(database, actor, id);
  const drawings = (await repo.listDrawings(database.db, id)).map((d) => ({ ...d, createdAt: new Date(d.createdAt).toISOString() }));
  return { drawings, ...mergeDrawings(row.steps, drawings), actions: { 'pathways.drawing.add': can(actor, 'pathways.drawing.add', resource(actor, row.collaborativeId)) } };
}

export async function addDrawing(database: Database, actor: Actor, meta: RequestMeta, id: string, body: { participant: string; steps: DrawingStep[] }) {
  const row = await load(database, actor, id);
  authorizeAction(can, actor, 'pathways.drawing.add', resource(actor, row.collaborativeId));
  const keys = new Set(row.steps.map((s) => s.key));
  const bad = body.steps.findIndex((s) => s.stepKey && !keys.has(s.stepKey));
  if (bad >= 0) throw Errors.validation([{ field: `steps.${bad}.stepKey`, message: 'No step of the pathway has this key' }]);
  await runCommand({ database, actor, meta }, async (tx) => {
    const drawingId = await repo.insertDrawing(tx, id, body.participant, body.steps, actorUserId(actor));
    return { result: drawingId, audit: { action: 'pathways.drawing.add', entityType: 'pathway', entityId: id, details: { drawingId, steps: body.steps.length } } };
  });
  return merged(database, actor, id);
}

// ---------- Feedback ----------

export async function listFeedback(database: Database, actor: Actor, id: string) {
  const row = await load(database, actor, id);
  authorizeAction(can, actor, 'pathways.feedback.read', resource(actor, row.collaborativeId));
  const items = await repo.listFeedback(database.db, id);
  return { items: items.map((f) => ({ ...f, createdAt: new Date(f.createdAt).toISOString() })) };
}

/** An anonymous answer from the public page of a published pathway. */
export async function addFeedback(database: Database, actor: Actor, meta: RequestMeta, id: string, body: { answer: string; comment: string; stepKey: string | null; lang: string }) {
  const v = await repo.findVersion(database.db, id);
  if (!v) throw Errors.notFound('Pathway');
  if (body.stepKey && !v.steps.some((s) => s.key === body.stepKey)) throw Errors.validation([{ field: 'stepKey', message: 'No step of the pathway has this key' }]);
  await runCommand({ database, actor, meta }, async (tx) => {
    const fid = await repo.insertFeedback(tx, id, { ...body, versionNumber: v.number });
    return { result: fid, audit: { action: 'pathways.feedback.add', entityType: 'pathway', entityId: id, details: { answer: body.answer } } };
  });
  return { received: true };
}

// ---------- Public ----------

async function publicNames(database: Database, steps: Step[]) {
  const services = await serviceSummaries(database.db, [...new Set(steps.flatMap((s) => s.serviceIds))]);
  const orgs = await repo.organizationNames(database.db, [...new Set([...steps.flatMap((s) => s.organizationIds), ...services.map((s) => s.organizationId)])]);
  return { services: Object.fromEntries(services.map((s) => [s.id, s.name])), servicesFr: Object.fromEntries(services.map((s) => [s.id, s.nameFr])), organizations: Object.fromEntries(orgs), serviceOrganizations: Object.fromEntries(services.map((s) => [s.id, s.organizationId])) };
}

export async function publicPathway(database: Database, id: string, lang: 'en' | 'fr' = 'en') {
  const row = await repo.findPathway(database.db, id);
  const v = row ? await repo.findVersion(database.db, id) : undefined;
  if (!row || !v) throw Errors.notFound('Pathway');
  const names = await collaborativeNames(database.db, [row.collaborativeId]);
  const n = await publicNames(database, v.steps);
  return {
    id, name: v.name, nameFr: v.nameFr, scenario: v.scenario, scenarioFr: v.scenarioFr, population: v.population,
    collaborativeName: names.get(row.collaborativeId) ?? '', versionNumber: v.number, publishedAt: new Date(v.publishedAt).toISOString(), reviewDate: v.reviewDate,
    steps: v.steps.map((s) => StepSchema.parse(s)),
    names: { services: lang === 'fr' ? n.servicesFr : n.services, organizations: n.organizations, serviceOrganizations: n.serviceOrganizations },
  };
}

export async function publicList(database: Database, f: { serviceId?: string }) {
  const rows = await repo.listPublished(database.db, f);
  return { items: rows.map((r) => ({ id: r.id, name: r.name, nameFr: r.nameFr, scenario: r.scenario, scenarioFr: r.scenarioFr })) };
}

/** What the editor offers: need domains of the taxonomy, and directory services matching words. */
export async function reference(database: Database, actor: Actor, q: { q?: string }) {
  authorizeAction(can, actor, 'pathways.read', { access: 'public' });
  const domains = await needDomains(database.db);
  const services = q.q ? await searchServiceSummaries(database.db, q.q.replace(/[%_\\]/g, ''), 20) : [];
  return { domains: domains.map((d) => ({ code: d.code, name: d.name, nameFr: d.nameFr })), services };
}
