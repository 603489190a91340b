import type { Actor } from '../accounts/actor';
import { allowedActions } from '../policy';
import { can } from './api-clients.policy';
import type { ApiClientRow } from './api-clients.repository';
import type { ApiClient } from './api-clients.schema';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function present(row: ApiClientRow, actor: Actor): ApiClient {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    scopes: row.scopes,
    createdAt: new Date(row.createdAt).toISOString(),
    lastUsedAt: iso(row.lastUsedAt),
    revokedAt: iso(row.revokedAt),
    actions: allowedActions(can, actor, ['api_clients.revoke'], { organizationId: row.organizationId, revoked: row.revokedAt !== null }),
  };
}
