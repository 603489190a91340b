import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/accounts/actor';
import type { CollaborativeAccess } from '../collaboratives/collaboratives.api';
import { can, type PathwayAction } from './pathways.policy';
import { person, systemActor } from '../../../test/helpers/actors';

const user = person([], { organizationId: 'o' });
const system = systemActor();

const cases: [string, Actor, PathwayAction, CollaborativeAccess, boolean][] = [
  ['anyone signed in reads', user, 'pathways.read', 'public', true],
  ['an outsider may not create', user, 'pathways.create', 'public', false],
  ['a member may not create', user, 'pathways.create', 'member', false],
  ['a coordinator creates', user, 'pathways.create', 'manage', true],
  ['a member may not edit', user, 'pathways.update', 'member', false],
  ['a coordinator edits', user, 'pathways.update', 'manage', true],
  ['a member may not publish', user, 'pathways.publish', 'member', false],
  ['a coordinator publishes', user, 'pathways.publish', 'manage', true],
  ['a coordinator deletes', user, 'pathways.delete', 'manage', true],
  ['an outsider may not read the observed flow', user, 'pathways.flow.read', 'public', false],
  ['a member reads the observed flow', user, 'pathways.flow.read', 'member', true],
  ['a member draws in the workshop', user, 'pathways.drawing.add', 'member', true],
  ['an outsider may not draw', user, 'pathways.drawing.add', 'public', false],
  ['a member reads feedback', user, 'pathways.feedback.read', 'member', true],
  ['an outsider may not read feedback', user, 'pathways.feedback.read', 'public', false],
  ['the system reads', system, 'pathways.read', 'manage', true],
];

describe('pathways policy', () => {
  it.each(cases)('%s', (_name, actor, action, access, expected) => {
    expect(can(actor, action, { access })).toBe(expected);
  });
});
