/**
 * The welcoming-community assessment: scan what is known for each characteristic, prioritize,
 * choose indicators and comparisons; the result is a dated, immutable profile.
 */
import type { Database, Db } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorUserId } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { runCommand } from '../../core/command';
import { Errors } from '../../core/http/errors';
import { collaborativeAccess, collaborativeExists } from '../collaboratives/collaboratives.api';
import { findIndicators, immigrantStatusBreakdown, indicatorSeries } from '../data/data.api';
import { collaborativePlanActions } from '../strategy/strategy.api';
import { serviceSupply } from '../directory/directory.api';
import { can } from './assessments.policy';
import * as repo from './assessments.repository';
import { CHARACTERISTICS, WELCOMING_FRAMEWORK } from './assessments.welcoming.reference';
import type { PlanAction, Profile, Scan } from './assessments.schema';

/** Places the seeds compare Durham with (data repository demo places). */
const PEER_CODES = ['3521', '3525005', '521', '3540', '595'];

async function latestFor(db: Db, actor: Actor | null, indicatorId: string, geographyId: string) {
  try {
    const series = (await indicatorSeries(db, actor, { indicatorId, geographyId })).filter((p) => !p.isProjection);
    return series.map((p) => ({ period: p.period, display: p.display }));
  } catch {
    return [];
  }
}

/** Immigrants against non-immigrants for the latest period, or null when the repository has no such breakdown. */
async function breakdownFor(db: Db, actor: Actor | null, indicatorId: string, geographyId: string, period: string | undefined) {
  if (!period) return null;
  try {
    return await immigrantStatusBreakdown(db, actor, { indicatorId, geographyId, period });
  } catch {
    return null;
  }
}

/** The collaborative's plan actions, and those linked to each characteristic. */
async function linkedActions(db: Db, collaborativeId: string) {
  const all = (await collaborativePlanActions(db, collaborativeId)).map(({ id, title, titleFr, planTitle, planTitleFr }): PlanAction => ({ id, title, titleFr, planTitle, planTitleFr }));
  const byId = new Map(all.map((a) => [a.id, a]));
  const links = await repo.listActionLinks(db, collaborativeId);
  const of = (key: string) => links.filter((l) => l.characteristicKey === key).map((l) => byId.get(l.actionId)).filter((a): a is PlanAction => !!a);
  return { all, of };
}

async function place(db: Db, id: string) {
  const [p] = await repo.placesByIds(db, [id]);
  if (!p) throw Errors.validation([{ field: 'geographyId', message: 'No such place' }]);
  return p;
}

export async function scan(database: Database, actor: Actor, q: { collaborativeId: string; geographyId: string }): Promise<Scan> {
  const db = database.db;
  if (!(await collaborativeExists(db, q.collaborativeId))) throw Errors.validation([{ field: 'collaborativeId', message: 'No such collaborative' }]);
  authorizeAction(can, actor, 'assessments.welcoming.read', { access: collaborativeAccess(actor, q.collaborativeId) });
  await place(db, q.geographyId);
  const indicators = await findIndicators(db, actor, { limit: 500 });
  const supply = await serviceSupply(db, [q.geographyId]);
  const peers = (await repo.placesByCodes(db, PEER_CODES)).filter((p) => p.id !== q.geographyId);
  const plan = await linkedActions(db, q.collaborativeId);
  const characteristics = [];
  for (const c of CHARACTERISTICS) {
    const mine = indicators.filter((i) => c.indicatorCodes.includes(i.code));
    const briefs = [];
    for (const i of mine) {
      const series = await latestFor(db, actor, i.id, q.geographyId);
      const latest = series.at(-1) ?? null;
      const breakdown = await breakdownFor(db, actor, i.id, q.geographyId, latest?.period);
      briefs.push({ id: i.id, code: i.code, nameEn: i.name.en, nameFr: i.name.fr ?? i.name.en, unit: i.unit, latest, immigrantBreakdown: !!breakdown });
    }
    characteristics.push({ key: c.key, en: c.en, fr: c.fr, indicators: briefs, services: supply.filter((s) => c.domains.includes(s.domain)).reduce((n, s) => n + s.services, 0), actions: plan.of(c.key) });
  }
  const access = collaborativeAccess(actor, q.collaborativeId);
  return {
    framework: WELCOMING_FRAMEWORK, characteristics, peers: peers.map(({ id, nameEn, nameFr }) => ({ id, nameEn, nameFr })), planActions: plan.all,
    actions: { 'assessments.welcoming.linkActions': can(actor, 'assessments.welcoming.create', { access }) },
  };
}

