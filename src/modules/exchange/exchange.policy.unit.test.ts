import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/accounts/actor';
import type { Role } from '../../core/accounts/accounts.tables';
import { can, type ExchangeAction, type ExchangeResource } from './exchange.policy';
import { person, systemActor } from '../../../test/helpers/actors';

const user = (role: Role): Actor => person([{ role, scopeType: role === 'coordinator' || role === 'member' ? 'collaborative' : 'organization', scopeId: 'x' }], { organizationId: 'o' });
const system = systemActor('cli');

const cases: [string, Actor, ExchangeAction, ExchangeResource, boolean][] = [
  ['a coordinator outside the network does not see it', user('coordinator'), 'exchange.network.read', {}, false],
  ['a member of a member collaborative sees it', user('member'), 'exchange.network.read', { inNetwork: true }, true],
  ['the steward sees it', user('viewer'), 'exchange.network.read', { steward: true }, true],
  ['a platform admin sees it', user('platform_admin'), 'exchange.network.read', {}, true],
  ['only platform admins create networks', user('coordinator'), 'exchange.network.create', {}, false],
  ['platform admin creates networks', user('platform_admin'), 'exchange.network.create', {}, true],
  ['a member may not manage the network', user('coordinator'), 'exchange.network.manage', { inNetwork: true, manages: true }, false],
  ['the steward manages the network', user('viewer'), 'exchange.network.manage', { steward: true }, true],
  ['a coordinator of a member shares', user('coordinator'), 'exchange.grant.create', { inNetwork: true, manages: true }, true],
  ['a member who does not manage may not share', user('member'), 'exchange.grant.create', { inNetwork: true, manages: false }, false],
  ['a coordinator outside the network may not share into it', user('coordinator'), 'exchange.grant.create', { inNetwork: false, manages: true }, false],
  ['the steward may not share for a member', user('viewer'), 'exchange.grant.create', { steward: true, manages: false }, false],
  ['a coordinator of a member revokes', user('coordinator'), 'exchange.grant.revoke', { inNetwork: true, manages: true }, true],
  ['a coordinator of a member adopts', user('coordinator'), 'exchange.template.adopt', { inNetwork: true, manages: true }, true],
  ['a member may not publish a template version', user('coordinator'), 'exchange.template.publish', { inNetwork: true }, false],
  ['the steward publishes a template version', user('member'), 'exchange.template.publish', { steward: true }, true],
  ['a viewer reads the practice library', user('viewer'), 'exchange.practice.read', {}, true],
  ['a viewer may not write a practice', user('viewer'), 'exchange.practice.create', {}, false],
  ['a coordinator writes a practice', user('coordinator'), 'exchange.practice.create', {}, true],
  ['the one who wrote a practice up edits it', user('member'), 'exchange.practice.edit', { author: true, manages: false }, true],
  ["a coordinator of the practice's collaborative edits it", user('coordinator'), 'exchange.practice.edit', { author: false, manages: true }, true],
  ['another coordinator may not edit a practice', user('coordinator'), 'exchange.practice.edit', { author: false, manages: false }, false],
  ['a viewer may not edit a practice', user('viewer'), 'exchange.practice.edit', {}, false],
  ['a platform admin edits a practice', user('platform_admin'), 'exchange.practice.edit', {}, true],
  ['adapting needs to manage the plan’s collaborative', user('coordinator'), 'exchange.practice.adapt', { manages: false }, false],
  ['a coordinator adapts into their plan', user('coordinator'), 'exchange.practice.adapt', { manages: true }, true],
  ['a member may not see the steward’s view', user('member'), 'exchange.steward.read', { inNetwork: true }, false],
  ['the steward sees the steward’s view', user('viewer'), 'exchange.steward.read', { steward: true }, true],
  ['the CLI exports', system, 'exchange.file.export', {}, true],
  ['a coordinator may not import', user('coordinator'), 'exchange.file.import', { inNetwork: true }, false],
];

describe('exchange policy', () => {
  it.each(cases)('%s', (_name, actor, action, resource, expected) => {
    expect(can(actor, action, resource)).toBe(expected);
  });
});
