/** Common templates: versions, adoption with adaptations, the adoption grid, notices to adopters. */
import type { Database, Db } from '../../core/db/database';
import { actorUserId, type Actor, type RequestMeta } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { runCommand } from '../../core/command';
import { Errors } from '../../core/http/errors';
import { collaborativeAccess, collaborativeIdsWithAccess, collaborativeSummaries, collaborativeRecipients } from '../collaboratives/collaboratives.api';
import { notify } from '../notifications/notifications.api';
import { can } from './exchange.policy';
import * as repo from './exchange.repository';
import { networkFacts, viewerOf } from './exchange.networks.service';
import type { Template, TemplateContentT } from './exchange.schema';

/** Items of a content, by kind and key, with their display name. */
function itemsOf(c: TemplateContentT): Map<string, string> {
  const m = new Map<string, string>();
  for (const i of c.indicators) m.set(`indicator:${i.code}`, i.name);
  for (const i of c.measures) m.set(`measure:${i.key}`, i.name);
  for (const i of c.sections) m.set(`section:${i.key}`, i.title);
  for (const i of c.instruments) m.set(`instrument:${i.key}`, i.title);
  return m;
}

/** What changed from one version to the next: items added, removed, renamed. */
export function diffContent(before: TemplateContentT, after: TemplateContentT) {
  const a = itemsOf(before), b = itemsOf(after);
  return {
    added: [...b.keys()].filter((k) => !a.has(k)).map((k) => `${k} (${b.get(k)})`),
    removed: [...a.keys()].filter((k) => !b.has(k)).map((k) => `${k} (${a.get(k)})`),
    renamed: [...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k)).map((k) => `${k}: ${a.get(k)} → ${b.get(k)}`),
  };
}

export async function presentTemplates(db: Db, actor: Actor, networkId: string, only?: string): Promise<Template[]> {
  const f = await networkFacts(db, actor, networkId);
  const templates = (await repo.listTemplates(db, networkId)).filter((t) => !only || t.id === only);
  const ids = templates.map((t) => t.id);
  // One after the other: `db` may be a transaction, which is one connection.
  const versions = await repo.listVersions(db, ids);
  const adoptions = await repo.listAdoptions(db, ids);
  const names = await collaborativeSummaries(db, f.members.map((m) => m.collaborativeId));
  return templates.map((t) => {
    const vs = versions.filter((v) => v.templateId === t.id);
    const latest = Math.max(0, ...vs.map((v) => v.number));
    return {
      id: t.id,
      networkId: t.networkId,
      name: { en: t.name, fr: t.nameFr },
      sourceInstance: t.sourceInstance,
      latest,
      versions: vs.map((v) => ({ number: v.number, changeNote: v.changeNote, publishedAt: v.publishedAt, content: v.content })),
      grid: f.members.map((m) => {
        const a = adoptions.find((x) => x.templateId === t.id && x.collaborativeId === m.collaborativeId);
        return { collaborativeId: m.collaborativeId, name: names.get(m.collaborativeId)?.name ?? '', communityType: m.communityType, versionNumber: a?.versionNumber ?? null, behind: a ? latest - a.versionNumber : latest, adaptations: a?.adaptations ?? [], adoptedAt: a?.adoptedAt ?? null };
      }),
      actions: {
        'exchange.template.publish': can(actor, 'exchange.template.publish', f),
        'exchange.template.adopt': f.members.some((m) => can(actor, 'exchange.template.adopt', { ...f, manages: collaborativeAccess(actor, m.collaborativeId) === 'manage' })),
      },
    };
  });
}

export async function listTemplates(database: Database, actor: Actor, networkId: string) {
  const f = await networkFacts(database.db, actor, networkId);
  authorizeAction(can, actor, 'exchange.network.read', f);
  return { items: await presentTemplates(database.db, actor, networkId) };
}

async function templateIn(db: Db, actor: Actor, id: string) {
  const t = await repo.findTemplate(db, id, viewerOf(actor));
  if (!t) throw Errors.notFound('Template');
  return { t, f: await networkFacts(db, actor, t.networkId) };
}

