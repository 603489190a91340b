/** Rows → responses, with the actions the caller may take. */
import { actorUserId, type Actor } from '../../core/accounts/actor';
import { allowedActions } from '../../core/policy';
import { collaborativeAccess, collaborativeIdsWithAccess } from '../collaboratives/collaboratives.api';
import { can } from './exchange.policy';
import type { GrantRow, MemberRow, NetworkRow, PracticeRow, RevisionRow } from './exchange.repository';
import type { Grant, Network, Practice } from './exchange.schema';

type Names = Map<string, { name: string }>;
interface Facts {
  inNetwork: boolean;
  steward: boolean;
}

function isMine(actor: Actor, collaborativeId: string) {
  const mine = collaborativeIdsWithAccess(actor, 'member');
  return mine !== 'all' && mine.includes(collaborativeId);
}

export function presentNetwork(n: NetworkRow, members: MemberRow[], names: Names, actor: Actor, f: Facts): Network {
  return {
    id: n.id,
    name: { en: n.name, fr: n.nameFr },
    description: n.description,
    stewardUserId: n.stewardUserId,
    stewardName: n.stewardName,
    members: members.map((m) => ({ collaborativeId: m.collaborativeId, name: names.get(m.collaborativeId)?.name ?? '', communityType: m.communityType, joinedAt: m.joinedAt, mine: isMine(actor, m.collaborativeId) })),
    actions: {
      ...allowedActions(can, actor, ['exchange.network.manage', 'exchange.template.publish', 'exchange.steward.read', 'exchange.file.export', 'exchange.file.import'], f),
      // May the caller share for at least one member collaborative?
      'exchange.grant.create': members.some((m) => can(actor, 'exchange.grant.create', { ...f, manages: collaborativeAccess(actor, m.collaborativeId) === 'manage' })),
    },
  };
}

export function presentGrant(r: GrantRow, items: Map<string, { en: string; fr: string | null }>, collabs: Names, actor: Actor, f: Facts): Grant {
  const itemId = (r.indicatorId ?? r.measureId)!;
  return {
    id: r.id,
    networkId: r.networkId,
    collaborativeId: r.collaborativeId,
    collaborativeName: collabs.get(r.collaborativeId)?.name ?? '',
    kind: r.kind,
    itemId,
    itemName: items.get(itemId) ?? { en: '', fr: null },
    aggregateConsent: r.aggregateConsent,
    grantedBy: r.grantedBy,
    grantedAt: r.grantedAt,
    validUntil: r.validUntil,
    revokedAt: r.revokedAt,
    revokedBy: r.revokedBy,
    revokeReason: r.revokeReason,
    live: r.live,
    actions: { 'exchange.grant.revoke': r.live && can(actor, 'exchange.grant.revoke', { ...f, manages: collaborativeAccess(actor, r.collaborativeId) === 'manage' }) },
  };
}

export function presentPractice(
  p: PracticeRow,
  authorName: string | null,
  adaptations: Practice['adaptations'],
  revisions: RevisionRow[],
  actor: Actor,
): Practice {
  // Who adapted a practice is shown to its author (the collaborative that wrote it up) and to platform admins;
  // a collaborative that adapted it sees its own adaptations, with what was edited since.
  const author = !!p.authorCollaborativeId && collaborativeAccess(actor, p.authorCollaborativeId) !== 'public';
  const wroteIt = !!p.createdBy && p.createdBy === actorUserId(actor);
  const manages = !!p.authorCollaborativeId && collaborativeAccess(actor, p.authorCollaborativeId) === 'manage';
  return {
    id: p.id,
    title: { en: p.titleEn, fr: p.titleFr },
    problem: { en: p.problemEn, fr: p.problemFr },
    done: { en: p.doneEn, fr: p.doneFr },
    results: { en: p.resultsEn, fr: p.resultsFr },
    byWhom: p.byWhom,
    forWhom: p.forWhom,
    place: p.place,
    resources: p.resources,
    evidence: p.evidence.map((e) => ({ kind: e.kind, ref: e.ref, label: e.label, href: e.href ?? (e.kind === 'url' ? e.ref : null) })),
    communityType: p.communityType,
    needDomain: p.needDomain,
    welcomingCharacteristic: p.welcomingCharacteristic,
    populationTags: p.populationTags,
    authorCollaborativeId: p.authorCollaborativeId,
    authorName,
    sourceInstance: p.sourceInstance,
    adaptations: author ? adaptations : adaptations.filter((a) => collaborativeAccess(actor, a.collaborativeId) !== 'public'),
    adaptationCount: p.adaptationCount,
    version: p.version,
    updatedAt: p.updatedAt,
    revisions: revisions.map((r) => ({ number: r.number, changedAt: r.changedAt, changedBy: r.changedBy, note: r.note, changes: r.changes as Practice['revisions'][number]['changes'] })),
    actions: {
      'exchange.practice.adapt': can(actor, 'exchange.practice.create', {}),
      // Practices imported from another instance are edited there.
      'exchange.practice.edit': !p.sourceInstance && can(actor, 'exchange.practice.edit', { author: wroteIt, manages }),
    },
  };
}