/** Links a plan action of the collaborative's strategy plans to a characteristic, or unlinks it (coordinators). */
export async function setActionLink(database: Database, actor: Actor, meta: RequestMeta, input: { collaborativeId: string; characteristic: string; actionId: string; linked: boolean }) {
  return runCommand({ database, actor, meta }, async (tx) => {
    if (!(await collaborativeExists(tx, input.collaborativeId))) throw Errors.validation([{ field: 'collaborativeId', message: 'No such collaborative' }]);
    authorizeAction(can, actor, 'assessments.welcoming.create', { access: collaborativeAccess(actor, input.collaborativeId) });
    if (!CHARACTERISTICS.some((c) => c.key === input.characteristic)) throw Errors.validation([{ field: 'characteristic', message: 'Not a characteristic of the framework' }]);
    const plan = await linkedActions(tx, input.collaborativeId);
    if (!plan.all.some((a) => a.id === input.actionId)) throw Errors.validation([{ field: 'actionId', message: 'Not an action of this collaborative’s strategy plans' }]);
    const v = { collaborativeId: input.collaborativeId, characteristicKey: input.characteristic, actionId: input.actionId };
    if (input.linked) await repo.linkAction(tx, { ...v, createdBy: actorUserId(actor) });
    else await repo.unlinkAction(tx, v);
    const after = await linkedActions(tx, input.collaborativeId);
    return {
      result: { characteristic: input.characteristic, actions: after.of(input.characteristic) },
      audit: { action: input.linked ? 'assessments.welcoming.link_action' : 'assessments.welcoming.unlink_action', entityType: 'collaborative', entityId: input.collaborativeId, details: { characteristic: input.characteristic, actionId: input.actionId } },
    };
  });
}

const IMMIGRANTS_NOTE = {
  available: false,
  noteEn: 'The data repository holds this indicator as a total only: no immigrant / non-immigrant breakdown to compare.',
  noteFr: 'Le dépôt de données ne contient que le total de cet indicateur : aucune ventilation immigrants / non-immigrants à comparer.',
};

/** The comparison as the profile keeps it: values after the repository's disclosure control, or the note that there is none. */
function immigrantsComparison(b: Awaited<ReturnType<typeof breakdownFor>>) {
  if (!b) return IMMIGRANTS_NOTE;
  const hidden = b.immigrants.suppressed || b.nonImmigrants.suppressed;
  return {
    available: true,
    period: b.period,
    immigrants: { display: b.immigrants.display, suppressed: b.immigrants.suppressed },
    nonImmigrants: { display: b.nonImmigrants.display, suppressed: b.nonImmigrants.suppressed },
    noteEn: hidden ? 'Part of the breakdown is suppressed by the data repository’s disclosure control (small counts).' : 'From the data repository’s breakdown by immigrant status.',
    noteFr: hidden ? 'Une partie de la ventilation est masquée par le contrôle de divulgation du dépôt de données (petits nombres).' : 'Selon la ventilation par statut d’immigrant du dépôt de données.',
  };
}

export interface ProfileInput {
  collaborativeId: string;
  geographyId: string;
  title: string;
  priorities: string[];
  choices: { characteristic: string; indicatorIds: string[]; comparisons: ('over_time' | 'peers' | 'immigrants')[] }[];
  peerIds: string[];
}

