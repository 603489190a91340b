import type { Policy } from '../policy';
import { hasOrganizationRole, isPlatformAdmin } from '../accounts/accounts.policy';

export type ApiClientAction = 'api_clients.list' | 'api_clients.create' | 'api_clients.revoke';

/** The organization an action concerns, and, for one client, whether it is already revoked. */
export interface ApiClientResource {
  organizationId: string;
  revoked?: boolean;
}

/**
 * An API client acts for one organization on /fhir, so only that organization's admins (or a
 * platform admin) see, create and revoke its clients. A revoked client cannot be revoked again.
 */
export const can: Policy<ApiClientAction, ApiClientResource> = (actor, action, resource) => {
  const manages = isPlatformAdmin(actor) || hasOrganizationRole(actor, resource.organizationId, 'org_admin');
  switch (action) {
    case 'api_clients.list':
    case 'api_clients.create':
      return manages;
    case 'api_clients.revoke':
      return manages && !resource.revoked;
  }
};
