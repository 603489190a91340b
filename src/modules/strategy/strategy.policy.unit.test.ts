import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/accounts/actor';
import type { Role } from '../../core/accounts/accounts.tables';
import { can, planAccess, type StrategyAction, type StrategyResource } from './strategy.policy';
import { inCollaborative as holdsInCollaborative, inOrganization as holdsInOrganization, platformAdmin, systemActor } from '../../../test/helpers/actors';

const C = 'collab-1';
const LEAD = 'org-lead';
const inCollaborative = (role: Role): Actor => holdsInCollaborative(role, C);
const inOrganization = (role: Role, org = LEAD): Actor => holdsInOrganization(role, org);
const admin = platformAdmin();
const system = systemActor();
const elsewhere = holdsInCollaborative('coordinator', 'collab-2');

const plan = (status: StrategyResource['status'], extra: Partial<StrategyResource> = {}): StrategyResource => ({ collaborativeId: C, leadOrganizationId: LEAD, status, ...extra });

const cases: [string, Actor, StrategyAction, StrategyResource, boolean][] = [
  ['member reads', inCollaborative('member'), 'strategy.plan.read', plan('draft'), true],
  ['collaborative viewer reads', inCollaborative('viewer'), 'strategy.plan.read', plan('active'), true],
  ['lead organization viewer reads', inOrganization('viewer'), 'strategy.plan.read', plan('active'), true],
  ['lead organization admin reads', inOrganization('org_admin'), 'strategy.plan.read', plan('active'), true],
  ['lead organization staff does not read', inOrganization('staff'), 'strategy.plan.read', plan('active'), false],
  ['another organization viewer does not read', inOrganization('viewer', 'org-other'), 'strategy.plan.read', plan('active'), false],
  ['coordinator elsewhere does not read', elsewhere, 'strategy.plan.read', plan('active'), false],
  ['coordinator creates a plan', inCollaborative('coordinator'), 'strategy.plan.create', { collaborativeId: C }, true],
  ['member may not create a plan', inCollaborative('member'), 'strategy.plan.create', { collaborativeId: C }, false],
  ['lead organization admin may not create a plan', inOrganization('org_admin'), 'strategy.plan.create', { collaborativeId: C, leadOrganizationId: LEAD }, false],
  ['coordinator elsewhere may not create a plan', elsewhere, 'strategy.plan.create', { collaborativeId: C }, false],
  ['platform admin creates a plan', admin, 'strategy.plan.create', { collaborativeId: C }, true],
  ['coordinator manages', inCollaborative('coordinator'), 'strategy.manage', plan('closed'), true],
  ['lead organization viewer never manages', inOrganization('viewer'), 'strategy.manage', plan('draft'), false],
  ['member does not manage', inCollaborative('member'), 'strategy.manage', plan('draft'), false],
  ['coordinator edits an active plan', inCollaborative('coordinator'), 'strategy.plan.update', plan('active'), true],
  ['coordinator may not edit a closed plan', inCollaborative('coordinator'), 'strategy.plan.update', plan('closed'), false],
  ['member may not edit', inCollaborative('member'), 'strategy.plan.update', plan('draft'), false],
  ['no new version of a draft', inCollaborative('coordinator'), 'strategy.plan.newVersion', plan('draft'), false],
  ['new version of an adopted plan', inCollaborative('coordinator'), 'strategy.plan.newVersion', plan('adopted'), true],
  ['new version of a closed plan', admin, 'strategy.plan.newVersion', plan('closed'), true],
  ['member may not start a new version', inCollaborative('member'), 'strategy.plan.newVersion', plan('adopted'), false],
  ['coordinator edits a draft card', inCollaborative('coordinator'), 'strategy.reportCard.update', plan('active', { reportCardStatus: 'draft' }), true],
  ['a published card is frozen', inCollaborative('coordinator'), 'strategy.reportCard.update', plan('active', { reportCardStatus: 'published' }), false],
  ['member may not edit a card', inCollaborative('member'), 'strategy.reportCard.update', plan('active', { reportCardStatus: 'draft' }), false],
  ['system manages', system, 'strategy.manage', plan('draft'), true],
];

describe('strategy policy', () => {
  it.each(cases)('%s', (_name, actor, action, resource, expected) => {
    expect(can(actor, action, resource)).toBe(expected);
  });
  it('gives the public (no actor) public access, and lead readers member access', () => {
    expect(planAccess(null, plan('active'))).toBe('public');
    expect(planAccess(inOrganization('viewer'), plan('active'))).toBe('member');
    expect(planAccess(inCollaborative('coordinator'), plan('active'))).toBe('manage');
  });
});
