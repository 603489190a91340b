import type { Actor } from '../accounts/actor';
import type { OrganizationWithParent } from './organizations.repository';
import type { Organization } from './organizations.schema';
import { can } from './organizations.policy';

export function present(row: OrganizationWithParent, actor: Actor): Organization {
  return {
    id: row.id,
    legalName: row.legalName,
    alternateNames: row.alternateNames,
    description: row.description,
    website: row.website,
    email: row.email,
    phones: row.phones as Organization['phones'],
    addresses: row.addresses as Organization['addresses'],
    sector: row.sector,
    partnerCategory: row.partnerCategory,
    parentId: row.parentId,
    parentName: row.parentName,
    geographyId: row.geographyId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    actions: { update: can(actor, 'organization.update', row.id), viewUsers: can(actor, 'organization.users.read', row.id) },
  };
}