export async function createTemplate(database: Database, actor: Actor, meta: RequestMeta, networkId: string, input: { name: string; nameFr?: string | null; content: TemplateContentT }, sourceInstance: string | null = null) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const f = await networkFacts(tx, actor, networkId);
    authorizeAction(can, actor, 'exchange.template.publish', f);
    const id = await repo.insertTemplate(tx, { networkId, name: input.name, nameFr: input.nameFr, sourceInstance });
    if (!id) throw Errors.conflict('The network already has a template of this name', 'name');
    await repo.insertVersion(tx, { templateId: id, number: 1, content: input.content, changeNote: null, by: actorUserId(actor) });
    const [result] = await presentTemplates(tx, actor, networkId, id);
    return { result, audit: { action: 'exchange.template.create', entityType: 'exchange_template', entityId: id, details: { name: input.name, networkId } } };
  });
}

/** Publishes a new version and tells each adopter what changed (a notice per adopter). */
export async function publishVersion(database: Database, actor: Actor, meta: RequestMeta, templateId: string, input: { content: TemplateContentT; changeNote: string }) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { t, f } = await templateIn(tx, actor, templateId);
    authorizeAction(can, actor, 'exchange.template.publish', f);
    const versions = await repo.listVersions(tx, [templateId]);
    const last = versions[versions.length - 1];
    const number = (last?.number ?? 0) + 1;
    const versionId = await repo.insertVersion(tx, { templateId, number, content: input.content, changeNote: input.changeNote, by: actorUserId(actor) });
    if (!versionId) throw Errors.conflict('Someone published a version at the same time; reload', 'content');
    const changes = { ...diffContent(last?.content ?? { indicators: [], measures: [], sections: [], instruments: [] }, input.content), note: input.changeNote };
    const adopters = (await repo.listAdoptions(tx, [templateId])).map((a) => a.collaborativeId);
    await repo.insertNotices(tx, versionId, adopters, changes);
    // The adopters' members are told in the app too, with a link to the network's templates.
    const people = [];
    for (const c of adopters) people.push(...(await collaborativeRecipients(tx, c)));
    await notify(tx, people, { kind: 'template_version', params: { template: t.name, version: String(number) }, link: `/exchange/networks/${t.networkId}/templates`, subjectId: versionId }, actor);
    const [result] = await presentTemplates(tx, actor, t.networkId, templateId);
    return { result, audit: { action: 'exchange.template.version', entityType: 'exchange_template', entityId: templateId, details: { number, notified: adopters.length, ...changes } } };
  });
}

export async function adoptTemplate(database: Database, actor: Actor, meta: RequestMeta, templateId: string, input: { collaborativeId: string; versionNumber: number; adaptations: { op: 'add' | 'drop' | 'rename'; item: string; to?: string | null; reason: string }[] }) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { t, f } = await templateIn(tx, actor, templateId);
    authorizeAction(can, actor, 'exchange.template.adopt', { inNetwork: f.inNetwork, manages: collaborativeAccess(actor, input.collaborativeId) === 'manage' });
    if (!f.members.some((m) => m.collaborativeId === input.collaborativeId)) throw Errors.validation([{ field: 'collaborativeId', message: 'This collaborative is not a member of the network' }]);
    const version = (await repo.listVersions(tx, [templateId])).find((v) => v.number === input.versionNumber);
    if (!version) throw Errors.validation([{ field: 'versionNumber', message: 'No such version' }]);
    const keys = new Set([...itemsOf(version.content).keys()].map((k) => k.slice(k.indexOf(':') + 1)));
    input.adaptations.forEach((a, i) => {
      if (a.op !== 'add' && !keys.has(a.item)) throw Errors.validation([{ field: `adaptations.${i}.item`, message: 'The template has no such item' }]);
      if (a.op === 'rename' && !a.to?.trim()) throw Errors.validation([{ field: `adaptations.${i}.to`, message: 'Give the new name' }]);
    });
    await repo.upsertAdoption(tx, { templateId, collaborativeId: input.collaborativeId, versionId: version.id, adaptations: input.adaptations, by: actorUserId(actor) });
    const [result] = await presentTemplates(tx, actor, t.networkId, templateId);
    return { result, audit: { action: 'exchange.template.adopt', entityType: 'exchange_template', entityId: templateId, details: { collaborativeId: input.collaborativeId, version: input.versionNumber, adaptations: input.adaptations.length } } };
  });
}

/** Notices of new template versions for the collaboratives the actor belongs to. */
export async function listNotices(database: Database, actor: Actor) {
  return { items: await repo.listNotices(database.db, collaborativeIdsWithAccess(actor, 'member')) };
}
