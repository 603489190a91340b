import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { createTestDatabase } from '../../../test/helpers/test-db';
import type { Database } from '../../core/db/database';
import { systemActor } from '../../core/accounts/actor';
import { seedCollaboratives, LDIPC_NAME } from './collaboratives.seeds';
import { collaboratives, decisions, documentVersions, fundingSources, meetings, members, stageChanges } from './collaboratives.tables';

let database: Database & { drop(): Promise<void> };
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

async function counts() {
  const db = database.db;
  const n = async (t: PgTable) => (await db.select({ n: count() }).from(t))[0].n;
  return {
    collaboratives: await n(collaboratives),
    members: await n(members),
    meetings: await n(meetings),
    decisions: await n(decisions),
    versions: await n(documentVersions),
    funding: await n(fundingSources),
    stages: await n(stageChanges),
  };
}

describe('collaboratives demo seed', () => {
  it('is idempotent: seeding again adds nothing', async () => {
    const before = await counts();
    expect(before.members).toBeGreaterThanOrEqual(10);
    await seedCollaboratives({ database, actor: systemActor('seed'), demo: true, log: () => undefined });
    expect(await counts()).toEqual(before);
  });
  it('gives the LDIPC its partners from seed 002 Appendix B and a carried decision approving the terms of reference', async () => {
    const [ldipc] = await database.db.select().from(collaboratives).where(eq(collaboratives.name, LDIPC_NAME));
    const rows = await database.db.select().from(members).where(eq(members.collaborativeId, ldipc.id));
    expect(rows.filter((r) => r.organizationId).length).toBe(9);
    const approved = await database.db.select().from(documentVersions).where(eq(documentVersions.status, 'approved'));
    expect(approved.length).toBeGreaterThanOrEqual(2);
    const [d] = await database.db.select().from(decisions).where(eq(decisions.id, approved[0].approvedDecisionId!));
    expect(d.result).toBe('carried');
  });
});
