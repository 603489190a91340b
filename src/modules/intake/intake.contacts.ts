import type { Database, Db } from '../../core/db/database';
import type { Actor } from '../../core/accounts/actor';
import { organizationPeople } from '../../core/accounts/accounts.service';
import { organizationExists } from '../../core/organizations/organizations.service';
import { Errors } from '../../core/http/errors';
import { authorizeAction } from '../../core/policy';
import { can } from './intake.policy';

/** Who at an organization can receive a warm referral by name: its staff and admins on the platform. */
export async function referralContacts(database: Database, actor: Actor, organizationId: string) {
  authorizeAction(can, actor, 'intake.referral.contacts', {});
  if (!(await organizationExists(database.db, organizationId))) throw Errors.notFound('Organization');
  return { items: await organizationPeople(database.db, organizationId, ['staff', 'org_admin']) };
}

/** A named contact must be one of those people: the person, or null. */
export async function referralContact(db: Db, organizationId: string, userId: string) {
  return (await organizationPeople(db, organizationId, ['staff', 'org_admin'])).find((p) => p.id === userId) ?? null;
}
