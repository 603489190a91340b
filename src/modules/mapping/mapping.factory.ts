/** Test factories: valid mapping records without leaning on the demo seed. */
import type { Db } from '../../core/db/database';
import * as repo from './mapping.repository';

let n = 0;

export async function makeTable(db: Db, overrides: Partial<repo.TableValues> & { members?: string[] } = {}): Promise<string> {
  n++;
  const { members = [], ...v } = overrides;
  const id = await repo.insertTable(db, { name: `Test table ${n} ${Date.now()}`, kind: 'network', mandate: 'A table for tests', domains: ['housing'], populations: ['everyone'], geographyIds: [], leadOrganizationId: null, funder: null, ...v }, 'manual');
  await repo.setTableMembers(db, id, members);
  return id;
}

export async function makeCandidate(db: Db, regionId: string, overrides: Partial<repo.NewCandidate> = {}): Promise<string> {
  n++;
  const id = await repo.insertCandidateIfNew(db, { key: `test|${n}|${Date.now()}`, kind: 'gap', regionId, domain: 'housing', geographyId: null, serviceIds: [], organizationIds: [], evidence: { reason: 'test' }, ...overrides });
  return id!;
}
