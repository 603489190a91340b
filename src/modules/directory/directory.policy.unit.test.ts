import { describe, expect, it } from 'vitest';
import type { Actor, RoleGrant } from '../../core/accounts/actor';
import { can, reviewScope, type DirectoryAction } from './directory.policy';
import { person, systemActor } from '../../../test/helpers/actors';

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
  noRoles: user(),
  system: systemActor('cli'),
};

// actor × action × organization of the service → allowed
const table: [string, DirectoryAction, string | null, boolean][] = [
  ['platformAdmin', 'directory.service.update', ORG_B, true],
  ['system', 'directory.service.update', ORG_B, true],
  ['orgAdminA', 'directory.service.update', ORG_A, true],
  ['orgAdminA', 'directory.service.update', ORG_B, false],
  ['staffA', 'directory.service.update', ORG_A, true],
  ['staffA', 'directory.service.update', ORG_B, false],
  ['staffA', 'directory.service.update', null, false],
  ['viewerA', 'directory.service.update', ORG_A, false],
  ['coordinator', 'directory.service.update', ORG_A, false],
  ['noRoles', 'directory.service.update', ORG_A, false],
  ['staffA', 'directory.service.verify', ORG_A, true],
  ['staffA', 'directory.service.verify', ORG_B, false],
  ['viewerA', 'directory.service.verify', ORG_A, false],
  ['platformAdmin', 'directory.service.verify', ORG_A, true],
  ['staffA', 'directory.service.capacity', ORG_A, true],
  ['orgAdminA', 'directory.service.capacity', ORG_B, false],
  ['viewerA', 'directory.service.capacity', ORG_A, false],
  ['platformAdmin', 'directory.review', null, true],
  ['orgAdminA', 'directory.review', null, true],
  ['staffA', 'directory.review', null, true],
  ['viewerA', 'directory.review', null, false],
  ['coordinator', 'directory.review', null, false],
  ['noRoles', 'directory.review', null, false],
  ['platformAdmin', 'directory.settings', null, true],
  ['system', 'directory.settings', null, true],
  ['orgAdminA', 'directory.settings', null, false],
  ['staffA', 'directory.settings', null, false],
  ['platformAdmin', 'directory.taxonomy', null, true],
  ['orgAdminA', 'directory.taxonomy', null, false],
  ['coordinator', 'directory.taxonomy', null, false],
  ['platformAdmin', 'directory.import', null, true],
  ['orgAdminA', 'directory.import', ORG_A, false],
  ['noRoles', 'directory.import', null, false],
];

describe('directory policy', () => {
  it.each(table)('%s %s on a service of %s → %s', (who, action, org, expected) => {
    expect(can(actors[who], action, { organizationId: org })).toBe(expected);
  });

  it('reviews every organization for directory admins, only their own for staff, none otherwise', () => {
    expect(reviewScope(actors.platformAdmin)).toBeNull();
    expect(reviewScope(actors.staffA)).toEqual([ORG_A]);
    expect(reviewScope(actors.viewerA)).toEqual([]);
  });
});
