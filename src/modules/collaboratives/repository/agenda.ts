/**
 * Agenda items, and the meeting version that guards them. Both ways an agenda changes (the
 * editor's `saveAgenda` and the hand-off `appendToNextAgenda`) bump the meeting's version with
 * `bumpMeetingVersion` and add items with `insertAgendaItems`, so an agenda open in someone's
 * editor is reloaded rather than overwritten, whichever way it changed.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../core/db/database';
import { agendaItems, meetings } from '../collaboratives.tables';

export type AgendaItemRow = typeof agendaItems.$inferSelect;
export type AgendaKind = AgendaItemRow['kind'];
export interface AgendaItemValues {
  title: string;
  kind: AgendaKind;
  presenter?: string | null;
  minutesAllotted?: number | null;
  position: number;
}

/**
 * Adds one to the meeting's version; when `expected` is given, only if the meeting is still at
 * that version. The new version, or undefined when the meeting moved on (or does not exist).
 */
export async function bumpMeetingVersion(db: Db, meetingId: string, expected?: number): Promise<number | undefined> {
  const [row] = await db
    .update(meetings)
    .set({ version: sql`${meetings.version} + 1` })
    .where(expected === undefined ? eq(meetings.id, meetingId) : and(eq(meetings.id, meetingId), eq(meetings.version, expected)))
    .returning({ version: meetings.version });
  return row?.version;
}

/** The one insert path for agenda items. */
export async function insertAgendaItems(db: Db, meetingId: string, items: AgendaItemValues[]): Promise<string[]> {
  if (!items.length) return [];
  const rows = await db
    .insert(agendaItems)
    .values(items.map((it) => ({ meetingId, title: it.title, kind: it.kind, presenter: it.presenter ?? null, minutesAllotted: it.minutesAllotted ?? null, position: it.position })))
    .returning({ id: agendaItems.id });
  return rows.map((r) => r.id);
}

export function agendaOf(db: Db, meetingId: string): Promise<AgendaItemRow[]> {
  return db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position));
}

export async function findAgendaItem(db: Db, meetingId: string, itemId: string): Promise<AgendaItemRow | undefined> {
  const [item] = await db.select().from(agendaItems).where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)));
  return item;
}

export async function deleteAgendaItems(db: Db, ids: string[]): Promise<void> {
  if (ids.length) await db.delete(agendaItems).where(inArray(agendaItems.id, ids));
}

export async function updateAgendaItem(db: Db, id: string, values: AgendaItemValues): Promise<void> {
  await db.update(agendaItems).set({ title: values.title, kind: values.kind, presenter: values.presenter ?? null, minutesAllotted: values.minutesAllotted ?? null, position: values.position }).where(eq(agendaItems.id, id));
}

async function lastPosition(db: Db, meetingId: string): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(db, sql`SELECT coalesce(max(position), 0)::int AS n FROM collaboratives_agenda_items WHERE meeting_id = ${meetingId}`);
  return row.n;
}

/** The collaborative's next meeting that is not over and not cancelled, locked for the change. */
async function nextMeetingForUpdate(db: Db, collaborativeId: string) {
  const [next] = await rowsOf<{ id: string; title: string; startsAt: string }>(db, sql`
    SELECT id, title, starts_at::text AS "startsAt" FROM collaboratives_meetings
    WHERE collaborative_id = ${collaborativeId} AND ends_at >= now() AND status <> 'cancelled'
    ORDER BY starts_at LIMIT 1
    FOR UPDATE`);
  return next;
}

/**
 * Appends a discussion item to the agenda of the collaborative's next meeting that is not
 * cancelled, and bumps the meeting's version so an agenda open in someone's editor is
 * reloaded rather than overwritten. Null when no meeting is coming.
 */
export async function appendToNextAgenda(db: Db, collaborativeId: string, title: string): Promise<{ meetingId: string; meetingTitle: string; startsAt: string; agendaItemId: string } | null> {
  const next = await nextMeetingForUpdate(db, collaborativeId);
  if (!next) return null;
  await bumpMeetingVersion(db, next.id);
  const [agendaItemId] = await insertAgendaItems(db, next.id, [{ title: title.slice(0, 300), kind: 'discussion', position: (await lastPosition(db, next.id)) + 1 }]);
  return { meetingId: next.id, meetingTitle: next.title, startsAt: next.startsAt, agendaItemId };
}
