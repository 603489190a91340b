/** Test factories: valid exchange records without leaning on the demo seed. */
import type { Db } from '../../core/db/database';
import * as repo from './exchange.repository';
import type { CommunityType } from './exchange.schema';

let n = 0;

export async function makeNetwork(db: Db, overrides: { name?: string; stewardUserId?: string | null; members?: { collaborativeId: string; communityType?: CommunityType }[] } = {}): Promise<string> {
  n++;
  const id = await repo.insertNetwork(db, { name: overrides.name ?? `Test network ${n} ${Date.now()}`, stewardUserId: overrides.stewardUserId ?? null });
  for (const m of overrides.members ?? []) await repo.upsertMember(db, id, m.collaborativeId, m.communityType ?? 'urban');
  return id;
}

export async function makeGrant(db: Db, v: { networkId: string; collaborativeId: string; indicatorId: string; geographyId: string; aggregateConsent?: boolean; validUntil?: string | null }): Promise<string> {
  const id = await repo.insertGrant(db, { networkId: v.networkId, collaborativeId: v.collaborativeId, kind: 'indicator', indicatorId: v.indicatorId, measureId: null, geographyId: v.geographyId, aggregateConsent: v.aggregateConsent ?? false, grantedBy: null, validUntil: v.validUntil ?? null });
  return id!;
}
