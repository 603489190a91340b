/** Funding sources, their reporting obligations, and engagement records. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../core/db/database';
import { engagements, fundingObligations, fundingSources } from '../collaboratives.tables';

export type EngagementRow = typeof engagements.$inferSelect;

export function fundingSourcesOf(db: Db, collaborativeId: string) {
  return db.select().from(fundingSources).where(eq(fundingSources.collaborativeId, collaborativeId)).orderBy(asc(fundingSources.startsOn));
}

export async function obligationsOf(db: Db, sourceIds: string[]) {
  if (!sourceIds.length) return [];
  return db.select().from(fundingObligations).where(inArray(fundingObligations.sourceId, sourceIds)).orderBy(asc(fundingObligations.dueOn));
}

export async function insertFundingSource(db: Db, values: typeof fundingSources.$inferInsert, obligations: { title: string; dueOn: string; submittedOn?: string | null }[]): Promise<string> {
  const [row] = await db.insert(fundingSources).values(values).returning();
  if (obligations.length) await db.insert(fundingObligations).values(obligations.map((o) => ({ sourceId: row.id, title: o.title, dueOn: o.dueOn, submittedOn: o.submittedOn ?? null })));
  return row.id;
}

export async function obligationExists(db: Db, collaborativeId: string, obligationId: string): Promise<boolean> {
  const rows = await db
    .select({ id: fundingObligations.id })
    .from(fundingObligations)
    .innerJoin(fundingSources, eq(fundingSources.id, fundingObligations.sourceId))
    .where(and(eq(fundingObligations.id, obligationId), eq(fundingSources.collaborativeId, collaborativeId)));
  return rows.length > 0;
}

export async function setObligationSubmitted(db: Db, obligationId: string, submittedOn: string | null): Promise<void> {
  await db.update(fundingObligations).set({ submittedOn }).where(eq(fundingObligations.id, obligationId));
}

/** Obligations not yet submitted and due on or before `horizon`, with their funder. */
export function unsubmittedObligations(db: Db, collaborativeId: string, horizon: string) {
  return db
    .select({ o: fundingObligations, funderName: fundingSources.funderName })
    .from(fundingObligations)
    .innerJoin(fundingSources, eq(fundingSources.id, fundingObligations.sourceId))
    .where(and(eq(fundingSources.collaborativeId, collaborativeId), sql`${fundingObligations.submittedOn} IS NULL`, sql`${fundingObligations.dueOn} <= ${horizon}`))
    .orderBy(asc(fundingObligations.dueOn));
}

export function engagementsOf(db: Db, collaborativeId: string): Promise<EngagementRow[]> {
  return db.select().from(engagements).where(eq(engagements.collaborativeId, collaborativeId)).orderBy(desc(engagements.heldOn));
}

export async function insertEngagement(db: Db, values: typeof engagements.$inferInsert): Promise<EngagementRow> {
  const [row] = await db.insert(engagements).values(values).returning();
  return row;
}

export async function engagementsByIds(db: Db, collaborativeId: string, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: engagements.id, collaborativeId: engagements.collaborativeId, title: engagements.title, method: engagements.method, heldOn: engagements.heldOn })
    .from(engagements)
    .where(and(eq(engagements.collaborativeId, collaborativeId), inArray(engagements.id, ids)));
}
