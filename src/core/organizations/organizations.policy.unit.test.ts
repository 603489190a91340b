import { describe, expect, it } from 'vitest';
import type { Actor, RoleGrant } from '../accounts/actor';
import { can, type OrganizationAction } from './organizations.policy';
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
  coordinator: user({ role: 'coordinator', scopeType: 'collaborative', scopeId: COLLAB }),
  member: user({ role: 'member', scopeType: 'collaborative', scopeId: COLLAB }),
  noRoles: user(),
  system: { kind: 'system', label: 'cli' },
};

// actor × action × organization → allowed
const table: [string, OrganizationAction, string | undefined, boolean][] = [
  ['noRoles', 'organization.read', ORG_A, true],
  ['viewerA', 'organization.read', ORG_B, true],
  ['platformAdmin', 'organization.create', undefined, true],
  ['orgAdminA', 'organization.create', undefined, true],
  ['coordinator', 'organization.create', undefined, true],
  ['staffA', 'organization.create', undefined, false],
  ['viewerA', 'organization.create', undefined, false],
  ['member', 'organization.create', undefined, false],
  ['noRoles', 'organization.create', undefined, false],
  ['system', 'organization.create', undefined, true],
  ['platformAdmin', 'organization.update', ORG_B, true],
  ['orgAdminA', 'organization.update', ORG_A, true],
  ['orgAdminA', 'organization.update', ORG_B, false],
  ['staffA', 'organization.update', ORG_A, false],
  ['coordinator', 'organization.update', ORG_A, false],
  ['orgAdminA', 'organization.users.read', ORG_A, true],
  ['orgAdminA', 'organization.users.read', ORG_B, false],
  ['staffA', 'organization.users.read', ORG_A, false],
  ['viewerA', 'organization.users.read', ORG_A, false],
];

describe('organization policy', () => {
  it.each(table)('%s %s on %s → %s', (who, action, org, expected) => {
    expect(can(actors[who], action, org)).toBe(expected);
  });
});
