import { describe, expect, it } from 'vitest';
import type { Actor, RoleGrant } from '../accounts/actor';
import { can, type GeographyAction } from './geography.policy';
import { person } from '../../../test/helpers/actors';

const ORG = '00000000-0000-4000-8000-00000000000a';
const user = (...roles: RoleGrant[]): Actor => person(roles, { organizationId: ORG });
const actors: Record<string, Actor> = {
  platformAdmin: user({ role: 'platform_admin', scopeType: 'platform', scopeId: null }),
  orgAdmin: user({ role: 'org_admin', scopeType: 'organization', scopeId: ORG }),
  staff: user({ role: 'staff', scopeType: 'organization', scopeId: ORG }),
  noRoles: user(),
  system: { kind: 'system', label: 'seeds' },
};

const table: [string, GeographyAction, boolean][] = [
  ['noRoles', 'geography.read', true],
  ['staff', 'geography.read', true],
  ['platformAdmin', 'geography.create', true],
  ['system', 'geography.create', true],
  ['orgAdmin', 'geography.create', false],
  ['staff', 'geography.create', false],
  ['noRoles', 'geography.create', false],
  ['platformAdmin', 'geography.update', true],
  ['orgAdmin', 'geography.update', false],
  ['staff', 'geography.update', false],
];

describe('geography policy', () => {
  it.each(table)('%s may %s: %s', (who, action, allowed) => {
    expect(can(actors[who], action, {})).toBe(allowed);
  });
});
