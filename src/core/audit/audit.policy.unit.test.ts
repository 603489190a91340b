import { describe, expect, it } from 'vitest';
import type { Actor, RoleGrant } from '../accounts/actor';
import { auditScope, can } from './audit.policy';
import { person } from '../../../test/helpers/actors';

const ORG_A = '00000000-0000-4000-8000-00000000000a';
const ORG_B = '00000000-0000-4000-8000-00000000000b';
const user = (...roles: RoleGrant[]): Actor => person(roles, { organizationId: ORG_A });
const actors: Record<string, Actor> = {
  platformAdmin: user({ role: 'platform_admin', scopeType: 'platform', scopeId: null }),
  orgAdminA: user({ role: 'org_admin', scopeType: 'organization', scopeId: ORG_A }),
  privacyOfficerA: user({ role: 'privacy_officer', scopeType: 'organization', scopeId: ORG_A }),
  staffA: user({ role: 'staff', scopeType: 'organization', scopeId: ORG_A }),
  noRoles: user(),
  system: { kind: 'system', label: 'cli' },
};

// actor × organization (undefined: the log as a whole) → may read
const table: [string, string | null | undefined, boolean][] = [
  ['platformAdmin', undefined, true],
  ['platformAdmin', ORG_B, true],
  ['system', undefined, true],
  ['orgAdminA', undefined, true],
  ['orgAdminA', ORG_A, true],
  ['orgAdminA', ORG_B, false],
  ['orgAdminA', null, false], // events about no organization: platform only
  ['privacyOfficerA', undefined, false],
  ['staffA', undefined, false],
  ['staffA', ORG_A, false],
  ['noRoles', undefined, false],
];

describe('audit policy', () => {
  it.each(table)('%s reads the audit log of %s: %s', (who, organizationId, allowed) => {
    expect(can(actors[who], 'audit.read', organizationId === undefined ? {} : { organizationId })).toBe(allowed);
  });
  it('scopes the list to the administered organizations, or to nothing for the platform', () => {
    expect(auditScope(actors.platformAdmin)).toBeUndefined();
    expect(auditScope(actors.orgAdminA)).toEqual([ORG_A]);
    expect(auditScope(actors.staffA)).toEqual([]);
  });
});
