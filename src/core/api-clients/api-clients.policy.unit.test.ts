import { describe, expect, it } from 'vitest';
import type { Actor, RoleGrant } from '../accounts/actor';
import { allowedActions } from '../policy';
import { can, type ApiClientAction, type ApiClientResource } from './api-clients.policy';
import { person } from '../../../test/helpers/actors';

const ORG_A = '00000000-0000-4000-8000-00000000000a';
const ORG_B = '00000000-0000-4000-8000-00000000000b';
const COLLAB = '00000000-0000-4000-8000-0000000000cc';

const user = (...roles: RoleGrant[]): Actor => person(roles, { organizationId: ORG_A });
const actors: Record<string, Actor> = {
  platformAdmin: user({ role: 'platform_admin', scopeType: 'platform', scopeId: null }),
  orgAdminA: user({ role: 'org_admin', scopeType: 'organization', scopeId: ORG_A }),
  staffA: user({ role: 'staff', scopeType: 'organization', scopeId: ORG_A }),
  viewerA: user({ role: 'viewer', scopeType: 'organization', scopeId: ORG_A }),
  privacyOfficerA: user({ role: 'privacy_officer', scopeType: 'organization', scopeId: ORG_A }),
  // An org_admin role held on a collaborative's scope is not an organization admin.
  orgAdminOnCollab: user({ role: 'org_admin', scopeType: 'collaborative', scopeId: ORG_A }),
  coordinator: user({ role: 'coordinator', scopeType: 'collaborative', scopeId: COLLAB }),
  noRoles: user(),
  system: { kind: 'system', label: 'cli' },
};

const live = (organizationId: string): ApiClientResource => ({ organizationId, revoked: false });
const revoked = (organizationId: string): ApiClientResource => ({ organizationId, revoked: true });

// actor × action × resource → allowed
const table: [string, ApiClientAction, ApiClientResource, boolean][] = [
  ['orgAdminA', 'api_clients.list', { organizationId: ORG_A }, true],
  ['orgAdminA', 'api_clients.list', { organizationId: ORG_B }, false],
  ['platformAdmin', 'api_clients.list', { organizationId: ORG_B }, true],
  ['system', 'api_clients.list', { organizationId: ORG_B }, true],
  ['staffA', 'api_clients.list', { organizationId: ORG_A }, false],
  ['viewerA', 'api_clients.list', { organizationId: ORG_A }, false],
  ['privacyOfficerA', 'api_clients.list', { organizationId: ORG_A }, false],
  ['coordinator', 'api_clients.list', { organizationId: ORG_A }, false],
  ['noRoles', 'api_clients.list', { organizationId: ORG_A }, false],
  ['orgAdminOnCollab', 'api_clients.list', { organizationId: ORG_A }, false],
  ['orgAdminA', 'api_clients.create', { organizationId: ORG_A }, true],
  ['orgAdminA', 'api_clients.create', { organizationId: ORG_B }, false],
  ['platformAdmin', 'api_clients.create', { organizationId: ORG_B }, true],
  ['staffA', 'api_clients.create', { organizationId: ORG_A }, false],
  ['coordinator', 'api_clients.create', { organizationId: ORG_A }, false],
  ['noRoles', 'api_clients.create', { organizationId: ORG_A }, false],
  ['orgAdminA', 'api_clients.revoke', live(ORG_A), true],
  ['orgAdminA', 'api_clients.revoke', revoked(ORG_A), false],
  ['orgAdminA', 'api_clients.revoke', live(ORG_B), false],
  ['platformAdmin', 'api_clients.revoke', live(ORG_B), true],
  ['platformAdmin', 'api_clients.revoke', revoked(ORG_B), false],
  ['staffA', 'api_clients.revoke', live(ORG_A), false],
  ['viewerA', 'api_clients.revoke', live(ORG_A), false],
  ['noRoles', 'api_clients.revoke', live(ORG_A), false],
];

describe('API client policy', () => {
  it.each(table)('%s %s on %j → %s', (who, action, resource, expected) => {
    expect(can(actors[who], action, resource)).toBe(expected);
  });

  it('gives presenters one record of actions', () => {
    expect(allowedActions(can, actors.orgAdminA, ['api_clients.revoke'], live(ORG_A))).toEqual({ 'api_clients.revoke': true });
    expect(allowedActions(can, actors.orgAdminA, ['api_clients.revoke'], revoked(ORG_A))).toEqual({ 'api_clients.revoke': false });
  });
});
