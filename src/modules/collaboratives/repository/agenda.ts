/** Agenda items added from elsewhere: evidence handed on to a collaborative's next meeting. */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../core/db/database';

/**
 * Appends a discussion item to the agenda of the collaborative's next meeting that is not
 * cancelled, and bumps the meeting's version so an agenda open in someone's editor is
 * reloaded rather than overwritten. Null when no meeting is coming.
 */
export async function appendToNextAgenda(db: Db, collaborativeId: string, title: string): Promise<{ meetingId: string; meetingTitle: string; startsAt: string; agendaItemId: string } | null> {
  const [next] = await rowsOf<{ id: string; title: string; startsAt: string }>(db, sql`
    UPDATE collaboratives_meetings SET version = version + 1
    WHERE id = (SELECT id FROM collaboratives_meetings
                WHERE collaborative_id = ${collaborativeId} AND ends_at >= now() AND status <> 'cancelled'
                ORDER BY starts_at LIMIT 1)
    RETURNING id, title, starts_at::text AS "startsAt"`);
  if (!next) return null;
  const [item] = await rowsOf<{ id: string }>(db, sql`
    INSERT INTO collaboratives_agenda_items (meeting_id, position, title, kind)
    SELECT ${next.id}, coalesce(max(position), 0) + 1, ${title.slice(0, 300)}, 'discussion'
    FROM collaboratives_agenda_items WHERE meeting_id = ${next.id}
    RETURNING id`);
  return { meetingId: next.id, meetingTitle: next.title, startsAt: next.startsAt, agendaItemId: item.id };
}
