import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/accounts/actor';
import type { Role } from '../../core/accounts/accounts.tables';
import { can, canReadPublic, type MappingAction } from './mapping.policy';
import { person } from '../../../test/helpers/actors';

const user = (role: Role): Actor => person([{ role, scopeType: role === 'coordinator' ? 'collaborative' : 'organization', scopeId: 'x' }], { organizationId: 'o' });
const nobody = person();

const cases: [string, Actor, MappingAction, boolean][] = [
  ['viewer reads', user('viewer'), 'mapping.read', true],
  ['user with no role reads', nobody, 'mapping.read', true],
  ['viewer may not add a table', user('viewer'), 'mapping.table.create', false],
  ['staff may not add a table', user('staff'), 'mapping.table.create', false],
  ['org admin adds a table', user('org_admin'), 'mapping.table.create', true],
  ['coordinator edits a table', user('coordinator'), 'mapping.table.update', true],
  ['member may not label', user('member'), 'mapping.candidate.label', false],
  ['coordinator labels', user('coordinator'), 'mapping.candidate.label', true],
  ['staff may not ask questions', user('staff'), 'mapping.candidate.generate', false],
  ['org admin may not publish', user('org_admin'), 'mapping.snapshot.publish', false],
  ['coordinator publishes', user('coordinator'), 'mapping.snapshot.publish', true],
  ['platform admin shares', user('platform_admin'), 'mapping.snapshot.share', true],
  ['privacy officer may not share', user('privacy_officer'), 'mapping.snapshot.share', false],
  ['coordinator may not refresh the feed', user('coordinator'), 'mapping.feed.refresh', false],
  ['platform admin refreshes the feed', user('platform_admin'), 'mapping.feed.refresh', true],
  ['system refreshes the feed', { kind: 'system', label: 'scheduler' }, 'mapping.feed.refresh', true],
];

describe('mapping policy', () => {
  it.each(cases)('%s', (_name, actor, action, expected) => {
    expect(can(actor, action, {})).toBe(expected);
  });
  it('lets anyone read a public snapshot and no one anonymous read a private one', () => {
    expect(canReadPublic(null, { isPublic: true })).toBe(true);
    expect(canReadPublic(null, { isPublic: false })).toBe(false);
    expect(canReadPublic(user('viewer'), { isPublic: false })).toBe(true);
  });
});
