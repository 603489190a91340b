import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/accounts/actor';
import type { Role } from '../../core/accounts/accounts.tables';
import { can, type CollaborativeAction, type CollaborativeResource } from './collaboratives.policy';

const C = 'collab-1';
const inCollaborative = (role: Role, id = C): Actor => ({ kind: 'user', userId: 'u', email: 'e', name: 'n', organizationId: null, isDemo: false, roles: [{ role, scopeType: 'collaborative', scopeId: id }] });
const orgAdmin: Actor = { kind: 'user', userId: 'u', email: 'e', name: 'n', organizationId: 'o', isDemo: false, roles: [{ role: 'org_admin', scopeType: 'organization', scopeId: 'o' }] };
const admin: Actor = { kind: 'user', userId: 'u', email: 'e', name: 'n', organizationId: null, isDemo: false, roles: [{ role: 'platform_admin', scopeType: 'platform', scopeId: null }] };
const here: CollaborativeResource = { collaborativeId: C };

const cases: [string, Actor, CollaborativeAction, CollaborativeResource, boolean][] = [
  ['member reads', inCollaborative('member'), 'collaborative.read', here, true],
  ['viewer reads decisions', inCollaborative('viewer'), 'collaborative.decision.read', here, true],
  ['member of another collaborative does not read documents', inCollaborative('member', 'collab-2'), 'collaborative.document.read', here, false],
  ['org admin outside does not read funding', orgAdmin, 'collaborative.funding.read', here, false],
  ['coordinator updates', inCollaborative('coordinator'), 'collaborative.update', here, true],
  ['member may not update', inCollaborative('member'), 'collaborative.update', here, false],
  ['member may not record a decision', inCollaborative('member'), 'collaborative.decision.create', here, false],
  ['coordinator records a decision', inCollaborative('coordinator'), 'collaborative.decision.create', here, true],
  ['coordinator assigns action items', inCollaborative('coordinator'), 'collaborative.action.create', here, true],
  ['member may not assign action items', inCollaborative('member'), 'collaborative.action.create', here, false],
  ['member comes to the door of action items', inCollaborative('member'), 'collaborative.action.update', here, true],
  ['member updates their own action item', inCollaborative('member'), 'collaborative.action.update', { ...here, ownedByActor: true }, true],
  ['member may not update another’s action item', inCollaborative('member'), 'collaborative.action.update', { ...here, ownedByActor: false }, false],
  ['coordinator updates anyone’s action item', inCollaborative('coordinator'), 'collaborative.action.update', { ...here, ownedByActor: false }, true],
  ['member may not reschedule', inCollaborative('member'), 'collaborative.action.reschedule', here, false],
  ['member signs their own agreement', inCollaborative('member'), 'collaborative.agreement.sign', { ...here, ownedByActor: true }, true],
  ['member may not sign for another', inCollaborative('member'), 'collaborative.agreement.sign', { ...here, ownedByActor: false }, false],
  ['viewer of another collaborative may not sign', inCollaborative('viewer', 'collab-2'), 'collaborative.agreement.sign', { ...here, ownedByActor: true }, false],
  ['platform admin approves documents', admin, 'collaborative.document.approve', here, true],
  ['platform admin creates a collaborative', admin, 'collaborative.create', { leadOrganizationId: null }, true],
  ['org admin creates one led by their organization', orgAdmin, 'collaborative.create', { leadOrganizationId: 'o' }, true],
  ['org admin may not create one led by another', orgAdmin, 'collaborative.create', { leadOrganizationId: 'other' }, false],
  ['coordinator may not create a collaborative', inCollaborative('coordinator'), 'collaborative.create', { leadOrganizationId: null }, false],
];

describe('collaboratives policy', () => {
  it.each(cases)('%s', (_name, actor, action, resource, expected) => {
    expect(can(actor, action, resource)).toBe(expected);
  });
});
