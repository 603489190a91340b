/** Meetings, attendance, decisions and votes. Agenda items are in agenda.ts. */
import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../core/db/database';
import { attendance, decisions, meetings, votes, type DecisionRow, type MeetingRow } from '../collaboratives.tables';

export function insertMeetings(db: Db, rows: (typeof meetings.$inferInsert)[]): Promise<MeetingRow[]> {
  return db.insert(meetings).values(rows).returning();
}

/** A collaborative's meetings by start; `publicOnly` keeps those whose minutes are published. */
export function meetingsOf(db: Db, collaborativeId: string, publicOnly: boolean): Promise<MeetingRow[]> {
  const where = publicOnly ? and(eq(meetings.collaborativeId, collaborativeId), eq(meetings.minutesPublic, true)) : eq(meetings.collaborativeId, collaborativeId);
  return db.select().from(meetings).where(where).orderBy(asc(meetings.startsAt));
}

export async function findMeeting(db: Db, collaborativeId: string, meetingId: string): Promise<MeetingRow | undefined> {
  const [m] = await db.select().from(meetings).where(and(eq(meetings.id, meetingId), eq(meetings.collaborativeId, collaborativeId)));
  return m;
}

export async function meetingExists(db: Db, collaborativeId: string, meetingId: string): Promise<boolean> {
  const rows = await db.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.id, meetingId), eq(meetings.collaborativeId, collaborativeId)));
  return rows.length > 0;
}

/**
 * Applies the changes and adds one to the version if the meeting is still at `version`;
 * `reschedule` also adds one to the iCalendar SEQUENCE. Undefined when the version is stale.
 */
export async function updateMeetingIfVersion(db: Db, meetingId: string, version: number, changes: Partial<typeof meetings.$inferInsert>, reschedule: boolean): Promise<MeetingRow | undefined> {
  const [after] = await db
    .update(meetings)
    .set({ ...changes, version: sql`${meetings.version} + 1`, ...(reschedule ? { sequence: sql`${meetings.sequence} + 1` } : {}) })
    .where(and(eq(meetings.id, meetingId), eq(meetings.version, version)))
    .returning();
  return after;
}

/** Meetings not over and not cancelled, soonest first. */
export function upcomingMeetingRows(db: Db, collaborativeId: string, limit: number): Promise<MeetingRow[]> {
  return db
    .select()
    .from(meetings)
    .where(and(eq(meetings.collaborativeId, collaborativeId), gte(meetings.endsAt, new Date()), sql`${meetings.status} <> 'cancelled'`))
    .orderBy(asc(meetings.startsAt))
    .limit(limit);
}

export function attendanceOfMeeting(db: Db, meetingId: string) {
  return db.select({ memberId: attendance.memberId, status: attendance.status }).from(attendance).where(eq(attendance.meetingId, meetingId));
}

/** Records each member's attendance, replacing what was recorded before. */
export async function upsertAttendance(db: Db, meetingId: string, entries: { memberId: string; status: 'present' | 'regrets' | 'absent' }[]): Promise<void> {
  if (!entries.length) return;
  await db
    .insert(attendance)
    .values(entries.map((e) => ({ meetingId, memberId: e.memberId, status: e.status })))
    .onConflictDoUpdate({ target: [attendance.meetingId, attendance.memberId], set: { status: sql`excluded.status` } });
}

export function decisionsOfMeeting(db: Db, meetingId: string): Promise<DecisionRow[]> {
  return db.select().from(decisions).where(eq(decisions.meetingId, meetingId)).orderBy(asc(decisions.createdAt));
}

export async function decisionsOfMeetings(db: Db, meetingIds: string[]): Promise<DecisionRow[]> {
  if (!meetingIds.length) return [];
  return db.select().from(decisions).where(inArray(decisions.meetingId, meetingIds));
}

/** The agenda items of a meeting that carry a recorded decision. */
export async function decidedAgendaItemIds(db: Db, meetingId: string): Promise<(string | null)[]> {
  const rows = await db.select({ agendaItemId: decisions.agendaItemId }).from(decisions).where(eq(decisions.meetingId, meetingId));
  return rows.map((r) => r.agendaItemId);
}

export async function findDecision(db: Db, collaborativeId: string, decisionId: string): Promise<DecisionRow | undefined> {
  const [d] = await db.select().from(decisions).where(and(eq(decisions.id, decisionId), eq(decisions.collaborativeId, collaborativeId)));
  return d;
}

export async function insertDecision(db: Db, values: typeof decisions.$inferInsert, ballots: { memberId: string; vote: 'for' | 'against' | 'abstain' }[]): Promise<DecisionRow> {
  const [d] = await db.insert(decisions).values(values).returning();
  if (ballots.length) await db.insert(votes).values(ballots.map((v) => ({ decisionId: d.id, memberId: v.memberId, vote: v.vote })));
  return d;
}

/** The decision register, latest first, with each decision's meeting title. */
export function recentDecisionRows(db: Db, collaborativeId: string, limit: number) {
  return db
    .select({ d: decisions, title: meetings.title })
    .from(decisions)
    .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
    .where(eq(decisions.collaborativeId, collaborativeId))
    .orderBy(desc(decisions.decidedOn), desc(decisions.createdAt))
    .limit(limit);
}