export async function createProfile(database: Database, actor: Actor, meta: RequestMeta, input: ProfileInput, opts: { illustrative?: boolean } = {}) {
  const keys = new Set(CHARACTERISTICS.map((c) => c.key));
  const errors: { field: string; message: string }[] = [];
  input.priorities.forEach((k, i) => { if (!keys.has(k)) errors.push({ field: `priorities.${i}`, message: 'Not a characteristic of the framework' }); });
  if (new Set(input.priorities).size !== input.priorities.length) errors.push({ field: 'priorities', message: 'Each characteristic once' });
  input.choices.forEach((c, i) => { if (!input.priorities.includes(c.characteristic)) errors.push({ field: `choices.${i}.characteristic`, message: 'Choose indicators only for prioritized characteristics' }); });
  if (errors.length) throw Errors.validation(errors);
  return runCommand({ database, actor, meta }, async (tx) => {
    if (!(await collaborativeExists(tx, input.collaborativeId))) throw Errors.validation([{ field: 'collaborativeId', message: 'No such collaborative' }]);
    authorizeAction(can, actor, 'assessments.welcoming.create', { access: collaborativeAccess(actor, input.collaborativeId) });
    const here = await place(tx, input.geographyId);
    const peers = await repo.placesByIds(tx, input.peerIds);
    if (peers.length !== new Set(input.peerIds).size) throw Errors.validation([{ field: 'peerIds', message: 'No such place' }]);
    const chosenIds = [...new Set(input.choices.flatMap((c) => c.indicatorIds))];
    const indicators = chosenIds.length ? await findIndicators(tx, actor, { ids: chosenIds }) : [];
    if (indicators.length !== chosenIds.length) throw Errors.validation([{ field: 'choices', message: 'An indicator chosen does not exist' }]);
    const supply = await serviceSupply(tx, [input.geographyId]);
    const plan = await linkedActions(tx, input.collaborativeId);
    const characteristics = [];
    for (const [rank, key] of input.priorities.entries()) {
      const c = CHARACTERISTICS.find((x) => x.key === key)!;
      const choice = input.choices.find((x) => x.characteristic === key);
      const cards = [];
      for (const id of choice?.indicatorIds ?? []) {
        const i = indicators.find((x) => x.id === id)!;
        const series = await latestFor(tx, actor, id, input.geographyId);
        const wants = new Set(choice!.comparisons);
        let peerValues: { nameEn: string; nameFr: string; latest: Awaited<ReturnType<typeof latestFor>>[number] | null }[] | null = null;
        if (wants.has('peers')) {
          peerValues = [];
          for (const p of peers) peerValues.push({ nameEn: p.nameEn, nameFr: p.nameFr, latest: (await latestFor(tx, actor, id, p.id)).at(-1) ?? null });
        }
        const immigrants = wants.has('immigrants') ? immigrantsComparison(await breakdownFor(tx, actor, id, input.geographyId, series.at(-1)?.period)) : null;
        cards.push({
          id, code: i.code, nameEn: i.name.en, nameFr: i.name.fr ?? i.name.en, unit: i.unit,
          overTime: wants.has('over_time') ? series : null, latest: series.at(-1) ?? null, peers: peerValues, immigrants,
        });
      }
      characteristics.push({ key, rank: rank + 1, en: c.en, fr: c.fr, services: supply.filter((s) => c.domains.includes(s.domain)).reduce((n, s) => n + s.services, 0), actions: plan.of(key), indicators: cards });
    }
    const id = await repo.insertProfile(tx, {
      collaborativeId: input.collaborativeId, geographyId: input.geographyId, title: input.title, framework: WELCOMING_FRAMEWORK,
      content: { placeEn: here.nameEn, placeFr: here.nameFr, characteristics }, illustrative: !!opts.illustrative, createdBy: actorUserId(actor),
    });
    const row = (await repo.findProfile(tx, id))!;
    return { result: present(row, actor), audit: { action: 'assessments.welcoming.create', entityType: 'assessments_welcoming_profile', entityId: id, details: { title: input.title, priorities: input.priorities.length } } };
  });
}

function present(row: repo.ProfileRow, actor: Actor | null): Profile {
  const access = actor ? collaborativeAccess(actor, row.collaborativeId) : 'public';
  return {
    ...row, content: row.content as Profile['content'],
    actions: { 'assessments.welcoming.share': actor ? can(actor, 'assessments.welcoming.share', { access }) : false },
  };
}

export async function listProfiles(database: Database, actor: Actor, collaborativeId: string) {
  const access = collaborativeAccess(actor, collaborativeId);
  if (!can(actor, 'assessments.welcoming.read', { access })) throw Errors.notFound('Collaborative');
  const rows = (await repo.listProfiles(database.db, [collaborativeId]));
  return { items: rows.map((r) => present(r, actor)), actions: { 'assessments.welcoming.create': can(actor, 'assessments.welcoming.create', { access }) } };
}

/** A profile: its collaborative's members read it; anyone reads a public one; otherwise 404. */
export async function getProfile(database: Database, actor: Actor | null, id: string): Promise<Profile> {
  const row = await repo.findProfile(database.db, id);
  const access = actor && row ? collaborativeAccess(actor, row.collaborativeId) : 'public';
  if (!row || !(actor ? can(actor, 'assessments.welcoming.read', { access, isPublic: row.isPublic }) : row.isPublic)) throw Errors.notFound('Profile');
  return present(row, actor);
}

export async function shareProfile(database: Database, actor: Actor, meta: RequestMeta, id: string, isPublic: boolean) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const row = await repo.findProfile(tx, id);
    const access = row ? collaborativeAccess(actor, row.collaborativeId) : 'public';
    if (!row || !can(actor, 'assessments.welcoming.read', { access, isPublic: row.isPublic })) throw Errors.notFound('Profile');
    authorizeAction(can, actor, 'assessments.welcoming.share', { access });
    await repo.setProfilePublic(tx, id, isPublic);
    return { result: present((await repo.findProfile(tx, id))!, actor), audit: { action: isPublic ? 'assessments.welcoming.make_public' : 'assessments.welcoming.make_private', entityType: 'assessments_welcoming_profile', entityId: id } };
  });
}
