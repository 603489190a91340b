import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/accounts/actor';
import type { Role } from '../../core/accounts/accounts.tables';
import { can, canReadPartition, canWritePartition, mustProtect, type DataAction, type DataResource } from './data.policy';
import { inCollaborative as holdsInCollaborative, inOrganization as holdsInOrganization, platformAdmin, systemActor } from '../../../test/helpers/actors';

const C = 'collab-1';
const inCollaborative = (role: Role, id = C): Actor => holdsInCollaborative(role, id);
const inOrganization = (role: Role): Actor => holdsInOrganization(role, 'o');
const admin = platformAdmin();
const system = systemActor('feed');
const pub: DataResource = { collaborativeId: null };
const priv: DataResource = { collaborativeId: C };

const cases: [string, Actor, DataAction, DataResource, boolean][] = [
  ['anyone reads the public partition', inOrganization('staff'), 'data.read', pub, true],
  ['a member reads the private partition', inCollaborative('member'), 'data.read', priv, true],
  ['a viewer of the collaborative reads it', inCollaborative('viewer'), 'data.read', priv, true],
  ['a member of another collaborative does not', inCollaborative('member', 'collab-2'), 'data.read', priv, false],
  ['an organization admin does not read a private partition', inOrganization('org_admin'), 'data.read', priv, false],
  ['platform admin writes the catalogue', admin, 'data.indicator.write', {}, true],
  ['system writes the catalogue', system, 'data.indicator.write', {}, true],
  ['coordinator may not write the catalogue', inCollaborative('coordinator'), 'data.indicator.write', {}, false],
  ['org admin may not map census characteristics', inOrganization('org_admin'), 'data.census.mapping', {}, false],
  ['platform admin maps census characteristics', admin, 'data.census.mapping', {}, true],
  ['platform admin imports public data', admin, 'data.import.public', pub, true],
  ['coordinator may not import public data', inCollaborative('coordinator'), 'data.import.public', pub, false],
  ['coordinator imports into the private partition', inCollaborative('coordinator'), 'data.import.private', priv, true],
  ['member may not import into the private partition', inCollaborative('member'), 'data.import.private', priv, false],
  ['coordinator elsewhere may not import', inCollaborative('coordinator', 'collab-2'), 'data.import.private', priv, false],
  ['platform admin imports into any partition', admin, 'data.import.private', priv, true],
  ['coordinator reads the history of the private partition', inCollaborative('coordinator'), 'data.history', priv, true],
  ['coordinator may not read the history of public data', inCollaborative('coordinator'), 'data.history', pub, false],
  ['platform admin reads the history of public data', admin, 'data.history', pub, true],
  ['coordinator edits dashboards', inCollaborative('coordinator'), 'data.dashboard.write', priv, true],
  ['member may not edit dashboards', inCollaborative('member'), 'data.dashboard.write', priv, false],
  ['staff may not edit dashboards', inOrganization('staff'), 'data.dashboard.write', priv, false],
];

describe('data policy', () => {
  it.each(cases)('%s', (_name, actor, action, resource, expected) => {
    expect(can(actor, action, resource)).toBe(expected);
  });
  it('lets the public read public data only, and protects small counts for everyone but a private partition’s members', () => {
    expect(canReadPartition(null, null)).toBe(true);
    expect(canReadPartition(null, C)).toBe(false);
    expect(canWritePartition(null, null)).toBe(false);
    expect(mustProtect(admin, null)).toBe(true);
    expect(mustProtect(inCollaborative('member'), C)).toBe(false);
    expect(mustProtect(null, C)).toBe(true);
  });
});
