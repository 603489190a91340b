import { describe, expect, it } from 'vitest';
import type { Actor, RoleGrant } from './actor';
import { can, type AccountAction } from './accounts.policy';
import { person } from '../../../test/helpers/actors';

const ORG_A = '00000000-0000-4000-8000-00000000000a';
const ORG_B = '00000000-0000-4000-8000-00000000000b';
const COLLAB = '00000000-0000-4000-8000-0000000000cc';

const user = (...roles: RoleGrant[]): Actor => person(roles, { organizationId: ORG_A });
const actors: Record<string, Actor> = {
  platformAdmin: user({ role: 'platform_admin', scopeType: 'platform', scopeId: null }),
  orgAdminA: user({ role: 'org_admin', scopeType: 'organization', scopeId: ORG_A }),
  privacyOfficerA: user({ role: 'privacy_officer', scopeType: 'organization', scopeId: ORG_A }),
  staffA: user({ role: 'staff', scopeType: 'organization', scopeId: ORG_A }),
  coordinator: user({ role: 'coordinator', scopeType: 'collaborative', scopeId: COLLAB }),
  noRoles: user(),
  system: { kind: 'system', label: 'cli' },
};

// actor × action × organization → allowed
const table: [string, AccountAction, string | null, boolean][] = [
  ['platformAdmin', 'user.create', ORG_B, true],
  ['orgAdminA', 'user.create', ORG_A, true],
  ['orgAdminA', 'user.create', ORG_B, false],
  ['orgAdminA', 'user.create', null, false],
  ['staffA', 'user.create', ORG_A, false],
  ['privacyOfficerA', 'user.create', ORG_A, false],
  ['coordinator', 'user.create', ORG_A, false],
  ['system', 'user.create', null, true],
  ['orgAdminA', 'user.read', ORG_A, true],
  ['orgAdminA', 'user.read', ORG_B, false],
  ['staffA', 'user.read', ORG_A, false],
  ['orgAdminA', 'user.update', ORG_A, true],
  ['orgAdminA', 'user.deactivate', ORG_A, true],
  ['orgAdminA', 'user.deactivate', ORG_B, false],
  ['noRoles', 'user.deactivate', ORG_A, false],
  ['platformAdmin', 'user.list', null, true],
  ['orgAdminA', 'user.list', null, true],
  ['staffA', 'user.list', null, false],
  ['coordinator', 'user.list', null, false],
  ['orgAdminA', 'user.grant_role', ORG_A, true],
  ['orgAdminA', 'user.grant_role', ORG_B, false],
  ['orgAdminA', 'user.grant_role', null, false], // platform or collaborative scope
  ['platformAdmin', 'user.grant_role', null, true],
  ['coordinator', 'user.grant_role', null, false],
  // the privacy officer is protected from the admins they watch
  ['orgAdminA', 'user.remove_privacy_officer', ORG_A, false],
  ['privacyOfficerA', 'user.remove_privacy_officer', ORG_A, false],
  ['platformAdmin', 'user.remove_privacy_officer', ORG_A, true],
  ['system', 'user.remove_privacy_officer', ORG_A, true],
];

describe('accounts policy', () => {
  it.each(table)('%s may %s (organization %s): %s', (who, action, organizationId, allowed) => {
    expect(can(actors[who], action, { organizationId })).toBe(allowed);
  });
});
